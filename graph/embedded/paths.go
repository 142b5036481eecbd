package embedded

import (
	"slices"
	"strings"
)

// search runs traversals over the index with one compiled filter and one
// scratch. The caller holds the index's read lock.
type search struct {
	ix *index
	f  *filter
	sc *scratch
}

// expand grows one side of a bidirectional search by a full layer. It
// labels every new node with depth and returns the new frontier, and
// whether any new node is already labelled by the other side. side bwd
// walks edges in reverse (it searches from the target).
func (q *search) expand(front, next []int32, side int, depth int16) ([]int32, bool) {
	ix, f, sc := q.ix, q.f, q.sc
	g := sc.gen
	backward := side == bwd
	mark, omark, dist := sc.mark[side], sc.mark[1-side], sc.dist[side]
	met := false
	next = next[:0]
	for _, u := range front {
		if !sc.tick(len(ix.adj[u]) + 1) {
			return next[:0], false
		}
		sc.read(u)
		adj := ix.adj[u]
		for _, h := range adj {
			v := h.nbr
			if mark[v] == g || !f.walkable(h, backward) {
				continue
			}
			if !f.all && !f.match(&ix.rels[h.rel()]) {
				continue
			}
			if sc.banning {
				if sc.banNode[v] == sc.banGen {
					continue
				}
				if backward && sc.edgeBanned(v, u) || !backward && sc.edgeBanned(u, v) {
					continue
				}
			}
			mark[v] = g
			dist[v] = depth
			next = append(next, v)
			if omark[v] == g {
				met = true
			}
		}
	}
	return next, met
}

func (q *search) frontierCost(front []int32) int {
	c := 0
	for _, u := range front {
		if !q.sc.tick(1) { // a frontier can hold a million actors
			return c
		}
		c += len(q.ix.adj[u]) + 1
	}
	return c
}

// bfs2 is a bidirectional breadth-first search from s to t (s != t) of at
// most maxHops hops. It always expands the side whose frontier has fewer
// half-edges, a full layer at a time, and stops after the first layer that
// meets the other side. It returns the distance, or -1, and the depths df
// and db the forward and backward sides reached (df+db == distance): the
// labels describe every shortest path, which enumerate then walks.
func (q *search) bfs2(s, t int32, maxHops int) (dist, df, db int) {
	sc := q.sc
	g := sc.newGen()
	sc.mark[fwd][s], sc.dist[fwd][s] = g, 0
	sc.mark[bwd][t], sc.dist[bwd][t] = g, 0
	sc.frontF = append(sc.frontF[:0], s)
	sc.frontB = append(sc.frontB[:0], t)
	// A side's frontier cost is computed when the choice needs it, once per
	// layer: not for the last layer, which is often the largest.
	costF, costB := -1, -1
	for df+db < maxHops {
		if costF < 0 {
			costF = q.frontierCost(sc.frontF)
		}
		if costB < 0 {
			costB = q.frontierCost(sc.frontB)
		}
		var met bool
		if costF <= costB {
			df++
			sc.next, met = q.expand(sc.frontF, sc.next, fwd, int16(df))
			sc.frontF, sc.next = sc.next, sc.frontF
			if len(sc.frontF) == 0 {
				return -1, 0, 0
			}
			costF = -1
		} else {
			db++
			sc.next, met = q.expand(sc.frontB, sc.next, bwd, int16(db))
			sc.frontB, sc.next = sc.next, sc.frontB
			if len(sc.frontB) == 0 {
				return -1, 0, 0
			}
			costB = -1
		}
		if sc.err != nil {
			return -1, 0, 0
		}
		if met {
			return df + db, df, db
		}
	}
	return -1, 0, 0
}

// lessID orders nodes by actor id.
func (q *search) lessID(a, b int32) int { return q.ix.compareNodes(a, b) }

