package embedded

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
)

// Benchmarks run on a Barabási–Albert graph built here: each new actor
// links to m distinct existing actors chosen in proportion to their degree,
// so degrees follow a power law with a few large hubs, as in real actor
// networks. The default size is 100k actors and 1M relations; set
// -ba.actors=1000000 -ba.m=5 for the 1M/5M graph.
var (
	baActors = flag.Int("ba.actors", 100_000, "actors of the benchmark graph")
	baM      = flag.Int("ba.m", 10, "relations each new actor of the benchmark graph brings")
)

var baTypes = []string{"MET", "ASSOCIATE_OF", "COMMUNICATED_WITH", "TRAINED_WITH", "RECRUITED_BY", "TRAINED_BY", "FINANCED_BY", "FACILITATED_BY"}

// baBundle builds a BA graph of n person actors and about n*m relations
// with one piece of evidence each.
func baBundle(n, m int, seed uint64) *graph.Bundle {
	rng := rand.New(rand.NewPCG(seed, seed^0x5bd1e995))
	b := &graph.Bundle{Format: graph.BundleFormat, Sources: []graph.Source{{ID: "src-bench", Title: "Benchmark"}}}
	b.Actors = make([]graph.Actor, n)
	for i := range n {
		b.Actors[i] = graph.Actor{ID: baID(i), Kind: graph.Person, Name: fmt.Sprintf("Person %d", i)}
	}
	b.Relations = make([]graph.Relation, 0, n*m)
	grades := []struct {
		r string
		c int
	}{{"A", 1}, {"B", 2}, {"B", 3}, {"C", 3}, {"D", 4}}
	ends := make([]int32, 0, 2*n*m) // every relation end: picking from it is picking by degree
	picked := make([]int32, 0, m)
	for v := 1; v < n; v++ {
		picked = picked[:0]
		for len(picked) < min(m, v) {
			var u int32
			if len(ends) == 0 || rng.IntN(10) == 0 {
				u = int32(rng.IntN(v)) // a little uniform choice keeps the graph connected and varied
			} else {
				u = ends[rng.IntN(len(ends))]
			}
			if !slices.Contains(picked, u) {
				picked = append(picked, u)
			}
		}
		for _, u := range picked {
			typ := baTypes[rng.IntN(len(baTypes))]
			from, to := baID(v), baID(int(u))
			g := grades[rng.IntN(len(grades))]
			r := graph.Relation{ID: graph.RelationID(from, typ, to), Type: typ, From: from, To: to,
				Evidence: []graph.Evidence{{Source: "src-bench", Quote: "q", Claimant: "Bench", Reliability: g.r, Credibility: g.c}}}
			if rng.IntN(4) == 0 {
				r.ValidFrom = graph.Date{Year: 2000 + rng.IntN(20)}
			}
			b.Relations = append(b.Relations, r)
			ends = append(ends, int32(v), u)
		}
	}
	return b
}

func baID(i int) string { return "a" + strconv.Itoa(i) }

type benchGraph struct {
	dir       string
	actors    int
	relations int
	store     *Store
	importDur time.Duration
}

var (
	benchOnce sync.Once
	bench     *benchGraph
	benchErr  error
	benchRoot string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if benchRoot != "" {
		os.RemoveAll(benchRoot)
	}
	os.Exit(code)
}

// benchStore builds the benchmark graph once per process and keeps it
// open for every benchmark.
func benchStore(b *testing.B) *benchGraph {
	b.Helper()
	benchOnce.Do(func() {
		benchRoot, benchErr = os.MkdirTemp("", "embedded-bench-")
		if benchErr != nil {
			return
		}
		bun := baBundle(*baActors, *baM, 1)
		g := &benchGraph{dir: filepath.Join(benchRoot, "graph"), actors: len(bun.Actors), relations: len(bun.Relations)}
		g.store, benchErr = Open(context.Background(), Options{Dir: g.dir})
		if benchErr != nil {
			return
		}
		start := time.Now()
		_, benchErr = g.store.Import(context.Background(), bun)
		g.importDur = time.Since(start)
		bench = g
		runtime.GC()
		debug.FreeOSMemory()
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return bench
}

// pairs returns n deterministic random actor pairs.
func (g *benchGraph) pairs(n int) [][2]string {
	rng := rand.New(rand.NewPCG(42, 7))
	out := make([][2]string, n)
	for i := range out {
		out[i] = [2]string{baID(rng.IntN(g.actors)), baID(rng.IntN(g.actors))}
	}
	return out
}

// reportLatency reports the median and the 99th percentile.
func reportLatency(b *testing.B, ds []time.Duration) {
	if len(ds) == 0 {
		return
	}
	slices.Sort(ds)
	b.ReportMetric(float64(ds[len(ds)/2].Nanoseconds())/1000, "p50-µs")
	b.ReportMetric(float64(ds[len(ds)*99/100].Nanoseconds())/1000, "p99-µs")
}

func benchPaths(b *testing.B, q graph.PathQuery) {
	g := benchStore(b)
	pairs := g.pairs(4096)
	ctx := context.Background()
	ds := make([]time.Duration, 0, b.N)
	found := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p := pairs[i%len(pairs)]
		q.From, q.To = p[0], p[1]
		start := time.Now()
		res, err := g.store.Paths(ctx, q)
		ds = append(ds, time.Since(start))
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Paths) > 0 {
			found++
		}
	}
	b.StopTimer()
	reportLatency(b, ds)
	b.ReportMetric(float64(found)/float64(b.N), "found/op")
}

