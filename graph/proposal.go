package graph

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Ingestion turns an article's text into proposals that a person reviews
// (package analyst/extract proposes; package analyst runs the review).
// The types of this file are what the stores keep of it: the proposals,
// each with its decision once decided, and the audit records of every
// decision. Source.Text, in model.go, is the article itself.

// ProposalKind says what a proposal proposes.
type ProposalKind string

const (
	ProposalMention  ProposalKind = "mention"  // a known actor is named in the text
	ProposalActor    ProposalKind = "actor"    // a name that is no known actor: a new actor
	ProposalRelation ProposalKind = "relation" // a typed relation between two actors
)

// Valid reports whether k is one of the three kinds.
func (k ProposalKind) Valid() bool {
	switch k {
	case ProposalMention, ProposalActor, ProposalRelation:
		return true
	}
	return false
}

// ProposalStatus is where a proposal stands in review. Extraction makes
// every proposal Pending; a decision makes it Accepted or Rejected, for
// good.
type ProposalStatus string

const (
	Pending  ProposalStatus = "pending"
	Accepted ProposalStatus = "accepted"
	Rejected ProposalStatus = "rejected"
)

// Valid reports whether s is one of the three statuses.
func (s ProposalStatus) Valid() bool {
	switch s {
	case Pending, Accepted, Rejected:
		return true
	}
	return false
}

// Proposal is one thing extraction proposes, with its evidence. Start and
// End count Unicode code points of the source's text, so that
// text[Start:End] == Quote in Python (and in Go over []rune(text)).
//
// ID, Source, SentenceStart, SentenceEnd, Created and Decision are set
// when a proposal is stored; extraction leaves them empty.
type Proposal struct {
	ID     string       `json:"id,omitempty"`
	Source string       `json:"source,omitempty"` // Source.ID
	Kind   ProposalKind `json:"kind"`
	Quote  string       `json:"quote"` // verbatim: the sentence, or the clause that carries a relation
	Start  int          `json:"start"` // code points
	End    int          `json:"end"`   // code points, exclusive
	// Sentence is the index of the sentence the quote is in;
	// SentenceStart and SentenceEnd are its bounds in code points (a
	// reviewer may narrow a quote to any span inside them).
	Sentence      int `json:"sentence"`
	SentenceStart int `json:"sentence_start"`
	SentenceEnd   int `json:"sentence_end"`
	// Claimant is who the sentence says makes the claim ("according
	// to", "said", "told"), as printed; empty when the text states it in
	// its own voice.
	Claimant string `json:"claimant,omitempty"`
	Stance   Stance `json:"stance"`
	// Words are the words of the text that carry the proposal: the name
	// as printed for a mention or a new actor, the trigger words
	// ("trained", "in") for a relation.
	Words  []string       `json:"words"`
	Score  float64        `json:"score"` // in [0,1]: how sure extraction is
	Status ProposalStatus `json:"status"`

	Mention  *ProposedMention  `json:"mention,omitempty"`  // for ProposalMention
	Actor    *ProposedActor    `json:"actor,omitempty"`    // for ProposalActor
	Relation *ProposedRelation `json:"relation,omitempty"` // for ProposalRelation

	Created  time.Time         `json:"created,omitzero"`
	Decision *ProposalDecision `json:"decision,omitempty"` // set once decided
}

// Clone returns a copy of p that shares no memory with it.
func (p Proposal) Clone() Proposal {
	p.Words = append([]string(nil), p.Words...)
	if p.Mention != nil {
		m := *p.Mention
		m.Others = append([]NameCandidate(nil), m.Others...)
		p.Mention = &m
	}
	if p.Actor != nil {
		a := *p.Actor
		p.Actor = &a
	}
	if p.Relation != nil {
		r := *p.Relation
		p.Relation = &r
	}
	if p.Decision != nil {
		d := *p.Decision
		d.Edits = append([]Change(nil), d.Edits...)
		p.Decision = &d
	}
	return p
}

// ProposedMention is a known actor named in the text.
type ProposedMention struct {
	ActorID string `json:"actor_id"`
	Name    string `json:"name"` // the actor's name
	Kind    Kind   `json:"kind"`
	Text    string `json:"text"`  // as printed
	Start   int    `json:"start"` // code points of Text
	End     int    `json:"end"`
	Matched string `json:"matched"` // the name or alias it matched
	// Why says how the name was found: "name", "alias", "surname of
	// Chérif Kouachi named before", "acronym defined in the text",
	// "typo in Coulibaly", "description of an event".
	Why string `json:"why"`
	// Others are further actors the words may name, when they are
	// ambiguous.
	Others []NameCandidate `json:"others,omitempty"`
}

