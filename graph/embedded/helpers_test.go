package embedded

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/graphtest"
)

type boltTx = bolt.Tx

const testSource = "src-t"

// grade returns a piece of graded evidence from the test source.
func grade(quote, reliability string, credibility int) graph.Evidence {
	return graph.Evidence{Source: testSource, Quote: quote, Claimant: "Test", Reliability: reliability, Credibility: credibility}
}

func rel(typ, from, to string, es ...graph.Evidence) graph.Relation {
	if len(es) == 0 {
		es = []graph.Evidence{grade(from+" "+typ+" "+to, "B", 2)}
	}
	return graph.Relation{ID: graph.RelationID(from, typ, to), Type: typ, From: from, To: to, Evidence: es}
}

func dated(r graph.Relation, from, to string) graph.Relation {
	if from != "" {
		r.ValidFrom = graph.MustDate(from)
	}
	if to != "" {
		r.ValidTo = graph.MustDate(to)
	}
	return r
}

// testBundle is the small hand-built graph of the path and write tests.
//
//	alice =ASSOCIATE_OF= bob (twice: 0.64 and, as --2, 1.0)
//	alice -TRAINED_BY-> org-south (0.04)
//	erin =MET= alice (0.36); erin =COMMUNICATED_WITH= frank; frank =MET= gina
//	bob -RECRUITED_BY-> org-north <-RECRUITED_BY- carol
//	bob =MET= carol (from 2015); carol =MET= dave (2010 to 2012)
//	dave -TRAINED_BY-> org-south; org-north =ALLIED_WITH= org-south (contested)
//	gina -BASED_IN-> city <-BASED_IN- hank; ivan has no relation
func testBundle() *graph.Bundle {
	person := func(id, name string, aliases ...string) graph.Actor {
		return graph.Actor{ID: id, Kind: graph.Person, Name: name, Aliases: aliases}
	}
	b := &graph.Bundle{
		Format:  graph.BundleFormat,
		Sources: []graph.Source{{ID: testSource, Title: "Test source"}, {ID: "src-multi", Title: "Collected pieces", Pieces: []graph.Piece{{ID: "piece-1", Title: "One"}}}},
		Actors: []graph.Actor{
			person("alice", "Alice Adams", "Ally"),
			person("bob", "Bob Brown"),
			person("carol", "Carol Brown", "Caro"),
			person("dave", "Dave Davis"),
			person("erin", "Érin Ëvans"),
			person("frank", "Frank Fox"),
			person("gina", "Gina Fox"),
			person("hank", "Hank Hill"),
			person("ivan", "Ivan Isolé"),
			{ID: "org-north", Kind: graph.Organization, Name: "Northern Group", Aliases: []string{"NG"}},
			{ID: "org-south", Kind: graph.Organization, Name: "Southern Group", Aliases: []string{"SG", "Southern"}},
			{ID: "city", Kind: graph.Place, Name: "The City"},
		},
	}
	r2 := rel("ASSOCIATE_OF", "alice", "bob", grade("alice and bob are close", "A", 1))
	r2.ID += "--2"
	allied := rel("ALLIED_WITH", "org-north", "org-south")
	allied.Contested = true
	b.Relations = []graph.Relation{
		rel("ASSOCIATE_OF", "alice", "bob"),
		r2,
		rel("RECRUITED_BY", "bob", "org-north"),
		rel("RECRUITED_BY", "carol", "org-north"),
		dated(rel("MET", "carol", "dave"), "2010", "2012"),
		rel("TRAINED_BY", "dave", "org-south"),
		allied,
		rel("TRAINED_BY", "alice", "org-south", grade("alice may have trained there", "E", 5)),
		rel("MET", "erin", "alice", grade("erin met alice", "C", 3)),
		rel("COMMUNICATED_WITH", "erin", "frank"),
		rel("MET", "frank", "gina"),
		dated(rel("MET", "bob", "carol"), "2015", ""),
		rel("BASED_IN", "gina", "city"),
		rel("BASED_IN", "hank", "city"),
	}
	return b
}

func openTest(t testing.TB, dir string) *Store {
	t.Helper()
	s, err := Open(context.Background(), Options{Dir: dir})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return s
}

// newTestStore opens a store in a fresh directory and imports b.
func newTestStore(t testing.TB, b *graph.Bundle) *Store {
	t.Helper()
	s := openTest(t, t.TempDir())
	t.Cleanup(func() { s.Close() })
	if b != nil {
		if _, err := s.Import(context.Background(), b); err != nil {
			t.Fatalf("Import: %v", err)
		}
	}
	return s
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := graph.ErrorCode(err); got != code {
		t.Fatalf("error code %q (%v), want %q", got, err, code)
	}
}

func pathIDs(p graph.Path) []string {
	ids := make([]string, len(p.Actors))
	for i, a := range p.Actors {
		ids[i] = a.ID
	}
	return ids
}

func fmtPaths(ps []graph.Path) string {
	var out []string
	for _, p := range ps {
		out = append(out, strings.Join(pathIDs(p), ","))
	}
	return "[" + strings.Join(out, " | ") + "]"
}

// checkPath verifies a path's internal consistency against the filter: the
// hops join the actors in order, each hop's relation passes the filter, may
// be walked that way, and is the one the path oracle (graphtest.Oracle over
// all relations in rels) says a hop must use.
func checkPath(t *testing.T, p graph.Path, f graph.RelationFilter, rels []graph.Relation) {
	t.Helper()
	if len(p.Actors) != len(p.Hops)+1 {
		t.Fatalf("path has %d actors and %d hops", len(p.Actors), len(p.Hops))
	}
	seen := map[string]bool{}
	for _, a := range p.Actors {
		if seen[a.ID] {
			t.Fatalf("path %v repeats %s", pathIDs(p), a.ID)
		}
		seen[a.ID] = true
		if a.Name == "" {
			t.Fatalf("actor %s not materialised", a.ID)
		}
	}
	o := graphtest.NewOracle(rels, f)
	for i, h := range p.Hops {
		u, v := p.Actors[i].ID, p.Actors[i+1].ID
		if h.From != u || h.To != v {
			t.Fatalf("hop %d walks %s->%s, want %s->%s", i, h.From, h.To, u, v)
		}
		if len(h.Relation.Evidence) == 0 {
			t.Fatalf("hop %d relation %s has no evidence", i, h.Relation.ID)
		}
		if best, ok := o.Best(u, v); !ok || best.ID != h.Relation.ID {
			t.Fatalf("hop %s->%s uses %s, want %v (found %v)", u, v, h.Relation.ID, best.ID, ok)
		}
		if h.Forward != (h.Relation.From == u) {
			t.Fatalf("hop %d Forward = %v for relation %s->%s walked %s->%s", i, h.Forward, h.Relation.From, h.Relation.To, u, v)
		}
	}
}

// brutePaths enumerates every loopless path of at most maxHops hops from
// -> to under f, ordered by length then actor ids (graphtest.Oracle).
func brutePaths(rels []graph.Relation, f graph.RelationFilter, from, to string, maxHops int) [][]string {
	return graphtest.NewOracle(rels, f).Paths(from, to, maxHops)
}

func derived(b *graph.Bundle) []graph.Relation {
	c := *b
	c.Relations = slices.Clone(b.Relations)
	for i := range c.Relations {
		c.Relations[i] = c.Relations[i].Clone()
		c.Relations[i].Derive()
	}
	return c.Relations
}

// must returns v, or panics (failing the test) on an error.
func must[T any](v T, err error) T {
	if err != nil {
		panic(fmt.Sprintf("unexpected error: %v", err))
	}
	return v
}
