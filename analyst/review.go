package analyst

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph"
)

// Review: a person accepts or rejects each proposal. Accepting writes to
// the graph; every decision is recorded, with who, when and what changed,
// in the audit log; the store applies the decision, its writes and its
// record in one transaction (graph.Store.Decide), so they land together or
// not at all.

// Edits change a proposal as it is accepted. Each applies to some kinds
// of proposal only; giving one to another kind is EINVALID.
type Edits struct {
	// Relation proposals.
	Type      string       `json:"type,omitempty"`    // another relation type
	Reverse   bool         `json:"reverse,omitempty"` // swap from and to
	From      string       `json:"from,omitempty"`    // another end: an actor id or unambiguous name
	To        string       `json:"to,omitempty"`
	ValidFrom *graph.Date  `json:"valid_from,omitempty"`
	ValidTo   *graph.Date  `json:"valid_to,omitempty"`
	Role      *string      `json:"role,omitempty"`
	Stance    graph.Stance `json:"stance,omitempty"`
	// The evidence of a relation: who claims it and its grading (defaults:
	// the claimant extraction found, else the source's author or
	// publisher; the source's grading, else F6); the piece of a source
	// that collects several; and the quote, as a span of the text in code
	// points inside the proposal's sentence (default: the proposed quote).
	Claimant    string `json:"claimant,omitempty"`
	Reliability string `json:"reliability,omitempty"`
	Credibility int    `json:"credibility,omitempty"`
	Piece       string `json:"piece,omitempty"`
	QuoteStart  *int   `json:"quote_start,omitempty"`
	QuoteEnd    *int   `json:"quote_end,omitempty"`

	// Actor proposals: the new actor's id (default: made from its name),
	// name, kind, aliases and description.
	ID          string     `json:"id,omitempty"`
	Name        string     `json:"name,omitempty"`
	Kind        graph.Kind `json:"kind,omitempty"`
	Aliases     []string   `json:"aliases,omitempty"`
	Description string     `json:"description,omitempty"`

	// Mention and actor proposals: the existing actor the words name (an
	// id or unambiguous name), instead of the one proposed (a mention) or
	// of a new one (an actor proposal).
	Actor string `json:"actor,omitempty"`
}

// edited collects what the reviewer changed, for the decision and the
// audit record.
type edited struct {
	changes []graph.Change
}

func (e *edited) add(field string, before, after any) {
	b, a := fmt.Sprint(before), fmt.Sprint(after)
	if b != a {
		e.changes = append(e.changes, graph.Change{Op: graph.ChangeEdit, Field: field, Before: b, After: a})
	}
}

// refuse reports edits given to a kind they do not apply to.
func (ed *Edits) refuse(kind graph.ProposalKind) error {
	var wrong []string
	rel := ed.Type != "" || ed.Reverse || ed.From != "" || ed.To != "" || ed.ValidFrom != nil || ed.ValidTo != nil ||
		ed.Role != nil || ed.Stance != "" || ed.Claimant != "" || ed.Reliability != "" || ed.Credibility != 0 ||
		ed.Piece != "" || ed.QuoteStart != nil || ed.QuoteEnd != nil
	act := ed.ID != "" || ed.Name != "" || ed.Kind != "" || ed.Aliases != nil || ed.Description != ""
	if rel && kind != graph.ProposalRelation {
		wrong = append(wrong, "type, reverse, from, to, valid_from, valid_to, role, stance, claimant, reliability, credibility, piece and the quote span apply to relation proposals")
	}
	if act && kind != graph.ProposalActor {
		wrong = append(wrong, "id, name, kind, aliases and description apply to actor proposals")
	}
	if ed.Actor != "" && kind == graph.ProposalRelation {
		wrong = append(wrong, "actor applies to mention and actor proposals (for a relation, edit from or to)")
	}
	if ed.Actor != "" && act {
		wrong = append(wrong, "an actor proposal is either linked to an existing actor (actor) or made a new one (id, name, ...), not both")
	}
	if len(wrong) > 0 {
		return graph.Errorf(graph.EINVALID, "edits that do not fit a %s proposal: %s", kind, strings.Join(wrong, "; "))
	}
	return nil
}

