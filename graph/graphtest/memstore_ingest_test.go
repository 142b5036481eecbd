package graphtest

import (
	"context"
	"fmt"
	"slices"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph"
)

// The ingestion methods of the reference store: the contract of
// graph.Ingestion written as plainly as possible. Every write works on
// copies and swaps them in only when everything succeeded, which is what
// "one transaction" means here.

func (s *memStore) SourceText(_ context.Context, id string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.sources[id]; !ok {
		return "", graph.Errorf(graph.ENOTFOUND, "no source %q", id)
	}
	t, ok := s.texts[id]
	if !ok {
		return "", graph.Errorf(graph.ENOTFOUND, "source %q has no text", id)
	}
	return t, nil
}

// appendAudit numbers rec and appends it.
func (s *memStore) appendAudit(rec graph.AuditRecord) graph.AuditRecord {
	rec = rec.Clone()
	rec.Seq = int64(len(s.audit)) + 1
	if rec.Changes == nil {
		rec.Changes = []graph.Change{}
	}
	s.audit = append(s.audit, rec)
	return rec.Clone()
}

func (s *memStore) CreateSource(_ context.Context, src graph.Source, ps []graph.Proposal, rec graph.AuditRecord) (graph.Source, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	src = src.Clone()
	if err := graph.CheckText(src.Text, graph.MaxTextBytes); err != nil {
		return graph.Source{}, err
	}
	b := &graph.Bundle{Format: graph.BundleFormat, Sources: []graph.Source{src}}
	if err := b.Validate(s); err != nil {
		return graph.Source{}, err
	}
	if _, ok := s.sources[src.ID]; ok {
		return graph.Source{}, graph.Errorf(graph.ECONFLICT, "source %q exists", src.ID)
	}
	if s.bug == "source-partial" {
		s.sources[src.ID] = src
		s.cached = nil
	}
	if err := graph.CheckProposals(src.ID, src.Text, ps, true); err != nil {
		return graph.Source{}, err
	}
	for _, p := range ps {
		if _, ok := s.proposals[p.ID]; ok {
			return graph.Source{}, graph.Errorf(graph.ECONFLICT, "proposal %q exists", p.ID)
		}
	}
	s.texts[src.ID] = src.Text
	src.Text, src.TextLength = "", utf8.RuneCountInString(src.Text)
	s.sources[src.ID] = src
	s.cached = nil
	for _, p := range ps {
		s.proposals[p.ID] = p.Clone()
	}
	s.appendAudit(rec)
	return src.Clone(), nil
}

func (s *memStore) ReplaceProposals(_ context.Context, id string, ps []graph.Proposal, rec graph.AuditRecord) (graph.ReplaceResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.sources[id]; !ok {
		return graph.ReplaceResult{}, graph.Errorf(graph.ENOTFOUND, "no source %q", id)
	}
	text, ok := s.texts[id]
	if !ok {
		return graph.ReplaceResult{}, graph.Errorf(graph.EINVALID, "source %q has no text to extract from", id)
	}
	if err := graph.CheckProposals(id, text, ps, true); err != nil {
		return graph.ReplaceResult{}, err
	}
	var res graph.ReplaceResult
	for pid, p := range s.proposals {
		if p.Source == id && (p.Status == graph.Pending || s.bug == "replace-drops-decided") {
			delete(s.proposals, pid)
			res.Removed++
		}
	}
	for _, p := range ps {
		if old, ok := s.proposals[p.ID]; ok {
			if old.Source != id {
				return graph.ReplaceResult{}, graph.Errorf(graph.ECONFLICT, "proposal %q belongs to source %q", p.ID, old.Source)
			}
			res.Decided++
			continue
		}
		s.proposals[p.ID] = p.Clone()
		res.Added++
	}
	rec.Changes = append(slices.Clone(rec.Changes),
		graph.Change{Op: graph.ChangeRemoveProposals, ID: id, After: fmt.Sprint(res.Removed)},
		graph.Change{Op: graph.ChangeAddProposals, ID: id, After: fmt.Sprint(res.Added)})
	res.Record = s.appendAudit(rec)
	return res, nil
}

