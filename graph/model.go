package graph

import (
	"math"
	"slices"
	"sort"
)

// Kind is what an actor is.
type Kind string

const (
	Person       Kind = "person"
	Organization Kind = "organization"
	Event        Kind = "event" // an attack, plot, meeting or claim
	Place        Kind = "place"
)

// Kinds lists every actor kind in a stable order.
var Kinds = []Kind{Person, Organization, Event, Place}

// Valid reports whether k is one of Kinds.
func (k Kind) Valid() bool {
	switch k {
	case Person, Organization, Event, Place:
		return true
	}
	return false
}

// Actor is a node of the graph: a person, organization, event or place.
//
// Start and End mean, by kind: person born/died; organization founded/
// dissolved; event began/ended (a one-day event has only Start).
type Actor struct {
	ID          string     `json:"id"`
	Kind        Kind       `json:"kind"`
	Name        string     `json:"name"`
	Aliases     []string   `json:"aliases,omitempty"`
	Description string     `json:"description,omitempty"`
	Start       Date       `json:"start,omitzero"`
	End         Date       `json:"end,omitzero"`
	Evidence    []Evidence `json:"evidence,omitempty"` // where the actor is attested; optional outside the seeds
}

// ActorRef is the short form of an actor used in lists and candidates.
type ActorRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Kind Kind   `json:"kind"`
}

// Candidate is an actor offered for a reference that named none ("did you
// mean"): its short form, the name or alias that came close, as written,
// and why it did, in words (graph/names).
type Candidate struct {
	ActorRef
	Matched string `json:"matched,omitempty"`
	Why     string `json:"why,omitempty"`
}

// Ref returns a's short form.
func (a *Actor) Ref() ActorRef { return ActorRef{ID: a.ID, Name: a.Name, Kind: a.Kind} }

// Clone returns a copy of a that shares no memory with it.
func (a Actor) Clone() Actor {
	a.Aliases = slices.Clone(a.Aliases)
	a.Evidence = slices.Clone(a.Evidence)
	return a
}

// ActorPatch changes some fields of an actor; nil fields are left alone.
// The kind and id of an actor cannot change.
type ActorPatch struct {
	Name        *string   `json:"name,omitempty"`
	Aliases     *[]string `json:"aliases,omitempty"`
	Description *string   `json:"description,omitempty"`
	Start       *Date     `json:"start,omitempty"`
	End         *Date     `json:"end,omitempty"`
}

// Apply returns a copy of a with p applied.
func (p ActorPatch) Apply(a Actor) Actor {
	if p.Name != nil {
		a.Name = *p.Name
	}
	if p.Aliases != nil {
		a.Aliases = append([]string(nil), (*p.Aliases)...)
	}
	if p.Description != nil {
		a.Description = *p.Description
	}
	if p.Start != nil {
		a.Start = *p.Start
	}
	if p.End != nil {
		a.End = *p.End
	}
	return a
}

// Stance says whether a piece of evidence supports or refutes its relation.
type Stance string

const (
	Supports Stance = "supports"
	Refutes  Stance = "refutes"
)

// Status is what a relation's evidence makes of it, by stance alone.
type Status string

const (
	// Supported: every piece of evidence supports the relation.
	Supported Status = "supported"
	// Contested: some pieces support it and some refute it, as when one
	// claimant asserts what another denies.
	Contested Status = "contested"
	// Refuted: every piece of evidence refutes it. The relation is kept as
	// the record of a denial; queries leave it out unless asked for it
	// (RelationFilter.IncludeRefuted).
	Refuted Status = "refuted"
)

// StatusOf derives the status of a relation from its evidence: refuted
// when every piece refutes it, contested when some support it and some
// refute it, supported otherwise (an empty stance supports).
func StatusOf(es []Evidence) Status {
	supports, refutes := false, false
	for i := range es {
		if es[i].Stance == Refutes {
			refutes = true
		} else {
			supports = true
		}
	}
	switch {
	case refutes && !supports:
		return Refuted
	case refutes:
		return Contested
	}
	return Supported
}

