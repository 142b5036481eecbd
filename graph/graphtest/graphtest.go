// Package graphtest is the conformance suite for graph.Store: every
// backend runs it, so the embedded store and Neo4j give the same answers.
//
// A backend's test calls
//
//	func TestConformance(t *testing.T) {
//		graphtest.Run(t, func(t *testing.T) graph.Store {
//			s := openEmptyStore(t) // configured with graph.DefaultLimits
//			t.Cleanup(func() { s.Close() })
//			return s
//		})
//	}
//
// open must return a fresh, empty store configured with graph.DefaultLimits
// (the suite checks the bounds) and arrange for it to be closed. Every
// sub-test opens its own store and imports what it needs.
//
// The suite builds its data in Go (Fixture, Ladder, Random, and the seed
// bundle) and checks answers against a brute-force reference model: paths
// by exhaustive enumeration of loopless paths, networks by breadth-first
// search, searches by the names scorer run on every actor (the oracle of
// the candidate keys the stores use), so it checks real answers, not
// hard-coded ones.
package graphtest

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/names"
	"github.com/actorgraph/actorgraph/graph/names/variants"
	"github.com/actorgraph/actorgraph/seeds"
)

// Opener opens a fresh, empty store for one sub-test.
type Opener = func(t *testing.T) graph.Store

// Option tells the suite what a store does not promise.
type Option func(*options)

type options struct {
	exportNotSnapshot bool
}

// ExportNotSnapshot tells the suite that the store's Export does not read
// one snapshot (Neo4j's transactions are read-committed): the suite then
// checks only that what it exports while writes go on imports.
func ExportNotSnapshot() Option { return func(o *options) { o.exportNotSnapshot = true } }

// Run runs the whole suite against the stores that open returns.
func Run(t *testing.T, open Opener, opts ...Option) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	t.Run("Ping", func(t *testing.T) {
		if err := open(t).Ping(t.Context()); err != nil {
			t.Errorf("Ping: %v", err)
		}
	})
	t.Run("Import", func(t *testing.T) { testImport(t, open) })
	t.Run("Get", func(t *testing.T) { testGet(t, open) })
	t.Run("Resolve", func(t *testing.T) { testResolve(t, open) })
	t.Run("SearchActors", func(t *testing.T) { testSearch(t, open) })
	t.Run("ActorRelations", func(t *testing.T) { testActorRelations(t, open) })
	t.Run("RelationCounts", func(t *testing.T) { testRelationCounts(t, open) })
	t.Run("Each", func(t *testing.T) { testEach(t, open) })
	t.Run("Export", func(t *testing.T) { testExport(t, open, o) })
	t.Run("Sources", func(t *testing.T) { testSources(t, open) })
	t.Run("Stats", func(t *testing.T) { testStats(t, open) })
	t.Run("Paths", func(t *testing.T) { testPaths(t, open) })
	t.Run("Network", func(t *testing.T) { testNetwork(t, open) })
	t.Run("Contested", func(t *testing.T) { testContested(t, open) })
	t.Run("Statuses", func(t *testing.T) { testStatuses(t, open) })
	t.Run("Writes", func(t *testing.T) { testWrites(t, open) })
	t.Run("Seeds", func(t *testing.T) { testSeeds(t, open) })
	t.Run("Texts", func(t *testing.T) { testTexts(t, open) })
	t.Run("Proposals", func(t *testing.T) { testProposals(t, open) })
	t.Run("Review", func(t *testing.T) { testReview(t, open) })
}

// load opens a store, imports b into it and returns the store and the
// reference model of b.
func load(t *testing.T, open Opener, b *graph.Bundle) (graph.Store, *model) {
	t.Helper()
	s := open(t)
	if _, err := s.Import(t.Context(), cloneBundle(b)); err != nil {
		t.Fatalf("Import: %v", err)
	}
	return s, newModel(validated(b))
}

// wantCode fails the test unless err has the given code.
func wantCode(t *testing.T, err error, code, what string) {
	t.Helper()
	if got := graph.ErrorCode(err); got != code {
		t.Errorf("%s: error %v has code %q, want %q", what, err, got, code)
	}
}

// The stores may return empty slices or nil alike; compare them as equal.
func normActor(a graph.Actor) graph.Actor {
	if len(a.Aliases) == 0 {
		a.Aliases = nil
	}
	if len(a.Evidence) == 0 {
		a.Evidence = nil
	}
	return a
}

func normRelation(r graph.Relation) graph.Relation {
	if len(r.Evidence) == 0 {
		r.Evidence = nil
	}
	return r
}

func normSource(s graph.Source) graph.Source {
	if len(s.Pieces) == 0 {
		s.Pieces = nil
	}
	return s
}

func sameActor(a, b graph.Actor) bool { return reflect.DeepEqual(normActor(a), normActor(b)) }

func sameRelation(a, b graph.Relation) bool {
	return reflect.DeepEqual(normRelation(a), normRelation(b))
}

func sameSource(a, b graph.Source) bool { return reflect.DeepEqual(normSource(a), normSource(b)) }

// checkActor fails unless got equals want.
func checkActor(t *testing.T, what string, got, want graph.Actor) {
	t.Helper()
	if !sameActor(got, want) {
		t.Errorf("%s:\n got  %+v\n want %+v", what, got, want)
	}
}

// checkRelation fails unless got equals want, evidence included.
func checkRelation(t *testing.T, what string, got, want graph.Relation) {
	t.Helper()
	if !sameRelation(got, want) {
		t.Errorf("%s:\n got  %+v\n want %+v", what, got, want)
	}
}

// allActors and allRelations read a store's whole content.
func allActors(t *testing.T, s graph.Store) []graph.Actor {
	t.Helper()
	var out []graph.Actor
	if err := s.EachActor(t.Context(), func(a graph.Actor) error { out = append(out, a); return nil }); err != nil {
		t.Fatalf("EachActor: %v", err)
	}
	return out
}

func allRelations(t *testing.T, s graph.Store) []graph.Relation {
	t.Helper()
	var out []graph.Relation
	if err := s.EachRelation(t.Context(), graph.Everything, func(r graph.Relation) error { out = append(out, r); return nil }); err != nil {
		t.Fatalf("EachRelation: %v", err)
	}
	return out
}

