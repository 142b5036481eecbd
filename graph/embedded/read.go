package embedded

import (
	"bytes"
	"cmp"
	"container/heap"
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/actorgraph/actorgraph/graph"
)

// errStale reports that a record the index pointed at was gone when the
// query read it: a writer committed between the two. The query is retried.
var errStale = errors.New("embedded: the graph changed during the query")

// retry runs fn again while it reports errStale. The writer that caused it
// takes the index lock right after its commit, so a retry normally sees
// the index caught up.
func (s *Store) retry(ctx context.Context, fn func() error) error {
	for attempt := 0; ; attempt++ {
		err := fn()
		if !errors.Is(err, errStale) {
			return err
		}
		if attempt == 10 {
			return graph.Errorf(graph.EUNAVAILABLE, "the graph kept changing during the query; retry")
		}
		if err := ctx.Err(); err != nil {
			return ctxError{err}
		}
		time.Sleep(time.Duration(attempt+1) * 50 * time.Microsecond)
	}
}

func notFoundActor(id string) error {
	return graph.Errorf(graph.ENOTFOUND, "no actor with id %q; GET /v1/actors?q= finds actors by name", clip(id, 120))
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

// view runs fn in a read transaction and maps storage errors.
func (s *Store) view(op string, fn func(tx *bolt.Tx) error) error {
	err := s.db.View(fn)
	if errors.Is(err, errStale) {
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
		return graph.Relation{}, graph.Errorf(graph.ENOTFOUND, "no relation with id %q", clip(id, 300))
	}
	return r, nil
}

// queryWords splits a folded query into its words, once per query.
func queryWords(q string) []string { return strings.Fields(q) }

// mayMatch is a cheap necessary condition for MatchScore(q, ...) > 0, with
// words the words of q: every kind of match has all of them inside one of
// the actor's folded strings (strings.Contains is fast; scoring is not).
func mayMatch(words []string, folded []string) bool {
	for _, f := range folded {
		all := true
		for _, w := range words {
			if !strings.Contains(f, w) {
				all = false
				break
			}
		}
		if all {
			return true
		}
	}
	return false
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
// nothing gives ENOTFOUND.
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
		switch {
		case len(ids) == 0:
			return graph.Errorf(graph.ENOTFOUND, "no actor has the id, name or alias %q; search with GET /v1/actors?q=", clip(ref, 120))
		case len(ids) == 1:
			return s.view("resolve", func(tx *bolt.Tx) error {
				as, err := actorsTx(tx, ids)
				if err == nil {
					out = as[0]
				}
				return err
			})
		}
		if len(ids) > s.lim.MaxSearch {
			ids = ids[:s.lim.MaxSearch]
		}
		amb := &graph.AmbiguousError{Name: ref}
		err = s.view("resolve", func(tx *bolt.Tx) error {
			as, err := actorsTx(tx, ids)
			for _, a := range as {
				amb.Candidates = append(amb.Candidates, a.Ref())
			}
			return err
		})
		if err != nil {
			return err
		}
		return amb
	})
	return out, err
}

// resolveIDs returns the ids of the first tier of Resolve that matches,
// sorted.
func (s *Store) resolveIDs(ctx context.Context, ref string) ([]string, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	ix := s.ix
	if _, ok := ix.byID[ref]; ok {
		return []string{ref}, nil
	}
	q := graph.NormalizeName(ref)
	if q == "" {
		return nil, nil
	}
	w := queryWords(q)
	var exact, words []string
	for i := range ix.nodes {
		if i&4095 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, ctxError{err}
			}
		}
		nd := &ix.nodes[i]
		if nd.kind == 0 || !mayMatch(w, nd.folded) {
			continue
		}
		if slices.Contains(nd.folded, q) {
			exact = append(exact, nd.id)
			continue
		}
		if len(exact) == 0 && graph.MatchScore(q, nd.folded[0], nd.folded[1:]) >= graph.ScoreWordsAlias {
			words = append(words, nd.id)
		}
	}
	if len(exact) > 0 {
		words = exact
	}
	slices.Sort(words)
	return words, nil
}

