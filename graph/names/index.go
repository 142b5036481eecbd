package names

import (
	"cmp"
	"encoding/binary"
	"hash/maphash"
	"math/bits"
	"slices"
	"sync"

	"github.com/actorgraph/actorgraph/graph"
)

// Index finds actors by name in memory: the candidate rule and the scorer
// of this package over postings of keys. Ids are dense uint32s that the
// caller assigns (an actor's position in the store's tables); an id holds
// one actor's name and aliases.
//
// An Index is safe for concurrent use. Searches share a read lock, and the
// work of one is bounded (see SearchQuery). Add and Remove take the write
// lock for the time of one actor. The postings of the ids changed since
// the last compaction are kept apart; when they grow past a quarter of
// the index, a compaction folds them in on another goroutine, building
// the new postings beside the old ones without any lock and swapping them
// in under the write lock for a time in proportion to the changes made
// meanwhile, so that neither searches nor writers wait for it.
type Index struct {
	mu sync.RWMutex

	// Entries (entry.go): the entry of id starts at arena[offs[id]-1]
	// (offs[id] is 0 when id has none). Bytes once written are never
	// changed (a compaction writes a new arena), so that strings viewing
	// them stay valid.
	arena   []byte
	offs    []uint32
	garbage int             // arena bytes no span refers to
	live    int             // ids with names
	nnames  int             // names and aliases of those ids
	long    map[uint32]bool // ids with a name of more than maxNameWords words

	// gen[id] grows at every Add and Remove of id; the postings of the
	// changes carry the generation they were made in, so that those of
	// an id changed again are recognised as stale.
	gen []uint32

	// The postings: a base, immutable, built by the last compaction, whose
	// postings of the ids in stale are out of date (skipped); the changes
	// that a running compaction is folding in (frozen, nil if none); and
	// the changes since (delta). recent marks the ids changed since the
	// running compaction began.
	base   *base
	stale  bitset
	frozen *delta
	delta  *delta
	recent bitset

	compacting bool
	pending    *compaction   // what the running compaction reads
	done       chan struct{} // closed when the running compaction has swapped
}

// base is a compacted set of postings: each key of dict has a run of ids,
// in increasing order, and of their payloads.
type base struct {
	dict keyDict
	ids  []uint32
	pay  []uint16 // the payloads' low bits
	hash []uint8  // and their word hashes
}

func (b *base) payload(j uint32) payload {
	return payload(b.pay[j]) | payload(b.hash[j])<<payHashShift
}

// delta holds postings added since a compaction: by key, each with the id
// and the generation of the id it was made in.
type delta struct {
	keys map[string][]dposting
	n    int // postings
	ids  int // Adds and Removes
}

type dposting struct {
	id, gen uint32
	pay     payload
}

func newDelta() *delta { return &delta{keys: map[string][]dposting{}} }

// minCompact is the least number of changed postings or ids that starts a
// compaction.
const minCompact = 4096

// NewIndex returns an empty index.
func NewIndex() *Index {
	return &Index{base: &base{}, delta: newDelta(), long: map[uint32]bool{}}
}

// encodeEntry parses the names of an actor and returns its entry, its
// keys and whether a name has more than maxNameWords words.
func encodeEntry(name string, aliases []string) ([]byte, []keyPay, bool) {
	var f form
	entry := binary.AppendUvarint(nil, uint64(1+len(aliases)))
	var kps []keyPay
	long := false
	one := func(s string) {
		f.parse(graph.NormalizeName(s))
		entry = appendName(entry, &f)
		f.visitKeys(func(k []byte, p payload) { kps = append(kps, keyPay{string(k), p}) })
		long = long || f.truncated
	}
	one(name)
	for _, a := range aliases {
		one(a)
	}
	return entry, combineKeys(kps), long
}

// Add stores the name and aliases of id, replacing what id had. Names are
// folded with graph.NormalizeName here.
func (ix *Index) Add(id uint32, name string, aliases []string) {
	entry, kps, long := encodeEntry(name, aliases)
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.drop(id)
	ix.grow(id)
	ix.gen[id]++
	ix.offs[id] = uint32(len(ix.arena)) + 1
	ix.arena = append(ix.arena, entry...)
	ix.live++
	ix.nnames += 1 + len(aliases)
	if long {
		ix.long[id] = true
	}
	ix.changed(id)
	for _, kp := range kps {
		ix.delta.keys[kp.key] = append(ix.delta.keys[kp.key], dposting{id: id, gen: ix.gen[id], pay: kp.pay})
	}
	ix.delta.n += len(kps)
	ix.maybeCompact()
}

