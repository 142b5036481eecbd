package netsci

import (
	"context"
	"slices"
	"sort"
)

// BrokerMode says which shortest paths between two sets of actors count.
type BrokerMode string

const (
	// AllPairs counts, for every pair (a, b) ∈ A×B joined within
	// MaxHops, the shortest a–b paths: each pair weighs one, shared among
	// its shortest paths (betweenness restricted to the pairs).
	AllPairs BrokerMode = "pairs"
	// Nearest counts the shortest paths between the sets: the paths from
	// any member of A to any member of B of the least length d(A,B).
	// Their inner nodes are never members of A or B.
	Nearest BrokerMode = "nearest"
)

// DefaultTopBrokers and DefaultExamples are BrokerOptions.Top and
// Examples when zero.
const (
	DefaultTopBrokers = 20
	DefaultExamples   = 3
)

// BrokerOptions parameterise Brokers.
type BrokerOptions struct {
	Mode BrokerMode // "" means AllPairs
	// MaxHops leaves out pairs farther apart than this (AllPairs) or stops
	// the search at this length (Nearest); 0 means no bound.
	MaxHops int
	// IgnoreDirect leaves out the edges that join a member of A to a
	// member of B directly, for this query: a direct relation is the only
	// shortest path of its pair and would hide the brokers behind it.
	IgnoreDirect bool
	// Top is how many brokers are returned; 0 means DefaultTopBrokers,
	// negative all.
	Top int
	// Examples is how many example paths each returned broker gets; 0
	// means DefaultExamples, negative none.
	Examples int
	// MaxWork bounds the searches: 2·min(|A|,|B|)+Top·Examples searches of
	// N+2M steps (AllPairs), or one (Nearest); 0 means DefaultMaxWork,
	// negative none.
	MaxWork int64
	// Workers share the searches (AllPairs); 0 means GOMAXPROCS. The
	// result does not depend on it.
	Workers int
}

// Broker is an actor on the counted shortest paths.
type Broker struct {
	Node int    `json:"-"`
	ID   string `json:"id"`
	// Side is "a" or "b" for a member of that set (AllPairs only: members
	// can lie between other pairs), "" for others.
	Side string `json:"side,omitempty"`
	// Score is, for AllPairs, Σ over pairs (a,b) of the fraction of the
	// shortest a–b paths that pass through the node (as an inner node);
	// for Nearest, the fraction of the set-to-set shortest paths that do.
	Score float64 `json:"score"`
	// Paths is how many of the counted shortest paths pass through it.
	Paths float64 `json:"paths"`
	// Examples are shortest paths through it, from a member of A to a
	// member of B, as node ids in order; see Brokers for which.
	Examples [][]string `json:"examples,omitempty"`
}

// BrokerResult is the answer of Brokers.
type BrokerResult struct {
	Mode    BrokerMode `json:"mode"`
	MaxHops int        `json:"max_hops,omitempty"`
	// A and B are the members used, in id order: the given ids that are in
	// the graph, less those in both sets.
	A []string `json:"a"`
	B []string `json:"b"`
	// Shared are the ids given in both sets: taken out of both, since an
	// actor in both joins them by itself.
	Shared []string `json:"shared,omitempty"`
	// Absent are the ids given that are not nodes of the graph.
	Absent []string `json:"absent,omitempty"`
	// Distance is the least distance between a member of A and one of B
	// (within MaxHops); 0 when no pair is joined.
	Distance int `json:"distance"`
	// Pairs is how many pairs (a, b) are joined within MaxHops (AllPairs),
	// or are at distance Distance (Nearest).
	Pairs int `json:"pairs"`
	// Paths is how many shortest paths were counted: Σ over those pairs of
	// their number of shortest paths.
	Paths float64 `json:"paths"`
	// NearestA and NearestB are the members at the ends of the set-to-set
	// shortest paths (Nearest only).
	NearestA []string `json:"nearest_a,omitempty"`
	NearestB []string `json:"nearest_b,omitempty"`
	// Total is how many actors have a positive score; Brokers holds the
	// first Top of them in a total order: score descending, then paths
	// descending, then id.
	Total   int      `json:"total"`
	Brokers []Broker `json:"brokers"`
}

