package main

// The differential test of issue 11: the same graph in both stores, the
// same read requests through the whole HTTP stack, the same answers.

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/analyst"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/embedded"
	neo4jstore "github.com/actorgraph/actorgraph/graph/neo4j"
	"github.com/actorgraph/actorgraph/graph/neo4j/neo4jtest"
	"github.com/actorgraph/actorgraph/graph/synth"
	"github.com/actorgraph/actorgraph/handlers"
	"github.com/actorgraph/actorgraph/seeds"
)

// diffMinRequests is the least number of read requests the differential
// test must compare over all its graphs (issue 11 asks for 500).
const diffMinRequests = 500

// TestDifferentialLive imports the seed graph and generated graphs
// (actorgraph gen: 5,000 actors and 20,000 relations, three seeds) into
// the embedded store and into Neo4j, and sends both the same generated
// read requests through the HTTP API: search, actor, relations with
// filters, paths in every mode with every filter and as_of, network,
// subgraph, stats, export in every format, and the four analyses. Every
// answer must be the same: the same status, and the same body once the
// orders the API leaves unspecified are sorted (see canonical). A
// difference fails with the request and a diff of the two answers.
func TestDifferentialLive(t *testing.T) {
	srv := neo4jtest.Require(t)
	ctx := t.Context()
	neo, err := neo4jstore.Open(ctx, neo4jstore.Options{
		URI: srv.URI, User: srv.User, Password: srv.Password, Database: srv.Database,
		Limits: graph.DefaultLimits, Logger: neo4jtest.Logger(t),
		ConnectTimeout: 30 * time.Second, QueryTimeout: 2 * time.Minute, LongTimeout: 10 * time.Minute,
	})
	if err != nil {
		t.Fatalf("opening Neo4j at %s: %v", srv.URI, err)
	}
	t.Cleanup(func() { neo.Close() })

	type dataset struct {
		name   string
		bundle func() (*graph.Bundle, error)
		n      int // requests to generate
	}
	sets := []dataset{{"seed", seeds.Bundle, 200}}
	for _, seed := range []int64{1, 2, 3} {
		sets = append(sets, dataset{fmt.Sprintf("gen-seed%d", seed), func() (*graph.Bundle, error) {
			return synth.Bundle(synth.Options{Actors: 5000, Relations: 20000, Seed: seed})
		}, 120})
	}
	total := 0
	for _, ds := range sets {
		t.Run(ds.name, func(t *testing.T) {
			b, err := ds.bundle()
			if err != nil {
				t.Fatal(err)
			}
			emb, err := embedded.Open(ctx, embedded.Options{Dir: t.TempDir(), Limits: graph.DefaultLimits, Now: fixedClock})
			if err != nil {
				t.Fatal(err)
			}
			defer emb.Close()
			if err := neo.DeleteAll(ctx); err != nil {
				t.Fatalf("emptying Neo4j: %v", err)
			}
			if err := neo.Migrate(ctx); err != nil {
				t.Fatalf("Migrate: %v", err)
			}
			for name, s := range map[string]graph.Store{"embedded": emb, "neo4j": neo} {
				if _, err := s.Import(ctx, b); err != nil {
					t.Fatalf("importing %s into %s: %v", ds.name, name, err)
				}
			}
			he, hn := diffAPI(emb), diffAPI(neo)
			reqs := genRequests(b, ds.n, rand.New(rand.NewPCG(uint64(len(ds.name)), 11)))
			failures := 0
			statuses := map[int]int{}
			for _, r := range reqs {
				t0 := time.Now()
				ge := r.send(he)
				t1 := time.Now()
				gn := r.send(hn)
				if d := time.Since(t1); d > 5*time.Second || t1.Sub(t0) > 5*time.Second {
					t.Logf("slow: %s: embedded %v, neo4j %v", r, t1.Sub(t0).Round(time.Millisecond), d.Round(time.Millisecond))
				}
				statuses[ge.status]++
				if d := compareAnswers(ge, gn); d != "" {
					failures++
					if failures <= 10 {
						t.Errorf("%s: the stores answer differently:\n%s", r, d)
					}
				}
			}
			if failures > 10 {
				t.Errorf("… and %d more requests answered differently", failures-10)
			}
			t.Logf("%s: %d requests compared, %d differ; embedded's statuses %v", ds.name, len(reqs), failures, statuses)
			// The comparison means something only if most requests find
			// what they ask for.
			if statuses[http.StatusOK] < len(reqs)*3/4 {
				t.Errorf("only %d of %d requests answered 200: the generated requests miss the graph", statuses[http.StatusOK], len(reqs))
			}
			total += len(reqs)
		})
	}
	if total < diffMinRequests && !t.Failed() {
		t.Errorf("only %d requests compared, want at least %d", total, diffMinRequests)
	}
}