// Remove forgets id. Removing an id that holds nothing does nothing.
func (ix *Index) Remove(id uint32) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.drop(id) {
		ix.gen[id]++
		ix.changed(id)
		ix.maybeCompact()
	}
}

// grow makes room for id.
func (ix *Index) grow(id uint32) {
	if int(id) < len(ix.offs) {
		return
	}
	n := int(id) + 1
	ix.offs = append(ix.offs, make([]uint32, n-len(ix.offs))...)
	ix.gen = append(ix.gen, make([]uint32, n-len(ix.gen))...)
	ix.stale.grow(n)
	if ix.compacting {
		ix.recent.grow(n)
	}
}

// drop clears id's names; it reports whether id had any.
func (ix *Index) drop(id uint32) bool {
	e := ix.entry(id)
	if e == nil {
		return false
	}
	ix.garbage += entryLen(e)
	ix.live--
	ix.nnames -= entryNamesCount(e)
	ix.offs[id] = 0
	delete(ix.long, id)
	return true
}

// changed records that id's postings in the base are out of date.
func (ix *Index) changed(id uint32) {
	ix.stale.set(id)
	if ix.compacting {
		ix.recent.set(id)
	}
	ix.delta.ids++
}

// maybeCompact starts a compaction when the changes have grown past a
// quarter of the index and none is running.
func (ix *Index) maybeCompact() {
	if ix.compacting {
		return
	}
	if d := ix.delta; d.n > max(minCompact, len(ix.base.ids)/4) || d.ids > max(minCompact, ix.live/4) {
		ix.startCompaction(false)
		go ix.finishCompaction()
	}
}

// Compact folds every change into the base postings and reclaims the
// space of removed names, waiting for a running compaction first. Call it
// after a bulk load to reach the smallest memory. Like the compactions
// that Add starts, it builds beside the index and holds the write lock
// only to swap.
func (ix *Index) Compact() {
	for {
		ix.Wait()
		ix.mu.Lock()
		if !ix.compacting {
			break
		}
		ix.mu.Unlock() // an Add started one meanwhile
	}
	ix.startCompaction(true)
	ix.mu.Unlock()
	ix.finishCompaction()
}

// Wait waits for a running compaction to end.
func (ix *Index) Wait() {
	ix.mu.RLock()
	done := ix.done
	ix.mu.RUnlock()
	if done != nil {
		<-done
	}
}

// compaction is what a compaction reads: a consistent view of the index
// taken under the write lock.
type compaction struct {
	base   *base
	frozen *delta
	stale  bitset   // ids whose base postings are out of date
	gen    []uint32 // generations at the start
	arena  []byte   // nil unless the arena is rewritten
	offs   []uint32
}

// startCompaction freezes the changes; the caller holds the write lock.
// The arena is rewritten when a quarter of it is garbage, or with tidy
// when it holds any garbage or spare capacity.
func (ix *Index) startCompaction(tidy bool) {
	c := &compaction{base: ix.base, frozen: ix.delta, stale: ix.stale.clone(), gen: slices.Clone(ix.gen)}
	if ix.garbage > len(ix.arena)/4 || tidy && (ix.garbage > 0 || cap(ix.arena) > len(ix.arena)+len(ix.arena)/8) {
		c.arena, c.offs = ix.arena, slices.Clone(ix.offs)
	}
	ix.frozen = ix.delta
	ix.delta = newDelta()
	ix.recent = newBitset(len(ix.offs))
	ix.compacting = true
	ix.done = make(chan struct{})
	ix.pending = c
}

// finishCompaction builds the new base from the pending compaction and
// swaps it in.
func (ix *Index) finishCompaction() {
	ix.mu.RLock()
	c := ix.pending
	ix.mu.RUnlock()
	nb := buildBase(c)
	var arena []byte
	var offs []uint32
	if c.arena != nil {
		arena, offs = rewriteArena(c.arena, c.offs)
	}

	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.base = nb
	ix.frozen = nil
	ix.stale, ix.recent = ix.recent, bitset{}
	if arena != nil {
		// Ids changed since the start keep their entries from the old
		// arena; copy them over.
		offs = append(offs, make([]uint32, len(ix.offs)-len(offs))...)
		garbage := 0
		ix.stale.each(func(id uint32) {
			if offs[id] != 0 { // its entry as it was at the start
				garbage += entryLen(arena[offs[id]-1:])
			}
			offs[id] = 0
			if e := ix.entry(id); e != nil {
				offs[id] = uint32(len(arena)) + 1
				arena = append(arena, e[:entryLen(e)]...)
			}
		})
		ix.arena, ix.offs, ix.garbage = arena, offs, garbage
	}
	ix.compacting = false
	ix.pending = nil
	close(ix.done)
	ix.done = nil
}

