package netsci

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/actorgraph/actorgraph/seeds"
)

// testGraph is a named graph for the tests, built through the Builder
// from string ids.
type testGraph struct {
	name string
	g    *Graph
}

// build makes a graph of n nodes named "v000".. (so that their ids sort in
// a different order from their numbers when n > 10 with the "v%d" form we
// use: "v10" < "v2") with the given edges, offered in the order given.
func build(t testing.TB, n int, edges [][2]int) *Graph {
	t.Helper()
	b := NewBuilder(BuildLimits{})
	for v := 0; v < n; v++ {
		if err := b.AddNode(fmt.Sprintf("v%d", v)); err != nil {
			t.Fatal(err)
		}
	}
	for _, e := range edges {
		if err := b.AddEdge(fmt.Sprintf("v%d", e[0]), fmt.Sprintf("v%d", e[1])); err != nil {
			t.Fatal(err)
		}
	}
	g, err := b.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// erdosRenyi is G(n, p) with some parallel, reversed and self-loop
// relations thrown in, which the builder must merge or drop.
func erdosRenyi(t testing.TB, n int, p float64, seed uint64) *Graph {
	r := rand.New(rand.NewPCG(seed, 1))
	var edges [][2]int
	for u := 0; u < n; u++ {
		for v := u + 1; v < n; v++ {
			if r.Float64() < p {
				edges = append(edges, [2]int{u, v})
				switch r.IntN(10) {
				case 0:
					edges = append(edges, [2]int{v, u})
				case 1:
					edges = append(edges, [2]int{u, v})
				case 2:
					edges = append(edges, [2]int{u, u})
				}
			}
		}
	}
	r.Shuffle(len(edges), func(i, j int) { edges[i], edges[j] = edges[j], edges[i] })
	return build(t, n, edges)
}

// barabasiAlbert is preferential attachment: each new node joins m
// distinct existing nodes chosen with probability proportional to degree,
// starting from m isolated nodes (as networkx's generator does).
func barabasiAlbert(t testing.TB, n, m int, seed uint64) *Graph {
	r := rand.New(rand.NewPCG(seed, 2))
	var edges [][2]int
	var ends []int // every edge end, for degree-proportional choice
	targets := make([]int, m)
	for i := range targets {
		targets[i] = i
	}
	for v := m; v < n; v++ {
		for _, u := range targets {
			edges = append(edges, [2]int{v, u})
			ends = append(ends, u, v)
		}
		chosen := map[int]bool{}
		targets = targets[:0]
		for len(targets) < m {
			u := ends[r.IntN(len(ends))]
			if !chosen[u] {
				chosen[u] = true
				targets = append(targets, u)
			}
		}
	}
	return build(t, n, edges)
}

// disjoint puts graphs side by side and adds isolated nodes.
func disjoint(t testing.TB, isolated int, parts ...*Graph) *Graph {
	var edges [][2]int
	base := 0
	for _, p := range parts {
		for u := 0; u < p.N(); u++ {
			for _, v := range p.Neighbors(u) {
				if u < int(v) {
					edges = append(edges, [2]int{base + u, base + int(v)})
				}
			}
		}
		base += p.N()
	}
	return build(t, base+isolated, edges)
}

// seedGraph is the undirected simple graph of the seed bundle: every
// actor, every relation.
func seedGraph(t testing.TB) *Graph {
	t.Helper()
	bundle, err := seeds.Bundle()
	if err != nil {
		t.Fatal(err)
	}
	b := NewBuilder(BuildLimits{})
	for _, a := range bundle.Actors {
		if err := b.AddNode(a.ID); err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range bundle.Relations {
		if err := b.AddEdge(r.From, r.To); err != nil {
			t.Fatal(err)
		}
	}
	g, err := b.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// testGraphs are the graphs every measure is checked on.
func testGraphs(t testing.TB) []testGraph {
	path := func(n int) *Graph {
		var e [][2]int
		for i := 0; i+1 < n; i++ {
			e = append(e, [2]int{i, i + 1})
		}
		return build(t, n, e)
	}
	star := func(n int) *Graph {
		var e [][2]int
		for i := 1; i < n; i++ {
			e = append(e, [2]int{0, i})
		}
		return build(t, n, e)
	}
	return []testGraph{
		{"seed", seedGraph(t)},
		{"er-60-0.08", erdosRenyi(t, 60, 0.08, 1)},
		{"er-150-0.03", erdosRenyi(t, 150, 0.03, 2)},
		{"er-300-0.02", erdosRenyi(t, 300, 0.02, 3)},
		{"ba-200-2", barabasiAlbert(t, 200, 2, 4)},
		{"ba-500-3", barabasiAlbert(t, 500, 3, 5)},
		{"disconnected+isolated", disjoint(t, 7, erdosRenyi(t, 40, 0.1, 6), barabasiAlbert(t, 50, 2, 7), path(5), star(6))},
		{"two-equal-parts", disjoint(t, 0, path(4), path(4))},
		{"isolated-only", build(t, 5, nil)},
		{"one-node", build(t, 1, nil)},
		{"one-edge", build(t, 2, [][2]int{{0, 1}})},
		{"path-7", path(7)},
		{"star-9", star(9)},
	}
}

// brokerQueries are the broker queries sent to networkx for g: two sets of
// a few nodes each, taken from the two largest-degree nodes' neighbourhoods.
func brokerQueries(g *Graph) []refBroker {
	if g.N() < 6 {
		return nil
	}
	n := g.N()
	return []refBroker{
		{A: []int{0, 1}, B: []int{n - 1, n - 2}},
		{A: []int{0, n / 3, n / 2}, B: []int{n - 1, 2 * n / 3}},
	}
}
