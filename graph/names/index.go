package names

import (
	"cmp"
	"container/heap"
	"context"
	"math/bits"
	"slices"
	"sync"
	"unsafe"

	"github.com/actorgraph/actorgraph/graph"
)

// Index finds actors by name in memory: the candidate rule and the scorer
// of this package over postings of keys. Ids are dense uint32s that the
// caller assigns (an actor's position in the store's tables); an id holds
// one actor's name and aliases.
//
// An Index is safe for concurrent use. Searches share a read lock; Add and
// Remove take the write lock for the time of one actor, except when they
// compact (see Compact).
type Index struct {
	mu sync.RWMutex

	// The folded names of each id: name, then aliases, each followed by a
	// 0 byte, at arena[spans[id].off:][:spans[id].n]. Bytes once written
	// are never changed (Compact makes a new arena), so strings that view
	// them stay valid.
	arena   []byte
	spans   []span
	garbage int // arena bytes no span refers to
	live    int // ids with names
	nnames  int // names and aliases of those ids

	// The base: distinct key hashes, sorted, and their postings (ids in
	// increasing order), keys[i] having ids[offs[i]:offs[i+1]]. dir[b] is
	// the first i with keys[i]>>dirShift >= b.
	keys []uint32
	offs []uint32
	ids  []uint32
	dir  []uint32

	// Ids added or removed since the base was built: their base postings
	// are stale (harmless: a candidate is scored on its current names),
	// and the postings of their current names are in delta.
	dirty  []uint64
	ndirty int
	delta  map[uint32][]uint32
	deltaN int
}

type span struct{ off, n uint32 }

const (
	dirBits  = 16
	dirShift = 32 - dirBits
	// minCompact is the least work that triggers an automatic compaction.
	minCompact = 4096
)

// NewIndex returns an empty index.
func NewIndex() *Index {
	return &Index{delta: map[uint32][]uint32{}, dir: make([]uint32, 1<<dirBits+1)}
}

// Add stores the name and aliases of id, replacing what id had. Names are
// folded with graph.NormalizeName here. It may compact the index (see
// Compact), which takes time in proportion to its size, but does so
// rarely enough that adding n actors costs O(n log n) in all.
func (ix *Index) Add(id uint32, name string, aliases []string) {
	entry := make([]byte, 0, len(name)+1)
	entry = append(append(entry, graph.NormalizeName(name)...), 0)
	for _, a := range aliases {
		entry = append(append(entry, graph.NormalizeName(a)...), 0)
	}
	var hs []uint32
	var f form
	forEachName(entry, func(n string) {
		f.parse(n)
		f.visitKeys(func(k []byte) { hs = append(hs, keyHash(k)) })
	})
	slices.Sort(hs)
	hs = slices.Compact(hs)

	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.drop(id)
	for int(id) >= len(ix.spans) {
		ix.spans = append(ix.spans, span{})
	}
	if need := (len(ix.spans) + 63) / 64; need > len(ix.dirty) {
		ix.dirty = append(ix.dirty, make([]uint64, need-len(ix.dirty))...)
	}
	ix.spans[id] = span{off: uint32(len(ix.arena)), n: uint32(len(entry))}
	ix.arena = append(ix.arena, entry...)
	ix.live++
	ix.nnames += 1 + len(aliases)
	ix.markDirty(id)
	for _, h := range hs {
		ix.delta[h] = append(ix.delta[h], id)
	}
	ix.deltaN += len(hs)
	ix.maybeCompact()
}

// Remove forgets id. Removing an id that holds nothing does nothing.
func (ix *Index) Remove(id uint32) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.drop(id) {
		ix.markDirty(id)
		ix.maybeCompact()
	}
}

// drop clears id's names; it reports whether id had any.
func (ix *Index) drop(id uint32) bool {
	if int(id) >= len(ix.spans) || ix.spans[id].n == 0 {
		return false
	}
	s := ix.spans[id]
	ix.garbage += int(s.n)
	ix.live--
	forEachName(ix.arena[s.off:s.off+s.n], func(string) { ix.nnames-- })
	ix.spans[id] = span{}
	return true
}

