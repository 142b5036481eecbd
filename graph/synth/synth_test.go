package synth

import (
	"bytes"
	"errors"
	"io"
	"math"
	"math/rand/v2"
	"sort"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// decode parses and validates a generated bundle, failing on any problem.
func decode(t *testing.T, data []byte) *graph.Bundle {
	t.Helper()
	b, ps := graph.DecodeBundle(bytes.NewReader(data), "synthetic.json")
	for _, p := range ps {
		t.Errorf("decode: %s", p)
	}
	if err := b.Validate(nil); err != nil {
		t.Fatalf("validate: %v", err)
	}
	return b
}

func generate(t testing.TB, o Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, o); err != nil {
		t.Fatalf("Write(%+v): %v", o, err)
	}
	return buf.Bytes()
}

func TestWriteValid(t *testing.T) {
	tests := []struct {
		name string
		o    Options
	}{
		{"empty", Options{}},
		{"actors only", Options{Actors: 7, Seed: 1}},
		{"fewest actors", Options{Actors: MinActors, Relations: 200, Seed: 2}},
		{"odd size", Options{Actors: 1237, Relations: 4001, Seed: 3}},
		{"larger", Options{Actors: 5000, Relations: 30000, Seed: 4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := decode(t, generate(t, tt.o))
			if len(b.Actors) != tt.o.Actors || len(b.Relations) != tt.o.Relations {
				t.Fatalf("got %d actors and %d relations, want %d and %d", len(b.Actors), len(b.Relations), tt.o.Actors, tt.o.Relations)
			}
			if len(b.Sources) != 1 || b.Sources[0].ID != SourceID {
				t.Fatalf("sources = %+v, want the one source %q", b.Sources, SourceID)
			}
			kinds := map[string]graph.Kind{}
			for i, a := range b.Actors {
				if a.ID != ActorID(i) || a.Kind != KindOf(i) {
					t.Fatalf("actor %d = %s (%s), want %s (%s)", i, a.ID, a.Kind, ActorID(i), KindOf(i))
				}
				kinds[a.ID] = a.Kind
			}
			for _, r := range b.Relations {
				typ, ok := graph.LookupType(r.Type)
				if !ok || !typ.Allows(kinds[r.From], kinds[r.To]) {
					t.Fatalf("relation %s: %s does not allow %s -> %s", r.ID, r.Type, kinds[r.From], kinds[r.To])
				}
				if len(r.Evidence) != 1 {
					t.Fatalf("relation %s has %d pieces of evidence, want 1", r.ID, len(r.Evidence))
				}
				e := r.Evidence[0]
				if e.Source != SourceID || e.Quote == "" || e.Claimant == "" || e.Stance == "" || e.Reliability == "" || e.Credibility == 0 {
					t.Fatalf("relation %s: evidence not filled: %+v", r.ID, e)
				}
			}
		})
	}
}

// TestWriteMix checks that a mid-sized bundle has every kind, many types,
// dated, contested and refuted relations, roles and dated actors.
func TestWriteMix(t *testing.T) {
	b := decode(t, generate(t, Options{Actors: 2000, Relations: 20000, Seed: 7}))
	kinds := map[graph.Kind]int{}
	for _, a := range b.Actors {
		kinds[a.Kind]++
	}
	for _, k := range graph.Kinds {
		if kinds[k] == 0 {
			t.Errorf("no actor of kind %s", k)
		}
	}
	types := map[string]int{}
	var dated, ended, contested, refuted, roles int
	for _, r := range b.Relations {
		types[r.Type]++
		if !r.ValidFrom.IsZero() {
			dated++
		}
		if !r.ValidTo.IsZero() {
			ended++
		}
		if r.Contested {
			contested++
		}
		if r.Evidence[0].Stance == graph.Refutes {
			refuted++
		}
		if r.Role != "" {
			roles++
		}
	}
	if len(types) != len(graph.Vocabulary()) {
		t.Errorf("%d relation types used, want all %d of the vocabulary", len(types), len(graph.Vocabulary()))
	}
	n := len(b.Relations)
	checks := []struct {
		what   string
		got    int
		lo, hi float64 // share of relations
	}{
		{"dated", dated, 0.3, 0.5},
		{"with valid_to", ended, 0.02, 0.1},
		{"contested", contested, 0.03, 0.09},
		{"refuted", refuted, 0.005, 0.04},
		{"with a role", roles, 0.02, 0.2},
	}
	for _, c := range checks {
		if s := float64(c.got) / float64(n); s < c.lo || s > c.hi {
			t.Errorf("%d of %d relations %s (%.3f), want a share in [%.2f, %.2f]", c.got, n, c.what, s, c.lo, c.hi)
		}
	}
}

