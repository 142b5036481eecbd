package analyst

import (
	"context"

	"github.com/actorgraph/actorgraph/graph"
)

// didYouMean is how many candidates an unresolved reference lists.
const didYouMean = 5

// Resolve returns the one actor ref denotes: an actor id, or a name or
// alias that matches exactly one actor (graph.Store.Resolve, which never
// guesses: a spelling is not enough). When several actors match, the error
// is a *graph.AmbiguousError (EAMBIGUOUS) listing them; when none does, a
// *graph.UnresolvedError (ENOTFOUND) listing the closest actors that the
// search by name finds (transliterations, typos, word order), best first,
// each with the name or alias that came close and why. Every transport
// resolves through this one policy.
// A reference longer than graph.MaxQueryLen bytes or graph.MaxQueryWords
// words is EINVALID, before any name is compared.
func (s *Service) Resolve(ctx context.Context, ref string) (graph.Actor, error) {
	if err := graph.CheckQueryText("the actor reference", ref); err != nil {
		return graph.Actor{}, err
	}
	a, err := s.store.Resolve(ctx, ref)
	if graph.ErrorCode(err) != graph.ENOTFOUND {
		return a, err
	}
	return graph.Actor{}, s.unresolved(ctx, ref)
}

// unresolved builds the error for a reference that names no actor, with
// the candidates a search finds for it.
func (s *Service) unresolved(ctx context.Context, ref string) error {
	u := &graph.UnresolvedError{Ref: ref}
	res, err := s.store.SearchActors(ctx, graph.SearchQuery{Text: ref, Limit: min(didYouMean, s.limits.MaxSearch)})
	if err != nil {
		if code := graph.ErrorCode(err); code == graph.EUNAVAILABLE || code == graph.EINTERNAL {
			return err
		}
		return u // a reference that is no valid search (too long, say) has no candidates
	}
	for _, h := range res.Hits {
		u.Candidates = append(u.Candidates, graph.Candidate{ActorRef: h.Actor.Ref(), Matched: h.Matched, Why: h.Why})
	}
	return u
}

// resolveAll resolves every reference, dropping repeats of one actor, in
// order.
func (s *Service) resolveAll(ctx context.Context, refs []string) ([]graph.Actor, error) {
	out := make([]graph.Actor, 0, len(refs))
	seen := map[string]bool{}
	for _, ref := range refs {
		a, err := s.Resolve(ctx, ref)
		if err != nil {
			return nil, err
		}
		if !seen[a.ID] {
			seen[a.ID] = true
			out = append(out, a)
		}
	}
	return out, nil
}
