package neo4j

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/actorgraph/actorgraph/graph"
)

// maxWalks bounds how many walks one path search may fetch. Neo4j's
// SHORTEST returns walks (no relationship twice), which may repeat an actor
// and which differ when parallel relations join the same actors; a path
// here is a sequence of distinct actors, so the store asks for more walks
// than it needs and folds them into paths, growing the request until the
// answer is certain or this bound is reached.
const maxWalks = 1 << 16

// Paths finds how q.From and q.To connect (see graph.PathQuery): shortest
// gives one shortest path; all_shortest every shortest path, up to
// Limits.MaxPaths (Truncated beyond); k_shortest the K shortest loopless
// paths. The filter applies to every hop during the search. Each hop uses
// the matching relation with the highest confidence (ties: smallest id).
// Paths come shortest first, then by their actor ids. ENOTFOUND for an
// unknown endpoint; EINVALID for options out of bounds.
func (s *Store) Paths(ctx context.Context, q graph.PathQuery) (graph.PathResult, error) {
	if err := q.Normalize(s.lim); err != nil {
		return graph.PathResult{}, err
	}
	if _, err := compileFilter(q.Filter, true); err != nil {
		return graph.PathResult{}, err
	}
	var res graph.PathResult
	err := s.read(ctx, "paths", func(tx neo4j.ManagedTransaction) error {
		res = graph.PathResult{Query: q, Paths: []graph.Path{}}
		ends, err := actorsByID(ctx, tx, []string{q.From, q.To})
		if err != nil {
			return err
		}
		for _, id := range []string{q.From, q.To} {
			if _, ok := ends[id]; !ok {
				return graph.Errorf(graph.ENOTFOUND, "no actor with id %q", id)
			}
		}
		res.From, res.To = ends[q.From], ends[q.To].Clone()
		if q.From == q.To {
			return nil
		}
		walks, truncated, err := s.searchPaths(ctx, tx, q)
		if err != nil || len(walks) == 0 {
			return err
		}
		res.Truncated = truncated
		res.Paths, err = bestHops(ctx, tx, q.Filter, walks)
		return err
	})
	return res, err
}

// searchPaths returns the distinct loopless actor sequences that answer q,
// sorted by length and then ids, and whether all_shortest was truncated.
func (s *Store) searchPaths(ctx context.Context, tx neo4j.ManagedTransaction, q graph.PathQuery) ([]walk, bool, error) {
	switch q.Mode {
	case graph.AllShortest:
		limit := 4 * (s.lim.MaxPaths + 1)
		for {
			ws, n, _, err := runWalks(ctx, tx, q, pathSelector{All: true}, limit)
			if err != nil {
				return nil, false, err
			}
			switch {
			case len(ws) > s.lim.MaxPaths:
				return ws[:s.lim.MaxPaths], true, nil
			case n < limit:
				return ws, false, nil
			case limit >= maxWalks:
				// Every walk fetched folds into few paths: parallel
				// relations galore. Say the answer may be incomplete.
				return ws, true, nil
			}
			limit = min(4*limit, maxWalks)
		}
	case graph.KShortest:
		m := 4 * q.K
		for {
			ws, n, longest, err := runWalks(ctx, tx, q, pathSelector{N: m}, m)
			if err != nil {
				return nil, false, err
			}
			exhausted := n < m
			if len(ws) >= q.K {
				// All walks up to the K-th path's length are in once a
				// longer walk came back: SHORTEST m returns the m
				// shortest walks.
				if exhausted || longest > len(ws[q.K-1].IDs) {
					return ws[:q.K], false, nil
				}
			} else if exhausted {
				return ws, false, nil
			}
			if m >= maxWalks {
				return ws[:min(q.K, len(ws))], false, nil
			}
			m = min(4*m, maxWalks)
		}
	default: // shortest: a shortest walk never repeats an actor
		ws, _, _, err := runWalks(ctx, tx, q, pathSelector{N: 1}, 1)
		return ws, false, err
	}
}

// runWalks runs one search and folds its walks into distinct loopless
// actor sequences, sorted by length then ids. n is the number of walks the
// database returned and longest the number of actors of the longest.
func runWalks(ctx context.Context, tx neo4j.ManagedTransaction, q graph.PathQuery, sel pathSelector, limit int) (ws []walk, n, longest int, err error) {
	st, c, err := buildPaths(q, sel, limit)
	if err != nil || c.None {
		return nil, 0, 0, err
	}
	recs, err := collect(ctx, tx, st)
	if err != nil {
		return nil, 0, 0, err
	}
	seen := map[string]bool{}
	for _, rec := range recs {
		p, err := get[dbtype.Path](rec, "p")
		if err != nil {
			return nil, 0, 0, err
		}
		w, err := walkFromPath(p)
		if err != nil {
			return nil, 0, 0, err
		}
		longest = max(longest, len(w.IDs))
		key := strings.Join(w.IDs, "\x00")
		if !w.simple() || seen[key] {
			continue
		}
		seen[key] = true
		ws = append(ws, w)
	}
	sortWalks(ws)
	return ws, len(recs), longest, nil
}

// sortWalks orders walks shortest first, then by their actor ids.
func sortWalks(ws []walk) {
	slices.SortFunc(ws, func(a, b walk) int {
		return cmp.Or(cmp.Compare(len(a.IDs), len(b.IDs)), slices.Compare(a.IDs, b.IDs))
	})
}