// checkContent fails unless the store holds exactly m's actors, relations
// and sources.
func checkContent(t *testing.T, s graph.Store, m *model) {
	t.Helper()
	actors := allActors(t, s)
	if len(actors) != len(m.ids) {
		t.Errorf("store holds %d actors, want %d", len(actors), len(m.ids))
	}
	for i, a := range actors {
		if i < len(m.ids) {
			checkActor(t, fmt.Sprintf("EachActor #%d", i), a, m.actors[m.ids[i]])
		}
	}
	rels := allRelations(t, s)
	if len(rels) != len(m.relations) {
		t.Errorf("store holds %d relations, want %d", len(rels), len(m.relations))
	}
	for i, r := range rels {
		if i < len(m.relations) {
			checkRelation(t, fmt.Sprintf("EachRelation #%d", i), r, m.relations[i])
		}
	}
	srcs, err := s.Sources(t.Context())
	if err != nil {
		t.Fatalf("Sources: %v", err)
	}
	if len(srcs) != len(m.sources) {
		t.Errorf("store holds %d sources, want %d", len(srcs), len(m.sources))
	}
	for i := range min(len(srcs), len(m.sources)) {
		if !sameSource(srcs[i], m.sources[i]) {
			t.Errorf("Sources()[%d]:\n got  %+v\n want %+v", i, srcs[i], m.sources[i])
		}
	}
}

func testImport(t *testing.T, open Opener) {
	ctx := t.Context()
	fx := Fixture()
	want := newModel(validated(fx))

	t.Run("fixture", func(t *testing.T) {
		s := open(t)
		res, err := s.Import(ctx, cloneBundle(fx))
		if err != nil {
			t.Fatalf("Import: %v", err)
		}
		if exp := (graph.ImportResult{Sources: len(fx.Sources), Actors: len(fx.Actors), Relations: len(fx.Relations)}); res != exp {
			t.Errorf("ImportResult = %+v, want %+v", res, exp)
		}
		checkContent(t, s, want)
	})

	t.Run("twice changes nothing", func(t *testing.T) {
		s := open(t)
		first, err := s.Import(ctx, cloneBundle(fx))
		if err != nil {
			t.Fatalf("first Import: %v", err)
		}
		second, err := s.Import(ctx, cloneBundle(fx))
		if err != nil {
			t.Fatalf("second Import: %v", err)
		}
		if first != second {
			t.Errorf("second ImportResult = %+v, first %+v", second, first)
		}
		checkContent(t, s, want) // no duplicated actor, relation or evidence
	})

	t.Run("replaces entries with the same id", func(t *testing.T) {
		s, _ := load(t, open, fx)
		b := &graph.Bundle{Format: graph.BundleFormat}
		a := want.actors["cherif-kouachi"]
		a.Name, a.Aliases = "C. Kouachi", []string{"Abu Issen"}
		b.Actors = append(b.Actors, a)
		r := want.relByID["charlie-hebdo-attack--directed-by--aqap"]
		r.Role = "commander"
		r.Evidence = r.Evidence[:1] // the evidence is replaced, not added to
		b.Relations = append(b.Relations, r)
		if _, err := s.Import(ctx, cloneBundle(b)); err != nil {
			t.Fatalf("Import: %v", err)
		}
		m := newModel(validated(fx))
		m.actors[a.ID] = a
		r.Derive()
		m.relations[slices.IndexFunc(m.relations, func(x graph.Relation) bool { return x.ID == r.ID })] = r
		m.relByID[r.ID] = r
		checkContent(t, s, m)
		checkResolve(t, s, "Abu Issen", []string{a.ID})
		checkResolve(t, s, "Cherif Kouachi", m.resolve("Cherif Kouachi")) // the old name and alias are gone
		if len(m.resolve("Cherif Kouachi")) != 0 {
			t.Fatal("graphtest bug: the replaced name still resolves in the reference")
		}
	})

	t.Run("refers to stored entries", func(t *testing.T) {
		s, _ := load(t, open, fx)
		b := &graph.Bundle{Format: graph.BundleFormat, Relations: []graph.Relation{{
			ID: "hayat-boumeddiene--communicated-with--cherif-kouachi", Type: "COMMUNICATED_WITH", From: "hayat-boumeddiene", To: "cherif-kouachi",
			Evidence: []graph.Evidence{{Source: "src-blog", Piece: "post-2", Quote: "phone calls", Claimant: "Police", Reliability: "A", Credibility: 2}},
		}}}
		res, err := s.Import(ctx, cloneBundle(b))
		if err != nil {
			t.Fatalf("Import of a relation between stored actors citing a stored source: %v", err)
		}
		if res != (graph.ImportResult{Relations: 1}) {
			t.Errorf("ImportResult = %+v, want 1 relation", res)
		}
		wantRel := b.Relations[0]
		wantRel.Derive()
		got, err := s.Relation(ctx, wantRel.ID)
		if err != nil {
			t.Fatal(err)
		}
		checkRelation(t, "imported relation", got, wantRel)
	})

	// A bundle with bad entries writes nothing and lists every problem.
	bad := func(b *graph.Bundle) *graph.Bundle {
		b.Actors = append(b.Actors, graph.Actor{ID: "newcomer", Kind: graph.Person, Name: "New Comer"})
		b.Sources = append(b.Sources, graph.Source{ID: "src-new", Title: "New source"})
		ev := []graph.Evidence{{Source: "src-new", Quote: "q", Claimant: "c", Reliability: "B", Credibility: 2}}
		b.Relations = append(b.Relations,
			graph.Relation{ID: "newcomer--met--cherif-kouachi", Type: "MET", From: "newcomer", To: "cherif-kouachi", Evidence: ev},
			graph.Relation{ID: "newcomer--knows--said-kouachi", Type: "KNOWS", From: "newcomer", To: "said-kouachi", Evidence: ev},
			graph.Relation{ID: "newcomer--member-of--paris", Type: "MEMBER_OF", From: "newcomer", To: "paris", Evidence: ev},
		)
		return b
	}
	checkRejected := func(t *testing.T, err error) {
		t.Helper()
		var v *graph.ValidationError
		if !errors.As(err, &v) {
			t.Fatalf("Import of a bundle with bad entries: error %v (%T); want *graph.ValidationError", err, err)
		}
		wantCode(t, err, graph.EINVALID, "Import of a bad bundle")
		for _, id := range []string{"newcomer--knows--said-kouachi", "newcomer--member-of--paris"} {
			if !slices.ContainsFunc(v.Problems, func(p graph.Problem) bool { return strings.Contains(p.Entry, id) }) {
				t.Errorf("the problems do not name %s: %v", id, v.Problems)
			}
		}
	}
	t.Run("all or nothing into an empty store", func(t *testing.T) {
		s := open(t)
		_, err := s.Import(ctx, bad(cloneBundle(fx)))
		checkRejected(t, err)
		checkContent(t, s, newModel(&graph.Bundle{}))
	})
	t.Run("all or nothing into a stored graph", func(t *testing.T) {
		s, m := load(t, open, fx)
		b := bad(&graph.Bundle{Format: graph.BundleFormat})
		a := m.actors["cherif-kouachi"]
		a.Name = "Replaced Name"
		b.Actors = append(b.Actors, a)
		_, err := s.Import(ctx, b)
		checkRejected(t, err)
		checkContent(t, s, m)
	})
}