type hit struct {
	n      int32
	score  int
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

// SearchActors ranks the actors matching q.Text: the text is folded with
// graph.NormalizeName and scored with graph.MatchScore against the folded
// name and aliases (folded once, when the actor is stored); hits are
// ordered by score descending, then degree (number of relations)
// descending, then id. Total counts every match; Limit and Offset page
// through them. An empty Text lists every actor (of q.Kind) by id, with
// score 0. EINVALID for bad options.
func (s *Store) SearchActors(ctx context.Context, q graph.SearchQuery) (graph.SearchResult, error) {
	if err := s.begin(ctx); err != nil {
		return graph.SearchResult{}, err
	}
	if err := q.Normalize(s.lim); err != nil {
		return graph.SearchResult{}, err
	}
	text := graph.NormalizeName(q.Text)
	var res graph.SearchResult
	err := s.retry(ctx, func() error {
		s.mu.RLock()
		ix := s.ix
		kind := kindCode(q.Kind)
		w := queryWords(text)
		var hits []hit
		for i := range ix.nodes {
			nd := &ix.nodes[i]
			if nd.kind == 0 || kind != 0 && nd.kind != kind {
				continue
			}
			if i&4095 == 0 && ctx.Err() != nil {
				s.mu.RUnlock()
				return ctxError{ctx.Err()}
			}
			score := 0
			if text != "" {
				if !mayMatch(w, nd.folded) {
					continue
				}
				if score = graph.MatchScore(text, nd.folded[0], nd.folded[1:]); score == 0 {
					continue
				}
			}
			hits = append(hits, hit{n: int32(i), score: score, degree: len(ix.adj[i])})
		}
		order := func(a, b hit) int {
			if text == "" {
				return ix.compareNodes(a.n, b.n)
			}
			return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(b.degree, a.degree), ix.compareNodes(a.n, b.n))
		}
		total := len(hits)
		page := topK(hits, q.Offset+q.Limit, order)
		if q.Offset < len(page) {
			page = page[q.Offset:]
		} else {
			page = nil
		}
		ids := make([]string, len(page))
		for i, h := range page {
			ids[i] = ix.nodes[h.n].id
		}
		s.mu.RUnlock()
		res = graph.SearchResult{Total: total, Hits: []graph.SearchHit{}}
		return s.view("search", func(tx *bolt.Tx) error {
			as, err := actorsTx(tx, ids)
			for i, a := range as {
				res.Hits = append(res.Hits, graph.SearchHit{Actor: a, Score: page[i].score, Degree: page[i].degree})
			}
			return err
		})
	})
	return res, err
}

// ActorRelations returns the relations of actor id that pass f, sorted by
// id, with all their evidence. Direction out keeps the relations whose
// stored From is id, in those whose To is id; symmetric types match every
// direction. ENOTFOUND, EINVALID, ETOOLARGE past Limits.MaxRelations.
func (s *Store) ActorRelations(ctx context.Context, id string, f graph.RelationFilter) ([]graph.Relation, error) {
	if err := s.begin(ctx); err != nil {
		return nil, err
	}
	cf, err := compileFilter(f)
	if err != nil {
		return nil, err
	}
	var out []graph.Relation
	err = s.retry(ctx, func() error {
		s.mu.RLock()
		ix := s.ix
		n, ok := ix.byID[id]
		if !ok {
			s.mu.RUnlock()
			return notFoundActor(id)
		}
		var rels []int32
		for _, h := range ix.adj[n] {
			if cf.walkable(h, false) && cf.match(&ix.rels[h.rel()]) {
				rels = append(rels, h.rel())
			}
		}
		if len(rels) > s.lim.MaxRelations {
			s.mu.RUnlock()
			return graph.Errorf(graph.ETOOLARGE, "actor %q has %d relations that pass the filter, more than %d; narrow it (types, as_of, min_confidence) or export the graph",
				clip(id, 120), len(rels), s.lim.MaxRelations)
		}
		sortIDOrder(rels, ix.relSorted, ix.compareRels)
		keys := make([][]byte, len(rels)) // alias the id arena, which never changes what it holds
		for i, r := range rels {
			keys[i] = ix.relID(r)
		}
		s.mu.RUnlock()
		return s.view("actor relations", func(tx *bolt.Tx) error {
			out = make([]graph.Relation, len(keys))
			return relationsByKey(tx, keys, out)
		})
	})
	if out == nil && err == nil {
		out = []graph.Relation{}
	}
	return out, err
}

