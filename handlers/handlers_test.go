package handlers

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/actorgraph/actorgraph/analyst"
	"github.com/actorgraph/actorgraph/apikey"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/embedded"
	"github.com/actorgraph/actorgraph/graph/graphtest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// Test keys and their configuration.
const (
	writeKey   = "ag_test_write_key"
	readKey    = "ag_test_read_key"
	metricsKey = "ag_test_metrics_key"
)

var (
	writeOnly = []apikey.Key{{Name: "writer", Hash: apikey.Hash(writeKey), Roles: []string{"write"}}}
	readWrite = []apikey.Key{
		{Name: "writer", Hash: apikey.Hash(writeKey), Roles: []string{"read", "write"}},
		{Name: "reader", Hash: apikey.Hash(readKey), Roles: []string{"read"}},
	}
	withScraper = append(slices.Clone(readWrite), apikey.Key{Name: "scraper", Hash: apikey.Hash(metricsKey), Roles: []string{"metrics"}})
	scraperOnly = append(slices.Clone(writeOnly), apikey.Key{Name: "scraper", Hash: apikey.Hash(metricsKey), Roles: []string{"metrics"}})
)

// fixture is the small graph the handler tests run on: two brothers who
// share the alias "Kouachi" (an ambiguous name), a path Coulibaly -> AQAP
// with a symmetric and a directed hop, a contested claim, a relation with
// refuting evidence, a multi-piece source, and an isolated actor.
func fixture() *graph.Bundle {
	d := graph.MustDate
	ev := func(src, piece, quote, claimant, rel string, cred int) graph.Evidence {
		return graph.Evidence{Source: src, Piece: piece, Quote: quote, Claimant: claimant, Stance: graph.Supports, Reliability: rel, Credibility: cred}
	}
	rel := func(from, typ, to string, es ...graph.Evidence) graph.Relation {
		return graph.Relation{ID: graph.RelationID(from, typ, to), Type: typ, From: from, To: to, Evidence: es}
	}
	b := &graph.Bundle{
		Format: graph.BundleFormat,
		Sources: []graph.Source{
			{ID: "src-news", Title: "A news report", Publication: "The Paper", Date: d("2015-01-12")},
			{ID: "src-blog", Title: "Collected posts", Author: "An Analyst", Pieces: []graph.Piece{{ID: "post-1", Title: "First post", Date: d("2016-09")}}},
		},
		Actors: []graph.Actor{
			{ID: "amedy-coulibaly", Kind: graph.Person, Name: "Amedy Coulibaly", Description: "Attacker in Paris, January 2015."},
			{ID: "cherif-kouachi", Kind: graph.Person, Name: "Chérif Kouachi", Aliases: []string{"Cherif Kouachi", "Kouachi"}, Start: d("1982-11-29")},
			{ID: "said-kouachi", Kind: graph.Person, Name: "Saïd Kouachi", Aliases: []string{"Said Kouachi", "Kouachi"}},
			{ID: "aqap", Kind: graph.Organization, Name: "Al-Qaeda in the Arabian Peninsula", Aliases: []string{"AQAP"}},
			{ID: "islamic-state", Kind: graph.Organization, Name: "Islamic State", Aliases: []string{"ISIS", "Daesh"}},
			{ID: "charlie-hebdo-attack", Kind: graph.Event, Name: "Charlie Hebdo shooting", Start: d("2015-01-07")},
			{ID: "yemen", Kind: graph.Place, Name: "Yemen"},
			{ID: "lone-wolf", Kind: graph.Person, Name: "Lone Wolf"},
			{ID: "khalid-masood", Kind: graph.Person, Name: "Khalid Masood"},
		},
	}
	trained := rel("cherif-kouachi", "TRAINED_BY", "aqap", ev("src-news", "", "the brothers were trained in Yemen", "A. Reporter", "B", 2))
	trained.ValidFrom = d("2011")
	trainedS := rel("said-kouachi", "TRAINED_BY", "aqap", ev("src-news", "", "the brothers were trained in Yemen", "A. Reporter", "B", 3))
	trainedS.ValidFrom = d("2011")
	claimed := rel("charlie-hebdo-attack", "CLAIMED_BY", "aqap", ev("src-news", "", "AQAP claimed the attack", "AQAP", "D", 3))
	claimed.Contested = true
	pledged := rel("amedy-coulibaly", "PLEDGED_ALLEGIANCE_TO", "islamic-state", ev("src-news", "", "he pledged allegiance in a video", "A. Reporter", "B", 2))
	pledged.ValidFrom = d("2015-01")
	directed := rel("charlie-hebdo-attack", "DIRECTED_BY", "islamic-state",
		ev("src-news", "", "some said IS directed it", "An official", "C", 4),
		graph.Evidence{Source: "src-blog", Piece: "post-1", Quote: "inspired, not directed", Claimant: "An Analyst", Stance: graph.Refutes, Reliability: "B", Credibility: 3})
	denied := rel("khalid-masood", "INSPIRED_BY", "islamic-state",
		graph.Evidence{Source: "src-news", Quote: "no evidence he was inspired by IS", Claimant: "Police", Stance: graph.Refutes, Reliability: "B", Credibility: 2})
	b.Relations = []graph.Relation{
		denied,
		rel("amedy-coulibaly", "ASSOCIATE_OF", "cherif-kouachi", ev("src-news", "", "they became friends in prison", "A. Reporter", "B", 2)),
		trained, trainedS,
		rel("cherif-kouachi", "SIBLING_OF", "said-kouachi", ev("src-news", "", "the brothers", "A. Reporter", "A", 1)),
		claimed, pledged,
		rel("cherif-kouachi", "PERPETRATED", "charlie-hebdo-attack", ev("src-news", "", "the brothers attacked the magazine", "Police", "A", 2)),
		rel("cherif-kouachi", "TRAINED_IN", "yemen", ev("src-news", "", "trained in Yemen", "A. Reporter", "B", 2)),
		directed,
	}
	return b
}