// Evidence is one sourced statement about a relation (or an actor): which
// document, the verbatim quote, who makes the claim, and how far it can be
// trusted on the Admiralty (NATO) scale used by i2 Analyst's Notebook.
type Evidence struct {
	Source string `json:"source"`          // Source.ID
	Piece  string `json:"piece,omitempty"` // Piece.ID within a multi-piece source
	Quote  string `json:"quote"`
	// Claimant is who asserts the statement: the author, a group claiming
	// an attack, the police, a court.
	Claimant string `json:"claimant,omitempty"`
	Stance   Stance `json:"stance,omitempty"` // default supports
	// Reliability of the claimant: A (completely reliable) to E
	// (unreliable); F cannot be judged.
	Reliability string `json:"reliability,omitempty"`
	// Credibility of the information: 1 (confirmed) to 5 (improbable);
	// 6 cannot be judged.
	Credibility int `json:"credibility,omitempty"`
}

// Score is the weight of one piece of evidence in [0,1]: reliability times
// credibility, with "cannot be judged" (F, 6) counted as an even chance.
func (e Evidence) Score() float64 {
	r := 0.5 // F, and anything unknown
	if len(e.Reliability) == 1 {
		if g := e.Reliability[0]; g >= 'A' && g <= 'E' {
			r = gradeWeight[g-'A']
		}
	}
	c := 0.5 // 6, and anything unknown
	if e.Credibility >= 1 && e.Credibility <= 5 {
		c = gradeWeight[e.Credibility-1]
	}
	return r * c
}

// gradeWeight is the weight of reliability A..E and of credibility 1..5.
var gradeWeight = [5]float64{1, 0.8, 0.6, 0.4, 0.2}

// Relation is a typed, dated, sourced edge between two actors.
type Relation struct {
	ID        string `json:"id"`
	Type      string `json:"type"`
	From      string `json:"from"`
	To        string `json:"to"`
	Role      string `json:"role,omitempty"`
	ValidFrom Date   `json:"valid_from,omitzero"`
	ValidTo   Date   `json:"valid_to,omitzero"`
	// Contested marks a claim that competes with another claim or is
	// disputed. It is set in the data (two groups claiming one attack),
	// and also whenever a piece of evidence refutes the relation.
	Contested bool       `json:"contested"`
	Evidence  []Evidence `json:"evidence"`
	// Status and Confidence are derived from Evidence by Derive; values in
	// input are ignored.
	Status     Status  `json:"status"`
	Confidence float64 `json:"confidence"`
}

// Derive recomputes the fields that follow from the evidence: Status (see
// StatusOf), Contested (also true whenever a piece refutes) and Confidence.
//
// Confidence is the one formula of the project, in [0, 1] and rounded to
// three places. With s the Score of each piece of evidence (reliability
// weight × credibility weight, Evidence.Score):
//
//	confidence = (1 − Π_supporting (1 − s)) × Π_refuting (1 − s)
//
// a noisy-or of the supporting pieces (each independent piece of support
// raises it), discounted by every refuting piece (each lowers it, a
// completely reliable, confirmed denial, A1, to zero). A relation without
// supporting evidence has confidence 0, whatever refutes it.
func (r *Relation) Derive() {
	support, refute := 1.0, 1.0
	for i := range r.Evidence {
		e := &r.Evidence[i]
		if e.Stance == "" {
			e.Stance = Supports
		}
		if e.Stance == Refutes {
			refute *= 1 - e.Score()
			r.Contested = true
		} else {
			support *= 1 - e.Score()
		}
	}
	c := (1 - support) * refute
	r.Confidence = math.Round(c*1000) / 1000
	r.Status = StatusOf(r.Evidence)
}

// Clone returns a copy of r that shares no memory with it.
func (r Relation) Clone() Relation {
	r.Evidence = slices.Clone(r.Evidence)
	return r
}

// ValidOn reports whether r holds on asOf (see the package function ValidOn).
// Relations without dates hold at any time.
func (r *Relation) ValidOn(asOf Date) bool { return ValidOn(r.ValidFrom, r.ValidTo, asOf) }

// RelationPatch changes some fields of a relation; nil fields are left
// alone. Type and ends cannot change: delete and create instead.
type RelationPatch struct {
	Role      *string `json:"role,omitempty"`
	ValidFrom *Date   `json:"valid_from,omitempty"`
	ValidTo   *Date   `json:"valid_to,omitempty"`
	Contested *bool   `json:"contested,omitempty"`
}