// rewriteArena copies the live entries into a new arena.
func rewriteArena(old []byte, offs []uint32) ([]byte, []uint32) {
	n := 0
	for _, o := range offs {
		if o != 0 {
			n += entryLen(old[o-1:])
		}
	}
	arena := make([]byte, 0, n+n/8)
	out := make([]uint32, len(offs))
	for id, o := range offs {
		if o != 0 {
			e := old[o-1:]
			out[id] = uint32(len(arena)) + 1
			arena = append(arena, e[:entryLen(e)]...)
		}
	}
	return arena, out
}

// buildBase merges the base postings of the ids not changed and the
// postings of the frozen changes that are current.
func buildBase(c *compaction) *base {
	// The current frozen postings, by key.
	fresh := map[string][]dposting{}
	for k, ps := range c.frozen.keys {
		var keep []dposting
		for _, p := range ps {
			if p.gen == c.gen[p.id] {
				keep = append(keep, p)
			}
		}
		if len(keep) > 0 {
			slices.SortFunc(keep, func(a, b dposting) int { return cmp.Compare(a.id, b.id) })
			fresh[k] = keep
		}
	}
	ob := c.base
	b := &base{ids: make([]uint32, 0, len(ob.ids)+c.frozen.n)}
	b.pay = make([]uint16, 0, cap(b.ids))
	b.hash = make([]uint8, 0, cap(b.ids))
	put := func(id uint32, p payload) {
		b.ids = append(b.ids, id)
		b.pay = append(b.pay, uint16(p))
		b.hash = append(b.hash, p.hash())
	}
	var recs []keyRec
	add := func(key []byte, old []uint32, oldAt uint32, fr []dposting) {
		start := len(b.ids)
		i, j := 0, 0
		for i < len(old) || j < len(fr) {
			if j == len(fr) || i < len(old) && old[i] < fr[j].id {
				if !c.stale.has(old[i]) {
					put(old[i], ob.payload(oldAt+uint32(i)))
				}
				i++
				continue
			}
			put(fr[j].id, fr[j].pay)
			j++
		}
		if len(b.ids) > start {
			recs = append(recs, keyRec{key: key, start: uint32(start), count: uint32(len(b.ids) - start)})
		}
	}
	ob.dict.each(func(key []byte, start, count uint32) {
		fr := fresh[string(key)]
		delete(fresh, string(key))
		add(key, ob.ids[start:start+count], start, fr)
	})
	keys := make([]string, 0, len(fresh))
	for k := range fresh {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		add([]byte(k), nil, 0, fresh[k])
	}
	b.ids, b.pay, b.hash = slices.Clip(b.ids), slices.Clip(b.pay), slices.Clip(b.hash)
	b.dict = newKeyDict(recs)
	return b
}

// keyDict maps each key to its postings (where they start in base.ids and
// how many there are), by open addressing: slots holds 1 + the offset in
// data of a key's record (0: empty), and a record is
//
//	uvarint(len(key)) key uvarint(start) uvarint(count)
//
// Records are in the order of the postings.
type keyDict struct {
	seed  maphash.Seed
	slots []uint32
	fps   []uint8 // the top bits of each slot's hash, to pass others by
	data  []byte
	n     int
}

// keyRec is a key and where its postings are, to build a keyDict.
type keyRec struct {
	key          []byte
	start, count uint32
}

