package embedded

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

func TestPaths(t *testing.T) {
	s := newTestStore(t, testBundle())
	rels := derived(testBundle())
	d := graph.MustDate
	p := func(ids ...string) []string { return ids }
	tests := []struct {
		name      string
		q         graph.PathQuery
		want      [][]string
		hopRels   []string // relation ids of the first path's hops, when given
		forward   []bool   // Forward of the first path's hops, when given
		truncated bool
	}{
		{name: "shortest takes the 2-hop path through the low-confidence relation",
			q:       graph.PathQuery{From: "alice", To: "dave"},
			want:    [][]string{p("alice", "org-south", "dave")},
			hopRels: []string{"alice--trained-by--org-south", "dave--trained-by--org-south"},
			forward: []bool{true, false}},
		{name: "min confidence drops it during the search",
			q:       graph.PathQuery{From: "alice", To: "dave", Filter: graph.RelationFilter{MinConfidence: 0.1}},
			want:    [][]string{p("alice", "bob", "carol", "dave")},
			hopRels: []string{"alice--associate-of--bob--2", "bob--met--carol", "carol--met--dave"}},
		{name: "parallel relations: the hop takes the highest confidence",
			q:       graph.PathQuery{From: "bob", To: "alice"},
			want:    [][]string{p("bob", "alice")},
			hopRels: []string{"alice--associate-of--bob--2"},
			forward: []bool{false}},
		{name: "parallel relations: a filter that drops the best leaves the other",
			q:       graph.PathQuery{From: "bob", To: "alice", Filter: graph.RelationFilter{AsOf: d("2020")}},
			want:    [][]string{p("bob", "alice")},
			hopRels: []string{"alice--associate-of--bob--2"}},
		{name: "as of 2011: bob met carol only in 2015",
			q:    graph.PathQuery{From: "alice", To: "dave", Mode: graph.AllShortest, Filter: graph.RelationFilter{MinConfidence: 0.1, AsOf: d("2011")}},
			want: [][]string{p("alice", "bob", "org-north", "carol", "dave"), p("alice", "bob", "org-north", "org-south", "dave")}},
		{name: "as of 2016: carol and dave met until 2012",
			q:    graph.PathQuery{From: "alice", To: "dave", Mode: graph.AllShortest, Filter: graph.RelationFilter{MinConfidence: 0.1, AsOf: d("2016-05")}},
			want: [][]string{p("alice", "bob", "org-north", "org-south", "dave")}},
		{name: "excluding contested cuts the alliance",
			q:    graph.PathQuery{From: "alice", To: "dave", Filter: graph.RelationFilter{MinConfidence: 0.1, AsOf: d("2016"), ExcludeContested: true}},
			want: nil},
		{name: "types keep only the named ones",
			q:    graph.PathQuery{From: "erin", To: "gina", Filter: graph.RelationFilter{Types: []string{"MET"}}},
			want: nil},
		{name: "types with two names",
			q:    graph.PathQuery{From: "erin", To: "gina", Filter: graph.RelationFilter{Types: []string{"MET", "COMMUNICATED_WITH"}}},
			want: [][]string{p("erin", "frank", "gina")}},
		{name: "exclude types",
			q:    graph.PathQuery{From: "alice", To: "dave", Filter: graph.RelationFilter{ExcludeTypes: []string{"TRAINED_BY"}}},
			want: [][]string{p("alice", "bob", "carol", "dave")}},
		{name: "direction out follows the stored direction",
			q:       graph.PathQuery{From: "alice", To: "org-south", Filter: graph.RelationFilter{Direction: graph.DirectionOut}},
			want:    [][]string{p("alice", "org-south")},
			forward: []bool{true}},
		{name: "direction in cannot leave alice towards org-south",
			q:    graph.PathQuery{From: "alice", To: "org-south", Filter: graph.RelationFilter{Direction: graph.DirectionIn}},
			want: nil},
		{name: "direction in walks against the stored direction",
			q:       graph.PathQuery{From: "org-south", To: "alice", Filter: graph.RelationFilter{Direction: graph.DirectionIn}},
			want:    [][]string{p("org-south", "alice")},
			forward: []bool{false}},
		{name: "direction out still walks symmetric types both ways",
			q: graph.PathQuery{From: "dave", To: "org-north", Filter: graph.RelationFilter{Direction: graph.DirectionOut,
				Types: []string{"TRAINED_BY", "ALLIED_WITH"}}},
			want:    [][]string{p("dave", "org-south", "org-north")},
			hopRels: []string{"dave--trained-by--org-south", "org-north--allied-with--org-south"},
			forward: []bool{true, false}},
		{name: "direction in with symmetric types",
			q:    graph.PathQuery{From: "gina", To: "erin", Filter: graph.RelationFilter{Direction: graph.DirectionIn}},
			want: [][]string{p("gina", "frank", "erin")}},
		{name: "max hops bounds the search",
			q:    graph.PathQuery{From: "alice", To: "gina", MaxHops: 2},
			want: nil},
		{name: "max hops just enough",
			q:    graph.PathQuery{From: "alice", To: "gina", MaxHops: 3},
			want: [][]string{p("alice", "erin", "frank", "gina")}},
		{name: "from equals to: one path of zero hops",
			q:    graph.PathQuery{From: "bob", To: "bob", Mode: graph.KShortest},
			want: [][]string{p("bob")}},
		{name: "unreachable",
			q:    graph.PathQuery{From: "ivan", To: "alice"},
			want: nil},
		{name: "k shortest",
			q: graph.PathQuery{From: "alice", To: "dave", Mode: graph.KShortest, K: 4},
			want: [][]string{p("alice", "org-south", "dave"), p("alice", "bob", "carol", "dave"),
				p("alice", "bob", "org-north", "carol", "dave"), p("alice", "bob", "org-north", "org-south", "dave")}},
		{name: "k shortest with k 1",
			q:    graph.PathQuery{From: "alice", To: "dave", Mode: graph.KShortest, K: 1},
			want: [][]string{p("alice", "org-south", "dave")}},
		{name: "k shortest with a filter",
			q:    graph.PathQuery{From: "alice", To: "dave", Mode: graph.KShortest, K: 10, MaxHops: 5, Filter: graph.RelationFilter{MinConfidence: 0.1, AsOf: d("2011")}},
			want: [][]string{p("alice", "bob", "org-north", "carol", "dave"), p("alice", "bob", "org-north", "org-south", "dave")}},
		{name: "k shortest runs out of paths",
			q:    graph.PathQuery{From: "erin", To: "gina", Mode: graph.KShortest, K: 5},
			want: [][]string{p("erin", "frank", "gina")}},
		{name: "all shortest of one",
			q:    graph.PathQuery{From: "hank", To: "frank", Mode: graph.AllShortest},
			want: [][]string{p("hank", "city", "gina", "frank")}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := s.Paths(context.Background(), tc.q)
			if err != nil {
				t.Fatal(err)
			}
			var got [][]string
			for _, p := range res.Paths {
				got = append(got, pathIDs(p))
			}
			if !slices.EqualFunc(got, tc.want, slices.Equal) {
				t.Fatalf("paths %v, want %v", got, tc.want)
			}
			if res.Truncated != tc.truncated {
				t.Fatalf("truncated %v", res.Truncated)
			}
			q := tc.q
			if err := q.Normalize(graph.DefaultLimits); err != nil {
				t.Fatal(err)
			}
			for _, p := range res.Paths {
				checkPath(t, p, q.Filter, rels)
			}
			if tc.hopRels != nil {
				var ids []string
				for _, h := range res.Paths[0].Hops {
					ids = append(ids, h.Relation.ID)
				}
				if !slices.Equal(ids, tc.hopRels) {
					t.Fatalf("hop relations %v, want %v", ids, tc.hopRels)
				}
			}
			if tc.forward != nil {
				var fw []bool
				for _, h := range res.Paths[0].Hops {
					fw = append(fw, h.Forward)
				}
				if !slices.Equal(fw, tc.forward) {
					t.Fatalf("forward %v, want %v", fw, tc.forward)
				}
			}
		})
	}
}