// Brokers finds the actors that lie on the shortest paths between two
// sets of actors, given by id, in g, and ranks them by how much of those
// paths runs through them (see BrokerMode and Broker.Score). A node is
// counted only as an inner node of a path, never at its ends.
//
// In AllPairs mode the scores equal twice networkx's
// betweenness_centrality_subset(G, sources=A, targets=B,
// normalized=False), which halves its sums on undirected graphs; members of
// A and B can be brokers for other pairs (Side says so). The examples of
// a broker are shortest paths from the first members of the smaller set (in
// id order) whose searches pass through it, walked through the
// lowest-numbered (first in id order) nodes, each ending at the first
// member of the other set met.
//
// In Nearest mode the examples are set-to-set shortest paths through the
// broker, walked through the lowest-numbered nodes on each side of it.
//
// Errors: EINVALID for an unknown Mode or a negative MaxHops; a
// *LimitError (ETOOLARGE) past MaxWork; ctx's error, wrapped.
func Brokers(ctx context.Context, g *Graph, a, b []string, opt BrokerOptions) (*BrokerResult, error) {
	if opt.Mode == "" {
		opt.Mode = AllPairs
	}
	if opt.Mode != AllPairs && opt.Mode != Nearest {
		return nil, errInvalid("broker mode must be %q or %q, not %q", AllPairs, Nearest, opt.Mode)
	}
	if opt.MaxHops < 0 {
		return nil, errInvalid("max_hops must not be negative")
	}
	if opt.Top == 0 {
		opt.Top = DefaultTopBrokers
	}
	if opt.Examples == 0 {
		opt.Examples = DefaultExamples
	}
	q := &brokerQuery{g: g, opt: opt, side: make([]uint8, g.N())}
	res := &BrokerResult{Mode: opt.Mode, MaxHops: opt.MaxHops, A: []string{}, B: []string{}, Brokers: []Broker{}}
	q.sets(a, b, res)
	nw := float64(1)
	if opt.Mode == AllPairs {
		nw = float64(2*min(len(q.a), len(q.b)) + max(0, opt.Top)*max(0, opt.Examples))
	}
	if err := checkWork("brokers", nw*g.steps(), opt.MaxWork); err != nil {
		return nil, err
	}
	if err := newMeter(ctx, "brokers").check(); err != nil {
		return nil, err
	}
	if len(q.a) == 0 || len(q.b) == 0 {
		return res, nil
	}
	if opt.Mode == Nearest {
		return res, q.nearest(ctx, res)
	}
	return res, q.allPairs(ctx, res)
}

type brokerQuery struct {
	g    *Graph
	opt  BrokerOptions
	side []uint8 // sideA, sideB or 0 per node
	a, b []int32 // members, ascending
}

const (
	sideA uint8 = 1
	sideB uint8 = 2
)

// sets resolves the ids into q.a, q.b and q.side and fills res's lists.
func (q *brokerQuery) sets(a, b []string, res *BrokerResult) {
	in := func(ids []string, mark uint8) {
		for _, id := range ids {
			v, ok := q.g.Index(id)
			if !ok {
				if !slices.Contains(res.Absent, id) {
					res.Absent = append(res.Absent, id)
				}
				continue
			}
			q.side[v] |= mark
		}
	}
	in(a, sideA)
	in(b, sideB)
	for v, s := range q.side {
		switch s {
		case sideA:
			q.a = append(q.a, int32(v))
			res.A = append(res.A, q.g.ids[v])
		case sideB:
			q.b = append(q.b, int32(v))
			res.B = append(res.B, q.g.ids[v])
		case sideA | sideB:
			q.side[v] = 0
			res.Shared = append(res.Shared, q.g.ids[v])
		}
	}
	sort.Strings(res.Absent)
}

// blocked reports whether the edge u–v is left out of this query.
func (q *brokerQuery) blocked(u, v int32) bool {
	return q.opt.IgnoreDirect && q.side[u]|q.side[v] == sideA|sideB
}

// bscratch is one goroutine's state for broker searches.
type bscratch struct {
	dist  []int32
	sigma []float64 // shortest paths from the source(s)
	delta []float64 // pair dependency
	pi    []float64 // paths from the node down to targets
	queue []int32
}

