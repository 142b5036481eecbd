package analyst_test

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/analyst"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/embedded"
	"github.com/actorgraph/actorgraph/graph/synth"
	"github.com/actorgraph/actorgraph/internal/testtools"
	"github.com/actorgraph/actorgraph/seeds"
)

// The reference tests check the analyses through the service and the
// store against networkx (and the communities against igraph), on the seed
// graph and on a random graph, under several filters. The graph given to
// networkx is exported independently of the analysis code, with
// Service.EachActor and Service.EachEdge and the same filter: so they
// check what the service reads and builds as well as the measures.
// Outside CI they skip when python3, networkx, scipy or igraph is missing;
// in CI (CI set and not "false") a missing one fails the test.

// refTol is the agreement asked for, absolute, on every value.
const refTol = 1e-9

type refCase struct {
	Name        string         `json:"name"`
	Nodes       []string       `json:"nodes"`
	Edges       [][2]string    `json:"edges"`
	Subsets     []refSubset    `json:"subsets,omitempty"`
	Partition   map[string]int `json:"partition,omitempty"`
	IgraphSeeds []int          `json:"igraph_seeds,omitempty"`
	filter      graph.RelationFilter
}

type refSubset struct {
	A []string `json:"a"`
	B []string `json:"b"`
}

type refOut struct {
	Name             string               `json:"name"`
	N                int                  `json:"n"`
	M                int                  `json:"m"`
	Degree           map[string]float64   `json:"degree"`
	Betweenness      map[string]float64   `json:"betweenness"`
	Closeness        map[string]float64   `json:"closeness"`
	PageRank         map[string]float64   `json:"pagerank"`
	Eigenvector      map[string]float64   `json:"eigenvector"`
	Subsets          []map[string]float64 `json:"subsets"`
	Modularity       *float64             `json:"modularity"`
	IgraphModularity []float64            `json:"igraph_modularity"`
}