func testGet(t *testing.T, open Opener) {
	ctx := t.Context()
	s, m := load(t, open, Fixture())
	for _, id := range m.ids {
		a, err := s.Actor(ctx, id)
		if err != nil {
			t.Errorf("Actor(%s): %v", id, err)
			continue
		}
		checkActor(t, "Actor("+id+")", a, m.actors[id])
		// Returned values are copies.
		a.Name = "changed"
		if len(a.Aliases) > 0 {
			a.Aliases[0] = "changed"
		}
		if again, _ := s.Actor(ctx, id); !sameActor(again, m.actors[id]) {
			t.Errorf("changing the actor returned by Actor(%s) changed the store", id)
		}
	}
	for _, r := range m.relations {
		got, err := s.Relation(ctx, r.ID)
		if err != nil {
			t.Errorf("Relation(%s): %v", r.ID, err)
			continue
		}
		checkRelation(t, "Relation("+r.ID+")", got, r)
		got.Evidence[0].Quote = "changed"
		if again, _ := s.Relation(ctx, r.ID); !sameRelation(again, r) {
			t.Errorf("changing the relation returned by Relation(%s) changed the store", r.ID)
		}
	}
	_, err := s.Actor(ctx, "no-such-actor")
	wantCode(t, err, graph.ENOTFOUND, "Actor(no-such-actor)")
	_, err = s.Actor(ctx, "Chérif Kouachi")
	wantCode(t, err, graph.ENOTFOUND, "Actor(a name, not an id)")
	_, err = s.Relation(ctx, "no--such--relation")
	wantCode(t, err, graph.ENOTFOUND, "Relation(no--such--relation)")
}

func testResolve(t *testing.T, open Opener) {
	s, m := load(t, open, Fixture())
	tests := []struct {
		ref  string
		want []string // one id: that actor; several: ambiguous with these candidates; none: not_found
	}{
		{"cherif-kouachi", []string{"cherif-kouachi"}},         // id
		{"Chérif Kouachi", []string{"cherif-kouachi"}},         // exact name
		{"CHERIF  KOUACHI", []string{"cherif-kouachi"}},        // folded name
		{"cherif-kouachi ", []string{"cherif-kouachi"}},        // not an id, but its folded name
		{"Daesh", []string{"islamic-state"}},                   // alias
		{"isis", []string{"islamic-state"}},                    // alias, case
		{"al-qaeda", []string{"al-qaeda"}},                     // id
		{"AL-QA'IDA", []string{"al-qaeda"}},                    // folded name, elided apostrophe
		{"Al Qaeda", []string{"al-qaeda"}},                     // exact alias wins over aqap's word match
		{"أبو بكر البغدادي", []string{"abu-bakr-al-baghdadi"}}, // Arabic alias
		{"البغدادي", []string{"abu-bakr-al-baghdadi"}},         // a word of it
		{"coulib", []string{"amedy-coulibaly"}},                // every-word prefix, one match
		{"abu bakr", []string{"abu-bakr-al-baghdadi"}},
		{"islamic", []string{"islamic-state"}},
		{"paris", []string{"paris"}},                                                    // the id wins over the event's alias "Paris"
		{"Paris", []string{"paris", "paris-attacks-2015-11"}},                           // not an id: exact name and exact alias
		{"Abu Muhammad", []string{"abu-muhammad-al-adnani", "abu-muhammad-al-maqdisi"}}, // one alias, two actors
		{"kouachi", []string{"cherif-kouachi", "said-kouachi"}},
		{"abu", []string{"abu-bakr-al-baghdadi", "abu-muhammad-al-adnani", "abu-muhammad-al-maqdisi"}},
		{"qaeda", []string{"al-qaeda", "aqap"}},
		{"nobody at all", nil},
		{"ouachi", nil}, // a substring is not enough
		// Resolve never guesses: spellings that search finds do not resolve.
		{"Sherif Kouachi", nil},
		{"Coulibaby", nil},
		{"Hayat Boumediene", nil},
		{"Abou Bakr al-Baghdadi", nil},
	}
	for _, tt := range tests {
		// The table and the reference must agree; else the table is wrong.
		if ref := m.resolve(tt.ref); !slices.Equal(ref, tt.want) {
			t.Fatalf("graphtest bug: reference resolves %q to %v, table says %v", tt.ref, ref, tt.want)
		}
		checkResolve(t, s, tt.ref, tt.want)
	}
	for _, id := range m.ids {
		checkResolve(t, s, id, []string{id})
		name := m.actors[id].Name
		checkResolve(t, s, name, m.resolve(name))
		for _, al := range m.actors[id].Aliases {
			checkResolve(t, s, al, m.resolve(al))
		}
	}

	// Generated names: names, aliases, beginnings of words, and spellings,
	// each resolving as the reference says (one actor, several, or none).
	t.Run("Generated", func(t *testing.T) {
		b := Names(11, 300)
		s, m := load(t, open, b)
		rng := rand.New(rand.NewPCG(12, 13))
		for range 200 {
			a := b.Actors[rng.IntN(len(b.Actors))]
			ref := a.Name
			switch rng.IntN(4) {
			case 1:
				words := strings.Fields(a.Name)
				w := words[rng.IntN(len(words))]
				ref = w[:min(len(w), 3+rng.IntN(3))]
			case 2:
				ref = variants.Mutate(rng, a.Name)
			case 3:
				if len(a.Aliases) > 0 {
					ref = a.Aliases[0]
				}
			}
			checkResolve(t, s, ref, m.resolve(ref))
		}
	})
}