// pendingProposal reads proposal id and checks that it awaits a decision.
func (s *Service) pendingProposal(ctx context.Context, id string) (graph.Proposal, error) {
	p, err := s.store.Proposal(ctx, id)
	if err != nil {
		return p, err
	}
	if p.Status != graph.Pending {
		if p.Decision != nil {
			return p, graph.Errorf(graph.ECONFLICT, "proposal %q was %s by %s at %s; a decision is final", id, p.Status,
				p.Decision.By, p.Decision.At.UTC().Format("2006-01-02 15:04:05Z"))
		}
		return p, graph.Errorf(graph.ECONFLICT, "proposal %q is %s already", id, p.Status)
	}
	return p, nil
}

// maxReason bounds a rejection's reason.
const maxReason = 2000

// Reject rejects proposal id for reason (required), recorded as by's
// decision. ENOTFOUND, ECONFLICT (decided already), EINVALID (no reason).
func (s *Service) Reject(ctx context.Context, by, id, reason string) (graph.ReviewResult, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return graph.ReviewResult{}, graph.Errorf(graph.EINVALID, "a rejection needs a reason, such as \"wrong person\" or \"not stated in the text\"")
	}
	if len(reason) > maxReason || !utf8.ValidString(reason) {
		return graph.ReviewResult{}, graph.Errorf(graph.EINVALID, "the reason must be UTF-8 text of at most %d bytes", maxReason)
	}
	p, err := s.pendingProposal(ctx, id)
	if err != nil {
		return graph.ReviewResult{}, err
	}
	now := s.now().UTC()
	p.Status = graph.Rejected
	p.Decision = &graph.ProposalDecision{By: by, At: now, Reason: reason}
	rec := graph.AuditRecord{At: now, By: by, Action: graph.AuditReject, Source: p.Source, Proposal: p.ID, Reason: reason}
	return s.store.Decide(ctx, graph.Review{Proposal: p, Record: rec})
}

// Accept accepts proposal id with the reviewer's edits, recorded as by's
// decision:
//
//   - a relation becomes a piece of evidence on the stored relation of the
//     same type and ends (either order for a symmetric type), or a new
//     relation; both ends must be actors of the graph (accept a new
//     actor's proposal first, or edit the end);
//   - an actor proposal becomes a new actor (or, with Edits.Actor, names an
//     existing one), and the pending relation proposals of the source that
//     named it as a new actor are resolved to it;
//   - a mention is confirmed (or, with Edits.Actor, corrected, and the
//     pending relation proposals that took their end from it follow).
//
// ENOTFOUND, ECONFLICT (decided already; a new actor's id is taken),
// EINVALID (the edits; the result breaks a rule of the graph, such as the
// kinds a type allows, or a quote not in the text), EAMBIGUOUS (an actor
// named by an ambiguous name).
func (s *Service) Accept(ctx context.Context, by, id string, ed Edits) (graph.ReviewResult, error) {
	p, err := s.pendingProposal(ctx, id)
	if err != nil {
		return graph.ReviewResult{}, err
	}
	if err := ed.refuse(p.Kind); err != nil {
		return graph.ReviewResult{}, err
	}
	now := s.now().UTC()
	rev := graph.Review{}
	e := &edited{}
	decision := &graph.ProposalDecision{By: by, At: now}
	switch p.Kind {
	case graph.ProposalRelation:
		rel, err := s.acceptedRelation(ctx, &p, &ed, e)
		if err != nil {
			return graph.ReviewResult{}, err
		}
		rev.Relation = rel
	case graph.ProposalActor:
		if err := s.acceptActor(ctx, &p, &ed, e, decision, &rev); err != nil {
			return graph.ReviewResult{}, err
		}
	case graph.ProposalMention:
		if err := s.acceptMention(ctx, &p, &ed, e, decision, &rev); err != nil {
			return graph.ReviewResult{}, err
		}
	default:
		return graph.ReviewResult{}, graph.Errorf(graph.EINTERNAL, "proposal %q has kind %q", id, p.Kind)
	}
	decision.Edits = e.changes
	p.Status, p.Decision = graph.Accepted, decision
	rev.Proposal = p
	rev.Record = graph.AuditRecord{At: now, By: by, Action: graph.AuditAccept, Source: p.Source, Proposal: p.ID,
		Changes: append([]graph.Change{}, e.changes...)}
	res, err := s.store.Decide(ctx, rev)
	if err != nil {
		return res, err
	}
	if res.Actor != nil {
		s.actorsAdded(*res.Actor)
	}
	return res, nil
}

