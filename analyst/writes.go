package analyst

import (
	"context"

	"github.com/actorgraph/actorgraph/graph"
)

// CreateActor adds a new actor. EINVALID, ECONFLICT (id taken).
func (s *Service) CreateActor(ctx context.Context, a graph.Actor) (graph.Actor, error) {
	out, err := s.store.CreateActor(ctx, a)
	if err == nil {
		s.actorsAdded(out)
	}
	return out, err
}

// UpdateActor changes the fields of actor id that p sets. ENOTFOUND,
// EINVALID.
func (s *Service) UpdateActor(ctx context.Context, id string, p graph.ActorPatch) (graph.Actor, error) {
	out, err := s.store.UpdateActor(ctx, id, p)
	if err == nil {
		s.actorsChanged()
	}
	return out, err
}

// DeleteActor removes actor id; with cascade its relations too, else an
// actor with relations is ECONFLICT. ENOTFOUND.
func (s *Service) DeleteActor(ctx context.Context, id string, cascade bool) error {
	err := s.store.DeleteActor(ctx, id, cascade)
	if err == nil {
		s.actorsChanged()
	}
	return err
}

// CreateRelation adds a relation; an empty id gets the conventional one.
// Quotes from a source with a text must be in it word for word. EINVALID,
// ECONFLICT (id taken).
func (s *Service) CreateRelation(ctx context.Context, r graph.Relation) (graph.Relation, error) {
	return s.store.CreateRelation(ctx, r)
}

// UpdateRelation changes the fields of relation id that p sets. ENOTFOUND,
// EINVALID.
func (s *Service) UpdateRelation(ctx context.Context, id string, p graph.RelationPatch) (graph.Relation, error) {
	return s.store.UpdateRelation(ctx, id, p)
}

// DeleteRelation removes relation id and its evidence. ENOTFOUND.
func (s *Service) DeleteRelation(ctx context.Context, id string) error {
	return s.store.DeleteRelation(ctx, id)
}

// AddEvidence appends a piece of evidence to relation id and returns the
// relation with its derived fields recomputed; a quote from a source with a
// text must be in it word for word. ENOTFOUND, EINVALID.
func (s *Service) AddEvidence(ctx context.Context, id string, e graph.Evidence) (graph.Relation, error) {
	return s.store.AddEvidence(ctx, id, e)
}

// Import writes a bundle in one transaction: everything lands or nothing
// does (graph.Store.Import). *graph.ValidationError (EINVALID) lists every
// problem.
func (s *Service) Import(ctx context.Context, b *graph.Bundle) (graph.ImportResult, error) {
	res, err := s.store.Import(ctx, b)
	s.srcs.drop()
	if err == nil && len(b.Actors) > 0 {
		s.actorsChanged()
	}
	return res, err
}