func checkResolve(t *testing.T, s graph.Store, ref string, want []string) {
	t.Helper()
	want = want[:min(len(want), graph.DefaultLimits.MaxSearch)] // ambiguous: the first by id
	a, err := s.Resolve(t.Context(), ref)
	switch len(want) {
	case 0:
		wantCode(t, err, graph.ENOTFOUND, fmt.Sprintf("Resolve(%q)", ref))
	case 1:
		if err != nil || a.ID != want[0] {
			t.Errorf("Resolve(%q) = %q, %v; want %s", ref, a.ID, err, want[0])
		}
	default:
		var amb *graph.AmbiguousError
		if !errors.As(err, &amb) {
			t.Errorf("Resolve(%q) = %q, %v; want *graph.AmbiguousError with %v", ref, a.ID, err, want)
			return
		}
		wantCode(t, err, graph.EAMBIGUOUS, fmt.Sprintf("Resolve(%q)", ref))
		var got []string
		for _, c := range amb.Candidates {
			got = append(got, c.ID)
			if c.Name == "" || !c.Kind.Valid() {
				t.Errorf("Resolve(%q): candidate %+v lacks name or kind", ref, c)
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("Resolve(%q): candidates %v, want %v", ref, got, want)
		}
	}
}

func testSearch(t *testing.T, open Opener) {
	t.Run("Fixture", func(t *testing.T) { testSearchFixture(t, open) })
	t.Run("Seeds", func(t *testing.T) { testSearchSeeds(t, open) })
	t.Run("Generated", func(t *testing.T) { testSearchGenerated(t, open) })
	t.Run("CommonWord", func(t *testing.T) { testSearchCommon(t, open) })
}

// checkSearch compares a store's answer to q with the reference's: the
// total and whether it is exact, the page of hits in order, and for each
// its actor, score, degree, and the name or alias that matched and why.
// first, if set, is the top hit the reference must give (a readable check
// on the reference itself). It returns the store's answer.
func checkSearch(t *testing.T, s graph.Store, m *model, q graph.SearchQuery, first string) graph.SearchResult {
	t.Helper()
	what := fmt.Sprintf("SearchActors(%+v)", q)
	res, err := s.SearchActors(t.Context(), q)
	if err != nil {
		t.Errorf("%s: %v", what, err)
		return res
	}
	if err := q.Normalize(graph.DefaultLimits); err != nil {
		t.Fatalf("graphtest bug: %s: %v", what, err)
	}
	ref, err := m.search(q)
	if err != nil {
		t.Fatalf("graphtest bug: %s: the reference refuses it: %v", what, err)
	}
	if first != "" && (len(ref.hits) == 0 || ref.hits[0].id != first) {
		t.Fatalf("graphtest bug: %s: reference ranks %v first, table says %s", what, ref.hits[:min(3, len(ref.hits))], first)
	}
	if res.Total != ref.total || res.TotalExact != ref.exact {
		t.Errorf("%s: Total = %d (exact %v), want %d (exact %v)", what, res.Total, res.TotalExact, ref.total, ref.exact)
	}
	page := ref.hits[min(q.Offset, len(ref.hits)):min(q.Offset+q.Limit, len(ref.hits))]
	var got, want []string
	for _, h := range res.Hits {
		got = append(got, h.Actor.ID)
	}
	for _, h := range page {
		want = append(want, h.id)
	}
	if !slices.Equal(got, want) {
		order := "score desc, degree desc, id"
		if graph.NormalizeName(q.Text) == "" {
			order = "an empty text lists actors by id (graph.SearchResult)"
		}
		t.Errorf("%s: hits %v, want %v (%s)", what, got, want, order)
		return res
	}
	for i, h := range res.Hits {
		w := page[i]
		checkActor(t, what+" hit "+h.Actor.ID, h.Actor, m.actors[h.Actor.ID])
		if h.Degree != w.degree || h.Score != w.score || h.Matched != w.matched || h.Why != w.why {
			t.Errorf("%s: hit %s has score %d, degree %d, matched %q (%s); want %d, %d, %q (%s)",
				what, h.Actor.ID, h.Score, h.Degree, h.Matched, h.Why, w.score, w.degree, w.matched, w.why)
		}
	}
	return res
}

func testSearchFixture(t *testing.T, open Opener) {
	ctx := t.Context()
	s, m := load(t, open, Fixture())
	tests := []struct {
		q     graph.SearchQuery
		first string // the expected top hit, as a readable check on the reference
	}{
		{graph.SearchQuery{Text: "cherif kouachi"}, "cherif-kouachi"},
		{graph.SearchQuery{Text: "Chérif"}, "cherif-kouachi"},
		{graph.SearchQuery{Text: "KOUACHI"}, ""},
		{graph.SearchQuery{Text: "daesh"}, "islamic-state"},
		{graph.SearchQuery{Text: "Al-Qa’ida"}, "al-qaeda"},
		{graph.SearchQuery{Text: "qaeda"}, ""},
		{graph.SearchQuery{Text: "البغدادي"}, "abu-bakr-al-baghdadi"},
		{graph.SearchQuery{Text: "abu"}, ""},
		{graph.SearchQuery{Text: "abu", Limit: 2}, ""},
		{graph.SearchQuery{Text: "abu", Limit: 2, Offset: 2}, ""},
		{graph.SearchQuery{Text: "a"}, ""},
		{graph.SearchQuery{Text: "paris"}, "paris"},
		{graph.SearchQuery{Text: "paris", Kind: graph.Event}, "paris-attacks-2015-11"},
		{graph.SearchQuery{Text: "is"}, "islamic-state"},
		{graph.SearchQuery{Text: "zzz"}, ""},
		// Spellings as analysts meet them.
		{graph.SearchQuery{Text: "Sherif Kouachi"}, "cherif-kouachi"},
		{graph.SearchQuery{Text: "Kouachi Cherif"}, "cherif-kouachi"},
		{graph.SearchQuery{Text: "Said Kouachy"}, "said-kouachi"},
		{graph.SearchQuery{Text: "Amedi Koulibali"}, "amedy-coulibaly"},
		{graph.SearchQuery{Text: "Coulibaby"}, "amedy-coulibaly"},
		{graph.SearchQuery{Text: "Hayat Boumediene"}, "hayat-boumeddiene"},
		{graph.SearchQuery{Text: "Abou Bakr el-Bagdadi"}, "abu-bakr-al-baghdadi"},
		{graph.SearchQuery{Text: "Baghdadi"}, "abu-bakr-al-baghdadi"},
		{graph.SearchQuery{Text: "Anwar al-Aulaqi"}, "anwar-al-awlaki"},
		{graph.SearchQuery{Text: "Abu Mohammed"}, ""},
		{graph.SearchQuery{Text: "Abu Mohammed", Kind: graph.Organization}, ""},
		{graph.SearchQuery{Text: "Al Qaida"}, "al-qaeda"},
		{graph.SearchQuery{Text: "Daech"}, "islamic-state"},
		{graph.SearchQuery{Text: "Islamic Stat", Kind: graph.Organization}, "islamic-state"},
		{graph.SearchQuery{Text: "Masud Khalid"}, "khalid-masood"},
		// Listing.
		{graph.SearchQuery{Text: "", Kind: graph.Place}, "france"},
		{graph.SearchQuery{Text: " -- "}, "abu-bakr-al-baghdadi"},
		{graph.SearchQuery{}, "abu-bakr-al-baghdadi"},
		{graph.SearchQuery{Limit: 5, Offset: 5}, ""},
		{graph.SearchQuery{Limit: 5, Offset: 100}, ""},
	}
	for _, tt := range tests {
		checkSearch(t, s, m, tt.q, tt.first)
	}
	for _, q := range []graph.SearchQuery{
		{Text: "x", Limit: graph.DefaultLimits.MaxSearch + 1},
		{Text: "x", Limit: -1},
		{Text: "x", Offset: -1},
		{Text: "x", Kind: "group"},
		{Text: "x", Offset: graph.MaxSearchDepth},
		{Text: strings.Repeat("Kouachi ", 40)},
		{Text: strings.Repeat("k", names.MaxQueryBytes+1)},
	} {
		_, err := s.SearchActors(ctx, q)
		wantCode(t, err, graph.EINVALID, fmt.Sprintf("SearchActors(%.60v)", q))
	}
}

// testSearchSeeds searches the seed graph with the variant spellings of
// graph/names/testdata, which analysts meet in the sources.
func testSearchSeeds(t *testing.T, open Opener) {
	b, err := seeds.Bundle()
	if err != nil {
		t.Fatalf("seed bundle: %v", err)
	}
	s, m := load(t, open, b)
	cases := readVariants(t, "variants.tsv")
	cases = append(cases, readVariants(t, "heldout.tsv")...)
	found := 0
	for _, c := range cases {
		res := checkSearch(t, s, m, graph.SearchQuery{Text: c.query, Limit: 5}, "")
		if len(res.Hits) > 0 && res.Hits[0].Actor.ID == c.want {
			found++
		}
	}
	// The suite checks stores against the reference; the matcher's quality
	// is measured by graph/names (nameeval). A floor here catches a
	// reference broken into finding nothing.
	if found < len(cases)*3/4 {
		t.Errorf("only %d of %d variant spellings find their actor first", found, len(cases))
	}
}

// variantCase is a line of a test set of graph/names: a spelling and the
// seed actor it means.
type variantCase struct{ query, want string }

// readVariants reads a test set of graph/names/testdata, found beside
// this package's source.
func readVariants(t *testing.T, name string) []variantCase {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("graphtest: cannot locate the test sets of graph/names")
	}
	data, err := os.ReadFile(filepath.Join(filepath.Dir(file), "..", "names", "testdata", name))
	if err != nil {
		t.Fatalf("graphtest: %v", err)
	}
	var out []variantCase
	for _, line := range strings.Split(string(data), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.Split(line, "\t")
		if len(parts) < 2 {
			t.Fatalf("graphtest: %s: bad line %q", name, line)
		}
		out = append(out, variantCase{parts[0], parts[1]})
	}
	if len(out) == 0 {
		t.Fatalf("graphtest: %s is empty", name)
	}
	return out
}