func (ix *Index) markDirty(id uint32) {
	if ix.dirty[id/64]&(1<<(id%64)) == 0 {
		ix.dirty[id/64] |= 1 << (id % 64)
		ix.ndirty++
	}
}

func (ix *Index) isDirty(id uint32) bool {
	return int(id/64) < len(ix.dirty) && ix.dirty[id/64]&(1<<(id%64)) != 0
}

func (ix *Index) maybeCompact() {
	if limit := max(minCompact, len(ix.ids)/4); ix.deltaN > limit || ix.ndirty > max(minCompact, ix.live/4) {
		ix.compact()
	}
}

// Compact folds the changes since the last compaction into the base
// postings and reclaims the space of removed names. Add and Remove call it
// when the changes reach a quarter of the index; call it after a bulk load
// to reach the smallest memory. It holds the write lock for time in
// proportion to the index (about a second for a million actors; see
// bench/README.md), so a store that cannot block searches that long builds
// a new Index beside the old one and swaps them.
func (ix *Index) Compact() {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.compact()
}

func (ix *Index) compact() {
	// Fresh postings of the dirty ids that still have names.
	type posting struct{ h, id uint32 }
	var fresh []posting
	var f form
	for w, set := range ix.dirty {
		for ; set != 0; set &= set - 1 {
			id := uint32(w*64 + bits.TrailingZeros64(set))
			s := ix.spans[id]
			if s.n == 0 {
				continue
			}
			start := len(fresh)
			forEachName(ix.arena[s.off:s.off+s.n], func(n string) {
				f.parse(n)
				f.visitKeys(func(k []byte) { fresh = append(fresh, posting{keyHash(k), id}) })
			})
			part := fresh[start:]
			slices.SortFunc(part, func(a, b posting) int { return cmp.Compare(a.h, b.h) })
			fresh = fresh[:start+len(slices.CompactFunc(part, func(a, b posting) bool { return a.h == b.h }))]
		}
	}
	slices.SortFunc(fresh, func(a, b posting) int {
		return cmp.Or(cmp.Compare(a.h, b.h), cmp.Compare(a.id, b.id))
	})
	// Merge with the base postings of the clean ids.
	keys := make([]uint32, 0, len(ix.keys)+len(fresh)/4)
	offs := make([]uint32, 0, cap(keys)+1)
	ids := make([]uint32, 0, len(ix.ids)+len(fresh))
	i, j := 0, 0
	for i < len(ix.keys) || j < len(fresh) {
		var h uint32
		switch {
		case j == len(fresh) || i < len(ix.keys) && ix.keys[i] <= fresh[j].h:
			h = ix.keys[i]
		default:
			h = fresh[j].h
		}
		start := len(ids)
		if i < len(ix.keys) && ix.keys[i] == h {
			for _, id := range ix.ids[ix.offs[i]:ix.offs[i+1]] {
				if !ix.isDirty(id) {
					ids = append(ids, id)
				}
			}
			i++
		}
		mid := len(ids)
		for ; j < len(fresh) && fresh[j].h == h; j++ {
			ids = append(ids, fresh[j].id)
		}
		if mid > start && len(ids) > mid {
			slices.Sort(ids[start:])
		}
		if len(ids) > start {
			keys = append(keys, h)
			offs = append(offs, uint32(start))
		}
	}
	offs = append(offs, uint32(len(ids)))
	ix.keys, ix.offs = slices.Clip(keys), slices.Clip(offs)
	ix.ids = slices.Clip(ids)
	for b := range ix.dir {
		ix.dir[b] = uint32(len(ix.keys))
	}
	for k := len(ix.keys) - 1; k >= 0; k-- {
		ix.dir[ix.keys[k]>>dirShift] = uint32(k)
	}
	for b := len(ix.dir) - 2; b >= 0; b-- {
		ix.dir[b] = min(ix.dir[b], ix.dir[b+1])
	}
	clear(ix.dirty)
	ix.ndirty = 0
	ix.delta = map[uint32][]uint32{}
	ix.deltaN = 0
	if ix.garbage > len(ix.arena)/4 {
		arena := make([]byte, 0, len(ix.arena)-ix.garbage)
		for id, s := range ix.spans {
			if s.n > 0 {
				ix.spans[id].off = uint32(len(arena))
				arena = append(arena, ix.arena[s.off:s.off+s.n]...)
			}
		}
		ix.arena, ix.garbage = arena, 0
	}
}

