package embedded

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/names"
)

var bg = context.Background()

func TestWrites(t *testing.T) {
	s := newTestStore(t, testBundle())
	person := graph.Actor{ID: "zoe", Kind: graph.Person, Name: "Zoë Zed"}
	tests := []struct {
		name string
		do   func() error
		code string // "" for success
	}{
		{"create actor", func() error { _, err := s.CreateActor(bg, person); return err }, ""},
		{"create actor again", func() error { _, err := s.CreateActor(bg, person); return err }, graph.ECONFLICT},
		{"create actor with a bad id", func() error {
			_, err := s.CreateActor(bg, graph.Actor{ID: "Bad Id", Kind: graph.Person, Name: "x"})
			return err
		}, graph.EINVALID},
		{"create actor with a bad kind", func() error {
			_, err := s.CreateActor(bg, graph.Actor{ID: "x", Kind: "robot", Name: "x"})
			return err
		}, graph.EINVALID},
		{"create actor citing an unknown source", func() error {
			_, err := s.CreateActor(bg, graph.Actor{ID: "x", Kind: graph.Person, Name: "x", Evidence: []graph.Evidence{{Source: "nope", Quote: "q"}}})
			return err
		}, graph.EINVALID},
		{"update actor", func() error {
			name := "Zoë Zeller"
			a, err := s.UpdateActor(bg, "zoe", graph.ActorPatch{Name: &name, Aliases: &[]string{"ZZ"}})
			if err == nil && (a.Name != name || !slices.Equal(a.Aliases, []string{"ZZ"})) {
				return errors.New("update not applied")
			}
			return err
		}, ""},
		{"update unknown actor", func() error { _, err := s.UpdateActor(bg, "nobody", graph.ActorPatch{}); return err }, graph.ENOTFOUND},
		{"update actor to an empty name", func() error {
			empty := " "
			_, err := s.UpdateActor(bg, "zoe", graph.ActorPatch{Name: &empty})
			return err
		}, graph.EINVALID},
		{"create relation with an auto id", func() error {
			r, err := s.CreateRelation(bg, graph.Relation{Type: "MET", From: "zoe", To: "alice", Evidence: []graph.Evidence{grade("they met", "B", 2)}})
			if err == nil && (r.ID != "zoe--met--alice" || r.Confidence != 0.64 || r.Evidence[0].Stance != graph.Supports) {
				return errors.New("bad relation " + r.ID)
			}
			return err
		}, ""},
		{"auto id takes the next suffix", func() error {
			r, err := s.CreateRelation(bg, graph.Relation{Type: "MET", From: "zoe", To: "alice", Evidence: []graph.Evidence{grade("again", "B", 2)}})
			if err == nil && r.ID != "zoe--met--alice--2" {
				return errors.New("id " + r.ID)
			}
			return err
		}, ""},
		{"and the next", func() error {
			r, err := s.CreateRelation(bg, graph.Relation{Type: "MET", From: "zoe", To: "alice", Evidence: []graph.Evidence{grade("again", "B", 2)}})
			if err == nil && r.ID != "zoe--met--alice--3" {
				return errors.New("id " + r.ID)
			}
			return err
		}, ""},
		{"explicit id taken", func() error {
			_, err := s.CreateRelation(bg, graph.Relation{ID: "zoe--met--alice", Type: "MET", From: "zoe", To: "alice", Evidence: []graph.Evidence{grade("x", "B", 2)}})
			return err
		}, graph.ECONFLICT},
		{"relation to a missing actor is invalid", func() error {
			_, err := s.CreateRelation(bg, graph.Relation{Type: "MET", From: "zoe", To: "ghost", Evidence: []graph.Evidence{grade("x", "B", 2)}})
			var ve *graph.ValidationError
			if errors.As(err, &ve) && ve.Problems[0].Field != "to" {
				return errors.New("problem names " + ve.Problems[0].Field)
			}
			return err
		}, graph.EINVALID},
		{"relation of the wrong kinds", func() error {
			_, err := s.CreateRelation(bg, graph.Relation{Type: "MEMBER_OF", From: "zoe", To: "alice", Evidence: []graph.Evidence{grade("x", "B", 2)}})
			return err
		}, graph.EINVALID},
		{"relation without evidence", func() error {
			_, err := s.CreateRelation(bg, graph.Relation{Type: "MET", From: "zoe", To: "bob"})
			return err
		}, graph.EINVALID},
		{"relation with ungraded evidence", func() error {
			_, err := s.CreateRelation(bg, graph.Relation{Type: "MET", From: "zoe", To: "bob", Evidence: []graph.Evidence{{Source: testSource, Quote: "q"}}})
			return err
		}, graph.EINVALID},
		{"evidence must name the piece of a multi-piece source", func() error {
			_, err := s.CreateRelation(bg, graph.Relation{Type: "MET", From: "zoe", To: "bob",
				Evidence: []graph.Evidence{{Source: "src-multi", Quote: "q", Claimant: "c", Reliability: "B", Credibility: 2}}})
			return err
		}, graph.EINVALID},
		{"update relation", func() error {
			role := "old friend"
			r, err := s.UpdateRelation(bg, "zoe--met--alice", graph.RelationPatch{Role: &role, ValidFrom: ptr(graph.MustDate("2001"))})
			if err == nil && (r.Role != role || r.ValidFrom.Year != 2001) {
				return errors.New("update not applied")
			}
			return err
		}, ""},
		{"update relation with dates backwards", func() error {
			_, err := s.UpdateRelation(bg, "zoe--met--alice", graph.RelationPatch{ValidTo: ptr(graph.MustDate("2000"))})
			return err
		}, graph.EINVALID},
		{"update unknown relation", func() error { _, err := s.UpdateRelation(bg, "nope", graph.RelationPatch{}); return err }, graph.ENOTFOUND},
		{"add refuting evidence", func() error {
			e := grade("they never met", "B", 2)
			e.Stance = graph.Refutes
			r, err := s.AddEvidence(bg, "zoe--met--alice", e)
			if err == nil && (len(r.Evidence) != 2 || !r.Contested || r.Confidence != 0.23) {
				return errors.New("evidence not applied")
			}
			return err
		}, ""},
		{"add bad evidence", func() error {
			_, err := s.AddEvidence(bg, "zoe--met--alice", graph.Evidence{Source: "nope"})
			return err
		}, graph.EINVALID},
		{"add evidence to an unknown relation", func() error { _, err := s.AddEvidence(bg, "nope", grade("q", "B", 2)); return err }, graph.ENOTFOUND},
		{"delete linked actor", func() error {
			err := s.DeleteActor(bg, "zoe", false)
			if err != nil && !strings.Contains(graph.ErrorMessage(err), "3 relation") {
				return errors.New("message does not count: " + graph.ErrorMessage(err))
			}
			return err
		}, graph.ECONFLICT},
		{"delete relation", func() error { return s.DeleteRelation(bg, "zoe--met--alice--3") }, ""},
		{"delete relation again", func() error { return s.DeleteRelation(bg, "zoe--met--alice--3") }, graph.ENOTFOUND},
		{"delete actor with cascade", func() error { return s.DeleteActor(bg, "zoe", true) }, ""},
		{"delete unknown actor", func() error { return s.DeleteActor(bg, "zoe", true) }, graph.ENOTFOUND},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { wantCode(t, tc.do(), tc.code) })
	}
	// After the cascade nothing of zoe is left.
	if _, err := s.Relation(bg, "zoe--met--alice"); graph.ErrorCode(err) != graph.ENOTFOUND {
		t.Fatalf("relation survived the cascade: %v", err)
	}
	res := must(s.Paths(bg, graph.PathQuery{From: "alice", To: "bob"}))
	if len(res.Paths) != 1 {
		t.Fatalf("paths %v", fmtPaths(res.Paths))
	}
	st := must(s.Stats(bg, 3))
	want := testBundle()
	ev := 0
	for _, r := range want.Relations {
		ev += len(r.Evidence)
	}
	if st.Actors != len(want.Actors) || st.Relations != len(want.Relations) || st.Evidence != ev {
		t.Fatalf("stats %+v", st)
	}
}