// ProposedActor is a name the graph does not know, with the kind
// extraction proposes for it.
type ProposedActor struct {
	Name string `json:"name"`
	Kind Kind   `json:"kind"`
	// Cue says what suggested the kind: "title Sheikh", "word Brigade",
	// "place table", "after 'in'", "event word attack".
	Cue   string `json:"cue"`
	Text  string `json:"text"`  // as printed
	Start int    `json:"start"` // code points of Text
	End   int    `json:"end"`
	Count int    `json:"count"` // how many times the text names it
}

// ProposedRelation is a proposed relation between two actors.
type ProposedRelation struct {
	Type string      `json:"type"`
	From ProposalEnd `json:"from"`
	To   ProposalEnd `json:"to"`
	Role string      `json:"role,omitempty"` // MEMBER_OF leader, RELATIVE_OF brother-in-law
	// ValidFrom is the date the sentence gives, if any; DateText is the
	// words that give it. A relative date ("soon afterwards") takes the
	// date of the last dated sentence before it, at the precision that
	// date had, and says so in DateNote.
	ValidFrom Date   `json:"valid_from,omitzero"`
	DateText  string `json:"date_text,omitempty"`
	DateNote  string `json:"date_note,omitempty"`
	// Pattern names the rule that matched, for the reviewer and for
	// measuring each rule.
	Pattern string `json:"pattern"`
}

// ProposalEnd is one end of a proposed relation: a known actor (ID set)
// or a new one proposed from the same text (ID empty, Name and Kind say
// which proposal of kind "actor").
type ProposalEnd struct {
	ID    string `json:"id,omitempty"`
	Name  string `json:"name"`
	Kind  Kind   `json:"kind"`
	Text  string `json:"text"`  // as printed
	Start int    `json:"start"` // code points of Text
	End   int    `json:"end"`
}

// NameCandidate is an actor that a span of text may name.
type NameCandidate struct {
	ID      string  `json:"id"`
	Name    string  `json:"name"` // the actor's name
	Kind    Kind    `json:"kind"`
	Matched string  `json:"matched"` // the name or alias that matched
	Score   float64 `json:"score"`   // similarity in [0,1]; 1 for an exact match
	Why     string  `json:"why"`     // why it matched, for the reviewer: "alias", "typo in Coulibaly"
}

// ProposalDecision is who decided a proposal, when, and what it led to.
type ProposalDecision struct {
	By     string    `json:"by"`
	At     time.Time `json:"at"`
	Reason string    `json:"reason,omitempty"`
	// Edits are the reviewer's changes to what was proposed.
	Edits []Change `json:"edits,omitempty"`
	// Actor is the actor an accepted mention or actor proposal names
	// (created, or chosen among the existing ones); Relation the relation
	// an accepted relation proposal became or was added to as evidence.
	Actor    string `json:"actor,omitempty"`
	Relation string `json:"relation,omitempty"`
	// Audit is the Seq of the audit record of the decision.
	Audit int64 `json:"audit"`
}

// NewActorKey is how a relation's new-actor end names its actor
// proposal: the kind and the name folded with NormalizeName.
func NewActorKey(kind Kind, name string) string { return string(kind) + ":" + NormalizeName(name) }

// Audit actions.
const (
	AuditCreateSource = "source.create"   // a source was stored with its text and proposals
	AuditExtract      = "source.extract"  // extraction ran again and replaced the pending proposals
	AuditAccept       = "proposal.accept" // a proposal was accepted, with what it wrote
	AuditReject       = "proposal.reject" // a proposal was rejected, with the reason
)

// AuditRecord is one entry of the audit log: who did what, when, and what
// changed. Stores append records in the transaction of the change they
// record, number them (Seq, increasing), and never change or delete them.
type AuditRecord struct {
	Seq      int64     `json:"seq"`
	At       time.Time `json:"at"`
	By       string    `json:"by"`
	Action   string    `json:"action"`
	Source   string    `json:"source,omitempty"`
	Proposal string    `json:"proposal,omitempty"`
	Reason   string    `json:"reason,omitempty"`
	Changes  []Change  `json:"changes"`
}

