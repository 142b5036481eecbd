package graphtest

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// The quotes that must survive a round trip byte for byte.
var trickyEvidence = []graph.Evidence{
	{Source: "src-news", Quote: "“Chérif” said:\n\t‘we avenged the Prophet’ — أنور العولقي 🙂",
		Claimant: "Chérif Kouachi (BFM TV interview)", Stance: graph.Supports, Reliability: "F", Credibility: 6},
	{Source: "src-blog", Piece: "post-2", Quote: "It's \"not\" that simple\r\n  — see „Anmerkungen“ and «guillemets»",
		Claimant: "Ànalyst", Stance: graph.Refutes, Reliability: "C", Credibility: 4},
	{Source: "src-blog", Piece: "post-1", Quote: "Plain quote with trailing space ", Claimant: "X", Stance: graph.Supports, Reliability: "A", Credibility: 1},
}

func testWrites(t *testing.T, open Opener) {
	t.Run("CreateActor", func(t *testing.T) { testCreateActor(t, open) })
	t.Run("UpdateActor", func(t *testing.T) { testUpdateActor(t, open) })
	t.Run("DeleteActor", func(t *testing.T) { testDeleteActor(t, open) })
	t.Run("CreateRelation", func(t *testing.T) { testCreateRelation(t, open) })
	t.Run("UpdateRelation", func(t *testing.T) { testUpdateRelation(t, open) })
	t.Run("DeleteRelation", func(t *testing.T) { testDeleteRelation(t, open) })
	t.Run("AddEvidence", func(t *testing.T) { testAddEvidence(t, open) })
	t.Run("EvidenceRoundTrip", func(t *testing.T) { testEvidenceRoundTrip(t, open) })
	t.Run("Caps", func(t *testing.T) { testCaps(t, open) })
}

// testCaps checks that every write path applies the caps of graph/caps.go
// (a 30 MB name was once accepted), naming the field, and changes nothing.
func testCaps(t *testing.T, open Opener) {
	ctx := t.Context()
	s, m := load(t, open, Fixture())
	long := func(n int) string { return strings.Repeat("x", n+1) }
	huge := strings.Repeat("Abu Muhammad ", 30<<20/13) // 30 MB
	desc := long(graph.MaxDescriptionLen)
	role := long(graph.MaxFieldLen)
	ev := graph.Evidence{Source: "src-news", Quote: "q", Claimant: "c", Reliability: "B", Credibility: 2}
	for _, tt := range []struct {
		what, field string
		write       func() error
	}{
		{"CreateActor with a 30 MB name", "name", func() error {
			_, err := s.CreateActor(ctx, graph.Actor{ID: "huge-name", Kind: graph.Person, Name: huge})
			return err
		}},
		{"CreateActor with too many aliases", "aliases", func() error {
			_, err := s.CreateActor(ctx, graph.Actor{ID: "many-aliases", Kind: graph.Person, Name: "M", Aliases: slices.Repeat([]string{"A"}, graph.MaxAliases+1)})
			return err
		}},
		{"UpdateActor with a long description", "description", func() error {
			_, err := s.UpdateActor(ctx, "aqap", graph.ActorPatch{Description: &desc})
			return err
		}},
		{"UpdateActor with a long alias", "aliases[0]", func() error {
			aliases := []string{long(graph.MaxNameLen)}
			_, err := s.UpdateActor(ctx, "aqap", graph.ActorPatch{Aliases: &aliases})
			return err
		}},
		{"CreateRelation with a long quote", "evidence[0].quote", func() error {
			e := ev
			e.Quote = long(graph.MaxQuoteLen)
			_, err := s.CreateRelation(ctx, graph.Relation{Type: "MET", From: "amedy-coulibaly", To: "hayat-boumeddiene", Evidence: []graph.Evidence{e}})
			return err
		}},
		{"UpdateRelation with a long role", "role", func() error {
			_, err := s.UpdateRelation(ctx, m.relations[0].ID, graph.RelationPatch{Role: &role})
			return err
		}},
		{"AddEvidence with a long claimant", "claimant", func() error {
			e := ev
			e.Claimant = long(graph.MaxFieldLen)
			_, err := s.AddEvidence(ctx, m.relations[0].ID, e)
			return err
		}},
		{"Import with a long source title", "title", func() error {
			_, err := s.Import(ctx, &graph.Bundle{Format: graph.BundleFormat, Sources: []graph.Source{{ID: "long-title", Title: long(graph.MaxFieldLen)}}})
			return err
		}},
	} {
		err := tt.write()
		wantCode(t, err, graph.EINVALID, tt.what)
		var v *graph.ValidationError
		if errors.As(err, &v) {
			found := false
			for _, p := range v.Problems {
				found = found || strings.HasSuffix(p.Field, tt.field) && strings.Contains(p.Message, "at most")
			}
			if !found {
				t.Errorf("%s: problems %v name no cap on %s", tt.what, v.Problems, tt.field)
			}
		}
	}
	// AddEvidence past MaxEvidence.
	r := m.relations[0]
	for i := len(r.Evidence); i < graph.MaxEvidence; i++ {
		if _, err := s.AddEvidence(ctx, r.ID, ev); err != nil {
			t.Fatalf("AddEvidence #%d: %v", i, err)
		}
	}
	_, err := s.AddEvidence(ctx, r.ID, ev)
	wantCode(t, err, graph.EINVALID, "AddEvidence past MaxEvidence")
	if err != nil && !strings.Contains(err.Error(), "at most 100") {
		t.Errorf("AddEvidence past MaxEvidence: %v does not name the cap", err)
	}
	if got, _ := s.Actor(ctx, "aqap"); got.Description != m.actors["aqap"].Description || !slices.Equal(got.Aliases, m.actors["aqap"].Aliases) {
		t.Errorf("a refused write changed aqap: %+v", got)
	}
}