// openStore opens the store under test holding the fixture: the embedded
// store, or Neo4j while TestHandlersLive runs the tests again.
var openStore = openEmbedded

// openEmbedded opens an embedded store holding the fixture.
func openEmbedded(t testing.TB) graph.Store {
	t.Helper()
	s, err := embedded.Open(context.Background(), embedded.Options{
		Dir: t.TempDir(), Seed: func() (*graph.Bundle, error) { return fixture(), nil },
	})
	if err != nil {
		t.Fatalf("opening the store: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func fixedNow() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) }

func newRouter(t *testing.T, s graph.Store, opts Options) http.Handler {
	t.Helper()
	return newAPI(s, nil, opts)
}

// newAPI wires the API over s as cmd/actorgraph does: the store
// instrumented, the analyst.Service over it, the handlers over that.
func newAPI(s graph.Store, log *slog.Logger, opts Options) *gin.Engine {
	reg := prometheus.NewRegistry()
	svc := analyst.New(analyst.Deps{Store: InstrumentStore(s, reg, fixedNow), Logger: log, Now: fixedNow, Limits: graph.DefaultLimits})
	return New(Deps{Service: svc, Logger: log, Now: fixedNow, Options: opts, Metrics: reg})
}

// call is one request of a table.
type call struct {
	method, target, body string
	key                  string // API key to send
	header               map[string]string
}

func do(h http.Handler, c call) *httptest.ResponseRecorder {
	method := c.method
	if method == "" {
		method = http.MethodGet
	}
	var body io.Reader
	if c.body != "" {
		body = strings.NewReader(c.body)
	}
	req := httptest.NewRequest(method, c.target, body)
	req.Header.Set(RequestIDHeader, "test-request")
	if c.body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.key != "" {
		req.Header.Set("Authorization", "Bearer "+c.key)
	}
	for k, v := range c.header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// checkGolden compares body with testdata/name (JSON is indented first);
// -update rewrites the file.
func checkGolden(t *testing.T, name string, contentType string, body []byte) {
	t.Helper()
	ext := ".txt"
	out := body
	if strings.Contains(contentType, "json") && !strings.Contains(contentType, "ndjson") {
		var buf bytes.Buffer
		if err := json.Indent(&buf, body, "", "  "); err != nil {
			t.Fatalf("%s: the body is not JSON: %v\n%s", name, err, body)
		}
		buf.WriteByte('\n')
		out, ext = buf.Bytes(), ".json"
	}
	path := filepath.Join("testdata", name+ext)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, out, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./handlers -update to create it)", err)
	}
	if !bytes.Equal(out, want) {
		t.Errorf("%s differs from %s (go test ./handlers -update rewrites it):\n%s", name, path, firstDiff(string(want), string(out)))
	}
}

func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + itoa(i+1) + ":\n  want: " + w + "\n  got:  " + g
		}
	}
	return "(same lines)"
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

// problemOfBody decodes a problem answer.
func problemOfBody(t *testing.T, rec *httptest.ResponseRecorder) Problem {
	t.Helper()
	if ct := rec.Header().Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("Content-Type %q, want application/problem+json; body %s", ct, rec.Body)
	}
	var p Problem
	if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
		t.Fatalf("problem body: %v", err)
	}
	if p.Status != rec.Code || p.Type != problemTypePrefix+p.Code || p.Detail == "" || p.Title == "" {
		t.Errorf("malformed problem %+v for status %d", p, rec.Code)
	}
	return p
}

