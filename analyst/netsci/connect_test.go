package netsci

import (
	"context"
	"errors"
	"fmt"
	"math/bits"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// checkConnect checks every promise of Connect's answer for the terminals
// (node numbers) of g with the given max_hops, by brute force.
func checkConnect(t *testing.T, g *Graph, terms []int, hops int) *ConnectResult {
	t.Helper()
	ids := make([]string, len(terms))
	for i, v := range terms {
		ids[i] = g.ID(v)
	}
	res, err := Connect(context.Background(), g, ids, ConnectOptions{MaxHops: hops})
	if err != nil {
		t.Fatal(err)
	}
	what := fmt.Sprintf("terminals %v, max_hops %d", ids, hops)
	// Repeats are ignored: the expectations use the first of each.
	var uniq []int
	for _, v := range terms {
		if !slices.Contains(uniq, v) {
			uniq = append(uniq, v)
		}
	}
	terms = uniq
	ids = ids[:0]
	for _, v := range terms {
		ids = append(ids, g.ID(v))
	}
	if !slices.Equal(res.Terminals, ids) {
		t.Errorf("%s: terminals %v, want %v", what, res.Terminals, ids)
	}
	p := plain(g, nil)
	idx := func(id string) int {
		v, ok := g.Index(id)
		if !ok {
			t.Fatalf("%s: %q is not a node", what, id)
		}
		return v
	}

	// The expected parts: terminals joined by chains of steps of at most
	// hops edges (true distances).
	dist := make([][]int, len(terms))
	for i, v := range terms {
		dist[i] = p.bfs(v)
	}
	uf := newUnionFind(len(terms))
	for i := range terms {
		for j := range terms {
			if d := dist[i][terms[j]]; d >= 0 && d <= hops {
				uf.union(i, j)
			}
		}
	}
	var want [][]string
	root := map[int]int{}
	for i := range terms {
		r := uf.find(i)
		if _, ok := root[r]; !ok {
			root[r] = len(want)
			want = append(want, nil)
		}
		want[root[r]] = append(want[root[r]], ids[i])
	}
	if len(res.Parts) != len(want) {
		t.Fatalf("%s: %d parts, want %d: %v", what, len(res.Parts), len(want), want)
	}
	for _, part := range res.Parts {
		found := false
		for _, w := range want {
			found = found || slices.Equal(w, part.Terminals)
		}
		if !found {
			t.Errorf("%s: part %v is not one of %v", what, part.Terminals, want)
		}
	}
	for _, w := range want {
		if len(w) > len(res.Parts[0].Terminals) {
			t.Errorf("%s: the network joins %d terminals, part %v has more", what, len(res.Parts[0].Terminals), w)
		}
		if len(w) == len(res.Parts[0].Terminals) && slices.Index(ids, w[0]) < slices.Index(ids, res.Parts[0].Terminals[0]) {
			t.Errorf("%s: on a tie the network is the part of the terminal named first, not %v", what, res.Parts[0].Terminals)
		}
	}

	for _, part := range res.Parts {
		// A tree: connected, one edge fewer than nodes, every edge real.
		nodes := map[string]bool{}
		for _, id := range part.Nodes {
			nodes[id] = true
		}
		if len(part.Edges) != len(part.Nodes)-1 {
			t.Errorf("%s: %d nodes and %d edges is not a tree", what, len(part.Nodes), len(part.Edges))
		}
		tuf := newUnionFind(g.N())
		deg := map[string]int{}
		for _, e := range part.Edges {
			if !nodes[e[0]] || !nodes[e[1]] || !g.HasEdge(idx(e[0]), idx(e[1])) || e[0] >= e[1] {
				t.Errorf("%s: edge %v is not an edge of g between tree nodes in order", what, e)
			}
			if !tuf.union(idx(e[0]), idx(e[1])) {
				t.Errorf("%s: edge %v closes a cycle", what, e)
			}
			deg[e[0]]++
			deg[e[1]]++
		}
		for _, id := range part.Nodes {
			if tuf.find(idx(id)) != tuf.find(idx(part.Nodes[0])) {
				t.Errorf("%s: %s is not joined to the rest of its part", what, id)
			}
			if deg[id] == 1 && !slices.Contains(part.Terminals, id) {
				t.Errorf("%s: %s is a leaf but not a terminal", what, id)
			}
		}
		for _, id := range part.Terminals {
			if !nodes[id] {
				t.Errorf("%s: terminal %s is not in its part's nodes", what, id)
			}
		}
		// Each connection is a path of g of at most hops edges, in the tree.
		for _, c := range part.Connections {
			if len(c.Path) < 2 || c.Path[0] != c.From || c.Path[len(c.Path)-1] != c.To ||
				!slices.Contains(part.Terminals, c.From) || !slices.Contains(part.Terminals, c.To) ||
				slices.Index(ids, c.From) > slices.Index(ids, c.To) {
				t.Errorf("%s: connection %+v", what, c)
			}
			if len(c.Path)-1 > hops {
				t.Errorf("%s: connection %v has %d hops, over %d", what, c.Path, len(c.Path)-1, hops)
			}
			for i := 1; i < len(c.Path); i++ {
				e := [2]string{min(c.Path[i-1], c.Path[i]), max(c.Path[i-1], c.Path[i])}
				if !slices.Contains(part.Edges, e) {
					t.Errorf("%s: connection %v uses %v, not a tree edge", what, c.Path, e)
				}
			}
		}
		if len(part.Connections) != len(part.Terminals)-1 {
			t.Errorf("%s: %d connections for %d terminals", what, len(part.Connections), len(part.Terminals))
		}
	}

	// Gaps: every terminal outside the network, with its reason.
	var gaps []Gap
	main := res.Parts[0].Terminals
	for i, id := range ids {
		if slices.Contains(main, id) {
			continue
		}
		reason := GapTooFar
		if dist[slices.Index(ids, main[0])][terms[i]] < 0 {
			reason = GapUnreachable
		}
		gaps = append(gaps, Gap{ID: id, Reason: reason})
	}
	if !slices.Equal(gaps, res.Gaps) && len(gaps)+len(res.Gaps) > 0 {
		t.Errorf("%s: gaps %v, want %v", what, res.Gaps, gaps)
	}
	return res
}

// steinerOptimum is the fewest edges of a tree of g joining the
// terminals, by trying every set of other nodes (small graphs only).
func steinerOptimum(g *Graph, terms []int) int {
	isTerm := map[int]bool{}
	for _, v := range terms {
		isTerm[v] = true
	}
	var others []int
	for v := 0; v < g.N(); v++ {
		if !isTerm[v] {
			others = append(others, v)
		}
	}
	best := -1
	for mask := 0; mask < 1<<len(others); mask++ {
		size := len(isTerm) + bits.OnesCount(uint(mask))
		if best >= 0 && size-1 >= best {
			continue
		}
		in := map[int]bool{}
		for v := range isTerm {
			in[v] = true
		}
		for i, v := range others {
			if mask&(1<<i) != 0 {
				in[v] = true
			}
		}
		// Connected within in?
		seen := map[int]bool{terms[0]: true}
		stack := []int{terms[0]}
		for len(stack) > 0 {
			x := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, y := range g.Neighbors(x) {
				if in[int(y)] && !seen[int(y)] {
					seen[int(y)] = true
					stack = append(stack, int(y))
				}
			}
		}
		if len(seen) == size {
			best = size - 1
		}
	}
	return best
}

func TestConnectProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	graphs := []testGraph{
		{"seed", seedGraph(t)},
		{"er-60", erdosRenyi(t, 60, 0.05, 21)},
		{"ba-300", barabasiAlbert(t, 300, 2, 22)},
		{"disconnected+isolated", disjoint(t, 4, erdosRenyi(t, 30, 0.08, 23), barabasiAlbert(t, 30, 1, 24))},
	}
	for _, tg := range graphs {
		t.Run(tg.name, func(t *testing.T) {
			for trial := 0; trial < 20; trial++ {
				terms := r.Perm(tg.g.N())[:3+r.IntN(5)]
				if trial%5 == 0 {
					terms = append(terms, terms[0]) // a repeat is ignored
				}
				for _, hops := range []int{1, 2, 3, 4, 6} {
					checkConnect(t, tg.g, terms, hops)
				}
			}
		})
	}
}