func fixedClock() time.Time { return time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC) }

// diffAPI is the HTTP API over s, wired as serve wires it, with the
// analysis cache off so that every analysis reads its store.
func diffAPI(s graph.Store) http.Handler {
	svc := analyst.New(analyst.Deps{Store: s, Now: fixedClock, Limits: graph.DefaultLimits,
		Analysis: analyst.AnalysisLimits{CacheTTL: -1}})
	return handlers.New(handlers.Deps{Service: svc, Now: fixedClock})
}

// diffRequest is one generated read request.
type diffRequest struct {
	method, target, body string
}

func (r diffRequest) String() string {
	if r.body != "" {
		return r.method + " " + r.target + " " + r.body
	}
	return r.method + " " + r.target
}

type answer struct {
	status int
	ctype  string
	body   []byte
}

func (r diffRequest) send(h http.Handler) answer {
	var body io.Reader
	if r.body != "" {
		body = strings.NewReader(r.body)
	}
	req := httptest.NewRequest(r.method, r.target, body)
	if r.body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set(handlers.RequestIDHeader, "diff")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return answer{rec.Code, rec.Header().Get("Content-Type"), rec.Body.Bytes()}
}

// genRequests draws n read requests over the actors and types of b, and
// adds one request for each export format and for stats.
func genRequests(b *graph.Bundle, n int, rng *rand.Rand) []diffRequest {
	ids := make([]string, len(b.Actors))
	var words []string
	for i, a := range b.Actors {
		ids[i] = a.ID
		words = append(words, strings.Fields(a.Name)...)
	}
	typeSet := map[string]bool{}
	var years []int
	for _, r := range b.Relations {
		typeSet[string(r.Type)] = true
		if y := r.ValidFrom.Year; y > 0 {
			years = append(years, y)
		}
	}
	types := make([]string, 0, len(typeSet))
	for ty := range typeSet {
		types = append(types, ty)
	}
	slices.Sort(types)
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	actor := func() string {
		a := b.Actors[rng.IntN(len(b.Actors))]
		if rng.IntN(4) == 0 {
			return a.Name // names resolve as ids do, where unambiguous
		}
		return a.ID
	}
	// filter adds a random selection of the filters every walk takes.
	filter := func(q url.Values, directions bool) {
		if rng.IntN(3) == 0 {
			q.Set("types", strings.Join([]string{pick(types), pick(types)}, ","))
		} else if rng.IntN(5) == 0 {
			q.Set("exclude_types", pick(types))
		}
		if directions && rng.IntN(3) == 0 {
			q.Set("direction", []string{"any", "out", "in"}[rng.IntN(3)])
		}
		if rng.IntN(4) == 0 {
			q.Set("min_confidence", []string{"0.2", "0.5", "0.7"}[rng.IntN(3)])
		}
		if len(years) > 0 && rng.IntN(4) == 0 {
			q.Set("as_of", fmt.Sprintf("%d-%02d-01", years[rng.IntN(len(years))], 1+rng.IntN(12)))
		}
		if rng.IntN(5) == 0 {
			q.Set("include_contested", "false")
		}
		if rng.IntN(5) == 0 {
			q.Set("include_refuted", "true")
		}
	}
	formats := []string{"json", "nodelink", "cytoscape", "graphml", "gexf", "dot", "csv", "ndjson"}
	get := func(path string, q url.Values) diffRequest {
		if len(q) == 0 {
			return diffRequest{method: "GET", target: path}
		}
		return diffRequest{method: "GET", target: path + "?" + q.Encode()}
	}
	post := func(path string, v any) diffRequest {
		body, _ := json.Marshal(v)
		return diffRequest{method: "POST", target: path, body: string(body)}
	}
	var out []diffRequest
	for _, f := range formats {
		out = append(out, get("/v1/export", url.Values{"format": {f}}))
		out = append(out, get("/v1/relations", url.Values{"format": {f}}))
	}
	out = append(out, get("/v1/export", url.Values{"format": {"csv"}, "part": {"edges"}, "include_refuted": {"true"}}),
		get("/v1/stats", url.Values{"top": {"15"}}), get("/v1/relation-types", nil), get("/v1/sources", nil))
	for len(out) < n {
		q := url.Values{}
		switch k := rng.IntN(12); k {
		case 0, 1: // search: a whole name, a word of one, or a word with a letter dropped
			w := pick(words)
			switch rng.IntN(3) {
			case 0:
				w = b.Actors[rng.IntN(len(b.Actors))].Name
			case 1:
				if len(w) > 4 {
					i := 1 + rng.IntN(len(w)-2)
					w = w[:i] + w[i+1:]
				}
			}
			q.Set("q", w)
			if rng.IntN(3) == 0 {
				q.Set("limit", fmt.Sprint(1+rng.IntN(20)))
				q.Set("offset", fmt.Sprint(rng.IntN(5)))
			}
			if rng.IntN(4) == 0 {
				q.Set("kind", string(b.Actors[rng.IntN(len(b.Actors))].Kind))
			}
			out = append(out, get("/v1/actors", q))
		case 2:
			out = append(out, get("/v1/actors/"+url.PathEscape(actor()), nil))
		case 3:
			filter(q, true)
			out = append(out, get("/v1/actors/"+url.PathEscape(actor())+"/relations", q))
		case 4, 5, 6: // paths
			q.Set("from", actor())
			q.Set("to", actor())
			q.Set("mode", []string{"shortest", "all_shortest", "k_shortest"}[rng.IntN(3)])
			if q.Get("mode") == "k_shortest" {
				q.Set("k", fmt.Sprint(1+rng.IntN(4)))
			}
			q.Set("max_hops", fmt.Sprint(2+rng.IntN(4)))
			filter(q, true)
			if rng.IntN(6) == 0 {
				q.Set("format", pick(formats))
			}
			out = append(out, get("/v1/paths", q))
		case 7:
			q.Set("depth", fmt.Sprint(1+rng.IntN(2)))
			q.Set("limit", fmt.Sprint(50+rng.IntN(500)))
			filter(q, true)
			if rng.IntN(4) == 0 {
				q.Set("format", pick(formats))
			}
			out = append(out, get("/v1/actors/"+url.PathEscape(actor())+"/network", q))
		case 8:
			filter(q, false)
			q.Set("format", pick(formats))
			out = append(out, get("/v1/relations", q))
		case 9:
			req := map[string]any{"seeds": []string{actor(), actor()}, "depth": rng.IntN(3), "limit": 50 + rng.IntN(500)}
			if rng.IntN(2) == 0 {
				req["types"] = []string{pick(types)}
			}
			if rng.IntN(3) == 0 {
				req["min_confidence"] = 0.5
			}
			out = append(out, post("/v1/subgraph", req))
		case 10: // centrality and communities
			if rng.IntN(2) == 0 {
				q.Set("measure", []string{"degree", "betweenness", "closeness", "pagerank", "eigenvector"}[rng.IntN(5)])
				q.Set("top", fmt.Sprint(5+rng.IntN(20)))
				filter(q, false)
				out = append(out, get("/v1/analysis/centrality", q))
			} else {
				q.Set("seed", fmt.Sprint(rng.IntN(3)))
				filter(q, false)
				out = append(out, get("/v1/analysis/communities", q))
			}
		case 11: // brokers and connect
			if rng.IntN(2) == 0 {
				out = append(out, post("/v1/analysis/brokers", map[string]any{"a": []string{actor()}, "b": []string{actor(), actor()}, "max_hops": 2 + rng.IntN(3)}))
			} else {
				out = append(out, post("/v1/analysis/connect", map[string]any{"actors": []string{actor(), actor(), actor()}, "max_hops": 1 + rng.IntN(4)}))
			}
		}
	}
	return out
}

