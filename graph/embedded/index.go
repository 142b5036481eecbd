package embedded

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"fmt"
	"slices"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/names"
)

// Vocabulary tables: a relation type is held in memory as its position in
// typeNames (sorted vocabulary names). typeUnknown marks a stored type that
// the running vocabulary does not know.
var (
	typeNames  []string
	typeByName map[string]uint8
	typeSym    []bool
)

const typeUnknown = 255

func init() {
	voc := graph.Vocabulary()
	if len(voc) >= typeUnknown {
		panic("embedded: vocabulary too large for a uint8 type code")
	}
	typeByName = make(map[string]uint8, len(voc))
	for i, t := range voc {
		typeNames = append(typeNames, t.Name)
		typeByName[t.Name] = uint8(i)
		typeSym = append(typeSym, t.Symmetric)
	}
	initTypeSlots()
}

// typeSlots finds a type name's code without hashing the whole name: a
// slot per hash of (length, first two bytes, last byte), holding the code
// of the one vocabulary type there, or typeUnknown when none or several
// share it (then the map decides). init picks the hash's multiplier that
// gives every vocabulary type a slot of its own. Decoding a record looks
// its type up, so this is on the path of every scan.
var (
	typeSlots    [256]uint8
	typeSlotMult = 1 // odd
)

func typeSlot[T text](name T) int {
	k := uint32(len(name)) | uint32(name[0])<<8 | uint32(name[1])<<16 | uint32(name[len(name)-1])<<24
	return int(k * uint32(typeSlotMult) >> 24)
}

func initTypeSlots() {
	for m := 1; m < 1<<16; m += 2 {
		typeSlotMult = m
		var n [256]int
		for i := range typeSlots {
			typeSlots[i] = typeUnknown
		}
		collisions := 0
		for i, name := range typeNames {
			if len(name) < 2 {
				continue
			}
			h := typeSlot(name)
			if n[h]++; n[h] > 1 {
				collisions++
			}
			typeSlots[h] = uint8(i)
		}
		for h, c := range n {
			if c > 1 {
				typeSlots[h] = typeUnknown
			}
		}
		if collisions == 0 {
			return
		}
	}
}

func typeCode[T text](name T) uint8 {
	if len(name) < 2 {
		if t, ok := typeByName[string(name)]; ok {
			return t
		}
		return typeUnknown
	}
	if t := typeSlots[typeSlot(name)]; t != typeUnknown && typeNames[t] == string(name) {
		return t
	}
	if t, ok := typeByName[string(name)]; ok {
		return t
	}
	return typeUnknown
}

// Kind codes; 0 marks a deleted node.
func kindCode(k graph.Kind) uint8 {
	for i, x := range graph.Kinds {
		if x == k {
			return uint8(i + 1)
		}
	}
	return 0
}

func kindOfCode(c uint8) graph.Kind {
	if c == 0 || int(c) > len(graph.Kinds) {
		return ""
	}
	return graph.Kinds[c-1]
}

// halfEdge is one end's view of a relation: the node at the other end and
// the relation's index, with two flag bits: heOut when the node holding the
// half-edge is the relation's stored From, heSym when the type is symmetric.
// Eight bytes, two per relation.
type halfEdge struct {
	nbr  int32
	meta uint32
}

const (
	heOut   = 1 << 30
	heSym   = 1 << 31
	heRel   = heOut - 1
	maxRels = heRel
)

func (h halfEdge) rel() int32 { return int32(h.meta & heRel) }
func (h halfEdge) out() bool  { return h.meta&heOut != 0 }
func (h halfEdge) sym() bool  { return h.meta&heSym != 0 }

// relAttr is what traversal needs of a relation, in 20 bytes: its ends, its
// validity interval as yyyymmdd (vf = ValidFrom.FirstDay(), vt =
// ValidTo.LastDay(), 0 when open), its confidence in thousandths, its type
// code and flags.
type relAttr struct {
	from, to int32
	vf, vt   int32
	conf     uint16
	typ      uint8
	flags    uint8
}

const (
	relContested = 1 << iota
	relDeleted
)