// TestReads drives every read endpoint through the real router over the
// embedded store and compares the answers with golden files.
func TestReads(t *testing.T) {
	h := newRouter(t, openStore(t), Options{})
	tests := []struct {
		name   string
		call   call
		status int
		code   string // problem code for errors
		detail string // substring of the problem detail
	}{
		{name: "search-kouachi", call: call{target: "/v1/actors?q=kouachi"}, status: 200},
		{name: "search-accents-kind", call: call{target: "/v1/actors?q=CHERIF&kind=person&limit=1"}, status: 200},
		{name: "search-alias", call: call{target: "/v1/actors?q=daesh"}, status: 200},
		{name: "search-transliteration", call: call{target: "/v1/actors?q=Sherif+Kouachy"}, status: 200},
		{name: "search-too-long", call: call{target: "/v1/actors?q=" + strings.Repeat("Kouachi+", 13)}, status: 400, code: "invalid_argument", detail: "at most 12 words"},
		{name: "search-too-deep", call: call{target: "/v1/actors?q=kouachi&offset=9990&limit=20"}, status: 400, code: "invalid_argument", detail: "best 10000 hits"},
		{name: "search-all-page", call: call{target: "/v1/actors?limit=3&offset=2"}, status: 200},
		{name: "search-limit-over", call: call{target: "/v1/actors?q=a&limit=101"}, status: 400, code: "invalid_argument", detail: "limit must be between 1 and 100"},
		{name: "search-bad-kind", call: call{target: "/v1/actors?kind=group"}, status: 400, code: "invalid_argument", detail: "kind must be"},
		{name: "actor-by-id", call: call{target: "/v1/actors/cherif-kouachi"}, status: 200},
		{name: "actor-by-name", call: call{target: "/v1/actors/Amedy%20Coulibaly"}, status: 200},
		{name: "actor-unknown", call: call{target: "/v1/actors/nobody-at-all"}, status: 404, code: "not_found"},
		{name: "actor-ambiguous", call: call{target: "/v1/actors/Kouachi"}, status: 409, code: "ambiguous", detail: "cherif-kouachi, said-kouachi"},
		{name: "actor-param", call: call{target: "/v1/actors/aqap?verbose=1"}, status: 400, code: "invalid_argument", detail: "takes no query parameters"},
		{name: "actor-relations", call: call{target: "/v1/actors/cherif-kouachi/relations?direction=out&types=trained_by,trained-in"}, status: 200},
		{name: "actor-relations-contested", call: call{target: "/v1/actors/aqap/relations?include_contested=false"}, status: 200},
		{name: "actor-relations-bad-type", call: call{target: "/v1/actors/aqap/relations?types=FRIEND_OF"}, status: 400, code: "invalid_argument", detail: "unknown relation type \"FRIEND_OF\""},
		{name: "paths-by-name", call: call{target: "/v1/paths?from=Amedy+Coulibaly&to=AQAP"}, status: 200},
		{name: "paths-k-shortest", call: call{target: "/v1/paths?from=amedy-coulibaly&to=aqap&mode=k_shortest&k=3&max_hops=5"}, status: 200},
		{name: "paths-directed-out", call: call{target: "/v1/paths?from=aqap&to=cherif-kouachi&direction=out"}, status: 200},
		{name: "paths-none", call: call{target: "/v1/paths?from=lone-wolf&to=aqap"}, status: 200},
		{name: "paths-as-of", call: call{target: "/v1/paths?from=amedy-coulibaly&to=islamic-state&as_of=2014"}, status: 200},
		{name: "paths-nodelink", call: call{target: "/v1/paths?from=amedy-coulibaly&to=aqap&format=nodelink"}, status: 200},
		{name: "paths-typo", call: call{target: "/v1/paths?from=a&to=b&max_hop=3"}, status: 400, code: "invalid_argument", detail: `unknown query parameter "max_hop" (did you mean max_hops?)`},
		{name: "paths-hops-over", call: call{target: "/v1/paths?from=amedy-coulibaly&to=aqap&max_hops=9"}, status: 400, code: "invalid_argument", detail: "max_hops must be between 1 and 8"},
		{name: "paths-k-over", call: call{target: "/v1/paths?from=amedy-coulibaly&to=aqap&mode=k_shortest&k=11"}, status: 400, code: "invalid_argument", detail: "k must be between 1 and 10"},
		{name: "paths-missing-to", call: call{target: "/v1/paths?from=amedy-coulibaly"}, status: 400, code: "invalid_argument", detail: "from and to are both required"},
		{name: "paths-unknown", call: call{target: "/v1/paths?from=nobody-at-all&to=aqap"}, status: 404, code: "not_found"},
		{name: "paths-refuted-set-aside", call: call{target: "/v1/paths?from=Khalid%20Masood&to=Islamic%20State"}, status: 200, detail: "set aside Khalid Masood —INSPIRED_BY→ Islamic State (refuted, khalid-masood--inspired-by--islamic-state)"},
		{name: "paths-include-refuted", call: call{target: "/v1/paths?from=khalid-masood&to=islamic-state&include_refuted=true"}, status: 200},
		{name: "relations-include-refuted", call: call{target: "/v1/actors/khalid-masood/relations?include_refuted=true"}, status: 200},
		{name: "relations-refuted-hidden", call: call{target: "/v1/actors/khalid-masood/relations"}, status: 200},
		{name: "relations-csv-include-refuted", call: call{target: "/v1/relations?format=csv&include_refuted=true"}, status: 200},
		{name: "paths-did-you-mean", call: call{target: "/v1/paths?from=Kouachy&to=aqap"}, status: 404, code: "not_found", detail: "did you mean Chérif Kouachi (cherif-kouachi), Saïd Kouachi (said-kouachi)?"},
		{name: "paths-ambiguous", call: call{target: "/v1/paths?from=kouachi&to=aqap"}, status: 409, code: "ambiguous"},
		{name: "paths-bad-date", call: call{target: "/v1/paths?from=aqap&to=yemen&as_of=2015-13"}, status: 400, code: "invalid_argument", detail: "as_of must be a date"},
		{name: "paths-twice", call: call{target: "/v1/paths?from=aqap&to=yemen&k=1&k=2"}, status: 400, code: "invalid_argument", detail: "k is given 2 times"},
		{name: "paths-bad-format", call: call{target: "/v1/paths?from=aqap&to=yemen&format=xls"}, status: 400, code: "invalid_argument", detail: "unknown format"},
		{name: "network", call: call{target: "/v1/actors/aqap/network"}, status: 200},
		{name: "network-capped", call: call{target: "/v1/actors/aqap/network?depth=2&limit=3"}, status: 200},
		{name: "network-depth-over", call: call{target: "/v1/actors/aqap/network?depth=4"}, status: 400, code: "invalid_argument", detail: "depth must be between 0 and 3"},
		{name: "network-limit-over", call: call{target: "/v1/actors/aqap/network?limit=5001"}, status: 400, code: "invalid_argument", detail: "limit must be between 1 and 5000"},
		{name: "network-cytoscape-accept", call: call{target: "/v1/actors/yemen/network?format=cytoscape"}, status: 200},
		{name: "network-dot-accept", call: call{target: "/v1/actors/yemen/network", header: map[string]string{"Accept": "text/vnd.graphviz"}}, status: 200},
		{name: "subgraph", call: call{method: "POST", target: "/v1/subgraph", body: `{"seeds":["Amedy Coulibaly","aqap"],"depth":1,"types":["ASSOCIATE_OF","TRAINED_BY"]}`}, status: 200},
		{name: "subgraph-induced", call: call{method: "POST", target: "/v1/subgraph", body: `{"seeds":["cherif-kouachi","said-kouachi","aqap"],"depth":0}`}, status: 200},
		{name: "subgraph-ndjson", call: call{method: "POST", target: "/v1/subgraph?format=ndjson", body: `{"seeds":["yemen"]}`}, status: 200},
		{name: "subgraph-unknown-field", call: call{method: "POST", target: "/v1/subgraph", body: `{"seeds":["aqap"],"dept":2}`}, status: 400, code: "invalid_argument", detail: `unknown field "dept"`},
		{name: "subgraph-no-seeds", call: call{method: "POST", target: "/v1/subgraph", body: `{"seeds":[]}`}, status: 400, code: "invalid_argument", detail: "at least one seed"},
		{name: "subgraph-not-json", call: call{method: "POST", target: "/v1/subgraph", body: `{"seeds":`}, status: 400, code: "invalid_argument", detail: "ends in the middle"},
		{name: "relations-json", call: call{target: "/v1/relations"}, status: 200},
		{name: "relations-csv", call: call{target: "/v1/relations?format=csv"}, status: 200},
		{name: "relations-csv-accept", call: call{target: "/v1/relations?types=TRAINED_BY", header: map[string]string{"Accept": "text/csv"}}, status: 200},
		{name: "relations-ndjson", call: call{target: "/v1/relations?format=ndjson&as_of=2012&include_contested=false"}, status: 200},
		{name: "relations-direction", call: call{target: "/v1/relations?direction=out"}, status: 400, code: "invalid_argument", detail: "allowed: types, exclude_types, min_confidence"},
		{name: "relations-part-json", call: call{target: "/v1/relations?part=nodes"}, status: 400, code: "invalid_argument", detail: "part applies to format=csv only"},
		{name: "relation", call: call{target: "/v1/relations/charlie-hebdo-attack--directed-by--islamic-state"}, status: 200},
		{name: "relation-unknown", call: call{target: "/v1/relations/x--met--y"}, status: 404, code: "not_found"},
		{name: "relation-types", call: call{target: "/v1/relation-types"}, status: 200},
		{name: "sources", call: call{target: "/v1/sources"}, status: 200},
		{name: "source", call: call{target: "/v1/sources/src-blog"}, status: 200},
		{name: "source-unknown", call: call{target: "/v1/sources/nope"}, status: 404, code: "not_found"},
		{name: "stats", call: call{target: "/v1/stats?top=3"}, status: 200},
		{name: "stats-top-over", call: call{target: "/v1/stats?top=1000"}, status: 400, code: "invalid_argument", detail: "top must be between 0 and 100"},
		{name: "export", call: call{target: "/v1/export"}, status: 200},
		{name: "export-edges-csv", call: call{target: "/v1/export?format=csv&part=edges"}, status: 200},
		{name: "export-bad-part", call: call{target: "/v1/export?format=csv&part=both"}, status: 400, code: "invalid_argument", detail: "part must be nodes or edges"},
		{name: "healthz", call: call{target: "/healthz"}, status: 200},
		{name: "readyz", call: call{target: "/readyz"}, status: 200},
		{name: "no-route", call: call{target: "/v1/nothing"}, status: 404, code: "not_found", detail: "no route GET /v1/nothing"},
		{name: "wrong-method", call: call{method: "PUT", target: "/v1/actors/aqap"}, status: 405, code: "invalid_argument", detail: "/v1/actors/aqap answers GET, HEAD, PATCH, DELETE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := do(h, tt.call)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d; body %s", rec.Code, tt.status, rec.Body)
			}
			if got := rec.Header().Get(RequestIDHeader); got != "test-request" {
				t.Errorf("X-Request-ID %q, want the request's", got)
			}
			if tt.status < 400 && !strings.Contains(rec.Body.String(), tt.detail) {
				t.Errorf("the answer does not say %q:\n%s", tt.detail, rec.Body)
			}
			if tt.status >= 400 {
				p := problemOfBody(t, rec)
				if p.Code != tt.code || !strings.Contains(p.Detail, tt.detail) {
					t.Errorf("problem %s %q, want %s containing %q", p.Code, p.Detail, tt.code, tt.detail)
				}
				if p.Instance != "urn:actorgraph:request:test-request" {
					t.Errorf("instance %q", p.Instance)
				}
			}
			checkGolden(t, tt.name, rec.Header().Get("Content-Type"), rec.Body.Bytes())
		})
	}
}

