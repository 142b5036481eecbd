package interop

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/actorgraph/actorgraph/analyst"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/embedded"
	"github.com/actorgraph/actorgraph/handlers"
	"github.com/actorgraph/actorgraph/seeds"
)

// target is the server the consumer tests fetch from, and what it holds.
type target struct {
	URL    string
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

// start serves the seed graph plus the fixture bundle through the real
// API: handlers.New over an embedded store in a temporary directory, on a
// loopback port. The reference bundle is what was loaded; Stats is the
// server's own GET /v1/stats, and the server's native export must equal
// the reference before any tool is asked to load a format.
func start() (*target, string) {
	b, err := seeds.Bundle()
	if err != nil {
		return nil, err.Error()
	}
	extra, msg := extraBundle(repoRoot())
	if msg != "" {
		return nil, msg
	}
	b.Append(extra)
	if err := b.Validate(nil); err != nil {
		return nil, err.Error()
	}
	graph.SortActors(b.Actors)
	graph.SortRelations(b.Relations)

	dir, err := os.MkdirTemp("", "actorgraph-interop-")
	if err != nil {
		return nil, err.Error()
	}
	cleanups = append(cleanups, func() { os.RemoveAll(dir) })
	st, err := embedded.Open(context.Background(), embedded.Options{
		Dir:  filepath.Join(dir, "data"),
		Seed: func() (*graph.Bundle, error) { return b, nil },
	})
	if err != nil {
		return nil, "opening the embedded store: " + err.Error()
	}
	srv := httptest.NewServer(handlers.New(handlers.Deps{Service: analyst.New(analyst.Deps{Store: st})}))
	cleanups = append(cleanups, srv.Close, func() { st.Close() })

	tg := &target{URL: srv.URL, Bundle: b}
	if msg := tg.getJSON("/v1/stats", &tg.Stats); msg != "" {
		return nil, msg
	}
	var served graph.Bundle
	if msg := tg.getJSON("/v1/export", &served); msg != "" {
		return nil, msg
	}
	if len(served.Actors) != len(b.Actors) || len(served.Relations) != len(b.Relations) {
		return nil, fmt.Sprintf("the server exports %d actors and %d relations, want %d and %d",
			len(served.Actors), len(served.Relations), len(b.Actors), len(b.Relations))
	}
	for i := range b.Relations {
		if w, g := graph.EdgeOf(&b.Relations[i]), graph.EdgeOf(&served.Relations[i]); !reflect.DeepEqual(w, g) {
			return nil, fmt.Sprintf("the server exports relation %s as %+v, want %+v", w.ID, g, w)
		}
	}
	return tg, ""
}

// cleanups stop the server and remove its store after the package's tests.
var cleanups []func()

func TestMain(m *testing.M) {
	code := m.Run()
	for i := len(cleanups) - 1; i >= 0; i-- {
		cleanups[i]()
	}
	os.Exit(code)
}

// request sends method path to the target, with body as JSON when it is
// not empty, and returns the answer's body and content type; any status
// but 200 is an error.
func (tg *target) request(method, path, body string) ([]byte, string, error) {
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, tg.URL+path, rd)
	if err != nil {
		return nil, "", err
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, "", fmt.Errorf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, "", fmt.Errorf("%s %s: %v", method, path, err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, "", fmt.Errorf("%s %s: %s\n%.500s", method, path, resp.Status, b)
	}
	return b, resp.Header.Get("Content-Type"), nil
}

// getJSON decodes the JSON answer to GET path into v; it returns a message
// on failure, for setup, which has no *testing.T.
func (tg *target) getJSON(path string, v any) string {
	b, _, err := tg.request("GET", path, "")
	if err == nil {
		err = json.Unmarshal(b, v)
	}
	if err != nil {
		return fmt.Sprintf("GET %s: %v", path, err)
	}
	return ""
}

// get fetches path from the target and checks the status.
func (tg *target) get(t *testing.T, path string) (body []byte, contentType string) {
	t.Helper()
	body, contentType, err := tg.request("GET", path, "")
	if err != nil {
		t.Fatal(err)
	}
	return body, contentType
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
	Status        string  `json:"status"`
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
			Contested: e.Contested, Status: string(e.Status), ValidFrom: e.ValidFrom.String(), ValidTo: e.ValidTo.String(),
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
