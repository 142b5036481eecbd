package embedded

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
)

// recount is Stats without the top, counted the slow way from what the
// store streams.
func recount(t *testing.T, s *Store) graph.Stats {
	t.Helper()
	st := graph.Stats{ByKind: map[graph.Kind]int{}, ByType: map[string]int{}}
	if err := s.EachActor(t.Context(), func(a graph.Actor) error { st.Actors++; st.ByKind[a.Kind]++; return nil }); err != nil {
		t.Fatal(err)
	}
	err := s.EachRelation(t.Context(), graph.RelationFilter{}, func(r graph.Relation) error {
		st.Relations++
		st.ByType[r.Type]++
		st.Evidence += len(r.Evidence)
		if r.Contested {
			st.Contested++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func checkCounts(t *testing.T, s *Store, when string) {
	t.Helper()
	got, err := s.Stats(t.Context(), 0)
	if err != nil {
		t.Fatal(err)
	}
	want := recount(t, s)
	if got.Actors != want.Actors || got.Relations != want.Relations || got.Evidence != want.Evidence || got.Contested != want.Contested ||
		!maps.Equal(got.ByKind, want.ByKind) || !maps.Equal(got.ByType, want.ByType) {
		t.Errorf("%s: Stats %+v\nrecounted %+v", when, got, want)
	}
}

// TestStatsCountsFollowWrites checks the counts that the index keeps for
// Stats (so that it need not scan every relation under the lock) against
// a recount after every kind of write, and after reopening.
func TestStatsCountsFollowWrites(t *testing.T) {
	ctx := t.Context()
	dir := t.TempDir()
	s := openTest(t, dir)
	defer func() { s.Close() }()
	if _, err := s.Import(ctx, testBundle()); err != nil {
		t.Fatal(err)
	}
	checkCounts(t, s, "after the import")
	steps := []struct {
		name string
		do   func() error
	}{
		{"create actor", func() error {
			if _, err := s.CreateActor(ctx, graph.Actor{ID: "lee", Kind: graph.Person, Name: "Lee"}); err != nil {
				return err
			}
			_, err := s.CreateActor(ctx, graph.Actor{ID: "jane", Kind: graph.Person, Name: "Jane"})
			return err
		}},
		{"create contested relation", func() error {
			r := rel("MET", "jane", "ivan")
			r.Contested = true
			_, err := s.CreateRelation(ctx, r)
			return err
		}},
		{"refuting evidence", func() error {
			e := grade("they never met", "C", 3)
			e.Stance = graph.Refutes
			_, err := s.AddEvidence(ctx, "erin--met--alice", e)
			return err
		}},
		{"uncontest", func() error {
			no := false
			_, err := s.UpdateRelation(ctx, "jane--met--ivan", graph.RelationPatch{Contested: &no})
			return err
		}},
		{"import changing a kind and replacing a relation", func() error {
			_, err := s.Import(ctx, &graph.Bundle{Format: graph.BundleFormat,
				Actors:    []graph.Actor{{ID: "lee", Kind: graph.Place, Name: "Lee"}, {ID: "kim", Kind: graph.Place, Name: "Kim"}},
				Relations: []graph.Relation{rel("MET", "jane", "ivan"), rel("BASED_IN", "org-north", "lee")}})
			return err
		}},
		{"delete relation", func() error { return s.DeleteRelation(ctx, "frank--met--gina") }},
		{"delete actor with cascade", func() error { return s.DeleteActor(ctx, "alice", true) }},
		{"bulk import", func() error {
			b := &graph.Bundle{Format: graph.BundleFormat}
			for i := range 5000 {
				b.Actors = append(b.Actors, graph.Actor{ID: fmt.Sprintf("p%04d", i), Kind: graph.Person, Name: "P"})
			}
			for i := range 5000 {
				r := rel("MET", fmt.Sprintf("p%04d", i), fmt.Sprintf("p%04d", (i+1)%5000))
				r.Contested = i%3 == 0
				b.Relations = append(b.Relations, r)
			}
			_, err := s.Import(ctx, b)
			return err
		}},
	}
	for _, st := range steps {
		if err := st.do(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		checkCounts(t, s, "after "+st.name)
	}
	s.Close()
	s = openTest(t, dir)
	checkCounts(t, s, "after reopening")
}

// TestDeleteHubWithCascade deletes an actor with many relations: each
// neighbour's list loses one half-edge, the hub's goes at once (it used to
// be searched once per relation, quadratic in the hub's degree).
func TestDeleteHubWithCascade(t *testing.T) {
	const n = 3000
	b := &graph.Bundle{Format: graph.BundleFormat, Sources: []graph.Source{{ID: testSource, Title: "T"}},
		Actors: []graph.Actor{{ID: "hub", Kind: graph.Person, Name: "Hub"}}}
	for i := range n / 3 {
		b.Actors = append(b.Actors, graph.Actor{ID: fmt.Sprintf("n%04d", i), Kind: graph.Person, Name: "N"})
	}
	for i := range n {
		r := rel("MET", "hub", fmt.Sprintf("n%04d", i%(n/3)))
		r.ID += fmt.Sprintf("--%d", i)
		b.Relations = append(b.Relations, r)
		if i < n/3 { // and a chain through the neighbours
			b.Relations = append(b.Relations, rel("MET", fmt.Sprintf("n%04d", i%(n/3)), fmt.Sprintf("n%04d", (i+1)%(n/3))))
		}
	}
	b.Relations = dedupe(b.Relations)
	s := newTestStore(t, b)
	if err := s.DeleteActor(t.Context(), "hub", true); err != nil {
		t.Fatal(err)
	}
	checkCounts(t, s, "after deleting the hub")
	// The neighbours' lists hold exactly their remaining relations.
	for i := range n / 3 {
		id := fmt.Sprintf("n%04d", i)
		counts, err := s.RelationCounts(t.Context(), id, graph.RelationFilter{})
		if err != nil {
			t.Fatal(err)
		}
		rels, err := s.ActorRelations(t.Context(), id, graph.RelationFilter{})
		if err != nil {
			t.Fatal(err)
		}
		total := 0
		for _, c := range counts {
			total += c.Out + c.In
		}
		if total != len(rels) {
			t.Fatalf("%s: counted %d relations, listed %d", id, total, len(rels))
		}
		for _, r := range rels {
			if r.From == "hub" || r.To == "hub" {
				t.Fatalf("%s still has %s", id, r.ID)
			}
		}
	}
	res, err := s.Paths(t.Context(), graph.PathQuery{From: "n0000", To: "n0002"})
	if err != nil || len(res.Paths) != 1 || len(res.Paths[0].Hops) != 2 {
		t.Errorf("path after the deletion: %+v, %v", res, err)
	}
}

func dedupe(rs []graph.Relation) []graph.Relation {
	seen := map[string]bool{}
	out := rs[:0]
	for _, r := range rs {
		if !seen[r.ID] {
			seen[r.ID] = true
			out = append(out, r)
		}
	}
	return out
}

// TestYielderStepsAside checks the step aside of a traversal: with a
// writer waiting it lets the lock go, takes it again after the writer, and
// reports the index changed; with none waiting it keeps the lock.
func TestYielderStepsAside(t *testing.T) {
	var l indexLock
	h := l.rlock("traversal")
	y := newYielder(&h, nil)
	if !y.maybeYield() {
		t.Fatal("stepped aside with no writer waiting")
	}
	wrote := make(chan struct{})
	go func() {
		w := l.lock("write")
		w.release()
		close(wrote)
	}()
	for l.writers.Load() == 0 {
		time.Sleep(10 * time.Microsecond)
	}
	if y.maybeYield() || !y.changed {
		t.Fatal("did not report the writer's change")
	}
	select {
	case <-wrote:
	default:
		t.Fatal("the writer did not get the lock")
	}
	h.release()
	// Past yieldAfter it steps aside even with no writer, and the index is
	// unchanged.
	h = l.rlock("traversal")
	y = newYielder(&h, nil)
	y.since = time.Now().Add(-2 * yieldAfter)
	if !y.maybeYield() || y.changed || time.Since(y.since) > yieldAfter {
		t.Fatal("did not step aside after yieldAfter, or saw a change")
	}
	h.release()
}

// TestTraversalsUnderWrites runs long traversals while a writer writes:
// every answer must be the one the index gives with no writer (a traversal
// that steps aside and finds the index changed starts again).
func TestTraversalsUnderWrites(t *testing.T) {
	const n = 20000
	b := &graph.Bundle{Format: graph.BundleFormat, Sources: []graph.Source{{ID: testSource, Title: "T"}}}
	id := func(i int) string { return fmt.Sprintf("r%05d", (i%n+n)%n) }
	for i := range n {
		b.Actors = append(b.Actors, graph.Actor{ID: id(i), Kind: graph.Person, Name: "R"})
	}
	for i := range n {
		for _, d := range []int{1, 7, 97, 1009, 4001} { // dense enough that depth 3 reaches thousands
			r := rel("MET", id(i), id(i+d))
			b.Relations = append(b.Relations, r)
		}
	}
	s := newTestStore(t, b)
	ctx := t.Context()
	netQ := graph.NetworkQuery{Seeds: []string{id(0)}, Depth: 3, Limit: 5000}
	pathQ := graph.PathQuery{From: id(0), To: id(n / 2), MaxHops: 8, Mode: graph.KShortest, K: 5}
	want := must(s.Network(ctx, netQ))
	wantPath := must(s.Paths(ctx, pathQ))

	// The writer adds actors that no query reaches (a traversal goes on
	// after them), and changes the role of a relation that every query
	// reads (a traversal starts again after it): the answers stay.
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		for i := 0; ; i++ {
			select {
			case <-done:
				return
			default:
			}
			var err error
			if i%2 == 0 {
				_, err = s.CreateActor(context.Background(), graph.Actor{ID: fmt.Sprintf("w%05d", i), Kind: graph.Person, Name: "W"})
			} else {
				role := fmt.Sprintf("role %d", i)
				_, err = s.UpdateRelation(context.Background(), graph.RelationID(id(0), "MET", id(1)), graph.RelationPatch{Role: &role})
			}
			if err != nil {
				t.Error(err)
				return
			}
		}
	})
	answered := 0
	for range 20 {
		got, err := s.Network(ctx, netQ)
		if err != nil && graph.ErrorCode(err) != graph.EUNAVAILABLE { // EUNAVAILABLE: it kept changing
			t.Fatal(err)
		}
		if err == nil {
			answered++
			if len(got.Nodes) != len(want.Nodes) || len(got.Edges) != len(want.Edges) || got.Truncated != want.Truncated {
				t.Errorf("network under writes: %d nodes, %d edges; want %d, %d", len(got.Nodes), len(got.Edges), len(want.Nodes), len(want.Edges))
			}
		}
		res, err := s.Paths(ctx, pathQ)
		if err != nil && graph.ErrorCode(err) != graph.EUNAVAILABLE {
			t.Fatal(err)
		}
		if err == nil {
			answered++
			if fmtPaths(res.Paths) != fmtPaths(wantPath.Paths) {
				t.Errorf("paths under writes:\n%s\nwant\n%s", fmtPaths(res.Paths), fmtPaths(wantPath.Paths))
			}
		}
	}
	close(done)
	wg.Wait()
	if answered == 0 {
		t.Errorf("no traversal finished under writes")
	}
}

// TestTouchedSince checks the index's record of what writes changed, by
// which a traversal that stepped aside tells whether it can go on.
func TestTouchedSince(t *testing.T) {
	ix := newIndex(0, 0)
	read := make([]uint64, 2) // nodes 0..127
	read[0] |= 1 << 5         // the traversal read node 5
	write := func(version uint64, nodes ...int32) {
		ix.epoch = version
		for _, n := range nodes {
			ix.touchNode(n)
		}
	}
	write(1, 7, 9)
	if ix.touchedSince(0, read) {
		t.Error("a write to nodes 7 and 9 touched node 5")
	}
	write(2, 5)
	if !ix.touchedSince(1, read) || !ix.touchedSince(0, read) || ix.touchedSince(2, read) {
		t.Error("the write to node 5 is not seen, or seen by a traversal that began after it")
	}
	write(3, 200) // beyond what the traversal can tell
	if !ix.touchedSince(2, read) {
		t.Error("a node beyond the read set counts as touched")
	}
	write(4, touchAll)
	if !ix.touchedSince(3, read) {
		t.Error("a rebuild touches everything")
	}
	// The record is kept to touchLogSize changes; older versions cannot
	// be told apart any more.
	for v := uint64(5); v < 5+2*touchLogSize; v++ {
		write(v, 7)
	}
	if ix.touchedSince(5+touchLogSize, read) {
		t.Error("recent writes to node 7 touched node 5")
	}
	if !ix.touchedSince(3, read) {
		t.Error("a version older than the record must count as touched")
	}
}

// TestTraversalGoesOnAfterUnrelatedWrites checks that a traversal that
// steps aside for a writer goes on (does not start again) when the writer
// touched nothing it read, and starts again when it did.
func TestTraversalGoesOnAfterUnrelatedWrites(t *testing.T) {
	s := newTestStore(t, testBundle())
	ix := s.ix
	sc := s.getScratch(t.Context())
	sc.fit(len(ix.nodes))
	defer s.putScratch(sc)
	h := s.lk.rlock("test traversal")
	y := s.traversalYielder(&h, ix, sc)
	sc.read(ix.byID["alice"])
	writeWhileYielding := func(write func()) bool {
		done := make(chan struct{})
		go func() { write(); close(done) }()
		for s.lk.writers.Load() == 0 {
			time.Sleep(10 * time.Microsecond)
		}
		ok := y.maybeYield()
		<-done
		return ok
	}
	if !writeWhileYielding(func() {
		if _, err := s.CreateRelation(context.Background(), rel("MET", "hank", "ivan")); err != nil {
			t.Error(err)
		}
	}) {
		t.Error("a relation between two actors the traversal never read made it start again")
	}
	if writeWhileYielding(func() {
		if _, err := s.CreateRelation(context.Background(), rel("MET", "ivan", "alice")); err != nil {
			t.Error(err)
		}
	}) {
		t.Error("a new relation of alice, whose relations the traversal read, did not make it start again")
	}
	h.release()
}

// TestSelectFirst checks selectFirst against sorting.
func TestSelectFirst(t *testing.T) {
	cmp := func(a, b int32) int { return int(a) - int(b) }
	rng := uint64(1)
	next := func(n int) int32 {
		rng = rng*6364136223846793005 + 1442695040888963407
		return int32((rng >> 33) % uint64(n))
	}
	for _, n := range []int{0, 1, 2, 3, 10, 100, 1000, 20000} {
		for _, dup := range []int{2, 10, n + 1} {
			xs := make([]int32, n)
			for i := range xs {
				xs[i] = next(max(dup, 1))
			}
			sorted := slices.Clone(xs)
			slices.Sort(sorted)
			for _, k := range []int{0, 1, n / 3, n / 2, n - 1, n} {
				if k < 0 || k > n {
					continue
				}
				ys := slices.Clone(xs)
				selectFirst(ys, k, cmp)
				first := slices.Clone(ys[:k])
				slices.Sort(first)
				if !slices.Equal(first, sorted[:k]) {
					t.Fatalf("n %d, dup %d, k %d: the first k are not the k least", n, dup, k)
				}
				all := slices.Clone(ys)
				slices.Sort(all)
				if !slices.Equal(all, sorted) {
					t.Fatalf("n %d, k %d: not a permutation", n, k)
				}
			}
		}
	}
}
