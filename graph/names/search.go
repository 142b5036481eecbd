package names

import (
	"cmp"
	"context"
	"slices"
	"sync"
	"unsafe"
)

// MaxExactTotal is how many candidates a search scores at most to count
// its hits exactly. The candidates that can reach MinScore are known from
// their keys (Query.Bound); when there are more than this, the search
// scores only as many as it needs for its page of best hits, which stay
// exact, and reports their number as Total with Exact false: an upper
// bound of the hits. It depends only on the stored names, never on timing
// or on the order of work, so every store reports the same. Scoring a
// candidate costs about a microsecond, so this bounds the work of a search
// to a few milliseconds (bench/README.md).
const MaxExactTotal = 5000

// maxExactTotal is MaxExactTotal, lowered by tests of the other path.
var maxExactTotal = MaxExactTotal

// SearchOptions shape a search.
type SearchOptions struct {
	// Limit is how many of the best hits to return; 0 means 20.
	Limit int
	// Keep, if not nil, says which ids may be hits (a kind filter). It is
	// called under the index's read lock, at most once per id, and must
	// not call the index.
	Keep func(id uint32) bool
	// Compare orders hits of equal score: negative when a comes first.
	// The stores order by degree (descending), then actor id. Nil orders
	// by id. It must be a total order for the result to be deterministic;
	// it is called under the index's read lock.
	Compare func(a, b uint32) int
}

// Result is one hit of a search.
type Result struct {
	ID  uint32
	Hit Hit // Matched and Why use the folded text: redescribe with Hit.Describe
}

// Results are the best hits of a search, in rank order, and how many
// actors are hits in all: exactly when Exact, else at most Total (see
// MaxExactTotal).
type Results struct {
	Hits  []Result
	Total int
	Exact bool
	// What the search did, for benchmarks: the postings it read (or
	// looked candidates up in), the candidates it found, those whose bound
	// reached MinScore, and how many of them it scored.
	Postings, Candidates, Bounded, Scored int
}

// checkEvery is how many postings, or candidates scored, come between two
// looks at the context.
const checkEvery = 1024

// Search parses query (Parse: EINVALID past the caps) and returns the ids
// whose names score at least MinScore, best first: score descending, then
// o.Compare. It stops with the context's error when ctx is done.
func (ix *Index) Search(ctx context.Context, query string, o SearchOptions) (Results, error) {
	q, err := Parse(query)
	if err != nil {
		return Results{}, err
	}
	return ix.SearchQuery(ctx, q, o)
}

// SearchQuery is Search for a parsed query.
//
// It reads the postings of the query's probes (Query.Probes, with the
// index's counts as frequencies), and for every candidate sums what the
// postings say of it into a bound of its score (Query.Bound gives the same
// bound from the names); the candidates below MinScore are dropped. If at
// most MaxExactTotal remain, all are scored; otherwise they are scored
// best bound first, until no candidate left can enter the page. Its work
// is bounded by the postings of the probes plus the candidates scored,
// at most MaxExactTotal or about Limit, and it holds the read lock
// throughout.
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

	sc := getScratch(len(ix.offs))
	defer putScratch(sc)
	chosen := q.choose(func(k []byte) int { return sc.lists(ix, k).n })
	for _, create := range [2]bool{true, false} {
		for i := range q.f.toks {
			if chosen[i] == create {
				if err := ix.gather(ctx, q, i, create, sc, o.Keep); err != nil {
					return Results{}, err
				}
			}
		}
	}
	items := sc.items[:0]
	for _, id := range sc.cands {
		st := sc.state[id]
		if ub := q.upperBound(int(st>>stG&0xffff), int(st>>stNM&0xff), int(st>>stRest&0xff), st&stJoin != 0); ub >= MinScore {
			items = append(items, cand{id: id, score: int16(ub), hit: -1})
		}
	}
	sc.items = items

	r := &ranker{sc: sc, q: q, ix: ix, heap: hitHeap{limit: limit, compare: compare}}
	var err error
	res := Results{Exact: len(items) <= maxExactTotal, Bounded: len(items)}
	if res.Exact {
		res.Total, err = r.all(ctx, items)
	} else {
		res.Total = len(items)
		err = r.best(ctx, items)
	}
	if err != nil {
		return Results{}, err
	}
	out := r.heap.sorted()
	for i := range out {
		out[i].Hit.Matched = string([]byte(out[i].Hit.Matched)) // out of the arena
		out[i].Hit.Why = out[i].Hit.Describe(out[i].Hit.Matched)
	}
	res.Hits = out
	res.Scored, res.Postings, res.Candidates = r.scored, sc.postings, len(sc.cands)
	return res, nil
}

