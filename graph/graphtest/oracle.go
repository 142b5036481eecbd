package graphtest

import (
	"slices"

	"github.com/actorgraph/actorgraph/graph"
)

// Oracle is the brute-force reference for walks over a list of relations
// under one filter: for every ordered pair of actors, the relation a hop
// between them must use, and from that every loopless path and every
// distance. It is the one path oracle of the project; the conformance suite
// and the stores' own tests check their answers against it.
type Oracle struct {
	adj map[string]map[string]graph.Relation // u -> v -> best relation walkable u -> v
}

// NewOracle builds the oracle of rels (whose derived fields must be set)
// under f.
func NewOracle(rels []graph.Relation, f graph.RelationFilter) *Oracle {
	o := &Oracle{adj: map[string]map[string]graph.Relation{}}
	put := func(u, v string, r *graph.Relation) {
		if !Walkable(r, f.Direction, u, v) {
			return
		}
		if o.adj[u] == nil {
			o.adj[u] = map[string]graph.Relation{}
		}
		if old, ok := o.adj[u][v]; !ok || better(r, &old) {
			o.adj[u][v] = *r
		}
	}
	for i := range rels {
		r := &rels[i]
		if !f.Match(r) {
			continue
		}
		put(r.From, r.To, r)
		put(r.To, r.From, r)
	}
	return o
}

// Walkable reports whether r can be walked from u to v under direction d:
// out follows the stored direction, in goes against it, and symmetric types
// go both ways whatever d says.
func Walkable(r *graph.Relation, d graph.Direction, u, v string) bool {
	sym := graph.IsSymmetric(r.Type)
	switch {
	case r.From == u && r.To == v:
		return d != graph.DirectionIn || sym
	case r.To == u && r.From == v:
		return d != graph.DirectionOut || sym
	}
	return false
}

// better reports whether relation a beats b as the relation of a hop:
// higher confidence, then smaller id.
func better(a, b *graph.Relation) bool {
	if a.Confidence != b.Confidence {
		return a.Confidence > b.Confidence
	}
	return a.ID < b.ID
}

// Best returns the relation a hop from u to v must use: among those that
// pass the filter and may be walked that way, the highest confidence, then
// the smallest id. ok is false when there is none.
func (o *Oracle) Best(u, v string) (r graph.Relation, ok bool) {
	r, ok = o.adj[u][v]
	return r, ok
}

// Paths returns every loopless path (a sequence of distinct actor ids) of
// at most maxHops hops from from to to, ordered by length and then by
// their ids. from == to gives none.
func (o *Oracle) Paths(from, to string, maxHops int) [][]string {
	var out [][]string
	path := []string{from}
	onPath := map[string]bool{from: true}
	var dfs func(u string)
	dfs = func(u string) {
		if u == to {
			out = append(out, slices.Clone(path))
			return
		}
		if len(path)-1 == maxHops {
			return
		}
		for v := range o.adj[u] {
			if onPath[v] {
				continue
			}
			onPath[v] = true
			path = append(path, v)
			dfs(v)
			path = path[:len(path)-1]
			onPath[v] = false
		}
	}
	if from != to {
		dfs(from)
	}
	slices.SortFunc(out, func(a, b []string) int {
		if len(a) != len(b) {
			return len(a) - len(b)
		}
		return slices.Compare(a, b)
	})
	return out
}

// Distances returns the hop distance of every actor reachable from seeds
// within depth hops.
func (o *Oracle) Distances(seeds []string, depth int) map[string]int {
	dist := map[string]int{}
	var frontier []string
	for _, s := range seeds {
		if _, ok := dist[s]; !ok {
			dist[s] = 0
			frontier = append(frontier, s)
		}
	}
	for d := 1; d <= depth && len(frontier) > 0; d++ {
		var next []string
		for _, u := range frontier {
			for v := range o.adj[u] {
				if _, ok := dist[v]; !ok {
					dist[v] = d
					next = append(next, v)
				}
			}
		}
		frontier = next
	}
	return dist
}
