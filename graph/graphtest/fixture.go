package graphtest

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/names/variants"
)

// Fixture returns the small hand-made bundle the suite runs on: people with
// accented and Arabic names, organizations with many aliases, two events
// claimed by competing groups, places, parallel relations (two types, and
// two relations of the same type) between the same actors, symmetric types,
// dated relations, a relation with refuting evidence, and an actor with no
// relation at all. Every call returns a fresh, not yet validated copy.
func Fixture() *graph.Bundle {
	d := graph.MustDate
	actor := func(id string, k graph.Kind, name string, aliases ...string) graph.Actor {
		return graph.Actor{ID: id, Kind: k, Name: name, Aliases: aliases}
	}
	b := &graph.Bundle{
		Format: graph.BundleFormat,
		Sources: []graph.Source{
			{ID: "src-news", Title: "A news report", Publication: "The Paper", Author: "A. Reporter", Date: d("2015-01-12"),
				File: "news.txt", URL: "https://example.org/news"},
			{ID: "src-blog", Title: "Posts tagged “Al Qaeda”", Author: "An Analyst", Date: d("2018"), DateNote: "collects pieces from 2016 to 2018",
				Pieces: []graph.Piece{
					{ID: "post-1", Title: "First post", Publication: "The Blog", Date: d("2016-09")},
					{ID: "post-2", Title: "Second post", Publication: "A Journal"},
				}},
		},
	}
	cherif := actor("cherif-kouachi", graph.Person, "Chérif Kouachi", "Cherif Kouachi")
	cherif.Start, cherif.End = d("1982-11-29"), d("2015-01-09")
	cherif.Description = "One of the two brothers who attacked Charlie Hebdo."
	cherif.Evidence = []graph.Evidence{{Source: "src-news", Quote: "Said and Cherif Kouachi were trained in Yemen", Stance: graph.Supports}}
	charlie := actor("charlie-hebdo-attack", graph.Event, "Charlie Hebdo shooting", "Charlie Hebdo attack")
	charlie.Start = d("2015-01-07")
	hyper := actor("hypercacher-siege", graph.Event, "Hypercacher siege", "Porte de Vincennes siege")
	hyper.Start, hyper.End = d("2015-01-09"), d("2015-01-09")
	nov := actor("paris-attacks-2015-11", graph.Event, "November 2015 Paris attacks", "Paris", "ghazwat Paris")
	nov.Start = d("2015-11-13")
	baghdadi := actor("abu-bakr-al-baghdadi", graph.Person, "Abu Bakr al-Baghdadi", "أبو بكر البغدادي", "Abu Du'a")
	baghdadi.Evidence = []graph.Evidence{{Source: "src-blog", Piece: "post-1", Quote: "Abu Bakr al-Baghdadi (their self-proclaimed caliph)", Stance: graph.Supports}}
	b.Actors = []graph.Actor{
		cherif,
		actor("said-kouachi", graph.Person, "Saïd Kouachi", "Said Kouachi"),
		actor("amedy-coulibaly", graph.Person, "Amedy Coulibaly", "Almedy Coulibaly"),
		actor("hayat-boumeddiene", graph.Person, "Hayat Boumeddiene"),
		actor("anwar-al-awlaki", graph.Person, "Anwar al-Awlaki", "أنور العولقي", "Awlaki"),
		baghdadi,
		actor("abu-muhammad-al-adnani", graph.Person, "Abu Muhammad al-Adnani", "Abu Muhammad", "Adnani"),
		actor("abu-muhammad-al-maqdisi", graph.Person, "Abu Muhammad al-Maqdisi", "Abu Muhammad"),
		actor("aqap", graph.Organization, "Al-Qaeda in the Arabian Peninsula", "AQAP"),
		actor("islamic-state", graph.Organization, "Islamic State", "ISIS", "ISIL", "Daesh", "IS"),
		actor("al-qaeda", graph.Organization, "Al-Qaʿida", "al-Qaeda", "Al Qaeda"),
		charlie,
		hyper,
		nov,
		actor("paris", graph.Place, "Paris"),
		actor("yemen", graph.Place, "Yemen"),
		actor("france", graph.Place, "France"),
		actor("jean-isole", graph.Person, "Jean Isolé"),
		actor("khalid-masood", graph.Person, "Khalid Masood", "Adrian Elms"),
	}

	// Graded evidence. The quotes exercise the exact round trip: accents,
	// typographic quote marks, Arabic, a newline and a tab.
	ev := func(src, piece, quote, claimant string, stance graph.Stance, rel string, cred int) graph.Evidence {
		return graph.Evidence{Source: src, Piece: piece, Quote: quote, Claimant: claimant, Stance: stance, Reliability: rel, Credibility: cred}
	}
	news := func(quote, rel string, cred int) graph.Evidence {
		return ev("src-news", "", quote, "A. Reporter", "", rel, cred)
	}
	rel := func(typ, from, to string, es ...graph.Evidence) graph.Relation {
		return graph.Relation{ID: graph.RelationID(from, typ, to), Type: typ, From: from, To: to, Evidence: es}
	}
	dated := func(r graph.Relation, from, to string) graph.Relation {
		if from != "" {
			r.ValidFrom = d(from)
		}
		if to != "" {
			r.ValidTo = d(to)
		}
		return r
	}
	met2 := dated(rel("MET", "cherif-kouachi", "anwar-al-awlaki",
		news("Cherif Kouachi said he met Anwar al-Awlaki in 2011", "C", 2)), "2011", "")
	met2.ID += "--2"
	directed := rel("DIRECTED_BY", "charlie-hebdo-attack", "aqap",
		ev("src-news", "", "Cherif Kouachi said they were “sent” to carry out the attack", "Chérif Kouachi", graph.Supports, "D", 3),
		ev("src-blog", "post-2", "I don’t think AQAP directed it;\nit was inspired.", "An Analyst", graph.Refutes, "B", 3))
	directed.Contested = true
	claimAQAP := dated(rel("CLAIMED_BY", "charlie-hebdo-attack", "aqap",
		ev("src-news", "", "Al-Qaeda in the Arabian Peninsula declared responsibility for the attacks.", "AQAP", graph.Supports, "D", 3)), "2015-01-07", "")
	claimAQAP.Contested = true
	claimIS := dated(rel("CLAIMED_BY", "charlie-hebdo-attack", "islamic-state",
		ev("src-news", "", "The Islamic State likewise declared responsibility.", "Islamic State", graph.Supports, "D", 4)), "2015-01-07", "")
	claimIS.Contested = true
	rival := rel("RIVAL_OF", "abu-muhammad-al-maqdisi", "abu-bakr-al-baghdadi",
		ev("src-blog", "post-1", "Maqdisi\tcondemned al-Baghdadi’s “caliphate”", "An Analyst", graph.Supports, "B", 3),
		ev("src-blog", "post-1", "Some say the two never really fell out.", "An Analyst", graph.Refutes, "C", 4))
	member := rel("MEMBER_OF", "anwar-al-awlaki", "aqap", news("Anwar al-Awlaki, the American head of the group", "B", 2))
	member.Role = "propagandist"
	member = dated(member, "2009", "2011-09-30")
	leader := dated(rel("MEMBER_OF", "abu-bakr-al-baghdadi", "islamic-state", news("أبو بكر البغدادي leads the group", "A", 2)), "2010", "")
	leader.Role = "leader"
	spokesman := dated(rel("MEMBER_OF", "abu-muhammad-al-adnani", "islamic-state", news("Adnani, the group’s spokesman", "A", 2)), "", "2016-08-30")
	spokesman.Role = "spokesman"
	spouse := dated(rel("SPOUSE_OF", "amedy-coulibaly", "hayat-boumeddiene", news("Coulibaly’s wife, Hayat Boumeddiene", "B", 2)), "2009", "")
	spouse.Role = "religious marriage"

	// Two relations no claim supports: one that every source denies
	// (status refuted), and one whose support a completely reliable,
	// confirmed denial cancels (contested, confidence 0). Queries leave
	// both out unless asked for them, so Khalid Masood connects to nothing
	// by default.
	inspired := dated(rel("INSPIRED_BY", "khalid-masood", "islamic-state",
		ev("src-news", "", "police said there was no evidence he was inspired by the Islamic State", "Metropolitan Police", graph.Refutes, "B", 2),
		ev("src-blog", "post-2", "Nothing links Masood to IS.", "An Analyst", graph.Refutes, "C", 3)), "2017-03-22", "")
	masoodMet := rel("MET", "khalid-masood", "anwar-al-awlaki",
		ev("src-blog", "post-2", "Masood is said to have met Awlaki.", "An Analyst", graph.Supports, "D", 4),
		ev("src-news", "", "Masood never met Awlaki, the inquiry established.", "The inquiry", graph.Refutes, "A", 1))

	b.Relations = []graph.Relation{
		inspired,
		masoodMet,
		rel("SIBLING_OF", "said-kouachi", "cherif-kouachi", news("the Kouachi brothers", "B", 2)),
		rel("TRAINED_WITH", "cherif-kouachi", "said-kouachi", news("Said and Cherif Kouachi were trained in Yemen in 2011", "B", 2)),
		dated(rel("TRAINED_IN", "cherif-kouachi", "yemen", news("Said and Cherif Kouachi were trained in Yemen in 2011", "B", 2)), "2011", ""),
		dated(rel("TRAVELLED_TO", "cherif-kouachi", "yemen", news("Cherif went to Yemen", "C", 3)), "2011", ""),
		dated(rel("TRAINED_BY", "said-kouachi", "aqap", news("trained by the group in Yemen", "B", 3)), "2011", ""),
		rel("MET", "cherif-kouachi", "anwar-al-awlaki", news("met Anwar al-Awlaki", "C", 3)),
		met2,
		member,
		dated(rel("PERPETRATED", "cherif-kouachi", "charlie-hebdo-attack", news("the Kouachi brothers attacked Charlie Hebdo", "A", 1)), "2015-01-07", ""),
		dated(rel("PERPETRATED", "said-kouachi", "charlie-hebdo-attack", news("the Kouachi brothers attacked Charlie Hebdo", "A", 1)), "2015-01-07", ""),
		claimAQAP,
		claimIS,
		directed,
		dated(rel("PERPETRATED", "amedy-coulibaly", "hypercacher-siege", news("Amedy Coulibaly seized the kosher restaurant", "A", 1)), "2015-01-09", ""),
		dated(rel("PLEDGED_ALLEGIANCE_TO", "amedy-coulibaly", "islamic-state", news("declaring allegiance to the Islamic State", "B", 2)), "2015-01", ""),
		dated(rel("ASSOCIATE_OF", "amedy-coulibaly", "cherif-kouachi", news("The personal ties between Coulibaly and Cherif Kouachi  go back to at least 2010", "B", 2)), "2010", ""),
		spouse,
		dated(rel("SPLIT_FROM", "islamic-state", "al-qaeda", news("ISIS split from al-Qaeda", "B", 2)), "2014-02", ""),
		rel("AFFILIATE_OF", "aqap", "al-qaeda", news("Al Qaeda's affiliate in Yemen, AQAP", "A", 2)),
		dated(rel("RIVAL_OF", "islamic-state", "al-qaeda", news("this big rivalry with al-Qaeda", "B", 2)), "2014", ""),
		leader,
		spokesman,
		rival,
		dated(rel("OCCURRED_IN", "charlie-hebdo-attack", "paris", news("the attack in Paris", "A", 1)), "2015-01-07", ""),
		dated(rel("OCCURRED_IN", "hypercacher-siege", "paris", news("the kosher supermarket in Paris", "A", 1)), "2015-01-09", ""),
		rel("LOCATED_IN", "paris", "france", news("Paris, France", "A", 1)),
		rel("NATIONAL_OF", "cherif-kouachi", "france", news("the French-born brothers", "A", 2)),
		dated(rel("INSPIRED_BY", "hypercacher-siege", "islamic-state", news("ISIS-inspired but not ISIS directed", "B", 3)), "2015-01-09", ""),
		dated(rel("CLAIMED_BY", "paris-attacks-2015-11", "islamic-state",
			ev("src-blog", "post-1", "ISIS opened the video in which it claimed responsibility for the Paris attacks", "Islamic State", graph.Supports, "C", 3)), "2015-11-13", ""),
		dated(rel("OCCURRED_IN", "paris-attacks-2015-11", "paris", news("the Paris attacks", "A", 1)), "2015-11-13", ""),
	}
	return b
}

