package embedded

import (
	"context"
	"fmt"
	"runtime/debug"
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"

	"github.com/actorgraph/actorgraph/graph"
)

// Import validates b against itself and the stored graph, then writes it
// in one transaction: everything lands or nothing does. Sources, actors
// and relations whose id exists are replaced, so importing a bundle twice
// changes nothing. Besides the bundle rules, an actor may not change kind
// if a stored relation that the bundle does not replace would then join
// kinds its type does not allow. *graph.ValidationError (EINVALID) listing
// every problem.
func (s *Store) Import(ctx context.Context, b *graph.Bundle) (graph.ImportResult, error) {
	if err := s.begin(ctx); err != nil {
		return graph.ImportResult{}, err
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if err := s.begin(ctx); err != nil {
		return graph.ImportResult{}, err
	}
	start := s.now()
	ix := s.ix
	plan, err := prepareImport(ctx, ix, b)
	if err != nil {
		return graph.ImportResult{}, err
	}
	validated := s.now()
	err = s.commit("import", func(tx *bolt.Tx) error { return plan.write(ctx, tx, ix) }, plan.apply)
	if err != nil {
		return graph.ImportResult{}, err
	}
	if len(b.Relations)+len(b.Actors) > 100_000 {
		// A big import leaves the file's pages and lots of garbage
		// resident; hand both back.
		_ = s.db.View(func(tx *bolt.Tx) error {
			releaseMapped(s.db, tx.Size())
			return nil
		})
		debug.FreeOSMemory()
	}
	s.log.Info("embedded store import", "sources", plan.result.Sources, "actors", plan.result.Actors,
		"relations", plan.result.Relations, "replaced_relations", len(plan.replaced),
		"validate", validated.Sub(start), "total", s.now().Sub(start))
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
}

func prepareImport(ctx context.Context, ix *index, b *graph.Bundle) (*importPlan, error) {
	if b == nil {
		return nil, graph.Errorf(graph.EINVALID, "the bundle is empty")
	}
	if b.Format != "" && b.Format != graph.BundleFormat {
		return nil, graph.Errorf(graph.EINVALID, "unknown bundle format %q; this version reads %q", clip(b.Format, 40), graph.BundleFormat)
	}
	if len(b.Relations) >= maxRels-len(ix.rels) {
		return nil, graph.Errorf(graph.ETOOLARGE, "the bundle holds too many relations")
	}
	if err := b.Validate(catalog{ix}); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, ctxError{err}
	}
	if err := checkKindChanges(ix, b); err != nil {
		return nil, err
	}
	p := &importPlan{b: b, result: graph.ImportResult{Sources: len(b.Sources), Actors: len(b.Actors), Relations: len(b.Relations)}}
	p.sourceOrder = order(len(b.Sources), func(i int) string { return b.Sources[i].ID })
	p.actorOrder = order(len(b.Actors), func(i int) string { return b.Actors[i].ID })
	p.relOrd = order(len(b.Relations), func(i int) string { return b.Relations[i].ID })
	for i := range b.Actors {
		if _, ok := ix.byID[b.Actors[i].ID]; !ok {
			p.newActors++
		}
	}
	return p, nil
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
	if !sorted {
		slices.SortFunc(out, func(a, b int32) int { return strings.Compare(key(int(a)), key(int(b))) })
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

// write puts the plan's entries in tx, in key order, and notes which
// relations it replaces.
func (p *importPlan) write(ctx context.Context, tx *bolt.Tx, ix *index) error {
	b := p.b
	sb := tx.Bucket(bucketSources)
	for _, i := range p.sourceOrder {
		v, err := encodeSource(&b.Sources[i])
		if err != nil {
			return err
		}
		if err := sb.Put([]byte(b.Sources[i].ID), v); err != nil {
			return err
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
	var h relHeader
	for k, i := range p.relOrd {
		if k&8191 == 0 && ctx.Err() != nil {
			return ctxError{ctx.Err()}
		}
		r := &b.Relations[i]
		key := []byte(r.ID)
		if ix.relations > 0 {
			if old := rb.Get(key); old != nil {
				if err := decodeRelHeader(old, &h); err != nil {
					return err
				}
				p.replaced = append(p.replaced, replacedRel{id: r.ID, from: string(h.from), nEvidence: h.nEvidence})
			}
		}
		if err := rb.Put(key, buf.value(func(dst []byte) []byte { return appendRelation(dst, r) })); err != nil {
			return err
		}
	}
	return putCounts(tx, ix.actors+p.newActors, ix.relations+len(b.Relations)-len(p.replaced))
}

// apply brings the index up to date after the commit. A big import lays
// the adjacency lists out afresh instead of growing each one.
func (p *importPlan) apply(ix *index) error {
	b := p.b
	for _, src := range b.Sources {
		ix.sources[src.ID] = cloneSource(src)
	}
	for i := range b.Actors {
		a := &b.Actors[i]
		ix.putNode(a.ID, a.Kind, a.Name, a.Aliases)
	}
	for _, old := range p.replaced {
		if n, ok := ix.byID[old.from]; ok {
			if r := ix.findRel(n, old.id); r >= 0 {
				ix.deleteRel(r)
			}
		}
		ix.evidence -= old.nEvidence
	}
	bulk := len(b.Relations) >= 4096 && len(b.Relations) >= ix.relations/4
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