func TestPathsErrors(t *testing.T) {
	s := newTestStore(t, testBundle())
	tests := []struct {
		name string
		q    graph.PathQuery
		code string
	}{
		{"unknown from", graph.PathQuery{From: "nobody", To: "alice"}, graph.ENOTFOUND},
		{"unknown to", graph.PathQuery{From: "alice", To: "nobody"}, graph.ENOTFOUND},
		{"missing to", graph.PathQuery{From: "alice"}, graph.EINVALID},
		{"bad mode", graph.PathQuery{From: "alice", To: "bob", Mode: "longest"}, graph.EINVALID},
		{"k too large", graph.PathQuery{From: "alice", To: "bob", Mode: graph.KShortest, K: 11}, graph.EINVALID},
		{"max hops too large", graph.PathQuery{From: "alice", To: "bob", MaxHops: 9}, graph.EINVALID},
		{"unknown type", graph.PathQuery{From: "alice", To: "bob", Filter: graph.RelationFilter{Types: []string{"LOVES"}}}, graph.EINVALID},
		{"bad direction", graph.PathQuery{From: "alice", To: "bob", Filter: graph.RelationFilter{Direction: "up"}}, graph.EINVALID},
		{"bad confidence", graph.PathQuery{From: "alice", To: "bob", Filter: graph.RelationFilter{MinConfidence: 2}}, graph.EINVALID},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := s.Paths(context.Background(), tc.q)
			wantCode(t, err, tc.code)
		})
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := s.Paths(ctx, graph.PathQuery{From: "alice", To: "dave"})
	wantCode(t, err, graph.EUNAVAILABLE)
	if !strings.Contains(err.Error(), "cancel") {
		t.Fatalf("cancelled query: %v", err)
	}
}