// node is what the index keeps of an actor: the id and the kind (0 when
// deleted). Its names are in the index's names.Index, under the node's
// number.
type node struct {
	id   string
	kind uint8
}

// arena holds relation ids: length-prefixed bytes in 1 MiB chunks that are
// never moved, addressed by a uint32 (chunk<<20 | offset). Compared with
// one Go string per relation it saves the 16-byte header and gives the
// garbage collector nothing to scan. Ids of deleted relations stay until
// the next open.
type arena struct {
	chunks [][]byte
}

const (
	arenaChunkBits = 20
	arenaChunkSize = 1 << arenaChunkBits
	arenaMaxChunks = 1 << (32 - arenaChunkBits)
)

func (a *arena) add(id []byte) (uint32, error) {
	need := binary.MaxVarintLen64 + len(id)
	if len(a.chunks) == 0 || len(a.chunks[len(a.chunks)-1])+need > arenaChunkSize {
		if len(a.chunks) == arenaMaxChunks {
			return 0, fmt.Errorf("embedded: relation id arena full")
		}
		a.chunks = append(a.chunks, make([]byte, 0, arenaChunkSize))
	}
	c := len(a.chunks) - 1
	off := len(a.chunks[c])
	b := binary.AppendUvarint(a.chunks[c], uint64(len(id)))
	a.chunks[c] = append(b, id...)
	return uint32(c)<<arenaChunkBits | uint32(off), nil
}

func (a *arena) get(ref uint32) []byte {
	c := a.chunks[ref>>arenaChunkBits][ref&(arenaChunkSize-1):]
	n, k := binary.Uvarint(c)
	return c[k : k+int(n)]
}

// index is the in-memory traversal index. Node ids are dense int32s in
// load/creation order; relation indexes are dense int32s too. Deleted
// nodes and relations leave tombstones until the next open.
type index struct {
	nodes  []node
	adj    [][]halfEdge
	byID   map[string]int32
	rels   []relAttr
	relRef []uint32 // arena reference of each relation's id
	ids    arena

	// names holds the names and aliases of every live node, under the
	// node's number, for search and resolution (graph/names). It has a
	// lock of its own; the store changes it only under the write lock of
	// the index, so that the two agree for anyone holding the read lock.
	names *names.Index

	actors, relations int // live counts
	evidence          int // pieces over all live relations

	// Live actors by kind code, live relations by type code, and the
	// contested ones, kept as the index changes, so that Stats need not
	// scan millions of relations under the lock.
	byKind    [8]int
	byType    [256]int
	contested int
	refuted   int // confidence 0 (graph.Unsupported)

	// The changes writers made, for a traversal that stepped aside to tell
	// whether they touch what it has read (touchedSince). epoch is the lock
	// version the writer holding the lock will leave.
	epoch      uint64
	touches    []touch
	touchFloor uint64 // touches holds every change of the versions after it

	// The first nodeSorted nodes and relSorted relations are numbered in
	// id order (at open they all are: the file is read in key order), so
	// comparing two of their numbers compares their ids. lastNodeID is the
	// id of node nodeSorted-1.
	nodeSorted, relSorted int32
	lastNodeID            string

	sources map[string]graph.Source
}

func newIndex(actors, relations int) *index {
	return &index{
		nodes:   make([]node, 0, actors),
		adj:     make([][]halfEdge, 0, actors),
		byID:    make(map[string]int32, actors),
		rels:    make([]relAttr, 0, relations),
		relRef:  make([]uint32, 0, relations),
		names:   names.NewIndex(),
		sources: map[string]graph.Source{},
	}
}

// room is what a write adds to the index's tables.
type room struct{ nodes, rels int }

// grown is the index's tables copied into larger arrays by a writer, off
// the lock (readers read the old ones meanwhile; only the writer changes
// them, and it is busy copying), to be installed under it.
type grown struct {
	nodes  []node
	adj    [][]halfEdge
	rels   []relAttr
	relRef []uint32
}

