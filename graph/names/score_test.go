package names

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/names/variants"
)

func TestMatch(t *testing.T) {
	tests := []struct {
		query, name string
		aliases     []string
		matched     string // "" for no hit
		why         string
	}{
		{"Osama bin Laden", "Osama bin Laden", []string{"Usama bin Ladin"}, "Osama bin Laden", "exact name"},
		{"usama BIN ladin", "Osama bin Laden", []string{"Usama bin Ladin"}, "Usama bin Ladin", "exact alias"},
		{"Usama bin Laden", "Osama bin Laden", []string{"Usama bin Ladin"}, "Osama bin Laden", "transliteration of Osama bin Laden"},
		{"Hayat Boumediene", "Hayat Boumeddiene", nil, "Hayat Boumeddiene", "transliteration of Hayat Boumeddiene"},
		{"Zawahri", "Ayman al-Zawahiri", []string{"Zawahiri"}, "Zawahiri", "transliteration of Zawahiri"},
		{"Coulibaby", "Amedy Coulibaly", []string{"Coulibaly"}, "Coulibaly", "typo in Coulibaly"},
		{"Boumeddine", "Hayat Boumeddiene", nil, "Hayat Boumeddiene", "transliteration of Hayat Boumeddiene (missing part)"},
		{"Abu Mohammed al-Golani", "Abu Muhammad al-Jawlani", nil, "Abu Muhammad al-Jawlani", "transliteration of Abu Muhammad al-Jawlani"},
		{"Jolani", "Abu Muhammad al-Jawlani", nil, "Abu Muhammad al-Jawlani", "transliteration of Abu Muhammad al-Jawlani (missing part)"},
		{"Kouachi Cherif", "Chérif Kouachi", nil, "Chérif Kouachi", "Chérif Kouachi in another word order"},
		{"Qaeda", "al-Qaeda", nil, "al-Qaeda", "same words as al-Qaeda"},
		{"el-Qaeda", "al-Qaeda", nil, "al-Qaeda", "same words as al-Qaeda"},
		{"Abou Bakr al-Baghdadi", "Abu Bakr al-Baghdadi", nil, "Abu Bakr al-Baghdadi", "transliteration of Abu Bakr al-Baghdadi"},
		{"Abdelbaki Satty", "Abdelbaki Es Satty", nil, "Abdelbaki Es Satty", "same words as Abdelbaki Es Satty"},
		{"Binladen", "Osama bin Laden", nil, "Osama bin Laden", "other word breaks in Osama bin Laden (missing part)"},
		{"kouach", "Chérif Kouachi", nil, "Chérif Kouachi", "transliteration of Chérif Kouachi (missing part)"},
		{"coulib", "Amedy Coulibaly", nil, "Amedy Coulibaly", "beginning of Amedy Coulibaly (missing part)"},
		{"Paris", "November 2015 Paris attacks", nil, "November 2015 Paris attacks", "part of November 2015 Paris attacks"},
		// Not hits: a different number, a different person of the same family.
		{"Person 12346", "Person 12345", nil, "", ""},
		{"Osama bin Laden", "Hamza bin Laden", nil, "", ""},
		{"2016 attacks", "2015 attacks", nil, "", ""},
	}
	for _, tt := range tests {
		h := Match(tt.query, tt.name, tt.aliases)
		if tt.matched == "" {
			if h.OK() {
				t.Errorf("Match(%q, %q) = %d (%s), want no hit", tt.query, tt.name, h.Score, h.Why)
			}
			continue
		}
		if !h.OK() || h.Matched != tt.matched || h.Why != tt.why {
			t.Errorf("Match(%q, %q, %q) = %d %q %q, want a hit on %q: %q", tt.query, tt.name, tt.aliases, h.Score, h.Matched, h.Why, tt.matched, tt.why)
		}
	}
}

func TestParseCaps(t *testing.T) {
	for _, tt := range []struct{ q, want string }{
		{strings.Repeat("a", MaxQueryBytes+1), fmt.Sprintf("at most %d bytes", MaxQueryBytes)},
		{strings.Repeat("ab ", MaxQueryWords+1), fmt.Sprintf("at most %d words", MaxQueryWords)},
		{" -- ", "at least one letter or digit"},
	} {
		_, err := Parse(tt.q)
		if graph.ErrorCode(err) != graph.EINVALID || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%.20q...) = %v, want EINVALID naming %q", tt.q, err, tt.want)
		}
	}
	if _, err := Parse(strings.TrimSpace(strings.Repeat("ab ", MaxQueryWords))); err != nil {
		t.Errorf("Parse of %d words: %v", MaxQueryWords, err)
	}
}