// TestPathAnswer checks the meaning of a path answer, beyond the golden
// file: hop order, direction, readable text and evidence.
func TestPathAnswer(t *testing.T) {
	h := newRouter(t, openStore(t), Options{})
	rec := do(h, call{target: "/v1/paths?from=Amedy%20Coulibaly&to=aqap"})
	if rec.Code != 200 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	var ans analyst.PathAnswer
	if err := json.Unmarshal(rec.Body.Bytes(), &ans); err != nil {
		t.Fatal(err)
	}
	if ans.Count != 1 || len(ans.Paths) != 1 {
		t.Fatalf("want one shortest path, got %d", len(ans.Paths))
	}
	p := ans.Paths[0]
	want := "Amedy Coulibaly —ASSOCIATE_OF— Chérif Kouachi —TRAINED_BY→ Al-Qaeda in the Arabian Peninsula"
	if p.Text != want {
		t.Errorf("text %q\nwant %q", p.Text, want)
	}
	if len(p.Hops) != 2 || p.Hops[0].From != "amedy-coulibaly" || p.Hops[1].To != "aqap" || !p.Hops[1].Forward || !p.Hops[0].Symmetric {
		t.Errorf("hops %+v", p.Hops)
	}
	e := p.Hops[1].Relation.Evidence[0]
	if e.Quote == "" || e.SourceTitle != "A news report" || e.Grading != "B2" || e.Claimant != "A. Reporter" {
		t.Errorf("evidence %+v", e)
	}
	if ans.Query.From.ID != "amedy-coulibaly" || ans.Query.MaxHops != graph.DefaultMaxHops || ans.Query.Limits.MaxHops != 8 {
		t.Errorf("query echo %+v", ans.Query)
	}

	// Against the stored direction the arrow points back.
	rec = do(h, call{target: "/v1/paths?from=aqap&to=said-kouachi&types=TRAINED_BY"})
	if err := json.Unmarshal(rec.Body.Bytes(), &ans); err != nil || len(ans.Paths) != 1 {
		t.Fatalf("%v %s", err, rec.Body)
	}
	if got := ans.Paths[0].Text; got != "Al-Qaeda in the Arabian Peninsula ←TRAINED_BY— Saïd Kouachi" {
		t.Errorf("backward text %q", got)
	}
}

