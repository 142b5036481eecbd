package analyst

import (
	"context"
	"fmt"
	"io"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/encoding"
)

// Sources lists every source by id.
func (s *Service) Sources(ctx context.Context) ([]graph.Source, error) {
	list, err := s.store.Sources(ctx)
	if list == nil && err == nil {
		list = []graph.Source{}
	}
	return list, err
}

// Source returns one source. ENOTFOUND.
func (s *Service) Source(ctx context.Context, id string) (graph.Source, error) {
	return s.store.Source(ctx, id)
}

// Stats summarises the graph, with the top most connected actors.
// EINVALID for top outside 0..Limits.MaxSearch.
func (s *Service) Stats(ctx context.Context, top int) (graph.Stats, error) {
	if top < 0 || top > s.limits.MaxSearch {
		return graph.Stats{}, graph.Errorf(graph.EINVALID, "top must be between 0 and %d", s.limits.MaxSearch)
	}
	return s.store.Stats(ctx, top)
}

// EachActor calls fn for every actor, in id order, streaming; it stops at
// fn's first error.
func (s *Service) EachActor(ctx context.Context, fn func(graph.Actor) error) error {
	return s.store.EachActor(ctx, fn)
}

// EachEdge calls fn for every relation that passes f, as an edge, in id
// order, streaming; it stops at fn's first error. EINVALID.
func (s *Service) EachEdge(ctx context.Context, f graph.RelationFilter, fn func(graph.Edge) error) error {
	return s.store.EachEdge(ctx, f, fn)
}

// WriteBundle streams the whole graph as one bundle (graph.BundleFormat)
// to w: sources with their texts, then actors and relations in id order,
// every relation whatever its status, without holding them all in memory.
// It reads the graph with graph.Store.Export, so writes made while it runs
// do not break it: the bundle is one state of the graph (on Neo4j, at
// least one that imports). It is what Import reads back: a backup.
// (Proposals and the audit log are not in it.) It is the only caller of
// Store.Export.
func (s *Service) WriteBundle(ctx context.Context, w io.Writer) error {
	bw := &bundleJSON{arr: encoding.NewJSONArray(w, `{"format":"`+graph.BundleFormat+`",`+"\n"+`"sources":[`)}
	if err := s.store.Export(ctx, bw); err != nil {
		return err
	}
	if err := bw.to(partRelations); err != nil {
		return err
	}
	return bw.arr.Close("]}\n")
}

// Parts of a bundle, in the order Export streams them.
const (
	partSources = iota
	partActors
	partRelations
)

// bundleJSON writes what Store.Export streams as the lists of one bundle
// object, opening each list when its first entry comes (or at the end,
// empty).
type bundleJSON struct {
	arr  *encoding.JSONArray
	part int
}

// to closes the lists before part and opens part's.
func (b *bundleJSON) to(part int) error {
	if part < b.part {
		return fmt.Errorf("analyst: the store exported %s after %s", partName[part], partName[b.part])
	}
	for b.part < part {
		b.part++
		b.arr.Next(`"` + partName[b.part] + `":[`)
	}
	return nil
}

var partName = [...]string{"sources", "actors", "relations"}

func (b *bundleJSON) Source(src graph.Source) error {
	if err := b.to(partSources); err != nil {
		return err
	}
	return b.arr.Add(&src)
}

func (b *bundleJSON) Actor(a graph.Actor) error {
	if err := b.to(partActors); err != nil {
		return err
	}
	return b.arr.Add(&a)
}

func (b *bundleJSON) Relation(r graph.Relation) error {
	if err := b.to(partRelations); err != nil {
		return err
	}
	return b.arr.Add(&r)
}