// compareAnswers returns "" when a and b are the same answer, or what
// differs.
func compareAnswers(a, b answer) string {
	if a.status != b.status {
		return fmt.Sprintf("status: embedded %d, neo4j %d\nembedded: %.600s\nneo4j:    %.600s", a.status, b.status, a.body, b.body)
	}
	if a.ctype != b.ctype {
		return fmt.Sprintf("Content-Type: embedded %q, neo4j %q", a.ctype, b.ctype)
	}
	ca, cb := canonical(a), canonical(b)
	if ca == cb {
		return ""
	}
	return lineDiff(ca, cb)
}

// canonical is the answer with the orders the API leaves unspecified
// sorted: JSON arrays are sorted by their elements' canonical encodings
// (every array, since the API specifies the order of few of them, and a
// store that lost or added an element still differs), except the ranked
// hits of a search, kept in their order; a ZIP is its files in name
// order; any other text is its lines sorted. The request id is dropped.
func canonical(a answer) string {
	switch {
	case strings.Contains(a.ctype, "json") && !strings.Contains(a.ctype, "ndjson"):
		var v any
		d := json.NewDecoder(bytes.NewReader(a.body))
		d.UseNumber()
		if err := d.Decode(&v); err != nil {
			return string(a.body)
		}
		return canonicalJSON(v, "")
	case strings.Contains(a.ctype, "zip"):
		zr, err := zip.NewReader(bytes.NewReader(a.body), int64(len(a.body)))
		if err != nil {
			return string(a.body)
		}
		var parts []string
		for _, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				return err.Error()
			}
			data, _ := io.ReadAll(rc)
			rc.Close()
			parts = append(parts, "== "+f.Name+"\n"+sortedLines(string(data)))
		}
		sort.Strings(parts)
		return strings.Join(parts, "\n")
	}
	return sortedLines(string(a.body))
}