func testCreateActor(t *testing.T, open Opener) {
	ctx := t.Context()
	s, m := load(t, open, Fixture())
	a := graph.Actor{ID: "hasna-ait-boulahcen", Kind: graph.Person, Name: "Hasna Aït Boulahcen", Aliases: []string{"حسناء"},
		Description: "Cousin of Abdelhamid Abaaoud.", Start: graph.MustDate("1989-08"), End: graph.MustDate("2015-11-18"),
		Evidence: []graph.Evidence{{Source: "src-news", Quote: "his cousin “Hasna”", Stance: graph.Supports}}}
	got, err := s.CreateActor(ctx, a)
	if err != nil {
		t.Fatalf("CreateActor: %v", err)
	}
	checkActor(t, "CreateActor result", got, a)
	stored, err := s.Actor(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	checkActor(t, "Actor after CreateActor", stored, a)
	checkResolve(t, s, "hasna ait boulahcen", []string{a.ID})
	checkResolve(t, s, "حسناء", []string{a.ID})
	res, err := s.SearchActors(ctx, graph.SearchQuery{Text: "boulahcen"})
	if err != nil || res.Total != 1 || res.Hits[0].Actor.ID != a.ID || res.Hits[0].Degree != 0 {
		t.Errorf("SearchActors(boulahcen) after CreateActor = %+v, %v", res, err)
	}

	bad := []struct {
		name string
		a    graph.Actor
		code string
	}{
		{"id taken", graph.Actor{ID: "cherif-kouachi", Kind: graph.Person, Name: "Someone Else"}, graph.ECONFLICT},
		{"bad id", graph.Actor{ID: "Bad Id", Kind: graph.Person, Name: "Bad Id"}, graph.EINVALID},
		{"empty id", graph.Actor{Kind: graph.Person, Name: "No Id"}, graph.EINVALID},
		{"bad kind", graph.Actor{ID: "bad-kind", Kind: "group", Name: "Bad Kind"}, graph.EINVALID},
		{"no name", graph.Actor{ID: "no-name", Kind: graph.Person, Name: "  "}, graph.EINVALID},
		{"empty alias", graph.Actor{ID: "empty-alias", Kind: graph.Person, Name: "Empty Alias", Aliases: []string{""}}, graph.EINVALID},
		{"end before start", graph.Actor{ID: "backwards", Kind: graph.Person, Name: "Backwards", Start: graph.MustDate("2015"), End: graph.MustDate("2014")}, graph.EINVALID},
	}
	for _, tt := range bad {
		_, err := s.CreateActor(ctx, tt.a)
		wantCode(t, err, tt.code, "CreateActor("+tt.name+")")
	}
	stored, err = s.Actor(ctx, "cherif-kouachi")
	if err != nil {
		t.Fatal(err)
	}
	checkActor(t, "cherif-kouachi after a conflicting CreateActor", stored, m.actors["cherif-kouachi"])
	m.actors[a.ID] = a
	m.ids = append(m.ids, a.ID)
	slices.Sort(m.ids)
	checkContent(t, s, m)
}

func testUpdateActor(t *testing.T, open Opener) {
	ctx := t.Context()
	s, m := load(t, open, Fixture())
	name, desc := "Chérif Kouachi (Abu Issen)", "Changed."
	aliases := []string{"Abu Issen", "كواشي"}
	start := graph.MustDate("1982")
	p := graph.ActorPatch{Name: &name, Aliases: &aliases, Description: &desc, Start: &start}
	want := p.Apply(m.actors["cherif-kouachi"])
	got, err := s.UpdateActor(ctx, "cherif-kouachi", p)
	if err != nil {
		t.Fatalf("UpdateActor: %v", err)
	}
	checkActor(t, "UpdateActor result", got, want)
	stored, _ := s.Actor(ctx, "cherif-kouachi")
	checkActor(t, "Actor after UpdateActor", stored, want)
	checkResolve(t, s, "كواشي", []string{"cherif-kouachi"})
	m.actors["cherif-kouachi"] = want
	checkResolve(t, s, "Cherif Kouachi", m.resolve("Cherif Kouachi")) // now a word-prefix match of the new name
	checkResolve(t, s, "Abu Issen", []string{"cherif-kouachi"})

	// Clearing the aliases.
	none := []string{}
	got, err = s.UpdateActor(ctx, "cherif-kouachi", graph.ActorPatch{Aliases: &none})
	if err != nil {
		t.Fatalf("UpdateActor(no aliases): %v", err)
	}
	want.Aliases = nil
	checkActor(t, "UpdateActor(no aliases)", got, want)
	m.actors["cherif-kouachi"] = want

	empty := ""
	end := graph.MustDate("1970")
	for _, tt := range []struct {
		name string
		id   string
		p    graph.ActorPatch
		code string
	}{
		{"unknown actor", "no-such-actor", graph.ActorPatch{Name: &name}, graph.ENOTFOUND},
		{"empty name", "cherif-kouachi", graph.ActorPatch{Name: &empty}, graph.EINVALID},
		{"end before start", "cherif-kouachi", graph.ActorPatch{End: &end}, graph.EINVALID},
		{"empty alias", "said-kouachi", graph.ActorPatch{Aliases: &[]string{"ok", " "}}, graph.EINVALID},
	} {
		_, err := s.UpdateActor(ctx, tt.id, tt.p)
		wantCode(t, err, tt.code, "UpdateActor("+tt.name+")")
	}
	checkContent(t, s, m) // failed updates change nothing
}

func testDeleteActor(t *testing.T, open Opener) {
	ctx := t.Context()
	s, m := load(t, open, Fixture())

	err := s.DeleteActor(ctx, "cherif-kouachi", false)
	wantCode(t, err, graph.ECONFLICT, "DeleteActor(an actor with relations, no cascade)")
	checkContent(t, s, m)

	if err := s.DeleteActor(ctx, "jean-isole", false); err != nil {
		t.Errorf("DeleteActor(an actor without relations): %v", err)
	}
	_, err = s.Actor(ctx, "jean-isole")
	wantCode(t, err, graph.ENOTFOUND, "Actor after DeleteActor")
	err = s.DeleteActor(ctx, "jean-isole", false)
	wantCode(t, err, graph.ENOTFOUND, "DeleteActor(deleted actor)")
	err = s.DeleteActor(ctx, "no-such-actor", true)
	wantCode(t, err, graph.ENOTFOUND, "DeleteActor(no-such-actor, cascade)")

	if err := s.DeleteActor(ctx, "cherif-kouachi", true); err != nil {
		t.Fatalf("DeleteActor(cascade): %v", err)
	}
	// The reference without the deleted actors and their relations.
	b := validated(Fixture())
	b.Actors = slices.DeleteFunc(b.Actors, func(a graph.Actor) bool { return a.ID == "cherif-kouachi" || a.ID == "jean-isole" })
	b.Relations = slices.DeleteFunc(b.Relations, func(r graph.Relation) bool { return r.From == "cherif-kouachi" || r.To == "cherif-kouachi" })
	after := newModel(b)
	checkContent(t, s, after)
	checkStats(t, s, after, 5)
	for _, r := range m.relations {
		if r.From == "cherif-kouachi" || r.To == "cherif-kouachi" {
			_, err := s.Relation(ctx, r.ID)
			wantCode(t, err, graph.ENOTFOUND, "Relation("+r.ID+") after a cascading delete of its end")
		}
	}
	rels, err := s.ActorRelations(ctx, "said-kouachi", graph.RelationFilter{})
	if err != nil || !slices.Equal(relIDs(rels), relIDs(after.actorRelations("said-kouachi", graph.RelationFilter{}))) {
		t.Errorf("ActorRelations(said-kouachi) after deleting his brother = %v, %v", relIDs(rels), err)
	}
	checkResolve(t, s, "kouachi", []string{"said-kouachi"})
	_, err = s.Paths(ctx, graph.PathQuery{From: "cherif-kouachi", To: "aqap"})
	wantCode(t, err, graph.ENOTFOUND, "Paths from a deleted actor")
	comparePaths(t, s, after, pairQueries(after, graph.RelationFilter{}, 0, 3)[:60])
}

func testCreateRelation(t *testing.T, open Opener) {
	ctx := t.Context()
	s, m := load(t, open, Fixture())
	r := graph.Relation{ID: "hayat-boumeddiene--communicated-with--cherif-kouachi", Type: "COMMUNICATED_WITH",
		From: "hayat-boumeddiene", To: "cherif-kouachi", Role: "via his wife", ValidFrom: graph.MustDate("2014"), ValidTo: graph.MustDate("2015-01"),
		Confidence: 0.999, // ignored: derived from the evidence
		Evidence:   trickyEvidence[:2]}
	want := r
	want.Evidence = slices.Clone(r.Evidence)
	want.Derive()
	got, err := s.CreateRelation(ctx, r)
	if err != nil {
		t.Fatalf("CreateRelation: %v", err)
	}
	checkRelation(t, "CreateRelation result", got, want)
	if !got.Contested {
		t.Error("a relation created with refuting evidence is not contested")
	}
	stored, err := s.Relation(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	checkRelation(t, "Relation after CreateRelation", stored, want)
	addRel(m, want)
	res, err := s.Paths(ctx, graph.PathQuery{From: "hayat-boumeddiene", To: "said-kouachi", Mode: graph.AllShortest})
	if err == nil {
		err = m.checkPaths(graph.PathQuery{From: "hayat-boumeddiene", To: "said-kouachi", Mode: graph.AllShortest}, res)
	}
	if err != nil {
		t.Errorf("Paths over the new relation: %v", err)
	}

	// An empty id gets the conventional one, then a numeric suffix.
	ev := []graph.Evidence{{Source: "src-news", Quote: "they met", Claimant: "Police", Reliability: "A", Credibility: 2}}
	base := graph.RelationID("amedy-coulibaly", "MET", "said-kouachi")
	first, err := s.CreateRelation(ctx, graph.Relation{Type: "MET", From: "amedy-coulibaly", To: "said-kouachi", Evidence: ev})
	if err != nil {
		t.Fatalf("CreateRelation without id: %v", err)
	}
	if first.ID != base {
		t.Errorf("CreateRelation without id: id %q, want %q", first.ID, base)
	}
	second, err := s.CreateRelation(ctx, graph.Relation{Type: "MET", From: "amedy-coulibaly", To: "said-kouachi", Evidence: ev})
	if err != nil {
		t.Fatalf("second CreateRelation without id: %v", err)
	}
	if !regexp.MustCompile(`^`+regexp.QuoteMeta(base)+`([-_.]{1,2})[0-9]+$`).MatchString(second.ID) || !graph.ValidRelationID(second.ID) {
		t.Errorf("second CreateRelation of the same triple: id %q, want %q with a numeric suffix such as --2", second.ID, base)
	}
	for _, x := range []graph.Relation{first, second} {
		stored, err := s.Relation(ctx, x.ID)
		if err != nil {
			t.Errorf("Relation(%s): %v", x.ID, err)
			continue
		}
		checkRelation(t, "Relation("+x.ID+")", stored, x)
		addRel(m, x)
	}

	good := func(typ, from, to string) graph.Relation {
		return graph.Relation{ID: graph.RelationID(from, typ, to) + "--new", Type: typ, From: from, To: to, Evidence: ev}
	}
	withEv := func(r graph.Relation, e graph.Evidence) graph.Relation { r.Evidence = []graph.Evidence{e}; return r }
	withDates := func(r graph.Relation, from, to string) graph.Relation {
		r.ValidFrom, r.ValidTo = graph.MustDate(from), graph.MustDate(to)
		return r
	}
	dup := good("MET", "amedy-coulibaly", "said-kouachi")
	dup.ID = "cherif-kouachi--trained-in--yemen"
	dup.Type, dup.From, dup.To = "TRAINED_IN", "cherif-kouachi", "yemen"
	noPiece := ev[0]
	noPiece.Source = "src-blog"
	for _, tt := range []struct {
		name string
		r    graph.Relation
		code string
	}{
		{"id taken", dup, graph.ECONFLICT},
		{"bad id", func() graph.Relation { r := good("MET", "amedy-coulibaly", "said-kouachi"); r.ID = "Bad Id"; return r }(), graph.EINVALID},
		{"unknown type", good("KNOWS", "amedy-coulibaly", "said-kouachi"), graph.EINVALID},
		{"kinds: MEMBER_OF person -> place", good("MEMBER_OF", "amedy-coulibaly", "paris"), graph.EINVALID},
		{"kinds: CLAIMED_BY person -> organization", good("CLAIMED_BY", "amedy-coulibaly", "islamic-state"), graph.EINVALID},
		{"unknown from", good("MET", "no-such-actor", "said-kouachi"), graph.EINVALID},
		{"unknown to", good("MET", "said-kouachi", "no-such-actor"), graph.EINVALID},
		{"self", good("MET", "said-kouachi", "said-kouachi"), graph.EINVALID},
		{"no evidence", func() graph.Relation { r := good("MET", "amedy-coulibaly", "said-kouachi"); r.Evidence = nil; return r }(), graph.EINVALID},
		{"unknown source", withEv(good("MET", "amedy-coulibaly", "said-kouachi"), graph.Evidence{Source: "no-such-source", Quote: "q", Claimant: "c", Reliability: "A", Credibility: 1}), graph.EINVALID},
		{"no piece", withEv(good("MET", "amedy-coulibaly", "said-kouachi"), noPiece), graph.EINVALID},
		{"empty quote", withEv(good("MET", "amedy-coulibaly", "said-kouachi"), graph.Evidence{Source: "src-news", Quote: " ", Claimant: "c", Reliability: "A", Credibility: 1}), graph.EINVALID},
		{"no claimant", withEv(good("MET", "amedy-coulibaly", "said-kouachi"), graph.Evidence{Source: "src-news", Quote: "q", Reliability: "A", Credibility: 1}), graph.EINVALID},
		{"bad grading", withEv(good("MET", "amedy-coulibaly", "said-kouachi"), graph.Evidence{Source: "src-news", Quote: "q", Claimant: "c", Reliability: "Z", Credibility: 7}), graph.EINVALID},
		{"bad stance", withEv(good("MET", "amedy-coulibaly", "said-kouachi"), graph.Evidence{Source: "src-news", Quote: "q", Claimant: "c", Reliability: "A", Credibility: 1, Stance: "neutral"}), graph.EINVALID},
		{"valid_to before valid_from", withDates(good("MET", "amedy-coulibaly", "said-kouachi"), "2015", "2014"), graph.EINVALID},
	} {
		_, err := s.CreateRelation(ctx, tt.r)
		wantCode(t, err, tt.code, "CreateRelation("+tt.name+")")
	}
	checkContent(t, s, m) // failed creates write nothing
}

// addRel adds r to the reference model.
func addRel(m *model, r graph.Relation) {
	m.relations = append(m.relations, r)
	graph.SortRelations(m.relations)
	m.relByID[r.ID] = r
	m.degree[r.From]++
	m.degree[r.To]++
}

// setRel replaces a relation in the reference model.
func setRel(m *model, r graph.Relation) {
	m.relations[slices.IndexFunc(m.relations, func(x graph.Relation) bool { return x.ID == r.ID })] = r
	m.relByID[r.ID] = r
}

func testUpdateRelation(t *testing.T, open Opener) {
	ctx := t.Context()
	s, m := load(t, open, Fixture())
	id := "said-kouachi--trained-by--aqap"
	role, from, to, contested := "trainee", graph.MustDate("2011-07"), graph.MustDate("2011-08"), true
	p := graph.RelationPatch{Role: &role, ValidFrom: &from, ValidTo: &to, Contested: &contested}
	want := p.Apply(m.relByID[id])
	got, err := s.UpdateRelation(ctx, id, p)
	if err != nil {
		t.Fatalf("UpdateRelation: %v", err)
	}
	checkRelation(t, "UpdateRelation result", got, want)
	setRel(m, want)

	// Un-contesting a relation that has refuting evidence leaves it
	// contested: the flag is derived from the evidence too.
	no := false
	id2 := "charlie-hebdo-attack--directed-by--aqap"
	want2 := graph.RelationPatch{Contested: &no}.Apply(m.relByID[id2])
	if !want2.Contested {
		t.Fatal("graphtest bug: RelationPatch.Apply cleared contested despite refuting evidence")
	}
	got, err = s.UpdateRelation(ctx, id2, graph.RelationPatch{Contested: &no})
	if err != nil {
		t.Fatalf("UpdateRelation(contested false): %v", err)
	}
	checkRelation(t, "UpdateRelation(contested false) on a refuted relation", got, want2)
	setRel(m, want2)

	// Clearing a date.
	zero := graph.Date{}
	id3 := "amedy-coulibaly--spouse-of--hayat-boumeddiene"
	want3 := graph.RelationPatch{ValidFrom: &zero}.Apply(m.relByID[id3])
	got, err = s.UpdateRelation(ctx, id3, graph.RelationPatch{ValidFrom: &zero})
	if err != nil {
		t.Fatalf("UpdateRelation(clear valid_from): %v", err)
	}
	checkRelation(t, "UpdateRelation(clear valid_from)", got, want3)
	setRel(m, want3)

	early := graph.MustDate("2000")
	_, err = s.UpdateRelation(ctx, "no--such--relation", p)
	wantCode(t, err, graph.ENOTFOUND, "UpdateRelation(unknown)")
	_, err = s.UpdateRelation(ctx, id, graph.RelationPatch{ValidTo: &early})
	wantCode(t, err, graph.EINVALID, "UpdateRelation(valid_to before valid_from)")
	checkContent(t, s, m)
}

func testDeleteRelation(t *testing.T, open Opener) {
	ctx := t.Context()
	s, _ := load(t, open, Fixture())
	id := "cherif-kouachi--trained-with--said-kouachi"
	if err := s.DeleteRelation(ctx, id); err != nil {
		t.Fatalf("DeleteRelation: %v", err)
	}
	_, err := s.Relation(ctx, id)
	wantCode(t, err, graph.ENOTFOUND, "Relation after DeleteRelation")
	err = s.DeleteRelation(ctx, id)
	wantCode(t, err, graph.ENOTFOUND, "DeleteRelation twice")
	b := validated(Fixture())
	b.Relations = slices.DeleteFunc(b.Relations, func(r graph.Relation) bool { return r.ID == id })
	after := newModel(b)
	checkContent(t, s, after)
	checkStats(t, s, after, 5)
	// The sibling relation now carries the hop.
	q := graph.PathQuery{From: "cherif-kouachi", To: "said-kouachi"}
	res, err := s.Paths(ctx, q)
	if err == nil {
		err = after.checkPaths(q, res)
	}
	if err != nil {
		t.Errorf("Paths after DeleteRelation: %v", err)
	}
}

func testAddEvidence(t *testing.T, open Opener) {
	ctx := t.Context()
	s, m := load(t, open, Fixture())
	for i, tt := range []struct {
		id string
		e  graph.Evidence
	}{
		{"charlie-hebdo-attack--claimed-by--aqap", graph.Evidence{Source: "src-blog", Piece: "post-1", Quote: "AQAP’s video", Claimant: "AQAP", Reliability: "C", Credibility: 3}},
		{"islamic-state--split-from--al-qaeda", graph.Evidence{Source: "src-news", Quote: "not a split but an expulsion", Claimant: "Al-Qaeda", Stance: graph.Refutes, Reliability: "D", Credibility: 3}},
		{"islamic-state--split-from--al-qaeda", trickyEvidence[0]},
	} {
		want := m.relByID[tt.id]
		want.Evidence = append(slices.Clone(want.Evidence), tt.e)
		wasContested := want.Contested
		want.Derive()
		got, err := s.AddEvidence(ctx, tt.id, tt.e)
		if err != nil {
			t.Errorf("AddEvidence #%d: %v", i, err)
			continue
		}
		checkRelation(t, fmt.Sprintf("AddEvidence #%d result", i), got, want)
		if tt.e.Stance == graph.Refutes && (!got.Contested || wasContested) {
			t.Errorf("AddEvidence #%d: refuting evidence: contested %v (was %v); want true", i, got.Contested, wasContested)
		}
		if got.Confidence == m.relByID[tt.id].Confidence {
			t.Errorf("AddEvidence #%d: confidence stayed %v; want it recomputed", i, got.Confidence)
		}
		stored, _ := s.Relation(ctx, tt.id)
		checkRelation(t, fmt.Sprintf("Relation after AddEvidence #%d", i), stored, want)
		setRel(m, want)
	}
	for _, tt := range []struct {
		name string
		id   string
		e    graph.Evidence
		code string
	}{
		{"unknown relation", "no--such--relation", graph.Evidence{Source: "src-news", Quote: "q", Claimant: "c", Reliability: "A", Credibility: 1}, graph.ENOTFOUND},
		{"empty quote", "aqap--affiliate-of--al-qaeda", graph.Evidence{Source: "src-news", Claimant: "c", Reliability: "A", Credibility: 1}, graph.EINVALID},
		{"unknown source", "aqap--affiliate-of--al-qaeda", graph.Evidence{Source: "nope", Quote: "q", Claimant: "c", Reliability: "A", Credibility: 1}, graph.EINVALID},
		{"no piece", "aqap--affiliate-of--al-qaeda", graph.Evidence{Source: "src-blog", Quote: "q", Claimant: "c", Reliability: "A", Credibility: 1}, graph.EINVALID},
		{"unknown piece", "aqap--affiliate-of--al-qaeda", graph.Evidence{Source: "src-blog", Piece: "post-9", Quote: "q", Claimant: "c", Reliability: "A", Credibility: 1}, graph.EINVALID},
		{"no grading", "aqap--affiliate-of--al-qaeda", graph.Evidence{Source: "src-news", Quote: "q", Claimant: "c"}, graph.EINVALID},
	} {
		_, err := s.AddEvidence(ctx, tt.id, tt.e)
		wantCode(t, err, tt.code, "AddEvidence("+tt.name+")")
	}
	checkContent(t, s, m)
	checkStats(t, s, m, 3)
}

func testEvidenceRoundTrip(t *testing.T, open Opener) {
	ctx := t.Context()
	b := Fixture()
	r := graph.Relation{ID: "amedy-coulibaly--communicated-with--said-kouachi", Type: "COMMUNICATED_WITH", From: "amedy-coulibaly", To: "said-kouachi",
		Evidence: slices.Clone(trickyEvidence)}
	b.Relations = append(b.Relations, r)
	s, m := load(t, open, b) // through Import
	got, err := s.Relation(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	checkRelation(t, "imported evidence", got, m.relByID[r.ID])
	for i, e := range got.Evidence {
		if e != trickyEvidence[i] {
			t.Errorf("evidence %d after Import:\n got  %#v\n want %#v", i, e, trickyEvidence[i])
		}
	}
	// Through CreateRelation and AddEvidence.
	r2 := r
	r2.ID, r2.Evidence = "", trickyEvidence[1:2]
	created, err := s.CreateRelation(ctx, r2)
	if err != nil {
		t.Fatalf("CreateRelation: %v", err)
	}
	added, err := s.AddEvidence(ctx, created.ID, trickyEvidence[0])
	if err != nil {
		t.Fatalf("AddEvidence: %v", err)
	}
	stored, err := s.Relation(ctx, created.ID)
	if err != nil {
		t.Fatal(err)
	}
	checkRelation(t, "Relation after AddEvidence", stored, added)
	want := []graph.Evidence{trickyEvidence[1], trickyEvidence[0]}
	if !slices.Equal(stored.Evidence, want) {
		t.Errorf("evidence after CreateRelation+AddEvidence:\n got  %#v\n want %#v", stored.Evidence, want)
	}
	// Actors' evidence too.
	a, err := s.Actor(ctx, "abu-bakr-al-baghdadi")
	if err != nil {
		t.Fatal(err)
	}
	checkActor(t, "actor with evidence", a, m.actors["abu-bakr-al-baghdadi"])
}