// grow returns the tables copied with room for need more entries, those
// that have not the room; nil when all have it.
func (ix *index) grow(need room) *grown {
	var g grown
	full := false
	if len(ix.nodes)+need.nodes > cap(ix.nodes) || len(ix.adj)+need.nodes > cap(ix.adj) {
		g.nodes, g.adj, full = growCopy(ix.nodes, need.nodes), growCopy(ix.adj, need.nodes), true
	}
	if len(ix.rels)+need.rels > cap(ix.rels) || len(ix.relRef)+need.rels > cap(ix.relRef) {
		g.rels, g.relRef, full = growCopy(ix.rels, need.rels), growCopy(ix.relRef, need.rels), true
	}
	if !full {
		return nil
	}
	return &g
}

// growCopy copies s into an array with room for more, and a quarter more.
func growCopy[T any](s []T, more int) []T {
	out := make([]T, len(s), max(len(s)+more, cap(s)+cap(s)/4, 64))
	copy(out, s)
	return out
}

// install puts grown tables in place; the writer holds the lock, and no
// one has changed the tables since grow copied them.
func (ix *index) install(g *grown) {
	if g == nil {
		return
	}
	if g.nodes != nil {
		ix.nodes, ix.adj = g.nodes, g.adj
	}
	if g.rels != nil {
		ix.rels, ix.relRef = g.rels, g.relRef
	}
}

// touch is a change of the index: the relations of node n changed (its
// list, or the attributes of one of them), or, for n == touchAll, anything
// may have.
type touch struct {
	version uint64
	node    int32
}

const (
	touchAll     = -1
	touchLogSize = 1 << 16 // changes kept; a traversal that stepped aside for longer starts again
)

// touchNode records that the relations of n change in this write.
func (ix *index) touchNode(n int32) {
	ix.touches = append(ix.touches, touch{ix.epoch, n})
	if len(ix.touches) >= 2*touchLogSize {
		ix.touchFloor = ix.touches[len(ix.touches)-touchLogSize-1].version
		ix.touches = append(ix.touches[:0], ix.touches[len(ix.touches)-touchLogSize:]...)
	}
}

// touchedSince reports whether a change made after version since touched a
// node whose bit is set in read, or cannot be told apart (the log no
// longer reaches back that far, or a change touched everything).
func (ix *index) touchedSince(since uint64, read []uint64) bool {
	if since < ix.touchFloor {
		return true
	}
	for i := len(ix.touches) - 1; i >= 0 && ix.touches[i].version > since; i-- {
		n := ix.touches[i].node
		if n == touchAll || int(n>>6) >= len(read) || read[n>>6]&(1<<(n&63)) != 0 {
			return true
		}
	}
	return false
}

// putNode adds the actor or, when its id exists, updates its kind and names.
func (ix *index) putNode(id string, kind graph.Kind, name string, aliases []string) int32 {
	n := ix.numberNode(id, kind)
	ix.names.Add(uint32(n), name, aliases)
	return n
}

// numberNode adds the actor's node or, when its id exists, updates its
// kind; its names are the caller's to store.
func (ix *index) numberNode(id string, kind graph.Kind) int32 {
	if n, ok := ix.byID[id]; ok {
		ix.setKind(n, kindCode(kind))
		return n
	}
	n := int32(len(ix.nodes))
	if ix.nodeSorted == n && (n == 0 || id > ix.lastNodeID) {
		ix.nodeSorted++
		ix.lastNodeID = id
	}
	ix.nodes = append(ix.nodes, node{id: id, kind: kindCode(kind)})
	ix.adj = append(ix.adj, nil)
	ix.byID[id] = n
	ix.actors++
	ix.byKind[kindCode(kind)]++
	return n
}

// setKind changes the kind of node n, keeping the counts.
func (ix *index) setKind(n int32, kind uint8) {
	ix.byKind[ix.nodes[n].kind]--
	ix.byKind[kind]++
	ix.nodes[n].kind = kind
}

// deleteNode removes an actor that has no relations left. The node keeps
// its id (kind 0 marks it deleted), so that comparing ids stays valid.
func (ix *index) deleteNode(n int32) {
	delete(ix.byID, ix.nodes[n].id)
	ix.byKind[ix.nodes[n].kind]--
	ix.nodes[n].kind = 0
	ix.adj[n] = nil
	ix.names.Remove(uint32(n))
	ix.actors--
}