// resolveRef resolves an actor reference of an edit; the error names the
// edit.
func (s *Service) resolveRef(ctx context.Context, field, ref string) (graph.Actor, error) {
	a, err := s.Resolve(ctx, strings.TrimSpace(ref))
	if err != nil && graph.ErrorCode(err) == graph.ENOTFOUND {
		return a, graph.Errorf(graph.EINVALID, "%s: %s", field, graph.ErrorMessage(err))
	}
	return a, err
}

// acceptedRelation makes the relation an accepted relation proposal
// becomes, edits applied.
func (s *Service) acceptedRelation(ctx context.Context, p *graph.Proposal, ed *Edits, e *edited) (*graph.Relation, error) {
	pr := p.Relation
	if pr == nil {
		return nil, graph.Errorf(graph.EINTERNAL, "relation proposal %q has no relation", p.ID)
	}
	src, err := s.store.Source(ctx, p.Source)
	if err != nil {
		return nil, err
	}
	typ := pr.Type
	if ed.Type != "" {
		typ = strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(ed.Type), "-", "_"))
		if _, ok := graph.LookupType(typ); !ok {
			return nil, graph.Errorf(graph.EINVALID, "type: unknown relation type %q; GET /v1/relation-types lists them", ed.Type)
		}
		e.add("type", pr.Type, typ)
	}
	fromEnd, toEnd := pr.From, pr.To
	if ed.Reverse {
		fromEnd, toEnd = toEnd, fromEnd
		e.add("direction", pr.From.Name+" → "+pr.To.Name, pr.To.Name+" → "+pr.From.Name)
	}
	from, to := fromEnd.ID, toEnd.ID
	for _, end := range []struct {
		field, ref string
		id         *string
	}{{"from", ed.From, &from}, {"to", ed.To, &to}} {
		if end.ref == "" {
			continue
		}
		a, err := s.resolveRef(ctx, end.field, end.ref)
		if err != nil {
			return nil, err
		}
		e.add(end.field, *end.id, a.ID)
		*end.id = a.ID
	}
	for _, end := range []struct {
		field, id string
		pe        graph.ProposalEnd
	}{{"from", from, fromEnd}, {"to", to, toEnd}} {
		if end.id != "" {
			continue
		}
		// A new actor's end: name the proposal to accept first.
		pe := end.pe
		hint := ""
		if ap, ok := s.actorProposal(ctx, p.Source, pe.Kind, pe.Name); ok {
			hint = fmt.Sprintf(": accept its actor proposal %s first", ap)
		}
		return nil, graph.Errorf(graph.EINVALID, "the %s end, %q, is a new actor, not yet in the graph%s, or give %s: an existing actor's id or name",
			end.field, pe.Name, hint, end.field)
	}
	validFrom, validTo, role := pr.ValidFrom, graph.Date{}, pr.Role
	if ed.ValidFrom != nil {
		e.add("valid_from", validFrom, *ed.ValidFrom)
		validFrom = *ed.ValidFrom
	}
	if ed.ValidTo != nil {
		e.add("valid_to", "", *ed.ValidTo)
		validTo = *ed.ValidTo
	}
	if ed.Role != nil {
		e.add("role", role, *ed.Role)
		role = *ed.Role
	}
	ev, err := s.evidenceOf(ctx, p, &src, ed, e)
	if err != nil {
		return nil, err
	}
	return &graph.Relation{Type: typ, From: from, To: to, Role: role, ValidFrom: validFrom, ValidTo: validTo,
		Evidence: []graph.Evidence{ev}}, nil
}

