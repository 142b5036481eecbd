package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/analyst"
	"github.com/actorgraph/actorgraph/apikey"
	"github.com/actorgraph/actorgraph/config"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/embedded"
)

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// runCLI runs one command line in dir and returns its output.
func runCLI(t *testing.T, dir string, environ []string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errb syncBuffer
	a := newApp(&out, &errb, environ)
	t.Chdir(dir)
	err = a.execute(context.Background(), args)
	return out.String(), errb.String(), err
}

// TestServeEndToEnd starts the real serve code path on a free loopback
// port with the seed graph and drives it over HTTP.
func TestServeEndToEnd(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	key := "ag_e2e_write_key"
	environ := []string{"ACTORGRAPH_API_KEYS=e2e=" + apikey.Hash(key) + ":write", "ACTORGRAPH_LOG_FORMAT=json"}
	var stdout, stderr syncBuffer
	a := newApp(&stdout, &stderr, environ)
	addrc := make(chan string, 1)
	a.ready = func(addr string) { addrc <- addr }
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- a.execute(ctx, []string{"serve", "--listen", "127.0.0.1:0", "--data-dir", filepath.Join(dir, "data")})
	}()
	var base string
	select {
	case addr := <-addrc:
		base = "http://" + addr
	case err := <-done:
		t.Fatalf("serve stopped: %v\n%s", err, stderr.String())
	case <-time.After(60 * time.Second):
		t.Fatalf("serve did not start\n%s", stderr.String())
	}
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve returned %v", err)
		}
		if !strings.Contains(stderr.String(), `"msg":"stopped"`) {
			t.Errorf("no graceful stop in the log:\n%s", stderr.String())
		}
	}()

	client := &http.Client{Timeout: 30 * time.Second}
	send := func(method, path, body, key string) (int, http.Header, []byte) {
		t.Helper()
		var r io.Reader
		if body != "" {
			r = strings.NewReader(body)
		}
		req, err := http.NewRequest(method, base+path, r)
		if err != nil {
			t.Fatal(err)
		}
		if key != "" {
			req.Header.Set("Authorization", "Bearer "+key)
		}
		if body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatalf("%s %s: %v", method, path, err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return resp.StatusCode, resp.Header, b
	}
	decode := func(b []byte, v any) {
		t.Helper()
		if err := json.Unmarshal(b, v); err != nil {
			t.Fatalf("%v: %s", err, b)
		}
	}

	t.Run("malformed request is a problem", func(t *testing.T) {
		// net/http answers it before the router: the server's listener
		// makes the answer a problem (handlers.ProblemListener).
		conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		io.WriteString(conn, "GET /v1/actors/%zz HTTP/1.1\r\nHost: x\r\n\r\n")
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 400 || resp.Header.Get("Content-Type") != "application/problem+json" || !strings.Contains(string(b), `"code":"invalid_argument"`) {
			t.Errorf("%d %s %s", resp.StatusCode, resp.Header.Get("Content-Type"), b)
		}
	})

	t.Run("search", func(t *testing.T) {
		code, h, b := send("GET", "/v1/actors?q=kouachi", "", "")
		var res struct {
			Total int `json:"total"`
			Hits  []struct {
				ID     string `json:"id"`
				Degree int    `json:"degree"`
			} `json:"hits"`
		}
		decode(b, &res)
		if code != 200 || res.Total < 2 || h.Get("X-Request-Id") == "" {
			t.Fatalf("%d %s", code, b)
		}
		ids := map[string]bool{}
		for _, h := range res.Hits {
			ids[h.ID] = true
		}
		if !ids["cherif-kouachi"] || !ids["said-kouachi"] {
			t.Errorf("hits %s", b)
		}
	})
	t.Run("paths by name", func(t *testing.T) {
		code, _, b := send("GET", "/v1/paths?from="+url.QueryEscape("Amedy Coulibaly")+"&to=AQAP&mode=k_shortest&k=2", "", "")
		var res struct {
			Paths []struct {
				Text string `json:"text"`
				Hops []struct {
					Relation struct {
						Evidence []struct {
							Quote, Claimant, Grading, SourceTitle string
						} `json:"evidence"`
					} `json:"relation"`
				} `json:"hops"`
			} `json:"paths"`
		}
		decode(b, &res)
		if code != 200 || len(res.Paths) == 0 {
			t.Fatalf("%d %s", code, b)
		}
		p := res.Paths[0]
		if !strings.HasPrefix(p.Text, "Amedy Coulibaly ") || !strings.Contains(p.Text, "Al-Qaeda in the Arabian Peninsula") || len(p.Hops) == 0 {
			t.Errorf("path %q", p.Text)
		}
		for _, h := range p.Hops {
			if len(h.Relation.Evidence) == 0 || h.Relation.Evidence[0].Quote == "" {
				t.Errorf("a hop without quoted evidence: %s", b)
			}
		}
	})
	t.Run("subgraph", func(t *testing.T) {
		code, _, b := send("POST", "/v1/subgraph", `{"seeds":["Amedy Coulibaly","cherif-kouachi"],"depth":1,"limit":50}`, "")
		var res struct {
			Nodes []graph.Actor    `json:"nodes"`
			Edges []graph.Relation `json:"edges"`
		}
		decode(b, &res)
		if code != 200 || len(res.Nodes) < 3 || len(res.Edges) < 2 || len(res.Nodes) > 50 {
			t.Fatalf("%d nodes %d edges %d", code, len(res.Nodes), len(res.Edges))
		}
		// networkx's node-link form of the same subgraph.
		code, h, b := send("POST", "/v1/subgraph?format=nodelink", `{"seeds":["Amedy Coulibaly"],"depth":1}`, "")
		if code != 200 || !strings.Contains(string(b), `"multigraph":true`) || !strings.HasPrefix(h.Get("Content-Type"), "application/json") {
			t.Errorf("nodelink: %d %s", code, b)
		}
	})
	t.Run("csv edges", func(t *testing.T) {
		code, h, b := send("GET", "/v1/relations?format=csv&types=TRAINED_BY", "", "")
		if code != 200 || !strings.HasPrefix(h.Get("Content-Type"), "text/csv") {
			t.Fatalf("%d %s: %s", code, h.Get("Content-Type"), b)
		}
		rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil || len(rows) < 2 || rows[0][0] != "id" || rows[0][1] != "source" {
			t.Fatalf("csv %v: %s", err, b)
		}
		for _, r := range rows[1:] {
			if r[3] != "TRAINED_BY" {
				t.Errorf("row of type %s", r[3])
			}
		}
	})
	t.Run("healthcheck", func(t *testing.T) {
		for _, tc := range []struct {
			url  string
			fail bool
		}{
			{base + "/readyz", false},
			{base + "/healthz", false},
			{base + "/v1/actors/no-such-actor", true},
		} {
			var out, errb syncBuffer
			err := newApp(&out, &errb, nil).execute(context.Background(), []string{"healthcheck", "--url", tc.url})
			if (err != nil) != tc.fail {
				t.Errorf("healthcheck %s: err %v, want failure %v (stdout %q)", tc.url, err, tc.fail, out.String())
			}
		}
	})
	t.Run("write without and with a key", func(t *testing.T) {
		body := `{"id":"e2e-test-actor","kind":"person","name":"E2E Test Actor"}`
		if code, _, b := send("POST", "/v1/actors", body, ""); code != 401 {
			t.Fatalf("without key: %d %s", code, b)
		}
		code, h, b := send("POST", "/v1/actors", body, key)
		if code != 201 || h.Get("Location") != "/v1/actors/e2e-test-actor" {
			t.Fatalf("with key: %d %s", code, b)
		}
		if code, _, b := send("GET", "/v1/actors/E2E%20Test%20Actor", "", ""); code != 200 {
			t.Errorf("read back: %d %s", code, b)
		}
		if code, _, _ := send("DELETE", "/v1/actors/e2e-test-actor", "", key); code != 204 {
			t.Errorf("delete: %d", code)
		}
	})
	problem := func(t *testing.T, path string, status int, code string) map[string]any {
		t.Helper()
		got, h, b := send("GET", path, "", "")
		var p map[string]any
		decode(b, &p)
		if got != status || p["code"] != code || h.Get("Content-Type") != "application/problem+json" {
			t.Fatalf("%s: %d %s %s", path, got, h.Get("Content-Type"), b)
		}
		return p
	}
	t.Run("bad parameter", func(t *testing.T) {
		p := problem(t, "/v1/paths?from=amedy-coulibaly&to=aqap&max_hop=3", 400, "invalid_argument")
		if !strings.Contains(p["detail"].(string), "max_hop") {
			t.Errorf("detail %v", p["detail"])
		}
		problem(t, "/v1/paths?from=amedy-coulibaly&to=aqap&max_hops=99", 400, "invalid_argument")
	})
	t.Run("unknown actor", func(t *testing.T) {
		problem(t, "/v1/paths?from=nobody-we-know&to=aqap", 404, "not_found")
		problem(t, "/v1/actors/nobody-we-know", 404, "not_found")
	})
	t.Run("ambiguous name", func(t *testing.T) {
		p := problem(t, "/v1/paths?from=kouachi&to=aqap", 409, "ambiguous")
		cands, _ := p["candidates"].([]any)
		if len(cands) < 2 {
			t.Fatalf("candidates %v", p["candidates"])
		}
	})
	t.Run("operations", func(t *testing.T) {
		for _, path := range []string{"/healthz", "/readyz", "/metrics", "/openapi.json", "/"} {
			if code, _, _ := send("GET", path, "", ""); code != 200 {
				t.Errorf("%s: %d", path, code)
			}
		}
	})
}

