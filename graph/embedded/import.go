package embedded

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/names"
)

// Import validates b against itself and the stored graph, then writes it
// in one transaction: everything lands or nothing does. Sources, actors
// and relations whose id exists are replaced, so importing a bundle twice
// changes nothing. Besides the bundle rules, an actor may not change kind
// if a stored relation that the bundle does not replace would then join
// kinds its type does not allow. *graph.ValidationError (EINVALID) listing
// every problem.
func (s *Store) Import(ctx context.Context, b *graph.Bundle) (graph.ImportResult, error) {
	var (
		plan                                          *importPlan
		start, validated, written, committed, applied time.Time
	)
	err := s.write(ctx, func(ix *index) error {
		start = s.now()
		var err error
		if plan, err = prepareImport(ctx, ix, b, s.storedText); err != nil {
			return err
		}
		validated = s.now()
		err = s.commit("import", room{nodes: plan.newActors, rels: len(b.Relations)}, func(tx *bolt.Tx) error {
			err := plan.write(ctx, tx, ix)
			written = s.now()
			return err
		}, func(ix *index) error {
			committed = s.now()
			return plan.apply(ix)
		})
		applied = s.now()
		return err
	})
	if err != nil {
		return graph.ImportResult{}, err
	}
	if len(b.Relations)+len(b.Actors) > 100_000 {
		// A big import leaves the file's pages and lots of garbage
		// resident; hand both back, without making the caller wait (it
		// is a full garbage collection; the import is done).
		go func() {
			_ = s.db.View(func(tx *bolt.Tx) error {
				releaseMapped(s.db, tx.Size())
				return nil
			})
			debug.FreeOSMemory()
		}()
	}
	s.log.Info("embedded store import", "sources", plan.result.Sources, "actors", plan.result.Actors,
		"relations", plan.result.Relations, "replaced_relations", len(plan.replaced),
		"validate", validated.Sub(start), "write", written.Sub(validated), "commit", committed.Sub(written),
		"apply", applied.Sub(committed), "total", s.now().Sub(start))
	return plan.result, nil
}

type replacedRel struct {
	id, from  string
	nEvidence int
}

// importPlan is a validated bundle, its entries in key order, and what
// writing it found.
type importPlan struct {
	b                               *graph.Bundle
	sourceOrder, actorOrder, relOrd []int32
	result                          graph.ImportResult
	newActors                       int
	replaced                        []replacedRel

	// Index work done before the commit, off the index lock (the writer
	// mutex keeps the index still meanwhile): the node numbers of every
	// relation's ends, in relOrd order, as apply will number the new
	// actors (base is len(ix.nodes) when they were computed); and, built
	// while bbolt commits, the relations' attributes and an arena of their
	// ids.
	base  int
	fresh map[string]int32 // new actor -> node, from numberActors until resolveEnds
	pos   []int32          // relation's bundle position -> its place in relOrd
	ends  [][2]int32
	pre   chan *prebuilt
	enc   []encoded // in relOrd order, from write
}

// prebuilt is the relation table rows of an import, in relOrd order, and
// the names of its actors, parsed for the names index.
type prebuilt struct {
	attrs    []relAttr
	refs     []uint32 // into ids
	ids      arena
	evidence int // pieces over all the relations
	names    names.Batch

	// The new actors' nodes, in actorOrder order, the index's byID with
	// them added, and the bundle's actors that the index holds already.
	nodes   []node
	byID    map[string]int32
	updates []nodeUpdate

	err error
}

// nodeUpdate is an actor of the bundle that the index holds already: node
// n, the actor at actorOrder[k].
type nodeUpdate struct {
	n int32
	k int
}