// evidenceOf makes the evidence of an accepted relation proposal.
func (s *Service) evidenceOf(ctx context.Context, p *graph.Proposal, src *graph.Source, ed *Edits, e *edited) (graph.Evidence, error) {
	ev := graph.Evidence{Source: p.Source, Quote: p.Quote, Claimant: p.Claimant, Stance: p.Stance,
		Reliability: src.Reliability, Credibility: src.Credibility, Piece: ed.Piece}
	if ev.Claimant == "" {
		ev.Claimant = firstNonEmpty(src.Author, src.Publication, src.Title)
	}
	if ev.Reliability == "" {
		ev.Reliability = "F"
	}
	if ev.Credibility == 0 {
		ev.Credibility = 6
	}
	if ed.Claimant != "" {
		e.add("claimant", ev.Claimant, ed.Claimant)
		ev.Claimant = strings.TrimSpace(ed.Claimant)
	}
	if ed.Reliability != "" {
		e.add("reliability", ev.Reliability, ed.Reliability)
		ev.Reliability = ed.Reliability
	}
	if ed.Credibility != 0 {
		e.add("credibility", ev.Credibility, ed.Credibility)
		ev.Credibility = ed.Credibility
	}
	if ed.Stance != "" {
		if ed.Stance != graph.Supports && ed.Stance != graph.Refutes {
			return ev, graph.Errorf(graph.EINVALID, "stance must be supports or refutes, not %q", ed.Stance)
		}
		e.add("stance", ev.Stance, ed.Stance)
		ev.Stance = ed.Stance
	}
	if ed.Piece != "" {
		e.add("piece", "", ed.Piece)
	}
	if ed.QuoteStart != nil || ed.QuoteEnd != nil {
		start, end := p.Start, p.End
		if ed.QuoteStart != nil {
			start = *ed.QuoteStart
		}
		if ed.QuoteEnd != nil {
			end = *ed.QuoteEnd
		}
		if start < p.SentenceStart || end > p.SentenceEnd || start >= end {
			return ev, graph.Errorf(graph.EINVALID, "the quote span %d..%d must lie inside the proposal's sentence, %d..%d (code points of the text)",
				start, end, p.SentenceStart, p.SentenceEnd)
		}
		text, err := s.store.SourceText(ctx, p.Source)
		if err != nil {
			return ev, err
		}
		runes := []rune(text)
		if end > len(runes) {
			return ev, graph.Errorf(graph.EINVALID, "the quote span %d..%d is past the end of the text (%d code points)", start, end, len(runes))
		}
		quote := strings.TrimSpace(string(runes[start:end]))
		e.add("quote", fmt.Sprintf("%d..%d", p.Start, p.End), fmt.Sprintf("%d..%d", start, end))
		ev.Quote = quote
	}
	return ev, nil
}

// actorProposal returns the id of the pending actor proposal of source
// that proposes the actor (kind, name).
func (s *Service) actorProposal(ctx context.Context, source string, kind graph.Kind, name string) (string, bool) {
	page, err := s.store.Proposals(ctx, graph.ProposalFilter{Source: source, Kind: graph.ProposalActor, Limit: graph.MaxPage})
	if err != nil {
		return "", false
	}
	key := graph.NewActorKey(kind, name)
	for _, q := range page.Proposals {
		if q.Actor != nil && graph.NewActorKey(q.Actor.Kind, q.Actor.Name) == key {
			return q.ID, true
		}
	}
	return "", false
}

