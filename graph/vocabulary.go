package graph

import "sort"

// RelationType declares a relation type of the fixed vocabulary: which kinds
// of actor may stand at each end, whether the type is symmetric, and what it
// means, direction included.
type RelationType struct {
	Name      string `json:"name"`
	From      []Kind `json:"from"`
	To        []Kind `json:"to"`
	Symmetric bool   `json:"symmetric"`
	Meaning   string `json:"meaning"`
}

// Allows reports whether a relation of type t may run from kind from to kind
// to. Symmetric types accept either order.
func (t *RelationType) Allows(from, to Kind) bool {
	if hasKind(t.From, from) && hasKind(t.To, to) {
		return true
	}
	return t.Symmetric && hasKind(t.From, to) && hasKind(t.To, from)
}

func hasKind(ks []Kind, k Kind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

var (
	p   = []Kind{Person}
	o   = []Kind{Organization}
	e   = []Kind{Event}
	pl  = []Kind{Place}
	po  = []Kind{Person, Organization}
	poe = []Kind{Person, Organization, Event}
)

// vocabulary is the fixed set of relation types, in upper snake case as
// Neo4j spells relationship types.
var vocabulary = []RelationType{
	// People and membership.
	{Name: "MEMBER_OF", From: po, To: o, Meaning: "the from-actor is a member of the organization; role says which (leader, spokesman, emir, founder)"},
	{Name: "FOUNDED", From: po, To: o, Meaning: "the from-actor founded the organization"},
	{Name: "PLEDGED_ALLEGIANCE_TO", From: po, To: po, Meaning: "the from-actor pledged allegiance to the to-actor"},
	{Name: "RECRUITED_BY", From: p, To: po, Meaning: "the person was recruited by the to-actor"},
	// Training, support, direction.
	{Name: "TRAINED_BY", From: po, To: po, Meaning: "the from-actor was trained by the to-actor"},
	{Name: "TRAINED_IN", From: p, To: pl, Meaning: "the person was trained in the place"},
	{Name: "TRAINED_WITH", From: p, To: p, Symmetric: true, Meaning: "the two people trained together"},
	{Name: "FINANCED_BY", From: poe, To: po, Meaning: "the from-actor was financed by the to-actor"},
	{Name: "FACILITATED_BY", From: poe, To: po, Meaning: "the from-actor was helped (travel, weapons, contacts) by the to-actor"},
	{Name: "INSPIRED_BY", From: poe, To: poe, Meaning: "the from-actor acted inspired by the to-actor, without being directed by it"},
	{Name: "DIRECTED_BY", From: poe, To: po, Meaning: "the from-actor acted under the direction or command of the to-actor"},
	// Attacks and plots.
	{Name: "PERPETRATED", From: po, To: e, Meaning: "the from-actor carried out the event"},
	{Name: "PLANNED", From: po, To: e, Meaning: "the from-actor planned or plotted the event, foiled plots included"},
	{Name: "CLAIMED_BY", From: e, To: o, Meaning: "the organization itself claimed responsibility for the event"},
	{Name: "ATTRIBUTED_TO", From: e, To: po, Meaning: "a third party (police, analysts, a government) attributes the event to the to-actor; differs from the group's own CLAIMED_BY"},
	{Name: "TARGETED", From: e, To: []Kind{Person, Organization, Place}, Meaning: "the event targeted the to-actor"},
	{Name: "PART_OF", From: e, To: e, Meaning: "the event was part of the larger event or campaign"},
	// Personal ties.
	{Name: "MET", From: p, To: p, Symmetric: true, Meaning: "the two people met in person"},
	{Name: "COMMUNICATED_WITH", From: p, To: p, Symmetric: true, Meaning: "the two people were in contact (online, phone, messages)"},
	{Name: "ASSOCIATE_OF", From: p, To: p, Symmetric: true, Meaning: "the two people were friends or associates"},
	{Name: "SIBLING_OF", From: p, To: p, Symmetric: true, Meaning: "the two people are siblings"},
	{Name: "SPOUSE_OF", From: p, To: p, Symmetric: true, Meaning: "the two people are married"},
	{Name: "RELATIVE_OF", From: p, To: p, Symmetric: true, Meaning: "the two people are related; role says how (brother-in-law, cousin)"},
	// Groups.
	{Name: "AFFILIATE_OF", From: o, To: o, Meaning: "the from-organization is a branch, province or affiliate of the to-organization"},
	{Name: "ALLIED_WITH", From: o, To: o, Symmetric: true, Meaning: "the two organizations cooperated"},
	{Name: "RIVAL_OF", From: po, To: po, Symmetric: true, Meaning: "the two actors competed or fought"},
	{Name: "SPLIT_FROM", From: o, To: o, Meaning: "the from-organization broke away from the to-organization"},
	// Places.
	{Name: "TRAVELLED_TO", From: p, To: pl, Meaning: "the person travelled to the place"},
	{Name: "IMPRISONED_IN", From: p, To: pl, Meaning: "the person was imprisoned in the place"},
	{Name: "BASED_IN", From: po, To: pl, Meaning: "the actor was based in or operated from the place"},
	{Name: "OCCURRED_IN", From: e, To: pl, Meaning: "the event took place in the place"},
	{Name: "LOCATED_IN", From: pl, To: pl, Meaning: "the from-place lies within the to-place"},
	{Name: "NATIONAL_OF", From: p, To: pl, Meaning: "the person is a national of the country"},
}

var vocabularyIndex = func() map[string]*RelationType {
	m := make(map[string]*RelationType, len(vocabulary))
	for i := range vocabulary {
		m[vocabulary[i].Name] = &vocabulary[i]
	}
	return m
}()

// Vocabulary returns a copy of every relation type, sorted by name.
func Vocabulary() []RelationType {
	out := make([]RelationType, len(vocabulary))
	copy(out, vocabulary)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// LookupType returns the declaration of the named type, or false.
func LookupType(name string) (RelationType, bool) {
	t, ok := vocabularyIndex[name]
	if !ok {
		return RelationType{}, false
	}
	return *t, true
}

// IsSymmetric reports whether the named type is symmetric.
func IsSymmetric(name string) bool {
	t, ok := vocabularyIndex[name]
	return ok && t.Symmetric
}