// Clone returns a copy of r that shares no memory with it.
func (r AuditRecord) Clone() AuditRecord {
	r.Changes = append([]Change(nil), r.Changes...)
	return r
}

// Change is one thing a recorded action changed: an operation on an
// entity, or an edit of one field from Before to After.
type Change struct {
	Op     string `json:"op"`           // see the Change* constants
	ID     string `json:"id,omitempty"` // the entity changed
	Field  string `json:"field,omitempty"`
	Before string `json:"before,omitempty"`
	After  string `json:"after,omitempty"`
}

// Change operations.
const (
	ChangeCreateSource    = "create source"
	ChangeAddProposals    = "add proposals"    // After: how many
	ChangeRemoveProposals = "remove proposals" // After: how many pending ones were replaced
	ChangeSetStatus       = "set status"       // of the decided proposal, Before and After
	ChangeEdit            = "edit"             // a field of what was proposed, Before and After
	ChangeCreateActor     = "create actor"     // ID: the actor
	ChangeCreateRelation  = "create relation"  // ID: the relation
	ChangeAddEvidence     = "add evidence"     // ID: the relation, After: its evidence count
	ChangeResolveProposal = "resolve proposal" // ID: a pending proposal now naming an actor, After: the actor
)

// Review is one decision on a proposal and every write it makes, which
// Store.Decide applies in one transaction.
//
// Proposal is the decided proposal as it is to be stored: Status Accepted
// or Rejected, Decision set (By, At, Reason, Edits, Actor). The stored
// proposal must still be Pending.
//
// For an acceptance, the graph writes: Actor, when set, is created;
// Relation, when set, is merged: its evidence is appended to the stored
// relation of the same type and ends (either order for a symmetric type;
// the one with the smallest id if several) or, when there is none, it is
// created with the conventional id (Store.CreateRelation). Resolve are
// further proposals to rewrite, such as relation proposals whose new-actor
// end is the actor the review creates; those no longer pending are left
// alone.
//
// Record is the audit record, without Seq. The store appends to its
// Changes what it wrote (ChangeSetStatus, ChangeCreateActor,
// ChangeCreateRelation or ChangeAddEvidence, ChangeResolveProposal) and to
// the stored Decision its Relation and Audit.
type Review struct {
	Proposal Proposal
	Actor    *Actor
	Relation *Relation
	Resolve  []Proposal
	Record   AuditRecord
}

// ReviewResult is what Decide wrote.
type ReviewResult struct {
	Proposal Proposal    `json:"proposal"`
	Actor    *Actor      `json:"actor,omitempty"`
	Relation *Relation   `json:"relation,omitempty"`
	Merged   bool        `json:"merged"` // the evidence went onto an existing relation
	Resolved []string    `json:"resolved,omitempty"`
	Record   AuditRecord `json:"audit"`
}

// ReplaceResult is what Store.ReplaceProposals wrote: how many pending
// proposals it removed, how many it added, and how many of those offered
// it left out because a decided proposal has their id.
type ReplaceResult struct {
	Removed int         `json:"removed"`
	Added   int         `json:"added"`
	Decided int         `json:"decided"`
	Record  AuditRecord `json:"audit"`
}

// MaxPage is the largest page of proposals or audit records one call
// returns; DefaultPage is the page size when none is given.
const (
	MaxPage     = 1000
	DefaultPage = 100
)

// ProposalFilter selects proposals: by source, status and kind (empty:
// any), a page of them in (source, start, id) order.
type ProposalFilter struct {
	Source string
	Status ProposalStatus
	Kind   ProposalKind
	Limit  int // default DefaultPage, at most MaxPage
	Offset int
}

// Normalize fills defaults and checks f; errors have code EINVALID.
func (f *ProposalFilter) Normalize() error {
	if f.Status != "" && !f.Status.Valid() {
		return Errorf(EINVALID, "status must be pending, accepted or rejected, not %q", truncate(string(f.Status), 30))
	}
	if f.Kind != "" && !f.Kind.Valid() {
		return Errorf(EINVALID, "kind must be mention, actor or relation, not %q", truncate(string(f.Kind), 30))
	}
	return normalizePage(&f.Limit, &f.Offset)
}

// Match reports whether p passes the filter's source, status and kind.
func (f *ProposalFilter) Match(p *Proposal) bool {
	return (f.Source == "" || p.Source == f.Source) && (f.Status == "" || p.Status == f.Status) &&
		(f.Kind == "" || p.Kind == f.Kind)
}