// Apply returns a copy of r with p applied and derived fields recomputed.
func (p RelationPatch) Apply(r Relation) Relation {
	r = r.Clone()
	if p.Role != nil {
		r.Role = *p.Role
	}
	if p.ValidFrom != nil {
		r.ValidFrom = *p.ValidFrom
	}
	if p.ValidTo != nil {
		r.ValidTo = *p.ValidTo
	}
	if p.Contested != nil {
		r.Contested = *p.Contested
	}
	r.Derive()
	return r
}

// Source is a document that evidence cites.
type Source struct {
	ID          string  `json:"id"`
	Title       string  `json:"title"`
	Publication string  `json:"publication,omitempty"`
	Author      string  `json:"author,omitempty"`
	Date        Date    `json:"date,omitzero"`
	DateNote    string  `json:"date_note,omitempty"`
	URL         string  `json:"url,omitempty"`
	File        string  `json:"file,omitempty"`   // the text's file name in the seed set
	Pieces      []Piece `json:"pieces,omitempty"` // separate pieces collected in one document
	// Reliability (A-F) and Credibility (1-6) are the Admiralty grading
	// that evidence quoted from the source gets unless a reviewer says
	// otherwise; optional.
	Reliability string `json:"reliability,omitempty"`
	Credibility int    `json:"credibility,omitempty"`
	// Text is the document's full text. Bundles carry it (so that an
	// export is a full backup), and a new source brings it; the stores
	// keep it apart and return it only through Store.SourceText, so
	// Source and Sources leave it empty. A stored text never changes:
	// every quote of the source is checked against it.
	Text string `json:"text,omitempty"`
	// TextLength is the length of the stored text in code points, 0 when
	// the source has none. The stores derive it; input values are
	// ignored.
	TextLength int `json:"text_length,omitempty"`
}

// Piece is one article within a Source that collects several.
type Piece struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Publication string `json:"publication,omitempty"`
	Date        Date   `json:"date,omitzero"`
}

// Clone returns a copy of s that shares no memory with it.
func (s Source) Clone() Source {
	s.Pieces = slices.Clone(s.Pieces)
	return s
}

// HasPiece reports whether s has a piece with the given id.
func (s *Source) HasPiece(id string) bool {
	for _, p := range s.Pieces {
		if p.ID == id {
			return true
		}
	}
	return false
}

// TypeCount counts an actor's relations of one type: Out those whose
// stored From is the actor, In those whose To is.
type TypeCount struct {
	Type string `json:"type"`
	Out  int    `json:"out"`
	In   int    `json:"in"`
}

// ValidActorID reports whether id is a well-formed actor or source slug:
// at most 120 bytes matching ^[a-z0-9]+(-[a-z0-9]+)*$.
func ValidActorID(id string) bool { return len(id) <= 120 && validSlug(id, 1, false) }

// ValidRelationID reports whether id is a well-formed relation id: at most
// 300 bytes matching ^[a-z0-9]+([._-]{1,2}[a-z0-9]+)*$.
func ValidRelationID(id string) bool { return len(id) <= 300 && validSlug(id, 2, true) }

// validSlug reports whether s is runs of [a-z0-9] joined by separators of
// 1..maxSep bytes: '-', or any of "._-" when dots is set. It is written
// out rather than a regexp because imports check every id (a million of
// them in a bulk import); model_test checks it against the two patterns.
func validSlug(s string, maxSep int, dots bool) bool {
	sep := -1 // separator bytes since the last letter or digit; -1 before the first
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			sep = 0
		case c == '-' || dots && (c == '.' || c == '_'):
			if sep < 0 || sep == maxSep {
				return false
			}
			sep++
		default:
			return false
		}
	}
	return sep == 0
}

// RelationID returns the conventional id of a relation: from--type--to in
// lower kebab case, e.g. "cherif-kouachi--trained-by--aqap".
func RelationID(from, typ, to string) string {
	b := []byte(typ)
	for i, c := range b {
		switch {
		case c == '_':
			b[i] = '-'
		case c >= 'A' && c <= 'Z':
			b[i] = c + 'a' - 'A'
		}
	}
	return from + "--" + string(b) + "--" + to
}

// SortActors sorts actors by id, in place.
func SortActors(as []Actor) { sort.Slice(as, func(i, j int) bool { return as[i].ID < as[j].ID }) }

// SortRelations sorts relations by id, in place.
func SortRelations(rs []Relation) { sort.Slice(rs, func(i, j int) bool { return rs[i].ID < rs[j].ID }) }