func ptr[T any](v T) *T { return &v }

func TestWritesUpdateTheIndex(t *testing.T) {
	s := newTestStore(t, testBundle())
	// A new relation is walkable at once, with its confidence.
	must(s.CreateActor(bg, graph.Actor{ID: "x", Kind: graph.Person, Name: "Xavier"}))
	must(s.CreateRelation(bg, rel("MET", "x", "ivan")))
	res := must(s.Paths(bg, graph.PathQuery{From: "ivan", To: "x"}))
	if len(res.Paths) != 1 || len(res.Paths[0].Hops) != 1 {
		t.Fatalf("paths %v", fmtPaths(res.Paths))
	}
	f := graph.RelationFilter{MinConfidence: 0.5}
	if got := must(s.ActorRelations(bg, "ivan", f)); len(got) != 1 {
		t.Fatalf("relations %v", got)
	}
	// Refuting evidence lowers the confidence under the filter.
	e := grade("no", "A", 1)
	e.Stance = graph.Refutes
	must(s.AddEvidence(bg, "x--met--ivan", e))
	if got := must(s.ActorRelations(bg, "ivan", f)); len(got) != 0 {
		t.Fatalf("relations %v", got)
	}
	if got := must(s.ActorRelations(bg, "ivan", graph.RelationFilter{ExcludeContested: true})); len(got) != 0 {
		t.Fatalf("contested relation kept: %v", got)
	}
	// Dates from an update apply to as_of.
	must(s.UpdateRelation(bg, "x--met--ivan", graph.RelationPatch{ValidFrom: ptr(graph.MustDate("2020"))}))
	if got := must(s.ActorRelations(bg, "ivan", graph.RelationFilter{AsOf: graph.MustDate("2019")})); len(got) != 0 {
		t.Fatalf("relation valid before it began: %v", got)
	}
	// A renamed actor is found under its new name only.
	name := "Yannick"
	must(s.UpdateActor(bg, "x", graph.ActorPatch{Name: &name}))
	if a, err := s.Resolve(bg, "yannick"); err != nil || a.ID != "x" {
		t.Fatalf("resolve new name: %v %v", a.ID, err)
	}
	if _, err := s.Resolve(bg, "xavier"); graph.ErrorCode(err) != graph.ENOTFOUND {
		t.Fatalf("old name still resolves: %v", err)
	}
	// Deleting a relation removes it from traversal.
	if err := s.DeleteRelation(bg, "x--met--ivan"); err != nil {
		t.Fatal(err)
	}
	res = must(s.Paths(bg, graph.PathQuery{From: "ivan", To: "x"}))
	if len(res.Paths) != 0 {
		t.Fatalf("deleted relation walked: %v", fmtPaths(res.Paths))
	}
}