func TestCLI(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name    string
		args    []string
		environ []string
		wantErr bool
		want    []string // substrings of stdout
		stderr  []string // substrings of stderr, with the error main prints
	}{
		{name: "path", args: []string{"path", "Amedy Coulibaly", "AQAP"},
			want: []string{"Path 1 of ", "Amedy Coulibaly —", "Al-Qaeda in the Arabian Peninsula", "“", "graded "}},
		{name: "path k", args: []string{"path", "amedy-coulibaly", "aqap", "--mode", "k_shortest", "--k", "2", "--max-hops", "5"}, want: []string{"Path 2 of 2"}},
		{name: "path ambiguous", args: []string{"path", "kouachi", "AQAP"}, wantErr: true, stderr: []string{"matches 2 actors", "cherif-kouachi", "said-kouachi"}},
		{name: "path did you mean", args: []string{"path", "Cherif Kouachy", "AQAP"}, wantErr: true,
			stderr: []string{"Did you mean:", "cherif-kouachi", "transliteration of Chérif Kouachi"}},
		{name: "path did you mean a transliteration", args: []string{"path", "Usama bin Laden", "AQAP"}, wantErr: true,
			stderr: []string{`"Usama bin Laden". Did you mean:`, "osama-bin-laden", "transliteration of Osama bin Laden"}},
		{name: "path resting on a refuted claim", args: []string{"path", "Khalid Masood", "Islamic State"},
			want: []string{"No path from Khalid Masood to Islamic State", "Set aside", "Khalid Masood —INSPIRED_BY→ Islamic State", "khalid-masood--inspired-by--islamic-state", "REFUTED", "REFUTES: “"}},
		{name: "path include refuted", args: []string{"path", "Khalid Masood", "Islamic State", "--include-refuted"},
			want: []string{"Path 1 of 1 (1 hop): Khalid Masood —INSPIRED_BY→ Islamic State", "REFUTED"}},
		{name: "path bound", args: []string{"path", "amedy-coulibaly", "aqap", "--max-hops", "50"}, wantErr: true},
		{name: "search", args: []string{"search", "kouachi"}, want: []string{"cherif-kouachi", "said-kouachi", "SCORE", "DEGREE", "part of Chérif Kouachi"}},
		{name: "search transliteration", args: []string{"search", "Usama bin Laden"}, want: []string{"osama-bin-laden", "transliteration of Osama bin Laden"}},
		{name: "search kind", args: []string{"search", "daesh", "--kind", "organization"}, want: []string{"islamic-state"}},
		{name: "seed check", args: []string{"seed", "--check"}, want: []string{"The seed bundle is valid", "quotes found"}},
		{name: "config masks secrets", args: []string{"config", "--listen", ":9090"},
			environ: []string{"ACTORGRAPH_NEO4J_PASSWORD=hunter2", "ACTORGRAPH_API_KEYS=" + apikey.Hash("k") + ":read"},
			want:    []string{"listen: :9090", "password: '********'", "sha256:********"}},
		{name: "config invalid", args: []string{"config", "--store", "sqlite"}, wantErr: true, stderr: []string{"store: must be embedded or neo4j"}},
		{name: "serve invalid config", args: []string{"serve", "--store", "sqlite", "--log-level", "loud"}, wantErr: true,
			stderr: []string{"invalid configuration: 2 problem(s)", "store:", "log.level:"}},
		{name: "migrate needs neo4j", args: []string{"migrate"}, wantErr: true},
		{name: "gen", args: []string{"gen", "--actors", "40", "--relations", "60", "--seed", "7"}, want: []string{`"format":"actorgraph-bundle/1"`}},
		{name: "top", args: []string{"top", "--measure", "betweenness", "--top", "5"},
			want: []string{"Betweenness centrality: ", "Method: exact", "Graph: the undirected simple graph of the ", " RANK  VALUE", "    1  0.", "Islamic State (islamic-state)"}},
		{name: "top actors", args: []string{"top", "--measure", "pagerank", "--top", "3", "--actors", "Rachid Kassim", "--exclude-types", "LOCATED_IN,NATIONAL_OF"},
			want: []string{"PageRank with damping 0.85", "converged after", "The actors asked for:", "Rachid Kassim (rachid-kassim)"}},
		{name: "top series", args: []string{"top", "--measure", "betweenness", "--series", "2001..2018", "--top", "3"},
			want: []string{"at the end of 2018", "ACTOR", "BEST", "PEAK (YEAR)", "2001", "Islamic State", "One scale for all"}},
		{name: "top csv", args: []string{"top", "--measure", "degree", "--top", "2", "--csv"}, want: []string{"rank,id,name,kind,value,stderr\n1,"}},
		{name: "top bad measure", args: []string{"top", "--measure", "katz"}, wantErr: true, stderr: []string{"measure must be degree, betweenness"}},
		{name: "top bad series", args: []string{"top", "--series", "2018..2001"}, wantErr: true, stderr: []string{"series must run forward"}},
		{name: "top bound", args: []string{"top", "--top", "5000"}, wantErr: true, stderr: []string{"top must be between 1 and 1000"}},
		{name: "brokers", args: []string{"brokers", "AQAP", "Islamic State", "--expand", "members,affiliates", "--top", "3"},
			want: []string{"Brokers between A (Al-Qaeda in the Arabian Peninsula with ", "(Islamic State with 2 affiliates and ", "Set aside: 1 pair joined directly", "RANK      SCORE", "e.g. "}},
		{name: "brokers evidence", args: []string{"brokers", "aqap", "islamic-state", "--top", "1", "--evidence"}, want: []string{"e.g. ", "“", "graded "}},
		{name: "brokers csv", args: []string{"brokers", "aqap", "islamic-state", "--csv"}, want: []string{"rank,id,name,kind,side,score,paths,share,example\n1,"}},
		{name: "brokers ambiguous", args: []string{"brokers", "Kouachi", "AQAP"}, wantErr: true, stderr: []string{"matches 2 actors", "cherif-kouachi"}},
		{name: "brokers one set", args: []string{"brokers", "AQAP"}, wantErr: true},
		{name: "connect", args: []string{"connect", "Amedy Coulibaly", "Rachid Kassim", "Masood Azhar"},
			want: []string{"Connecting network of 3 actors: all 3 actors are joined", "Method: Mehlhorn's 2-approximation of the Steiner tree", "1. Amedy Coulibaly to ", "“", "graded "}},
		{name: "connect gaps", args: []string{"connect", "Amedy Coulibaly", "Rachid Kassim", "Khalid Masood", "--types", "MEMBER_OF,PLEDGED_ALLEGIANCE_TO", "--brief"},
			want: []string{"2 of the 3 actors are joined", "Not joined:", "Khalid Masood (unreachable): Khalid Masood has no relation that passes the"}},
		{name: "connect one actor", args: []string{"connect", "AQAP"}, wantErr: true},
		{name: "communities", args: []string{"communities", "--top", "3", "--actors", "AQAP"},
			want: []string{" communities, modularity 0.", "Method: Leiden", "  #   SIZE  INSIDE  OUTSIDE  NAME", "  1  ", "Al-Qaeda in the Arabian Peninsula is in community "}},
		{name: "communities csv", args: []string{"communities", "--csv"}, want: []string{"id,name,kind,community,community_size,community_name,inside\n"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, err := runCLI(t, dir, tt.environ, tt.args...)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err %v, want error %v\nstdout %s\nstderr %s", err, tt.wantErr, out, errOut)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("stdout lacks %q:\n%s", w, out)
				}
			}
			if err != nil {
				errOut += "actorgraph: " + err.Error() // as main prints it
			}
			for _, w := range tt.stderr {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errOut)
				}
			}
			if strings.Contains(out+errOut, "hunter2") {
				t.Errorf("a secret was printed")
			}
			// The analysis commands print in 80 columns (but for CSV).
			if a := tt.args[0]; (a == "top" || a == "brokers" || a == "connect" || a == "communities") && !slices.Contains(tt.args, "--csv") {
				for _, l := range strings.Split(out, "\n") {
					if n := utf8.RuneCountInString(l); n > 80 {
						t.Errorf("a line of %d columns: %s", n, l)
					}
				}
			}
		})
	}
}