// prepareImport validates b against the index and the stored texts
// (text, nil for none) and plans its writing.
func prepareImport(ctx context.Context, ix *index, b *graph.Bundle, text func(string) (string, bool)) (*importPlan, error) {
	if b == nil {
		return nil, graph.Errorf(graph.EINVALID, "the bundle is empty")
	}
	if b.Format != "" && b.Format != graph.BundleFormat {
		return nil, graph.Errorf(graph.EINVALID, "unknown bundle format %q; this version reads %q", clip(b.Format, 40), graph.BundleFormat)
	}
	if len(b.Relations) >= maxRels-len(ix.rels) {
		return nil, graph.Errorf(graph.ETOOLARGE, "the bundle holds too many relations")
	}
	p := &importPlan{b: b, result: graph.ImportResult{Sources: len(b.Sources), Actors: len(b.Actors), Relations: len(b.Relations)}}
	// Sorting the ids and numbering the new actors read only ids, which
	// Validate does not change: do them on another core meanwhile.
	var wg sync.WaitGroup
	wg.Go(func() {
		p.actorOrder = order(len(b.Actors), func(i int) string { return b.Actors[i].ID })
		p.relOrd = order(len(b.Relations), func(i int) string { return b.Relations[i].ID })
		p.pos = make([]int32, len(p.relOrd))
		for k, i := range p.relOrd {
			p.pos[i] = int32(k)
		}
		p.numberActors(ix)
	})
	err := b.Validate(catalog{ix: ix, text: text})
	wg.Wait()
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, ctxError{err}
	}
	if err := checkKindChanges(ix, b); err != nil {
		return nil, err
	}
	p.sourceOrder = order(len(b.Sources), func(i int) string { return b.Sources[i].ID })
	for i := range b.Sources {
		// A source that comes without its text keeps the stored one.
		if src := &b.Sources[i]; src.Text == "" {
			src.TextLength = ix.sources[src.ID].TextLength
		}
	}
	return p, nil
}

// numberActors numbers the bundle's new actors as apply will: after the
// index's nodes, in id order (base is len(ix.nodes) then).
func (p *importPlan) numberActors(ix *index) {
	b := p.b
	p.base = len(ix.nodes)
	p.fresh = make(map[string]int32, len(b.Actors))
	for _, i := range p.actorOrder {
		id := b.Actors[i].ID
		if _, ok := ix.byID[id]; ok {
			continue
		}
		if _, dup := p.fresh[id]; !dup {
			p.fresh[id] = int32(p.base + len(p.fresh))
		}
	}
	p.newActors = len(p.fresh)
}

// resolveEnds finds the node numbers of both ends of every relation, in
// relOrd order, as numberActors numbered the new actors; -1 for an end
// that does not exist (Validate reports it). It walks the relations in
// bundle order, the order of their memory; relations come grouped by
// their From often enough (an export lists them in id order, and ids
// start with the From) that the last From is remembered.
func (p *importPlan) resolveEnds(ix *index) {
	b := p.b
	node := func(id string) int32 {
		if n, ok := ix.byID[id]; ok {
			return n
		}
		if n, ok := p.fresh[id]; ok {
			return n
		}
		return -1
	}
	pos := p.pos
	p.ends = make([][2]int32, len(p.relOrd))
	lastFrom, lastNode := "", int32(-1)
	for i := range b.Relations {
		r := &b.Relations[i]
		if r.From != lastFrom || lastNode < 0 {
			lastFrom, lastNode = r.From, node(r.From)
		}
		p.ends[pos[i]] = [2]int32{lastNode, node(r.To)}
	}
	p.fresh = nil
}

// keyed is an entry's key and position, sorted together so that the sort
// compares without chasing an index into the bundle; prefix holds the
// key's first eight bytes (big-endian, zero-padded), so that most
// comparisons are one integer comparison and never read the string.
type keyed struct {
	prefix uint64
	key    string
	i      int32
}

func keyPrefix(s string) uint64 {
	var p uint64
	for i := range 8 {
		p <<= 8
		if i < len(s) {
			p |= uint64(s[i])
		}
	}
	return p
}

func compareKeyed(a, b keyed) int {
	if a.prefix != b.prefix {
		if a.prefix < b.prefix {
			return -1
		}
		return 1
	}
	return strings.Compare(a.key, b.key)
}