func TestResolveAndSearch(t *testing.T) {
	b := testBundle()
	b.Actors = append(b.Actors,
		graph.Actor{ID: "said-kouachi", Kind: graph.Person, Name: "Saïd Kouachi", Aliases: []string{"Said Kouachi"}},
		graph.Actor{ID: "cherif-kouachi", Kind: graph.Person, Name: "Chérif Kouachi"},
	)
	b.Relations = append(b.Relations, rel("SIBLING_OF", "said-kouachi", "cherif-kouachi"))
	s := newTestStore(t, b)
	resolve := []struct {
		ref, want  string
		code       string
		candidates []string
	}{
		{ref: "alice", want: "alice"},
		{ref: "ALICE ADAMS", want: "alice"},
		{ref: "ally", want: "alice"},
		{ref: "Cherif Kouachi", want: "cherif-kouachi"},
		{ref: "said kouachi", want: "said-kouachi"},
		{ref: "kouachi", code: graph.EAMBIGUOUS, candidates: []string{"cherif-kouachi", "said-kouachi"}},
		{ref: "erin evans", want: "erin"},
		{ref: "sg", want: "org-south"},
		{ref: "southern", want: "org-south"}, // an exact alias beats the prefix of "Southern Group"
		{ref: "brown", code: graph.EAMBIGUOUS, candidates: []string{"bob", "carol"}},
		{ref: "car bro", want: "carol"},
		{ref: "fox", code: graph.EAMBIGUOUS, candidates: []string{"frank", "gina"}},
		{ref: "nobody at all", code: graph.ENOTFOUND},
		{ref: "own", code: graph.ENOTFOUND}, // a substring is not a word prefix
		{ref: "", code: graph.ENOTFOUND},
	}
	for _, tc := range resolve {
		t.Run("resolve "+tc.ref, func(t *testing.T) {
			a, err := s.Resolve(bg, tc.ref)
			wantCode(t, err, tc.code)
			if tc.code == "" && a.ID != tc.want {
				t.Fatalf("resolved to %q, want %q", a.ID, tc.want)
			}
			if msg := graph.ErrorMessage(err); tc.code == graph.ENOTFOUND && (!strings.Contains(msg, fmt.Sprintf("%q", tc.ref)) || strings.Contains(msg, "/v1/")) {
				t.Fatalf("message does not name the reference, or names an HTTP endpoint: %s", msg)
			}
			var amb *graph.AmbiguousError
			if errors.As(err, &amb) {
				var ids []string
				for _, c := range amb.Candidates {
					ids = append(ids, c.ID)
					if c.Name == "" {
						t.Fatalf("candidate without a name")
					}
				}
				if !slices.Equal(ids, tc.candidates) {
					t.Fatalf("candidates %v, want %v", ids, tc.candidates)
				}
			}
		})
	}
	search := []struct {
		q     graph.SearchQuery
		want  []string
		total int
	}{
		{graph.SearchQuery{Text: "brown"}, []string{"bob", "carol"}, 2},
		{graph.SearchQuery{Text: "kouachi"}, []string{"cherif-kouachi", "said-kouachi"}, 2},
		{graph.SearchQuery{Text: "Bob Brown"}, []string{"bob"}, 1},
		{graph.SearchQuery{Text: "group"}, []string{"org-north", "org-south"}, 2},
		{graph.SearchQuery{Text: "southern"}, []string{"org-south"}, 1},
		{graph.SearchQuery{Text: "grup", Kind: graph.Organization}, []string{"org-north", "org-south"}, 2}, // a transliteration of Group, in both
		{graph.SearchQuery{Text: "", Kind: graph.Place}, []string{"city"}, 1},
		{graph.SearchQuery{Text: "", Limit: 3, Offset: 2}, []string{"carol", "cherif-kouachi", "city"}, 14},
		{graph.SearchQuery{Text: "Sherif Kouachy"}, []string{"cherif-kouachi"}, 1}, // Saïd Kouachi shares one word of two: no hit
		{graph.SearchQuery{Text: "brown", Limit: 1, Offset: 1}, []string{"carol"}, 2},
	}
	for _, tc := range search {
		t.Run("search "+tc.q.Text, func(t *testing.T) {
			res, err := s.SearchActors(bg, tc.q)
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, h := range res.Hits {
				ids = append(ids, h.Actor.ID)
			}
			if !slices.Equal(ids, tc.want) || res.Total != tc.total {
				t.Fatalf("hits %v total %d, want %v total %d", ids, res.Total, tc.want, tc.total)
			}
		})
	}
	// Ranking: score first, then degree, then id.
	res := must(s.SearchActors(bg, graph.SearchQuery{Text: "brwn"}))
	for i := 1; i < len(res.Hits); i++ {
		a, b := res.Hits[i-1], res.Hits[i]
		if a.Score < b.Score || a.Score == b.Score && (a.Degree < b.Degree || a.Degree == b.Degree && a.Actor.ID > b.Actor.ID) {
			t.Fatalf("hits out of order: %+v before %+v", a, b)
		}
		if want := names.Match("brwn", b.Actor.Name, b.Actor.Aliases); b.Score != want.Score || b.Matched != want.Matched || b.Why != want.Why {
			t.Fatalf("hit %+v, want %+v (names.Match)", b, want)
		}
	}
	_, err := s.SearchActors(bg, graph.SearchQuery{Limit: 1000})
	wantCode(t, err, graph.EINVALID)
	_, err = s.SearchActors(bg, graph.SearchQuery{Kind: "robot"})
	wantCode(t, err, graph.EINVALID)
}

