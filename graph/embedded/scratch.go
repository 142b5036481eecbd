package embedded

import (
	"context"
)

// scratch is the per-query working memory of a traversal: visit marks and
// distances for both directions of a bidirectional search, memo and ban
// marks, and frontier buffers. Marks are generation stamps, so starting a
// new search costs one increment instead of clearing arrays the size of the
// graph. Scratches are pooled and reused across queries.
type scratch struct {
	gen  uint32
	mark [2][]uint32 // per side and node: == gen when the side reached the node
	dist [2][]int16  // per side and node: the distance then
	dead []uint32    // enumeration memo: no shortest path continues from here

	banGen  uint32
	banNode []uint32   // banNode[n] == banGen: n may not be visited
	banEnd  []uint32   // banEnd[n] == banGen: some banned edge starts or ends at n
	bans    [][2]int32 // banned walks u -> v
	banning bool

	frontF, frontB, next []int32

	bitmap []uint64 // all zero between uses; see bits

	// The nodes whose relations the traversal has read, as bits (for
	// index.touchedSince) and as a list, to clear them.
	readBits []uint64
	readList []int32

	net netLists // a network's lists, kept for the next one

	ctx   context.Context
	y     *yielder // lets a long traversal step aside for writers; nil: it does not
	steps int
	err   error
}

// Sides of a bidirectional search.
const (
	fwd = 0 // from the source
	bwd = 1 // from the target
)

// reachedAt reports whether side reached node n at distance d. It reads
// the distance only for a node reached: most nodes tested were not, and
// on a big graph each array read is a cache miss. (For the same reason
// marks and distances are arrays of their own rather than one array of
// per-node structs.)
func (sc *scratch) reachedAt(n int32, side, d int) bool {
	return sc.mark[side][n] == sc.gen && int(sc.dist[side][n]) == d
}

// getScratch returns a scratch for a traversal of an index of about
// s.nodes actors. It is called before the index lock is taken: a scratch
// for the 1M-actor graph is some 20 MB of arrays, and allocating them
// (the pool drops scratches at every garbage collection) with the lock
// held kept writers waiting. Under the lock, fit sizes it exactly, which
// allocates only if actors were added in between.
func (s *Store) getScratch(ctx context.Context) *scratch {
	sc, _ := s.pool.Get().(*scratch)
	if sc == nil {
		sc = &scratch{}
	}
	sc.fit(int(s.nodes.Load()))
	sc.ctx, sc.steps, sc.err = ctx, 0, nil
	sc.banning = false
	return sc
}

// fit makes the arrays hold n nodes.
func (sc *scratch) fit(n int) {
	if len(sc.dead) < n {
		n += n/8 + 64 // room for growth without reallocating at every new actor
		sc.mark = [2][]uint32{make([]uint32, n), make([]uint32, n)}
		sc.dist = [2][]int16{make([]int16, n), make([]int16, n)}
		sc.dead = make([]uint32, n)
		sc.banNode = make([]uint32, n)
		sc.banEnd = make([]uint32, n)
		sc.gen, sc.banGen = 0, 0
	}
	if words := (n + 63) / 64; len(sc.readBits) < words {
		sc.readBits = make([]uint64, words+words/8+1)
	}
	if words := (n + 63) / 64; len(sc.bitmap) < words {
		sc.bitmap = make([]uint64, words+words/8+1)
	}
}

func (s *Store) putScratch(sc *scratch) {
	for _, u := range sc.readList {
		sc.readBits[u>>6] = 0
	}
	sc.readList = sc.readList[:0]
	sc.ctx, sc.y = nil, nil
	s.pool.Put(sc)
}

// bits returns a bitmap of n bits, all zero. The caller sets bits and must
// clear them again before it puts the scratch back.
func (sc *scratch) bits(n int) []uint64 {
	if words := (n + 63) / 64; len(sc.bitmap) < words {
		sc.bitmap = make([]uint64, words+words/8+1)
	}
	return sc.bitmap
}

// newGen starts a new search: every mark of the previous one is void.
func (sc *scratch) newGen() uint32 {
	sc.gen++
	if sc.gen == 0 {
		clear(sc.mark[fwd])
		clear(sc.mark[bwd])
		clear(sc.dead)
		sc.gen = 1
	}
	return sc.gen
}

// newBans starts a new set of banned nodes and edges.
func (sc *scratch) newBans() {
	sc.banGen++
	if sc.banGen == 0 {
		clear(sc.banNode)
		clear(sc.banEnd)
		sc.banGen = 1
	}
	sc.bans = sc.bans[:0]
	sc.banning = true
}

func (sc *scratch) banNodeAt(n int32) { sc.banNode[n] = sc.banGen }

func (sc *scratch) banEdge(u, v int32) {
	sc.bans = append(sc.bans, [2]int32{u, v})
	sc.banEnd[u] = sc.banGen
	sc.banEnd[v] = sc.banGen
}

// edgeBanned reports whether the walk u -> v is banned.
func (sc *scratch) edgeBanned(u, v int32) bool {
	if sc.banEnd[u] != sc.banGen || sc.banEnd[v] != sc.banGen {
		return false
	}
	for _, b := range sc.bans {
		if b[0] == u && b[1] == v {
			return true
		}
	}
	return false
}

// netLists are the working lists of a network query (findNetwork).
type netLists struct {
	marked, layer, next, included, rels []int32
}

// read notes that the traversal reads the relations of node u.
func (sc *scratch) read(u int32) {
	if w := &sc.readBits[u>>6]; *w&(1<<(u&63)) == 0 {
		*w |= 1 << (u & 63)
		sc.readList = append(sc.readList, u)
	}
}

// tick counts work and, every few thousand steps (neighbours looked at),
// polls ctx and lets the traversal step aside for writers (see yielder);
// it returns false once the context is done, or when a writer changed the
// index meanwhile (sc.err is then errChanged: the query starts again).
func (sc *scratch) tick(n int) bool {
	sc.steps += n
	if sc.steps < 4096 {
		return sc.err == nil
	}
	sc.steps = 0
	if sc.err == nil && sc.ctx != nil {
		if err := sc.ctx.Err(); err != nil {
			sc.err = ctxError{err}
		}
	}
	if sc.err == nil && sc.y != nil && !sc.y.maybeYield() {
		sc.err = errChanged
	}
	return sc.err == nil
}