// Ladder returns a bundle with more than DefaultLimits.MaxPaths shortest
// paths between "start" and "goal": three layers of five people, each
// person linked to every person of the next layer, 5*5*5 = 125 paths of 4
// hops.
func Ladder() *graph.Bundle {
	b := &graph.Bundle{Format: graph.BundleFormat, Sources: []graph.Source{{ID: "src-ladder", Title: "Ladder"}}}
	person := func(id string) {
		b.Actors = append(b.Actors, graph.Actor{ID: id, Kind: graph.Person, Name: "Ladder " + id})
	}
	link := func(from, to string) {
		b.Relations = append(b.Relations, graph.Relation{ID: graph.RelationID(from, "ASSOCIATE_OF", to), Type: "ASSOCIATE_OF", From: from, To: to,
			Evidence: []graph.Evidence{{Source: "src-ladder", Quote: from + " knew " + to, Claimant: "Test", Reliability: "B", Credibility: 2}}})
	}
	person("start")
	person("goal")
	layer := func(l, i int) string { return fmt.Sprintf("l%d-%d", l, i) }
	for l := 1; l <= 3; l++ {
		for i := range 5 {
			person(layer(l, i))
		}
	}
	for i := range 5 {
		link("start", layer(1, i))
		link(layer(3, i), "goal")
		for j := range 5 {
			link(layer(1, i), layer(2, j))
			link(layer(2, i), layer(3, j))
		}
	}
	return b
}