// TestStoreInUse checks that a command on a data directory a server holds
// says so and how to get round it.
func TestStoreInUse(t *testing.T) {
	dir := t.TempDir()
	s, err := embedded.Open(context.Background(), embedded.Options{Dir: filepath.Join(dir, "data")})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, _, err = runCLI(t, dir, nil, "search", "kouachi", "--data-dir", filepath.Join(dir, "data"))
	if err == nil || !strings.Contains(err.Error(), "in use") || !strings.Contains(err.Error(), "--data-dir") {
		t.Fatalf("search on a locked store: %v", err)
	}
}

func TestHashKeyCommand(t *testing.T) {
	out, _, err := runCLI(t, t.TempDir(), nil, "hash-key", "--name", "ci", "--roles", "read")
	if err != nil {
		t.Fatal(err)
	}
	var key, hash string
	for _, line := range strings.Split(out, "\n") {
		if k, ok := strings.CutPrefix(line, "key:  "); ok {
			key = k
		}
		if h, ok := strings.CutPrefix(line, "hash: "); ok {
			hash = h
		}
	}
	if key == "" || hash != apikey.Hash(key) || !strings.Contains(out, "roles: [read]") || !strings.Contains(out, "ACTORGRAPH_API_KEYS='ci="+hash+":read'") {
		t.Errorf("output:\n%s", out)
	}
	_, _, err = runCLI(t, t.TempDir(), nil, "hash-key", "--roles", "admin")
	if err == nil || !strings.Contains(err.Error(), "roles are read, write and metrics") {
		t.Errorf("an unknown role: %v", err)
	}
	// A key for a Prometheus scraper (issue 13): the configuration accepts
	// what hash-key prints.
	out, _, err = runCLI(t, t.TempDir(), nil, "hash-key", "--name", "prometheus", "--roles", "metrics")
	if err != nil || !strings.Contains(out, "roles: [metrics]") {
		t.Fatalf("hash-key --roles metrics: %v\n%s", err, out)
	}
	env := out[strings.Index(out, "ACTORGRAPH_API_KEYS='")+len("ACTORGRAPH_API_KEYS='"):]
	env = env[:strings.IndexByte(env, '\'')]
	if _, _, err := runCLI(t, t.TempDir(), []string{"ACTORGRAPH_API_KEYS=" + env}, "config"); err != nil {
		t.Errorf("the configuration refuses the metrics key %s: %v", env, err)
	}
}