func TestWriteDeterministic(t *testing.T) {
	o := Options{Actors: 500, Relations: 3000, Seed: 42}
	a, b := generate(t, o), generate(t, o)
	if !bytes.Equal(a, b) {
		t.Fatal("two runs with the same options differ")
	}
	o.Seed = 43
	if bytes.Equal(a, generate(t, o)) {
		t.Fatal("seeds 42 and 43 give the same bundle")
	}
}

func TestWriteErrors(t *testing.T) {
	for _, o := range []Options{
		{Actors: -1},
		{Actors: 10, Relations: -1},
		{Actors: MinActors - 1, Relations: 1},
	} {
		if err := Write(io.Discard, o); graph.ErrorCode(err) != graph.EINVALID {
			t.Errorf("Write(%+v) = %v, want %s", o, err, graph.EINVALID)
		}
	}
}

// failWriter fails once more than limit bytes have been written.
type failWriter struct{ n, limit int }

var errFull = errors.New("disk full")

func (w *failWriter) Write(p []byte) (int, error) {
	w.n += len(p)
	if w.n > w.limit {
		return 0, errFull
	}
	return len(p), nil
}

// TestWriteStreams checks that Write hands its output on as it goes: a
// writer that fails after 1 MiB stops it long before the ~200 MB the
// options ask for.
func TestWriteStreams(t *testing.T) {
	w := &failWriter{limit: 1 << 20}
	err := Write(w, Options{Actors: 100000, Relations: 1000000, Seed: 1})
	if !errors.Is(err, errFull) {
		t.Fatalf("Write = %v, want the writer's error", err)
	}
	if w.n > 2<<20 {
		t.Fatalf("Write produced %d bytes before noticing the error", w.n)
	}
}

// degrees returns the degree of every actor, highest first.
func degrees(actors int, ends [][2]int) []int {
	d := make([]int, actors)
	for _, e := range ends {
		d[e[0]]++
		d[e[1]]++
	}
	sort.Sort(sort.Reverse(sort.IntSlice(d)))
	return d
}

// skew measures a degree sequence sorted highest first: the highest degree
// over the mean, the share of all relation ends held by the top 1% of
// actors, and the least-squares slope of log(degree) against log(rank)
// over ranks 10 to n/10 (about -1/(γ-1) for a power law, near 0 for a
// random graph).
func skew(d []int) (maxOverMean, top1, slope float64) {
	total := 0
	for _, x := range d {
		total += x
	}
	mean := float64(total) / float64(len(d))
	top := 0
	for _, x := range d[:len(d)/100] {
		top += x
	}
	var sx, sy, sxx, sxy, n float64
	for r := 10; r <= len(d)/10; r++ {
		if d[r-1] == 0 {
			break
		}
		x, y := math.Log(float64(r)), math.Log(float64(d[r-1]))
		sx, sy, sxx, sxy, n = sx+x, sy+y, sxx+x*x, sxy+x*y, n+1
	}
	return float64(d[0]) / mean, float64(top) / float64(total), (n*sxy - sx*sy) / (n*sxx - sx*sx)
}