// Random returns a deterministic random bundle of people and a few
// organizations with directed and symmetric relations of varied
// confidence, dates, contested flags and statuses (some refuted, some
// cancelled by a denial), to compare path answers with the
// brute-force reference on a graph nobody tuned by hand.
func Random(seed uint64, people, orgs, relations int) *graph.Bundle {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	b := &graph.Bundle{Format: graph.BundleFormat, Sources: []graph.Source{{ID: "src-random", Title: "Random"}}}
	var ids []string
	for i := range people {
		id := fmt.Sprintf("p%02d", i)
		ids = append(ids, id)
		b.Actors = append(b.Actors, graph.Actor{ID: id, Kind: graph.Person, Name: fmt.Sprintf("Person %02d", i)})
	}
	for i := range orgs {
		id := fmt.Sprintf("o%d", i)
		ids = append(ids, id)
		b.Actors = append(b.Actors, graph.Actor{ID: id, Kind: graph.Organization, Name: fmt.Sprintf("Org %d", i)})
	}
	kindOf := func(id string) graph.Kind {
		if id[0] == 'o' {
			return graph.Organization
		}
		return graph.Person
	}
	types := []string{"MET", "ASSOCIATE_OF", "COMMUNICATED_WITH", "RECRUITED_BY", "TRAINED_BY", "FINANCED_BY", "PLEDGED_ALLEGIANCE_TO", "AFFILIATE_OF", "ALLIED_WITH", "RIVAL_OF"}
	grades := []struct {
		r string
		c int
	}{{"A", 1}, {"A", 2}, {"B", 2}, {"B", 3}, {"C", 3}, {"D", 4}, {"F", 6}}
	used := map[string]int{}
	for len(b.Relations) < relations {
		from, to := ids[rng.IntN(len(ids))], ids[rng.IntN(len(ids))]
		typ := types[rng.IntN(len(types))]
		t, _ := graph.LookupType(typ)
		if from == to || !t.Allows(kindOf(from), kindOf(to)) {
			continue
		}
		id := graph.RelationID(from, typ, to)
		used[id]++
		if n := used[id]; n > 1 {
			id = fmt.Sprintf("%s--%d", id, n)
		}
		g := grades[rng.IntN(len(grades))]
		r := graph.Relation{ID: id, Type: typ, From: from, To: to,
			Evidence: []graph.Evidence{{Source: "src-random", Quote: "q " + id, Claimant: "Test", Reliability: g.r, Credibility: g.c}}}
		if rng.IntN(3) == 0 {
			y := 2008 + rng.IntN(8)
			r.ValidFrom = graph.Date{Year: y}
			if rng.IntN(2) == 0 {
				r.ValidTo = graph.Date{Year: y + rng.IntN(4)}
			}
		}
		if rng.IntN(8) == 0 {
			r.Contested = true
		}
		switch rng.IntN(12) {
		case 0: // every source denies it: refuted
			r.Evidence[0].Stance = graph.Refutes
		case 1: // a confirmed denial cancels the support: confidence 0
			r.Evidence = append(r.Evidence, graph.Evidence{Source: "src-random", Quote: "not " + id, Claimant: "Court", Stance: graph.Refutes, Reliability: "A", Credibility: 1})
		}
		b.Relations = append(b.Relations, r)
	}
	return b
}