func TestNetwork(t *testing.T) {
	s := newTestStore(t, testBundle())
	tests := []struct {
		name      string
		q         graph.NetworkQuery
		nodes     []string
		edges     []string
		truncated bool
		code      string
	}{
		{name: "ego depth 1", q: graph.NetworkQuery{Seeds: []string{"carol"}, Depth: 1},
			nodes: []string{"bob", "carol", "dave", "org-north"},
			edges: []string{"bob--met--carol", "bob--recruited-by--org-north", "carol--met--dave", "carol--recruited-by--org-north"}},
		{name: "depth 0 is the induced subgraph", q: graph.NetworkQuery{Seeds: []string{"alice", "bob", "ivan"}},
			nodes: []string{"alice", "bob", "ivan"},
			edges: []string{"alice--associate-of--bob", "alice--associate-of--bob--2"}},
		{name: "direction out", q: graph.NetworkQuery{Seeds: []string{"dave"}, Depth: 2, Filter: graph.RelationFilter{Direction: graph.DirectionOut, ExcludeTypes: []string{"MET"}}},
			nodes: []string{"dave", "org-north", "org-south"},
			edges: []string{"dave--trained-by--org-south", "org-north--allied-with--org-south"}},
		{name: "filter applies to expansion and edges", q: graph.NetworkQuery{Seeds: []string{"alice"}, Depth: 1, Filter: graph.RelationFilter{MinConfidence: 0.5}},
			nodes: []string{"alice", "bob"},
			edges: []string{"alice--associate-of--bob", "alice--associate-of--bob--2"}},
		{name: "cap keeps the nearest, then by id", q: graph.NetworkQuery{Seeds: []string{"carol"}, Depth: 2, Limit: 5},
			nodes: []string{"alice", "bob", "carol", "dave", "org-north"}, truncated: true,
			edges: []string{"alice--associate-of--bob", "alice--associate-of--bob--2", "bob--met--carol", "bob--recruited-by--org-north", "carol--met--dave", "carol--recruited-by--org-north"}},
		{name: "cap reached exactly is not truncation", q: graph.NetworkQuery{Seeds: []string{"hank"}, Depth: 3, Limit: 4},
			nodes: []string{"city", "frank", "gina", "hank"},
			edges: []string{"frank--met--gina", "gina--based-in--city", "hank--based-in--city"}},
		{name: "unknown seed", q: graph.NetworkQuery{Seeds: []string{"ghost"}}, code: graph.ENOTFOUND},
		{name: "too deep", q: graph.NetworkQuery{Seeds: []string{"alice"}, Depth: 9}, code: graph.EINVALID},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sg, err := s.Network(bg, tc.q)
			wantCode(t, err, tc.code)
			if err != nil {
				return
			}
			var nodes, edges []string
			for _, n := range sg.Nodes {
				nodes = append(nodes, n.ID)
			}
			for _, e := range sg.Edges {
				edges = append(edges, e.ID)
				if len(e.Evidence) == 0 {
					t.Fatalf("edge %s without evidence", e.ID)
				}
			}
			if !slices.Equal(nodes, tc.nodes) || !slices.Equal(edges, tc.edges) || sg.Truncated != tc.truncated {
				t.Fatalf("nodes %v edges %v truncated %v\nwant %v %v %v", nodes, edges, sg.Truncated, tc.nodes, tc.edges, tc.truncated)
			}
		})
	}
}

