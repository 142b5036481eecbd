package netsci

import (
	"context"
	"slices"
	"sort"
)

// SteinerMethod names the approximation Connect uses.
const SteinerMethod = "Mehlhorn's 2-approximation of the Steiner tree (1988): a minimum spanning tree of the terminals over the edges that bridge their Voronoi regions, each expanded into its shortest paths; at most 2(1-1/t) times the edges of a minimum tree joining the same t terminals"

// DefaultConnectHops is ConnectOptions.MaxHops when zero.
const DefaultConnectHops = 4

// ConnectOptions parameterise Connect.
type ConnectOptions struct {
	// MaxHops bounds each connection: two terminals are joined directly
	// only by a path of at most MaxHops edges. 0 means DefaultConnectHops.
	MaxHops int
	// MaxWork bounds the search, which is at most one pass over the graph
	// (N+2M steps); 0 means DefaultMaxWork, negative none.
	MaxWork int64
}

// Connection is one link of a connecting network: a path between two
// terminals, of at most MaxHops edges.
type Connection struct {
	From string   `json:"from"` // the terminal named first by the caller
	To   string   `json:"to"`
	Path []string `json:"path"` // node ids from From to To
}

// Part is a tree that joins some of the terminals.
type Part struct {
	Terminals   []string     `json:"terminals"`   // in the caller's order
	Nodes       []string     `json:"nodes"`       // every node of the tree, terminals included, in id order
	Edges       [][2]string  `json:"edges"`       // the tree's edges, each as (lower id, higher id), in order
	Connections []Connection `json:"connections"` // the paths the tree is made of, shortest first
}

// GapReason says why a terminal is not in the connecting network.
type GapReason string

const (
	// GapAbsent: the id is not a node of the graph (no relation that
	// passes the filters touches it).
	GapAbsent GapReason = "absent"
	// GapUnreachable: no path at all leads from it to the network.
	GapUnreachable GapReason = "unreachable"
	// GapTooFar: paths exist, but no chain of connections of at most
	// MaxHops edges each joins it to the network.
	GapTooFar GapReason = "too_far"
)

// Gap is a terminal the connecting network does not join.
type Gap struct {
	ID     string    `json:"id"`
	Reason GapReason `json:"reason"`
}

// ConnectResult is the answer of Connect.
type ConnectResult struct {
	Method  string `json:"method"`
	MaxHops int    `json:"max_hops"`
	// Terminals are the ids asked for, repeats removed, in the caller's
	// order.
	Terminals []string `json:"terminals"`
	// Parts are the trees found: Parts[0] is the connecting network (the
	// part with the most terminals; on a tie, the one with the terminal
	// named first); the others join terminals that could not be joined to
	// it. A terminal joined to no other is a part of one node. Empty when
	// no terminal is in the graph.
	Parts []Part `json:"parts"`
	// Gaps are the terminals outside Parts[0], each with its reason, in
	// the caller's order.
	Gaps []Gap `json:"gaps"`
}