// testSearchGenerated searches generated names with generated spellings of
// them (graph/names/variants): transliteration swaps, doubled and dropped
// letters, typos, words swapped, dropped or added.
func testSearchGenerated(t *testing.T, open Opener) {
	b := Names(7, 400)
	s, m := load(t, open, b)
	rng := rand.New(rand.NewPCG(8, 9))
	for i := range 150 {
		a := b.Actors[rng.IntN(len(b.Actors))]
		q := graph.SearchQuery{Text: variants.Mutate(rng, a.Name), Limit: 10}
		switch i % 5 {
		case 1:
			q.Kind = graph.Organization
		case 2:
			q.Offset = 3
		case 3:
			q.Text = strings.Fields(a.Name)[0] // a common word alone
			q.Limit = 20
		}
		checkSearch(t, s, m, q, "")
	}
}

// testSearchCommon searches names that more than names.MaxExactTotal
// actors share, whose total is then an upper bound (TotalExact false),
// while the page stays the exact best.
func testSearchCommon(t *testing.T, open Opener) {
	if testing.Short() {
		t.Skip("imports names.MaxExactTotal actors and more")
	}
	s, m := load(t, open, Common(names.MaxExactTotal+120))
	for _, q := range []graph.SearchQuery{
		{Text: "Persson"},
		{Text: "person", Limit: 7, Offset: 3},
		{Text: "Person 00042"},
		{Text: "Persson", Kind: graph.Organization},
	} {
		checkSearch(t, s, m, q, "")
	}
	if res, err := s.SearchActors(t.Context(), graph.SearchQuery{Text: "Persson"}); err == nil && res.TotalExact {
		t.Errorf("SearchActors(Persson) on %d actors called Person: total %d exact; the suite meant to check an upper bound", names.MaxExactTotal+120, res.Total)
	}
}

// filterCases are relation filters that each change some answer on the
// fixture (TestFixtureFiltersMatter in this package checks that).
func filterCases() []struct {
	name string
	f    graph.RelationFilter
} {
	d := graph.MustDate
	return []struct {
		name string
		f    graph.RelationFilter
	}{
		{"no filter", graph.RelationFilter{}},
		{"types", graph.RelationFilter{Types: []string{"MET", "MEMBER_OF", "PERPETRATED", "OCCURRED_IN", "SIBLING_OF", "CLAIMED_BY"}}},
		{"exclude types", graph.RelationFilter{ExcludeTypes: []string{"TRAINED_WITH", "CLAIMED_BY", "ASSOCIATE_OF"}}},
		{"direction out", graph.RelationFilter{Direction: graph.DirectionOut}},
		{"direction in", graph.RelationFilter{Direction: graph.DirectionIn}},
		{"min confidence", graph.RelationFilter{MinConfidence: 0.5}},
		{"as of 2009", graph.RelationFilter{AsOf: d("2009")}},
		{"as of 2015-01-08", graph.RelationFilter{AsOf: d("2015-01-08")}},
		{"exclude contested", graph.RelationFilter{ExcludeContested: true}},
		{"include refuted", graph.RelationFilter{IncludeRefuted: true}},
		{"include refuted, out, exclude contested", graph.RelationFilter{IncludeRefuted: true, Direction: graph.DirectionOut, ExcludeContested: true}},
		{"combined", graph.RelationFilter{Direction: graph.DirectionOut, MinConfidence: 0.3, AsOf: d("2015"), ExcludeTypes: []string{"NATIONAL_OF"}}},
	}
}