// cloneBundle returns a deep copy of b (without file positions).
func cloneBundle(b *graph.Bundle) *graph.Bundle {
	data, err := json.Marshal(b)
	if err != nil {
		panic(err)
	}
	var out graph.Bundle
	if err := json.Unmarshal(data, &out); err != nil {
		panic(err)
	}
	return &out
}

// validated returns a copy of b after Validate, with derived fields set, as
// a store must return its entries. It panics if b is not valid: fixtures
// are.
func validated(b *graph.Bundle) *graph.Bundle {
	c := cloneBundle(b)
	if err := c.Validate(nil); err != nil {
		panic(fmt.Sprintf("graphtest: fixture does not validate: %v", err))
	}
	return c
}

// Hub returns a bundle of one organization, "hub", with n relations: its
// members (MEMBER_OF hub, one in every seven of them contested), people it
// financed (FINANCED_BY, stored from them to the hub, every third dated
// 2010-2012) and allies (ALLIED_WITH, symmetric, stored from the hub). It is
// the actor page that must work for any actor: far more relations than
// Limits.MaxRelations.
func Hub(n int) *graph.Bundle {
	b := &graph.Bundle{Format: graph.BundleFormat, Sources: []graph.Source{{ID: "src-hub", Title: "Hub"}}}
	b.Actors = append(b.Actors, graph.Actor{ID: "hub", Kind: graph.Organization, Name: "The Hub"})
	ev := []graph.Evidence{{Source: "src-hub", Quote: "a quote", Claimant: "Test", Reliability: "B", Credibility: 2}}
	for i := range n {
		id := fmt.Sprintf("m%07d", i)
		kind, typ, from, to := graph.Person, "MEMBER_OF", id, "hub"
		switch i % 10 {
		case 7, 8:
			typ = "FINANCED_BY"
		case 9:
			kind, typ, from, to = graph.Organization, "ALLIED_WITH", "hub", id
		}
		b.Actors = append(b.Actors, graph.Actor{ID: id, Kind: kind, Name: "Member " + id})
		r := graph.Relation{ID: graph.RelationID(from, typ, to), Type: typ, From: from, To: to, Evidence: ev, Contested: typ == "MEMBER_OF" && i%7 == 0}
		if typ == "FINANCED_BY" && i%3 == 0 {
			r.ValidFrom, r.ValidTo = graph.Date{Year: 2010}, graph.Date{Year: 2012}
		}
		b.Relations = append(b.Relations, r)
	}
	return b
}

