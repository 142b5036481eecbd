package extract

import "github.com/actorgraph/actorgraph/graph"

// The proposal types are the domain's (graph/proposal.go), so that the
// stores keep what extraction makes without a translation; these names
// are kept for the readers of this package.

// ProposalKind says what a proposal proposes.
type ProposalKind = graph.ProposalKind

const (
	KindMention  = graph.ProposalMention  // a known actor is named in the text
	KindActor    = graph.ProposalActor    // a name that is no known actor: a new actor
	KindRelation = graph.ProposalRelation // a typed relation between two actors
)

// Status is where a proposal stands in review. Extraction makes every
// proposal Pending; the review flow accepts or rejects it.
type Status = graph.ProposalStatus

const (
	Pending  = graph.Pending
	Accepted = graph.Accepted
	Rejected = graph.Rejected
)

// Proposal is one thing extraction proposes, with its evidence (see
// graph.Proposal). Extraction leaves its ID, Source, Created and Decision
// empty, and fills SentenceStart and SentenceEnd.
type Proposal = graph.Proposal

// Mention is a known actor named in the text.
type Mention = graph.ProposedMention

// NewActor is a name the gazetteer does not know, with the kind
// extraction proposes for it.
type NewActor = graph.ProposedActor

// Relation is a proposed relation between two actors.
type Relation = graph.ProposedRelation

// Endpoint is one end of a proposed relation: a known actor (ID set) or
// a new one proposed in the same result (ID empty, Name and Kind say
// which proposal of kind "actor").
type Endpoint = graph.ProposalEnd

// Candidate is an actor that a span of text may name.
type Candidate = graph.NameCandidate

// SentenceSpan is one sentence of the text, in code points.
type SentenceSpan struct {
	Start    int  `json:"start"`
	End      int  `json:"end"`
	Headline bool `json:"headline,omitempty"` // a title, byline or caption line
}

// Result is everything extraction proposes for one text.
type Result struct {
	Sentences []SentenceSpan `json:"sentences"`
	Proposals []Proposal     `json:"proposals"` // mentions, then new actors, then relations, each in text order
}

// Count returns how many proposals of kind k r holds.
func (r *Result) Count(k ProposalKind) int {
	n := 0
	for i := range r.Proposals {
		if r.Proposals[i].Kind == k {
			n++
		}
	}
	return n
}
