package names

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/names/variants"
)

func TestIndexUpdates(t *testing.T) {
	ix := NewIndex()
	ctx := context.Background()
	ids := func(q string, o SearchOptions) []uint32 {
		t.Helper()
		res, err := ix.Search(ctx, q, o)
		if err != nil {
			t.Fatal(err)
		}
		var out []uint32
		for _, h := range res.Hits {
			out = append(out, h.ID)
		}
		if res.Total < len(out) {
			t.Fatalf("total %d < %d hits", res.Total, len(out))
		}
		return out
	}
	ix.Add(3, "Osama bin Laden", []string{"Usama bin Ladin"})
	ix.Add(9, "Hamza bin Laden", nil)
	ix.Add(5, "Chérif Kouachi", nil)
	ix.Add(6, "Saïd Kouachi", nil)
	check := func(when string) {
		t.Helper()
		if got := ids("Usama bin Laden", SearchOptions{}); len(got) != 1 || got[0] != 3 {
			t.Errorf("%s: Usama bin Laden finds %v, want [3]", when, got)
		}
		// Ties: by id unless Compare says otherwise.
		if got := ids("kouachi", SearchOptions{}); len(got) != 2 || got[0] != 5 {
			t.Errorf("%s: kouachi finds %v, want [5 6]", when, got)
		}
		if got := ids("kouachi", SearchOptions{Compare: func(a, b uint32) int { return int(b) - int(a) }}); len(got) != 2 || got[0] != 6 {
			t.Errorf("%s: kouachi by id descending finds %v, want [6 5]", when, got)
		}
		if got := ids("kouachi", SearchOptions{Keep: func(id uint32) bool { return id != 5 }, Limit: 1}); len(got) != 1 || got[0] != 6 {
			t.Errorf("%s: kouachi without 5 finds %v, want [6]", when, got)
		}
	}
	check("added")
	ix.Compact()
	check("compacted")
	// Replace and remove.
	ix.Add(5, "Amedy Coulibaly", nil)
	ix.Remove(9)
	ix.Remove(9)  // twice: nothing
	ix.Remove(77) // never added: nothing
	for _, when := range []string{"changed", "changed and compacted"} {
		if got := ids("Cherif Kouachi", SearchOptions{}); len(got) != 0 {
			t.Errorf("%s: the old name still finds %v", when, got)
		}
		if got := ids("Hamza bin Laden", SearchOptions{}); len(got) != 0 {
			t.Errorf("%s: a removed actor is found: %v", when, got)
		}
		if got := ids("Coulibaby", SearchOptions{}); len(got) != 1 || got[0] != 5 {
			t.Errorf("%s: the new name finds %v, want [5]", when, got)
		}
		ix.Compact()
	}
	if st := ix.Stats(); st.IDs != 3 || st.Names != 4 {
		t.Errorf("stats %+v, want 3 ids with 4 names", st)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := ix.Search(cancelled, "kouachi", SearchOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled search: %v", err)
	}
	if _, err := ix.Search(ctx, "", SearchOptions{}); err == nil {
		t.Error("empty query: no error")
	}
}

// TestEntryRoundTrip checks that an entry decodes to the form that parsing
// the folded name gives, and scores alike.
func TestEntryRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 9))
	var f, g form
	var s1, s2 scorer
	for i := range 5000 {
		name := variants.Mutate(rng, variants.Name(rng))
		switch i % 7 {
		case 0:
			name = randomWord(rng) + " " + randomWord(rng) + " U.S. " + randomWord(rng)
		case 1:
			name = strings.Repeat("abc ", 40) + "2015 القاعدة"
		case 2:
			name = "Zbcdfghjklmnpqrstvwxzbcdfghjklmnpqrstvwxz al-Baghdadi " + randomWord(rng)
		}
		folded := graph.NormalizeName(name)
		f.parse(folded)
		b := appendName(nil, &f)
		if rest := g.decodeName(b); len(rest) != 0 {
			t.Fatalf("%q: %d bytes left after decoding", name, len(rest))
		}
		if g.folded != f.folded || g.weight != f.weight || len(g.toks) != len(f.toks) || len(g.joins) != len(f.joins) {
			t.Fatalf("%q: decoded %q weight %d, %d tokens, %d joins; parsed %q %d %d %d", name,
				g.folded, g.weight, len(g.toks), len(g.joins), f.folded, f.weight, len(f.toks), len(f.joins))
		}
		same := func(a, b *token) bool {
			return a.word == b.word && a.word2 == b.word2 && string(a.phon) == string(b.phon) && string(a.skel) == string(b.skel) &&
				a.weight == b.weight && a.literal == b.literal && a.pos == b.pos && a.joined == b.joined
		}
		for j := range f.toks {
			if !same(&f.toks[j], &g.toks[j]) {
				t.Fatalf("%q token %d: decoded %+v, parsed %+v", name, j, g.toks[j], f.toks[j])
			}
		}
		for j := range f.joins {
			if !same(&f.joins[j], &g.joins[j]) {
				t.Fatalf("%q join %d: decoded %+v, parsed %+v", name, j, g.joins[j], f.joins[j])
			}
		}
		q, err := Parse(variants.Mutate(rng, name))
		if err != nil {
			continue
		}
		alias := variants.Mutate(rng, name)
		entry, _, _ := encodeEntry(name, []string{alias})
		want := q.matchFolded(&s1, []string{folded, graph.NormalizeName(alias)})
		got := q.matchEntry(&s2, entry)
		if got.Score != want.Score || got.Alias != want.Alias || got.Reasons != want.Reasons {
			t.Fatalf("%q against %q/%q: entry scores %+v, folded %+v", q.Folded(), name, alias, got, want)
		}
	}
}