// acceptActor makes the review of an accepted actor proposal: a new actor
// (or an existing one named by the edit), and the source's pending
// relation proposals that named it resolved to it.
func (s *Service) acceptActor(ctx context.Context, p *graph.Proposal, ed *Edits, e *edited, d *graph.ProposalDecision, rev *graph.Review) error {
	pa := p.Actor
	if pa == nil {
		return graph.Errorf(graph.EINTERNAL, "actor proposal %q has no actor", p.ID)
	}
	var actorID, actorName string
	if ed.Actor != "" {
		a, err := s.resolveRef(ctx, "actor", ed.Actor)
		if err != nil {
			return err
		}
		if a.Kind != pa.Kind {
			return graph.Errorf(graph.EINVALID, "actor: %s is a %s; the proposal is of a %s", a.ID, a.Kind, pa.Kind)
		}
		e.add("actor", "new", a.ID)
		actorID, actorName = a.ID, a.Name
	} else {
		a := graph.Actor{Kind: pa.Kind, Name: pa.Name}
		if ed.Kind != "" {
			e.add("kind", a.Kind, ed.Kind)
			a.Kind = ed.Kind
		}
		if ed.Name != "" {
			e.add("name", a.Name, ed.Name)
			a.Name = strings.TrimSpace(ed.Name)
		}
		if len(ed.Aliases) > 0 {
			e.add("aliases", "", strings.Join(ed.Aliases, "|"))
			a.Aliases = ed.Aliases
		}
		if ed.Description != "" {
			e.add("description", "", ed.Description)
			a.Description = ed.Description
		}
		a.ID = slug(a.Name, 80)
		if ed.ID != "" {
			e.add("id", a.ID, ed.ID)
			a.ID = ed.ID
		}
		if a.ID == "" {
			return graph.Errorf(graph.EINVALID, "the name %q makes no id (no Latin letters or digits): give id, a slug such as \"abu-foo\"", a.Name)
		}
		// Where the text names it: the sentence, as evidence of the actor.
		a.Evidence = []graph.Evidence{{Source: p.Source, Quote: p.Quote, Stance: graph.Supports}}
		rev.Actor = &a
		actorID, actorName = a.ID, a.Name
	}
	d.Actor = actorID
	resolve, err := s.resolveNewActor(ctx, p, actorID, actorName)
	if err != nil {
		return err
	}
	rev.Resolve = resolve
	return nil
}

// resolveNewActor rewrites the pending relation proposals of p's source
// whose new-actor end is p's actor, to name actor id.
func (s *Service) resolveNewActor(ctx context.Context, p *graph.Proposal, id, name string) ([]graph.Proposal, error) {
	key := graph.NewActorKey(p.Actor.Kind, p.Actor.Name)
	return s.rewriteEnds(ctx, p, func(end *graph.ProposalEnd) bool {
		if end.ID != "" || graph.NewActorKey(end.Kind, end.Name) != key {
			return false
		}
		end.ID, end.Name = id, name
		return true
	})
}

// rewriteEnds returns the pending relation proposals of p's source (p
// aside) whose ends change rewrites, rewritten.
func (s *Service) rewriteEnds(ctx context.Context, p *graph.Proposal, rewrite func(end *graph.ProposalEnd) bool) ([]graph.Proposal, error) {
	var out []graph.Proposal
	for offset := 0; ; offset += graph.MaxPage {
		page, err := s.store.Proposals(ctx, graph.ProposalFilter{Source: p.Source, Status: graph.Pending, Kind: graph.ProposalRelation,
			Limit: graph.MaxPage, Offset: offset})
		if err != nil {
			return nil, err
		}
		for _, q := range page.Proposals {
			if q.ID == p.ID || q.Relation == nil {
				continue
			}
			a, b := rewrite(&q.Relation.From), rewrite(&q.Relation.To)
			if a || b {
				out = append(out, q)
			}
		}
		if offset+graph.MaxPage >= page.Total {
			return out, nil
		}
	}
}

// acceptMention confirms a mention, or corrects the actor it names; the
// source's pending relation proposals that took an end from the mention's
// words follow the correction.
func (s *Service) acceptMention(ctx context.Context, p *graph.Proposal, ed *Edits, e *edited, d *graph.ProposalDecision, rev *graph.Review) error {
	m := p.Mention
	if m == nil {
		return graph.Errorf(graph.EINTERNAL, "mention proposal %q has no mention", p.ID)
	}
	d.Actor = m.ActorID
	if ed.Actor == "" {
		return nil
	}
	a, err := s.resolveRef(ctx, "actor", ed.Actor)
	if err != nil {
		return err
	}
	if a.ID == m.ActorID {
		return nil
	}
	e.add("actor", m.ActorID, a.ID)
	d.Actor = a.ID
	resolve, err := s.rewriteEnds(ctx, p, func(end *graph.ProposalEnd) bool {
		if end.ID != m.ActorID || end.Start < m.Start || end.End > m.End {
			return false
		}
		end.ID, end.Name, end.Kind = a.ID, a.Name, a.Kind
		return true
	})
	rev.Resolve = resolve
	return err
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}