// order returns 0..n-1 sorted by key: bbolt inserts in key order are
// appends, in random order they would shift leaf contents on every put.
func order(n int, key func(int) string) []int32 {
	out := make([]int32, n)
	sorted := true
	for i := range out {
		out[i] = int32(i)
		if i > 0 && sorted && key(i-1) > key(i) {
			sorted = false
		}
	}
	if sorted {
		return out
	}
	ks := make([]keyed, n)
	for i := range ks {
		k := key(i)
		ks[i] = keyed{keyPrefix(k), k, int32(i)}
	}
	slices.SortFunc(ks, compareKeyed)
	for i := range ks {
		out[i] = ks[i].i
	}
	return out
}

// checkKindChanges rejects an actor whose kind changes while a stored
// relation the bundle does not replace would no longer fit its type.
func checkKindChanges(ix *index, b *graph.Bundle) error {
	var problems []graph.Problem
	var relIDs map[string]bool
	bundleKind := map[string]graph.Kind{}
	for _, a := range b.Actors {
		bundleKind[a.ID] = a.Kind
	}
	kindOf := func(n int32) graph.Kind {
		if k, ok := bundleKind[ix.nodes[n].id]; ok {
			return k
		}
		return kindOfCode(ix.nodes[n].kind)
	}
	for i, a := range b.Actors {
		n, ok := ix.byID[a.ID]
		if !ok || kindOfCode(ix.nodes[n].kind) == a.Kind {
			continue
		}
		if relIDs == nil {
			relIDs = make(map[string]bool, len(b.Relations))
			for _, r := range b.Relations {
				relIDs[r.ID] = true
			}
		}
		for _, h := range ix.adj[n] {
			r := h.rel()
			id := string(ix.relID(r))
			if relIDs[id] {
				continue
			}
			at := &ix.rels[r]
			if at.typ == typeUnknown {
				continue
			}
			t, _ := graph.LookupType(typeNames[at.typ])
			if !t.Allows(kindOf(at.from), kindOf(at.to)) {
				problems = append(problems, graph.Problem{File: b.ActorFile(i), Entry: fmt.Sprintf("actors[%d] %q", i, a.ID), Field: "kind",
					Message: fmt.Sprintf("cannot become %s: stored relation %q (%s) would no longer fit; replace or delete it too", a.Kind, id, t.Name)})
				break
			}
		}
	}
	if len(problems) > 0 {
		return &graph.ValidationError{Problems: problems}
	}
	return nil
}

// bufs hands out encoding space in large chunks; bbolt keeps the values
// until the commit, and chunks avoid one allocation per record.
type bufs struct{ cur []byte }

func (b *bufs) value(enc func([]byte) []byte) []byte {
	if cap(b.cur)-len(b.cur) < 4096 {
		b.cur = make([]byte, 0, 1<<20)
	}
	start := len(b.cur)
	b.cur = enc(b.cur)
	return b.cur[start:len(b.cur):len(b.cur)]
}

// encoded is a relation as the import writes it: its key and value, and
// its row of the relation table (ends not yet set).
type encoded struct {
	key, val []byte
	attr     relAttr
}

// encodeAll encodes every relation, each goroutine (GOMAXPROCS of them) a
// contiguous share in bundle order: that reads the bundle's memory in the
// order it was allocated, where the key order (the order of the puts) would
// jump about it, which with millions of relations costs more than the
// encoding. The results land in key order, so that the puts and the index
// rows then read them in order. bbolt keeps keys and values until the
// commit, so they live in chunked buffers of their own.
func (p *importPlan) encodeAll() []encoded {
	rels := p.b.Relations
	out := make([]encoded, len(rels))
	workers := runtime.GOMAXPROCS(0)
	if len(rels) < 16<<10 {
		workers = 1
	}
	per := (len(rels) + workers - 1) / workers
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := min(w*per, len(rels)), min((w+1)*per, len(rels))
		wg.Go(func() {
			var buf bufs
			for i := lo; i < hi; i++ {
				r := &rels[i]
				kv := buf.value(func(dst []byte) []byte { return appendRelation(append(dst, r.ID...), r) })
				n := len(r.ID)
				out[p.pos[i]] = encoded{key: kv[:n:n], val: kv[n:],
					attr: attrOf(0, 0, typeCode(r.Type), confMilli(r.Confidence), r.Contested, r.ValidFrom, r.ValidTo)}
			}
		})
	}
	wg.Wait()
	return out
}