func TestStreamsAndLookups(t *testing.T) {
	b := testBundle()
	s := newTestStore(t, b)
	rels := derived(b)
	graph.SortRelations(rels)

	var actors []string
	if err := s.EachActor(bg, func(a graph.Actor) error { actors = append(actors, a.ID); return nil }); err != nil {
		t.Fatal(err)
	}
	if !slices.IsSorted(actors) || len(actors) != len(b.Actors) {
		t.Fatalf("actors %v", actors)
	}
	filters := []graph.RelationFilter{{}, {Types: []string{"MET"}}, {MinConfidence: 0.5, AsOf: graph.MustDate("2011")}, {ExcludeContested: true}}
	for _, f := range filters {
		var want []graph.Relation
		for _, r := range rels {
			if f.Match(&r) {
				want = append(want, r)
			}
		}
		var got []graph.Relation
		if err := s.EachRelation(bg, f, func(r graph.Relation) error { got = append(got, r); return nil }); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("EachRelation %+v:\n got %+v\nwant %+v", f, got, want)
		}
		var edges []graph.Edge
		if err := s.EachEdge(bg, f, func(e graph.Edge) error { edges = append(edges, e); return nil }); err != nil {
			t.Fatal(err)
		}
		if len(edges) != len(want) {
			t.Fatalf("EachEdge: %d edges, want %d", len(edges), len(want))
		}
		for i := range edges {
			if w := graph.EdgeOf(&want[i]); edges[i] != w {
				t.Fatalf("edge %+v, want %+v", edges[i], w)
			}
		}
	}
	stop := errors.New("stop")
	n := 0
	if err := s.EachEdge(bg, graph.RelationFilter{}, func(graph.Edge) error { n++; return stop }); err != stop || n != 1 {
		t.Fatalf("EachEdge did not stop: %v after %d", err, n)
	}
	err := s.EachRelation(bg, graph.RelationFilter{Types: []string{"NOPE"}}, func(graph.Relation) error { return nil })
	wantCode(t, err, graph.EINVALID)

	for _, r := range rels {
		got := must(s.Relation(bg, r.ID))
		if !reflect.DeepEqual(got, r) {
			t.Fatalf("Relation(%s) = %+v, want %+v", r.ID, got, r)
		}
	}
	for _, a := range b.Actors {
		if got := must(s.Actor(bg, a.ID)); !reflect.DeepEqual(got, a) {
			t.Fatalf("Actor(%s) = %+v, want %+v", a.ID, got, a)
		}
	}
	_, err = s.Actor(bg, "ghost")
	wantCode(t, err, graph.ENOTFOUND)
	_, err = s.Relation(bg, "ghost")
	wantCode(t, err, graph.ENOTFOUND)

	srcs := must(s.Sources(bg))
	if len(srcs) != 2 || srcs[0].ID != "src-multi" || srcs[1].ID != testSource {
		t.Fatalf("sources %+v", srcs)
	}
	if src := must(s.Source(bg, "src-multi")); len(src.Pieces) != 1 {
		t.Fatalf("source %+v", src)
	}
	_, err = s.Source(bg, "ghost")
	wantCode(t, err, graph.ENOTFOUND)

	got := must(s.ActorRelations(bg, "alice", graph.RelationFilter{Direction: graph.DirectionOut}))
	var ids []string
	for _, r := range got {
		ids = append(ids, r.ID)
	}
	// Out: alice is From, or the type is symmetric.
	want := []string{"alice--associate-of--bob", "alice--associate-of--bob--2", "alice--trained-by--org-south", "erin--met--alice"}
	if !slices.Equal(ids, want) {
		t.Fatalf("ActorRelations out %v, want %v", ids, want)
	}
	got = must(s.ActorRelations(bg, "org-south", graph.RelationFilter{Direction: graph.DirectionIn, Types: []string{"TRAINED_BY"}}))
	if len(got) != 2 {
		t.Fatalf("ActorRelations in: %v", got)
	}
	_, err = s.ActorRelations(bg, "ghost", graph.RelationFilter{})
	wantCode(t, err, graph.ENOTFOUND)

	lim := graph.DefaultLimits
	lim.MaxRelations = 2
	s.lim = lim
	_, err = s.ActorRelations(bg, "alice", graph.RelationFilter{})
	wantCode(t, err, graph.ETOOLARGE)
	s.lim = graph.DefaultLimits

	st := must(s.Stats(bg, 2))
	if st.Actors != 12 || st.Relations != 14 || st.Sources != 2 || st.Contested != 1 || st.Evidence != 14 ||
		st.ByKind[graph.Person] != 9 || st.ByKind[graph.Organization] != 2 || st.ByType["MET"] != 4 {
		t.Fatalf("stats %+v", st)
	}
	if len(st.Top) != 2 || st.Top[0].Actor.ID != "alice" || st.Top[0].Degree != 4 || st.Top[1].Actor.ID != "bob" {
		t.Fatalf("top %+v", st.Top)
	}
}