func runReference(t *testing.T, cases []refCase) []refOut {
	t.Helper()
	py := testtools.Python(t, "pip install networkx scipy igraph; .ci/install.sh python", "networkx", "scipy", "igraph")
	in, err := json.Marshal(cases)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, py, filepath.Join("testdata", "analysis_reference.py"))
	cmd.Stdin = bytes.NewReader(in)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("analysis_reference.py: %v\n%s", err, stderr.String())
	}
	var out struct {
		NetworkX string   `json:"networkx"`
		Cases    []refOut `json:"cases"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatalf("analysis_reference.py output: %v", err)
	}
	if len(out.Cases) != len(cases) {
		t.Fatalf("analysis_reference.py answered %d cases, want %d", len(out.Cases), len(cases))
	}
	t.Logf("networkx %s", out.NetworkX)
	return out.Cases
}

// seedService is a Service over the seed graph.
func seedService(t *testing.T, lim analyst.AnalysisLimits) (*analyst.Service, graph.Store) {
	t.Helper()
	st, err := embedded.Open(t.Context(), embedded.Options{Dir: t.TempDir(), Seed: seeds.Bundle})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return analyst.New(analyst.Deps{Store: st, Analysis: lim}), st
}

// randomService is a Service over a random graph of graph/synth: actors
// of every kind, relations of every type, dated, graded, some contested
// and some refuted.
func randomService(t *testing.T, actors, relations int, seed int64) *analyst.Service {
	t.Helper()
	b, err := synth.Bundle(synth.Options{Actors: actors, Relations: relations, Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	st, err := embedded.Open(t.Context(), embedded.Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Import(t.Context(), b); err != nil {
		t.Fatal(err)
	}
	return analyst.New(analyst.Deps{Store: st})
}

// export is the graph a filter selects, read without the analysis code:
// every actor, and the ends of every relation that passes.
func export(t *testing.T, svc *analyst.Service, name string, f graph.RelationFilter) refCase {
	t.Helper()
	c := refCase{Name: name, filter: f, Edges: [][2]string{}}
	if err := svc.EachActor(t.Context(), func(a graph.Actor) error { c.Nodes = append(c.Nodes, a.ID); return nil }); err != nil {
		t.Fatal(err)
	}
	if err := svc.EachEdge(t.Context(), f, func(e graph.Edge) error {
		c.Edges = append(c.Edges, [2]string{e.From, e.To})
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return c
}

// allValues returns every actor's value of measure m through the service.
func allValues(t *testing.T, svc *analyst.Service, m analyst.Measure, f graph.RelationFilter, n int) (map[string]float64, *analyst.CentralityAnswer) {
	t.Helper()
	a, err := svc.Centrality(t.Context(), analyst.CentralityQuery{Measure: m, Top: n, Filter: f})
	if err != nil {
		t.Fatalf("%s: %v", m, err)
	}
	if len(a.Top) != n {
		t.Fatalf("%s: %d values, want %d", m, len(a.Top), n)
	}
	out := map[string]float64{}
	for i, s := range a.Top {
		out[s.Actor.ID] = s.Value
		if s.Rank != i+1 {
			t.Errorf("%s: rank %d at place %d", m, s.Rank, i+1)
		}
		if i > 0 && (s.Value > a.Top[i-1].Value || s.Value == a.Top[i-1].Value && s.Actor.ID < a.Top[i-1].Actor.ID) {
			t.Errorf("%s: %s (%v) ranked after %s (%v)", m, s.Actor.ID, s.Value, a.Top[i-1].Actor.ID, a.Top[i-1].Value)
		}
	}
	return out, a
}

func compare(t *testing.T, what string, got, want map[string]float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d values, networkx %d", what, len(got), len(want))
	}
	bad := 0
	for id, w := range want {
		g, ok := got[id]
		if !ok || math.Abs(g-w) > refTol {
			if bad++; bad <= 5 {
				t.Errorf("%s of %s: service %v, networkx %v (diff %.3g)", what, id, g, w, math.Abs(g-w))
			}
		}
	}
}

// TestMeasuresMatchNetworkX: every centrality measure through the service
// equals networkx's on the same filtered graph to 1e-9, and so do the
// brokers' scores (twice betweenness_centrality_subset), on the seed graph
// under several filters and on a random graph; the communities'
// modularity is networkx's modularity of the same partition and within 1%
// of igraph's multilevel.
func TestMeasuresMatchNetworkX(t *testing.T) {
	testtools.Python(t, "pip install networkx scipy igraph; .ci/install.sh python", "networkx", "scipy", "igraph")
	seed, _ := seedService(t, analyst.AnalysisLimits{})
	random := randomService(t, 400, 1600, 3)
	type svcCase struct {
		svc *analyst.Service
		c   refCase
		// brokers: the sets given, and the sets as the service expands
		// them (the reference gets the latter)
		a, b []string
	}
	var cases []svcCase
	add := func(svc *analyst.Service, name string, f graph.RelationFilter, a, b []string) {
		cases = append(cases, svcCase{svc: svc, c: export(t, svc, name, f), a: a, b: b})
	}
	aqap, is := []string{"aqap"}, []string{"islamic-state"}
	add(seed, "seed", graph.RelationFilter{}, aqap, is)
	add(seed, "seed as_of 2010", graph.RelationFilter{AsOf: graph.MustDate("2010-12-31")}, aqap, is)
	add(seed, "seed include_refuted", graph.RelationFilter{IncludeRefuted: true}, aqap, is)
	add(seed, "seed no contested, confidence 0.5", graph.RelationFilter{ExcludeContested: true, MinConfidence: 0.5}, aqap, is)
	add(seed, "seed people and groups", graph.RelationFilter{Types: []string{"MEMBER_OF", "ASSOCIATE_OF", "TRAINED_BY", "PLEDGED_ALLEGIANCE_TO", "AFFILIATE_OF", "RIVAL_OF", "MET"}}, aqap, is)
	add(seed, "seed without places", graph.RelationFilter{ExcludeTypes: []string{"LOCATED_IN", "NATIONAL_OF", "BASED_IN", "TRAVELLED_TO", "OCCURRED_IN", "IMPRISONED_IN", "TRAINED_IN"}}, aqap, is)
	add(random, "random 400/1600", graph.RelationFilter{}, []string{synth.ActorID(1), synth.ActorID(7)}, []string{synth.ActorID(21), synth.ActorID(27)})
	add(random, "random 400/1600 as_of 2012", graph.RelationFilter{AsOf: graph.MustDate("2012")}, []string{synth.ActorID(1)}, []string{synth.ActorID(21)})

	// The communities of each case, as the service finds them, and the
	// broker sets; both go to the reference.
	comms := make([]*analyst.CommunitiesAnswer, len(cases))
	for i := range cases {
		c := &cases[i]
		a, err := c.svc.Communities(t.Context(), analyst.CommunitiesQuery{Seed: 1, Filter: c.c.filter})
		if err != nil {
			t.Fatalf("%s: communities: %v", c.c.Name, err)
		}
		comms[i] = a
		c.c.Partition = map[string]int{}
		if err := c.svc.EachMember(t.Context(), a, func(r analyst.MemberRow) error {
			c.c.Partition[r.Actor.ID] = r.Community
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		c.c.IgraphSeeds = []int{1, 2, 3, 4, 5}
		c.c.Subsets = []refSubset{{A: c.a, B: c.b}}
	}
	refs := make([]refCase, len(cases))
	for i := range cases {
		refs[i] = cases[i].c
	}
	out := runReference(t, refs)
	for i, c := range cases {
		want := out[i]
		t.Run(c.c.Name, func(t *testing.T) {
			n := len(c.c.Nodes)
			for _, m := range []struct {
				m    analyst.Measure
				want map[string]float64
			}{
				{analyst.Degree, want.Degree}, {analyst.Betweenness, want.Betweenness}, {analyst.Closeness, want.Closeness},
				{analyst.PageRank, want.PageRank}, {analyst.Eigenvector, want.Eigenvector},
			} {
				got, a := allValues(t, c.svc, m.m, c.c.filter, n)
				compare(t, string(m.m), got, m.want)
				if a.Graph.Actors != want.N || a.Graph.Edges != want.M {
					t.Errorf("%s: the answer states %d actors and %d edges; networkx has %d and %d", m.m, a.Graph.Actors, a.Graph.Edges, want.N, want.M)
				}
				if a.Graph.Relations != len(c.c.Edges) {
					t.Errorf("%s: the answer states %d relations; %d pass the filter", m.m, a.Graph.Relations, len(c.c.Edges))
				}
			}
			// Brokers in pairs mode with direct relations kept: the score
			// is twice networkx's betweenness_centrality_subset.
			b, err := c.svc.Brokers(t.Context(), analyst.BrokersQuery{A: c.a, B: c.b, IncludeDirect: true, MaxHops: 8, Top: 1000, Examples: -1, Filter: c.c.filter})
			if err != nil {
				t.Fatalf("brokers: %v", err)
			}
			got := map[string]float64{}
			for _, x := range b.Brokers {
				got[x.Actor.ID] = x.Score / 2
			}
			wantSub := map[string]float64{}
			for id, v := range want.Subsets[0] {
				if v > 0 {
					wantSub[id] = v
				}
			}
			compare(t, "brokers", got, wantSub)
			// Communities.
			cm := comms[i]
			if want.Modularity == nil {
				if cm.Modularity != 0 {
					t.Errorf("modularity %v on a graph without edges", cm.Modularity)
				}
				return
			}
			if math.Abs(cm.Modularity-*want.Modularity) > refTol {
				t.Errorf("modularity %v, networkx's of the same partition %v", cm.Modularity, *want.Modularity)
			}
			best := 0.0
			for _, q := range want.IgraphModularity {
				best = max(best, q)
			}
			if cm.Modularity < 0.99*best {
				t.Errorf("modularity %v, below 99%% of igraph multilevel's best %v (all: %v)", cm.Modularity, best, want.IgraphModularity)
			}
			t.Logf("modularity %.4f, igraph multilevel %v", cm.Modularity, want.IgraphModularity)
		})
	}
}