// Sources lists every source by id.
func (s *Store) Sources(ctx context.Context) ([]graph.Source, error) {
	if err := s.begin(ctx); err != nil {
		return nil, err
	}
	s.mu.RLock()
	out := make([]graph.Source, 0, len(s.ix.sources))
	for _, src := range s.ix.sources {
		out = append(out, src.Clone())
	}
	s.mu.RUnlock()
	slices.SortFunc(out, func(a, b graph.Source) int { return strings.Compare(a.ID, b.ID) })
	return out, nil
}

// Source returns one source. ENOTFOUND.
func (s *Store) Source(ctx context.Context, id string) (graph.Source, error) {
	if err := s.begin(ctx); err != nil {
		return graph.Source{}, err
	}
	s.mu.RLock()
	src, ok := s.ix.sources[id]
	s.mu.RUnlock()
	if !ok {
		return graph.Source{}, graph.Errorf(graph.ENOTFOUND, "no source with id %q; GET /v1/sources lists them", clip(id, 120))
	}
	return src.Clone(), nil
}

// Stats counts actors by kind, relations by type, pieces of relation
// evidence and contested relations, and lists the top most connected
// actors (degree descending, then id).
func (s *Store) Stats(ctx context.Context, top int) (graph.Stats, error) {
	if err := s.begin(ctx); err != nil {
		return graph.Stats{}, err
	}
	var st graph.Stats
	err := s.retry(ctx, func() error {
		s.mu.RLock()
		ix := s.ix
		st = graph.Stats{Actors: ix.actors, Relations: ix.relations, Evidence: ix.evidence, Sources: len(ix.sources),
			ByKind: map[graph.Kind]int{}, ByType: map[string]int{}, Top: []graph.Degree{}}
		var byType [256]int
		for i := range ix.rels {
			a := &ix.rels[i]
			if a.flags&relDeleted != 0 {
				continue
			}
			byType[a.typ]++
			if a.flags&relContested != 0 {
				st.Contested++
			}
		}
		for t, n := range byType {
			if n > 0 && t < len(typeNames) {
				st.ByType[typeNames[t]] = n
			}
		}
		var hits []hit
		for i := range ix.nodes {
			nd := &ix.nodes[i]
			if nd.kind == 0 {
				continue
			}
			st.ByKind[kindOfCode(nd.kind)]++
			if top > 0 {
				hits = append(hits, hit{n: int32(i), degree: len(ix.adj[i])})
			}
		}
		page := topK(hits, top, func(a, b hit) int {
			return cmp.Or(cmp.Compare(b.degree, a.degree), ix.compareNodes(a.n, b.n))
		})
		ids := make([]string, len(page))
		for i, h := range page {
			ids[i] = ix.nodes[h.n].id
		}
		s.mu.RUnlock()
		if byType[typeUnknown] > 0 {
			s.log.Warn("embedded store: relations of types the vocabulary does not know", "count", byType[typeUnknown])
		}
		return s.view("stats", func(tx *bolt.Tx) error {
			as, err := actorsTx(tx, ids)
			for i, a := range as {
				st.Top = append(st.Top, graph.Degree{Actor: a.Ref(), Degree: page[i].degree})
			}
			return err
		})
	})
	return st, err
}