// randomWord returns a word of a few letters, mostly Latin.
func randomWord(rng *rand.Rand) string {
	const letters = "abcdefghijklmnopqrstuvwxyzaeiouaeiou"
	if rng.IntN(20) == 0 {
		return fmt.Sprint(rng.IntN(3000))
	}
	n := 1 + rng.IntN(9)
	b := make([]byte, n)
	for i := range b {
		b[i] = letters[rng.IntN(len(letters))]
	}
	return string(b)
}

// TestGateMatchesKeys checks that gate, which the scorer uses, holds
// exactly when the stored token's key is among the query token's probes.
func TestGateMatchesKeys(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var qf, nf form
	for range 20000 {
		qw, nw := randomWord(rng), randomWord(rng)
		if rng.IntN(3) == 0 {
			nw = variants.Mutate(rng, qw)
		}
		qf.parse(graph.NormalizeName(qw + " " + randomWord(rng)))
		nf.parse(graph.NormalizeName(nw + " " + randomWord(rng)))
		var qts, nts []*token
		for i := range qf.toks {
			qts = append(qts, &qf.toks[i])
		}
		for i := range qf.joins {
			if qf.joins[i].weight > 0 {
				qts = append(qts, &qf.joins[i])
			}
		}
		for i := range nf.toks {
			nts = append(nts, &nf.toks[i])
		}
		for i := range nf.joins {
			if nf.joins[i].weight > 0 {
				nts = append(nts, &nf.joins[i])
			}
		}
		for _, q := range qts {
			probes := map[string]bool{}
			visitProbes(q, func(k []byte) { probes[string(k)] = true })
			for _, n := range nts {
				if got, want := gate(q, n), probes[string(storedKey(n))]; got != want {
					t.Fatalf("gate(%q, %q) = %v, but key %q among probes: %v", q.word+q.word2, n.word+n.word2, got, storedKey(n), want)
				}
			}
		}
	}
}

// corpus returns names for property tests: seed-like generated names and
// variants of them, and synthetic ones.
func corpus(rng *rand.Rand, n int) [][]string {
	out := make([][]string, n)
	for i := range out {
		switch rng.IntN(5) {
		case 0:
			out[i] = []string{fmt.Sprintf("Person %d", i)}
		default:
			name := variants.Name(rng)
			out[i] = []string{name}
			if rng.IntN(3) == 0 {
				out[i] = append(out[i], variants.Mutate(rng, name))
			}
		}
	}
	return out
}

// prepared are names folded and keyed once, for oracles.
type prepared struct {
	names  []string // as given; nil for a removed id
	folded []string
	keys   []keyPay
}

func prepare(names [][]string) []prepared {
	out := make([]prepared, len(names))
	for i, n := range names {
		if n == nil {
			continue
		}
		out[i] = prepared{names: n, keys: keysOf(n[0], n[1:])}
		for _, x := range n {
			out[i].folded = append(out[i].folded, graph.NormalizeName(x))
		}
	}
	return out
}

// scanPrepared is the brute-force oracle of a search: q scored against
// every name, the hits ordered by score then id, and the total as the
// index must report it (every hit, or the actors whose bound reaches
// MinScore when there are more than maxExactTotal of them).
func scanPrepared(q *Query, ps []prepared, limit int) Results {
	var hits []Result
	var s scorer
	bounded := 0
	for id, p := range ps {
		if p.names == nil {
			continue
		}
		if q.boundKeys(p.keys) >= MinScore {
			bounded++
		}
		if h := q.matchFolded(&s, p.folded); h.OK() {
			h.Matched = p.names[h.Alias+1]
			hits = append(hits, Result{ID: uint32(id), Hit: h})
		}
	}
	slices.SortFunc(hits, func(a, b Result) int {
		return cmp.Or(cmp.Compare(b.Hit.Score, a.Hit.Score), cmp.Compare(a.ID, b.ID))
	})
	res := Results{Hits: hits[:min(limit, len(hits))], Total: len(hits), Exact: true}
	if bounded > maxExactTotal {
		res.Total, res.Exact = bounded, false
	}
	return res
}