// Connect finds a small tree of g that joins the terminals, given by id,
// as i2 Analyst's Notebook's "Find Connecting Network" does, by
// SteinerMethod with every connection bounded by MaxHops:
//
//  1. A breadth-first search from all terminals at once (in the caller's
//     order, neighbours in id order) gives each node within (MaxHops+1)/2
//     hops its nearest terminal (its Voronoi region), distance and parent.
//  2. Each edge u–v between two regions s ≠ t offers a connection s…u–v…t
//     of dist(u)+1+dist(v) edges; for each pair of regions the shortest
//     offer counts (ties: lowest u, then v), and only offers of at most
//     MaxHops edges.
//  3. Kruskal's algorithm takes the offers shortest first (ties as above)
//     into a minimum spanning forest of the terminals; each taken offer
//     becomes its path. Their union is a forest whose leaves are
//     terminals.
//
// Two terminals end up in the same part exactly when a chain of terminals
// joins them with every step at most MaxHops apart (the Voronoi offers
// lose no such chain). Within a part the tree has at most 2(1-1/t) times
// the edges of a minimum Steiner tree of its t terminals.
//
// Errors: EINVALID when no id is given or MaxHops is negative; a
// *LimitError (ETOOLARGE) past MaxWork; ctx's error, wrapped.
func Connect(ctx context.Context, g *Graph, ids []string, opt ConnectOptions) (*ConnectResult, error) {
	if len(ids) == 0 {
		return nil, errInvalid("name at least one actor to connect")
	}
	if opt.MaxHops == 0 {
		opt.MaxHops = DefaultConnectHops
	}
	if opt.MaxHops < 0 {
		return nil, errInvalid("max_hops must be positive, not %d", opt.MaxHops)
	}
	if err := checkWork("connecting network", g.steps(), opt.MaxWork); err != nil {
		return nil, err
	}
	m := newMeter(ctx, "connecting network")
	if err := m.check(); err != nil {
		return nil, err
	}
	res := &ConnectResult{Method: SteinerMethod, MaxHops: opt.MaxHops, Terminals: []string{}, Parts: []Part{}, Gaps: []Gap{}}
	var terms []int32 // terminals in the graph, caller's order
	absent := map[int]bool{}
	for _, id := range ids {
		if slices.Contains(res.Terminals, id) {
			continue
		}
		res.Terminals = append(res.Terminals, id)
		if v, ok := g.Index(id); ok {
			terms = append(terms, int32(v))
		} else {
			absent[len(res.Terminals)-1] = true
		}
	}
	if len(terms) == 0 {
		for _, id := range res.Terminals {
			res.Gaps = append(res.Gaps, Gap{ID: id, Reason: GapAbsent})
		}
		return res, nil
	}

	// 1. Voronoi regions, as far out as offers need.
	n, h := g.N(), int32(opt.MaxHops)
	region := make([]int32, n)
	dist := make([]int32, n)
	parent := make([]int32, n)
	for i := range region {
		region[i] = -1
	}
	queue := make([]int32, 0, 1024)
	for i, t := range terms {
		region[t], dist[t], parent[t] = int32(i), 0, -1
		queue = append(queue, t)
	}
	// An offer u–v needs dist(u)+dist(v) <= h-1, so one end has
	// dist <= half = (h-1)/2 and the other at most half+1: the search
	// labels nodes that far, the same labels a full search would give.
	half := (h - 1) / 2
	for head := 0; head < len(queue); head++ {
		v := queue[head]
		if dist[v] > half {
			continue
		}
		nb := g.Neighbors(int(v))
		for _, w := range nb {
			if region[w] < 0 {
				region[w], dist[w], parent[w] = region[v], dist[v]+1, v
				queue = append(queue, w)
			}
		}
		if err := m.step(len(nb) + 1); err != nil {
			return nil, err
		}
	}

	// 2. The shortest offer between each pair of regions.
	type offer struct {
		hops   int32
		u, v   int32 // u in region s, v in region t
		s, t   int32 // s < t
		pairID int64
	}
	best := map[int64]offer{}
	nt := int64(len(terms))
	for _, u := range queue {
		if dist[u] > half {
			break // the queue is in order of distance
		}
		nb := g.Neighbors(int(u))
		for _, v := range nb {
			if region[v] < 0 || region[v] == region[u] || dist[v] <= half && u > v { // each edge once
				continue
			}
			hops := dist[u] + 1 + dist[v]
			if hops > h {
				continue
			}
			o := offer{hops: hops, u: u, v: v, s: region[u], t: region[v]}
			if o.s > o.t {
				o.s, o.t, o.u, o.v = o.t, o.s, o.v, o.u
			}
			o.pairID = int64(o.s)*nt + int64(o.t)
			if b, ok := best[o.pairID]; !ok || lessOffer(o.hops, min(o.u, o.v), max(o.u, o.v), b.hops, min(b.u, b.v), max(b.u, b.v)) {
				best[o.pairID] = o
			}
		}
		if err := m.step(len(nb)); err != nil {
			return nil, err
		}
	}
	offers := make([]offer, 0, len(best))
	for _, o := range best {
		offers = append(offers, o)
	}
	sort.Slice(offers, func(i, j int) bool {
		a, b := offers[i], offers[j]
		return lessOffer(a.hops, min(a.u, a.v), max(a.u, a.v), b.hops, min(b.u, b.v), max(b.u, b.v))
	})

	// 3. Kruskal over the regions.
	uf := newUnionFind(len(terms))
	var taken []offer
	for _, o := range offers {
		if uf.union(int(o.s), int(o.t)) {
			taken = append(taken, o)
		}
	}
	// Parts: the components of the terminals, terminals in caller's order.
	partOf := map[int]int{} // root -> part index
	var parts [][]int       // terminal indices per part
	for i := range terms {
		r := uf.find(i)
		p, ok := partOf[r]
		if !ok {
			p = len(parts)
			partOf[r] = p
			parts = append(parts, nil)
		}
		parts[p] = append(parts[p], i)
	}
	order := make([]int, len(parts))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return len(parts[order[i]]) > len(parts[order[j]]) })
	rank := make([]int, len(parts))
	for r, p := range order {
		rank[p] = r
	}
	res.Parts = make([]Part, len(parts))
	edgeSets := make([]map[[2]int32]bool, len(parts))
	nodeSets := make([]map[int32]bool, len(parts))
	for p, members := range parts {
		part := &res.Parts[rank[p]]
		edgeSets[rank[p]] = map[[2]int32]bool{}
		nodeSets[rank[p]] = map[int32]bool{}
		for _, i := range members {
			part.Terminals = append(part.Terminals, g.ids[terms[i]])
			nodeSets[rank[p]][terms[i]] = true
		}
	}
	for _, o := range taken {
		// o.u is in region o.s, o.v in o.t; the path runs s … u – v … t.
		var path []int32
		for x := o.u; x >= 0; x = parent[x] {
			path = append(path, x)
		}
		slices.Reverse(path)
		for x := o.v; x >= 0; x = parent[x] {
			path = append(path, x)
		}
		p := rank[partOf[uf.find(int(o.s))]]
		for i, x := range path {
			nodeSets[p][x] = true
			if i > 0 {
				e := [2]int32{min(path[i-1], x), max(path[i-1], x)}
				edgeSets[p][e] = true
			}
		}
		// o.s < o.t: From is the terminal named first.
		c := Connection{From: g.ids[path[0]], To: g.ids[path[len(path)-1]], Path: g.names(path)}
		res.Parts[p].Connections = append(res.Parts[p].Connections, c)
	}
	for p := range res.Parts {
		part := &res.Parts[p]
		nodes := make([]int32, 0, len(nodeSets[p]))
		for v := range nodeSets[p] {
			nodes = append(nodes, v)
		}
		slices.Sort(nodes)
		part.Nodes = g.names(nodes)
		edges := make([][2]int32, 0, len(edgeSets[p]))
		for e := range edgeSets[p] {
			edges = append(edges, e)
		}
		slices.SortFunc(edges, func(a, b [2]int32) int {
			if a[0] != b[0] {
				return int(a[0] - b[0])
			}
			return int(a[1] - b[1])
		})
		part.Edges = make([][2]string, len(edges))
		for i, e := range edges {
			part.Edges[i] = [2]string{g.ids[e[0]], g.ids[e[1]]}
		}
		if part.Connections == nil {
			part.Connections = []Connection{}
		}
	}

	// Gaps: every terminal outside the network, in the caller's order.
	inMain := map[string]bool{}
	for _, id := range res.Parts[0].Terminals {
		inMain[id] = true
	}
	mainComp := g.Component(int(g.index[res.Parts[0].Terminals[0]]))
	for i, id := range res.Terminals {
		switch {
		case absent[i]:
			res.Gaps = append(res.Gaps, Gap{ID: id, Reason: GapAbsent})
		case inMain[id]:
		case g.Component(int(g.index[id])) != mainComp:
			res.Gaps = append(res.Gaps, Gap{ID: id, Reason: GapUnreachable})
		default:
			res.Gaps = append(res.Gaps, Gap{ID: id, Reason: GapTooFar})
		}
	}
	return res, nil
}

// lessOffer orders offers: fewer hops, then lower end, then higher end.
func lessOffer(h1, lo1, hi1, h2, lo2, hi2 int32) bool {
	if h1 != h2 {
		return h1 < h2
	}
	if lo1 != lo2 {
		return lo1 < lo2
	}
	return hi1 < hi2
}

type unionFind struct{ parent, size []int }

func newUnionFind(n int) *unionFind {
	u := &unionFind{parent: make([]int, n), size: make([]int, n)}
	for i := range u.parent {
		u.parent[i], u.size[i] = i, 1
	}
	return u
}

func (u *unionFind) find(x int) int {
	for u.parent[x] != x {
		u.parent[x] = u.parent[u.parent[x]]
		x = u.parent[x]
	}
	return x
}

// union joins the sets of a and b and reports whether they were apart.
func (u *unionFind) union(a, b int) bool {
	a, b = u.find(a), u.find(b)
	if a == b {
		return false
	}
	if u.size[a] < u.size[b] {
		a, b = b, a
	}
	u.parent[b] = a
	u.size[a] += u.size[b]
	return true
}
