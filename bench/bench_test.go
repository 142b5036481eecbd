package bench_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/bench"
	"github.com/actorgraph/actorgraph/bench/benchstore"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/embedded"
)

// The benchmarks read the data that bench/run.sh generates. Environment:
//
//	ACTORGRAPH_BENCH_BUNDLE  bundle file (default data/ba100k.json)
//	ACTORGRAPH_BENCH_PAIRS   pairs file  (default data/ba100k.pairs)
//
// Without the files they skip. Each path benchmark cycles through the
// pairs and reports, besides ns/op, the p50 and p99 of its samples in ms.
//
//	go test -run '^$' -bench . -benchtime 400x ./bench
//	ACTORGRAPH_BENCH_BUNDLE=$PWD/bench/data/synth1m.json ACTORGRAPH_BENCH_PAIRS=$PWD/bench/data/synth1m.pairs \
//	    go test -run '^$' -bench 'Shortest|KShortest|Ego' -benchtime 400x -timeout 60m ./bench

func dataPath(env, def string) string {
	if p := os.Getenv(env); p != "" {
		return p
	}
	return def
}

var shared struct {
	once   sync.Once
	dir    string
	store  *embedded.Store
	pairs  []bench.Pair
	bundle string
	rels   int
	err    error
}

// skipWithoutData skips b unless the benchmark data exists.
func skipWithoutData(b *testing.B) (bundle, pairs string) {
	bundle = dataPath("ACTORGRAPH_BENCH_BUNDLE", "data/ba100k.json")
	pairs = dataPath("ACTORGRAPH_BENCH_PAIRS", "data/ba100k.pairs")
	for _, p := range []string{bundle, pairs} {
		if _, err := os.Stat(p); err != nil {
			b.Skipf("no benchmark data (%s): generate it with bench/run.sh, or set ACTORGRAPH_BENCH_BUNDLE and ACTORGRAPH_BENCH_PAIRS", p)
		}
	}
	return bundle, pairs
}

// loaded returns the store holding the benchmark bundle, importing it on
// first use into a directory that TestMain removes.
func loaded(b *testing.B) (*embedded.Store, []bench.Pair) {
	bundlePath, pairsPath := skipWithoutData(b)
	shared.once.Do(func() {
		shared.pairs, shared.err = bench.ReadPairs(pairsPath)
		if shared.err != nil {
			return
		}
		bu, err := benchstore.ReadBundle(bundlePath)
		if err != nil {
			shared.err = err
			return
		}
		shared.dir, shared.err = os.MkdirTemp("", "bench-store-")
		if shared.err != nil {
			return
		}
		ctx := context.Background()
		shared.store, shared.err = benchstore.OpenStore(ctx, filepath.Join(shared.dir, "store"))
		if shared.err != nil {
			return
		}
		_, shared.err = shared.store.Import(ctx, bu)
		shared.rels = len(bu.Relations)
	})
	if shared.err != nil {
		b.Fatal(shared.err)
	}
	return shared.store, shared.pairs
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.store != nil {
		shared.store.Close()
	}
	if shared.dir != "" {
		os.RemoveAll(shared.dir)
	}
	os.Exit(code)
}

// benchPairs runs q on the pairs in turn, b.N times in all, and reports
// the p50 and p99 of the samples.
func benchPairs(b *testing.B, q func(context.Context, graph.Store, bench.Pair) (int, error)) {
	s, pairs := loaded(b)
	ctx := context.Background()
	ds := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p := pairs[i%len(pairs)]
		t := time.Now()
		if _, err := q(ctx, s, p); err != nil {
			b.Fatalf("%s -> %s: %v", p.From, p.To, err)
		}
		ds = append(ds, time.Since(t))
	}
	b.StopTimer()
	t := bench.Summarise(ds)
	b.ReportMetric(t.P50, "p50-ms")
	b.ReportMetric(t.P99, "p99-ms")
}

func BenchmarkShortestPath(b *testing.B) { benchPairs(b, bench.Shortest) }
func BenchmarkKShortest3(b *testing.B)   { benchPairs(b, bench.KShortest) }
func BenchmarkEgo2(b *testing.B)         { benchPairs(b, bench.Ego) }

// BenchmarkImport imports the whole bundle into a fresh directory per
// iteration; decoding the file is not timed.
func BenchmarkImport(b *testing.B) {
	bundlePath, _ := skipWithoutData(b)
	bu, err := benchstore.ReadBundle(bundlePath)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dir := b.TempDir()
		s, err := benchstore.OpenStore(ctx, dir)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := s.Import(ctx, bu); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		s.Close()
	}
	b.ReportMetric(float64(len(bu.Relations))*float64(b.N)/b.Elapsed().Seconds(), "relations/s")
}

func BenchmarkExportCSV(b *testing.B) {
	s, _ := loaded(b)
	ctx := context.Background()
	b.ResetTimer()
	n := 0
	for i := 0; i < b.N; i++ {
		k, err := bench.ExportCSV(ctx, s, io.Discard)
		if err != nil {
			b.Fatal(err)
		}
		n += k
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "relations/s")
}