func TestPathText(t *testing.T) {
	a := func(name string) graph.Actor { return graph.Actor{Name: name} }
	hop := func(typ string, fwd bool) graph.Hop {
		return graph.Hop{Relation: graph.Relation{Type: typ}, Forward: fwd}
	}
	tests := []struct {
		p    graph.Path
		want string
	}{
		{graph.Path{}, ""},
		{graph.Path{Actors: []graph.Actor{a("A")}}, "A"},
		{graph.Path{Actors: []graph.Actor{a("A"), a("B"), a("C"), a("D")}, Hops: []graph.Hop{hop("MET", false), hop("MEMBER_OF", true), hop("CLAIMED_BY", false)}},
			"A —MET— B —MEMBER_OF→ C ←CLAIMED_BY— D"},
	}
	for _, tt := range tests {
		if got := analyst.PathText(tt.p); got != tt.want {
			t.Errorf("PathText = %q, want %q", got, tt.want)
		}
	}
}

// TestWrites runs a sequence of writes on a fresh store: each step depends
// on the ones before.
func TestWrites(t *testing.T) {
	h := newRouter(t, openStore(t), Options{APIKeys: writeOnly, MaxBodyBytes: 4096})
	newActor := `{"id":"hayat-boumeddiene","kind":"person","name":"Hayat Boumeddiene","aliases":["Hayat Boumedienne"]}`
	newRel := `{"type":"SPOUSE_OF","from":"amedy-coulibaly","to":"hayat-boumeddiene","evidence":[{"source":"src-news","quote":"his wife","claimant":"A. Reporter","reliability":"B","credibility":2}]}`
	steps := []struct {
		name     string
		call     call
		status   int
		code     string
		detail   string
		location string
		golden   bool
	}{
		{name: "create-actor-no-key", call: call{method: "POST", target: "/v1/actors", body: newActor}, status: 401, code: "unauthorized"},
		{name: "create-actor-bad-key", call: call{method: "POST", target: "/v1/actors", body: newActor, key: "wrong"}, status: 401, code: "unauthorized", detail: "not valid"},
		{name: "create-actor", call: call{method: "POST", target: "/v1/actors", body: newActor, key: writeKey}, status: 201, location: "/v1/actors/hayat-boumeddiene", golden: true},
		{name: "create-actor-again", call: call{method: "POST", target: "/v1/actors", body: newActor, key: writeKey}, status: 409, code: "conflict"},
		{name: "create-actor-invalid", call: call{method: "POST", target: "/v1/actors", body: `{"id":"Bad Id","kind":"group","name":""}`, key: writeKey}, status: 400, code: "invalid_argument", golden: true},
		{name: "create-actor-unknown-field", call: call{method: "POST", target: "/v1/actors", body: `{"id":"x","kind":"person","name":"X","born":"1990"}`, key: writeKey}, status: 400, code: "invalid_argument", detail: `unknown field "born"`},
		{name: "create-actor-bad-date", call: call{method: "POST", target: "/v1/actors", body: `{"id":"x","kind":"person","name":"X","start":"1990-14"}`, key: writeKey}, status: 400, code: "invalid_argument", detail: "bad date"},
		{name: "create-actor-too-large", call: call{method: "POST", target: "/v1/actors", body: `{"id":"x","kind":"person","name":"` + strings.Repeat("x", 5000) + `"}`, key: writeKey}, status: 413, code: "too_large", detail: "4 KiB"},
		{name: "update-actor", call: call{method: "PATCH", target: "/v1/actors/hayat-boumeddiene", body: `{"description":"Partner of Amedy Coulibaly.","start":"1988"}`, key: writeKey}, status: 200, golden: true},
		{name: "update-actor-unknown", call: call{method: "PATCH", target: "/v1/actors/nobody", body: `{"name":"N"}`, key: writeKey}, status: 404, code: "not_found"},
		{name: "create-relation", call: call{method: "POST", target: "/v1/relations", body: newRel, key: writeKey}, status: 201, location: "/v1/relations/amedy-coulibaly--spouse-of--hayat-boumeddiene", golden: true},
		{name: "create-relation-bad-kinds", call: call{method: "POST", target: "/v1/relations", key: writeKey,
			body: `{"type":"CLAIMED_BY","from":"yemen","to":"aqap","evidence":[{"source":"src-news","quote":"q","claimant":"c","reliability":"B","credibility":2}]}`}, status: 400, code: "invalid_argument"},
		{name: "add-evidence", call: call{method: "POST", target: "/v1/relations/amedy-coulibaly--spouse-of--hayat-boumeddiene/evidence", key: writeKey,
			body: `{"source":"src-blog","piece":"post-1","quote":"his partner","claimant":"An Analyst","stance":"supports","reliability":"C","credibility":3}`}, status: 200, golden: true},
		{name: "add-evidence-bad", call: call{method: "POST", target: "/v1/relations/amedy-coulibaly--spouse-of--hayat-boumeddiene/evidence", key: writeKey,
			body: `{"source":"src-blog","quote":"no piece named","claimant":"An Analyst","reliability":"C","credibility":9}`}, status: 400, code: "invalid_argument", golden: true},
		{name: "update-relation", call: call{method: "PATCH", target: "/v1/relations/amedy-coulibaly--spouse-of--hayat-boumeddiene", body: `{"role":"religious marriage","valid_from":"2009"}`, key: writeKey}, status: 200, golden: true},
		{name: "path-through-new", call: call{target: "/v1/paths?from=Hayat%20Boumedienne&to=aqap"}, status: 200, golden: true},
		{name: "delete-linked-actor", call: call{method: "DELETE", target: "/v1/actors/hayat-boumeddiene", key: writeKey}, status: 409, code: "conflict"},
		{name: "delete-relation", call: call{method: "DELETE", target: "/v1/relations/amedy-coulibaly--spouse-of--hayat-boumeddiene", key: writeKey}, status: 204},
		{name: "delete-relation-again", call: call{method: "DELETE", target: "/v1/relations/amedy-coulibaly--spouse-of--hayat-boumeddiene", key: writeKey}, status: 404, code: "not_found"},
		{name: "delete-actor-bad-param", call: call{method: "DELETE", target: "/v1/actors/hayat-boumeddiene?cascade=maybe", key: writeKey}, status: 400, code: "invalid_argument", detail: "cascade must be true or false"},
		{name: "delete-actor-cascade", call: call{method: "DELETE", target: "/v1/actors/cherif-kouachi?cascade=true", key: writeKey}, status: 204},
		{name: "actor-gone", call: call{target: "/v1/actors/cherif-kouachi"}, status: 404, code: "not_found"},
		{name: "import-invalid", call: call{method: "POST", target: "/v1/import", key: writeKey, body: `{"format":"actorgraph-bundle/1","actors":[{"id":"a-b","kind":"person","name":"A B"},{"id":"a-b","kind":"thing","name":""}],"relations":[{"id":"a-b--met--zed","type":"MET","from":"a-b","to":"zed","evidence":[]}]}`},
			status: 400, code: "invalid_argument", golden: true},
		{name: "import-not-bundle", call: call{method: "POST", target: "/v1/import", key: writeKey, body: `[1,2]`}, status: 400, code: "invalid_argument", detail: "a bundle must be a JSON object"},
		{name: "import-too-large", call: call{method: "POST", target: "/v1/import", key: writeKey, body: `{"actors":[` + strings.Repeat(`{"id":"a","kind":"person","name":"A"},`, 200) + `]}`}, status: 413, code: "too_large"},
		{name: "import", call: call{method: "POST", target: "/v1/import", key: writeKey, body: `{"format":"actorgraph-bundle/1","actors":[{"id":"mourad-hamyd","kind":"person","name":"Mourad Hamyd"}],"relations":[{"type":"RELATIVE_OF","id":"mourad-hamyd--relative-of--said-kouachi","from":"mourad-hamyd","to":"said-kouachi","role":"brother-in-law","evidence":[{"source":"src-news","quote":"brother-in-law","claimant":"Police","reliability":"A","credibility":2}]}]}`},
			status: 200, golden: true},
		{name: "imported-actor", call: call{target: "/v1/actors/mourad-hamyd"}, status: 200, golden: true},
	}
	for _, st := range steps {
		rec := do(h, st.call)
		if rec.Code != st.status {
			t.Fatalf("%s: status %d, want %d; body %s", st.name, rec.Code, st.status, rec.Body)
		}
		if st.status >= 400 {
			p := problemOfBody(t, rec)
			if p.Code != st.code || !strings.Contains(p.Detail, st.detail) {
				t.Errorf("%s: problem %s %q, want %s containing %q", st.name, p.Code, p.Detail, st.code, st.detail)
			}
			if p.Code == graph.EINVALID && st.golden && len(p.Problems) < 2 {
				t.Errorf("%s: want every problem listed, got %+v", st.name, p.Problems)
			}
		}
		if got := rec.Header().Get("Location"); got != st.location {
			t.Errorf("%s: Location %q, want %q", st.name, got, st.location)
		}
		if st.golden {
			checkGolden(t, "write-"+st.name, rec.Header().Get("Content-Type"), rec.Body.Bytes())
		}
	}
}