// enumerate lists shortest paths s..t (labelled by bfs2 with the given
// distance and depths) in lexicographic order of their actor ids, up to
// limit of them; more reports whether there were further ones. Every path
// is a sequence of distinct actors, since each step moves one layer on.
func (q *search) enumerate(s, t int32, dist, df, db, limit int) (paths [][]int32, more bool) {
	ix, f, sc := q.ix, q.f, q.sc
	g := sc.gen
	path := make([]int32, 1, dist+1)
	path[0] = s
	var rec func(u int32, i int) bool // true: stop
	rec = func(u int32, i int) bool {
		if i == dist {
			if len(paths) == limit {
				more = true
				return true
			}
			paths = append(paths, slices.Clone(path))
			return false
		}
		if !sc.tick(len(ix.adj[u]) + 1) {
			return true
		}
		sc.read(u)
		var cands []int32
		for _, h := range ix.adj[u] {
			v := h.nbr
			if sc.dead[v] == g || !f.walkable(h, false) {
				continue
			}
			if i < df {
				// Forward part: the next forward layer; entering the
				// meeting layer needs the backward label too.
				if !sc.reachedAt(v, fwd, i+1) {
					continue
				}
				if i+1 == df && !sc.reachedAt(v, bwd, db) {
					continue
				}
			} else if !sc.reachedAt(v, bwd, dist-i-1) {
				continue
			}
			if !f.all && !f.match(&ix.rels[h.rel()]) {
				continue
			}
			if sc.banning && (sc.banNode[v] == sc.banGen || sc.edgeBanned(u, v)) {
				continue
			}
			cands = append(cands, v)
		}
		slices.SortFunc(cands, q.lessID)
		cands = slices.Compact(cands)
		for _, v := range cands {
			before := len(paths)
			path = append(path, v)
			stop := rec(v, i+1)
			path = path[:len(path)-1]
			if stop {
				return true
			}
			if len(paths) == before {
				sc.dead[v] = g
			}
		}
		return false
	}
	// The start must itself be on the meeting layer when df == 0.
	if df == 0 && !sc.reachedAt(s, bwd, db) {
		return nil, false
	}
	rec(s, 0)
	return paths, more
}

// shortest returns the first shortest path s..t in lexicographic order of
// actor ids, or nil.
func (q *search) shortest(s, t int32, maxHops int) []int32 {
	if maxHops < 1 {
		return nil
	}
	dist, df, db := q.bfs2(s, t, maxHops)
	if dist < 0 {
		return nil
	}
	ps, _ := q.enumerate(s, t, dist, df, db, 1)
	if len(ps) == 0 {
		return nil
	}
	return ps[0]
}

// comparePaths orders paths by length, then lexicographically by actor ids.
func (q *search) comparePaths(a, b []int32) int {
	if len(a) != len(b) {
		return len(a) - len(b)
	}
	for i := range a {
		if c := q.lessID(a[i], b[i]); c != 0 {
			return c
		}
	}
	return 0
}

func pathKey(p []int32) string {
	var b strings.Builder
	b.Grow(4 * len(p))
	for _, n := range p {
		b.WriteByte(byte(n))
		b.WriteByte(byte(n >> 8))
		b.WriteByte(byte(n >> 16))
		b.WriteByte(byte(n >> 24))
	}
	return b.String()
}

// kShortest is Yen's algorithm: the k shortest loopless paths s..t of at
// most maxHops hops, in the order of comparePaths. Each spur search is a
// bidirectional BFS that avoids the root's nodes and the edges that the
// paths found so far take from the same root. Because every spur path is
// the least of its candidates in that same order, the result is exactly
// the first k loopless paths in it.
func (q *search) kShortest(s, t int32, k, maxHops int) [][]int32 {
	sc := q.sc
	first := q.shortest(s, t, maxHops)
	if first == nil {
		return nil
	}
	found := [][]int32{first}
	seen := map[string]bool{pathKey(first): true}
	var cands [][]int32
	for len(found) < k {
		prev := found[len(found)-1]
		for i := 0; i < len(prev)-1 && i < maxHops; i++ {
			root := prev[:i+1]
			sc.newBans()
			for _, p := range found {
				if len(p) > i+1 && slices.Equal(p[:i+1], root) {
					sc.banEdge(p[i], p[i+1])
				}
			}
			for _, n := range root[:i] {
				sc.banNodeAt(n)
			}
			spur := q.shortest(prev[i], t, maxHops-i)
			sc.banning = false
			if sc.err != nil {
				return nil
			}
			if spur == nil {
				continue
			}
			cand := append(slices.Clone(root[:i]), spur...)
			key := pathKey(cand)
			if seen[key] {
				continue
			}
			seen[key] = true
			cands = append(cands, cand)
		}
		if len(cands) == 0 {
			break
		}
		best := 0
		for j := 1; j < len(cands); j++ {
			if q.comparePaths(cands[j], cands[best]) < 0 {
				best = j
			}
		}
		found = append(found, cands[best])
		cands = slices.Delete(cands, best, best+1)
	}
	return found
}

// bestRel returns the relation that a hop u -> v takes: among those
// walkable from u to v that pass the filter, the highest confidence, then
// the smallest id. -1 if none.
func (q *search) bestRel(u, v int32) int32 {
	q.sc.read(u)
	best := int32(-1)
	for _, h := range q.ix.adj[u] {
		if h.nbr != v || !q.f.walkable(h, false) {
			continue
		}
		r := h.rel()
		if !q.f.all && !q.f.match(&q.ix.rels[r]) {
			continue
		}
		if best < 0 || q.ix.better(r, best) {
			best = r
		}
	}
	return best
}
