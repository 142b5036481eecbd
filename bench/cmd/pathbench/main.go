// Command pathbench is the Go side of the issue-2 comparison. It imports a
// bundle into a fresh embedded store, reopens it, times every pair of a
// pairs file for each query, then exports every edge as CSV:
//
//	go run ./bench/cmd/pathbench -bundle bench/data/ba100k.json -pairs bench/data/ba100k.pairs \
//	    -dir bench/data/store-ba100k -out bench/data/results/go-ba100k.json
//
// Measured:
//   - import: Store.Import of the whole decoded bundle into an empty
//     directory (validation, one durable bbolt transaction committed with
//     fsync, index update), in relations/s; decoding the JSON file is
//     timed apart;
//   - open: closing and reopening the store, which rebuilds the in-memory
//     index from disk;
//   - shortest (path reconstructed, with its actors and relations and their
//     evidence), k3 (k = 3 shortest loopless paths) and ego2 (depth-2 ego
//     network of the pair's first actor, no node cap): one untimed warm-up
//     pass over the pairs, then one timed pass; p50/p99 over the pairs;
//   - export: every edge as the server writes GET /v1/relations?format=csv
//     (Store.EachEdge into graph/encoding's CSV writer) into io.Discard, in
//     relations/s, the median of three passes; and the same rows through
//     encoding/csv (the first version of this benchmark), likewise.
//
// -reuse, -only, -importprofile, -cpuprofile and -v are for profiling.
//
// Paths use MaxHops 8 so that they find what networkx finds. The result is
// printed and written as JSON (-out), with the per-pair answers that
// bench/report.py checks against networkx's. With -keep the store stays in
// -dir for bench/cmd/memprobe; otherwise -dir is removed at the end.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"time"

	"github.com/actorgraph/actorgraph/bench"
	"github.com/actorgraph/actorgraph/bench/benchstore"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/embedded"
	"github.com/actorgraph/actorgraph/graph/neo4j"
)

type result struct {
	Side     string `json:"side"`
	Bundle   string `json:"bundle"`
	Actors   int    `json:"actors"`
	Relation int    `json:"relations"`

	DecodeSeconds float64 `json:"decode_s"`
	Import        struct {
		Seconds         float64 `json:"seconds"`
		RelationsPerSec float64 `json:"relations_per_s"`
	} `json:"import"`
	OpenSeconds float64 `json:"open_s"`

	Shortest     bench.Timings `json:"shortest"`
	ShortestHops []int         `json:"shortest_hops"`
	K3           bench.Timings `json:"k3"`
	K3Paths      []int         `json:"k3_paths"`
	Ego2         bench.Timings `json:"ego2"`
	Ego2Nodes    []int         `json:"ego2_nodes"`
	// Export is the server's CSV edge list (bench.ExportCSV), the median
	// of exportRuns passes; ExportStdlib the same rows through
	// encoding/csv (bench.ExportCSVStdlib), likewise.
	Export       rate   `json:"export"`
	ExportStdlib rate   `json:"export_stdlib"`
	GoVersion    string `json:"go_version"`
}

type rate struct {
	Seconds         float64   `json:"seconds"`
	RelationsPerSec float64   `json:"relations_per_s"`
	Runs            []float64 `json:"runs_s,omitempty"`
}

// exportRuns is how many times each export is timed.
const exportRuns = 3

// timeExport runs export exportRuns times and keeps the median time.
func timeExport(ctx context.Context, st graph.Store, name string, export func(context.Context, graph.Store, io.Writer) (int, error)) (rate, error) {
	var r rate
	n := 0
	for range exportRuns {
		t := time.Now()
		k, err := export(ctx, st, io.Discard)
		if err != nil {
			return r, fmt.Errorf("%s: %v", name, err)
		}
		r.Runs = append(r.Runs, time.Since(t).Seconds())
		n = k
	}
	sorted := slices.Clone(r.Runs)
	slices.Sort(sorted)
	r.Seconds = sorted[len(sorted)/2]
	r.RelationsPerSec = float64(n) / r.Seconds
	fmt.Printf("%-9s %d relations in %.2f s (median of %d), %.0f relations/s\n", name+":", n, r.Seconds, exportRuns, r.RelationsPerSec)
	return r, nil
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "pathbench:", err)
		os.Exit(1)
	}
}

