package embedded

import (
	"context"
	"slices"

	bolt "go.etcd.io/bbolt"

	"github.com/actorgraph/actorgraph/graph"
)

// hopPlan is a hop found in the index, before it is read from the file.
type hopPlan struct {
	rel      string
	from, to string
	forward  bool
}

// Paths finds how q.From and q.To connect. The semantics, which the Neo4j
// store shares:
//
//   - A path is a sequence of distinct actors of at most q.MaxHops hops.
//     Between consecutive actors the hop takes, among the relations that
//     pass the filter and may be walked that way, the one with the highest
//     confidence, then the smallest id.
//   - Direction out walks relations from their stored From to To only, in
//     from To to From only; symmetric types (graph.IsSymmetric) walk both
//     ways whatever the direction. Types, excluded types, minimum
//     confidence, as-of date (graph.ValidOn) and contested exclusion are
//     applied while searching, so a path never depends on a relation the
//     filter drops.
//   - Paths are ordered by length, then lexicographically by their actor
//     ids. shortest returns the first shortest path in that order;
//     all_shortest every shortest path, up to Limits.MaxPaths (Truncated
//     when there are more); k_shortest the first q.K loopless paths (Yen's
//     algorithm).
//   - From == To gives one path of zero hops. No path within the limits
//     gives an empty Paths and no error.
//
// The search is a bidirectional breadth-first search on the in-memory
// index, expanding the cheaper side a layer at a time; the found paths are
// then read from the file, hops with all their evidence. ENOTFOUND for an
// unknown endpoint; EINVALID for options out of bounds.
func (s *Store) Paths(ctx context.Context, q graph.PathQuery) (graph.PathResult, error) {
	if err := s.begin(ctx); err != nil {
		return graph.PathResult{}, err
	}
	if err := q.Normalize(s.lim); err != nil {
		return graph.PathResult{}, err
	}
	cf, err := compileFilter(q.Filter)
	if err != nil {
		return graph.PathResult{}, err
	}
	var res graph.PathResult
	err = s.retry(ctx, func() error {
		actors, hops, truncated, err := s.findPaths(ctx, &q, cf)
		if err != nil {
			return err
		}
		res = graph.PathResult{Query: q, Paths: make([]graph.Path, len(actors)), Truncated: truncated}
		return s.view("paths", func(tx *bolt.Tx) error {
			if err := readPaths(tx, actors, hops, res.Paths); err != nil {
				return err
			}
			return readEnds(tx, &res)
		})
	})
	return res, err
}

// readPaths reads the paths' actors and relations from the file into
// paths. Paths share actors and relations (k paths between the same ends
// do); each is read and decoded once, and later occurrences get copies.
func readPaths(tx *bolt.Tx, actors [][]string, hops [][]hopPlan, paths []graph.Path) error {
	ab, rb := tx.Bucket(bucketActors), tx.Bucket(bucketRelations) // ids in path order: no use for a keyReader
	var seenActor map[string]graph.Actor
	var seenRel map[string]graph.Relation
	if len(actors) > 1 {
		seenActor, seenRel = map[string]graph.Actor{}, map[string]graph.Relation{}
	}
	for i := range actors {
		p := graph.Path{Actors: make([]graph.Actor, len(actors[i])), Hops: make([]graph.Hop, len(hops[i]))}
		for j, id := range actors[i] {
			if a, ok := seenActor[id]; ok {
				p.Actors[j] = a.Clone()
				continue
			}
			v := ab.Get([]byte(id))
			if v == nil {
				return errStale
			}
			a, err := decodeActor(id, v)
			if err != nil {
				return err
			}
			p.Actors[j] = a
			if seenActor != nil {
				seenActor[id] = a
			}
		}
		for j, h := range hops[i] {
			r, ok := seenRel[h.rel]
			if ok {
				r = r.Clone()
			} else {
				v := rb.Get([]byte(h.rel))
				if v == nil {
					return errStale
				}
				var err error
				if r, err = decodeRelation(h.rel, v); err != nil {
					return err
				}
				if seenRel != nil {
					seenRel[h.rel] = r
				}
			}
			p.Hops[j] = graph.Hop{Relation: r, From: h.from, To: h.to, Forward: h.forward}
		}
		paths[i] = p
	}
	return nil
}