func normalizePage(limit, offset *int) error {
	if *limit == 0 {
		*limit = DefaultPage
	}
	if *limit < 1 || *limit > MaxPage {
		return Errorf(EINVALID, "limit must be between 1 and %d", MaxPage)
	}
	if *offset < 0 {
		return Errorf(EINVALID, "offset must not be negative")
	}
	return nil
}

// ProposalLess is the order of proposal lists: by source, then start, then
// id.
func ProposalLess(a, b *Proposal) bool {
	if a.Source != b.Source {
		return a.Source < b.Source
	}
	if a.Start != b.Start {
		return a.Start < b.Start
	}
	return a.ID < b.ID
}

// ProposalPage is a page of proposals and how many pass the filter in all.
type ProposalPage struct {
	Total     int        `json:"total"`
	Proposals []Proposal `json:"proposals"`
}

// AuditQuery selects audit records: those at or after Since (zero: any)
// and with Seq above After, oldest first, at most Limit.
type AuditQuery struct {
	Since time.Time
	After int64
	Limit int // default DefaultPage, at most MaxPage
}

// Normalize fills defaults and checks q; errors have code EINVALID.
func (q *AuditQuery) Normalize() error {
	if q.After < 0 {
		return Errorf(EINVALID, "after must not be negative")
	}
	off := 0
	return normalizePage(&q.Limit, &off)
}

// Match reports whether r passes the query's Since and After.
func (q *AuditQuery) Match(r *AuditRecord) bool {
	return r.Seq > q.After && (q.Since.IsZero() || !r.At.Before(q.Since))
}

// CheckProposals returns the problems of proposals to store for source,
// whose text is text: well-formed ids, kinds and statuses, each with the
// detail of its kind, and each quote exactly the text between its Start and
// End. pending requires every proposal to be Pending.
func CheckProposals(source, text string, ps []Proposal, pending bool) error {
	runes := []rune(text)
	var list []Problem
	seen := map[string]bool{}
	for i := range ps {
		p := &ps[i]
		add := func(field, format string, args ...any) {
			list = append(list, Problem{Entry: fmt.Sprintf("proposals[%d] %q", i, truncate(p.ID, 80)), Field: field, Message: fmt.Sprintf(format, args...)})
		}
		if !ValidRelationID(p.ID) {
			add("id", "must be a slug such as \"source-id.3fa9c0e1d2\"")
		} else if seen[p.ID] {
			add("id", "duplicate proposal id")
		}
		seen[p.ID] = true
		if p.Source != source {
			add("source", "is %q; the proposals stored with a source must name it (%q)", truncate(p.Source, 80), source)
		}
		if !p.Kind.Valid() {
			add("kind", "must be mention, actor or relation")
		}
		if !p.Status.Valid() || pending && p.Status != Pending {
			add("status", "must be pending")
		}
		switch {
		case p.Start < 0 || p.End < p.Start || p.End > len(runes):
			add("start", "the span %d..%d is not inside the text (%d code points)", p.Start, p.End, len(runes))
		case string(runes[p.Start:p.End]) != p.Quote:
			add("quote", "is not the text between start and end")
		}
		if p.SentenceStart > p.Start || p.SentenceEnd < p.End || p.SentenceStart < 0 || p.SentenceEnd > len(runes) {
			add("sentence_start", "the sentence %d..%d must hold the quote %d..%d", p.SentenceStart, p.SentenceEnd, p.Start, p.End)
		}
		switch {
		case p.Kind == ProposalMention && (p.Mention == nil || p.Mention.ActorID == ""):
			add("mention", "a mention names an actor (mention.actor_id)")
		case p.Kind == ProposalActor && (p.Actor == nil || strings.TrimSpace(p.Actor.Name) == "" || !p.Actor.Kind.Valid()):
			add("actor", "a new actor has a name and a kind")
		case p.Kind == ProposalRelation && p.Relation == nil:
			add("relation", "a relation proposal has its relation")
		case p.Kind == ProposalRelation:
			if _, ok := LookupType(p.Relation.Type); !ok {
				add("relation.type", "unknown relation type %q", truncate(p.Relation.Type, 60))
			}
		}
		if p.Stance != Supports && p.Stance != Refutes {
			add("stance", "must be supports or refutes")
		}
	}
	if len(list) == 0 {
		return nil
	}
	return &ValidationError{Problems: list}
}