func testActorRelations(t *testing.T, open Opener) {
	ctx := t.Context()
	s, m := load(t, open, Fixture())
	for _, fc := range filterCases() {
		for _, id := range m.ids {
			what := fmt.Sprintf("ActorRelations(%s, %s)", id, fc.name)
			got, err := s.ActorRelations(ctx, id, fc.f)
			if err != nil {
				t.Errorf("%s: %v", what, err)
				continue
			}
			want := m.actorRelations(id, fc.f)
			if !slices.Equal(relIDs(got), relIDs(want)) {
				t.Errorf("%s = %v, want %v", what, relIDs(got), relIDs(want))
				continue
			}
			for i := range got {
				checkRelation(t, what, got[i], want[i])
			}
		}
	}
	_, err := s.ActorRelations(ctx, "no-such-actor", graph.RelationFilter{})
	wantCode(t, err, graph.ENOTFOUND, "ActorRelations(no-such-actor)")
	for _, f := range badFilters() {
		_, err := s.ActorRelations(ctx, "cherif-kouachi", f)
		wantCode(t, err, graph.EINVALID, fmt.Sprintf("ActorRelations(filter %+v)", f))
	}
}

func testRelationCounts(t *testing.T, open Opener) {
	ctx := t.Context()
	s, m := load(t, open, Fixture())
	for _, fc := range filterCases() {
		for _, id := range m.ids {
			got, err := s.RelationCounts(ctx, id, fc.f)
			if err != nil {
				t.Errorf("RelationCounts(%s, %s): %v", id, fc.name, err)
				continue
			}
			if want := m.relationCounts(id, fc.f); !slices.Equal(got, want) {
				t.Errorf("RelationCounts(%s, %s) = %v, want %v", id, fc.name, got, want)
			}
		}
	}
	_, err := s.RelationCounts(ctx, "no-such-actor", graph.RelationFilter{})
	wantCode(t, err, graph.ENOTFOUND, "RelationCounts(no-such-actor)")
	for _, f := range badFilters() {
		_, err := s.RelationCounts(ctx, "cherif-kouachi", f)
		wantCode(t, err, graph.EINVALID, fmt.Sprintf("RelationCounts(filter %+v)", f))
	}

	// An actor with far more relations than Limits.MaxRelations: listing
	// them is too large, counting them is not.
	const n = 100_000
	hub, hm := load(t, open, Hub(n))
	_, err = hub.ActorRelations(ctx, "hub", graph.RelationFilter{})
	wantCode(t, err, graph.ETOOLARGE, "ActorRelations(hub)")
	for _, f := range []graph.RelationFilter{{}, {ExcludeContested: true}, {AsOf: graph.Date{Year: 2011}}, {Direction: graph.DirectionOut}} {
		got, err := hub.RelationCounts(ctx, "hub", f)
		if err != nil {
			t.Fatalf("RelationCounts(hub, %+v): %v", f, err)
		}
		if want := hm.relationCounts("hub", f); !slices.Equal(got, want) {
			t.Errorf("RelationCounts(hub, %+v) = %v, want %v", f, got, want)
		}
	}
}

func badFilters() []graph.RelationFilter {
	return []graph.RelationFilter{
		{Types: []string{"KNOWS"}},
		{ExcludeTypes: []string{"met"}},
		{Direction: "up"},
		{MinConfidence: 1.5},
		{MinConfidence: -0.1},
	}
}

func relIDs(rs []graph.Relation) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

var errStop = errors.New("graphtest: stop")

func testEach(t *testing.T, open Opener) {
	ctx := t.Context()
	s, m := load(t, open, Fixture())
	checkContent(t, s, m)
	for _, fc := range filterCases() {
		if fc.f.Direction != "" {
			continue // direction needs an end to stand on
		}
		want := m.filterRelations(fc.f)
		var got []graph.Relation
		if err := s.EachRelation(ctx, fc.f, func(r graph.Relation) error { got = append(got, r); return nil }); err != nil {
			t.Errorf("EachRelation(%s): %v", fc.name, err)
			continue
		}
		if !slices.Equal(relIDs(got), relIDs(want)) {
			t.Errorf("EachRelation(%s) = %v, want %v", fc.name, relIDs(got), relIDs(want))
		} else {
			for i := range got {
				checkRelation(t, "EachRelation("+fc.name+")", got[i], want[i])
			}
		}
		var edges []graph.Edge
		if err := s.EachEdge(ctx, fc.f, func(e graph.Edge) error { edges = append(edges, e); return nil }); err != nil {
			t.Errorf("EachEdge(%s): %v", fc.name, err)
			continue
		}
		if len(edges) != len(want) {
			t.Errorf("EachEdge(%s) gave %d edges, want %d", fc.name, len(edges), len(want))
			continue
		}
		for i := range edges {
			if w := graph.EdgeOf(&want[i]); edges[i] != w {
				t.Errorf("EachEdge(%s) #%d:\n got  %+v\n want %+v", fc.name, i, edges[i], w)
			}
		}
	}

	// Each stops at fn's first error and returns it.
	n := 0
	err := s.EachActor(ctx, func(graph.Actor) error {
		n++
		if n == 3 {
			return errStop
		}
		return nil
	})
	if !errors.Is(err, errStop) || n != 3 {
		t.Errorf("EachActor with fn failing on the 3rd call: %d calls, error %v; want 3 calls and fn's error", n, err)
	}
	n = 0
	err = s.EachRelation(ctx, graph.RelationFilter{}, func(graph.Relation) error { n++; return errStop })
	if !errors.Is(err, errStop) || n != 1 {
		t.Errorf("EachRelation with fn failing: %d calls, error %v; want 1 call and fn's error", n, err)
	}
	n = 0
	err = s.EachEdge(ctx, graph.RelationFilter{}, func(graph.Edge) error { n++; return errStop })
	if !errors.Is(err, errStop) || n != 1 {
		t.Errorf("EachEdge with fn failing: %d calls, error %v; want 1 call and fn's error", n, err)
	}
	for _, f := range badFilters() {
		if f.Direction != "" {
			continue
		}
		err := s.EachRelation(ctx, f, func(graph.Relation) error { return nil })
		wantCode(t, err, graph.EINVALID, fmt.Sprintf("EachRelation(filter %+v)", f))
		err = s.EachEdge(ctx, f, func(graph.Edge) error { return nil })
		wantCode(t, err, graph.EINVALID, fmt.Sprintf("EachEdge(filter %+v)", f))
	}
}