func TestAllShortestTruncated(t *testing.T) {
	// Three layers of four people between start and goal: 64 shortest
	// paths; the limit is 10.
	b := &graph.Bundle{Format: graph.BundleFormat, Sources: []graph.Source{{ID: testSource, Title: "T"}}}
	add := func(id string) { b.Actors = append(b.Actors, graph.Actor{ID: id, Kind: graph.Person, Name: id}) }
	add("start")
	add("goal")
	layer := func(l, i int) string { return fmt.Sprintf("l%d-%d", l, i) }
	for l := 1; l <= 3; l++ {
		for i := range 4 {
			add(layer(l, i))
		}
	}
	for i := range 4 {
		b.Relations = append(b.Relations, rel("MET", "start", layer(1, i)), rel("MET", layer(3, i), "goal"))
		for j := range 4 {
			b.Relations = append(b.Relations, rel("MET", layer(1, i), layer(2, j)), rel("MET", layer(2, i), layer(3, j)))
		}
	}
	lim := graph.DefaultLimits
	lim.MaxPaths = 10
	s, err := Open(context.Background(), Options{Dir: t.TempDir(), Limits: lim})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	must(s.Import(context.Background(), b))
	res := must(s.Paths(context.Background(), graph.PathQuery{From: "start", To: "goal", Mode: graph.AllShortest}))
	if !res.Truncated || len(res.Paths) != 10 {
		t.Fatalf("%d paths, truncated %v; want 10, true", len(res.Paths), res.Truncated)
	}
	want := brutePaths(derived(b), graph.RelationFilter{}, "start", "goal", 4)[:10]
	for i, p := range res.Paths {
		if !slices.Equal(pathIDs(p), want[i]) {
			t.Fatalf("path %d = %v, want %v", i, pathIDs(p), want[i])
		}
	}
	lim.MaxPaths = 64
	s2, err := Open(context.Background(), Options{Dir: t.TempDir(), Limits: lim})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	must(s2.Import(context.Background(), b))
	res = must(s2.Paths(context.Background(), graph.PathQuery{From: "start", To: "goal", Mode: graph.AllShortest}))
	if res.Truncated || len(res.Paths) != 64 {
		t.Fatalf("%d paths, truncated %v; want 64, false", len(res.Paths), res.Truncated)
	}
}

