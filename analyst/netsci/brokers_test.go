package netsci

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// plainGraph is an adjacency list copy of a Graph, with some edges left
// out, for brute-force checks.
type plainGraph [][]int

func plain(g *Graph, drop func(u, v int) bool) plainGraph {
	p := make(plainGraph, g.N())
	for u := range p {
		for _, v := range g.Neighbors(u) {
			if drop == nil || !drop(u, int(v)) {
				p[u] = append(p[u], int(v))
			}
		}
	}
	return p
}

// bfs returns hop distances from s (-1 where unreached).
func (p plainGraph) bfs(s int) []int {
	d := make([]int, len(p))
	for i := range d {
		d[i] = -1
	}
	d[s] = 0
	q := []int{s}
	for len(q) > 0 {
		v := q[0]
		q = q[1:]
		for _, w := range p[v] {
			if d[w] < 0 {
				d[w] = d[v] + 1
				q = append(q, w)
			}
		}
	}
	return d
}

// shortestPaths lists every shortest path from a to b, explicitly.
func (p plainGraph) shortestPaths(a, b int) [][]int {
	db := p.bfs(b)
	if db[a] < 0 {
		return nil
	}
	var out [][]int
	var walk func(x int, path []int)
	walk = func(x int, path []int) {
		path = append(path, x)
		if x == b {
			out = append(out, slices.Clone(path))
			return
		}
		for _, y := range p[x] {
			if db[y] == db[x]-1 {
				walk(y, path)
			}
		}
	}
	walk(a, nil)
	return out
}

// bruteBrokers computes the scores and path counts of Brokers by listing
// every counted shortest path.
func bruteBrokers(g *Graph, a, b []int, opt BrokerOptions) (score, paths []float64, dist, pairs int, total float64) {
	inA := map[int]bool{}
	inB := map[int]bool{}
	for _, v := range a {
		inA[v] = true
	}
	for _, v := range b {
		inB[v] = true
	}
	p := plain(g, func(u, v int) bool {
		return opt.IgnoreDirect && (inA[u] && inB[v] || inB[u] && inA[v])
	})
	score = make([]float64, g.N())
	paths = make([]float64, g.N())
	type pair struct {
		d     int
		paths [][]int
	}
	var all []pair
	for _, x := range a {
		for _, y := range b {
			sp := p.shortestPaths(x, y)
			if len(sp) == 0 || opt.MaxHops > 0 && len(sp[0])-1 > opt.MaxHops {
				continue
			}
			all = append(all, pair{len(sp[0]) - 1, sp})
			if d := len(sp[0]) - 1; dist == 0 || d < dist {
				dist = d
			}
		}
	}
	for _, pr := range all {
		if opt.Mode == Nearest && pr.d != dist {
			continue
		}
		pairs++
		total += float64(len(pr.paths))
		for _, path := range pr.paths {
			for _, v := range path[1 : len(path)-1] {
				paths[v]++
				if opt.Mode != Nearest {
					score[v] += 1 / float64(len(pr.paths))
				}
			}
		}
	}
	if opt.Mode == Nearest {
		for v := range score {
			if paths[v] > 0 {
				score[v] = paths[v] / total
			}
		}
	}
	return score, paths, dist, pairs, total
}

// checkBrokers compares Brokers with the brute force and checks every
// example path.
func checkBrokers(t *testing.T, g *Graph, a, b []int, opt BrokerOptions) {
	t.Helper()
	ids := func(vs []int) []string {
		out := make([]string, len(vs))
		for i, v := range vs {
			out[i] = g.ID(v)
		}
		return out
	}
	opt.Top = -1
	res, err := Brokers(context.Background(), g, ids(a), ids(b), opt)
	if err != nil {
		t.Fatal(err)
	}
	score, paths, dist, pairs, total := bruteBrokers(g, a, b, opt)
	what := fmt.Sprintf("%s A=%v B=%v %+v", opt.Mode, ids(a), ids(b), opt)
	if res.Distance != dist || res.Pairs != pairs || res.Paths != total {
		t.Errorf("%s: distance %d, pairs %d, paths %g; brute force %d, %d, %g", what, res.Distance, res.Pairs, res.Paths, dist, pairs, total)
	}
	positive := 0
	for v := range score {
		if score[v] > 0 {
			positive++
		}
	}
	if res.Total != positive || len(res.Brokers) != positive {
		t.Errorf("%s: %d brokers (total %d), brute force %d", what, len(res.Brokers), res.Total, positive)
	}
	inA, inB := map[string]bool{}, map[string]bool{}
	for _, v := range a {
		inA[g.ID(v)] = true
	}
	for _, v := range b {
		inB[g.ID(v)] = true
	}
	for i, br := range res.Brokers {
		if math.Abs(br.Score-score[br.Node]) > 1e-9 || br.Paths != paths[br.Node] {
			t.Errorf("%s: %s score %g paths %g; brute force %g and %g", what, br.ID, br.Score, br.Paths, score[br.Node], paths[br.Node])
		}
		if i > 0 {
			prev := res.Brokers[i-1]
			if prev.Score < br.Score || prev.Score == br.Score && (prev.Paths < br.Paths || prev.Paths == br.Paths && prev.ID > br.ID) {
				t.Errorf("%s: %s ranked before %s", what, prev.ID, br.ID)
			}
		}
		if len(br.Examples) == 0 || len(br.Examples) > DefaultExamples {
			t.Errorf("%s: %s has %d examples", what, br.ID, len(br.Examples))
		}
		seen := map[string]bool{}
		for _, ex := range br.Examples {
			key := fmt.Sprint(ex)
			if seen[key] {
				t.Errorf("%s: example %v twice", what, ex)
			}
			seen[key] = true
			checkExample(t, what, g, br.ID, ex, inA, inB, opt)
		}
	}
}