// Names returns a deterministic bundle of n actors with names built from
// parts of Arabic, South Asian, French and English names
// (graph/names/variants), a third of them with a variant spelling as an
// alias, one in ten an organization, and relations among a few of them
// so that degrees break ties: for checking search on names nobody tuned
// by hand.
func Names(seed uint64, n int) *graph.Bundle {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	b := &graph.Bundle{Format: graph.BundleFormat, Sources: []graph.Source{{ID: "src-names", Title: "Names"}}}
	for i := range n {
		a := graph.Actor{ID: fmt.Sprintf("n%04d", i), Kind: graph.Person, Name: variants.Name(rng)}
		if i%10 == 9 {
			a.Kind = graph.Organization
		}
		if rng.IntN(3) == 0 {
			if al := variants.Mutate(rng, a.Name); graph.NormalizeName(al) != "" {
				a.Aliases = []string{al}
			}
		}
		b.Actors = append(b.Actors, a)
	}
	for i := 0; i+1 < n/2; i += 2 {
		from, to := b.Actors[i], b.Actors[rng.IntN(n)]
		if from.ID == to.ID || to.Kind != graph.Person {
			continue
		}
		id := graph.RelationID(from.ID, "MET", to.ID)
		if slices.ContainsFunc(b.Relations, func(r graph.Relation) bool { return r.ID == id }) {
			continue
		}
		b.Relations = append(b.Relations, graph.Relation{ID: id, Type: "MET", From: from.ID, To: to.ID,
			Evidence: []graph.Evidence{{Source: "src-names", Quote: "met", Claimant: "Test", Reliability: "B", Credibility: 2}}})
	}
	return b
}

// Common returns a bundle of n people named as the synthetic generator
// names them ("Person 00042"), some linked to a hub organization so that
// their degrees differ: a word that more than names.MaxExactTotal actors
// share.
func Common(n int) *graph.Bundle {
	b := &graph.Bundle{Format: graph.BundleFormat, Sources: []graph.Source{{ID: "src-common", Title: "Common"}}}
	b.Actors = append(b.Actors, graph.Actor{ID: "hub", Kind: graph.Organization, Name: "Hub Organisation"})
	ev := []graph.Evidence{{Source: "src-common", Quote: "a member", Claimant: "Test", Reliability: "B", Credibility: 2}}
	for i := range n {
		id := fmt.Sprintf("person-%05d", i)
		b.Actors = append(b.Actors, graph.Actor{ID: id, Kind: graph.Person, Name: fmt.Sprintf("Person %05d", i)})
		if i%997 == 5 {
			b.Relations = append(b.Relations, graph.Relation{ID: graph.RelationID(id, "MEMBER_OF", "hub"), Type: "MEMBER_OF", From: id, To: "hub", Evidence: ev})
		}
	}
	return b
}