// randomBundle is a random graph of people and organizations with
// directed and symmetric relations, varied confidence, dates and contested
// flags, and parallel relations.
func randomBundle(seed uint64, people, orgs, relations int) *graph.Bundle {
	rng := rand.New(rand.NewPCG(seed, seed+1))
	b := &graph.Bundle{Format: graph.BundleFormat, Sources: []graph.Source{{ID: testSource, Title: "T"}}}
	var ids []string
	kinds := map[string]graph.Kind{}
	for i := range people {
		id := fmt.Sprintf("p%02d", i)
		ids = append(ids, id)
		kinds[id] = graph.Person
		b.Actors = append(b.Actors, graph.Actor{ID: id, Kind: graph.Person, Name: "P " + id})
	}
	for i := range orgs {
		id := fmt.Sprintf("o%02d", i)
		ids = append(ids, id)
		kinds[id] = graph.Organization
		b.Actors = append(b.Actors, graph.Actor{ID: id, Kind: graph.Organization, Name: "O " + id})
	}
	types := []string{"MET", "ASSOCIATE_OF", "RECRUITED_BY", "TRAINED_BY", "FINANCED_BY", "AFFILIATE_OF", "ALLIED_WITH", "RIVAL_OF"}
	grades := []graph.Evidence{grade("a", "A", 1), grade("b", "B", 2), grade("c", "C", 3), grade("d", "D", 4), grade("f", "F", 6)}
	used := map[string]int{}
	for len(b.Relations) < relations {
		from, to := ids[rng.IntN(len(ids))], ids[rng.IntN(len(ids))]
		typ := types[rng.IntN(len(types))]
		tt, _ := graph.LookupType(typ)
		if from == to || !tt.Allows(kinds[from], kinds[to]) {
			continue
		}
		r := rel(typ, from, to, grades[rng.IntN(len(grades))])
		used[r.ID]++
		if n := used[r.ID]; n > 1 {
			r.ID = fmt.Sprintf("%s--%d", r.ID, n)
		}
		if rng.IntN(3) == 0 {
			y := 2008 + rng.IntN(8)
			r.ValidFrom = graph.Date{Year: y}
			if rng.IntN(2) == 0 {
				r.ValidTo = graph.Date{Year: y + rng.IntN(4)}
			}
		}
		r.Contested = rng.IntN(8) == 0
		b.Relations = append(b.Relations, r)
	}
	return b
}

// TestPathsAgainstBruteForce compares every mode with exhaustive
// enumeration on random graphs under random filters.
func TestPathsAgainstBruteForce(t *testing.T) {
	for seed := uint64(1); seed <= 6; seed++ {
		b := randomBundle(seed, 18, 4, 45)
		s := newTestStore(t, b)
		rels := derived(b)
		rng := rand.New(rand.NewPCG(seed, 99))
		filters := []graph.RelationFilter{
			{},
			{Direction: graph.DirectionOut},
			{Direction: graph.DirectionIn, MinConfidence: 0.3},
			{Types: []string{"MET", "RECRUITED_BY", "ALLIED_WITH"}},
			{ExcludeTypes: []string{"ASSOCIATE_OF"}, AsOf: graph.Date{Year: 2011}},
			{ExcludeContested: true, Direction: graph.DirectionOut},
		}
		for range 40 {
			from := b.Actors[rng.IntN(len(b.Actors))].ID
			to := b.Actors[rng.IntN(len(b.Actors))].ID
			if from == to {
				continue
			}
			f := filters[rng.IntN(len(filters))]
			maxHops := 2 + rng.IntN(4)
			all := brutePaths(rels, f, from, to, maxHops)
			var shortest [][]string
			for _, p := range all {
				if len(p) == len(all[0]) {
					shortest = append(shortest, p)
				}
			}
			for _, mode := range []graph.PathMode{graph.ShortestPath, graph.AllShortest, graph.KShortest} {
				q := graph.PathQuery{From: from, To: to, Mode: mode, K: 5, MaxHops: maxHops, Filter: f}
				res, err := s.Paths(context.Background(), q)
				if err != nil {
					t.Fatal(err)
				}
				var want [][]string
				switch mode {
				case graph.ShortestPath:
					want = shortest[:min(1, len(shortest))]
				case graph.AllShortest:
					want = shortest[:min(len(shortest), graph.DefaultLimits.MaxPaths)]
				case graph.KShortest:
					want = all[:min(5, len(all))]
				}
				var got [][]string
				for _, p := range res.Paths {
					got = append(got, pathIDs(p))
				}
				if !slices.EqualFunc(got, want, slices.Equal) {
					t.Fatalf("seed %d %s %s->%s hops %d filter %+v:\n got %v\nwant %v", seed, mode, from, to, maxHops, f, got, want)
				}
				nq := q
				if err := nq.Normalize(graph.DefaultLimits); err != nil {
					t.Fatal(err)
				}
				for _, p := range res.Paths {
					checkPath(t, p, nq.Filter, rels)
				}
			}
		}
	}
}