// readEnds sets res.From and res.To: from the first path when there is one,
// else from the file.
func readEnds(tx *bolt.Tx, res *graph.PathResult) error {
	if len(res.Paths) > 0 {
		as := res.Paths[0].Actors
		res.From, res.To = as[0].Clone(), as[len(as)-1].Clone()
		return nil
	}
	as, err := actorsTx(tx, []string{res.Query.From, res.Query.To})
	if err != nil {
		return err
	}
	res.From, res.To = as[0], as[1]
	return nil
}

// findPaths searches the index and returns the actor ids and hops of each
// path.
func (s *Store) findPaths(ctx context.Context, q *graph.PathQuery, cf *filter) (actors [][]string, hops [][]hopPlan, truncated bool, err error) {
	sc := s.getScratch(ctx) // before the lock: see getScratch
	defer s.putScratch(sc)
	h := s.lk.rlock("paths " + string(q.Mode))
	defer h.release()
	ix := s.ix
	from, ok := ix.byID[q.From]
	if !ok {
		return nil, nil, false, notFoundActor(q.From)
	}
	to, ok := ix.byID[q.To]
	if !ok {
		return nil, nil, false, notFoundActor(q.To)
	}
	if from == to {
		return [][]string{{q.From}}, [][]hopPlan{{}}, false, nil
	}
	sc.fit(len(ix.nodes))
	sc.y = s.traversalYielder(&h, ix, sc)
	se := &search{ix: ix, f: cf, sc: sc}
	var paths [][]int32
	switch q.Mode {
	case graph.AllShortest:
		if dist, df, db := se.bfs2(from, to, q.MaxHops); dist > 0 {
			paths, truncated = se.enumerate(from, to, dist, df, db, s.lim.MaxPaths)
		}
	case graph.KShortest:
		paths = se.kShortest(from, to, q.K, q.MaxHops)
	default:
		if p := se.shortest(from, to, q.MaxHops); p != nil {
			paths = [][]int32{p}
		}
	}
	if sc.err != nil {
		return nil, nil, false, sc.err
	}
	actors = make([][]string, len(paths))
	hops = make([][]hopPlan, len(paths))
	for i, p := range paths {
		actors[i] = make([]string, len(p))
		hops[i] = make([]hopPlan, len(p)-1)
		for j, n := range p {
			actors[i][j] = ix.nodes[n].id
			if j == 0 {
				continue
			}
			r := se.bestRel(p[j-1], n)
			if r < 0 {
				return nil, nil, false, graph.Errorf(graph.EINTERNAL, "internal error in the path search")
			}
			hops[i][j-1] = hopPlan{rel: string(ix.relID(r)), from: ix.nodes[p[j-1]].id, to: ix.nodes[n].id,
				forward: ix.rels[r].from == p[j-1]}
		}
	}
	return actors, hops, truncated, nil
}

// Network returns the neighbourhood of the seeds: the actors within
// q.Depth hops of a seed, walking only relations that pass the filter in
// the allowed direction (as Paths does), and every relation that passes
// the filter (whatever its direction) among them. Nodes are taken nearest
// first and, within one distance, by id, until q.Limit; Truncated says the
// cap left out an actor within q.Depth. Nodes and Edges are sorted by id;
// edges carry all their evidence. Depth 0 gives the subgraph induced by
// the seeds. ENOTFOUND for an unknown seed; EINVALID.
func (s *Store) Network(ctx context.Context, q graph.NetworkQuery) (graph.Subgraph, error) {
	if err := s.begin(ctx); err != nil {
		return graph.Subgraph{}, err
	}
	if err := q.Normalize(s.lim); err != nil {
		return graph.Subgraph{}, err
	}
	cf, err := compileFilter(q.Filter)
	if err != nil {
		return graph.Subgraph{}, err
	}
	var sg graph.Subgraph
	err = s.retry(ctx, func() error {
		nodes, edges, truncated, err := s.findNetwork(ctx, &q, cf)
		if err != nil {
			return err
		}
		as, rs, err := s.readSubgraph(nodes, edges)
		if err != nil {
			return err
		}
		sg = graph.Subgraph{Nodes: as, Edges: rs, Truncated: truncated}
		return nil
	})
	return sg, err
}