// SameRelation reports whether r has type typ and joins from to to: in
// that direction, or either way for a symmetric type. Accepting a
// relation proposal adds evidence to such a relation rather than making a
// second one.
func SameRelation(r *Relation, typ, from, to string) bool {
	if r.Type != typ {
		return false
	}
	if r.From == from && r.To == to {
		return true
	}
	return IsSymmetric(typ) && r.From == to && r.To == from
}

// Ingestion is the part of Store that keeps what ingestion makes: source
// texts, the proposals extracted from them, review decisions and the audit
// log. Every write takes an AuditRecord (without Seq) that the store
// appends, numbered, in the same transaction as the write it records, so
// that the change and its record land together or not at all. Nothing
// changes or deletes an audit record.
type Ingestion interface {
	// SourceText returns the full text of source id. ENOTFOUND when there
	// is no such source or it has no text (the message says which).
	SourceText(ctx context.Context, id string) (string, error)

	// CreateSource stores a new source, its text (src.Text, required:
	// CheckText), the proposals extracted from it (pending, each with
	// Source src.ID and a quote that is the text between its Start and
	// End: CheckProposals) and rec, in one transaction, and returns the
	// source as Source would. EINVALID (the source, its text or a
	// proposal: nothing is written), ECONFLICT (the id is taken).
	CreateSource(ctx context.Context, src Source, ps []Proposal, rec AuditRecord) (Source, error)

	// ReplaceProposals replaces the pending proposals of source id with
	// ps, keeping the decided ones: a proposal of ps whose id a decided
	// proposal has is left out (counted in Decided). It appends rec, in
	// one transaction. ENOTFOUND (no such source), EINVALID (the source
	// has no text, or a proposal is wrong: nothing is written).
	ReplaceProposals(ctx context.Context, id string, ps []Proposal, rec AuditRecord) (ReplaceResult, error)

	// Proposals returns a page of the proposals that f selects, in
	// ProposalLess order, and how many it selects in all. EINVALID.
	Proposals(ctx context.Context, f ProposalFilter) (ProposalPage, error)

	// Proposal returns one proposal. ENOTFOUND.
	Proposal(ctx context.Context, id string) (Proposal, error)

	// Decide applies a review decision and every write it makes (see
	// Review) in one transaction, and returns what it wrote. ENOTFOUND
	// (no such proposal), ECONFLICT (the proposal is decided already,
	// saying by whom and when; or the new actor's id is taken), EINVALID
	// (the decision, the actor, the relation or its evidence, a quote not
	// in its source's text): on any error nothing is written.
	Decide(ctx context.Context, r Review) (ReviewResult, error)

	// Audit returns the audit records that q selects, oldest first.
	// EINVALID.
	Audit(ctx context.Context, q AuditQuery) ([]AuditRecord, error)
}

// CheckReview returns the problems of a review on its own, before the
// store looks at what it holds: the decided proposal's status and
// decision, and the audit record.
func CheckReview(r *Review) error {
	var list []Problem
	add := func(field, format string, args ...any) {
		list = append(list, Problem{Entry: fmt.Sprintf("review of %q", truncate(r.Proposal.ID, 80)), Field: field, Message: fmt.Sprintf(format, args...)})
	}
	p := &r.Proposal
	if p.Status != Accepted && p.Status != Rejected {
		add("status", "a decision accepts or rejects, not %q", truncate(string(p.Status), 30))
	}
	if p.Decision == nil || strings.TrimSpace(p.Decision.By) == "" || p.Decision.At.IsZero() {
		add("decision", "says who decided and when")
	}
	if p.Status == Rejected && (r.Actor != nil || r.Relation != nil || len(r.Resolve) > 0) {
		add("status", "a rejection writes nothing to the graph")
	}
	if strings.TrimSpace(r.Record.By) == "" || r.Record.At.IsZero() || r.Record.Action == "" {
		add("record", "the audit record says who, when and what")
	}
	if r.Relation != nil && len(r.Relation.Evidence) == 0 {
		add("relation.evidence", "an accepted relation brings its evidence")
	}
	for i := range r.Resolve {
		if r.Resolve[i].Status != Pending {
			add(fmt.Sprintf("resolve[%d].status", i), "a resolved proposal stays pending")
		}
	}
	if len(list) == 0 {
		return nil
	}
	return &ValidationError{Problems: list}
}