// countRel adds d (1 or -1) to the counts of relation attributes a.
func (ix *index) countRel(a *relAttr, d int) {
	ix.byType[a.typ] += d
	if a.flags&relContested != 0 {
		ix.contested += d
	}
	if a.conf == 0 { // graph.Unsupported
		ix.refuted += d
	}
}

// setAttrs gives relation r the validity, confidence and contested flag of
// a (its ends and type stay), keeping the counts and noting the change.
func (ix *index) setAttrs(r int32, a relAttr) {
	old := &ix.rels[r]
	ix.touchNode(old.from)
	ix.touchNode(old.to)
	ix.countRel(old, -1)
	old.vf, old.vt, old.conf = a.vf, a.vt, a.conf
	old.flags = old.flags&^relContested | a.flags&relContested
	ix.countRel(old, 1)
}

func attrOf(from, to int32, typ uint8, conf uint16, contested bool, vf, vt graph.Date) relAttr {
	a := relAttr{from: from, to: to, vf: vf.FirstDay(), vt: vt.LastDay(), conf: conf, typ: typ}
	if contested {
		a.flags |= relContested
	}
	return a
}

// appendRel records a relation without linking it into the adjacency
// lists; linkRel or rebuildAdj does that.
func (ix *index) appendRel(id []byte, a relAttr) (int32, error) {
	if len(ix.rels) >= maxRels {
		return 0, fmt.Errorf("embedded: too many relations")
	}
	ref, err := ix.ids.add(id)
	if err != nil {
		return 0, err
	}
	r := int32(len(ix.rels))
	ix.rels = append(ix.rels, a)
	ix.relRef = append(ix.relRef, ref)
	ix.noteAppended(r)
	ix.relations++
	ix.countRel(&a, 1)
	return r, nil
}

func (ix *index) halfEdges(r int32) (atFrom, atTo halfEdge) {
	a := &ix.rels[r]
	meta := uint32(r)
	if a.typ != typeUnknown && typeSym[a.typ] {
		meta |= heSym
	}
	return halfEdge{nbr: a.to, meta: meta | heOut}, halfEdge{nbr: a.from, meta: meta}
}

func (ix *index) linkRel(r int32) {
	hf, ht := ix.halfEdges(r)
	a := &ix.rels[r]
	ix.touchNode(a.from)
	ix.touchNode(a.to)
	ix.adj[a.from] = append(ix.adj[a.from], hf)
	ix.adj[a.to] = append(ix.adj[a.to], ht)
}

func (ix *index) addRel(id []byte, a relAttr) (int32, error) {
	r, err := ix.appendRel(id, a)
	if err != nil {
		return 0, err
	}
	ix.linkRel(r)
	return r, nil
}

func removeHalfEdge(list []halfEdge, r int32) []halfEdge {
	for i := range list {
		if list[i].rel() == r {
			return slices.Delete(list, i, i+1)
		}
	}
	return list
}

func (ix *index) deleteRel(r int32) {
	a := &ix.rels[r]
	if a.flags&relDeleted != 0 {
		return
	}
	ix.adj[a.from] = removeHalfEdge(ix.adj[a.from], r)
	ix.adj[a.to] = removeHalfEdge(ix.adj[a.to], r)
	ix.countRel(a, -1)
	a.flags |= relDeleted
	ix.relations--
	ix.touchNode(a.from)
	ix.touchNode(a.to)
}

// deleteNodeRels removes every relation of node n, which are rels: each
// neighbour's list is filtered once, and n's is dropped whole. (Removing
// them one by one searched n's list once per relation: quadratic in its
// degree, seconds under the write lock for an actor with 100,000.)
func (ix *index) deleteNodeRels(n int32, rels []int32) {
	for _, r := range rels {
		a := &ix.rels[r]
		if a.flags&relDeleted != 0 {
			continue
		}
		ix.countRel(a, -1)
		a.flags |= relDeleted
		ix.relations--
	}
	filtered := make(map[int32]bool)
	for _, r := range rels {
		a := &ix.rels[r]
		other := a.from
		if other == n {
			other = a.to
		}
		if other == n || filtered[other] {
			continue
		}
		filtered[other] = true
		ix.touchNode(other)
		ix.adj[other] = slices.DeleteFunc(ix.adj[other], func(h halfEdge) bool { return ix.rels[h.rel()].flags&relDeleted != 0 })
	}
	ix.adj[n] = nil
	ix.touchNode(n)
}