// TestLookups checks Exact and WordPrefix, the lookups of Resolve, against
// checking every name.
func TestLookups(t *testing.T) {
	rng := rand.New(rand.NewPCG(10, 11))
	names := corpus(rng, 3000)
	names = append(names,
		[]string{"Abu Bakr al-Baghdadi", "أبو بكر البغدادي"},
		[]string{"Ash Sham"}, []string{"Ash-Shabaab"}, []string{"Said 20150107"},
		[]string{strings.Repeat("Filler ", 40) + "Zarqawi"}, []string{"U.S. Army"})
	ix := NewIndex()
	for i, n := range names {
		ix.Add(uint32(i), n[0], n[1:])
		if i == 2000 {
			ix.Compact()
		}
	}
	ix.Remove(3)
	names[3] = nil
	ctx := context.Background()
	check := func(what, ref string, got []uint32, err error, match func(folded []string) bool) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s(%q): %v", what, ref, err)
		}
		var want []uint32
		for id, n := range names {
			if n == nil {
				continue
			}
			var folded []string
			for _, x := range n {
				folded = append(folded, graph.NormalizeName(x))
			}
			if match(folded) {
				want = append(want, uint32(id))
			}
		}
		if !slices.Equal(got, want) {
			t.Fatalf("%s(%q) = %v, want %v", what, ref, got, want)
		}
	}
	refs := []string{"zarqawi", "ash", "البغدادي", "201", "al", "u s", "abu b", "fil", "said 2015"}
	for range 300 {
		n := names[rng.IntN(len(names))]
		if n == nil {
			continue
		}
		ref := n[rng.IntN(len(n))]
		switch rng.IntN(3) {
		case 1:
			w := strings.Fields(ref)
			ref = w[rng.IntN(len(w))]
			if len(ref) > 3 {
				ref = ref[:3+rng.IntN(len(ref)-3)]
			}
		case 2:
			ref = variants.Mutate(rng, ref)
		}
		refs = append(refs, ref)
	}
	for _, ref := range refs {
		q := graph.NormalizeName(ref)
		got, err := ix.Exact(ctx, q)
		check("Exact", q, got, err, func(folded []string) bool { return slices.Contains(folded, q) })
		got, err = ix.WordPrefix(ctx, q)
		check("WordPrefix", q, got, err, func(folded []string) bool {
			return graph.MatchScore(q, folded[0], folded[1:]) >= graph.ScoreWordsAlias
		})
	}
}