// write puts the plan's entries in tx, in key order, and notes which
// relations it replaces. The relations are encoded on another core while
// this one puts them in the B-tree; once they are all in, the index rows
// are built on another core while bbolt commits.
func (p *importPlan) write(ctx context.Context, tx *bolt.Tx, ix *index) error {
	b := p.b
	sb, tb := tx.Bucket(bucketSources), tx.Bucket(bucketTexts)
	for _, i := range p.sourceOrder {
		src := &b.Sources[i]
		v, err := encodeSource(src)
		if err != nil {
			return err
		}
		if err := sb.Put([]byte(src.ID), v); err != nil {
			return err
		}
		if src.Text != "" {
			if err := tb.Put([]byte(src.ID), []byte(src.Text)); err != nil {
				return err
			}
		}
	}
	var buf bufs
	ab := tx.Bucket(bucketActors)
	for k, i := range p.actorOrder {
		if k&8191 == 0 && ctx.Err() != nil {
			return ctxError{ctx.Err()}
		}
		a := &b.Actors[i]
		if err := ab.Put([]byte(a.ID), buf.value(func(dst []byte) []byte { return appendActor(dst, a) })); err != nil {
			return err
		}
	}
	rb := tx.Bucket(bucketRelations)
	if len(p.relOrd) > 10_000 {
		rb.FillPercent = 0.9 // mostly appends: pack pages
	}
	p.enc = p.encodeAll()
	if ctx.Err() != nil {
		return ctxError{ctx.Err()}
	}
	// The index rows need the relations' ends; find them on another core
	// while this one puts.
	var ends sync.WaitGroup
	ends.Go(func() { p.resolveEnds(ix) })
	defer ends.Wait()
	var h relHeader
	for k := range p.enc {
		if k&8191 == 0 && ctx.Err() != nil {
			return ctxError{ctx.Err()}
		}
		e := &p.enc[k]
		if ix.relations > 0 {
			if old := rb.Get(e.key); old != nil {
				if err := decodeRelHeader(old, &h); err != nil {
					return err
				}
				p.replaced = append(p.replaced, replacedRel{id: b.Relations[p.relOrd[k]].ID, from: string(h.from), nEvidence: h.nEvidence})
			}
		}
		if err := rb.Put(e.key, e.val); err != nil {
			return err
		}
	}
	if err := putCounts(tx, ix.actors+p.newActors, ix.relations+len(b.Relations)-len(p.replaced)); err != nil {
		return err
	}
	ends.Wait()
	if bulkImport(len(b.Relations), ix.relations-len(p.replaced)) {
		p.pre = make(chan *prebuilt, 1)
		go func() { p.pre <- p.prebuild(ix) }()
	}
	return nil
}

// bulkImport reports whether an import of n relations into an index of
// have lays the adjacency lists out afresh rather than growing each one.
func bulkImport(n, have int) bool { return n >= 4096 && n >= have/4 }

// prebuild makes the relation table rows of the import.
// It runs while bbolt commits; ix does not change meanwhile (the writer
// mutex is held), and reading it alongside readers is safe.
func (p *importPlan) prebuild(ix *index) *prebuilt {
	pb := &prebuilt{attrs: make([]relAttr, len(p.relOrd)), refs: make([]uint32, len(p.relOrd))}
	pb.byID = make(map[string]int32, len(ix.byID)+p.newActors)
	for id, n := range ix.byID {
		pb.byID[id] = n
	}
	pb.nodes = make([]node, 0, p.newActors)
	for k, i := range p.actorOrder {
		a := &p.b.Actors[i]
		n, ok := ix.byID[a.ID]
		if ok {
			pb.updates = append(pb.updates, nodeUpdate{n, k})
		} else {
			n = int32(p.base + len(pb.nodes))
			pb.byID[a.ID] = n
			pb.nodes = append(pb.nodes, node{id: a.ID, kind: kindCode(a.Kind)})
		}
		pb.names.Add(uint32(n), a.Name, a.Aliases)
	}
	for i := range p.b.Relations {
		pb.evidence += len(p.b.Relations[i].Evidence)
	}
	for k := range p.relOrd {
		enc := &p.enc[k]
		e := p.ends[k]
		if e[0] < 0 || e[1] < 0 {
			pb.err = fmt.Errorf("embedded: relation %q has an end outside the index", enc.key)
			return pb
		}
		pb.attrs[k] = enc.attr
		pb.attrs[k].from, pb.attrs[k].to = e[0], e[1]
		ref, err := pb.ids.add(enc.key)
		if err != nil {
			pb.err = err
			return pb
		}
		pb.refs[k] = ref
	}
	return pb
}