// checkExample checks that ex is a shortest path from A to B through
// broker, in g less the left-out edges (and, in Nearest mode, of length
// Distance).
func checkExample(t *testing.T, what string, g *Graph, broker string, ex []string, inA, inB map[string]bool, opt BrokerOptions) {
	t.Helper()
	if len(ex) < 3 || !inA[ex[0]] || !inB[ex[len(ex)-1]] || !slices.Contains(ex[1:len(ex)-1], broker) {
		t.Errorf("%s: example %v of %s does not run from A to B through it", what, ex, broker)
		return
	}
	p := plain(g, func(u, v int) bool {
		return opt.IgnoreDirect && (inA[g.ID(u)] && inB[g.ID(v)] || inB[g.ID(u)] && inA[g.ID(v)])
	})
	for i := 1; i < len(ex); i++ {
		u, _ := g.Index(ex[i-1])
		v, _ := g.Index(ex[i])
		if !slices.Contains(p[u], v) {
			t.Errorf("%s: example %v: %s and %s are not joined", what, ex, ex[i-1], ex[i])
		}
	}
	s, _ := g.Index(ex[0])
	e, _ := g.Index(ex[len(ex)-1])
	if d := p.bfs(s)[e]; d != len(ex)-1 {
		t.Errorf("%s: example %v has %d hops; the shortest has %d", what, ex, len(ex)-1, d)
	}
	if opt.MaxHops > 0 && len(ex)-1 > opt.MaxHops {
		t.Errorf("%s: example %v is longer than max_hops %d", what, ex, opt.MaxHops)
	}
}

func TestBrokersAgainstBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	graphs := []testGraph{
		{"er-30", erdosRenyi(t, 30, 0.12, 11)},
		{"er-40-sparse", erdosRenyi(t, 40, 0.06, 12)},
		{"ba-40", barabasiAlbert(t, 40, 2, 13)},
		{"disconnected", disjoint(t, 3, erdosRenyi(t, 15, 0.2, 14), barabasiAlbert(t, 15, 2, 15))},
		{"seed", seedGraph(t)},
	}
	for _, tg := range graphs {
		t.Run(tg.name, func(t *testing.T) {
			g := tg.g
			for trial := 0; trial < 12; trial++ {
				perm := r.Perm(g.N())
				na, nb := 1+r.IntN(4), 1+r.IntN(5)
				a, b := perm[:na], perm[na:na+nb]
				for _, mode := range []BrokerMode{AllPairs, Nearest} {
					for _, opt := range []BrokerOptions{{}, {IgnoreDirect: true}, {MaxHops: 3}} {
						opt.Mode = mode
						checkBrokers(t, g, a, b, opt)
					}
				}
			}
		})
	}
}

func TestBrokersSetsAndErrors(t *testing.T) {
	ctx := context.Background()
	// 0-1-2-3-4 and 5 alone.
	g := build(t, 6, [][2]int{{0, 1}, {1, 2}, {2, 3}, {3, 4}})
	res, err := Brokers(ctx, g, []string{"v0", "v2", "nobody"}, []string{"v4", "v2", "v5"}, BrokerOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.A, []string{"v0"}) || !slices.Equal(res.B, []string{"v4", "v5"}) ||
		!slices.Equal(res.Shared, []string{"v2"}) || !slices.Equal(res.Absent, []string{"nobody"}) {
		t.Errorf("sets: A %v B %v shared %v absent %v", res.A, res.B, res.Shared, res.Absent)
	}
	// v0–v4 only (v5 is unreachable): v1, v2, v3 lie on its one path.
	if res.Pairs != 1 || res.Distance != 4 || len(res.Brokers) != 3 || res.Brokers[0].ID != "v1" || res.Brokers[0].Score != 1 {
		t.Errorf("brokers of a path: %+v", res)
	}
	if got := res.Brokers[0].Examples; len(got) != 1 || !slices.Equal(got[0], []string{"v0", "v1", "v2", "v3", "v4"}) {
		t.Errorf("example: %v", got)
	}
	// Only absent or shared members: an empty answer, not an error.
	res, err = Brokers(ctx, g, []string{"nobody"}, []string{"v1"}, BrokerOptions{Mode: Nearest})
	if err != nil || len(res.Brokers) != 0 || res.Distance != 0 {
		t.Errorf("empty set: %+v, %v", res, err)
	}
	for _, opt := range []BrokerOptions{{Mode: "widest"}, {MaxHops: -1}} {
		if _, err := Brokers(ctx, g, []string{"v0"}, []string{"v4"}, opt); graph.ErrorCode(err) != graph.EINVALID {
			t.Errorf("%+v: %v, want %s", opt, err, graph.EINVALID)
		}
	}
	var le *LimitError
	if _, err := Brokers(ctx, g, []string{"v0"}, []string{"v4"}, BrokerOptions{MaxWork: 5}); !errors.As(err, &le) || graph.ErrorCode(err) != graph.ETOOLARGE {
		t.Errorf("over MaxWork: %v", err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := Brokers(cancelled, g, []string{"v0"}, []string{"v4"}, BrokerOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}