// TestAuth checks who may read and write under each key configuration.
func TestAuth(t *testing.T) {
	s := openStore(t)
	open := newRouter(t, s, Options{})
	writers := newRouter(t, s, Options{APIKeys: writeOnly})
	gated := newRouter(t, s, Options{APIKeys: readWrite})
	scraped := newRouter(t, s, Options{APIKeys: withScraper})
	scrapedOpen := newRouter(t, s, Options{APIKeys: scraperOnly})
	metrics := call{target: "/metrics"}
	// A write that fails validation after authentication: 400 proves the
	// request got past the key check without changing the store.
	write := call{method: "POST", target: "/v1/actors", body: `{"id":"x"}`}
	read := call{target: "/v1/actors/aqap"}
	with := func(c call, key string) call { c.key = key; return c }
	tests := []struct {
		name   string
		h      http.Handler
		call   call
		status int
	}{
		{"no keys: read open", open, read, 200},
		{"no keys: writes impossible", open, write, 401},
		{"no keys: a key sent is checked", open, with(read, "whatever"), 401},
		{"write keys only: read open", writers, read, 200},
		{"write keys only: write without key", writers, write, 401},
		{"write keys only: write with key", writers, with(write, writeKey), 400},
		{"read keys: read without key", gated, read, 401},
		{"read keys: read with read key", gated, with(read, readKey), 200},
		{"read keys: read with write key", gated, with(read, writeKey), 200},
		{"read keys: write with read key", gated, with(write, readKey), 403},
		{"read keys: write with write key", gated, with(write, writeKey), 400},
		{"read keys: health stays open", gated, call{target: "/healthz"}, 200},
		{"read keys: readiness stays open", gated, call{target: "/readyz"}, 200},
		{"read keys: openapi stays open", gated, call{target: "/openapi.json"}, 200},
		// /metrics (issue 13, defect 6): open only while reads are.
		{"no keys: metrics open", open, metrics, 200},
		{"write keys only: metrics open", writers, metrics, 200},
		{"read keys: metrics without key", gated, metrics, 401},
		{"read keys: metrics with read key", gated, with(metrics, readKey), 403},
		{"read keys: metrics with write key", gated, with(metrics, writeKey), 403},
		{"metrics key: metrics", scraped, with(metrics, metricsKey), 200},
		{"metrics key: metrics without key", scraped, metrics, 401},
		{"metrics key: reads", scraped, with(read, metricsKey), 403},
		{"metrics key: writes", scraped, with(write, metricsKey), 403},
		{"metrics key, reads open: metrics without key", scrapedOpen, metrics, 401},
		{"metrics key, reads open: metrics", scrapedOpen, with(metrics, metricsKey), 200},
		{"metrics key, reads open: reads without key", scrapedOpen, read, 200},
		{"malformed header", gated, call{target: "/v1/stats", header: map[string]string{"Authorization": "Basic dXNlcjpwYXNz"}}, 401},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := do(tt.h, tt.call)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tt.status, rec.Body)
			}
			if rec.Code == 401 && !strings.HasPrefix(rec.Header().Get("WWW-Authenticate"), "Bearer") {
				t.Errorf("401 without WWW-Authenticate: Bearer")
			}
		})
	}
}

