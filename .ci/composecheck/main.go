// Command composecheck validates actorgraph's docker-compose.yml and
// Dockerfile without a Docker engine (CI has none).
//
//	go run . -compose ../../docker-compose.yml -env ../../.env.example -dockerfile ../../Dockerfile
//
// The compose file is loaded by compose-go, the loader of `docker compose`
// itself: it checks the file against the Compose specification's JSON
// schema, interpolates the variables from the env file, and resolves
// anchors, merges and depends_on. The result is then checked against what
// the deployment needs (see checkProject). The Dockerfile gets line checks:
// multi-stage, a static build, a non-root user, a HEALTHCHECK.
//
// It lives in its own module so that compose-go's dependencies stay out of
// actorgraph's go.mod.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/types"
)

func main() {
	compose := flag.String("compose", "docker-compose.yml", "compose file")
	env := flag.String("env", ".env.example", "env file that supplies the variables")
	dockerfile := flag.String("dockerfile", "Dockerfile", "Dockerfile")
	flag.Parse()
	var problems []string
	p, err := load(*compose, *env)
	if err != nil {
		problems = append(problems, err.Error())
	} else {
		problems = append(problems, checkProject(p)...)
	}
	df, err := os.ReadFile(*dockerfile)
	if err != nil {
		problems = append(problems, err.Error())
	} else {
		problems = append(problems, checkDockerfile(string(df))...)
	}
	problems = append(problems, checkEnvFile(*env)...)
	if len(problems) > 0 {
		fmt.Fprintf(os.Stderr, "composecheck: %d problem(s)\n", len(problems))
		for _, pr := range problems {
			fmt.Fprintln(os.Stderr, "  "+pr)
		}
		os.Exit(1)
	}
	fmt.Printf("composecheck: %s (services %s) and %s are valid\n", *compose, strings.Join(p.ServiceNames(), ", "), *dockerfile)
}

// load loads a compose file as `docker compose config` does, with the
// variables of envFile only (not the process environment).
func load(compose, envFile string) (*types.Project, error) {
	opts := []cli.ProjectOptionsFn{cli.WithName("actorgraph")}
	if envFile != "" {
		opts = append(opts, cli.WithEnvFiles(envFile), cli.WithDotEnv)
	}
	o, err := cli.NewProjectOptions([]string{compose}, opts...)
	if err != nil {
		return nil, err
	}
	return o.LoadProject(context.Background())
}

