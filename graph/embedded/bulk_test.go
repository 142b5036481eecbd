package embedded

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/actorgraph/actorgraph/graph"
)

// answers is what a store says about a graph, to compare two stores that
// should hold the same one.
type answers struct {
	Stats    graph.Stats
	Edges    []graph.Edge
	Paths    []graph.PathResult
	Networks []graph.Subgraph
	Searches []graph.SearchResult
}

func collect(t *testing.T, s *Store, ids []string) answers {
	t.Helper()
	ctx := context.Background()
	var a answers
	a.Stats = must(s.Stats(ctx, 20))
	if err := s.EachEdge(ctx, graph.RelationFilter{}, func(e graph.Edge) error { a.Edges = append(a.Edges, e); return nil }); err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(ids); i += 2 {
		for _, mode := range []graph.PathMode{graph.ShortestPath, graph.KShortest, graph.AllShortest} {
			a.Paths = append(a.Paths, must(s.Paths(ctx, graph.PathQuery{From: ids[i], To: ids[i+1], Mode: mode, MaxHops: 6})))
		}
		a.Paths = append(a.Paths, must(s.Paths(ctx, graph.PathQuery{From: ids[i], To: ids[i+1], MaxHops: 6,
			Filter: graph.RelationFilter{Direction: graph.DirectionOut, MinConfidence: 0.3}})))
		a.Networks = append(a.Networks, must(s.Network(ctx, graph.NetworkQuery{Seeds: []string{ids[i]}, Depth: 2, Limit: 300})))
		// Search by name: the names index of the import against the one
		// rebuilt at open.
		name := must(s.Actor(ctx, ids[i])).Name
		for _, q := range []string{name, strings.Replace(name, "Person", "Persson", 1), name[len(name)-3:], "Person"} {
			a.Searches = append(a.Searches, must(s.SearchActors(ctx, graph.SearchQuery{Text: q, Limit: 7})))
		}
	}
	return a
}

// TestBulkImportIndex imports bundles big enough for the bulk path (the
// index rows built while bbolt commits, the adjacency laid out afresh),
// the second one replacing relations of the first, and checks that the
// index then answers as the one rebuilt from the file at open does.
func TestBulkImportIndex(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir)
	ctx := context.Background()
	first := baBundle(1500, 4, 7)
	if _, err := s.Import(ctx, first); err != nil {
		t.Fatal(err)
	}
	second := baBundle(1800, 4, 7) // the first 1500 actors and most relations again, and more
	for i := range second.Relations {
		if i%3 == 0 {
			second.Relations[i].Evidence = append(second.Relations[i].Evidence, graph.Evidence{Source: "src-bench", Quote: "again", Claimant: "Bench", Reliability: "A", Credibility: 2})
		}
	}
	res, err := s.Import(ctx, second)
	if err != nil {
		t.Fatal(err)
	}
	if res.Relations < 4096 {
		t.Fatalf("the second import has %d relations, too few for the bulk path", res.Relations)
	}
	var ids []string
	for i := 0; i < 1800; i += 37 {
		ids = append(ids, baID(i), baID(1799-i))
	}
	before := collect(t, s, ids)
	if n := len(before.Edges); n != before.Stats.Relations || n < len(second.Relations) {
		t.Fatalf("%d edges, stats say %d relations, the second bundle has %d", n, before.Stats.Relations, len(second.Relations))
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = openTest(t, dir)
	defer s.Close()
	after := collect(t, s, ids)
	if !reflect.DeepEqual(before.Stats, after.Stats) {
		t.Errorf("stats after the imports %+v, after reopening %+v", before.Stats, after.Stats)
	}
	if !reflect.DeepEqual(before.Edges, after.Edges) {
		t.Errorf("edges differ after reopening")
	}
	for i := range before.Paths {
		if !reflect.DeepEqual(before.Paths[i], after.Paths[i]) {
			t.Errorf("paths %d (%s -> %s %s) differ after reopening", i, before.Paths[i].Query.From, before.Paths[i].Query.To, before.Paths[i].Query.Mode)
		}
	}
	for i := range before.Networks {
		if !reflect.DeepEqual(before.Networks[i], after.Networks[i]) {
			t.Errorf("network %d differs after reopening", i)
		}
	}
	for i := range before.Searches {
		if !reflect.DeepEqual(before.Searches[i], after.Searches[i]) {
			t.Errorf("search %d differs after reopening:\n before %+v\n after  %+v", i, before.Searches[i], after.Searches[i])
		}
	}
	if len(before.Searches) == 0 || before.Searches[0].Total == 0 {
		t.Error("the searches found nothing: they check nothing")
	}
}