func TestConnectApproximation(t *testing.T) {
	r := rand.New(rand.NewPCG(10, 10))
	worst := 0.0
	for trial := 0; trial < 60; trial++ {
		n := 10 + r.IntN(6)
		g := erdosRenyi(t, n, 0.2+0.2*r.Float64(), uint64(100+trial))
		terms := r.Perm(n)[:3+r.IntN(3)]
		res := checkConnect(t, g, terms, n)
		if len(res.Parts) != 1 {
			continue // disconnected terminals
		}
		opt := steinerOptimum(g, terms)
		got := len(res.Parts[0].Edges)
		bound := 2 * (1 - 1/float64(len(terms))) * float64(opt)
		if float64(got) > bound {
			t.Errorf("trial %d: %d edges, optimum %d, bound %.2f", trial, got, opt, bound)
		}
		worst = max(worst, float64(got)/float64(opt))
	}
	t.Logf("worst ratio to the optimum: %.3f", worst)
}

func TestConnectCases(t *testing.T) {
	ctx := context.Background()
	// 0-1-2-3-4-5-6, 7-8, 9 alone.
	g := build(t, 10, [][2]int{{0, 1}, {1, 2}, {2, 3}, {3, 4}, {4, 5}, {5, 6}, {7, 8}})
	res, err := Connect(ctx, g, []string{"v0", "v2", "ghost", "v6", "v8", "v0", "v9"}, ConnectOptions{MaxHops: 2})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Terminals, []string{"v0", "v2", "ghost", "v6", "v8", "v9"}) {
		t.Errorf("terminals %v", res.Terminals)
	}
	main := res.Parts[0]
	if !slices.Equal(main.Terminals, []string{"v0", "v2"}) || !slices.Equal(main.Nodes, []string{"v0", "v1", "v2"}) ||
		len(main.Connections) != 1 || !slices.Equal(main.Connections[0].Path, []string{"v0", "v1", "v2"}) {
		t.Errorf("network %+v", main)
	}
	wantGaps := []Gap{{"ghost", GapAbsent}, {"v6", GapTooFar}, {"v8", GapUnreachable}, {"v9", GapUnreachable}}
	if !slices.Equal(res.Gaps, wantGaps) {
		t.Errorf("gaps %v, want %v", res.Gaps, wantGaps)
	}
	// With room enough, v6 joins through v2.
	res, err = Connect(ctx, g, []string{"v0", "v2", "v6"}, ConnectOptions{MaxHops: 4})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Parts) != 1 || len(res.Parts[0].Edges) != 6 || len(res.Gaps) != 0 {
		t.Errorf("max_hops 4: %+v", res)
	}
	// Only absent actors: no parts, every one a gap.
	res, err = Connect(ctx, g, []string{"x", "y"}, ConnectOptions{})
	if err != nil || len(res.Parts) != 0 || len(res.Gaps) != 2 {
		t.Errorf("absent only: %+v, %v", res, err)
	}
	for _, c := range []struct {
		ids []string
		opt ConnectOptions
	}{{nil, ConnectOptions{}}, {[]string{"v0"}, ConnectOptions{MaxHops: -2}}} {
		if _, err := Connect(ctx, g, c.ids, c.opt); graph.ErrorCode(err) != graph.EINVALID {
			t.Errorf("%v %+v: %v, want %s", c.ids, c.opt, err, graph.EINVALID)
		}
	}
	var le *LimitError
	if _, err := Connect(ctx, g, []string{"v0", "v6"}, ConnectOptions{MaxWork: 3}); !errors.As(err, &le) {
		t.Errorf("over MaxWork: %v", err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := Connect(cancelled, g, []string{"v0", "v6"}, ConnectOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}