func newKeyDict(recs []keyRec) keyDict {
	d := keyDict{seed: maphash.MakeSeed(), n: len(recs)}
	size := 0
	for _, r := range recs {
		size += len(r.key) + 6
	}
	d.data = make([]byte, 0, size)
	d.slots = make([]uint32, len(recs)*4/3+1)
	d.fps = make([]uint8, len(d.slots))
	for _, r := range recs {
		off := len(d.data)
		d.data = binary.AppendUvarint(d.data, uint64(len(r.key)))
		d.data = append(d.data, r.key...)
		d.data = binary.AppendUvarint(d.data, uint64(r.start))
		d.data = binary.AppendUvarint(d.data, uint64(r.count))
		h, fp := d.slot(r.key)
		for ; d.slots[h] != 0; h = d.next(h) {
		}
		d.slots[h], d.fps[h] = uint32(off+1), fp
	}
	d.data = slices.Clip(d.data)
	return d
}

// slot is the first slot of key k, and its fingerprint.
func (d *keyDict) slot(k []byte) (int, uint8) {
	h := maphash.Bytes(d.seed, k)
	hi, _ := bits.Mul64(h, uint64(len(d.slots)))
	return int(hi), uint8(h)
}

func (d *keyDict) next(h int) int {
	if h++; h == len(d.slots) {
		return 0
	}
	return h
}

// record decodes the record at off.
func (d *keyDict) record(off int) (key []byte, start, count uint32, next int) {
	n, k := binary.Uvarint(d.data[off:])
	off += k
	key = d.data[off : off+int(n)]
	off += int(n)
	st, k := binary.Uvarint(d.data[off:])
	off += k
	c, k := binary.Uvarint(d.data[off:])
	return key, uint32(st), uint32(c), off + k
}

// find returns where the postings of key k are; ok is false if k has none.
func (d *keyDict) find(k []byte) (start, count uint32, ok bool) {
	if len(d.slots) == 0 {
		return 0, 0, false
	}
	h, fp := d.slot(k)
	for ; ; h = d.next(h) {
		s := d.slots[h]
		if s == 0 {
			return 0, 0, false
		}
		if d.fps[h] != fp {
			continue
		}
		key, start, count, _ := d.record(int(s - 1))
		if string(key) == string(k) {
			return start, count, true
		}
	}
}

// each calls fn with every key and where its postings are, in order.
func (d *keyDict) each(fn func(key []byte, start, count uint32)) {
	for off := 0; off < len(d.data); {
		key, start, count, next := d.record(off)
		fn(key, start, count)
		off = next
	}
}

func (d *keyDict) len() int   { return d.n }
func (d *keyDict) bytes() int { return 5*cap(d.slots) + cap(d.data) }

// count returns how many postings key k has, stale ones included: the
// cost of probing it.
func (ix *Index) count(k []byte) int {
	n := 0
	if _, c, ok := ix.base.dict.find(k); ok {
		n += int(c)
	}
	if ix.frozen != nil {
		n += len(ix.frozen.keys[string(k)])
	}
	return n + len(ix.delta.keys[string(k)])
}

// baseList returns the ids of the base postings of k and where they
// start (for base.payload).
func (ix *Index) baseList(k []byte) ([]uint32, uint32) {
	b := ix.base
	start, count, ok := b.dict.find(k)
	if !ok {
		return nil, 0
	}
	return b.ids[start : start+count], start
}

// eachPosting calls fn with every current posting of key k.
func (ix *Index) eachPosting(k []byte, fn func(id uint32, p payload)) {
	ids, at := ix.baseList(k)
	for j, id := range ids {
		if !ix.stale.has(id) {
			fn(id, ix.base.payload(at+uint32(j)))
		}
	}
	for _, d := range [2]*delta{ix.frozen, ix.delta} {
		if d == nil {
			continue
		}
		for _, p := range d.keys[string(k)] {
			if p.gen == ix.gen[p.id] {
				fn(p.id, p.pay)
			}
		}
	}
}

// entry returns the arena from the entry of id on, or nil if it has none.
func (ix *Index) entry(id uint32) []byte {
	if int(id) >= len(ix.offs) || ix.offs[id] == 0 {
		return nil
	}
	return ix.arena[ix.offs[id]-1:]
}

// Names returns the folded names of id (name first, then aliases), or nil
// if it has none.
func (ix *Index) Names(id uint32) []string {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return entryFolded(ix.entry(id))
}

// Stats describe an index's size.
type Stats struct {
	IDs      int // ids with names
	Names    int // names and aliases of those ids
	Keys     int // distinct keys in the base
	Postings int // base postings, plus those added since
	Bytes    int // the size of the index's arrays (not counting Go's overheads)
}