// postings returns the base postings of key hash h.
func (ix *Index) postings(h uint32) []uint32 {
	lo, hi := int(ix.dir[h>>dirShift]), int(ix.dir[h>>dirShift+1])
	if i, ok := slices.BinarySearch(ix.keys[lo:hi], h); ok {
		return ix.ids[ix.offs[lo+i]:ix.offs[lo+i+1]]
	}
	return nil
}

// forEachName calls fn with each folded name of an entry, as a string
// that views the entry's bytes.
func forEachName(entry []byte, fn func(string)) {
	for len(entry) > 0 {
		i := 0
		for entry[i] != 0 {
			i++
		}
		fn(unsafe.String(unsafe.SliceData(entry), i))
		entry = entry[i+1:]
	}
}

// SearchOptions shape a search.
type SearchOptions struct {
	// Limit is how many of the best hits to return; 0 means 20.
	Limit int
	// Keep, if not nil, says which ids may be hits (a kind filter). It is
	// called under the index's read lock and must not call the index.
	Keep func(id uint32) bool
	// Compare orders hits of equal score: negative when a comes first.
	// The stores order by degree (descending), then actor id. Nil orders
	// by id. It must be a total order for the result to be deterministic.
	Compare func(a, b uint32) int
}

// Result is one hit of a search.
type Result struct {
	ID  uint32
	Hit Hit // Matched and Why use the folded text: redescribe with Hit.Describe
}

// Results are the best hits of a search, in rank order, and how many
// actors are hits in all.
type Results struct {
	Hits  []Result
	Total int
}

// checkEvery is how many candidates are scored between two looks at the
// context.
const checkEvery = 256

// Search parses query (Parse: EINVALID past the caps) and returns the ids
// whose names score at least MinScore, best first: score descending, then
// o.Compare. It stops with the context's error when ctx is done, looking
// at it every checkEvery candidates.
func (ix *Index) Search(ctx context.Context, query string, o SearchOptions) (Results, error) {
	q, err := Parse(query)
	if err != nil {
		return Results{}, err
	}
	return ix.SearchQuery(ctx, q, o)
}