func run() error {
	bundlePath := flag.String("bundle", "bench/data/ba100k.json", "bundle to import")
	pairsPath := flag.String("pairs", "bench/data/ba100k.pairs", "pairs file")
	dir := flag.String("dir", "", "store directory (emptied first); default a temporary directory")
	keep := flag.Bool("keep", false, "keep the store in -dir")
	out := flag.String("out", "", "write the result as JSON here")
	only := flag.String("only", "", "run only this query (shortest, k3, ego2, export) after loading, or stop after the import (import); for profiling")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the queries (not the import) here")
	importprofile := flag.String("importprofile", "", "write a CPU profile of the import here")
	reuse := flag.Bool("reuse", false, "use the store already in -dir (kept with -keep) instead of importing; for profiling the queries")
	verbose := flag.Bool("v", false, "print the store's log (import timings by phase) on stderr")
	storeKind := flag.String("store", "embedded", "the store to measure: embedded, or neo4j (see the package doc)")
	flag.Parse()
	if *verbose {
		benchstore.Logger = slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	ctx := context.Background()

	pairs, err := bench.ReadPairs(*pairsPath)
	if err != nil {
		return err
	}
	switch *storeKind {
	case "embedded":
	case "neo4j":
		res := result{Side: "neo4j", Bundle: *bundlePath, GoVersion: runtime.Version()}
		st, err := loadNeo4j(ctx, &res, *bundlePath, *reuse, *importprofile)
		if err != nil {
			return err
		}
		defer st.Close()
		if *only == "import" {
			return nil
		}
		runtime.GC()
		return measure(ctx, st, &res, pairs, *only, *cpuprofile, *out)
	default:
		return fmt.Errorf("-store must be embedded or neo4j, not %q", *storeKind)
	}
	if *dir == "" {
		d, err := os.MkdirTemp("", "pathbench-")
		if err != nil {
			return err
		}
		*dir = filepath.Join(d, "store")
		defer os.RemoveAll(d)
	}
	if _, err := os.Stat(filepath.Join(*dir, embedded.FileName)); err != nil {
		*reuse = false
	}
	if !*reuse {
		if err := os.RemoveAll(*dir); err != nil {
			return err
		}
	}
	if !*keep {
		defer os.RemoveAll(*dir)
	}

	res := result{Side: "embedded store", Bundle: *bundlePath, GoVersion: runtime.Version()}
	if !*reuse {
		if err := load(ctx, &res, *dir, *bundlePath, *importprofile); err != nil {
			return err
		}
	}
	if *only == "import" {
		return nil
	}
	runtime.GC()
	debug.FreeOSMemory()

	t := time.Now()
	st, err := benchstore.OpenStore(ctx, *dir)
	if err != nil {
		return err
	}
	defer st.Close()
	res.OpenSeconds = time.Since(t).Seconds()
	fmt.Printf("open:     %.1f s\n", res.OpenSeconds)
	runtime.GC()
	return measure(ctx, st, &res, pairs, *only, *cpuprofile, *out)
}

// measure times the queries over the pairs (a warm-up pass, then a timed
// one), the exports, and writes the result.
func measure(ctx context.Context, st graph.Store, res *result, pairs []bench.Pair, only, cpuprofile, out string) error {
	var err error
	if cpuprofile != "" {
		stop, err := startProfile(cpuprofile)
		if err != nil {
			return err
		}
		defer stop()
	}
	queries := []struct {
		name    string
		fn      func(context.Context, graph.Store, bench.Pair) (int, error)
		timings *bench.Timings
		answers *[]int
	}{
		{"shortest", bench.Shortest, &res.Shortest, &res.ShortestHops},
		{"k3", bench.KShortest, &res.K3, &res.K3Paths},
		{"ego2", bench.Ego, &res.Ego2, &res.Ego2Nodes},
	}
	for _, q := range queries {
		if only != "" && q.name != only {
			continue
		}
		for _, p := range pairs { // warm-up
			if _, err := q.fn(ctx, st, p); err != nil {
				return fmt.Errorf("%s %s -> %s: %v", q.name, p.From, p.To, err)
			}
		}
		ds := make([]time.Duration, len(pairs))
		ans := make([]int, len(pairs))
		for i, p := range pairs {
			t := time.Now()
			n, err := q.fn(ctx, st, p)
			ds[i] = time.Since(t)
			if err != nil {
				return fmt.Errorf("%s %s -> %s: %v", q.name, p.From, p.To, err)
			}
			ans[i] = n
		}
		*q.timings, *q.answers = bench.Summarise(ds), ans
		fmt.Printf("%-9s p50 %9.3f ms  p99 %9.3f ms  mean %9.3f ms  max %9.3f ms\n", q.name, q.timings.P50, q.timings.P99, q.timings.Mean, q.timings.Max)
	}

	if only == "" || only == "export" {
		if res.Export, err = timeExport(ctx, st, "export", bench.ExportCSV); err != nil {
			return err
		}
		// The encoding/csv variant is the embedded store's history; on
		// Neo4j it would only add three more slow passes.
		if res.Side != "neo4j" {
			if res.ExportStdlib, err = timeExport(ctx, st, "export (encoding/csv)", bench.ExportCSVStdlib); err != nil {
				return err
			}
		}
	}

	if out != "" {
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		data, err := json.MarshalIndent(res, "", " ")
		if err != nil {
			return err
		}
		return os.WriteFile(out, data, 0o644)
	}
	return nil
}

// startProfile starts a CPU profile into path and returns what stops it.
func startProfile(path string) (func(), error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}

// load decodes the bundle and imports it into a new store in dir, timing
// both apart.
func load(ctx context.Context, res *result, dir, bundlePath, importprofile string) error {
	t := time.Now()
	b, err := benchstore.ReadBundle(bundlePath)
	if err != nil {
		return err
	}
	res.DecodeSeconds = time.Since(t).Seconds()
	res.Actors, res.Relation = len(b.Actors), len(b.Relations)
	fmt.Printf("%s: %d actors, %d relations, decoded in %.1f s\n", bundlePath, res.Actors, res.Relation, res.DecodeSeconds)

	s, err := benchstore.OpenStore(ctx, dir)
	if err != nil {
		return err
	}
	var stopProfile func()
	if importprofile != "" {
		if stopProfile, err = startProfile(importprofile); err != nil {
			return err
		}
	}
	t = time.Now()
	ir, err := s.Import(ctx, b)
	if err != nil {
		return fmt.Errorf("import: %v", err)
	}
	res.Import.Seconds = time.Since(t).Seconds()
	if stopProfile != nil {
		stopProfile()
	}
	res.Import.RelationsPerSec = float64(ir.Relations) / res.Import.Seconds
	fmt.Printf("import:   %d relations in %.1f s, %.0f relations/s\n", ir.Relations, res.Import.Seconds, res.Import.RelationsPerSec)
	return s.Close()
}

// loadNeo4j opens the Neo4j store of the benchmark and, unless reuse,
// empties it and imports the bundle, timing the decoding and the import
// apart.
func loadNeo4j(ctx context.Context, res *result, bundlePath string, reuse bool, importprofile string) (*neo4j.Store, error) {
	o, err := benchstore.Neo4jFromEnv()
	if err != nil {
		return nil, err
	}
	s, err := benchstore.OpenNeo4j(ctx, o, !reuse)
	if err != nil {
		return nil, err
	}
	if reuse {
		return s, nil
	}
	t := time.Now()
	b, err := benchstore.ReadBundle(bundlePath)
	if err != nil {
		s.Close()
		return nil, err
	}
	res.DecodeSeconds = time.Since(t).Seconds()
	res.Actors, res.Relation = len(b.Actors), len(b.Relations)
	fmt.Printf("%s: %d actors, %d relations, decoded in %.1f s\n", bundlePath, res.Actors, res.Relation, res.DecodeSeconds)
	var stopProfile func()
	if importprofile != "" {
		if stopProfile, err = startProfile(importprofile); err != nil {
			s.Close()
			return nil, err
		}
	}
	t = time.Now()
	ir, err := s.Import(ctx, b)
	if err != nil {
		s.Close()
		return nil, fmt.Errorf("import: %v", err)
	}
	res.Import.Seconds = time.Since(t).Seconds()
	if stopProfile != nil {
		stopProfile()
	}
	res.Import.RelationsPerSec = float64(ir.Relations) / res.Import.Seconds
	fmt.Printf("import:   %d relations in %.1f s, %.0f relations/s\n", ir.Relations, res.Import.Seconds, res.Import.RelationsPerSec)
	return s, nil
}
