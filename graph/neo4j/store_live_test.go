package neo4j

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/graphtest"
	"github.com/actorgraph/actorgraph/seeds"
)

// dumpDB returns the whole database as sorted lines: every node with its
// labels and properties, every relationship with its type, its ends' ids
// and its properties. It reads the database directly, so it sees what the
// Store API does not show (key nodes, labels, stray properties).
func dumpDB(t *testing.T, s *Store) []string {
	t.Helper()
	ctx := t.Context()
	sess := s.session(ctx, neo4j.AccessModeRead)
	defer sess.Close(context.WithoutCancel(ctx))
	var lines []string
	line := func(parts ...any) {
		data, err := json.Marshal(parts)
		if err != nil {
			t.Fatalf("dump: %v", err)
		}
		lines = append(lines, string(data))
	}
	_, err := sess.ExecuteRead(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		lines = lines[:0]
		recs, err := collect(ctx, tx, statement{Text: "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props"})
		if err != nil {
			return nil, err
		}
		for _, rec := range recs {
			labels, _ := rec.Get("labels")
			props, _ := rec.Get("props")
			ls := fmt.Sprint(labels)
			line("node", ls, props)
		}
		recs, err = collect(ctx, tx, statement{Text: "MATCH (a)-[r]->(b) RETURN a.id AS from, type(r) AS type, b.id AS to, properties(r) AS props"})
		if err != nil {
			return nil, err
		}
		for _, rec := range recs {
			line("rel", rec.Values[0], rec.Values[1], rec.Values[2], rec.Values[3])
		}
		return nil, nil
	})
	if err != nil {
		t.Fatalf("dump: %v", err)
	}
	slices.Sort(lines)
	return lines
}

// sameDump fails unless two dumps are equal, showing the first lines that
// differ.
func sameDump(t *testing.T, what string, got, want []string) {
	t.Helper()
	if slices.Equal(got, want) {
		return
	}
	var diff []string
	for _, l := range want {
		if _, found := slices.BinarySearch(got, l); !found {
			diff = append(diff, "- "+l)
		}
	}
	for _, l := range got {
		if _, found := slices.BinarySearch(want, l); !found {
			diff = append(diff, "+ "+l)
		}
	}
	if len(diff) > 10 {
		diff = append(diff[:10], fmt.Sprintf("... %d more", len(diff)-10))
	}
	t.Errorf("%s: the database changed (%d lines, then %d):\n%s", what, len(want), len(got), strings.Join(diff, "\n"))
}

func seedBundle(t *testing.T) *graph.Bundle {
	t.Helper()
	b, err := seeds.Bundle()
	if err != nil {
		t.Fatalf("seed bundle: %v", err)
	}
	return b
}

// TestImportLive: importing the seed bundle twice leaves the same database
// as importing it once, byte for byte; a bundle with one bad relation,
// into an empty database or over the seed graph, changes nothing.
func TestImportLive(t *testing.T) {
	opts := liveOptions(t)
	s := emptyLive(t, opts)
	ctx := t.Context()
	empty := dumpDB(t, s)

	if _, err := s.Import(ctx, seedBundle(t)); err != nil {
		t.Fatalf("Import(seeds): %v", err)
	}
	once := dumpDB(t, s)
	b := seedBundle(t)
	if len(once) < len(b.Actors)+2*len(b.Relations)+len(b.Sources) {
		t.Fatalf("the dump has %d lines for %d actors, %d relations (and their key nodes) and %d sources",
			len(once), len(b.Actors), len(b.Relations), len(b.Sources))
	}
	if _, err := s.Import(ctx, b); err != nil {
		t.Fatalf("Import(seeds) again: %v", err)
	}
	sameDump(t, "seed bundle imported twice", dumpDB(t, s), once)

	// One bad relation among many good new entries, in every way a
	// relation can be bad.
	bad := []struct {
		name string
		edit func(*graph.Relation)
	}{
		{"unknown end", func(r *graph.Relation) { r.To = "no-such-actor" }},
		{"kinds the type does not allow", func(r *graph.Relation) { r.Type = "OCCURRED_IN" }},
		{"unknown type", func(r *graph.Relation) { r.Type = "KNOWS" }},
		{"unknown source", func(r *graph.Relation) { r.Evidence[0].Source = "no-such-source" }},
		{"no evidence", func(r *graph.Relation) { r.Evidence = nil }},
		{"bad id", func(r *graph.Relation) { r.ID = "Bad ID" }},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			nb := graphtest.Random(11, 60, 6, 300)
			nb.Sources = append(nb.Sources, b.Sources[0])
			// Replace a stored relation too, so that a partial write
			// would show.
			r0 := b.Relations[0]
			r0.Role = "changed by the bad bundle"
			nb.Relations = append(nb.Relations, r0)
			i := len(nb.Relations) / 2
			tc.edit(&nb.Relations[i])
			_, err := s.Import(ctx, nb)
			if graph.ErrorCode(err) != graph.EINVALID {
				t.Fatalf("Import(bundle with a bad relation: %s) = %v; want EINVALID", tc.name, err)
			}
			sameDump(t, "a bundle with one bad relation ("+tc.name+")", dumpDB(t, s), once)
		})
	}
	t.Run("into an empty database", func(t *testing.T) {
		s := emptyLive(t, opts)
		nb := seedBundle(t)
		nb.Relations[len(nb.Relations)-1].To = "no-such-actor"
		if _, err := s.Import(ctx, nb); graph.ErrorCode(err) != graph.EINVALID {
			t.Fatalf("Import(seeds with a bad last relation) = %v; want EINVALID", err)
		}
		sameDump(t, "a bundle with one bad relation into an empty database", dumpDB(t, s), empty)
	})
}