func newBScratch(n int) *bscratch {
	s := &bscratch{dist: make([]int32, n), sigma: make([]float64, n), delta: make([]float64, n), pi: make([]float64, n), queue: make([]int32, 0, 64)}
	for i := range s.dist {
		s.dist[i] = -1
	}
	return s
}

func (s *bscratch) reset() {
	for _, v := range s.queue {
		s.dist[v], s.sigma[v], s.delta[v], s.pi[v] = -1, 0, 0, 0
	}
	s.queue = s.queue[:0]
}

// search runs a breadth-first search from the given sources (all at
// distance 0), counting shortest paths, up to MaxHops. With stopAt set, it
// stops after the first level that holds a node of that side, and returns
// that level (0 if none). It returns the steps done too.
func (q *brokerQuery) search(s *bscratch, sources []int32, stopAt uint8) (level, steps int) {
	s.reset()
	for _, v := range sources {
		s.dist[v], s.sigma[v] = 0, 1
		s.queue = append(s.queue, v)
	}
	adj, off := q.g.adj, q.g.off
	start := 0
	for d := int32(0); start < len(s.queue); d++ {
		if q.opt.MaxHops > 0 && int(d) == q.opt.MaxHops {
			break
		}
		end := len(s.queue)
		found := false
		for h := start; h < end; h++ {
			v := s.queue[h]
			sv := s.sigma[v]
			nb := adj[off[v]:off[v+1]]
			steps += len(nb) + 1
			for _, w := range nb {
				if q.blocked(v, w) {
					continue
				}
				switch s.dist[w] {
				case -1:
					s.dist[w], s.sigma[w] = d+1, sv
					s.queue = append(s.queue, w)
					found = found || stopAt != 0 && q.side[w] == stopAt
				case d + 1:
					s.sigma[w] += sv
				}
			}
		}
		start = end
		if found {
			return int(d) + 1, steps
		}
	}
	return 0, steps
}

// pairAcc accumulates the AllPairs counts of one part of the sources.
type pairAcc struct {
	score, paths []float64
	pairs        int
	total        float64
	minDist      int
	firsts       [][]int32 // per node, the first sources (up to Examples) it lay between
}

// allPairs runs the AllPairs mode: a search from each member of the
// smaller set, accumulating pair dependencies on the other set.
func (q *brokerQuery) allPairs(ctx context.Context, res *BrokerResult) error {
	g, n := q.g, q.g.N()
	src, tside := q.a, sideB
	if len(q.b) < len(q.a) {
		src, tside = q.b, sideA
	}
	keep := max(0, q.opt.Examples)
	accs, err := overSources(ctx, "brokers", len(src), q.opt.Workers,
		func() *bscratch { return newBScratch(n) },
		func() *pairAcc {
			return &pairAcc{score: make([]float64, n), paths: make([]float64, n), firsts: make([][]int32, n)}
		},
		func(m *meter, s *bscratch, acc *pairAcc, i int) error {
			return m.step(q.accumulate(s, src[i], tside, acc, keep))
		})
	if err != nil {
		return err
	}
	all := accs[0]
	for _, acc := range accs[1:] {
		for v := range all.score {
			all.score[v] += acc.score[v]
			all.paths[v] += acc.paths[v]
			if need := keep - len(all.firsts[v]); need > 0 && len(acc.firsts[v]) > 0 {
				all.firsts[v] = append(all.firsts[v], acc.firsts[v][:min(need, len(acc.firsts[v]))]...)
			}
		}
		all.pairs += acc.pairs
		all.total += acc.total
		if acc.minDist > 0 && (all.minDist == 0 || acc.minDist < all.minDist) {
			all.minDist = acc.minDist
		}
	}
	res.Pairs, res.Paths, res.Distance = all.pairs, all.total, all.minDist
	q.rank(res, all.score, all.paths)
	if keep == 0 {
		return nil
	}
	m := newMeter(ctx, "brokers")
	s := newBScratch(n)
	for i := range res.Brokers {
		br := &res.Brokers[i]
		for _, from := range all.firsts[br.Node] {
			if len(br.Examples) >= keep {
				break
			}
			_, steps := q.search(s, []int32{from}, 0)
			q.down(s, tside)
			if err := m.step(2 * steps); err != nil {
				return err
			}
			paths := q.walks(s, int32(br.Node), tside, keep-len(br.Examples))
			for _, p := range paths {
				if tside == sideA {
					slices.Reverse(p)
				}
				br.Examples = append(br.Examples, g.names(p))
			}
		}
	}
	return nil
}