// BenchmarkShortestPath: one shortest path between random actors, with the
// path materialised (actors and hop relations with evidence).
func BenchmarkShortestPath(b *testing.B) {
	benchPaths(b, graph.PathQuery{Mode: graph.ShortestPath})
}

// BenchmarkShortestPathFiltered: the same with a filter applied during the
// search.
func BenchmarkShortestPathFiltered(b *testing.B) {
	benchPaths(b, graph.PathQuery{Mode: graph.ShortestPath, Filter: graph.RelationFilter{MinConfidence: 0.3, ExcludeTypes: []string{"MET"}}})
}

// BenchmarkAllShortest: every shortest path, up to MaxPaths (100).
func BenchmarkAllShortest(b *testing.B) {
	benchPaths(b, graph.PathQuery{Mode: graph.AllShortest})
}

// BenchmarkKShortest3: Yen's algorithm, k = 3.
func BenchmarkKShortest3(b *testing.B) {
	benchPaths(b, graph.PathQuery{Mode: graph.KShortest, K: 3})
}

// BenchmarkEgoDepth2: the depth-2 ego network of a random actor (capped at
// 5000 nodes), materialised with every edge's evidence.
func BenchmarkEgoDepth2(b *testing.B) {
	g := benchStore(b)
	pairs := g.pairs(4096)
	ctx := context.Background()
	ds := make([]time.Duration, 0, b.N)
	nodes, edges := 0, 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		sg, err := g.store.Network(ctx, graph.NetworkQuery{Seeds: []string{pairs[i%len(pairs)][0]}, Depth: 2})
		ds = append(ds, time.Since(start))
		if err != nil {
			b.Fatal(err)
		}
		nodes += len(sg.Nodes)
		edges += len(sg.Edges)
	}
	b.StopTimer()
	reportLatency(b, ds)
	b.ReportMetric(float64(nodes)/float64(b.N), "nodes/op")
	b.ReportMetric(float64(edges)/float64(b.N), "edges/op")
}

// BenchmarkEachEdge streams every edge of the graph.
func BenchmarkEachEdge(b *testing.B) {
	g := benchStore(b)
	ctx := context.Background()
	n := 0
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		if err := g.store.EachEdge(ctx, graph.RelationFilter{}, func(graph.Edge) error { n++; return nil }); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/time.Since(start).Seconds(), "edges/s")
}

// BenchmarkSearch ranks every actor against a two-word query.
func BenchmarkSearch(b *testing.B) {
	g := benchStore(b)
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		if _, err := g.store.SearchActors(ctx, graph.SearchQuery{Text: "person 12"}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkImport measures a durable bulk import of the whole benchmark
// graph into an empty store (validation, one transaction, fsync, index).
func BenchmarkImport(b *testing.B) {
	bun := baBundle(*baActors, *baM, 2)
	var total time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, err := Open(context.Background(), Options{Dir: b.TempDir()})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		if _, err := s.Import(context.Background(), bun); err != nil {
			b.Fatal(err)
		}
		total += time.Since(start)
		b.StopTimer()
		s.Close()
	}
	b.ReportMetric(float64(len(bun.Relations)*b.N)/total.Seconds(), "relations/s")
}

// BenchmarkOpenRSS measures opening the benchmark graph in a fresh process
// (rebuilding the index from the file) and that process's resident memory
// afterwards, after running some path queries, per relation.
func BenchmarkOpenRSS(b *testing.B) {
	g := benchStore(b)
	for i := 0; i < b.N; i++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestRSSChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), rssChildEnv+"="+g.dir)
		out, err := cmd.Output()
		if err != nil {
			b.Fatalf("child: %v\n%s", err, out)
		}
		var rss, openNs int64
		sc := bufio.NewScanner(strings.NewReader(string(out)))
		for sc.Scan() {
			fmt.Sscanf(sc.Text(), "RSS %d OPEN %d", &rss, &openNs)
		}
		if rss == 0 {
			b.Fatalf("child printed no RSS:\n%s", out)
		}
		b.ReportMetric(float64(rss)/float64(g.relations), "rss-B/relation")
		b.ReportMetric(float64(rss)/(1<<20), "rss-MiB")
		b.ReportMetric(float64(openNs)/1e6, "open-ms")
	}
}

const rssChildEnv = "ACTORGRAPH_EMBEDDED_RSS_DIR"

// TestRSSChild is BenchmarkOpenRSS's child process.
func TestRSSChild(t *testing.T) {
	dir := os.Getenv(rssChildEnv)
	if dir == "" {
		t.Skip("helper process of BenchmarkOpenRSS")
	}
	start := time.Now()
	s, err := Open(context.Background(), Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	openDur := time.Since(start)
	st, err := s.Stats(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		q := graph.PathQuery{From: baID(rng.IntN(st.Actors)), To: baID(rng.IntN(st.Actors))}
		if _, err := s.Paths(context.Background(), q); err != nil {
			t.Fatal(err)
		}
	}
	fmt.Printf("RSS %d OPEN %d\n", vmRSS(), openDur.Nanoseconds())
}

// vmRSS returns the process's resident set size in bytes (Linux), or 0.
func vmRSS() int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb * 1024
		}
	}
	return 0
}