// evil are strings that would run as Cypher if a query spliced them into
// its text: quotes of every kind, backticks, a closing brace and paren
// followed by a statement that wipes the database, parameters, comments,
// and Cypher's unicode escapes (\u0027 is a quote inside a string
// literal), written out and as the characters themselves.
var evil = []string{
	`'}) MATCH (n) DETACH DELETE n //`,
	`"}) MATCH (n) DETACH DELETE n //`,
	"`}) MATCH (n) DETACH DELETE n //",
	`\u0027}) MATCH (n) DETACH DELETE n //`,
	`\u0060}) MATCH (n) DETACH DELETE n //`,
	`\'}) MATCH (n) DETACH DELETE n //`,
	"’}) MATCH (n) DETACH DELETE n //",
	`x' OR 1=1 WITH 1 AS x MATCH (n) DETACH DELETE n RETURN 'x`,
	"a\nMATCH (n) DETACH DELETE n\n",
	`$id}) MATCH (n) SET n.pwned = true //`,
	`*/ MATCH (n) DETACH DELETE n /*`,
	"CALL db.clearQueryCaches() //",
	"`MET`|`TRAINED_BY`",
	`\`,
	"\x00 nul and \t tab",
}

// TestInjectionLive: names, aliases, descriptions, roles, quotes and
// titles carrying Cypher are stored and returned as data; ids, search
// strings and type lists carrying it are answered as data (not found,
// invalid, or hits); none of it ever runs: the database is the same after.
func TestInjectionLive(t *testing.T) {
	s := emptyLive(t, liveOptions(t))
	ctx := t.Context()

	b := &graph.Bundle{Format: graph.BundleFormat,
		Sources: []graph.Source{{ID: "src-evil", Title: evil[0], Author: evil[2], Publication: evil[3]}}}
	for i, e := range evil {
		b.Actors = append(b.Actors, graph.Actor{ID: fmt.Sprintf("evil-%d", i), Kind: graph.Person,
			Name: "Evil " + e, Aliases: []string{e}, Description: e})
		if i > 0 {
			b.Relations = append(b.Relations, graph.Relation{
				ID: fmt.Sprintf("evil-%d--met--evil-%d", i-1, i), Type: "MET", From: fmt.Sprintf("evil-%d", i-1), To: fmt.Sprintf("evil-%d", i),
				Role:     e,
				Evidence: []graph.Evidence{{Source: "src-evil", Quote: e, Claimant: e, Reliability: "B", Credibility: 2}}})
		}
	}
	want := cloneBundleForTest(b)
	if err := want.Validate(emptyCatalog{}); err != nil {
		t.Fatalf("the test bundle is not valid: %v", err)
	}
	if _, err := s.Import(ctx, b); err != nil {
		t.Fatalf("Import: %v", err)
	}
	before := dumpDB(t, s)

	// Stored and returned as data.
	for _, a := range want.Actors {
		got, err := s.Actor(ctx, a.ID)
		if err != nil || !reflect.DeepEqual(got, a) {
			t.Errorf("Actor(%s) = %+v, %v;\nwant %+v", a.ID, got, err, a)
		}
	}
	for _, r := range want.Relations {
		got, err := s.Relation(ctx, r.ID)
		if err != nil || !reflect.DeepEqual(got, r) {
			t.Errorf("Relation(%s) = %+v, %v;\nwant %+v", r.ID, got, err, r)
		}
	}
	if got, err := s.Source(ctx, "src-evil"); err != nil || !reflect.DeepEqual(got, want.Sources[0]) {
		t.Errorf("Source(src-evil) = %+v, %v; want %+v", got, err, want.Sources[0])
	}
	created, err := s.CreateActor(ctx, graph.Actor{ID: "evil-created", Kind: graph.Organization, Name: evil[1], Aliases: evil[4:6]})
	if err != nil || created.Name != evil[1] || !slices.Equal(created.Aliases, evil[4:6]) {
		t.Errorf("CreateActor(evil name) = %+v, %v", created, err)
	}
	name := evil[2]
	if got, err := s.UpdateActor(ctx, "evil-created", graph.ActorPatch{Name: &name, Description: &evil[0]}); err != nil || got.Name != name || got.Description != evil[0] {
		t.Errorf("UpdateActor(evil name) = %+v, %v", got, err)
	}
	if err := s.DeleteActor(ctx, "evil-created", false); err != nil {
		t.Errorf("DeleteActor(evil-created): %v", err)
	}

	// Searched for, looked up and filtered by as data.
	for _, e := range evil {
		res, err := s.SearchActors(ctx, graph.SearchQuery{Text: e})
		switch {
		case graph.ErrorCode(err) == graph.EINVALID && strings.Contains(graph.ErrorMessage(err), "at most"):
			// Over the cap on a query's length or words: refused as data.
		case err != nil:
			t.Errorf("SearchActors(%q): %v", e, err)
		case graph.NormalizeName(e) != "" && !slices.ContainsFunc(res.Hits, func(h graph.SearchHit) bool { return h.Actor.Aliases[0] == e }):
			t.Errorf("SearchActors(%q) did not find the actor with that alias: %d hits", e, len(res.Hits))
		}
		if _, err := s.Resolve(ctx, e); err != nil && !slices.Contains([]string{graph.ENOTFOUND, graph.EAMBIGUOUS}, graph.ErrorCode(err)) {
			t.Errorf("Resolve(%q) = %v; want an actor, ENOTFOUND or EAMBIGUOUS", e, err)
		}
		for what, err := range map[string]error{
			"Actor":          second(s.Actor(ctx, e)),
			"Relation":       second(s.Relation(ctx, e)),
			"Source":         second(s.Source(ctx, e)),
			"DeleteActor":    s.DeleteActor(ctx, e, true),
			"DeleteRelation": s.DeleteRelation(ctx, e),
			"UpdateActor":    second(s.UpdateActor(ctx, e, graph.ActorPatch{Name: &name})),
			"AddEvidence":    second(s.AddEvidence(ctx, e, graph.Evidence{Source: "src-evil", Quote: e})),
			"ActorRelations": second(s.ActorRelations(ctx, e, graph.RelationFilter{})),
			"Paths from":     second(s.Paths(ctx, graph.PathQuery{From: e, To: "evil-0"})),
			"Network seed":   second(s.Network(ctx, graph.NetworkQuery{Seeds: []string{e}, Depth: 1})),
		} {
			if c := graph.ErrorCode(err); c != graph.ENOTFOUND && c != graph.EINVALID {
				t.Errorf("%s(%q) = %v; want ENOTFOUND or EINVALID", what, e, err)
			}
		}
		for _, f := range []graph.RelationFilter{{Types: []string{e}}, {Types: []string{"MET", e}}, {ExcludeTypes: []string{e}}} {
			for what, err := range map[string]error{
				"ActorRelations": second(s.ActorRelations(ctx, "evil-0", f)),
				"Paths":          second(s.Paths(ctx, graph.PathQuery{From: "evil-0", To: "evil-3", Filter: f})),
				"Network":        second(s.Network(ctx, graph.NetworkQuery{Seeds: []string{"evil-0"}, Depth: 2, Filter: f})),
				"EachRelation":   s.EachRelation(ctx, f, func(graph.Relation) error { return nil }),
				"EachEdge":       s.EachEdge(ctx, f, func(graph.Edge) error { return nil }),
			} {
				if graph.ErrorCode(err) != graph.EINVALID {
					t.Errorf("%s(filter %+v) = %v; want EINVALID", what, f, err)
				}
			}
		}
		bad := graph.Actor{ID: e, Kind: graph.Person, Name: "x"}
		if _, err := s.CreateActor(ctx, bad); graph.ErrorCode(err) != graph.EINVALID {
			t.Errorf("CreateActor(id %q) = %v; want EINVALID", e, err)
		}
		if _, err := s.Import(ctx, &graph.Bundle{Format: graph.BundleFormat, Actors: []graph.Actor{bad}}); graph.ErrorCode(err) != graph.EINVALID {
			t.Errorf("Import(actor id %q) = %v; want EINVALID", e, err)
		}
		if _, err := s.CreateRelation(ctx, graph.Relation{ID: e, Type: "MET", From: "evil-0", To: "evil-2",
			Evidence: []graph.Evidence{{Source: "src-evil", Quote: "q"}}}); graph.ErrorCode(err) != graph.EINVALID {
			t.Errorf("CreateRelation(id %q) = %v; want EINVALID", e, err)
		}
		if _, err := s.CreateRelation(ctx, graph.Relation{Type: e, From: "evil-0", To: "evil-2",
			Evidence: []graph.Evidence{{Source: "src-evil", Quote: "q"}}}); graph.ErrorCode(err) != graph.EINVALID {
			t.Errorf("CreateRelation(type %q) = %v; want EINVALID", e, err)
		}
	}
	sameDump(t, "after every query carrying Cypher", dumpDB(t, s), before)
}

func second[T any](_ T, err error) error { return err }

// emptyCatalog knows no stored actor or source.
type emptyCatalog struct{}

func (emptyCatalog) ActorKind(string) (graph.Kind, bool)      { return "", false }
func (emptyCatalog) LookupSource(string) (graph.Source, bool) { return graph.Source{}, false }

func cloneBundleForTest(b *graph.Bundle) *graph.Bundle {
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
