package extract

import "github.com/actorgraph/actorgraph/graph"

// ProposalKind says what a proposal proposes.
type ProposalKind string

const (
	KindMention  ProposalKind = "mention"  // a known actor is named in the text
	KindActor    ProposalKind = "actor"    // a name that is no known actor: a new actor
	KindRelation ProposalKind = "relation" // a typed relation between two actors
)

// Status is where a proposal stands in review. Extraction makes every
// proposal Pending; the review flow accepts or rejects it.
type Status string

const (
	Pending  Status = "pending"
	Accepted Status = "accepted"
	Rejected Status = "rejected"
)

// Proposal is one thing extraction proposes, with its evidence. Start and
// End count Unicode code points of the text, so that text[Start:End] ==
// Quote in Python (and in Go, over []rune(text)).
type Proposal struct {
	Kind  ProposalKind `json:"kind"`
	Quote string       `json:"quote"` // verbatim: the sentence, or the clause that carries a relation
	Start int          `json:"start"` // code points
	End   int          `json:"end"`   // code points, exclusive
	// Sentence is the index of the sentence the quote is in, in
	// Result.Sentences.
	Sentence int `json:"sentence"`
	// Claimant is who the sentence says makes the claim ("according
	// to", "said", "told"), as printed; empty when the text states it in
	// its own voice.
	Claimant string       `json:"claimant,omitempty"`
	Stance   graph.Stance `json:"stance"`
	// Words are the words of the text that carry the proposal: the
	// name as printed for a mention or a new actor, the trigger words
	// ("trained", "in") for a relation.
	Words  []string `json:"words"`
	Score  float64  `json:"score"` // in [0,1]: how sure extraction is
	Status Status   `json:"status"`

	Mention  *Mention  `json:"mention,omitempty"`  // for KindMention
	Actor    *NewActor `json:"actor,omitempty"`    // for KindActor
	Relation *Relation `json:"relation,omitempty"` // for KindRelation
}

// Mention is a known actor named in the text.
type Mention struct {
	ActorID string     `json:"actor_id"`
	Name    string     `json:"name"` // the actor's name
	Kind    graph.Kind `json:"kind"`
	Text    string     `json:"text"`  // as printed
	Start   int        `json:"start"` // code points of Text
	End     int        `json:"end"`
	Matched string     `json:"matched"` // the name or alias it matched
	// Why says how the name was found: "name", "alias", "surname of
	// Chérif Kouachi named before", "acronym defined in the text",
	// "letters differ from the alias ...", "description of an event".
	Why string `json:"why"`
	// Others are further actors the words may name, when they are
	// ambiguous.
	Others []Candidate `json:"others,omitempty"`
}

// NewActor is a name the gazetteer does not know, with the kind
// extraction proposes for it.
type NewActor struct {
	Name string     `json:"name"`
	Kind graph.Kind `json:"kind"`
	// Cue says what suggested the kind: "title Sheikh", "word Brigade",
	// "place table", "after 'in'", "event word attack".
	Cue   string `json:"cue"`
	Text  string `json:"text"`  // as printed
	Start int    `json:"start"` // code points of Text
	End   int    `json:"end"`
	Count int    `json:"count"` // how many times the text names it
}

// Relation is a proposed relation between two actors.
type Relation struct {
	Type string   `json:"type"`
	From Endpoint `json:"from"`
	To   Endpoint `json:"to"`
	Role string   `json:"role,omitempty"` // MEMBER_OF leader, RELATIVE_OF brother-in-law
	// ValidFrom is the date the sentence gives, if any; DateText is the
	// words that give it. A relative date ("soon afterwards") takes the
	// date of the last dated sentence before it, at the precision that
	// date had, and says so in DateNote.
	ValidFrom graph.Date `json:"valid_from,omitzero"`
	DateText  string     `json:"date_text,omitempty"`
	DateNote  string     `json:"date_note,omitempty"`
	// Pattern names the rule that matched, for the reviewer and for
	// measuring each rule.
	Pattern string `json:"pattern"`
}

// Endpoint is one end of a proposed relation: a known actor (ID set) or
// a new one proposed in the same result (ID empty, Name and Kind set).
type Endpoint struct {
	ID    string     `json:"id,omitempty"`
	Name  string     `json:"name"`
	Kind  graph.Kind `json:"kind"`
	Text  string     `json:"text"`  // as printed
	Start int        `json:"start"` // code points of Text
	End   int        `json:"end"`
}

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