// TestExportImport round-trips the seed graph through export and import
// into an empty store.
func TestExportImport(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "export.json")
	if _, errOut, err := runCLI(t, dir, nil, "export", "-o", file, "--data-dir", filepath.Join(dir, "a")); err != nil {
		t.Fatalf("export: %v %s", err, errOut)
	}
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	b, problems := graph.DecodeBundle(f, file)
	f.Close()
	if len(problems) > 0 || len(b.Actors) < 90 || len(b.Relations) < 180 {
		t.Fatalf("export: %d actors, %d relations, problems %v", len(b.Actors), len(b.Relations), problems)
	}
	out, errOut, err := runCLI(t, dir, nil, "import", file, "--no-seed", "--data-dir", filepath.Join(dir, "b"))
	if err != nil || !strings.Contains(out, "Imported") {
		t.Fatalf("import: %v %s %s", err, out, errOut)
	}
	out2, _, err := runCLI(t, dir, nil, "export", "--data-dir", filepath.Join(dir, "b"))
	if err != nil {
		t.Fatal(err)
	}
	orig, _ := os.ReadFile(file)
	if out2 != string(orig) {
		t.Errorf("export after import differs from the original export")
	}
	// A broken bundle lists every problem and writes nothing.
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"actors":[{"id":"x","kind":"thing"},{"id":"Y","kind":"person","name":"Y","colour":1}]}`), 0o644)
	_, errOut, err = runCLI(t, dir, nil, "import", bad, "--data-dir", filepath.Join(dir, "b"))
	if err == nil || !strings.Contains(errOut, "colour") {
		t.Errorf("bad import: %v %s", err, errOut)
	}
}

func TestLocalURL(t *testing.T) {
	for _, tc := range []struct {
		listen, want string
		fail         bool
	}{
		{"localhost:8080", "http://localhost:8080", false},
		{":8080", "http://127.0.0.1:8080", false},
		{"0.0.0.0:9000", "http://127.0.0.1:9000", false},
		{"[::]:9000", "http://127.0.0.1:9000", false},
		{"[::1]:9000", "http://[::1]:9000", false},
		{"10.1.2.3:80", "http://10.1.2.3:80", false},
		{"8080", "", true},
		{"host:", "", true},
	} {
		got, err := localURL(tc.listen)
		if (err != nil) != tc.fail || got != tc.want {
			t.Errorf("localURL(%q) = %q, %v; want %q (fail %v)", tc.listen, got, err, tc.want, tc.fail)
		}
	}
}

// TestAnalysisDefaults: the configuration's default analysis bounds are
// the application layer's.
func TestAnalysisDefaults(t *testing.T) {
	if got := analysisLimits(config.Default().Analysis); got != analyst.DefaultAnalysisLimits {
		t.Errorf("config.Default().Analysis gives %+v, analyst.DefaultAnalysisLimits is %+v", got, analyst.DefaultAnalysisLimits)
	}
}