// apply brings the index up to date after the commit. A big import lays
// the adjacency lists out afresh instead of growing each one.
func (p *importPlan) apply(ix *index) error {
	b := p.b
	var pb *prebuilt
	if p.pre != nil {
		pb = <-p.pre
	}
	p.enc = nil // bbolt has copied the keys and values into its pages
	for _, src := range b.Sources {
		src = src.Clone()
		src.Text = ""
		ix.sources[src.ID] = src
	}
	prenumbered := pb != nil && pb.err == nil && len(ix.nodes) == p.base && len(pb.nodes) == p.newActors
	if prenumbered {
		for _, u := range pb.updates {
			a := &b.Actors[p.actorOrder[u.k]]
			ix.setKind(u.n, kindCode(a.Kind))
		}
		if len(pb.nodes) > 0 {
			// In id order: if the first extends the id-ordered prefix,
			// they all do.
			if int(ix.nodeSorted) == p.base && (p.base == 0 || pb.nodes[0].id > ix.lastNodeID) {
				ix.nodeSorted = int32(p.base + len(pb.nodes))
				ix.lastNodeID = pb.nodes[len(pb.nodes)-1].id
			}
			ix.nodes = append(ix.nodes, pb.nodes...)
			for i := range pb.nodes {
				ix.byKind[pb.nodes[i].kind]++
			}
			ix.adj = append(ix.adj, make([][]halfEdge, len(pb.nodes))...)
			ix.byID = pb.byID
			ix.actors += len(pb.nodes)
		}
		ix.names.AddBatch(&pb.names)
	} else {
		for _, i := range p.actorOrder { // in id order, so that new nodes extend the index's id-ordered prefix
			a := &b.Actors[i]
			ix.putNode(a.ID, a.Kind, a.Name, a.Aliases)
		}
	}
	for _, old := range p.replaced {
		if n, ok := ix.byID[old.from]; ok {
			if r := ix.findRel(n, old.id); r >= 0 {
				ix.deleteRel(r)
			}
		}
		ix.evidence -= old.nEvidence
	}
	bulk := bulkImport(len(b.Relations), ix.relations)
	if bulk && prenumbered && len(ix.ids.chunks)+len(pb.ids.chunks) <= arenaMaxChunks {
		base := uint32(len(ix.ids.chunks)) << arenaChunkBits
		ix.ids.chunks = append(ix.ids.chunks, pb.ids.chunks...)
		first := int32(len(ix.rels))
		ix.rels = append(ix.rels, pb.attrs...)
		for _, ref := range pb.refs {
			ix.relRef = append(ix.relRef, base+ref)
		}
		if len(pb.attrs) > 0 {
			// The rows are in id order: if the first extends the index's
			// id-ordered prefix, they all do.
			if ix.noteAppended(first); ix.relSorted == first+1 {
				ix.relSorted = int32(len(ix.rels))
			}
		}
		ix.relations += len(pb.attrs)
		for i := range pb.attrs {
			ix.countRel(&pb.attrs[i], 1)
		}
		ix.evidence += pb.evidence
		ix.rebuildAdj()
		return nil
	}
	for _, i := range p.relOrd {
		r := &b.Relations[i]
		a := attrOfRelation(ix, r)
		var err error
		if bulk {
			_, err = ix.appendRel([]byte(r.ID), a)
		} else {
			_, err = ix.addRel([]byte(r.ID), a)
		}
		if err != nil {
			return err
		}
		ix.evidence += len(r.Evidence)
	}
	if bulk {
		ix.rebuildAdj()
	}
	return nil
}
