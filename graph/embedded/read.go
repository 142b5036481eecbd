package embedded

import (
	"bytes"
	"cmp"
	"container/heap"
	"context"
	"errors"
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/names"
)

// errStale reports that a record the index pointed at was gone when the
// query read it: a writer committed between the two, and has not yet
// brought the index up to date. The query is retried.
var errStale = errors.New("embedded: the graph changed during the query")

// errChanged reports that a traversal stepped aside for a writer that
// changed what it had read (see yielder). The query is retried.
var errChanged = errors.New("embedded: the graph changed under the traversal")

// retry runs fn again while it reports errStale or errChanged. After
// errStale it first waits for the writer that caused it, which holds the
// writer mutex from before its commit until the index is up to date (a
// retry that did not wait could find the index still behind, as often as
// the writer is slow to get the lock on a busy machine). After errChanged
// (see yielder) the writer is done already. When writers keep changing
// what the query reads, the last attempt holds the writer mutex: no write
// is then between its commit and its index update, and none changes the
// index under a traversal, so fn completes.
func (s *Store) retry(ctx context.Context, fn func() error) error {
	const quickAttempts = 8
	for attempt := 0; attempt < quickAttempts; attempt++ {
		err := fn()
		stale := errors.Is(err, errStale)
		if !stale && !errors.Is(err, errChanged) {
			return err
		}
		if err := ctx.Err(); err != nil {
			return ctxError{err}
		}
		if stale {
			s.wmu.Lock()
			//lint:ignore SA2001 an empty critical section: waiting for the writer is the point
			s.wmu.Unlock()
		}
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if err := s.begin(ctx); err != nil {
		return err
	}
	err := fn()
	if errors.Is(err, errStale) || errors.Is(err, errChanged) {
		s.log.Error("embedded store: index and file disagree with writers held off")
		return graph.Errorf(graph.EINTERNAL, "the index and the file disagree")
	}
	return err
}

func notFoundActor(id string) error {
	return graph.Errorf(graph.ENOTFOUND, "no actor with id %q", clip(id, 120))
}

func notFoundRelation(id string) error {
	return graph.Errorf(graph.ENOTFOUND, "no relation with id %q", clip(id, 300))
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

func getActorTx(tx *bolt.Tx, id string) (graph.Actor, bool, error) {
	v := tx.Bucket(bucketActors).Get([]byte(id))
	if v == nil {
		return graph.Actor{}, false, nil
	}
	a, err := decodeActor(id, v)
	return a, err == nil, err
}

func getRelationTx(tx *bolt.Tx, id string) (graph.Relation, bool, error) {
	v := tx.Bucket(bucketRelations).Get([]byte(id))
	if v == nil {
		return graph.Relation{}, false, nil
	}
	r, err := decodeRelation(id, v)
	return r, err == nil, err
}

// keyReader reads many keys of one bucket with one cursor. Results are
// mostly read in key order (a network's nodes and edges are sorted by id,
// and the relations of one actor are neighbours in the file, since their
// ids start with it), so when a key is at most a few entries past the
// previous one it steps there instead of searching the B-tree from its
// root again.
type keyReader struct {
	c         *bolt.Cursor
	k, v      []byte // where the cursor is; k == nil before the first read and past the end
	last, cur []byte // the key read before, and the one being read (buffers swapped)
}

func newKeyReader(tx *bolt.Tx, bucket []byte) *keyReader {
	return &keyReader{c: tx.Bucket(bucket).Cursor()}
}

// keyReaderSteps is how far get steps before it searches instead: a step
// costs a key comparison, a search from the root a few dozen.
const keyReaderSteps = 8

// get returns the value of key id, or nil.
func (r *keyReader) get(id string) []byte {
	key := append(r.cur[:0], id...)
	r.cur = r.last
	return r.getKey(key)
}

// getKey returns the value of key, which must stay as it is until the next
// read, or nil.
func (r *keyReader) getKey(key []byte) []byte {
	prev := r.last
	r.last = key
	// The cursor is at the first key >= prev. When key > prev, every key
	// before the cursor is < key too, so stepping forward finds it.
	if r.k != nil && bytes.Compare(key, prev) > 0 {
		for range keyReaderSteps {
			switch c := bytes.Compare(r.k, key); {
			case c == 0:
				return r.v
			case c > 0:
				return nil
			}
			if r.k, r.v = r.c.Next(); r.k == nil {
				return nil
			}
		}
	}
	r.k, r.v = r.c.Seek(key)
	if r.k != nil && bytes.Equal(r.k, key) {
		return r.v
	}
	return nil
}

// snapshot answers a query in two steps, retried while a writer changes
// the graph between them (errStale): plan runs on the index under its read
// lock, released by a deferred unlock whatever plan returns; then, with the
// lock released, read (if not nil) runs in one bbolt read transaction with
// what plan found. Reading records never holds the index lock.
func snapshot[P any](ctx context.Context, s *Store, op string, plan func(ix *index) (P, error), read func(tx *bolt.Tx, p P) error) error {
	if err := s.begin(ctx); err != nil {
		return err
	}
	return s.retry(ctx, func() error {
		p, err := underIndex(s, op, plan)
		if err != nil || read == nil {
			return err
		}
		return s.view(op, func(tx *bolt.Tx) error { return read(tx, p) })
	})
}

// underIndex runs fn on the index under its read lock, held for op.
func underIndex[P any](s *Store, op string, fn func(ix *index) (P, error)) (P, error) {
	h := s.lk.rlock(op)
	defer h.release()
	return fn(s.ix)
}

// view runs fn in a read transaction and maps storage errors.
func (s *Store) view(op string, fn func(tx *bolt.Tx) error) error {
	err := s.db.View(fn)
	if errors.Is(err, errStale) || errors.Is(err, errChanged) {
		return err
	}
	return s.storageErr(op, err)
}

// actorsTx reads the actors with the given ids, in order; errStale if one
// is gone.
func actorsTx(tx *bolt.Tx, ids []string) ([]graph.Actor, error) {
	out := make([]graph.Actor, len(ids))
	r := newKeyReader(tx, bucketActors)
	for i, id := range ids {
		v := r.get(id)
		if v == nil {
			return nil, errStale
		}
		a, err := decodeActor(id, v)
		if err != nil {
			return nil, err
		}
		out[i] = a
	}
	return out, nil
}

// relationsByKey reads the relations with the given ids into out[i].
func relationsByKey(tx *bolt.Tx, keys [][]byte, out []graph.Relation) error {
	kr := newKeyReader(tx, bucketRelations)
	for i, k := range keys {
		v := kr.getKey(k)
		if v == nil {
			return errStale
		}
		r, err := decodeRelationKey(k, v)
		if err != nil {
			return err
		}
		out[i] = r
	}
	return nil
}

// Actor returns the actor with the given id. ENOTFOUND.
func (s *Store) Actor(ctx context.Context, id string) (graph.Actor, error) {
	if err := s.begin(ctx); err != nil {
		return graph.Actor{}, err
	}
	var a graph.Actor
	var ok bool
	err := s.view("actor", func(tx *bolt.Tx) error {
		var err error
		a, ok, err = getActorTx(tx, id)
		return err
	})
	if err != nil {
		return graph.Actor{}, err
	}
	if !ok {
		return graph.Actor{}, notFoundActor(id)
	}
	return a, nil
}

// Relation returns one relation with all its evidence. ENOTFOUND.
func (s *Store) Relation(ctx context.Context, id string) (graph.Relation, error) {
	if err := s.begin(ctx); err != nil {
		return graph.Relation{}, err
	}
	var r graph.Relation
	var ok bool
	err := s.view("relation", func(tx *bolt.Tx) error {
		var err error
		r, ok, err = getRelationTx(tx, id)
		return err
	})
	if err != nil {
		return graph.Relation{}, err
	}
	if !ok {
		return graph.Relation{}, notFoundRelation(id)
	}
	return r, nil
}

// Resolve accepts an actor id, name or alias and returns the one actor it
// denotes, in three tiers, each used only when the one before matches
// nothing:
//
//  1. an actor whose id is ref;
//  2. the actors whose folded name or a folded alias (graph.NormalizeName)
//     equals the folded ref;
//  3. the actors for which every word of the folded ref starts a word of
//     the folded name or of one folded alias (MatchScore >= ScoreWordsAlias).
//
// One actor in a tier is the answer; several give *graph.AmbiguousError
// (EAMBIGUOUS) listing them by id (at most Limits.MaxSearch of them);
// nothing gives ENOTFOUND. It never guesses.
//
// Tiers 2 and 3 look the names index up without the index's lock (the
// names index locks itself, a chunk of candidates at a time: a reference
// matching many actors holds up no writer); the ids found are then checked
// again under the lock.
func (s *Store) Resolve(ctx context.Context, ref string) (graph.Actor, error) {
	if err := s.begin(ctx); err != nil {
		return graph.Actor{}, err
	}
	var out graph.Actor
	err := s.retry(ctx, func() error {
		ids, err := s.resolveIDs(ctx, ref)
		if err != nil {
			return err
		}
		if len(ids) == 0 {
			return graph.Errorf(graph.ENOTFOUND, "no actor has the id, name or alias %q", clip(ref, 120))
		}
		return s.view("resolve", func(tx *bolt.Tx) error {
			as, err := actorsTx(tx, ids)
			if err != nil {
				return err
			}
			if len(as) == 1 {
				out = as[0]
				return nil
			}
			amb := &graph.AmbiguousError{Name: ref}
			for _, a := range as {
				amb.Candidates = append(amb.Candidates, a.Ref())
			}
			return amb
		})
	})
	return out, err
}

// resolveIDs returns the actor ids of the first tier of Resolve that
// matches, sorted, at most Limits.MaxSearch of them; errStale if the graph
// changed under it.
func (s *Store) resolveIDs(ctx context.Context, ref string) ([]string, error) {
	nx, err := underIndex(s, "resolve", func(ix *index) (*names.Index, error) {
		if _, ok := ix.byID[ref]; ok {
			return nil, nil
		}
		return ix.names, nil
	})
	if err != nil {
		return nil, err
	}
	if nx == nil {
		return []string{ref}, nil
	}
	q := graph.NormalizeName(ref)
	if q == "" {
		return nil, nil
	}
	exact := func(n []string) bool { return slices.Contains(n, q) }
	tier := exact
	found, err := nx.Exact(ctx, q)
	if err == nil && len(found) == 0 {
		tier = func(n []string) bool { return len(n) > 0 && graph.MatchScore(q, n[0], n[1:]) >= graph.ScoreWordsAlias }
		found, err = nx.WordPrefix(ctx, q)
	}
	if err != nil {
		return nil, ctxError{err}
	}
	return underIndex(s, "resolve", func(ix *index) ([]string, error) {
		if ix.names != nx {
			return nil, errStale
		}
		// The smallest ids, rechecked now that the names index and the
		// nodes agree.
		h := &nodeHeap{less: func(a, b int32) bool { return ix.compareNodes(a, b) < 0 }}
		for _, n := range found {
			if int(n) >= len(ix.nodes) || ix.nodes[n].kind == 0 {
				return nil, errStale
			}
			h.keep(int32(n), s.lim.MaxSearch)
		}
		ids := make([]string, 0, len(h.h))
		for _, n := range h.sorted() {
			if !tier(nx.Names(uint32(n))) {
				return nil, errStale
			}
			ids = append(ids, ix.nodes[n].id)
		}
		return ids, nil
	})
}

// nodeHeap keeps the first nodes under less, the last kept on top.
type nodeHeap struct {
	h    []int32
	less func(a, b int32) bool
}

func (h *nodeHeap) Len() int           { return len(h.h) }
func (h *nodeHeap) Less(i, j int) bool { return h.less(h.h[j], h.h[i]) }
func (h *nodeHeap) Swap(i, j int)      { h.h[i], h.h[j] = h.h[j], h.h[i] }
func (h *nodeHeap) Push(x any)         { h.h = append(h.h, x.(int32)) }
func (h *nodeHeap) Pop() any {
	x := h.h[len(h.h)-1]
	h.h = h.h[:len(h.h)-1]
	return x
}

// keep adds n if it is among the first k.
func (h *nodeHeap) keep(n int32, k int) {
	switch {
	case len(h.h) < k:
		heap.Push(h, n)
	case k > 0 && h.less(n, h.h[0]):
		h.h[0] = n
		heap.Fix(h, 0)
	}
}

// sorted returns the nodes kept, first first.
func (h *nodeHeap) sorted() []int32 {
	out := slices.Clone(h.h)
	slices.SortFunc(out, func(a, b int32) int {
		if h.less(a, b) {
			return -1
		}
		return 1
	})
	return out
}

type hit struct {
	n      int32
	degree int
}

// hitHeap is a max-heap under the result order (the worst kept hit on
// top), for keeping the best k of many hits.
type hitHeap struct {
	h    []hit
	less func(a, b hit) int
}

func (h *hitHeap) Len() int           { return len(h.h) }
func (h *hitHeap) Less(i, j int) bool { return h.less(h.h[i], h.h[j]) > 0 }
func (h *hitHeap) Swap(i, j int)      { h.h[i], h.h[j] = h.h[j], h.h[i] }
func (h *hitHeap) Push(x any)         { h.h = append(h.h, x.(hit)) }
func (h *hitHeap) Pop() any {
	x := h.h[len(h.h)-1]
	h.h = h.h[:len(h.h)-1]
	return x
}

// topK returns the first k hits of all in the order of cmp, sorted.
func topK(all []hit, k int, order func(a, b hit) int) []hit {
	if k <= 0 {
		return nil
	}
	if len(all) <= 4*k || len(all) < 4096 {
		slices.SortFunc(all, order)
		return all[:min(k, len(all))]
	}
	h := &hitHeap{h: make([]hit, 0, k), less: order}
	for _, x := range all {
		if len(h.h) < k {
			heap.Push(h, x)
		} else if order(x, h.h[0]) < 0 {
			h.h[0] = x
			heap.Fix(h, 0)
		}
	}
	out := h.h
	slices.SortFunc(out, order)
	return out
}

// SearchActors ranks the actors whose names match q.Text through the
// names index (graph/names): the query is parsed (EINVALID past its caps),
// the candidates come from the keys of its probes, and each is scored with
// the names scorer against its name and aliases; hits are ordered by score
// descending, then degree (number of relations) descending, then id. Each
// hit says which name or alias matched, as stored, and why. Total counts
// every hit, or bounds them from above when the query is too common to
// count (SearchResult); Limit and Offset page through them. An empty
// (folded) Text lists every actor (of q.Kind) by id, with score 0.
// EINVALID for bad options.
//
// The search holds the index's read lock, for work bounded by the
// postings of the query's keys and the candidates it scores (at most
// names.MaxExactTotal, or about the page).
func (s *Store) SearchActors(ctx context.Context, q graph.SearchQuery) (graph.SearchResult, error) {
	if err := q.Normalize(s.lim); err != nil {
		return graph.SearchResult{}, err
	}
	if graph.NormalizeName(q.Text) == "" {
		return s.listActors(ctx, q)
	}
	nq, err := names.Parse(q.Text)
	if err != nil {
		return graph.SearchResult{}, err
	}
	type plan struct {
		total int
		exact bool
		page  []names.Result
		deg   []int
		ids   []string
	}
	var res graph.SearchResult
	err = snapshot(ctx, s, "search", func(ix *index) (plan, error) {
		kind := kindCode(q.Kind)
		r, err := ix.names.SearchQuery(ctx, nq, names.SearchOptions{
			Limit: q.Offset + q.Limit,
			Keep: func(n uint32) bool {
				k := ix.nodes[n].kind
				return k != 0 && (kind == 0 || k == kind)
			},
			Compare: func(a, b uint32) int {
				return cmp.Or(cmp.Compare(len(ix.adj[b]), len(ix.adj[a])), ix.compareNodes(int32(a), int32(b)))
			},
		})
		if err != nil {
			return plan{}, ctxError{err}
		}
		p := plan{total: r.Total, exact: r.Exact}
		if q.Offset < len(r.Hits) {
			p.page = r.Hits[q.Offset:]
		}
		for _, h := range p.page {
			p.ids = append(p.ids, ix.nodes[h.ID].id)
			p.deg = append(p.deg, len(ix.adj[h.ID]))
		}
		return p, nil
	}, func(tx *bolt.Tx, p plan) error {
		res = graph.SearchResult{Total: p.total, TotalExact: p.exact, Hits: []graph.SearchHit{}}
		as, err := actorsTx(tx, p.ids)
		if err != nil {
			return err
		}
		for i, a := range as {
			h, err := describeHit(a, p.page[i].Hit)
			if err != nil {
				return err
			}
			h.Degree = p.deg[i]
			res.Hits = append(res.Hits, h)
		}
		return nil
	})
	return res, err
}

// describeHit makes the search hit of actor a from the names index's hit:
// the name or alias that matched, as stored, and why. errStale if the
// actor's names changed since the index scored them.
func describeHit(a graph.Actor, h names.Hit) (graph.SearchHit, error) {
	matched := a.Name
	if h.Alias >= 0 {
		if h.Alias >= len(a.Aliases) {
			return graph.SearchHit{}, errStale
		}
		matched = a.Aliases[h.Alias]
	}
	if graph.NormalizeName(matched) != h.Matched {
		return graph.SearchHit{}, errStale
	}
	return graph.SearchHit{Actor: a, Score: h.Score, Matched: matched, Why: h.Describe(matched)}, nil
}

// listActors lists every actor (of q.Kind) by id: SearchActors with an
// empty text.
func (s *Store) listActors(ctx context.Context, q graph.SearchQuery) (graph.SearchResult, error) {
	type plan struct {
		total int
		page  []hit
		ids   []string
	}
	var res graph.SearchResult
	err := snapshot(ctx, s, "search", func(ix *index) (plan, error) {
		kind := kindCode(q.Kind)
		var hits []hit
		for i := range ix.nodes {
			nd := &ix.nodes[i]
			if nd.kind == 0 || kind != 0 && nd.kind != kind {
				continue
			}
			if i&4095 == 0 && ctx.Err() != nil {
				return plan{}, ctxError{ctx.Err()}
			}
			hits = append(hits, hit{n: int32(i), degree: len(ix.adj[i])})
		}
		p := plan{total: len(hits), page: topK(hits, q.Offset+q.Limit, func(a, b hit) int { return ix.compareNodes(a.n, b.n) })}
		if q.Offset < len(p.page) {
			p.page = p.page[q.Offset:]
		} else {
			p.page = nil
		}
		p.ids = make([]string, len(p.page))
		for i, h := range p.page {
			p.ids[i] = ix.nodes[h.n].id
		}
		return p, nil
	}, func(tx *bolt.Tx, p plan) error {
		res = graph.SearchResult{Total: p.total, TotalExact: true, Hits: []graph.SearchHit{}}
		as, err := actorsTx(tx, p.ids)
		for i, a := range as {
			res.Hits = append(res.Hits, graph.SearchHit{Actor: a, Degree: p.page[i].degree})
		}
		return err
	})
	return res, err
}

// ActorRelations returns the relations of actor id that pass f, sorted by
// id, with all their evidence. Direction out keeps the relations whose
// stored From is id, in those whose To is id; symmetric types match every
// direction. ENOTFOUND, EINVALID, ETOOLARGE past Limits.MaxRelations.
func (s *Store) ActorRelations(ctx context.Context, id string, f graph.RelationFilter) ([]graph.Relation, error) {
	cf, err := compileFilter(f)
	if err != nil {
		return nil, err
	}
	out := []graph.Relation{}
	err = snapshot(ctx, s, "actor relations", func(ix *index) ([][]byte, error) {
		n, ok := ix.byID[id]
		if !ok {
			return nil, notFoundActor(id)
		}
		var rels []int32
		for _, h := range ix.adj[n] {
			if cf.walkable(h, false) && cf.match(&ix.rels[h.rel()]) {
				rels = append(rels, h.rel())
			}
		}
		if len(rels) > s.lim.MaxRelations {
			return nil, graph.Errorf(graph.ETOOLARGE, "actor %q has %d relations that pass the filter, more than %d; narrow the filter (relation types, date, minimum confidence) or export the graph",
				clip(id, 120), len(rels), s.lim.MaxRelations)
		}
		sortIDOrder(rels, ix.relSorted, ix.compareRels)
		keys := make([][]byte, len(rels)) // alias the id arena, which never changes what it holds
		for i, r := range rels {
			keys[i] = ix.relID(r)
		}
		return keys, nil
	}, func(tx *bolt.Tx, keys [][]byte) error {
		out = make([]graph.Relation, len(keys))
		return relationsByKey(tx, keys, out)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// RelationCounts counts the relations of actor id that pass f, by type and
// direction (Out: id is the stored From), from the index alone: no record
// and no evidence is read, so it answers for an actor with any number of
// relations. Sorted by type. ENOTFOUND, EINVALID.
func (s *Store) RelationCounts(ctx context.Context, id string, f graph.RelationFilter) ([]graph.TypeCount, error) {
	cf, err := compileFilter(f)
	if err != nil {
		return nil, err
	}
	var out []graph.TypeCount
	err = snapshot(ctx, s, "relation counts", func(ix *index) (struct{}, error) {
		n, ok := ix.byID[id]
		if !ok {
			return struct{}{}, notFoundActor(id)
		}
		var out1, in1 [256]int
		for i, h := range ix.adj[n] {
			if i&4095 == 4095 && ctx.Err() != nil {
				return struct{}{}, ctxError{ctx.Err()}
			}
			a := &ix.rels[h.rel()]
			if !cf.walkable(h, false) || !cf.match(a) {
				continue
			}
			if h.out() {
				out1[a.typ]++
			} else {
				in1[a.typ]++
			}
		}
		for t := range out1 {
			if out1[t] > 0 || in1[t] > 0 {
				name := "UNKNOWN"
				if t < len(typeNames) {
					name = typeNames[t]
				}
				out = append(out, graph.TypeCount{Type: name, Out: out1[t], In: in1[t]})
			}
		}
		return struct{}{}, nil
	}, nil)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b graph.TypeCount) int { return strings.Compare(a.Type, b.Type) })
	return out, nil
}

// Sources lists every source by id.
func (s *Store) Sources(ctx context.Context) ([]graph.Source, error) {
	var out []graph.Source
	err := snapshot(ctx, s, "sources", func(ix *index) (struct{}, error) {
		out = make([]graph.Source, 0, len(ix.sources))
		for _, src := range ix.sources {
			out = append(out, src.Clone())
		}
		return struct{}{}, nil
	}, nil)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b graph.Source) int { return strings.Compare(a.ID, b.ID) })
	return out, nil
}

// Source returns one source. ENOTFOUND.
func (s *Store) Source(ctx context.Context, id string) (graph.Source, error) {
	var src graph.Source
	err := snapshot(ctx, s, "source", func(ix *index) (struct{}, error) {
		got, ok := ix.sources[id]
		if !ok {
			return struct{}{}, graph.Errorf(graph.ENOTFOUND, "no source with id %q", clip(id, 120))
		}
		src = got.Clone()
		return struct{}{}, nil
	}, nil)
	return src, err
}

// Stats counts actors by kind, relations by type, pieces of relation
// evidence and contested relations, and lists the top most connected
// actors (degree descending, then id). The counts are kept as the index
// changes; finding the top looks at every actor's degree, a stretch at a
// time under the index lock (see yielder), starting again if a writer
// changed the index in between.
func (s *Store) Stats(ctx context.Context, top int) (graph.Stats, error) {
	if err := s.begin(ctx); err != nil {
		return graph.Stats{}, err
	}
	var st graph.Stats
	err := s.retry(ctx, func() error {
		var page []hit
		var ids []string
		var unknown int
		var err error
		st, page, ids, unknown, err = s.statsPlan(ctx, top)
		if err != nil {
			return err
		}
		if unknown > 0 {
			s.log.Warn("embedded store: relations of types the vocabulary does not know", "count", unknown)
		}
		return s.view("stats", func(tx *bolt.Tx) error {
			as, err := actorsTx(tx, ids)
			st.Top = st.Top[:0]
			for i, a := range as {
				st.Top = append(st.Top, graph.Degree{Actor: a.Ref(), Degree: page[i].degree})
			}
			return err
		})
	})
	return st, err
}

// statsPlan reads the counts and finds the top most connected actors, under
// the index lock.
func (s *Store) statsPlan(ctx context.Context, top int) (st graph.Stats, page []hit, ids []string, unknown int, err error) {
	h := s.lk.rlock("stats")
	defer h.release()
	y := newYielder(&h, nil) // any change: the counts and the top must agree
	ix := s.ix
	st = graph.Stats{Actors: ix.actors, Relations: ix.relations, Evidence: ix.evidence, Sources: len(ix.sources),
		Contested: ix.contested, Refuted: ix.refuted, ByKind: map[graph.Kind]int{}, ByType: map[string]int{}, Top: []graph.Degree{}}
	for t, n := range ix.byType {
		if n > 0 && t < len(typeNames) {
			st.ByType[typeNames[t]] = n
		}
	}
	for k, n := range ix.byKind {
		if kind := kindOfCode(uint8(k)); n > 0 && kind != "" {
			st.ByKind[kind] = n
		}
	}
	unknown = ix.byType[typeUnknown]
	if top <= 0 {
		return st, nil, nil, unknown, nil
	}
	order := func(a, b hit) int { return cmp.Or(cmp.Compare(b.degree, a.degree), ix.compareNodes(a.n, b.n)) }
	best := &hitHeap{h: make([]hit, 0, top), less: order} // the worst kept on top
	for i := range ix.nodes {
		if i&16383 == 16383 {
			if err := ctx.Err(); err != nil {
				return st, nil, nil, 0, ctxError{err}
			}
			if !y.maybeYield() {
				return st, nil, nil, 0, errChanged
			}
		}
		if ix.nodes[i].kind == 0 {
			continue
		}
		x := hit{n: int32(i), degree: len(ix.adj[i])}
		switch {
		case len(best.h) < top:
			heap.Push(best, x)
		case x.degree >= best.h[0].degree && order(x, best.h[0]) < 0:
			best.h[0] = x
			heap.Fix(best, 0)
		}
	}
	page = best.h
	slices.SortFunc(page, order)
	ids = make([]string, len(page))
	for i, h := range page {
		ids[i] = ix.nodes[h.n].id
	}
	return st, page, ids, unknown, nil
}