func (s *memStore) Proposals(_ context.Context, f graph.ProposalFilter) (graph.ProposalPage, error) {
	if err := f.Normalize(); err != nil {
		return graph.ProposalPage{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var all []graph.Proposal
	for _, p := range s.proposals {
		if f.Match(&p) {
			all = append(all, p.Clone())
		}
	}
	slices.SortFunc(all, func(a, b graph.Proposal) int {
		if graph.ProposalLess(&a, &b) {
			return -1
		}
		if graph.ProposalLess(&b, &a) {
			return 1
		}
		return 0
	})
	page := graph.ProposalPage{Total: len(all), Proposals: []graph.Proposal{}}
	if f.Offset < len(all) {
		page.Proposals = all[f.Offset:min(len(all), f.Offset+f.Limit)]
	}
	return page, nil
}

func (s *memStore) Proposal(_ context.Context, id string) (graph.Proposal, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.proposals[id]
	if !ok {
		return graph.Proposal{}, graph.Errorf(graph.ENOTFOUND, "no proposal %q", id)
	}
	return p.Clone(), nil
}

func (s *memStore) Decide(_ context.Context, r graph.Review) (graph.ReviewResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := graph.CheckReview(&r); err != nil {
		return graph.ReviewResult{}, err
	}
	old, ok := s.proposals[r.Proposal.ID]
	if !ok {
		return graph.ReviewResult{}, graph.Errorf(graph.ENOTFOUND, "no proposal %q", r.Proposal.ID)
	}
	if old.Status != graph.Pending && s.bug != "decide-twice" {
		return graph.ReviewResult{}, graph.Errorf(graph.ECONFLICT, "proposal %q is %s already", old.ID, old.Status)
	}
	p := r.Proposal.Clone()
	rec := r.Record.Clone()
	rec.Changes = append(rec.Changes, graph.Change{Op: graph.ChangeSetStatus, ID: p.ID, Before: string(old.Status), After: string(p.Status)})
	res := graph.ReviewResult{}

	// Work on copies; swap them in at the end.
	actors := map[string]graph.Actor{}
	if r.Actor != nil {
		a := r.Actor.Clone()
		b := &graph.Bundle{Format: graph.BundleFormat, Actors: []graph.Actor{a}}
		if err := b.Validate(s); err != nil { // the actor, its evidence and their quotes
			return graph.ReviewResult{}, err
		}
		if _, taken := s.actors[a.ID]; taken {
			return graph.ReviewResult{}, graph.Errorf(graph.ECONFLICT, "an actor with id %q exists", a.ID)
		}
		actors[a.ID] = a
		res.Actor = &a
		rec.Changes = append(rec.Changes, graph.Change{Op: graph.ChangeCreateActor, ID: a.ID})
		if s.bug == "decide-partial" {
			s.actors[a.ID] = a
			s.cached = nil
		}
	}
	kind := func(id string) (graph.Kind, bool) {
		if a, ok := actors[id]; ok {
			return a.Kind, true
		}
		return s.ActorKind(id)
	}
	var rel *graph.Relation
	if r.Relation != nil {
		want := r.Relation.Clone()
		if err := graph.CheckEvidenceList("relation", want.Evidence, s.LookupSource); err != nil {
			return graph.ReviewResult{}, err
		}
		if err := s.quotes().Check("relation", want.Evidence); err != nil {
			return graph.ReviewResult{}, err
		}
		var ids []string
		for id, x := range s.rels {
			match := graph.SameRelation(&x, want.Type, want.From, want.To)
			if s.bug == "merge-ignores-symmetry" {
				match = x.Type == want.Type && x.From == want.From && x.To == want.To
			}
			if match {
				ids = append(ids, id)
			}
		}
		slices.Sort(ids)
		if len(ids) > 0 {
			x := s.rels[ids[0]].Clone()
			x.Evidence = append(x.Evidence, want.Evidence...)
			x.Derive()
			rel, res.Merged = &x, true
			rec.Changes = append(rec.Changes, graph.Change{Op: graph.ChangeAddEvidence, ID: x.ID, After: fmt.Sprint(len(x.Evidence))})
		} else {
			base := graph.RelationID(want.From, want.Type, want.To)
			want.ID = base
			for n := 2; ; n++ {
				if _, ok := s.rels[want.ID]; !ok {
					break
				}
				want.ID = fmt.Sprintf("%s--%d", base, n)
			}
			if err := graph.AsValidationError("relation", graph.CheckRelation(&want, kind)); err != nil {
				return graph.ReviewResult{}, err
			}
			want.Derive()
			rel = &want
			rec.Changes = append(rec.Changes, graph.Change{Op: graph.ChangeCreateRelation, ID: want.ID})
		}
		res.Relation = rel
		p.Decision.Relation = rel.ID
	}
	var resolved []graph.Proposal
	for _, q := range r.Resolve {
		if cur, ok := s.proposals[q.ID]; ok && cur.Status == graph.Pending && q.ID != p.ID {
			resolved = append(resolved, q.Clone())
			res.Resolved = append(res.Resolved, q.ID)
			rec.Changes = append(rec.Changes, graph.Change{Op: graph.ChangeResolveProposal, ID: q.ID, After: p.Decision.Actor})
		}
	}

	// Everything checked: write.
	for id, a := range actors {
		s.actors[id] = a
	}
	if rel != nil {
		s.rels[rel.ID] = rel.Clone()
	}
	s.cached = nil
	for _, q := range resolved {
		s.proposals[q.ID] = q
	}
	res.Record = s.appendAudit(rec)
	if s.bug == "audit-unordered" && len(s.audit) > 1 {
		n := len(s.audit)
		s.audit[n-1], s.audit[n-2] = s.audit[n-2], s.audit[n-1]
	}
	p.Decision.Audit = res.Record.Seq
	s.proposals[p.ID] = p.Clone()
	res.Proposal = p
	return res, nil
}

func (s *memStore) Audit(_ context.Context, q graph.AuditQuery) ([]graph.AuditRecord, error) {
	if err := q.Normalize(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []graph.AuditRecord{}
	for _, r := range s.audit {
		if q.Match(&r) && len(out) < q.Limit {
			out = append(out, r.Clone())
		}
	}
	return out, nil
}