func testSources(t *testing.T, open Opener) {
	ctx := t.Context()
	s, m := load(t, open, Fixture())
	got, err := s.Sources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(m.sources) {
		t.Fatalf("Sources() = %d sources, want %d", len(got), len(m.sources))
	}
	for i := range got {
		if !sameSource(got[i], m.sources[i]) {
			t.Errorf("Sources()[%d]:\n got  %+v\n want %+v", i, got[i], m.sources[i])
		}
		one, err := s.Source(ctx, m.sources[i].ID)
		if err != nil || !sameSource(one, m.sources[i]) {
			t.Errorf("Source(%s) = %+v, %v; want %+v", m.sources[i].ID, one, err, m.sources[i])
		}
	}
	_, err = s.Source(ctx, "no-such-source")
	wantCode(t, err, graph.ENOTFOUND, "Source(no-such-source)")
}

// expectedStats computes Stats for m. Evidence counts the evidence of
// relations.
func expectedStats(m *model) graph.Stats {
	st := graph.Stats{Actors: len(m.ids), Relations: len(m.relations), Sources: len(m.sources),
		ByKind: map[graph.Kind]int{}, ByType: map[string]int{}}
	for _, id := range m.ids {
		st.ByKind[m.actors[id].Kind]++
	}
	for _, r := range m.relations {
		st.Evidence += len(r.Evidence)
		st.ByType[r.Type]++
		if r.Contested {
			st.Contested++
		}
		if graph.Unsupported(&r) {
			st.Refuted++
		}
	}
	return st
}

func checkStats(t *testing.T, s graph.Store, m *model, top int) {
	t.Helper()
	got, err := s.Stats(t.Context(), top)
	if err != nil {
		t.Fatalf("Stats: %v", err)
	}
	want := expectedStats(m)
	if got.Refuted != want.Refuted {
		t.Errorf("Stats: %d relations no claim supports, want %d", got.Refuted, want.Refuted)
	}
	if got.Actors != want.Actors || got.Relations != want.Relations || got.Evidence != want.Evidence ||
		got.Contested != want.Contested || got.Sources != want.Sources {
		t.Errorf("Stats = actors %d, relations %d, evidence %d (of relations), contested %d, sources %d; want %d, %d, %d, %d, %d",
			got.Actors, got.Relations, got.Evidence, got.Contested, got.Sources,
			want.Actors, want.Relations, want.Evidence, want.Contested, want.Sources)
	}
	for k, n := range want.ByKind {
		if got.ByKind[k] != n {
			t.Errorf("Stats.ByKind[%s] = %d, want %d", k, got.ByKind[k], n)
		}
	}
	for k, n := range got.ByKind {
		if n != 0 && want.ByKind[k] == 0 {
			t.Errorf("Stats.ByKind[%s] = %d, want 0", k, n)
		}
	}
	if !mapsEqualNonZero(got.ByType, want.ByType) {
		t.Errorf("Stats.ByType = %v, want %v", got.ByType, want.ByType)
	}
	// Top: the top most connected actors, degree non-increasing, each with
	// its true degree; ties may be broken either way.
	degrees := make([]int, 0, len(m.ids))
	for _, id := range m.ids {
		degrees = append(degrees, m.degree[id])
	}
	slices.Sort(degrees)
	slices.Reverse(degrees)
	wantN := min(top, len(degrees))
	if len(got.Top) != wantN {
		t.Errorf("Stats(%d).Top has %d entries, want %d", top, len(got.Top), wantN)
	}
	for i, d := range got.Top {
		if d.Degree != m.degree[d.Actor.ID] {
			t.Errorf("Stats.Top[%d] = %s degree %d, want %d", i, d.Actor.ID, d.Degree, m.degree[d.Actor.ID])
		}
		if i < len(degrees) && d.Degree != degrees[i] {
			t.Errorf("Stats.Top[%d] = %s with degree %d; the %d-th highest degree is %d", i, d.Actor.ID, d.Degree, i+1, degrees[i])
		}
		if a, ok := m.actors[d.Actor.ID]; ok && d.Actor != a.Ref() {
			t.Errorf("Stats.Top[%d].Actor = %+v, want %+v", i, d.Actor, a.Ref())
		}
	}
}

func mapsEqualNonZero(a, b map[string]int) bool {
	for k, v := range a {
		if v != b[k] {
			return false
		}
	}
	for k, v := range b {
		if v != a[k] {
			return false
		}
	}
	return true
}

func testStats(t *testing.T, open Opener) {
	empty := open(t)
	st, err := empty.Stats(t.Context(), 5)
	if err != nil {
		t.Fatalf("Stats on an empty store: %v", err)
	}
	if st.Actors != 0 || st.Relations != 0 || st.Evidence != 0 || st.Sources != 0 || len(st.Top) != 0 {
		t.Errorf("Stats on an empty store = %+v, want zeros", st)
	}
	s, m := load(t, open, Fixture())
	checkStats(t, s, m, 3)
	checkStats(t, s, m, 100)
}

func testContested(t *testing.T, open Opener) {
	ctx := t.Context()
	s, m := load(t, open, Fixture())
	got, err := s.ActorRelations(ctx, "charlie-hebdo-attack", graph.RelationFilter{Types: []string{"CLAIMED_BY"}})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"charlie-hebdo-attack--claimed-by--aqap", "charlie-hebdo-attack--claimed-by--islamic-state"}
	if !slices.Equal(relIDs(got), want) {
		t.Fatalf("competing claims: %v, want both %v side by side", relIDs(got), want)
	}
	for _, r := range got {
		if !r.Contested {
			t.Errorf("%s is not contested", r.ID)
		}
		checkRelation(t, r.ID, r, m.relByID[r.ID])
	}
	got, err = s.ActorRelations(ctx, "charlie-hebdo-attack", graph.RelationFilter{Types: []string{"CLAIMED_BY"}, ExcludeContested: true})
	if err != nil || len(got) != 0 {
		t.Errorf("competing claims with ExcludeContested: %v, %v; want none", relIDs(got), err)
	}
	// Refuting evidence makes a relation contested and lowers its
	// confidence; the relation stays, with all its evidence.
	r, err := s.Relation(ctx, "charlie-hebdo-attack--directed-by--aqap")
	if err != nil {
		t.Fatal(err)
	}
	if !r.Contested || len(r.Evidence) != 2 || r.Evidence[1].Stance != graph.Refutes {
		t.Errorf("refuted relation = %+v; want contested with its refuting evidence", r)
	}
}