// SearchQuery is Search for a parsed query.
func (ix *Index) SearchQuery(ctx context.Context, q *Query, o SearchOptions) (Results, error) {
	if err := ctx.Err(); err != nil {
		return Results{}, err
	}
	limit := o.Limit
	if limit <= 0 {
		limit = 20
	}
	compare := o.Compare
	if compare == nil {
		compare = func(a, b uint32) int { return cmp.Compare(a, b) }
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()

	// Candidates: every id with a key among the probes.
	chosen := q.choose(func(k []byte) int {
		h := keyHash(k)
		return len(ix.postings(h)) + len(ix.delta[h])
	})
	seen := getBitset(len(ix.spans))
	defer putBitset(seen)
	var cands []uint32
	take := func(ids []uint32) {
		for _, id := range ids {
			if seen.set(id) && ix.spans[id].n > 0 && (o.Keep == nil || o.Keep(id)) {
				cands = append(cands, id)
			}
		}
	}
	q.visitChosen(chosen, func(k []byte) {
		h := keyHash(k)
		take(ix.postings(h))
		take(ix.delta[h])
	})

	// Score them.
	var s scorer
	var names []string
	hits := &hitHeap{compare: compare}
	total := 0
	for n, id := range cands {
		if n%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return Results{}, err
			}
		}
		sp := ix.spans[id]
		names = names[:0]
		forEachName(ix.arena[sp.off:sp.off+sp.n], func(n string) { names = append(names, n) })
		h := q.matchFolded(&s, names)
		if h.Score < MinScore {
			continue
		}
		total++
		r := Result{ID: id, Hit: h}
		if h.Alias < 0 {
			r.Hit.Matched = names[0]
		} else {
			r.Hit.Matched = names[h.Alias+1]
		}
		if hits.Len() < limit {
			heap.Push(hits, r)
		} else if hits.less(r, hits.h[0]) {
			hits.h[0] = r
			heap.Fix(hits, 0)
		}
	}
	out := hits.h
	slices.SortFunc(out, func(a, b Result) int {
		if hits.less(a, b) {
			return -1
		}
		if hits.less(b, a) {
			return 1
		}
		return 0
	})
	for i := range out {
		// Copy the folded text out of the arena and describe it.
		out[i].Hit.Matched = string([]byte(out[i].Hit.Matched))
		out[i].Hit.Why = out[i].Hit.Describe(out[i].Hit.Matched)
	}
	return Results{Hits: out, Total: total}, nil
}

// hitHeap keeps the best results with the worst on top.
type hitHeap struct {
	h       []Result
	compare func(a, b uint32) int
}

// less reports whether a ranks before b.
func (h *hitHeap) less(a, b Result) bool {
	if a.Hit.Score != b.Hit.Score {
		return a.Hit.Score > b.Hit.Score
	}
	return h.compare(a.ID, b.ID) < 0
}

func (h *hitHeap) Len() int           { return len(h.h) }
func (h *hitHeap) Less(i, j int) bool { return h.less(h.h[j], h.h[i]) }
func (h *hitHeap) Swap(i, j int)      { h.h[i], h.h[j] = h.h[j], h.h[i] }
func (h *hitHeap) Push(x any)         { h.h = append(h.h, x.(Result)) }
func (h *hitHeap) Pop() any {
	x := h.h[len(h.h)-1]
	h.h = h.h[:len(h.h)-1]
	return x
}

// Stats describe an index's size.
type Stats struct {
	IDs      int // ids with names
	Names    int // names and aliases of those ids
	Keys     int // distinct key hashes in the base
	Postings int // base postings, plus those added since
	Bytes    int // the size of the index's arrays (not counting Go's overheads)
}

// Stats returns the index's size.
func (ix *Index) Stats() Stats {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	b := cap(ix.arena) + 8*cap(ix.spans) + 4*(cap(ix.keys)+cap(ix.offs)+cap(ix.ids)+cap(ix.dir)) + 8*cap(ix.dirty)
	for _, p := range ix.delta {
		b += 4*cap(p) + 32
	}
	return Stats{IDs: ix.live, Names: ix.nnames, Keys: len(ix.keys), Postings: len(ix.ids) + ix.deltaN, Bytes: b}
}

// bitset marks the candidates seen by one search.
type bitset struct {
	w       []uint64
	touched []uint32
}

// set marks id and reports whether it was not marked.
func (b *bitset) set(id uint32) bool {
	m := uint64(1) << (id % 64)
	if b.w[id/64]&m != 0 {
		return false
	}
	b.w[id/64] |= m
	b.touched = append(b.touched, id)
	return true
}

var bitsets sync.Pool

func getBitset(n int) *bitset {
	b, _ := bitsets.Get().(*bitset)
	if b == nil {
		b = &bitset{}
	}
	if need := (n + 63) / 64; len(b.w) < need {
		b.w = make([]uint64, need)
	}
	return b
}

func putBitset(b *bitset) {
	for _, id := range b.touched {
		b.w[id/64] = 0
	}
	b.touched = b.touched[:0]
	bitsets.Put(b)
}