// accumulate adds the dependencies of the pairs (s, t), t on side tside,
// to acc, and returns the steps done.
func (q *brokerQuery) accumulate(s *bscratch, src int32, tside uint8, acc *pairAcc, keep int) int {
	_, steps := q.search(s, []int32{src}, 0)
	adj, off := q.g.adj, q.g.off
	for i := len(s.queue) - 1; i > 0; i-- {
		w := s.queue[i]
		isT := 0.0
		if q.side[w] == tside {
			isT = 1
			acc.pairs++
			acc.total += s.sigma[w]
			if d := int(s.dist[w]); acc.minDist == 0 || d < acc.minDist {
				acc.minDist = d
			}
		}
		s.pi[w] += isT
		c := (isT + s.delta[w]) / s.sigma[w]
		dp := s.dist[w] - 1
		for _, v := range adj[off[w]:off[w+1]] {
			if s.dist[v] == dp && !q.blocked(w, v) {
				s.delta[v] += s.sigma[v] * c
				s.pi[v] += s.pi[w]
			}
		}
		if s.delta[w] > 0 {
			acc.score[w] += s.delta[w]
			acc.paths[w] += s.sigma[w] * (s.pi[w] - isT)
			if len(acc.firsts[w]) < keep {
				acc.firsts[w] = append(acc.firsts[w], src)
			}
		}
	}
	return 2 * steps
}

// down computes s.pi after a search: the number of shortest paths from
// each reached node to members of side tside further out (a member
// counts itself).
func (q *brokerQuery) down(s *bscratch, tside uint8) {
	adj, off := q.g.adj, q.g.off
	for i := len(s.queue) - 1; i >= 0; i-- {
		w := s.queue[i]
		if q.side[w] == tside {
			s.pi[w]++
		}
		dp := s.dist[w] - 1
		for _, v := range adj[off[w]:off[w+1]] {
			if s.dist[v] == dp && !q.blocked(w, v) {
				s.pi[v] += s.pi[w]
			}
		}
	}
}

// walks returns up to limit shortest paths through v after a search and
// down: from a source to v by the lowest-numbered predecessors, then on
// from v through nodes that lead to side tside, ending at the first
// member met.
func (q *brokerQuery) walks(s *bscratch, v int32, tside uint8, limit int) [][]int32 {
	prefixes := q.enumerate(v, limit, func(x int32) bool { return s.dist[x] == 0 }, func(x, y int32) bool {
		return s.dist[y] == s.dist[x]-1
	})
	suffixes := q.enumerate(v, limit, func(x int32) bool { return x != v && q.side[x] == tside }, func(x, y int32) bool {
		return s.dist[y] == s.dist[x]+1 && s.pi[y] > 0
	})
	var out [][]int32
	for i := 0; i < limit && i < len(prefixes)*len(suffixes); i++ {
		pre, suf := prefixes[i%len(prefixes)], suffixes[(i/len(prefixes))%len(suffixes)]
		p := make([]int32, 0, len(pre)+len(suf)-1)
		for j := len(pre) - 1; j >= 0; j-- {
			p = append(p, pre[j])
		}
		out = append(out, append(p, suf[1:]...))
	}
	return out
}

// enumerate returns up to limit walks from v (v first) that step from x to
// a neighbour y when next(x, y), in ascending order of the neighbours,
// each ending at the first node where done holds.
func (q *brokerQuery) enumerate(v int32, limit int, done func(x int32) bool, next func(x, y int32) bool) [][]int32 {
	var out [][]int32
	var walk []int32
	var dfs func(x int32)
	dfs = func(x int32) {
		walk = append(walk, x)
		defer func() { walk = walk[:len(walk)-1] }()
		if done(x) {
			out = append(out, slices.Clone(walk))
			return
		}
		for _, y := range q.g.Neighbors(int(x)) {
			if len(out) >= limit {
				return
			}
			if next(x, y) && !q.blocked(x, y) {
				dfs(y)
			}
		}
	}
	dfs(v)
	return out
}