// bestHops turns actor sequences into paths whose every hop is the best
// relation (highest confidence, then smallest id) that passes f and can be
// walked between the two actors, whichever relation the search happened to
// walk.
func bestHops(ctx context.Context, tx neo4j.ManagedTransaction, f graph.RelationFilter, ws []walk) ([]graph.Path, error) {
	var pairs [][]string
	seen := map[[2]string]bool{}
	for _, w := range ws {
		for i := 1; i < len(w.IDs); i++ {
			k := [2]string{w.IDs[i-1], w.IDs[i]}
			if !seen[k] {
				seen[k] = true
				pairs = append(pairs, []string{k[0], k[1]})
			}
		}
	}
	st, err := buildPathHops(f, pairs)
	if err != nil {
		return nil, err
	}
	recs, err := collect(ctx, tx, st)
	if err != nil {
		return nil, err
	}
	best := map[[2]string]graph.Hop{}
	for _, rec := range recs {
		p, err := get[dbtype.Path](rec, "p")
		if err != nil {
			return nil, err
		}
		w, err := walkFromPath(p)
		if err != nil {
			return nil, err
		}
		if len(w.Hops) != 1 {
			return nil, fmt.Errorf("neo4j: hop query returned a path of %d hops", len(w.Hops))
		}
		h := w.Hops[0]
		k := [2]string{h.From, h.To}
		if old, ok := best[k]; !ok || betterRelation(&h.Relation, &old.Relation) {
			best[k] = h
		}
	}
	paths := make([]graph.Path, 0, len(ws))
	for _, w := range ws {
		p := graph.Path{Actors: w.Actors, Hops: make([]graph.Hop, 0, len(w.IDs)-1)}
		for i := 1; i < len(w.IDs); i++ {
			h, ok := best[[2]string{w.IDs[i-1], w.IDs[i]}]
			if !ok {
				return nil, fmt.Errorf("neo4j: no relation for hop %s -> %s of a path found", w.IDs[i-1], w.IDs[i])
			}
			p.Hops = append(p.Hops, h)
		}
		paths = append(paths, p)
	}
	return paths, nil
}

// betterRelation reports whether a beats b as the relation of a hop:
// higher confidence, then smaller id.
func betterRelation(a, b *graph.Relation) bool {
	if a.Confidence != b.Confidence {
		return a.Confidence > b.Confidence
	}
	return a.ID < b.ID
}

// Network returns the actors within q.Depth walkable, filtered hops of the
// seeds, breadth first, capped at q.Limit actors (Truncated when the cap
// stopped the expansion: the actors kept at the last level are the first
// by id), and every relation that passes the filter among them (the
// direction does not apply to those). Nodes and edges come sorted by id.
// ENOTFOUND for an unknown seed; EINVALID.
func (s *Store) Network(ctx context.Context, q graph.NetworkQuery) (graph.Subgraph, error) {
	if err := q.Normalize(s.lim); err != nil {
		return graph.Subgraph{}, err
	}
	if _, err := compileFilter(q.Filter, true); err != nil {
		return graph.Subgraph{}, err
	}
	var sg graph.Subgraph
	err := s.read(ctx, "network", func(tx neo4j.ManagedTransaction) error {
		sg = graph.Subgraph{Nodes: []graph.Actor{}, Edges: []graph.Relation{}}
		var seeds []string
		for _, id := range q.Seeds {
			if !slices.Contains(seeds, id) {
				seeds = append(seeds, id)
			}
		}
		found, err := actorsByID(ctx, tx, seeds)
		if err != nil {
			return err
		}
		for _, id := range seeds {
			if _, ok := found[id]; !ok {
				return graph.Errorf(graph.ENOTFOUND, "no actor with id %q", id)
			}
		}
		if len(seeds) > q.Limit {
			seeds, sg.Truncated = seeds[:q.Limit], true
		}
		visited := slices.Clone(seeds)
		frontier := seeds
		for depth := 1; depth <= q.Depth && len(frontier) > 0 && !sg.Truncated; depth++ {
			room := q.Limit - len(visited)
			st, c, err := buildNetworkExpand(q.Filter, frontier, visited, room+1)
			if err != nil {
				return err
			}
			if c.None {
				break
			}
			recs, err := collect(ctx, tx, st)
			if err != nil {
				return err
			}
			var next []string
			for _, rec := range recs {
				id, err := get[string](rec, "id")
				if err != nil {
					return err
				}
				next = append(next, id)
			}
			if len(next) > room {
				next, sg.Truncated = next[:room], true
			}
			visited = append(visited, next...)
			frontier = next
		}
		actors, err := actorsByID(ctx, tx, visited)
		if err != nil {
			return err
		}
		for _, a := range actors {
			sg.Nodes = append(sg.Nodes, a)
		}
		graph.SortActors(sg.Nodes)
		st, c, err := buildNetworkEdges(q.Filter, visited)
		if err != nil || c.None {
			return err
		}
		recs, err := collect(ctx, tx, st)
		if err != nil {
			return err
		}
		for _, rec := range recs {
			r, err := relationFromRecord(rec)
			if err != nil {
				return err
			}
			sg.Edges = append(sg.Edges, r)
		}
		return nil
	})
	return sg, err
}
