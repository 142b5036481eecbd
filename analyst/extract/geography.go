package extract

import (
	"sort"

	"github.com/actorgraph/actorgraph/graph"
)

// Geography: a city or region that the text names lies in its country,
// which the place table knows (places.go) and the gazetteer holds as an
// actor. This is reference knowledge, not a reading of two names in one
// sentence: the proposal says which, and is proposed once per place and
// text.
//
//   - When a sentence names both the place and its country (by name or by
//     a demonym: "the German authorities ... in Wuerzburg"), that sentence
//     is the quote and the text's own voice the claim.
//   - Otherwise the quote is the first sentence naming the place, and the
//     claimant says that the country comes from reference geography, as
//     the seed graph does.
//
// A sentence of prose is preferred to a headline or a caption. A
// LOCATED_IN that a rule already read from the text ("Kobane, Syria") is
// not proposed again.

// referenceGeography is the claimant of a LOCATED_IN whose country the
// text does not name where it names the place.
const referenceGeography = "reference geography (the text names the place, not its country)"

// maxGeoQuote bounds the quote of a geography proposal: a longer sentence
// is cut to the words around the names.
const maxGeoQuote = 300

// countryOfPlace returns the country the place table puts a known place
// in, and false for a country or an unknown place.
func (d *doc) countryOfPlace(a *gazActor) (string, bool) {
	if _, country := countryByKey[foldName(a.name)]; country {
		return "", false // Georgia the country, not the state
	}
	for _, n := range append([]string{a.name}, a.aliases...) {
		for _, p := range placesByKey[foldName(n)] {
			if p.isCity && p.country != "" && foldName(p.country) != foldName(a.name) {
				return p.country, true
			}
		}
	}
	return "", false
}

func (d *doc) geographyProposals(existing []Proposal) []Proposal {
	type pair struct{ from, to string }
	have := map[pair]bool{}
	for i := range existing {
		if r := existing[i].Relation; r != nil && r.Type == "LOCATED_IN" {
			have[pair{r.From.ID, r.To.ID}] = true
		}
	}
	type found struct {
		city, country int32
		si            int
		cm            ment // the place's mention
		both          bool // the sentence names the country too
		countryM      *ment
	}
	var order []int32
	byCity := map[int32]*found{}
	type country struct {
		actor int32 // -1 for none
		name  string
	}
	countryCache := map[int32]country{} // place -> its country
	for si := range d.sents {
		// The places a sentence names: on their own, and inside the
		// descriptions of events ("the attacks in Paris").
		var places []ment
		for _, m := range d.ments[si] {
			if m.event != nil {
				places = append(places, m.event.places...)
				places = append(places, m.event.inner...)
				continue
			}
			places = append(places, m)
		}
		for _, m := range places {
			if m.pronoun || m.demonym != "" || m.event != nil || !m.known() || m.group {
				continue
			}
			r := m.refs[0]
			a := &d.g.actors[r.actor]
			if a.kind != graph.Place {
				continue
			}
			cc, ok := countryCache[r.actor]
			if !ok {
				cc = country{actor: -1}
				if name, ok := d.countryOfPlace(a); ok {
					if cr, ok := d.countryRef(name); ok && cr.known() && cr.actor != r.actor {
						cc = country{cr.actor, name}
					}
				}
				countryCache[r.actor] = cc
			}
			c := cc.actor
			if c < 0 || have[pair{a.id, d.g.actors[c].id}] {
				continue
			}
			f := byCity[r.actor]
			headline := d.sents[si].headline
			if f != nil && f.both && !d.sents[f.si].headline {
				continue
			}
			// Does this sentence name the country, or its people?
			var cm *ment
			for q := range d.ments[si] {
				mq := &d.ments[si][q]
				if len(mq.refs) > 0 && mq.refs[0].actor == c {
					cm = mq
					break
				}
			}
			for k, tk := range d.toks[si] {
				if cm == nil && tk.word && tk.cap && demonyms[tk.fold] == cc.name {
					cm = &ment{i: k, j: k + 1, refs: []ref{{actor: c}}}
				}
			}
			// The first sentence that names both wins, then the first
			// that names the place; prose before a headline.
			better := f == nil || cm != nil && !f.both || d.sents[f.si].headline && !headline && (cm != nil || !f.both)
			if f == nil {
				order = append(order, r.actor)
			}
			if better {
				byCity[r.actor] = &found{city: r.actor, country: c, si: si, cm: m, both: cm != nil, countryM: cm}
			}
		}
	}
	var out []Proposal
	for _, city := range order {
		f := byCity[city]
		toks := d.toks[f.si]
		s := d.sents[f.si]
		start, end := s.start, s.end
		lo, hi := f.cm.i, f.cm.j
		if f.countryM != nil {
			lo, hi = min(lo, f.countryM.i), max(hi, f.countryM.j)
		}
		if end-start > maxGeoQuote {
			// The words around the names, within the sentence.
			a, b := max(0, lo-12), min(len(toks), hi+12)
			start, end = toks[a].start, toks[b-1].end
		}
		cityEnd := span{toks[f.cm.i].start, toks[f.cm.j-1].end}
		rel := &Relation{Type: "LOCATED_IN", From: d.endpoint(ref{actor: f.city}, cityEnd), Pattern: "geography: place table"}
		claimant, score := referenceGeography, 0.45
		if f.countryM != nil {
			// The country's end is where the sentence names it (by
			// name or by its people's demonym).
			rel.To = d.endpoint(ref{actor: f.country}, span{toks[f.countryM.i].start, toks[f.countryM.j-1].end})
			claimant, score = "", 0.6
		} else {
			ca := &d.g.actors[f.country]
			rel.To = Endpoint{ID: ca.id, Name: ca.name, Kind: ca.kind}
		}
		out = append(out, Proposal{
			Kind: KindRelation, Quote: d.text[start:end], Start: d.ri.runes(start), End: d.ri.runes(end),
			Sentence: f.si, Claimant: claimant, Stance: graph.Supports, Words: []string{d.text[cityEnd.start:cityEnd.end]},
			Score: score, Status: Pending, Relation: rel,
		})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}