// TestIndexEqualsScan checks the candidate rule and the bounds: the index,
// which scores only the actors sharing a key with the probes, and of those
// only the ones whose bound can reach the page, finds exactly what scoring
// every actor finds, in the same order, with the same total; and every hit
// shares a key with the probes chosen by any frequency. It runs with the
// exact total and, lowering maxExactTotal, with the bounded one.
func TestIndexEqualsScan(t *testing.T) {
	for _, budget := range []int{MaxExactTotal, 3} {
		t.Run(fmt.Sprint("budget ", budget), func(t *testing.T) {
			defer func(old int) { maxExactTotal = old }(maxExactTotal)
			maxExactTotal = budget
			testIndexEqualsScan(t)
		})
	}
}

func testIndexEqualsScan(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	names := corpus(rng, 2000)
	ix := NewIndex()
	for i, n := range names {
		ix.Add(uint32(i), n[0], n[1:])
		if i == 1000 {
			ix.Compact()
		}
	}
	ix.Remove(7)
	names[7] = nil
	ps := prepare(names)
	var s scorer
	ctx := context.Background()
	inexact := 0
	for qi := range 300 {
		src := names[rng.IntN(len(names))]
		if src == nil {
			continue
		}
		query := variants.Mutate(rng, src[rng.IntN(len(src))])
		switch qi % 10 {
		case 0:
			query = randomWord(rng)
		case 1:
			query = strings.Fields(query)[0]
		}
		q, err := Parse(query)
		if err != nil {
			continue
		}
		probes := q.Probes(func(string) int { return rng.IntN(100) })
		for _, p := range ps {
			if p.names == nil {
				continue
			}
			h := q.matchFolded(&s, p.folded)
			if b := q.boundKeys(p.keys); b < h.Score {
				t.Fatalf("query %q: bound %d below the score %d of %q", query, b, h.Score, p.names)
			}
			if h.OK() && !slices.ContainsFunc(p.keys, func(kp keyPay) bool { _, ok := slices.BinarySearch(probes, kp.key); return ok }) {
				t.Fatalf("query %q scores %d on %q but shares no key with probes %v", query, h.Score, p.names, probes)
			}
		}
		limit := []int{1, 5, 20, len(names)}[qi%4]
		want := scanPrepared(q, ps, limit)
		got, err := ix.SearchQuery(ctx, q, SearchOptions{Limit: limit})
		if err != nil {
			t.Fatal(err)
		}
		if !want.Exact {
			inexact++
		}
		if got.Total != want.Total || got.Exact != want.Exact || len(got.Hits) != len(want.Hits) {
			t.Fatalf("query %q, limit %d: index finds %d (exact %v, %d returned), scan %d (exact %v, %d)",
				query, limit, got.Total, got.Exact, len(got.Hits), want.Total, want.Exact, len(want.Hits))
		}
		for i := range want.Hits {
			g, w := got.Hits[i], want.Hits[i]
			if g.ID != w.ID || g.Hit.Score != w.Hit.Score || g.Hit.Alias != w.Hit.Alias || g.Hit.Reasons != w.Hit.Reasons ||
				g.Hit.Matched != graph.NormalizeName(w.Hit.Matched) {
				t.Fatalf("query %q, hit %d: index %d %+v, scan %d %+v", query, i, g.ID, g.Hit, w.ID, w.Hit)
			}
		}
	}
	if maxExactTotal < MaxExactTotal && inexact == 0 {
		t.Error("no query had a bounded total")
	}
}