func TestWriteSkew(t *testing.T) {
	o := Options{Actors: 20000, Relations: 100000, Seed: 5}
	b := decode(t, generate(t, o))
	num := make(map[string]int, len(b.Actors))
	for i, a := range b.Actors {
		num[a.ID] = i
	}
	ends := make([][2]int, len(b.Relations))
	for i, r := range b.Relations {
		ends[i] = [2]int{num[r.From], num[r.To]}
	}
	maxMean, top1, slope := skew(degrees(o.Actors, ends))

	// The same measures on a uniform random graph of the same size show
	// what "not skewed" looks like, and that they tell the two apart.
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range ends {
		u, v := rng.IntN(o.Actors), rng.IntN(o.Actors-1)
		if v >= u {
			v++
		}
		ends[i] = [2]int{u, v}
	}
	uMaxMean, uTop1, uSlope := skew(degrees(o.Actors, ends))
	t.Logf("synthetic: max/mean %.1f, top-1%% share %.3f, slope %.2f; uniform: %.1f, %.3f, %.2f", maxMean, top1, slope, uMaxMean, uTop1, uSlope)

	if maxMean < 10*uMaxMean {
		t.Errorf("max degree is %.1f× the mean; want at least 10× the uniform graph's %.1f×", maxMean, uMaxMean)
	}
	if top1 < 4*uTop1 {
		t.Errorf("the top 1%% of actors hold %.3f of relation ends; want at least 4× the uniform graph's %.3f", top1, uTop1)
	}
	if alpha := 1 / (Exponent - 1); slope > -alpha/2 || uSlope < -0.2 {
		t.Errorf("log-log rank/degree slope %.2f (uniform %.2f); want below %.2f (power law with γ=%.1f gives about %.2f)", slope, uSlope, -alpha/2, Exponent, -alpha)
	}
}

func TestPowerLawRange(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{1, 2, 3, 10, 1000} {
		p := newPowerLaw(n)
		seen := make([]int, n)
		for range 200000 {
			r := p.draw(rng)
			if r < 0 || r >= n {
				t.Fatalf("n=%d: drew rank %d", n, r)
			}
			seen[r]++
		}
		for r := 1; r < n && r < 4; r++ {
			if seen[r] > seen[r-1] {
				t.Errorf("n=%d: rank %d drawn %d times, more than rank %d (%d)", n, r, seen[r], r-1, seen[r-1])
			}
		}
	}
}

func TestKindLayout(t *testing.T) {
	for _, n := range []int{0, 1, 5, 19, 20, 21, 39, 40, 1000, 1013} {
		for k := range 4 {
			c := kindCount(n, k)
			got := 0
			for i := 0; i < n; i++ {
				if kindIndex(KindOf(i)) == k {
					if member(k, got) != i {
						t.Fatalf("member(%d, %d) = %d, want %d", k, got, member(k, got), i)
					}
					got++
				}
			}
			if got != c {
				t.Fatalf("kindCount(%d, %d) = %d, want %d", n, k, c, got)
			}
		}
	}
}

func BenchmarkWrite(b *testing.B) {
	o := Options{Actors: 100000, Relations: 500000, Seed: 1}
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(io.Discard, o); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(o.Relations)*float64(b.N)/b.Elapsed().Seconds(), "relations/s")
}

// TestBundle: Bundle is Write decoded, and passes Write's errors on.
func TestBundle(t *testing.T) {
	o := Options{Actors: 50, Relations: 120, Seed: 3}
	var buf bytes.Buffer
	if err := Write(&buf, o); err != nil {
		t.Fatal(err)
	}
	want := decode(t, buf.Bytes())
	got, err := Bundle(o)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Actors) != 50 || len(got.Relations) != 120 || len(got.Actors) != len(want.Actors) {
		t.Fatalf("Bundle: %d actors, %d relations", len(got.Actors), len(got.Relations))
	}
	for i := range want.Relations {
		if got.Relations[i].ID != want.Relations[i].ID {
			t.Fatalf("relation %d: %s, Write gave %s", i, got.Relations[i].ID, want.Relations[i].ID)
		}
	}
	if _, err := Bundle(Options{Actors: -1}); graph.ErrorCode(err) != graph.EINVALID {
		t.Errorf("negative actors: %v, want EINVALID", err)
	}
}