// TestConcurrentCompaction adds, replaces and removes names while searches
// run and compactions start on their own, then checks that the index
// finds what scanning finds. Run it with -race.
func TestConcurrentCompaction(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 13))
	const n = 6000
	names := corpus(rng, n)
	ix := NewIndex()
	ctx := context.Background()
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for w := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), 1))
			for {
				select {
				case <-stop:
					return
				default:
				}
				if _, err := ix.Search(ctx, variants.Name(rng), SearchOptions{Limit: 5}); err != nil {
					t.Error(err)
					return
				}
				if _, err := ix.WordPrefix(ctx, "mou"); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	for round := range 3 {
		for i := range names {
			switch {
			case round > 0 && i%5 == 0:
				ix.Remove(uint32(i))
				names[i] = nil
			case round == 0 || i%3 == 0:
				if round > 0 {
					names[i] = corpus(rng, 1)[0]
				}
				ix.Add(uint32(i), names[i][0], names[i][1:])
			}
		}
	}
	close(stop)
	wg.Wait()
	ix.Wait()
	ps := prepare(names)
	for range 100 {
		src := names[rng.IntN(n)]
		if src == nil {
			continue
		}
		q, err := Parse(variants.Mutate(rng, src[0]))
		if err != nil {
			continue
		}
		want := scanPrepared(q, ps, 50)
		got, err := ix.SearchQuery(ctx, q, SearchOptions{Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		if got.Total != want.Total || len(got.Hits) != len(want.Hits) {
			t.Fatalf("query %q: index %d hits (%d returned), scan %d (%d)", q.Folded(), got.Total, len(got.Hits), want.Total, len(want.Hits))
		}
		for i := range want.Hits {
			if got.Hits[i].ID != want.Hits[i].ID || got.Hits[i].Hit.Score != want.Hits[i].Hit.Score {
				t.Fatalf("query %q hit %d: index %+v, scan %+v", q.Folded(), i, got.Hits[i], want.Hits[i])
			}
		}
	}
	live := 0
	for _, x := range names {
		if x != nil {
			live++
		}
	}
	if st := ix.Stats(); st.IDs != live {
		t.Errorf("stats count %d ids, want %d", st.IDs, live)
	}
}

// benchIndex is an index of n actors like namebench's: half "Person N"
// (some with an alias), half generated names (a third with a variant as
// alias).
func benchIndex(n int) *Index {
	rng := rand.New(rand.NewPCG(1, 7))
	ix := NewIndex()
	for i := range n {
		if i%2 == 0 {
			var al []string
			if rng.IntN(10) == 0 {
				al = []string{fmt.Sprintf("Person %dIX", rng.IntN(99))}
			}
			ix.Add(uint32(i), fmt.Sprintf("Person %d", i), al)
			continue
		}
		name := variants.Name(rng)
		var al []string
		if rng.IntN(3) == 0 {
			al = []string{variants.Mutate(rng, name)}
		}
		ix.Add(uint32(i), name, al)
	}
	ix.Compact()
	return ix
}

// BenchmarkSearch measures searches on 200,000 actors: a common word
// alone (70,000 hits), a common given name, a rare name with a typo, and
// a generator name.
var benchIndexOnce = sync.OnceValue(func() *Index { return benchIndex(200_000) })

func BenchmarkSearch(b *testing.B) {
	ix := benchIndexOnce()
	ctx := context.Background()
	for _, q := range []string{"Persson", "Mohamed", "Mohamed Kouachi", "Pierre Emwazi al-Hindi Abdeslam", "Person 12346"} {
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				if _, err := ix.Search(ctx, q, SearchOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestBatch checks that AddBatch stores what Add would, including an id
// added twice in one batch and ids replaced.
func TestBatch(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 15))
	names := corpus(rng, 3000)
	ix := NewIndex()
	for i := range 1000 {
		ix.Add(uint32(i), "Old Name", nil)
	}
	var b Batch
	for i, n := range names {
		if i == 10 {
			b.Add(uint32(i), "Replaced Later", nil)
		}
		b.Add(uint32(i), n[0], n[1:])
	}
	ix.AddBatch(&b)
	ix.Remove(20)
	names[20] = nil
	ps := prepare(names)
	ctx := context.Background()
	for _, query := range []string{"Old Name", "Replaced Later", "Person 12", "Mohamed Kouachi", names[10][0], names[999][0], names[2999][0]} {
		q, err := Parse(query)
		if err != nil {
			t.Fatal(err)
		}
		want := scanPrepared(q, ps, 100)
		got, err := ix.SearchQuery(ctx, q, SearchOptions{Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		if got.Total != want.Total || len(got.Hits) != len(want.Hits) {
			t.Fatalf("%q: %d hits (%d returned), want %d (%d)", query, got.Total, len(got.Hits), want.Total, len(want.Hits))
		}
		for i := range want.Hits {
			if got.Hits[i].ID != want.Hits[i].ID || got.Hits[i].Hit.Score != want.Hits[i].Hit.Score {
				t.Fatalf("%q hit %d: %+v, want %+v", query, i, got.Hits[i], want.Hits[i])
			}
		}
	}
	if st := ix.Stats(); st.IDs != len(names)-1 {
		t.Errorf("%d ids, want %d", st.IDs, len(names)-1)
	}
}