// failingStore makes every call fail with err, or block until the
// request's deadline when block is set.
type failingStore struct {
	graph.Store
	err   error
	block bool
}

func (f failingStore) Actor(ctx context.Context, id string) (graph.Actor, error) {
	return graph.Actor{}, f.fail(ctx)
}
func (f failingStore) Resolve(ctx context.Context, ref string) (graph.Actor, error) {
	return graph.Actor{}, f.fail(ctx)
}
func (f failingStore) Ping(ctx context.Context) error { return f.fail(ctx) }
func (f failingStore) EachEdge(ctx context.Context, _ graph.RelationFilter, fn func(graph.Edge) error) error {
	return f.fail(ctx)
}

func (f failingStore) fail(ctx context.Context) error {
	if f.block {
		<-ctx.Done()
		return ctx.Err()
	}
	return f.err
}

func TestFailures(t *testing.T) {
	secret := "dial tcp 10.0.0.7:7687: connection refused at /var/lib/secret"
	tests := []struct {
		name   string
		store  failingStore
		opts   Options
		target string
		status int
		code   string
	}{
		{"internal error text is hidden", failingStore{err: io.ErrUnexpectedEOF}, Options{}, "/v1/actors/aqap", 500, "internal"},
		{"wrapped internal error", failingStore{err: &wrapped{secret}}, Options{}, "/v1/relations", 500, "internal"},
		{"unavailable store", failingStore{err: graph.Errorf(graph.EUNAVAILABLE, "the store cannot be reached; retry later")}, Options{}, "/readyz", 503, "unavailable"},
		{"request timeout", failingStore{block: true}, Options{RequestTimeout: 5 * time.Millisecond}, "/v1/actors/aqap", 503, "unavailable"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var logs bytes.Buffer
			h := newAPI(tt.store, slog.New(slog.NewJSONHandler(&logs, nil)), tt.opts)
			rec := do(h, call{target: tt.target})
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tt.status, rec.Body)
			}
			p := problemOfBody(t, rec)
			if p.Code != tt.code {
				t.Errorf("code %s, want %s", p.Code, tt.code)
			}
			body := rec.Body.String()
			if strings.Contains(body, "10.0.0.7") || strings.Contains(body, "unexpected EOF") || strings.Contains(body, "/var/lib") {
				t.Errorf("internal details reached the client: %s", body)
			}
			if tt.code == "internal" && !strings.Contains(logs.String(), "test-request") {
				t.Errorf("the log lacks the failure with its request id:\n%s", logs.String())
			}
			if tt.store.err != nil && tt.code == "internal" && !strings.Contains(logs.String(), strings.Split(tt.store.err.Error(), ":")[0]) {
				t.Errorf("the log lacks the error text:\n%s", logs.String())
			}
		})
	}
}

type wrapped struct{ msg string }

func (w *wrapped) Error() string { return w.msg }

func TestRequestLogAndID(t *testing.T) {
	var logs bytes.Buffer
	h := newAPI(openStore(t), slog.New(slog.NewJSONHandler(&logs, nil)), Options{})
	tests := []struct {
		sent string
		keep bool
	}{
		{"abc-123_X.y", true},
		{"", false},
		{"bad id with spaces", false},
		{strings.Repeat("a", 65), false},
	}
	for _, tt := range tests {
		logs.Reset()
		req := httptest.NewRequest("GET", "/v1/actors/yemen?", nil)
		if tt.sent != "" {
			req.Header.Set(RequestIDHeader, tt.sent)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		got := rec.Header().Get(RequestIDHeader)
		if (got == tt.sent) != tt.keep || !validRequestID(got) {
			t.Errorf("sent %q, got %q (keep %v)", tt.sent, got, tt.keep)
		}
		lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
		if len(lines) != 1 {
			t.Fatalf("want one log line per request, got %d:\n%s", len(lines), logs.String())
		}
		var entry map[string]any
		if err := json.Unmarshal([]byte(lines[0]), &entry); err != nil {
			t.Fatal(err)
		}
		if entry["request_id"] != got || entry["route"] != "/v1/actors/:id" || entry["status"] != float64(200) || entry["method"] != "GET" {
			t.Errorf("log line %v", entry)
		}
	}
}

func TestCORS(t *testing.T) {
	s := openStore(t)
	tests := []struct {
		name       string
		origins    []string
		method     string
		origin     string
		status     int
		wantOrigin string
	}{
		{"allowed origin", []string{"https://viz.example"}, "GET", "https://viz.example", 200, "https://viz.example"},
		{"other origin", []string{"https://viz.example"}, "GET", "https://evil.example", 200, ""},
		{"any origin", []string{"*"}, "GET", "https://evil.example", 200, "*"},
		{"preflight", []string{"https://viz.example"}, "OPTIONS", "https://viz.example", 204, "https://viz.example"},
		{"no cors configured", nil, "GET", "https://viz.example", 200, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newRouter(t, s, Options{CORSOrigins: tt.origins})
			hdr := map[string]string{"Origin": tt.origin}
			if tt.method == "OPTIONS" {
				hdr["Access-Control-Request-Method"] = "POST"
			}
			rec := do(h, call{method: tt.method, target: "/v1/stats", header: hdr})
			if rec.Code != tt.status || rec.Header().Get("Access-Control-Allow-Origin") != tt.wantOrigin {
				t.Errorf("status %d allow-origin %q; want %d %q", rec.Code, rec.Header().Get("Access-Control-Allow-Origin"), tt.status, tt.wantOrigin)
			}
			if tt.method == "OPTIONS" && !strings.Contains(rec.Header().Get("Access-Control-Allow-Headers"), "Authorization") {
				t.Errorf("preflight allows headers %q", rec.Header().Get("Access-Control-Allow-Headers"))
			}
		})
	}
}

