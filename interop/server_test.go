package interop

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/encoding"
)

// target is the server the consumer tests fetch from, and what it holds.
type target struct {
	URL    string
	Mode   string        // "server" (handlers over the embedded store) or "files" (see startFiles)
	Bundle *graph.Bundle // the reference: every actor and relation served
	Stats  graph.Stats   // GET /v1/stats
}

var (
	targetOnce sync.Once
	shared     *target
	sharedErr  string
)

// setup starts the server once for the whole package run.
func setup(t *testing.T) *target {
	t.Helper()
	targetOnce.Do(func() {
		shared, sharedErr = start()
	})
	if sharedErr != "" {
		t.Fatal(sharedErr)
	}
	return shared
}

// extraBundle reads the fixture bundle that adds Arabic, accented and
// punctuation-heavy names, a contested relation and a parallel edge.
func extraBundle(dir string) (*graph.Bundle, string) {
	f, err := os.Open(filepath.Join(dir, "interop", "testdata", "extra-bundle.json"))
	if err != nil {
		return nil, err.Error()
	}
	defer f.Close()
	b, ps := graph.DecodeBundle(f, "extra-bundle.json")
	if len(ps) > 0 {
		return nil, (&graph.ValidationError{Problems: ps}).Error()
	}
	return b, ""
}

// start starts the file-backed server (see startFiles) until the real
// handlers and embedded store land.
func start() (*target, string) {
	return startFiles()
}

// startFiles serves the seed bundle read from seeds/data/*.json plus the
// fixture bundle, with only the two routes the consumer tests use
// (/v1/stats and /v1/export?format=), rendered by graph/encoding. It stands
// in for handlers.New while the handlers and the embedded store are being
// written, so that the writers are proven against the tools already; it is
// replaced by the real server as soon as those packages build.
func startFiles() (*target, string) {
	dir := repoRoot()
	b := &graph.Bundle{}
	files, _ := filepath.Glob(filepath.Join(dir, "seeds", "data", "*.json"))
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			return nil, err.Error()
		}
		part, ps := graph.DecodeBundle(f, filepath.Base(name))
		f.Close()
		if len(ps) > 0 {
			return nil, (&graph.ValidationError{Problems: ps}).Error()
		}
		b.Append(part)
	}
	extra, msg := extraBundle(dir)
	if msg != "" {
		return nil, msg
	}
	b.Append(extra)
	if err := b.Validate(nil); err != nil {
		return nil, err.Error()
	}
	graph.SortActors(b.Actors)
	graph.SortRelations(b.Relations)
	stats := graph.Stats{Actors: len(b.Actors), Relations: len(b.Relations), Sources: len(b.Sources)}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/stats", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(stats)
	})
	mux.HandleFunc("GET /v1/export", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if q.Get("format") == "" || q.Get("format") == "json" {
			w.Header().Set("Content-Type", "application/json")
			json.NewEncoder(w).Encode(b)
			return
		}
		f, err := encoding.Parse(q.Get("format"))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		opts := encoding.Options{Part: q.Get("part")}
		ew, err := encoding.NewWriter(w, f, opts)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", f.ContentType(opts))
		for _, a := range b.Actors {
			ew.Node(a)
		}
		for i := range b.Relations {
			ew.Edge(graph.EdgeOf(&b.Relations[i]))
		}
		ew.Close()
	})
	srv := httptest.NewServer(mux)
	return &target{URL: srv.URL, Mode: "files", Bundle: b, Stats: stats}, ""
}

// get fetches path from the target and checks the status.
func (tg *target) get(t *testing.T, path string) (body []byte, contentType string) {
	t.Helper()
	resp, err := http.Get(tg.URL + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, err = io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s\n%s", path, resp.Status, body)
	}
	return body, resp.Header.Get("Content-Type")
}

// save fetches path into a file of the test's temporary directory.
func (tg *target) save(t *testing.T, path, name string) (file string, body []byte) {
	t.Helper()
	body, _ = tg.get(t, path)
	file = filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(file, body, 0o644); err != nil {
		t.Fatal(err)
	}
	return file, body
}

// expected is the reference graph as the Python and Node checks read it.
type expected struct {
	Nodes map[string]expNode `json:"nodes"`
	Edges map[string]expEdge `json:"edges"`
	// Names that must come through byte for byte (Arabic, accented).
	MustHave []string `json:"must_have"`
}

type expNode struct {
	Name        string   `json:"name"`
	Kind        string   `json:"kind"`
	Aliases     []string `json:"aliases"`
	Description string   `json:"description"`
}

type expEdge struct {
	Source        string  `json:"source"`
	Target        string  `json:"target"`
	Type          string  `json:"type"`
	Role          string  `json:"role"`
	Confidence    float64 `json:"confidence"`
	Contested     bool    `json:"contested"`
	ValidFrom     string  `json:"valid_from"`
	ValidTo       string  `json:"valid_to"`
	EvidenceCount int     `json:"evidence_count"`
	FirstSource   string  `json:"first_source"`
	FirstQuote    string  `json:"first_quote"`
}

// expectations writes the reference as JSON for the external checkers and
// returns the file.
func (tg *target) expectations(t *testing.T) string {
	t.Helper()
	ex := expected{Nodes: map[string]expNode{}, Edges: map[string]expEdge{}}
	for _, a := range tg.Bundle.Actors {
		ex.Nodes[a.ID] = expNode{Name: a.Name, Kind: string(a.Kind), Aliases: append([]string{}, a.Aliases...), Description: a.Description}
		if a.Name != asciiFold(a.Name) {
			ex.MustHave = append(ex.MustHave, a.Name)
		}
	}
	sort.Strings(ex.MustHave)
	for i := range tg.Bundle.Relations {
		e := graph.EdgeOf(&tg.Bundle.Relations[i])
		ex.Edges[e.ID] = expEdge{Source: e.From, Target: e.To, Type: e.Type, Role: e.Role, Confidence: e.Confidence,
			Contested: e.Contested, ValidFrom: e.ValidFrom.String(), ValidTo: e.ValidTo.String(),
			EvidenceCount: e.EvidenceCount, FirstSource: e.FirstSource, FirstQuote: e.FirstQuote}
	}
	file := filepath.Join(t.TempDir(), "expected.json")
	data, _ := json.MarshalIndent(ex, "", " ")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

// asciiFold drops every non-ASCII rune, to find names that are not plain
// ASCII.
func asciiFold(s string) string {
	return strings.Map(func(r rune) rune {
		if r > 0x7f {
			return -1
		}
		return r
	}, s)
}