// probe is one key to read for a query token, and the token (word or
// join) whose probe it is.
type probe struct {
	t   *token
	key string
}

// gather reads the postings of the probes of query token i (its own and
// its joins') and adds their bounds to the candidates; with create it
// makes new candidates (passing keep), else it only adds to those there
// are.
func (ix *Index) gather(ctx context.Context, q *Query, i int, create bool, sc *scratch, keep func(uint32) bool) error {
	probes := sc.probes[:0]
	q.visitTokenProbes(i, func(t *token, k []byte) { probes = append(probes, probe{t, string(k)}) })
	slices.SortFunc(probes, func(a, b probe) int {
		if a.t != b.t {
			return cmp.Compare(a.t.pos*2+b2i(a.t.joined), b.t.pos*2+b2i(b.t.joined))
		}
		return cmp.Compare(a.key, b.key)
	})
	probes = slices.CompactFunc(probes, func(a, b probe) bool { return a.t == b.t && a.key == b.key })
	sc.probes = probes

	tok := uint64(i + 1)
	w := uint64(q.f.toks[i].weight)
	n := 0
	for _, p := range probes {
		k := unsafe.Slice(unsafe.StringData(p.key), len(p.key))
		bd := sc.bounder(p.t, k)
		touch := func(id uint32, pay payload) {
			if b := bd.bound(sc, pay); b > 0 {
				sc.touch(id, uint64(b), uint64(pay.rest()), isJoinPayload(pay), tok, w, create, keep)
			}
		}
		pl := sc.lists(ix, k)
		n += pl.n
		if n > checkEvery {
			n = 0
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		sc.postings += pl.n - len(pl.ids)
		if !create && len(pl.ids) > 8*len(sc.cands) {
			// Few candidates, long list: look each up.
			sc.postings += len(sc.cands)
			for _, id := range sc.cands {
				if j, ok := slices.BinarySearch(pl.ids, id); ok && !ix.stale.has(id) {
					touch(id, ix.base.payload(pl.at+uint32(j)))
				}
			}
		} else {
			sc.postings += len(pl.ids)
			end := pl.at + uint32(len(pl.ids))
			sc.scanBase(ix, pl.ids, ix.base.pay[pl.at:end], ix.base.hash[pl.at:end], &bd, tok, w, create, keep)
		}
		for _, d := range pl.deltas {
			for _, dp := range d {
				if dp.gen == ix.gen[dp.id] {
					touch(dp.id, dp.pay)
				}
			}
		}
	}
	return nil
}

// scanBase is touch for every current posting of a base list (ids, and
// their payloads in pay and hash): the loop that common words spend their
// time in, written out.
func (sc *scratch) scanBase(ix *Index, ids []uint32, pay []uint16, hash []uint8, bd *bounder, tok, w uint64, create bool, keep func(uint32) bool) {
	state := sc.state
	stale := ix.stale.w
	pay, hash = pay[:len(ids)], hash[:len(ids)]
	for j, id := range ids {
		if int(id/64) < len(stale) && stale[id/64]&(1<<(id%64)) != 0 {
			continue
		}
		p := payload(pay[j]) | payload(hash[j])<<payHashShift
		var b uint64
		if bd.fixed >= 0 {
			b = uint64(bd.fixed)
		} else {
			b = uint64(bd.bound(sc, p))
		}
		if b == 0 {
			continue
		}
		rest := uint64(p & payRestMax)
		st := state[id]
		if st&stCand == 0 {
			if !create || st&stRejected != 0 {
				continue
			}
			if keep != nil && !keep(id) {
				state[id] = st | stRejected
				sc.rejected = append(sc.rejected, id)
				continue
			}
			st = stCand | payRestMax<<stRest
			sc.cands = append(sc.cands, id)
		}
		if st>>stTok&0xff != tok {
			st = st&^(0xff<<stTok|0xff<<stTB) | tok<<stTok | b<<stTB
			st += w*b<<stG + 1<<stNM
		} else if tb := st >> stTB & 0xff; b > tb {
			st = st&^(0xff<<stTB) | b<<stTB
			st += w * (b - tb) << stG
		}
		if rest < st>>stRest&0xff {
			st = st&^(0xff<<stRest) | rest<<stRest
		}
		if isJoinPayload(p) {
			st |= stJoin
		}
		state[id] = st
	}
}

// The state of an id during a search, in one word so that a posting costs
// one memory access: the sum g of weight × best probe bound over the
// query tokens, the current token's best bound, the least payload rest,
// the number of tokens with a bound, the last token that reached it, and
// flags.
const (
	stG        = 0  // 16 bits
	stTB       = 16 // 8 bits
	stRest     = 24 // 8 bits
	stNM       = 32 // 8 bits
	stTok      = 40 // 8 bits
	stCand     = 1 << 48
	stRejected = 1 << 49
	stJoin     = 1 << 50 // a key that gave a bound may be a join key
)

// touch adds the probe bound b, of a posting with payload rest rest (and
// maybe of a join key), of query token tok (1-based) of weight w, to id's
// state.
func (sc *scratch) touch(id uint32, b, rest uint64, join bool, tok, w uint64, create bool, keep func(uint32) bool) {
	st := sc.state[id]
	if st&stCand == 0 {
		if !create || st&stRejected != 0 {
			return
		}
		if keep != nil && !keep(id) {
			sc.state[id] = st | stRejected
			sc.rejected = append(sc.rejected, id)
			return
		}
		st = stCand | payRestMax<<stRest
		sc.cands = append(sc.cands, id)
	}
	if st>>stTok&0xff != tok {
		// The first posting of this token for id.
		st = st&^(0xff<<stTok|0xff<<stTB) | tok<<stTok | b<<stTB
		st += w*b<<stG + 1<<stNM
	} else if tb := st >> stTB & 0xff; b > tb {
		st = st&^(0xff<<stTB) | b<<stTB
		st += w * (b - tb) << stG
	}
	if rest < st>>stRest&0xff {
		st = st&^(0xff<<stRest) | rest<<stRest
	}
	if join {
		st |= stJoin
	}
	sc.state[id] = st
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// bounder gives the probe bounds of one probe key of a query token, as a
// function of the payload, remembering phonBound for each payload's gaps.
type bounder struct {
	t     *token
	k     []byte
	fixed int // the bound whatever the payload, or -1
	gen   uint32
	th    uint8 // wordHash of t's letters
}

// bounder returns the bounder of key k of query token t.
func (sc *scratch) bounder(t *token, k []byte) bounder {
	bd := bounder{t: t, k: k, fixed: -1}
	switch {
	case k[0] == prefixMark:
		bd.fixed = simPrefix
	case t.literal:
		bd.fixed = simExact
	case t.joined && equal(k, t.wkey):
		bd.fixed = simExact - simJoinCost
	default:
		sc.memoGen++
		if sc.memoGen == 0 { // wrapped: forget everything
			clear(sc.memoAt[:])
			sc.memoGen = 1
		}
		bd.gen = sc.memoGen
		bd.th = wordHash(t.word, t.word2)
	}
	return bd
}

// bound is probeBound(bd.t, bd.k, p).
func (bd *bounder) bound(sc *scratch, p payload) int {
	if bd.fixed >= 0 {
		return bd.fixed
	}
	g, known := p.gaps()
	if !known {
		return probeBound(bd.t, bd.k, p)
	}
	if sc.memoAt[g] != bd.gen {
		sc.memoAt[g] = bd.gen
		sc.memo[g] = uint8(phonBound(bd.t, bd.k, g))
	}
	return adjustBound(bd.t, p, int(sc.memo[g]), bd.th)
}

// cand is a candidate of a search: its bound (or score, once scored) and
// the index of its hit in ranker.hits once scored (-1 before).
type cand struct {
	id    uint32
	score int16
	hit   int32
}

// ranker scores candidates and keeps the best.
type ranker struct {
	sc     *scratch
	q      *Query
	ix     *Index
	s      scorer
	heap   hitHeap
	hits   []Hit
	scored int
}

// all scores every item; it returns how many are hits.
func (r *ranker) all(ctx context.Context, items []cand) (int, error) {
	total := 0
	for n, it := range items {
		if n%checkEvery == checkEvery-1 {
			if err := ctx.Err(); err != nil {
				return 0, err
			}
		}
		h := r.q.matchEntry(&r.s, r.ix.entry(it.id))
		r.scored++
		if h.Score >= MinScore {
			total++
			r.heap.offer(Result{ID: it.id, Hit: h})
		}
	}
	return total, nil
}

// best finds the best hits among items, whose scores are bounds, scoring
// as few as it can: it takes the items by bound, highest first, and
// scores an item only if it could enter the page at its bound; an item
// that scores less than its bound goes back among those of its score.
// It stops when the page is full and no bound left can beat its worst.
func (r *ranker) best(ctx context.Context, items []cand) error {
	const span = ScoreExactName - MinScore + 1
	var count [span + 1]int
	for _, it := range items {
		count[int(it.score)-MinScore+1]++
	}
	for u := 1; u <= span; u++ {
		count[u] += count[u-1]
	}
	// byBound[count[u]:count[u+1]] are the items of bound MinScore+u,
	// then later[u] those scored below their bound.
	if cap(r.sc.byBound) < len(items) {
		r.sc.byBound = make([]cand, len(items))
	}
	byBound := r.sc.byBound[:len(items)]
	at := count
	for _, it := range items {
		u := int(it.score) - MinScore
		byBound[at[u]] = it
		at[u]++
	}
	var later [span][]cand
	h := &r.heap
	for u := span - 1; u >= 0; u-- {
		score := MinScore + u
		if h.full() && h.worst().Hit.Score > score {
			break
		}
		for _, list := range [2][]cand{byBound[count[u]:count[u+1]], later[u]} {
			for _, it := range list {
				if h.full() && !h.before(score, it.id, *h.worst()) {
					continue
				}
				if it.hit >= 0 {
					h.offer(Result{ID: it.id, Hit: r.hits[it.hit]})
					continue
				}
				if r.scored++; r.scored%checkEvery == 0 {
					if err := ctx.Err(); err != nil {
						return err
					}
				}
				hit := r.q.matchEntry(&r.s, r.ix.entry(it.id))
				switch {
				case hit.Score >= score: // at its bound (the bound holds: TestBound)
					h.offer(Result{ID: it.id, Hit: hit})
				case hit.Score >= MinScore:
					r.hits = append(r.hits, hit)
					it.hit, it.score = int32(len(r.hits)-1), int16(hit.Score)
					later[hit.Score-MinScore] = append(later[hit.Score-MinScore], it)
				}
			}
		}
	}
	return nil
}

// hitHeap keeps the best limit results with the worst on top.
type hitHeap struct {
	h       []Result
	limit   int
	compare func(a, b uint32) int
}

// before reports whether a hit of the given score and id ranks before r.
func (h *hitHeap) before(score int, id uint32, r Result) bool {
	if score != r.Hit.Score {
		return score > r.Hit.Score
	}
	return h.compare(id, r.ID) < 0
}

func (h *hitHeap) less(a, b Result) bool { return h.before(a.Hit.Score, a.ID, b) }

func (h *hitHeap) full() bool     { return len(h.h) >= h.limit }
func (h *hitHeap) worst() *Result { return &h.h[0] }

// offer keeps r if it is among the best.
func (h *hitHeap) offer(r Result) {
	if len(h.h) < h.limit {
		h.h = append(h.h, r)
		h.up(len(h.h) - 1)
		return
	}
	if h.less(r, h.h[0]) {
		h.h[0] = r
		h.down(0)
	}
}

// The heap's order puts the worst first: i is above j when h.h[j] ranks
// before h.h[i].
func (h *hitHeap) up(j int) {
	for j > 0 {
		i := (j - 1) / 2
		if !h.less(h.h[i], h.h[j]) {
			break
		}
		h.h[i], h.h[j] = h.h[j], h.h[i]
		j = i
	}
}

func (h *hitHeap) down(i int) {
	n := len(h.h)
	for {
		j := 2*i + 1
		if j >= n {
			return
		}
		if j+1 < n && h.less(h.h[j], h.h[j+1]) {
			j++
		}
		if !h.less(h.h[i], h.h[j]) {
			return
		}
		h.h[i], h.h[j] = h.h[j], h.h[i]
		i = j
	}
}

// sorted returns the results best first.
func (h *hitHeap) sorted() []Result {
	out := h.h
	slices.SortFunc(out, func(a, b Result) int {
		switch {
		case h.less(a, b):
			return -1
		case h.less(b, a):
			return 1
		}
		return 0
	})
	return out
}

// scratch is the per-search state of every id, kept between searches
// (sync.Pool) and cleared for the ids a search touched.
type scratch struct {
	state []uint64 // see stG

	cands, rejected []uint32
	postings        int
	items           []cand
	byBound         []cand
	probes          []probe

	memo    [256]uint8
	memoAt  [256]uint32
	memoGen uint32

	plists map[string]*plist // the postings of each probe, looked up once
}

// plist is where the postings of a key are: its base ids (starting at at
// in the base) and its lists of changes; n counts them all.
type plist struct {
	ids    []uint32
	at     uint32
	deltas [2][]dposting
	n      int
}

// lists returns the postings of key k, looking them up once per search.
func (sc *scratch) lists(ix *Index, k []byte) *plist {
	if pl, ok := sc.plists[string(k)]; ok {
		return pl
	}
	pl := &plist{}
	pl.ids, pl.at = ix.baseList(k)
	if ix.frozen != nil {
		pl.deltas[0] = ix.frozen.keys[string(k)]
	}
	pl.deltas[1] = ix.delta.keys[string(k)]
	pl.n = len(pl.ids) + len(pl.deltas[0]) + len(pl.deltas[1])
	sc.plists[string(k)] = pl
	return pl
}

var scratches sync.Pool

func getScratch(n int) *scratch {
	sc, _ := scratches.Get().(*scratch)
	if sc == nil {
		sc = &scratch{plists: map[string]*plist{}}
	}
	if len(sc.state) < n {
		sc.state = make([]uint64, max(n, 2*len(sc.state)))
	}
	return sc
}

func putScratch(sc *scratch) {
	for _, id := range sc.cands {
		sc.state[id] = 0
	}
	for _, id := range sc.rejected {
		sc.state[id] = 0
	}
	sc.cands, sc.rejected, sc.items, sc.postings = sc.cands[:0], sc.rejected[:0], sc.items[:0], 0
	clear(sc.plists)
	scratches.Put(sc)
}