func TestMetrics(t *testing.T) {
	h := newRouter(t, openStore(t), Options{})
	do(h, call{target: "/v1/actors/aqap"})
	do(h, call{target: "/v1/actors/nobody-here"})
	do(h, call{target: "/v1/paths?from=amedy-coulibaly&to=aqap"})
	rec := do(h, call{target: "/metrics"})
	if rec.Code != 200 {
		t.Fatalf("status %d", rec.Code)
	}
	body := rec.Body.String()
	for _, want := range []string{
		`actorgraph_http_requests_total{method="GET",route="/v1/actors/:id",status="200"} 1`,
		`actorgraph_http_requests_total{method="GET",route="/v1/actors/:id",status="404"} 1`,
		`actorgraph_http_request_duration_seconds_count{method="GET",route="/v1/paths",status="200"} 1`,
		`actorgraph_store_query_duration_seconds_count{operation="paths",outcome="ok"} 1`,
		`actorgraph_store_query_duration_seconds_count{operation="resolve",outcome="not_found"} 1`,
		`go_goroutines`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

// TestOpenAPICoverage fails when a route is missing from openapi.json or
// the document describes a route that does not exist.
func TestOpenAPICoverage(t *testing.T) {
	e := newAPI(failingStore{}, nil, Options{})
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(openapiDoc, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if doc.OpenAPI != "3.1.0" {
		t.Errorf("openapi %q", doc.OpenAPI)
	}
	documented := map[string]bool{}
	for path, ops := range doc.Paths {
		for method := range ops {
			if method == "parameters" {
				continue
			}
			documented[strings.ToUpper(method)+" "+path] = true
		}
	}
	served := map[string]bool{}
	heads := map[string]bool{}
	for _, r := range e.Routes() {
		parts := strings.Split(r.Path, "/")
		for i, p := range parts {
			if strings.HasPrefix(p, ":") {
				parts[i] = "{" + p[1:] + "}"
			}
		}
		if r.Method == "HEAD" {
			// The document says once that every GET answers HEAD.
			heads[strings.Join(parts, "/")] = true
			continue
		}
		served[r.Method+" "+strings.Join(parts, "/")] = true
	}
	for r := range served {
		if path, ok := strings.CutPrefix(r, "GET "); ok && !heads[path] {
			t.Errorf("GET %s answers no HEAD", path)
		}
	}
	for path := range heads {
		if !served["GET "+path] {
			t.Errorf("HEAD %s without GET", path)
		}
	}
	if !strings.Contains(string(openapiDoc), "Every GET also answers HEAD") {
		t.Errorf("openapi.json does not say that every GET answers HEAD")
	}
	for r := range served {
		if !documented[r] {
			t.Errorf("route %s is not in openapi.json", r)
		}
	}
	for r := range documented {
		if !served[r] {
			t.Errorf("openapi.json documents %s, which is not a route", r)
		}
	}
	if len(served) < 20 {
		t.Errorf("only %d routes", len(served))
	}
	// Every $ref points at a component that exists.
	var whole map[string]any
	json.Unmarshal(openapiDoc, &whole)
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, c := range x {
				if k == "$ref" {
					ref := c.(string)
					var node any = whole
					for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
						m, _ := node.(map[string]any)
						node = m[part]
					}
					if node == nil {
						t.Errorf("dangling $ref %s", ref)
					}
				}
				walk(c)
			}
		case []any:
			for _, c := range x {
				walk(c)
			}
		}
	}
	walk(whole)
}

// evidenceless is a store that fails the test whenever a method that reads
// relations with their evidence is called.
type evidenceless struct {
	graph.Store
	t *testing.T
}

func (s evidenceless) read(method string) {
	s.t.Errorf("the handler called %s, which reads evidence", method)
}

func (s evidenceless) ActorRelations(ctx context.Context, id string, f graph.RelationFilter) ([]graph.Relation, error) {
	s.read("ActorRelations")
	return s.Store.ActorRelations(ctx, id, f)
}

func (s evidenceless) Relation(ctx context.Context, id string) (graph.Relation, error) {
	s.read("Relation")
	return s.Store.Relation(ctx, id)
}

func (s evidenceless) EachRelation(ctx context.Context, f graph.RelationFilter, fn func(graph.Relation) error) error {
	s.read("EachRelation")
	return s.Store.EachRelation(ctx, f, fn)
}

func (s evidenceless) Network(ctx context.Context, q graph.NetworkQuery) (graph.Subgraph, error) {
	s.read("Network")
	return s.Store.Network(ctx, q)
}

func (s evidenceless) Paths(ctx context.Context, q graph.PathQuery) (graph.PathResult, error) {
	s.read("Paths")
	return s.Store.Paths(ctx, q)
}

// TestActorPageOfHub checks that GET /v1/actors/{id} answers for an actor
// with 100,000 relations, ten times Limits.MaxRelations, with its counts by
// type and direction, and reads no evidence to do so.
func TestActorPageOfHub(t *testing.T) {
	const n = 100_000
	s, err := embedded.Open(t.Context(), embedded.Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Import(t.Context(), graphtest.Hub(n)); err != nil {
		t.Fatal(err)
	}
	h := newRouter(t, evidenceless{Store: s, t: t}, Options{})
	rec := do(h, call{target: "/v1/actors/hub"})
	if rec.Code != 200 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	var got analyst.ActorSummary
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	// Hub(n): of every ten relations, seven are MEMBER_OF the hub, two
	// FINANCED_BY it (both stored towards the hub) and one ALLIED_WITH,
	// stored from it.
	want := []analyst.TypeCount{
		{Type: "ALLIED_WITH", Symmetric: true, Out: n / 10, Total: n / 10},
		{Type: "FINANCED_BY", In: n / 5, Total: n / 5},
		{Type: "MEMBER_OF", In: 7 * n / 10, Total: 7 * n / 10},
	}
	if got.ID != "hub" || got.Degree != n || !slices.Equal(got.RelationsByType, want) {
		t.Errorf("actor page: id %s, degree %d, by type %+v; want hub, %d, %+v", got.ID, got.Degree, got.RelationsByType, n, want)
	}
	if rec := do(newRouter(t, s, Options{}), call{target: "/v1/actors/hub/relations"}); rec.Code != 413 {
		t.Errorf("listing the hub's relations: status %d, want 413 past max_relations", rec.Code)
	}
}