// nearest runs the Nearest mode: one search from all of A at once, up to
// the first level that reaches B.
func (q *brokerQuery) nearest(ctx context.Context, res *BrokerResult) error {
	g, n := q.g, q.g.N()
	m := newMeter(ctx, "brokers")
	s := newBScratch(n)
	d, steps := q.search(s, q.a, sideB)
	err := m.step(steps)
	if err != nil {
		return err
	}
	if d == 0 {
		return nil
	}
	res.Distance = d
	// Paths from each node down to the members of B at distance d.
	adj, off := g.adj, g.off
	for i := len(s.queue) - 1; i >= 0; i-- {
		w := s.queue[i]
		if int(s.dist[w]) == d {
			if q.side[w] == sideB {
				s.pi[w] = 1
				res.Paths += s.sigma[w]
				res.NearestB = append(res.NearestB, g.ids[w])
			}
			continue
		}
		for _, u := range adj[off[w]:off[w+1]] {
			if s.dist[u] == s.dist[w]+1 && !q.blocked(w, u) {
				s.pi[w] += s.pi[u]
			}
		}
		if s.dist[w] == 0 && s.pi[w] > 0 {
			res.NearestA = append(res.NearestA, g.ids[w])
		}
	}
	sort.Strings(res.NearestA)
	sort.Strings(res.NearestB)
	if res.Pairs, err = q.nearestPairs(m, s, d); err != nil {
		return err
	}
	score := make([]float64, n)
	paths := make([]float64, n)
	for _, w := range s.queue {
		if dw := int(s.dist[w]); dw > 0 && dw < d && s.pi[w] > 0 {
			paths[w] = s.sigma[w] * s.pi[w]
			score[w] = paths[w] / res.Paths
		}
	}
	q.rank(res, score, paths)
	if q.opt.Examples > 0 {
		for i := range res.Brokers {
			br := &res.Brokers[i]
			for _, p := range q.walks(s, int32(br.Node), sideB, q.opt.Examples) {
				br.Examples = append(br.Examples, g.names(p))
			}
		}
	}
	return m.step(steps)
}

// nearestPairs counts the pairs (a, b) at distance d after a Nearest
// search: for each member of A at an end, the members of B its paths
// reach, by a search down the levels.
func (q *brokerQuery) nearestPairs(m *meter, s *bscratch, d int) (int, error) {
	pairs := 0
	mark := make([]int32, q.g.N())
	var stack []int32
	for i, a := range q.a {
		if s.dist[a] != 0 || s.pi[a] == 0 {
			continue
		}
		stamp := int32(i + 1)
		stack = append(stack[:0], a)
		for len(stack) > 0 {
			x := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if int(s.dist[x]) == d {
				pairs++
				continue
			}
			nb := q.g.Neighbors(int(x))
			for _, y := range nb {
				if s.dist[y] == s.dist[x]+1 && s.pi[y] > 0 && mark[y] != stamp && !q.blocked(x, y) {
					mark[y] = stamp
					stack = append(stack, y)
				}
			}
			if err := m.step(len(nb) + 1); err != nil {
				return 0, err
			}
		}
	}
	return pairs, nil
}

// rank fills res.Total and res.Brokers from the scores.
func (q *brokerQuery) rank(res *BrokerResult, score, paths []float64) {
	var cand []int32
	for v, x := range score {
		if x > 0 {
			cand = append(cand, int32(v))
		}
	}
	sort.Slice(cand, func(i, j int) bool {
		a, b := cand[i], cand[j]
		if score[a] != score[b] {
			return score[a] > score[b]
		}
		if paths[a] != paths[b] {
			return paths[a] > paths[b]
		}
		return a < b
	})
	res.Total = len(cand)
	if q.opt.Top > 0 && len(cand) > q.opt.Top {
		cand = cand[:q.opt.Top]
	}
	for _, v := range cand {
		br := Broker{Node: int(v), ID: q.g.ids[v], Score: score[v], Paths: paths[v]}
		if q.opt.Mode == AllPairs {
			switch q.side[v] {
			case sideA:
				br.Side = "a"
			case sideB:
				br.Side = "b"
			}
		}
		res.Brokers = append(res.Brokers, br)
	}
}

// names returns the ids of the nodes of a path.
func (g *Graph) names(p []int32) []string {
	out := make([]string, len(p))
	for i, v := range p {
		out[i] = g.ids[v]
	}
	return out
}