func TestPersistence(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir)
	must(s.Import(bg, testBundle()))
	must(s.CreateActor(bg, graph.Actor{ID: "x", Kind: graph.Person, Name: "Xavier"}))
	must(s.CreateRelation(bg, rel("MET", "x", "ivan")))
	must(s.AddEvidence(bg, "x--met--ivan", grade("more", "A", 1)))
	if err := s.DeleteRelation(bg, "frank--met--gina"); err != nil {
		t.Fatal(err)
	}
	before := takeSnapshot(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Ping(bg); graph.ErrorCode(err) != graph.EUNAVAILABLE {
		t.Fatalf("ping after close: %v", err)
	}
	_, err := s.Actor(bg, "x")
	wantCode(t, err, graph.EUNAVAILABLE)

	seeded := false
	s2, err := Open(bg, Options{Dir: dir, Seed: func() (*graph.Bundle, error) { seeded = true; return testBundle(), nil }})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if seeded {
		t.Fatal("seed called for an existing store")
	}
	if err := s2.Ping(bg); err != nil {
		t.Fatal(err)
	}
	after := takeSnapshot(t, s2)
	if !reflect.DeepEqual(before, after) {
		t.Fatalf("reopened store differs:\nbefore %+v\nafter  %+v", before, after)
	}
	res := must(s2.Paths(bg, graph.PathQuery{From: "x", To: "ivan", Mode: graph.AllShortest}))
	if len(res.Paths) == 0 {
		t.Fatal("no path after reopen")
	}
	// A second process cannot open the same directory.
	_, err = Open(bg, Options{Dir: dir})
	wantCode(t, err, graph.EUNAVAILABLE)
}