// Stats returns the index's size.
func (ix *Index) Stats() Stats {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	b := ix.base
	n := cap(ix.arena) + 4*cap(ix.offs) + 4*cap(ix.gen) + 8*(len(ix.stale.w)+len(ix.recent.w)) +
		b.dict.bytes() + 4*cap(b.ids) + 2*cap(b.pay) + cap(b.hash)
	postings := len(b.ids)
	for _, d := range [2]*delta{ix.frozen, ix.delta} {
		if d == nil {
			continue
		}
		postings += d.n
		for k, ps := range d.keys {
			n += len(k) + 16 + 12*cap(ps) + 24
		}
	}
	return Stats{IDs: ix.live, Names: ix.nnames, Keys: b.dict.len(), Postings: postings, Bytes: n}
}

// bitset is a set of ids.
type bitset struct{ w []uint64 }

func newBitset(n int) bitset { return bitset{w: make([]uint64, (n+63)/64)} }

func (b *bitset) grow(n int) {
	if need := (n + 63) / 64; need > len(b.w) {
		b.w = append(b.w, make([]uint64, need-len(b.w))...)
	}
}

func (b *bitset) set(id uint32) { b.w[id/64] |= 1 << (id % 64) }

func (b *bitset) has(id uint32) bool {
	return int(id/64) < len(b.w) && b.w[id/64]&(1<<(id%64)) != 0
}

func (b *bitset) clone() bitset { return bitset{w: slices.Clone(b.w)} }

func (b *bitset) each(fn func(id uint32)) {
	for i, w := range b.w {
		for ; w != 0; w &= w - 1 {
			fn(uint32(i*64 + bits.TrailingZeros64(w)))
		}
	}
}

// Batch holds the names of many ids, parsed and keyed outside any lock,
// for AddBatch: a bulk load takes the index's write lock for a time in
// proportion to the bytes copied, not to the parsing. A Batch is not safe
// for concurrent use.
type Batch struct {
	ids     []uint32
	ends    []int // ends[i]: where the entry of ids[i] ends in entries
	entries []byte
	nnames  []int
	long    []bool
	keys    map[string][]dposting // gen holds the position in the batch until AddBatch
	n       int
}

// Add adds the name and aliases of id to the batch; a later Add of the
// same id replaces it.
func (b *Batch) Add(id uint32, name string, aliases []string) {
	if b.keys == nil {
		b.keys = map[string][]dposting{}
	}
	entry, kps, long := encodeEntry(name, aliases)
	i := uint32(len(b.ids))
	b.ids = append(b.ids, id)
	b.entries = append(b.entries, entry...)
	b.ends = append(b.ends, len(b.entries))
	b.nnames = append(b.nnames, 1+len(aliases))
	b.long = append(b.long, long)
	for _, kp := range kps {
		b.keys[kp.key] = append(b.keys[kp.key], dposting{id: id, gen: i, pay: kp.pay})
	}
	b.n += len(kps)
}

// Len returns how many names the batch holds.
func (b *Batch) Len() int { return len(b.ids) }

// AddBatch stores the names of every id of b, as Add does one by one.
func (ix *Index) AddBatch(b *Batch) {
	if len(b.ids) == 0 {
		return
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	last := make(map[uint32]uint32, len(b.ids)) // id -> its last position in the batch
	start := 0
	for i, id := range b.ids {
		ix.drop(id)
		ix.grow(id)
		ix.gen[id]++
		ix.offs[id] = uint32(len(ix.arena)) + 1
		ix.arena = append(ix.arena, b.entries[start:b.ends[i]]...)
		start = b.ends[i]
		ix.live++
		ix.nnames += b.nnames[i]
		if b.long[i] {
			ix.long[id] = true
		}
		ix.changed(id)
		last[id] = uint32(i)
	}
	// A posting is current if it comes from the last Add of its id in the
	// batch; give it that id's generation, and the others one that is
	// never current.
	for _, ps := range b.keys {
		for j := range ps {
			if last[ps[j].id] == ps[j].gen {
				ps[j].gen = ix.gen[ps[j].id]
			} else {
				ps[j].gen = ix.gen[ps[j].id] - 1
			}
		}
	}
	if len(ix.delta.keys) == 0 {
		ix.delta.keys = b.keys
	} else {
		for k, ps := range b.keys {
			ix.delta.keys[k] = append(ix.delta.keys[k], ps...)
		}
	}
	ix.delta.n += b.n
	*b = Batch{}
	ix.maybeCompact()
}