// TestEachEdgeChunks streams more edges than several chunks hold, with and
// without a filter, stopping early too, and checks them against the
// relations.
func TestEachEdgeChunks(t *testing.T) {
	b := baBundle(1200, 4, 3)
	s := newTestStore(t, b)
	ctx := context.Background()
	filters := []graph.RelationFilter{{}, {Types: []string{"MET", "TRAINED_WITH"}}, {AsOf: graph.MustDate("2010"), MinConfidence: 0.5}}
	for _, f := range filters {
		var want []graph.Edge
		if err := s.EachRelation(ctx, f, func(r graph.Relation) error { want = append(want, graph.EdgeOf(&r)); return nil }); err != nil {
			t.Fatal(err)
		}
		var got []graph.Edge
		if err := s.EachEdge(ctx, f, func(e graph.Edge) error { got = append(got, e); return nil }); err != nil {
			t.Fatal(err)
		}
		if len(want) == 0 || !reflect.DeepEqual(got, want) {
			t.Errorf("filter %+v: %d edges, want %d (or they differ)", f, len(got), len(want))
		}
	}
	stop := fmt.Errorf("stop")
	n := 0
	err := s.EachEdge(ctx, graph.RelationFilter{}, func(graph.Edge) error {
		if n++; n == 2500 {
			return stop
		}
		return nil
	})
	if err != stop || n != 2500 {
		t.Errorf("stopping at 2500: err %v after %d edges", err, n)
	}
	cctx, cancel := context.WithCancel(ctx)
	n = 0
	err = s.EachEdge(cctx, graph.RelationFilter{}, func(graph.Edge) error {
		if n++; n == 10 {
			cancel()
		}
		return nil
	})
	if graph.ErrorCode(err) != graph.EUNAVAILABLE || n >= len(b.Relations) {
		t.Errorf("cancelled: err %v after %d edges", err, n)
	}
}

// TestKeyReader reads keys in order, out of order, repeated and missing
// with one cursor, and checks each against Bucket.Get.
func TestKeyReader(t *testing.T) {
	s := newTestStore(t, baBundle(300, 3, 5))
	var keys []string
	if err := s.EachRelation(context.Background(), graph.RelationFilter{}, func(r graph.Relation) error { keys = append(keys, r.ID); return nil }); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var asks []string
	for i := 0; i < 3000; i++ {
		switch k := keys[rng.IntN(len(keys))]; rng.IntN(6) {
		case 0:
			asks = append(asks, k+"-") // missing, just after k
		case 1:
			asks = append(asks, k[:len(k)-1]) // missing, maybe just before k
		default:
			asks = append(asks, k)
		}
	}
	sorted := slices.Clone(asks)
	slices.Sort(sorted)
	asks = append(asks, "", "zzz", "a")
	for _, list := range [][]string{sorted, asks, keys, append(slices.Clone(keys), keys...)} {
		err := s.db.View(func(tx *bolt.Tx) error {
			r := newKeyReader(tx, bucketRelations)
			b := tx.Bucket(bucketRelations)
			for _, k := range list {
				want := b.Get([]byte(k))
				if got := r.get(k); !bytes.Equal(got, want) || (got == nil) != (want == nil) {
					t.Fatalf("get(%q) = %d bytes, Get gives %d", k, len(got), len(want))
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}