func sortedLines(s string) string {
	lines := strings.Split(s, "\n")
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// canonicalJSON encodes v with object keys sorted (as encoding/json does)
// and arrays sorted, one element per line so that a diff reads well.
func canonicalJSON(v any, key string) string {
	switch x := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			if k == "instance" {
				continue // the request's id
			}
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = fmt.Sprintf("%q: %s", k, canonicalJSON(x[k], k))
		}
		return "{" + strings.Join(parts, ",\n") + "}"
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = canonicalJSON(e, "")
		}
		if key != "hits" { // a search's hits are ranked: their order is the answer
			sort.Strings(parts)
		}
		return "[" + strings.Join(parts, ",\n") + "]"
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// lineDiff shows the lines of a and b that differ, at most 40 of them.
func lineDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	var out []string
	i, j := 0, 0
	for (i < len(la) || j < len(lb)) && len(out) < 40 {
		switch {
		case i < len(la) && j < len(lb) && la[i] == lb[j]:
			i++
			j++
		case j < len(lb) && !slices.Contains(la[i:], lb[j]):
			out = append(out, "+ neo4j    "+trim(lb[j]))
			j++
		case i < len(la):
			out = append(out, "- embedded "+trim(la[i]))
			i++
		default:
			out = append(out, "+ neo4j    "+trim(lb[j]))
			j++
		}
	}
	return strings.Join(out, "\n")
}

func trim(s string) string {
	if len(s) > 300 {
		return s[:300] + "…"
	}
	return s
}

// TestDifferentialDetects shows that the differential comparison can
// fail: two embedded stores of the seed graph, one without a relation and
// with an actor renamed, differ on some of the same generated requests,
// and canonical keeps the order of a search's hits while sorting other
// arrays.
func TestDifferentialDetects(t *testing.T) {
	ctx := t.Context()
	open := func(change func(b *graph.Bundle)) http.Handler {
		b, err := seeds.Bundle()
		if err != nil {
			t.Fatal(err)
		}
		change(b)
		s, err := embedded.Open(ctx, embedded.Options{Dir: t.TempDir(), Limits: graph.DefaultLimits, Now: fixedClock})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		if _, err := s.Import(ctx, b); err != nil {
			t.Fatal(err)
		}
		return diffAPI(s)
	}
	b, err := seeds.Bundle()
	if err != nil {
		t.Fatal(err)
	}
	same := open(func(*graph.Bundle) {})
	other := open(func(b *graph.Bundle) {
		b.Relations = b.Relations[1:]
		b.Actors[len(b.Actors)/2].Name += " Jr"
	})
	differ := 0
	for _, r := range genRequests(b, 150, rand.New(rand.NewPCG(4, 11))) {
		if compareAnswers(r.send(same), r.send(same)) != "" {
			t.Errorf("%s: one store answers differently from itself", r)
		}
		if compareAnswers(r.send(same), r.send(other)) != "" {
			differ++
		}
	}
	if differ == 0 {
		t.Error("no request tells a graph without one relation from the seed graph")
	}
	j := func(s string) answer { return answer{200, "application/json", []byte(s)} }
	for _, tc := range []struct {
		a, b string
		same bool
	}{
		{`{"edges":[{"id":"r1"},{"id":"r2"}],"instance":"x"}`, `{"instance":"y","edges":[{"id":"r2"},{"id":"r1"}]}`, true},
		{`{"edges":[{"id":"r1"},{"id":"r2"}]}`, `{"edges":[{"id":"r1"}]}`, false},
		{`{"hits":[{"id":"a"},{"id":"b"}]}`, `{"hits":[{"id":"b"},{"id":"a"}]}`, false},
		{`{"n":1.0}`, `{"n":1.5}`, false},
	} {
		if got := compareAnswers(j(tc.a), j(tc.b)) == ""; got != tc.same {
			t.Errorf("%s against %s: same %v, want %v", tc.a, tc.b, got, tc.same)
		}
	}
}
