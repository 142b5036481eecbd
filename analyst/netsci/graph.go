package netsci

import (
	"context"
	"slices"
	"sort"
	"sync"

	"github.com/actorgraph/actorgraph/graph"
)

// Graph is an undirected simple graph: no self-loops, at most one edge
// between two nodes, every edge usable both ways. It is immutable once
// built and safe for concurrent use by any number of analyses.
//
// Nodes are numbered 0..N()-1 in ascending order of their string ids (byte
// order), so the same set of ids and edges gives the same graph whatever
// order they were added in. Each node's neighbours are stored in ascending
// order (compressed sparse row form: two slices, about 8 bytes per edge end
// and 8 per node, plus the id strings and the id map).
type Graph struct {
	ids   []string // node -> id, ascending
	index map[string]int32
	off   []int   // neighbours of v: adj[off[v]:off[v+1]]
	adj   []int32 // ascending within each node
	comp  []int32 // connected component of each node, numbered in order of their smallest node
	ncomp int
	stats BuildStats

	localOnce sync.Once
	local     *localView
}

// BuildStats says how the relations offered to a Builder became edges.
type BuildStats struct {
	Offered   int // AddEdge calls
	SelfLoops int // offered relations whose two ends are the same actor: dropped
	Merged    int // offered relations that joined two already-joined actors (parallel or reversed): merged into one edge
}

// N returns the number of nodes.
func (g *Graph) N() int { return len(g.ids) }

// M returns the number of (undirected) edges.
func (g *Graph) M() int { return len(g.adj) / 2 }

// ID returns the id of node v.
func (g *Graph) ID(v int) string { return g.ids[v] }

// Index returns the node of id, and false if id is not in the graph.
func (g *Graph) Index(id string) (int, bool) {
	v, ok := g.index[id]
	return int(v), ok
}

// Degree returns the number of neighbours of v.
func (g *Graph) Degree(v int) int { return g.off[v+1] - g.off[v] }

// Neighbors returns v's neighbours in ascending order. The slice belongs to
// the graph: do not modify it.
func (g *Graph) Neighbors(v int) []int32 { return g.adj[g.off[v]:g.off[v+1]:g.off[v+1]] }

// HasEdge reports whether u and v are joined.
func (g *Graph) HasEdge(u, v int) bool {
	if g.Degree(u) > g.Degree(v) {
		u, v = v, u
	}
	_, ok := slices.BinarySearch(g.Neighbors(u), int32(v))
	return ok
}

// Component returns the connected component of v. Components are numbered
// 0..Components()-1 in ascending order of their smallest node, so an
// isolated node is a component of its own.
func (g *Graph) Component(v int) int { return int(g.comp[v]) }

// Components returns the number of connected components.
func (g *Graph) Components() int { return g.ncomp }

// Stats says how the offered relations became this graph's edges.
func (g *Graph) Stats() BuildStats { return g.stats }

// BuildLimits bound what a Builder accepts. Zero means no bound.
type BuildLimits struct {
	MaxNodes int // distinct ids (AddNode and edge ends)
	MaxEdges int // AddEdge calls, self-loops and duplicates included
}

// Builder collects nodes and relations and builds a Graph. It is not safe
// for concurrent use.
//
// The graph it builds is the undirected simple graph of what was added:
// its nodes are every id given to AddNode plus both ends of every AddEdge
// (the end of a self-loop too); its edges join every two distinct ids that
// at least one AddEdge joined, in either direction. Self-loops are dropped;
// parallel and opposite relations become one edge. Filtering relations
// (types, confidence, dates, contested) is the caller's job: add only the
// relations that pass.
type Builder struct {
	lim      BuildLimits
	index    map[string]int32
	ids      []string
	from, to []int32
	stats    BuildStats
}

// NewBuilder returns an empty builder bounded by lim.
func NewBuilder(lim BuildLimits) *Builder {
	return &Builder{lim: lim, index: make(map[string]int32)}
}

// AddNode adds id as a node (an actor with no relation is an isolated
// node). Adding an id twice is harmless. Errors: EINVALID for an empty id;
// a *LimitError (ETOOLARGE) past BuildLimits.MaxNodes.
func (b *Builder) AddNode(id string) error {
	_, err := b.node(id)
	return err
}

// AddEdge adds a relation between from and to (either order means the
// same edge). Errors: EINVALID for an empty id; a *LimitError (ETOOLARGE)
// past MaxNodes or MaxEdges.
func (b *Builder) AddEdge(from, to string) error {
	if b.lim.MaxEdges > 0 && b.stats.Offered >= b.lim.MaxEdges {
		return &LimitError{What: "the analysis graph", Bound: "MaxEdges", Limit: int64(b.lim.MaxEdges), Need: int64(b.stats.Offered + 1)}
	}
	u, err := b.node(from)
	if err != nil {
		return err
	}
	v, err := b.node(to)
	if err != nil {
		return err
	}
	b.stats.Offered++
	if u == v {
		b.stats.SelfLoops++
		return nil
	}
	b.from = append(b.from, u)
	b.to = append(b.to, v)
	return nil
}

func (b *Builder) node(id string) (int32, error) {
	if v, ok := b.index[id]; ok {
		return v, nil
	}
	if id == "" {
		return 0, graph.Errorf(graph.EINVALID, "an actor id is empty")
	}
	if b.lim.MaxNodes > 0 && len(b.ids) >= b.lim.MaxNodes {
		return 0, &LimitError{What: "the analysis graph", Bound: "MaxNodes", Limit: int64(b.lim.MaxNodes), Need: int64(len(b.ids) + 1)}
	}
	v := int32(len(b.ids))
	b.index[id] = v
	b.ids = append(b.ids, id)
	return v, nil
}