// findNetwork returns the network's actor ids and relation ids (aliasing
// the index's id arena, which never changes what it holds), each sorted.
func (s *Store) findNetwork(ctx context.Context, q *graph.NetworkQuery, cf *filter) (nodes []string, edges [][]byte, truncated bool, err error) {
	sc := s.getScratch(ctx) // before the lock: see getScratch
	defer s.putScratch(sc)
	h := s.lk.rlock("network")
	defer h.release()
	ix := s.ix
	sc.fit(len(ix.nodes))
	sc.y = s.traversalYielder(&h, ix, sc)

	// The nodes taken so far are marked in a bitmap (a bit per node: it
	// stays in a near cache where an array of marks would not, and both
	// the search and the induced relations test every neighbour of every
	// node taken). marked lists every node whose bit was set, to clear.
	//
	// The lists (marked, the layers, included, the relations) are the
	// scratch's, kept from one query to the next: a network's layers can
	// hold a million actors, and growing new lists, page by new page, under
	// the index lock would make it wait.
	in := sc.bits(len(ix.nodes))
	marked := sc.net.marked[:0]
	bufA, bufB := sc.net.layer[:0], sc.net.next[:0]
	included := sc.net.included[:0]
	rels := sc.net.rels[:0]
	defer func() {
		for _, u := range marked {
			in[u>>6] = 0
		}
		sc.net = netLists{marked: marked[:0], layer: bufA[:0], next: bufB[:0], included: included[:0], rels: rels[:0]}
	}()
	has := func(u int32) bool { return in[u>>6]&(1<<(u&63)) != 0 }
	mark := func(u int32) {
		in[u>>6] |= 1 << (u & 63)
		marked = append(marked, u)
	}

	layer := bufA
	for _, id := range q.Seeds {
		n, ok := ix.byID[id]
		if !ok {
			return nil, nil, false, notFoundActor(id)
		}
		if !has(n) {
			mark(n)
			layer = append(layer, n)
		}
	}
	bufA = layer
	// take admits the new layer up to the cap, nearest first then by id.
	take := func(layer []int32) []int32 {
		room := q.Limit - len(included)
		if len(layer) > room {
			// The room first by id, in linear time: a layer can hold a
			// million actors, and this runs under the index lock. Order
			// within a layer does not matter.
			selectFirst(layer, room, ix.compareNodes)
			for _, n := range layer[room:] {
				in[n>>6] &^= 1 << (n & 63)
			}
			layer = layer[:room]
			truncated = true
		}
		included = append(included, layer...)
		return layer
	}
	layer = take(layer)
	for d := 1; d <= q.Depth && len(layer) > 0; d++ {
		next := bufB[:0] // bufA holds layer
		for _, u := range layer {
			if !sc.tick(len(ix.adj[u]) + 1) {
				return nil, nil, false, sc.err
			}
			sc.read(u)
			for _, h := range ix.adj[u] {
				v := h.nbr
				if has(v) || !cf.walkable(h, false) || !cf.match(&ix.rels[h.rel()]) {
					continue
				}
				mark(v)
				next = append(next, v)
			}
		}
		bufB = next
		layer = take(next)
		bufA, bufB = bufB, bufA
		if truncated {
			break
		}
	}
	// The induced relations, each seen from its stored From.
	for _, u := range included {
		if !sc.tick(len(ix.adj[u]) + 1) {
			return nil, nil, false, sc.err
		}
		sc.read(u)
		for _, h := range ix.adj[u] {
			if h.out() && has(h.nbr) && cf.match(&ix.rels[h.rel()]) {
				rels = append(rels, h.rel())
			}
		}
	}
	sortIDOrder(included, ix.nodeSorted, ix.compareNodes)
	nodes = make([]string, len(included))
	for i, n := range included {
		nodes[i] = ix.nodes[n].id
	}
	sortIDOrder(rels, ix.relSorted, ix.compareRels)
	edges = make([][]byte, len(rels))
	for i, r := range rels {
		edges[i] = ix.relID(r)
	}
	return nodes, edges, truncated, nil
}

