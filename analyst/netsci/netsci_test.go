package netsci

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

func TestBuilder(t *testing.T) {
	ctx := context.Background()
	b := NewBuilder(BuildLimits{})
	for _, e := range [][2]string{
		{"c", "a"}, {"a", "c"}, {"a", "c"}, // one edge, offered three times
		{"b", "b"}, // a self-loop: dropped, b stays a node
		{"c", "d"},
	} {
		if err := b.AddEdge(e[0], e[1]); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.AddNode("e"); err != nil {
		t.Fatal(err)
	}
	if err := b.AddNode("a"); err != nil { // already there
		t.Fatal(err)
	}
	g, err := b.Build(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for v := 0; v < g.N(); v++ {
		ids = append(ids, g.ID(v))
	}
	if !slices.Equal(ids, []string{"a", "b", "c", "d", "e"}) || g.M() != 2 {
		t.Fatalf("nodes %v, %d edges", ids, g.M())
	}
	if s := g.Stats(); s != (BuildStats{Offered: 5, SelfLoops: 1, Merged: 2}) {
		t.Errorf("stats %+v", s)
	}
	c, _ := g.Index("c")
	if got := g.Neighbors(c); !slices.Equal(got, []int32{0, 3}) || !g.HasEdge(0, c) || g.HasEdge(0, 3) {
		t.Errorf("neighbours of c: %v", got)
	}
	if _, ok := g.Index("zzz"); ok {
		t.Error("unknown id found")
	}
	// Components: {a,c,d}, {b}, {e}, numbered by their smallest node.
	if g.Components() != 3 || g.Component(0) != 0 || g.Component(3) != 0 || g.Component(1) != 1 || g.Component(4) != 2 {
		t.Errorf("components: %d, %v", g.Components(), g.comp)
	}

	// The same relations in another order give the same graph.
	b2 := NewBuilder(BuildLimits{})
	_ = b2.AddNode("e")
	for _, e := range [][2]string{{"d", "c"}, {"b", "b"}, {"c", "a"}} {
		_ = b2.AddEdge(e[0], e[1])
	}
	g2, err := b2.Build(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(g.ids, g2.ids) || !slices.Equal(g.adj, g2.adj) || !slices.Equal(g.off, g2.off) {
		t.Errorf("order matters: %v %v / %v %v", g.adj, g.off, g2.adj, g2.off)
	}
}

func TestBuilderBounds(t *testing.T) {
	b := NewBuilder(BuildLimits{MaxNodes: 2, MaxEdges: 2})
	if err := b.AddEdge("a", "b"); err != nil {
		t.Fatal(err)
	}
	err := b.AddEdge("a", "c")
	var le *LimitError
	if !errors.As(err, &le) || le.Bound != "MaxNodes" || graph.ErrorCode(err) != graph.ETOOLARGE || graph.ErrorMessage(err) == "internal error" {
		t.Errorf("third node: %v (%s: %s)", err, graph.ErrorCode(err), graph.ErrorMessage(err))
	}
	if err := b.AddEdge("b", "a"); err != nil {
		t.Fatal(err)
	}
	if err := b.AddEdge("b", "a"); !errors.As(err, &le) || le.Bound != "MaxEdges" {
		t.Errorf("third relation: %v", err)
	}
	if err := b.AddNode(""); graph.ErrorCode(err) != graph.EINVALID {
		t.Errorf("empty id: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := b.Build(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled build: %v", err)
	}
}

func TestTopOrder(t *testing.T) {
	g := build(t, 4, [][2]int{{0, 1}, {1, 2}, {2, 3}})
	// Path v0-v1-v2-v3: v1 and v2 tie on degree; ids break the tie.
	top := Degree(g).Top(0)
	var got []string
	for _, r := range top {
		got = append(got, r.ID)
	}
	if !slices.Equal(got, []string{"v1", "v2", "v0", "v3"}) || top[0].Rank != 1 || top[3].Rank != 4 {
		t.Errorf("top: %+v", top)
	}
	if len(Degree(g).Top(2)) != 2 {
		t.Error("Top(2) is not two")
	}
	if v, ok := Degree(g).Of("v1"); !ok || v != 2.0/3 {
		t.Errorf("Of(v1) = %v, %v", v, ok)
	}
}

// TestSampledBetweenness checks the sampled estimate against the exact
// values: within the stated bound always, and far within it on average;
// exact when every node is a source; the same whatever the workers.
func TestSampledBetweenness(t *testing.T) {
	ctx := context.Background()
	for _, tg := range []testGraph{
		{"ba-400", barabasiAlbert(t, 400, 3, 31)},
		{"er-300", erdosRenyi(t, 300, 0.015, 32)},
		{"seed", seedGraph(t)},
	} {
		t.Run(tg.name, func(t *testing.T) {
			g := tg.g
			exact, err := Betweenness(ctx, g, BetweennessOptions{})
			if err != nil {
				t.Fatal(err)
			}
			for _, k := range []int{10, 50, 150} {
				var meanErr float64
				for seed := uint64(0); seed < 5; seed++ {
					s, err := Betweenness(ctx, g, BetweennessOptions{ExactMaxNodes: -1, Samples: k, Seed: seed})
					if err != nil {
						t.Fatal(err)
					}
					if s.Exact || s.Sources != k || s.Confidence != 0.95 || s.Epsilon <= 0 || s.Epsilon >= 1 {
						t.Fatalf("k=%d: %+v", k, s)
					}
					if want := samplingEpsilon(g.N(), k, 0.95); s.Epsilon != want {
						t.Errorf("epsilon %g, want %g", s.Epsilon, want)
					}
					worst := 0.0
					for v := range s.Values {
						d := math.Abs(s.Values[v] - exact.Values[v])
						worst = max(worst, d)
						meanErr += d
					}
					if worst > s.Epsilon {
						t.Errorf("k=%d seed %d: error %g over the stated bound %g", k, seed, worst, s.Epsilon)
					}
				}
				meanErr /= float64(5 * g.N())
				t.Logf("k=%d: epsilon %.3f, mean error %.2g", k, samplingEpsilon(g.N(), k, 0.95), meanErr)
			}
			// Every node a source: the exact values.
			all, err := Betweenness(ctx, g, BetweennessOptions{ExactMaxNodes: -1, Samples: g.N()})
			if err != nil {
				t.Fatal(err)
			}
			if !all.Exact || !slices.Equal(all.Values, exact.Values) {
				t.Error("k = N is not the exact result")
			}
			// Unbiased: the mean of many small samples approaches the exact
			// value; and the standard error each run states matches the
			// spread of the runs.
			mean := make([]float64, g.N())
			meanSq := make([]float64, g.N())
			meanSE := make([]float64, g.N())
			const runs = 200
			for seed := uint64(0); seed < runs; seed++ {
				s, err := Betweenness(ctx, g, BetweennessOptions{ExactMaxNodes: -1, Samples: 20, Seed: 1000 + seed})
				if err != nil {
					t.Fatal(err)
				}
				for v, x := range s.Values {
					mean[v] += x / runs
					meanSq[v] += x * x / runs
					meanSE[v] += s.StdErr[v] / runs
				}
			}
			for _, top := range exact.Top(3) {
				v := top.Node
				if rel := math.Abs(mean[v]-top.Value) / top.Value; rel > 0.1 {
					t.Errorf("mean of %d samples at %s is %g, exact %g", runs, top.ID, mean[v], top.Value)
				}
				sd := math.Sqrt(meanSq[v] - mean[v]*mean[v])
				t.Logf("%s: mean SE %.3g, sd %.3g", top.ID, meanSE[v], sd)
				if r := meanSE[v] / sd; r < 0.6 || r > 1.4 {
					t.Errorf("%s: stated standard error %g on average, the runs spread by %g", top.ID, meanSE[v], sd)
				}
			}
			// Bit for bit the same on one or many workers.
			one, _ := Betweenness(ctx, g, BetweennessOptions{Workers: 1})
			many, _ := Betweenness(ctx, g, BetweennessOptions{Workers: 5})
			if !slices.Equal(one.Values, many.Values) || !slices.Equal(one.Values, exact.Values) {
				t.Error("betweenness depends on the number of workers")
			}
		})
	}
}

func TestBetweennessBounds(t *testing.T) {
	ctx := context.Background()
	g := barabasiAlbert(t, 200, 2, 41)
	var le *LimitError
	_, err := Betweenness(ctx, g, BetweennessOptions{MaxWork: 1000})
	if !errors.As(err, &le) || le.Bound != "MaxWork" || le.What != "exact betweenness" || graph.ErrorCode(err) != graph.ETOOLARGE {
		t.Errorf("exact over MaxWork: %v", err)
	}
	if _, err := Betweenness(ctx, g, BetweennessOptions{ExactMaxNodes: 100, Samples: 50, MaxWork: 1000}); !errors.As(err, &le) || le.What != "sampled betweenness" {
		t.Errorf("sampled over MaxWork: %v", err)
	}
	for _, opt := range []BetweennessOptions{{Samples: 1}, {Confidence: 1}, {Confidence: -0.5}} {
		if _, err := Betweenness(ctx, g, opt); graph.ErrorCode(err) != graph.EINVALID {
			t.Errorf("%+v: %v", opt, err)
		}
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := Betweenness(cancelled, g, BetweennessOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
	if _, err := Closeness(cancelled, g, ClosenessOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled closeness: %v", err)
	}
	if _, err := Closeness(ctx, g, ClosenessOptions{MaxWork: 10}); !errors.As(err, &le) {
		t.Errorf("closeness over MaxWork: %v", err)
	}
	if _, err := PageRank(ctx, g, PowerOptions{MaxWork: 10}); !errors.As(err, &le) {
		t.Errorf("pagerank over MaxWork: %v", err)
	}
	// A deadline in the middle of the work stops it.
	big := barabasiAlbert(t, 3000, 3, 42)
	short, cancel2 := context.WithTimeout(ctx, 1)
	defer cancel2()
	if _, err := Betweenness(short, big, BetweennessOptions{}); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("past the deadline: %v", err)
	}
	// Too few iterations: the result says it did not converge.
	pr, err := PageRank(ctx, g, PowerOptions{MaxIter: 2})
	if err != nil || pr.Converged || pr.Iterations != 2 {
		t.Errorf("pagerank with 2 iterations: converged %v after %d, %v", pr.Converged, pr.Iterations, err)
	}
}

// TestCommunitiesProperties checks what Leiden promises without a
// reference: the same partition for the same graph and seed however the
// relations were offered; connected communities; planted cliques found.
func TestCommunitiesProperties(t *testing.T) {
	ctx := context.Background()
	r := rand.New(rand.NewPCG(5, 5))
	for _, tg := range []testGraph{
		{"seed", seedGraph(t)},
		{"ba-1000", barabasiAlbert(t, 1000, 3, 51)},
		{"er-500", erdosRenyi(t, 500, 0.01, 52)},
	} {
		t.Run(tg.name, func(t *testing.T) {
			g := tg.g
			p, err := Communities(ctx, g, CommunityOptions{Seed: 3})
			if err != nil {
				t.Fatal(err)
			}
			// The same graph with its relations offered in another order.
			var edges [][2]string
			for u := 0; u < g.N(); u++ {
				for _, v := range g.Neighbors(u) {
					edges = append(edges, [2]string{g.ID(int(v)), g.ID(u)})
				}
			}
			r.Shuffle(len(edges), func(i, j int) { edges[i], edges[j] = edges[j], edges[i] })
			b := NewBuilder(BuildLimits{})
			for v := g.N() - 1; v >= 0; v-- {
				_ = b.AddNode(g.ID(v))
			}
			for _, e := range edges {
				_ = b.AddEdge(e[0], e[1])
			}
			g2, err := b.Build(ctx)
			if err != nil {
				t.Fatal(err)
			}
			p2, err := Communities(ctx, g2, CommunityOptions{Seed: 3})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(p.Of, p2.Of) || p.Modularity != p2.Modularity {
				t.Error("the partition depends on the order the relations were offered in")
			}
			// Each community is connected, and its counts are right.
			seen := 0
			for c, cm := range p.Communities {
				seen += len(cm.Members)
				in := map[int32]bool{}
				deg := 0
				for _, v := range cm.Members {
					in[v] = true
					deg += g.Degree(int(v))
					if p.Of[v] != int32(c) {
						t.Fatalf("node %d listed in %d but Of says %d", v, c, p.Of[v])
					}
				}
				reached := map[int32]bool{cm.Members[0]: true}
				stack := []int32{cm.Members[0]}
				internal := 0
				for len(stack) > 0 {
					x := stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					for _, y := range g.Neighbors(int(x)) {
						if in[y] {
							internal++
							if !reached[y] {
								reached[y] = true
								stack = append(stack, y)
							}
						}
					}
				}
				if len(reached) != len(cm.Members) {
					t.Errorf("community %d (%d members) is not connected", c, len(cm.Members))
				}
				if internal/2 != cm.Internal || deg != cm.Degree {
					t.Errorf("community %d: internal %d degree %d, counted %d and %d", c, cm.Internal, cm.Degree, internal/2, deg)
				}
				if c > 0 && len(p.Communities[c-1].Members) < len(cm.Members) {
					t.Errorf("community %d is larger than %d", c, c-1)
				}
			}
			if seen != g.N() {
				t.Errorf("communities hold %d nodes of %d", seen, g.N())
			}
		})
	}

	// Six 5-cliques in a ring, joined by single edges: each clique is a
	// community.
	var edges [][2]int
	for c := 0; c < 6; c++ {
		for i := 0; i < 5; i++ {
			for j := i + 1; j < 5; j++ {
				edges = append(edges, [2]int{5*c + i, 5*c + j})
			}
		}
		edges = append(edges, [2]int{5 * c, (5*c + 7) % 30})
	}
	g := build(t, 30, edges)
	p, err := Communities(ctx, g, CommunityOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Communities) != 6 {
		t.Fatalf("%d communities in six cliques", len(p.Communities))
	}
	for c := range p.Communities {
		cliques := map[int]bool{}
		for _, id := range p.IDs(c) {
			n, err := strconv.Atoi(strings.TrimPrefix(id, "v"))
			if err != nil {
				t.Fatal(err)
			}
			cliques[n/5] = true
		}
		if len(cliques) != 1 || len(p.Communities[c].Members) != 5 {
			t.Errorf("community %d is not one clique: %v", c, p.IDs(c))
		}
	}
}

func TestSplitDisconnected(t *testing.T) {
	// v0-v1 and v2-v3 put in one community: split in two, and Q rises.
	g := build(t, 5, [][2]int{{0, 1}, {2, 3}})
	of := []int32{0, 0, 0, 0, 1}
	before := modularity(g, of, 1)
	splitDisconnected(g, of)
	if of[0] != of[1] || of[2] != of[3] || of[0] == of[2] || of[4] == of[0] || of[4] == of[2] {
		t.Fatalf("split: %v", of)
	}
	if after := modularity(g, of, 1); after <= before {
		t.Errorf("modularity %g after the split, %g before", after, before)
	}
}

// TestBrandesDirections checks that the searches give the same
// betweenness whether each level goes top-down, bottom-up, or the cheaper
// of the two (the default, checked against networkx elsewhere).
func TestBrandesDirections(t *testing.T) {
	defer func() { forceDirection = 0 }()
	for _, tg := range testGraphs(t) {
		var got [3][]float64
		for mode := int8(0); mode < 3; mode++ {
			forceDirection = mode
			b, err := Betweenness(context.Background(), tg.g, BetweennessOptions{})
			if err != nil {
				t.Fatal(err)
			}
			got[mode] = b.Values
		}
		for mode := 1; mode < 3; mode++ {
			for v := range got[0] {
				if d := math.Abs(got[mode][v] - got[0][v]); d > 1e-12 {
					t.Errorf("%s: node %s is %g with direction %d, %g chosen per level", tg.name, tg.g.ID(v), got[mode][v], mode, got[0][v])
					break
				}
			}
		}
	}
}