func (ix *index) relID(r int32) []byte { return ix.ids.get(ix.relRef[r]) }

// noteAppended extends the id-ordered prefix of the relations over the
// just appended relation r if its id is greater than the prefix's last.
// (Deleted relations keep their ids in the arena, so the comparison holds.)
func (ix *index) noteAppended(r int32) {
	if ix.relSorted == r && (r == 0 || bytes.Compare(ix.relID(r), ix.relID(r-1)) > 0) {
		ix.relSorted++
	}
}

// compareNodes orders nodes by actor id.
func (ix *index) compareNodes(a, b int32) int {
	if a < ix.nodeSorted && b < ix.nodeSorted {
		return cmp.Compare(a, b)
	}
	return strings.Compare(ix.nodes[a].id, ix.nodes[b].id)
}

// compareRels orders relations by id.
func (ix *index) compareRels(a, b int32) int {
	if a < ix.relSorted && b < ix.relSorted {
		return cmp.Compare(a, b)
	}
	return bytes.Compare(ix.relID(a), ix.relID(b))
}

// findRel returns the index of the live relation with the given id stored
// from node from, or -1.
func (ix *index) findRel(from int32, id string) int32 {
	for _, h := range ix.adj[from] {
		if h.out() && string(ix.relID(h.rel())) == id {
			return h.rel()
		}
	}
	return -1
}

// rebuildAdj lays the adjacency lists out again from the relation table,
// CSR-like: one backing array, each node's list a full slice of it, so that
// a later append to one list reallocates only that list.
func (ix *index) rebuildAdj() {
	ix.touchNode(touchAll)
	deg := make([]int32, len(ix.nodes))
	total := 0
	for i := range ix.rels {
		a := &ix.rels[i]
		if a.flags&relDeleted != 0 {
			continue
		}
		deg[a.from]++
		deg[a.to]++
		total += 2
	}
	backing := make([]halfEdge, total)
	off := 0
	adj := make([][]halfEdge, len(ix.nodes))
	for n, d := range deg {
		adj[n] = backing[off : off : off+int(d)]
		off += int(d)
	}
	ix.adj = adj // drop the old lists before filling, so both need not be live
	for i := range ix.rels {
		if ix.rels[i].flags&relDeleted != 0 {
			continue
		}
		hf, ht := ix.halfEdges(int32(i))
		a := &ix.rels[i]
		adj[a.from] = append(adj[a.from], hf)
		adj[a.to] = append(adj[a.to], ht)
	}
}

// better reports whether relation a is a better hop than b: higher
// confidence, then smaller id.
func (ix *index) better(a, b int32) bool {
	ca, cb := ix.rels[a].conf, ix.rels[b].conf
	if ca != cb {
		return ca > cb
	}
	return bytes.Compare(ix.relID(a), ix.relID(b)) < 0
}

// catalog exposes the index to graph.Bundle.Validate, and the stored
// texts through text (nil: none), which is only asked about sources that
// have a text.
type catalog struct {
	ix   *index
	text func(id string) (string, bool)
}

// StoredText implements graph.TextCatalog.
func (c catalog) StoredText(id string) (string, bool) {
	if src, ok := c.ix.sources[id]; !ok || src.TextLength == 0 || c.text == nil {
		return "", false
	}
	return c.text(id)
}

func (c catalog) ActorKind(id string) (graph.Kind, bool) {
	n, ok := c.ix.byID[id]
	if !ok {
		return "", false
	}
	return kindOfCode(c.ix.nodes[n].kind), true
}

func (c catalog) LookupSource(id string) (graph.Source, bool) {
	s, ok := c.ix.sources[id]
	return s, ok
}

func (ix *index) kindOf(id string) (graph.Kind, bool) { return catalog{ix: ix}.ActorKind(id) }

func (ix *index) lookupSource(id string) (graph.Source, bool) {
	return catalog{ix: ix}.LookupSource(id)
}