// traversalYielder lets a traversal of ix with scratch sc step aside for
// writers: it goes on after their changes unless one touched an actor whose
// relations it has read (sc.reads), the index was rebuilt, or it grew
// past sc's arrays; then the query starts again (errChanged).
func (s *Store) traversalYielder(h *hold, ix *index, sc *scratch) *yielder {
	return newYielder(h, func(since uint64) bool {
		return s.ix == ix && len(ix.nodes) <= len(sc.dead) && !ix.touchedSince(since, sc.readBits)
	})
}

// selectFirst reorders xs so that its first k elements are the k least
// under cmp, in no particular order, in linear time on average
// (quickselect with a three-way partition).
func selectFirst(xs []int32, k int, cmp func(a, b int32) int) {
	lo, hi := 0, len(xs)
	for k > lo && k < hi && hi-lo > 1 {
		a, b, c := xs[lo], xs[lo+(hi-lo)/2], xs[hi-1]
		if cmp(a, b) > 0 {
			a, b = b, a
		}
		if cmp(b, c) > 0 {
			b = c
			if cmp(a, b) > 0 {
				b = a
			}
		}
		pivot := b // the median of the three
		lt, i, gt := lo, lo, hi
		for i < gt {
			switch d := cmp(xs[i], pivot); {
			case d < 0:
				xs[lt], xs[i] = xs[i], xs[lt]
				lt++
				i++
			case d > 0:
				gt--
				xs[i], xs[gt] = xs[gt], xs[i]
			default:
				i++
			}
		}
		// xs[lo:lt] < pivot, xs[lt:gt] == pivot, xs[gt:hi] > pivot
		switch {
		case k <= lt:
			hi = lt
		case k <= gt:
			return
		default:
			lo = gt
		}
	}
}

// sortIDOrder sorts node or relation numbers by id: as numbers when they
// all lie in the id-ordered prefix of length sorted, else with compare.
func sortIDOrder(xs []int32, sorted int32, compare func(a, b int32) int) {
	for _, x := range xs {
		if x >= sorted {
			slices.SortFunc(xs, compare)
			return
		}
	}
	slices.Sort(xs)
}

// parallelReadMin is the size of a subgraph from which readSubgraph reads
// it on two goroutines.
const parallelReadMin = 512

// readSubgraph reads the actors and relations with the given (sorted) ids
// from the file. A big subgraph is read in two halves at once, each in a
// read transaction of its own: one goroutine reads the actors and the
// first relations, the other the rest of the relations. (Two transactions
// may see two states of the file; the index and the file are not one
// snapshot either, and a record gone in between still gives errStale.)
func (s *Store) readSubgraph(nodes []string, edges [][]byte) ([]graph.Actor, []graph.Relation, error) {
	rs := make([]graph.Relation, len(edges))
	if len(nodes)+len(edges) < parallelReadMin {
		var as []graph.Actor
		err := s.view("network", func(tx *bolt.Tx) error {
			var err error
			if as, err = actorsTx(tx, nodes); err == nil {
				err = relationsByKey(tx, edges, rs)
			}
			return err
		})
		return as, rs, err
	}
	// Reading an actor costs about 3/5 of reading a relation (it has less
	// to decode); split the work evenly.
	split := min(max((len(edges)-3*len(nodes)/5)/2, 0), len(edges))
	var as []graph.Actor
	var errA error
	done := make(chan struct{})
	go func() {
		defer close(done)
		errA = s.view("network", func(tx *bolt.Tx) error {
			var err error
			if as, err = actorsTx(tx, nodes); err != nil {
				return err
			}
			return relationsByKey(tx, edges[:split], rs[:split])
		})
	}()
	errB := s.view("network", func(tx *bolt.Tx) error { return relationsByKey(tx, edges[split:], rs[split:]) })
	<-done
	if errA != nil {
		return nil, nil, errA
	}
	if errB != nil {
		return nil, nil, errB
	}
	return as, rs, nil
}