func testSeeds(t *testing.T, open Opener) {
	ctx := t.Context()
	b, err := seeds.Bundle()
	if err != nil {
		t.Fatalf("seed bundle: %v", err)
	}
	s := open(t)
	res, err := s.Import(ctx, b)
	if err != nil {
		t.Fatalf("Import(seed bundle): %v", err)
	}
	if res.Actors != len(b.Actors) || res.Relations != len(b.Relations) || res.Sources != len(b.Sources) {
		t.Errorf("ImportResult = %+v, want %d sources, %d actors, %d relations", res, len(b.Sources), len(b.Actors), len(b.Relations))
	}
	m := newModel(b)
	checkStats(t, s, m, 10)
	a, err := s.Resolve(ctx, "Amedy Coulibaly")
	if err != nil {
		t.Fatalf("Resolve(Amedy Coulibaly): %v", err)
	}
	for _, mode := range []graph.PathMode{graph.ShortestPath, graph.AllShortest, graph.KShortest} {
		q := graph.PathQuery{From: a.ID, To: "aqap", MaxHops: 4, Mode: mode}
		pr, err := s.Paths(ctx, q)
		if err != nil {
			t.Fatalf("Paths(%s): %v", describe(q), err)
		}
		if len(pr.Paths) == 0 {
			t.Errorf("Paths(%s): no path; want one within 4 hops", describe(q))
		}
		if err := m.checkPaths(q, pr); err != nil {
			t.Errorf("Paths(%s): %v", describe(q), err)
		}
	}
}

// testStatuses checks that every relation carries the status its evidence
// gives it, as a relation and as an edge, that relations no claim supports
// (refuted, or of confidence 0) are left out of every query by default and
// come back, marked, with IncludeRefuted, and that evidence added later
// moves a relation between statuses.
func testStatuses(t *testing.T, open Opener) {
	ctx := t.Context()
	s, m := load(t, open, Fixture())
	want := map[string]graph.Status{}
	for _, r := range m.relations {
		want[r.ID] = graph.StatusOf(r.Evidence)
	}
	if want["khalid-masood--inspired-by--islamic-state"] != graph.Refuted || want["khalid-masood--met--anwar-al-awlaki"] != graph.Contested ||
		want["abu-muhammad-al-maqdisi--rival-of--abu-bakr-al-baghdadi"] != graph.Contested || want["said-kouachi--sibling-of--cherif-kouachi"] != graph.Supported {
		t.Fatalf("graphtest bug: the fixture lacks a relation of each status: %v", want)
	}
	for _, r := range allRelations(t, s) {
		if r.Status != want[r.ID] {
			t.Errorf("relation %s has status %q, want %q", r.ID, r.Status, want[r.ID])
		}
	}
	seen := 0
	if err := s.EachEdge(ctx, graph.Everything, func(e graph.Edge) error {
		seen++
		if e.Status != want[e.ID] {
			t.Errorf("edge %s has status %q, want %q", e.ID, e.Status, want[e.ID])
		}
		return nil
	}); err != nil || seen != len(want) {
		t.Errorf("EachEdge(everything): %d edges, %v; want %d", seen, err, len(want))
	}
	if err := s.EachEdge(ctx, graph.RelationFilter{}, func(e graph.Edge) error {
		if e.Confidence == 0 || e.Status == graph.Refuted {
			t.Errorf("the default edge list holds %s (status %s, confidence %v)", e.ID, e.Status, e.Confidence)
		}
		return nil
	}); err != nil {
		t.Error(err)
	}

	// By default Khalid Masood connects to nothing; asked, through the
	// claims set aside.
	masood := graph.PathQuery{From: "khalid-masood", To: "islamic-state", MaxHops: 4}
	if res, err := s.Paths(ctx, masood); err != nil || len(res.Paths) != 0 {
		t.Errorf("default path from khalid-masood: %d paths, %v; want none", len(res.Paths), err)
	}
	masood.Filter.IncludeRefuted = true
	if res, err := s.Paths(ctx, masood); err != nil || len(res.Paths) == 0 || res.Paths[0].Hops[0].Relation.Status != graph.Refuted {
		t.Errorf("path from khalid-masood with refuted relations: %+v, %v; want the refuted INSPIRED_BY", res.Paths, err)
	}
	if rels, err := s.ActorRelations(ctx, "khalid-masood", graph.RelationFilter{}); err != nil || len(rels) != 0 {
		t.Errorf("default relations of khalid-masood: %v, %v; want none", relIDs(rels), err)
	}
	if counts, err := s.RelationCounts(ctx, "khalid-masood", graph.Everything); err != nil || len(counts) != 2 {
		t.Errorf("all relation counts of khalid-masood: %v, %v; want two types", counts, err)
	}
	net, err := s.Network(ctx, graph.NetworkQuery{Seeds: []string{"khalid-masood"}, Depth: 1})
	if err != nil || len(net.Nodes) != 1 || len(net.Edges) != 0 {
		t.Errorf("default network of khalid-masood: %d nodes, %d edges, %v; want himself alone", len(net.Nodes), len(net.Edges), err)
	}

	// A confirmed denial added to a supported relation contests it and
	// sets its confidence to 0: default queries drop it at once.
	const id = "said-kouachi--trained-by--aqap"
	r, err := s.AddEvidence(ctx, id, graph.Evidence{Source: "src-news", Quote: "Said was never trained", Claimant: "A court", Stance: graph.Refutes, Reliability: "A", Credibility: 1})
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != graph.Contested || r.Confidence != 0 {
		t.Errorf("after a denial graded A1: status %s, confidence %v; want contested, 0", r.Status, r.Confidence)
	}
	rels, err := s.ActorRelations(ctx, "said-kouachi", graph.RelationFilter{Types: []string{"TRAINED_BY"}})
	if err != nil || len(rels) != 0 {
		t.Errorf("said-kouachi's TRAINED_BY after the denial: %v, %v; want none by default", relIDs(rels), err)
	}
	rels, err = s.ActorRelations(ctx, "said-kouachi", graph.RelationFilter{Types: []string{"TRAINED_BY"}, IncludeRefuted: true})
	if err != nil || len(rels) != 1 || rels[0].Status != graph.Contested {
		t.Errorf("said-kouachi's TRAINED_BY with IncludeRefuted: %+v, %v", rels, err)
	}
}