// storeSnapshot is everything a store holds, for comparisons.
type storeSnapshot struct {
	Actors    []graph.Actor
	Relations []graph.Relation
	Sources   []graph.Source
	Stats     graph.Stats
}

func takeSnapshot(t testing.TB, s *Store) storeSnapshot {
	t.Helper()
	var sn storeSnapshot
	if err := s.EachActor(bg, func(a graph.Actor) error { sn.Actors = append(sn.Actors, a); return nil }); err != nil {
		t.Fatal(err)
	}
	if err := s.EachRelation(bg, graph.RelationFilter{}, func(r graph.Relation) error { sn.Relations = append(sn.Relations, r); return nil }); err != nil {
		t.Fatal(err)
	}
	sn.Sources = must(s.Sources(bg))
	sn.Stats = must(s.Stats(bg, 5))
	return sn
}

func TestSeed(t *testing.T) {
	dir := t.TempDir()
	calls := 0
	seed := func() (*graph.Bundle, error) { calls++; return testBundle(), nil }
	s, err := Open(bg, Options{Dir: filepath.Join(dir, "new", "data"), Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	if st := must(s.Stats(bg, 0)); st.Actors != 12 || st.Relations != 14 || calls != 1 {
		t.Fatalf("seeded stats %+v after %d calls", st, calls)
	}
	s.Close()

	// A seed that does not validate leaves no store behind; the next open
	// seeds again.
	bad := testBundle()
	bad.Relations[0].Type = "LOVES"
	dir2 := t.TempDir()
	_, err = Open(bg, Options{Dir: dir2, Seed: func() (*graph.Bundle, error) { return bad, nil }})
	wantCode(t, err, graph.EINVALID)
	s, err = Open(bg, Options{Dir: dir2, Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if st := must(s.Stats(bg, 0)); st.Relations != 14 {
		t.Fatalf("reseeded stats %+v", st)
	}
	_, err = Open(bg, Options{})
	wantCode(t, err, graph.EINVALID)
}

func TestOpenRejectsForeignFormat(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir)
	if err := s.update(func(tx *boltTx) error { return tx.Bucket(bucketMeta).Put(keyFormat, []byte("other/9")) }); err != nil {
		t.Fatal(err)
	}
	s.Close()
	_, err := Open(bg, Options{Dir: dir})
	wantCode(t, err, graph.EINTERNAL)
	if strings.Contains(graph.ErrorMessage(err), dir) {
		t.Fatalf("message leaks the path: %s", graph.ErrorMessage(err))
	}
	// A file that is not a database at all.
	dir2 := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir2, FileName), []byte(strings.Repeat("not a database", 1000)), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = Open(bg, Options{Dir: dir2})
	wantCode(t, err, graph.EINTERNAL)
}

func TestImport(t *testing.T) {
	s := newTestStore(t, nil)
	res := must(s.Import(bg, testBundle()))
	if res.Actors != 12 || res.Relations != 14 || res.Sources != 2 {
		t.Fatalf("result %+v", res)
	}
	before := takeSnapshot(t, s)
	// Importing twice changes nothing.
	must(s.Import(bg, testBundle()))
	if after := takeSnapshot(t, s); !reflect.DeepEqual(before, after) {
		t.Fatalf("second import changed the store:\n%+v\n%+v", before, after)
	}

	// One bad entry among many: nothing lands, every problem is listed.
	b := randomBundle(7, 30, 5, 200)
	for i := range b.Actors {
		b.Actors[i].ID = "new-" + b.Actors[i].ID
	}
	for i := range b.Relations {
		r := &b.Relations[i]
		r.ID, r.From, r.To = "new-"+r.ID, "new-"+r.From, "new-"+r.To
	}
	b.Relations[150].To = "nobody"
	b.Relations[170].Evidence[0].Reliability = "Z"
	b.Sources = nil // the test source is stored already
	_, err := s.Import(bg, b)
	wantCode(t, err, graph.EINVALID)
	var ve *graph.ValidationError
	if !errors.As(err, &ve) || len(ve.Problems) != 2 {
		t.Fatalf("problems: %v", err)
	}
	if after := takeSnapshot(t, s); !reflect.DeepEqual(before, after) {
		t.Fatal("a failed import left data behind")
	}
	// Without the bad entries it lands, and replaces what it names.
	b.Relations = slices.Delete(b.Relations, 170, 171)
	b.Relations = slices.Delete(b.Relations, 150, 151)
	must(s.Import(bg, b))
	if st := must(s.Stats(bg, 0)); st.Relations != 14+198 || st.Actors != 12+35 {
		t.Fatalf("stats %+v", st)
	}

	// Replacing a relation moves it in the index.
	moved := testBundle()
	moved.Sources, moved.Actors = nil, nil
	moved.Relations = []graph.Relation{{ID: "bob--met--carol", Type: "MET", From: "hank", To: "ivan", Evidence: []graph.Evidence{grade("moved", "A", 1)}}}
	must(s.Import(bg, moved))
	res2 := must(s.Paths(bg, graph.PathQuery{From: "hank", To: "ivan"}))
	if len(res2.Paths) != 1 || res2.Paths[0].Hops[0].Relation.ID != "bob--met--carol" {
		t.Fatalf("replaced relation not walked: %v", fmtPaths(res2.Paths))
	}
	if got := must(s.ActorRelations(bg, "bob", graph.RelationFilter{Types: []string{"MET"}})); len(got) != 0 {
		t.Fatalf("old ends keep the relation: %v", got)
	}

	// An actor may not change kind under a stored relation.
	kind := testBundle()
	kind.Sources, kind.Relations = nil, nil
	kind.Actors = []graph.Actor{{ID: "org-north", Kind: graph.Place, Name: "North"}}
	_, err = s.Import(bg, kind)
	wantCode(t, err, graph.EINVALID)

	_, err = s.Import(bg, &graph.Bundle{Format: "other"})
	wantCode(t, err, graph.EINVALID)
	_, err = s.Import(bg, nil)
	wantCode(t, err, graph.EINVALID)
}