// FuzzMatch checks the scorer on any input: no panic, scores in range,
// exact ⇒ the top score, the same single words score the same both ways,
// the bound from the keys is never below the score, and a hit always
// shares a key with the query's probes.
func FuzzMatch(f *testing.F) {
	for _, c := range [][3]string{
		{"Usama bin Laden", "Osama bin Laden", "Usama bin Ladin"},
		{"Coulibaby", "Amedy Coulibaly", "Coulibaly"},
		{"abdel baki", "Abdelbaki Es Satty", ""},
		{"u.s.", "U.S. Central Command", "US"},
		{"al", "Al", ""},
		{"2015", "2015 attacks", ""},
		{"the of", "Islamic State of Iraq", "the"},
	} {
		f.Add(c[0], c[1], c[2])
	}
	f.Fuzz(func(t *testing.T, query, name, alias string) {
		q, err := Parse(query)
		if err != nil {
			return
		}
		h := q.Match(name, []string{alias})
		if h.Score < 0 || h.Score > ScoreExactName {
			t.Fatalf("score %d out of range", h.Score)
		}
		fq := graph.NormalizeName(query)
		switch {
		case fq == graph.NormalizeName(name):
			if h.Score != ScoreExactName || h.Alias != -1 {
				t.Fatalf("exact name scores %d (alias %d)", h.Score, h.Alias)
			}
		case fq == graph.NormalizeName(alias):
			if h.Score != ScoreExactAlias {
				t.Fatalf("exact alias scores %d", h.Score)
			}
		default:
			if h.Score > ScoreSimilar {
				t.Fatalf("not exact but scores %d", h.Score)
			}
		}
		if b := q.Bound(name, []string{alias}); b < h.Score {
			t.Fatalf("bound %d below the score %d", b, h.Score)
		}
		if h.OK() {
			keys := Keys(name, []string{alias})
			for _, freq := range []func(string) int{nil, func(k string) int { return len(k) }, func(k string) int { return -len(k) }} {
				probes := q.Probes(freq)
				if !slices.ContainsFunc(probes, func(k string) bool { _, ok := slices.BinarySearch(keys, k); return ok }) {
					t.Fatalf("%q scores %d on %q/%q but shares no key: probes %v, keys %v", query, h.Score, name, alias, probes, keys)
				}
			}
			for _, k := range keys {
				if !validKey(k) {
					t.Fatalf("bad key %q", k)
				}
			}
		}
		// Single words with one phonetic form score alike both ways.
		if a, b := graph.NormalizeName(query), graph.NormalizeName(name); isLatinWord(a) && isLatinWord(b) &&
			string(Phonetic(nil, a)) == string(Phonetic(nil, b)) {
			if x, y := Match(a, b, nil).Score, Match(b, a, nil).Score; x != y {
				t.Fatalf("Match(%q, %q) = %d but Match(%q, %q) = %d", a, b, x, b, a, y)
			}
		}
	})
}

func BenchmarkMatch(b *testing.B) {
	q, _ := Parse("Abu Mohammed al-Golani")
	for b.Loop() {
		q.Match("Abu Muhammad al-Jawlani", []string{"Abu Muhammad Al-Jawlani", "al-Julani"})
	}
}

func BenchmarkMatchFolded(b *testing.B) {
	q, _ := Parse("Abu Mohammed al-Golani")
	var s scorer
	names := []string{"abu muhammad al jawlani", "abu muhammad al jawlani", "al julani"}
	for b.Loop() {
		q.matchFolded(&s, names)
	}
}

func TestWithin1(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for range 100000 {
		a, b := []byte(randomWord(rng)), []byte(randomWord(rng))
		if rng.IntN(2) == 0 {
			b = []byte(variants.Mutate(rng, string(a)))
		}
		if got, want := within1(a, b), osa(a, b, 1) <= 1; got != want {
			t.Fatalf("within1(%q, %q) = %v, osa says %v", a, b, got, want)
		}
	}
}

// TestBound checks on many generated names, aliases and spellings that
// the bound from the keys (Query.Bound, what the index prunes and counts
// by) is never below the score.
func TestBound(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	word := func() string {
		if rng.IntN(2) == 0 {
			return randomWord(rng)
		}
		return strings.Fields(variants.Name(rng))[0]
	}
	for range 60000 {
		name := variants.Name(rng)
		var aliases []string
		switch rng.IntN(4) {
		case 0:
			aliases = []string{variants.Mutate(rng, name)}
		case 1:
			aliases = []string{word() + " " + word(), strings.ReplaceAll(name, " ", "")}
		}
		var query string
		switch rng.IntN(4) {
		case 0:
			query = variants.Mutate(rng, name)
		case 1:
			w := strings.Fields(name)
			query = strings.Join(w[:1+rng.IntN(len(w))], "")
		case 2:
			query = word() + " " + variants.Mutate(rng, name)
		default:
			query = word() + " " + word()
		}
		q, err := Parse(query)
		if err != nil {
			continue
		}
		if h, b := q.Match(name, aliases), q.Bound(name, aliases); b < h.Score {
			t.Fatalf("query %q: bound %d below the score %d of %q %q (%s)", query, b, h.Score, name, aliases, h.Why)
		}
	}
}