// checkProject checks the loaded project against the deployment's needs.
func checkProject(p *types.Project) []string {
	var ps []string
	bad := func(format string, args ...any) { ps = append(ps, fmt.Sprintf(format, args...)) }
	svc := func(name string) (types.ServiceConfig, bool) {
		s, ok := p.Services[name]
		if !ok {
			bad("service %s is missing", name)
		}
		return s, ok
	}

	if neo, ok := svc("neo4j"); ok {
		if neo.Image != "neo4j:5.26-community" {
			bad("neo4j: image %q, want neo4j:5.26-community", neo.Image)
		}
		auth := envValue(neo, "NEO4J_AUTH")
		user, pass, found := strings.Cut(auth, "/")
		if !found || user == "" || len(pass) < 8 {
			bad("neo4j: NEO4J_AUTH must be user/password with a password of 8+ characters, got %q", mask(auth))
		}
		if hc := neo.HealthCheck; hc == nil || !strings.Contains(strings.Join(hc.Test, " "), "wget -q --spider http://localhost:7474") {
			bad("neo4j: healthcheck must probe http://localhost:7474 with wget (the image has no curl)")
		}
		for _, target := range []string{"/data", "/logs"} {
			if !slices.ContainsFunc(neo.Volumes, func(v types.ServiceVolumeConfig) bool { return v.Target == target && v.Type == types.VolumeTypeVolume }) {
				bad("neo4j: no named volume mounted at %s", target)
			}
		}
	}

	checkClient := func(name string, s types.ServiceConfig) {
		if s.Build == nil {
			bad("%s: must be built from the repository (build: .)", name)
		}
		if envValue(s, "ACTORGRAPH_STORE") != "neo4j" {
			bad("%s: ACTORGRAPH_STORE must be neo4j", name)
		}
		if uri := envValue(s, "ACTORGRAPH_NEO4J_URI"); uri != "bolt://neo4j:7687" {
			bad("%s: ACTORGRAPH_NEO4J_URI is %q, want bolt://neo4j:7687", name, uri)
		}
		if n := p.Services["neo4j"]; envValue(n, "NEO4J_AUTH") != envValue(s, "ACTORGRAPH_NEO4J_USER")+"/"+envValue(s, "ACTORGRAPH_NEO4J_PASSWORD") {
			bad("%s: ACTORGRAPH_NEO4J_USER/ACTORGRAPH_NEO4J_PASSWORD do not match neo4j's NEO4J_AUTH", name)
		}
		if d, ok := s.DependsOn["neo4j"]; !ok || d.Condition != types.ServiceConditionHealthy {
			bad("%s: must depend on neo4j with condition service_healthy", name)
		}
	}
	if seed, ok := svc("seed"); ok {
		checkClient("seed", seed)
		if got := strings.Join(seed.Command, " "); got != "seed --store neo4j" {
			bad("seed: command %q, want \"seed --store neo4j\"", got)
		}
		if seed.Restart != "" && seed.Restart != "no" {
			bad("seed: a one-shot service must not restart (restart: %q)", seed.Restart)
		}
	}
	if ag, ok := svc("actorgraph"); ok {
		checkClient("actorgraph", ag)
		if d, ok := ag.DependsOn["seed"]; !ok || d.Condition != types.ServiceConditionCompletedSuccessfully {
			bad("actorgraph: must depend on seed with condition service_completed_successfully")
		}
		if got := strings.Join(ag.Command, " "); got != "serve" {
			bad("actorgraph: command %q, want \"serve\"", got)
		}
		if l := envValue(ag, "ACTORGRAPH_LISTEN"); !strings.HasPrefix(l, ":") && !strings.HasPrefix(l, "0.0.0.0:") {
			bad("actorgraph: ACTORGRAPH_LISTEN %q must listen on every interface inside the container (\":8080\")", l)
		}
		if !slices.ContainsFunc(ag.Ports, func(pc types.ServicePortConfig) bool { return pc.Target == 8080 }) {
			bad("actorgraph: container port 8080 is not published")
		}
	}
	return ps
}

func envValue(s types.ServiceConfig, key string) string {
	if v, ok := s.Environment[key]; ok && v != nil {
		return *v
	}
	return ""
}

func mask(auth string) string {
	if u, _, ok := strings.Cut(auth, "/"); ok {
		return u + "/********"
	}
	return auth
}

var (
	fromLine   = regexp.MustCompile(`(?im)^FROM\s+\S+(\s+AS\s+\S+)?\s*$`)
	userLine   = regexp.MustCompile(`(?im)^USER\s+(\S+)\s*$`)
	healthLine = regexp.MustCompile(`(?im)^HEALTHCHECK\s+.*CMD`)
)

// checkDockerfile checks the image is multi-stage, static, non-root and
// health-checked. Continuation lines are joined first.
func checkDockerfile(text string) []string {
	text = strings.ReplaceAll(text, "\\\n", " ")
	var ps []string
	if n := len(fromLine.FindAllString(text, -1)); n < 2 {
		ps = append(ps, fmt.Sprintf("Dockerfile: %d FROM stage(s), want a multi-stage build", n))
	}
	if !strings.Contains(text, "CGO_ENABLED=0") {
		ps = append(ps, "Dockerfile: the binary must be built static (CGO_ENABLED=0)")
	}
	users := userLine.FindAllStringSubmatch(text, -1)
	if len(users) == 0 {
		ps = append(ps, "Dockerfile: no USER: the image would run as root")
	} else if u := users[len(users)-1][1]; u == "root" || u == "0" || strings.HasPrefix(u, "0:") || strings.HasPrefix(u, "root:") {
		ps = append(ps, fmt.Sprintf("Dockerfile: the final USER is %s", u))
	}
	if !healthLine.MatchString(text) {
		ps = append(ps, "Dockerfile: no HEALTHCHECK ... CMD")
	}
	return ps
}

// checkEnvFile checks that the example env file gives a usable password.
func checkEnvFile(path string) []string {
	b, err := os.ReadFile(path)
	if err != nil {
		return []string{err.Error()}
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "NEO4J_PASSWORD="); ok {
			if len(v) < 8 {
				return []string{fmt.Sprintf("%s: NEO4J_PASSWORD must have 8+ characters (Neo4j refuses shorter ones)", path)}
			}
			return nil
		}
	}
	return []string{fmt.Sprintf("%s: no NEO4J_PASSWORD line", path)}
}
