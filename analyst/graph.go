package analyst

import (
	"context"
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
// It is what Import reads back: a backup. (Proposals and the audit log are
// not in it.)
func (s *Service) WriteBundle(ctx context.Context, w io.Writer) error {
	srcs, err := s.store.Sources(ctx)
	if err != nil {
		return err
	}
	arr := encoding.NewJSONArray(w, `{"format":"`+graph.BundleFormat+`",`+"\n"+`"sources":[`)
	for i := range srcs {
		src := srcs[i]
		if src.TextLength > 0 {
			if src.Text, err = s.store.SourceText(ctx, src.ID); err != nil {
				return err
			}
		}
		if err := arr.Add(&src); err != nil {
			return err
		}
	}
	arr.Next(`"actors":[`)
	if err := s.store.EachActor(ctx, func(a graph.Actor) error { return arr.Add(&a) }); err != nil {
		return err
	}
	arr.Next(`"relations":[`)
	if err := s.store.EachRelation(ctx, graph.Everything, func(r graph.Relation) error { return arr.Add(&r) }); err != nil {
		return err
	}
	return arr.Close("]}\n")
}
