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
// answer is certain or this bound is reached. The same bound caps the
// shortest walks that shortest and all_shortest look at.
const maxWalks = 1 << 16

// Paths finds how q.From and q.To connect (see graph.PathQuery). Paths are
// ordered by length, then by their actor ids, and each mode answers with
// the first ones in that order, as the embedded store does: shortest the
// first shortest path; all_shortest every shortest path, up to
// Limits.MaxPaths (Truncated beyond); k_shortest the first K loopless
// paths. From == To is one path of zero hops. The filter applies to every
// hop during the search. Each hop uses the matching relation with the
// highest confidence (ties: smallest id).
//
// Neo4j picks its own shortest walk among walks of one length, so shortest
// and all_shortest ask for every shortest walk (ALL SHORTEST, at most
// maxWalks of them, folded and sorted on the server) and keep the first in
// id order; past maxWalks shortest walks the answer is Truncated and its
// order holds among the walks seen only. k_shortest does the same when
// there are K shortest paths or more, and otherwise asks for the m
// shortest walks (SHORTEST m), m growing until every walk up to the K-th
// path's length is in. ENOTFOUND for an unknown endpoint; EINVALID for
// options out of bounds.
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
			res.Paths = append(res.Paths, graph.Path{Actors: []graph.Actor{ends[q.From].Clone()}, Hops: []graph.Hop{}})
			return nil
		}
		seqs, truncated, err := s.searchPaths(ctx, tx, q)
		if err != nil || len(seqs) == 0 {
			return err
		}
		res.Truncated = truncated
		res.Paths, err = bestHops(ctx, tx, q.Filter, seqs)
		return err
	})
	return res, err
}

// searchPaths returns the loopless actor sequences that answer q, sorted
// by length and then ids, and whether all_shortest was truncated.
func (s *Store) searchPaths(ctx context.Context, tx neo4j.ManagedTransaction, q graph.PathQuery) ([][]string, bool, error) {
	switch q.Mode {
	case graph.AllShortest:
		return shortestPaths(ctx, tx, q, s.lim.MaxPaths)
	case graph.KShortest:
		// When there are K shortest paths or more, the first K are the
		// first K shortest paths in id order: one ALL SHORTEST search.
		// A dense graph (many paths of each length) would otherwise make
		// the SHORTEST m search below grow m until a longer walk shows.
		seqs, _, err := shortestPaths(ctx, tx, q, q.K)
		if err != nil || len(seqs) == q.K || len(seqs) == 0 {
			return seqs, false, err
		}
		// Fewer than K shortest paths: the longer ones are needed.
		m := 4 * q.K
		for {
			seqs, n, longest, err := runWalks(ctx, tx, q, m)
			if err != nil {
				return nil, false, err
			}
			exhausted := n < m
			if len(seqs) >= q.K {
				// All walks up to the K-th path's length are in once a
				// longer walk came back: SHORTEST m returns the m
				// shortest walks.
				if exhausted || longest > len(seqs[q.K-1]) {
					return seqs[:q.K], false, nil
				}
			} else if exhausted {
				return seqs, false, nil
			}
			if m >= maxWalks {
				return seqs[:min(q.K, len(seqs))], false, nil
			}
			m = min(4*m, maxWalks)
		}
	default:
		seqs, _, err := shortestPaths(ctx, tx, q, 1)
		return seqs, false, err
	}
}

// shortestPaths returns the first limit shortest paths in id order and
// whether there are more, or more than maxWalks shortest walks.
func shortestPaths(ctx context.Context, tx neo4j.ManagedTransaction, q graph.PathQuery, limit int) ([][]string, bool, error) {
	st, c, err := buildShortestPaths(q, limit, maxWalks)
	if err != nil || c.None {
		return nil, false, err
	}
	recs, err := collect(ctx, tx, st)
	if err != nil {
		return nil, false, err
	}
	if len(recs) != 1 {
		return nil, false, fmt.Errorf("neo4j: paths_shortest returned %d records", len(recs))
	}
	lists, err := get[[]any](recs[0], "paths")
	if err != nil {
		return nil, false, err
	}
	n, err := get[int64](recs[0], "n")
	if err != nil {
		return nil, false, err
	}
	walks, err := get[int64](recs[0], "walks")
	if err != nil {
		return nil, false, err
	}
	seqs := make([][]string, 0, len(lists))
	for _, l := range lists {
		ids, err := idList(l)
		if err != nil {
			return nil, false, err
		}
		seqs = append(seqs, ids)
	}
	sortSeqs(seqs)
	return seqs, n > int64(limit) || walks >= maxWalks, nil
}

