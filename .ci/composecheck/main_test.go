package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const (
	composeFile = "../../docker-compose.yml"
	envFile     = "../../.env.example"
	dockerFile  = "../../Dockerfile"
)

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// write writes text to a temp file named name and returns its path.
func write(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestRepositoryFilesAreValid(t *testing.T) {
	p, err := load(composeFile, envFile)
	if err != nil {
		t.Fatal(err)
	}
	if ps := checkProject(p); len(ps) > 0 {
		t.Errorf("compose: %q", ps)
	}
	if ps := checkDockerfile(read(t, dockerFile)); len(ps) > 0 {
		t.Errorf("Dockerfile: %q", ps)
	}
	if ps := checkEnvFile(envFile); len(ps) > 0 {
		t.Errorf("env: %q", ps)
	}
}

// TestComposeDefectsAreCaught breaks the real compose file one way at a
// time and checks that each break is reported.
func TestComposeDefectsAreCaught(t *testing.T) {
	orig := read(t, composeFile)
	env := read(t, envFile)
	for _, tc := range []struct {
		name, old, new string
		env            string // replaces the env file when set
		want           string // in the load error or one of the problems
	}{
		{"schema: unknown service key", "    restart: \"no\"\n", "    restart: \"no\"\n    restrat: always\n", "", "restrat"},
		{"schema: bad depends_on condition", "condition: service_completed_successfully", "condition: service_finished", "", "condition value must be one of"},
		{"no password in the env", "", "", "# nothing\n", "NEO4J_PASSWORD"},
		{"short password", "", "", "NEO4J_PASSWORD=short\n", "8+ characters"},
		{"wrong neo4j image", "image: neo4j:5.26-community", "image: neo4j:latest", "", "neo4j:latest"},
		{"curl healthcheck", "wget -q --spider http://localhost:7474", "curl -f http://localhost:7474", "", "healthcheck"},
		{"no logs volume", "      - neo4j-logs:/logs\n", "", "", "/logs"},
		{"seed not waiting for health", "    depends_on:\n      neo4j:\n        condition: service_healthy\n    restart: \"no\"", "    depends_on:\n      neo4j:\n        condition: service_started\n    restart: \"no\"", "", "seed: must depend on neo4j"},
		{"seed restarting", "    restart: \"no\"\n", "    restart: always\n", "", "one-shot"},
		{"serve not waiting for seed", "condition: service_completed_successfully", "condition: service_started", "", "service_completed_successfully"},
		{"wrong bolt uri", "bolt://neo4j:7687", "bolt://localhost:7687", "", "ACTORGRAPH_NEO4J_URI"},
		{"listening on loopback in the container", `ACTORGRAPH_LISTEN: ":8080"`, `ACTORGRAPH_LISTEN: "localhost:8080"`, "", "every interface"},
		{"mismatched credentials", "ACTORGRAPH_NEO4J_USER: neo4j", "ACTORGRAPH_NEO4J_USER: admin", "", "do not match"},
		{"no seed service", "  seed:\n", "  sead:\n", "", "seed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text := orig
			if tc.old != "" {
				if !strings.Contains(text, tc.old) {
					t.Fatalf("the compose file no longer contains %q: update this case", tc.old)
				}
				text = strings.Replace(text, tc.old, tc.new, 1)
			}
			dir := t.TempDir()
			e := env
			if tc.env != "" {
				e = tc.env
			}
			ef := write(t, dir, ".env", e)
			p, err := load(write(t, dir, "docker-compose.yml", text), ef)
			var got []string
			if err != nil {
				got = append(got, err.Error())
			} else {
				got = append(got, checkProject(p)...)
			}
			got = append(got, checkEnvFile(ef)...)
			if !strings.Contains(strings.Join(got, "\n"), tc.want) {
				t.Errorf("want a problem mentioning %q, got %q", tc.want, got)
			}
		})
	}
}

func TestDockerfileDefectsAreCaught(t *testing.T) {
	orig := read(t, dockerFile)
	for _, tc := range []struct{ name, old, new, want string }{
		{"single stage", "FROM golang:1.26-bookworm AS build\n", "", "multi-stage"},
		{"cgo", "CGO_ENABLED=0 ", "", "static"},
		{"root", "USER 65532:65532", "USER root", "final USER is root"},
		{"no user", "USER 65532:65532\n", "", "no USER"},
		{"no healthcheck", "HEALTHCHECK", "# HEALTH", "HEALTHCHECK"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(orig, tc.old) {
				t.Fatalf("the Dockerfile no longer contains %q: update this case", tc.old)
			}
			ps := checkDockerfile(strings.Replace(orig, tc.old, tc.new, 1))
			if !strings.Contains(strings.Join(ps, "\n"), tc.want) {
				t.Errorf("want a problem mentioning %q, got %q", tc.want, ps)
			}
		})
	}
}