// Build returns the graph. The builder must not be used afterwards. It
// checks ctx while it works and returns its error, wrapped, if it is done.
func (b *Builder) Build(ctx context.Context) (*Graph, error) {
	m := newMeter(ctx, "building the analysis graph")
	if err := m.check(); err != nil {
		return nil, err
	}
	n := len(b.ids)
	// Number the nodes in id order.
	order := make([]int32, n)
	for i := range order {
		order[i] = int32(i)
	}
	sort.Slice(order, func(i, j int) bool { return b.ids[order[i]] < b.ids[order[j]] })
	rank := make([]int32, n)
	ids := make([]string, n)
	for r, old := range order {
		rank[old] = int32(r)
		ids[r] = b.ids[old]
		b.index[ids[r]] = int32(r)
	}
	order = nil

	// Both ends of every edge, bucketed by node (counting sort).
	off := make([]int, n+1)
	for i := range b.from {
		off[rank[b.from[i]]+1]++
		off[rank[b.to[i]]+1]++
	}
	for v := 0; v < n; v++ {
		off[v+1] += off[v]
	}
	adj := make([]int32, off[n])
	next := slices.Clone(off[:n])
	for i := range b.from {
		u, v := rank[b.from[i]], rank[b.to[i]]
		adj[next[u]] = v
		next[u]++
		adj[next[v]] = u
		next[v]++
		if err := m.step(2); err != nil {
			return nil, err
		}
	}
	next = nil
	b.from, b.to = nil, nil

	// Sort each neighbour list and drop repeats, compacting in place.
	w := 0
	start := 0
	for v := 0; v < n; v++ {
		nb := adj[start:off[v+1]]
		start = off[v+1]
		slices.Sort(nb)
		off[v] = w
		for i, x := range nb {
			if i > 0 && x == nb[i-1] {
				continue
			}
			adj[w] = x
			w++
		}
		if err := m.step(len(nb) + 1); err != nil {
			return nil, err
		}
	}
	off[n] = w
	adj = slices.Clip(adj[:w])
	if cap(adj) > 2*w+1024 { // many duplicates: give the rest back
		adj = slices.Clone(adj)
	}

	g := &Graph{ids: ids, index: b.index, off: off, adj: adj, stats: b.stats}
	g.stats.Merged = g.stats.Offered - g.stats.SelfLoops - g.M()
	b.index, b.ids = nil, nil
	if err := g.label(m); err != nil {
		return nil, err
	}
	return g, nil
}

// label numbers the connected components by breadth-first search.
func (g *Graph) label(m *meter) error {
	n := g.N()
	g.comp = make([]int32, n)
	for i := range g.comp {
		g.comp[i] = -1
	}
	queue := make([]int32, 0, 64)
	c := int32(0)
	for s := 0; s < n; s++ {
		if g.comp[s] >= 0 {
			continue
		}
		g.comp[s] = c
		queue = append(queue[:0], int32(s))
		for h := 0; h < len(queue); h++ {
			nb := g.Neighbors(int(queue[h]))
			for _, w := range nb {
				if g.comp[w] < 0 {
					g.comp[w] = c
					queue = append(queue, w)
				}
			}
			if err := m.step(len(nb) + 1); err != nil {
				return err
			}
		}
		c++
	}
	g.ncomp = int(c)
	return nil
}

// steps is the work of one breadth-first search over the whole graph: a
// visit per node and a look at each adjacency entry.
func (g *Graph) steps() float64 { return float64(g.N()) + float64(len(g.adj)) }

// localView is the graph renumbered for cache locality: in breadth-first
// order from the highest-degree nodes, so that nodes met together in a
// search sit together in memory. The whole-graph searches (Betweenness,
// Closeness) run on it; it changes their speed, not their results, which
// are mapped back to node numbers.
type localView struct {
	off     []int
	adj     []int32
	toLocal []int32 // node -> local number
	toNode  []int32 // local number -> node
}

// localView builds the view once, on first use.
func (g *Graph) localView() *localView {
	g.localOnce.Do(func() {
		n := g.N()
		starts := make([]int32, n)
		for i := range starts {
			starts[i] = int32(i)
		}
		sort.SliceStable(starts, func(i, j int) bool { return g.Degree(int(starts[i])) > g.Degree(int(starts[j])) })
		lv := &localView{toLocal: make([]int32, n), toNode: make([]int32, 0, n)}
		for i := range lv.toLocal {
			lv.toLocal[i] = -1
		}
		for _, s := range starts {
			if lv.toLocal[s] >= 0 {
				continue
			}
			lv.toLocal[s] = int32(len(lv.toNode))
			lv.toNode = append(lv.toNode, s)
			for h := int(lv.toLocal[s]); h < len(lv.toNode); h++ {
				for _, w := range g.Neighbors(int(lv.toNode[h])) {
					if lv.toLocal[w] < 0 {
						lv.toLocal[w] = int32(len(lv.toNode))
						lv.toNode = append(lv.toNode, w)
					}
				}
			}
		}
		lv.off = make([]int, n+1)
		lv.adj = make([]int32, 0, len(g.adj))
		for l, v := range lv.toNode {
			start := len(lv.adj)
			for _, w := range g.Neighbors(int(v)) {
				lv.adj = append(lv.adj, lv.toLocal[w])
			}
			slices.Sort(lv.adj[start:])
			lv.off[l+1] = len(lv.adj)
		}
		g.local = lv
	})
	return g.local
}