// idList maps a list of actor ids as the driver returns it.
func idList(v any) ([]string, error) {
	l, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("neo4j: path ids are %T, want a list", v)
	}
	ids := make([]string, len(l))
	for i, x := range l {
		if ids[i], ok = x.(string); !ok {
			return nil, fmt.Errorf("neo4j: path id %d is %T, want a string", i, x)
		}
	}
	return ids, nil
}

// runWalks runs SHORTEST m and folds its walks into distinct loopless
// actor sequences, sorted by length then ids. n is the number of walks the
// database returned and longest the number of actors of the longest.
func runWalks(ctx context.Context, tx neo4j.ManagedTransaction, q graph.PathQuery, m int) (seqs [][]string, n, longest int, err error) {
	st, c, err := buildPaths(q, m, m)
	if err != nil || c.None {
		return nil, 0, 0, err
	}
	recs, err := collect(ctx, tx, st)
	if err != nil {
		return nil, 0, 0, err
	}
	seen := map[string]bool{}
	for _, rec := range recs {
		v, _ := rec.Get("ids")
		ids, err := idList(v)
		if err != nil {
			return nil, 0, 0, err
		}
		longest = max(longest, len(ids))
		key := strings.Join(ids, "\x00")
		if !simple(ids) || seen[key] {
			continue
		}
		seen[key] = true
		seqs = append(seqs, ids)
	}
	sortSeqs(seqs)
	return seqs, len(recs), longest, nil
}

// simple reports whether ids holds no actor twice.
func simple(ids []string) bool {
	for i, id := range ids {
		if slices.Contains(ids[:i], id) {
			return false
		}
	}
	return true
}

// sortSeqs orders actor sequences shortest first, then by their ids.
func sortSeqs(seqs [][]string) {
	slices.SortFunc(seqs, func(a, b []string) int {
		return cmp.Or(cmp.Compare(len(a), len(b)), slices.Compare(a, b))
	})
}

// bestHops turns actor sequences into paths whose every hop is the best
// relation (highest confidence, then smallest id) that passes f and can be
// walked between the two actors, whichever relation the search happened to
// walk, with the actors read once each.
func bestHops(ctx context.Context, tx neo4j.ManagedTransaction, f graph.RelationFilter, seqs [][]string) ([]graph.Path, error) {
	var pairs [][]string
	var ids []string
	seen := map[[2]string]bool{}
	seenID := map[string]bool{}
	for _, seq := range seqs {
		for i, id := range seq {
			if !seenID[id] {
				seenID[id] = true
				ids = append(ids, id)
			}
			if i == 0 {
				continue
			}
			k := [2]string{seq[i-1], id}
			if !seen[k] {
				seen[k] = true
				pairs = append(pairs, []string{k[0], k[1]})
			}
		}
	}
	actors, err := actorsByID(ctx, tx, ids)
	if err != nil {
		return nil, err
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
	paths := make([]graph.Path, 0, len(seqs))
	for _, seq := range seqs {
		p := graph.Path{Actors: make([]graph.Actor, 0, len(seq)), Hops: make([]graph.Hop, 0, len(seq)-1)}
		for i, id := range seq {
			a, ok := actors[id]
			if !ok {
				return nil, fmt.Errorf("neo4j: actor %s of a path found is gone", id)
			}
			p.Actors = append(p.Actors, a.Clone())
			if i == 0 {
				continue
			}
			h, ok := best[[2]string{seq[i-1], id}]
			if !ok {
				return nil, fmt.Errorf("neo4j: no relation for hop %s -> %s of a path found", seq[i-1], id)
			}
			h.Relation = h.Relation.Clone()
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
// stopped the expansion: the actors kept at the last level, the seeds
// included, are the first by id), and every relation that passes the filter among them (the
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
			// Like every level, the seeds are kept first by id.
			slices.Sort(seeds)
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
