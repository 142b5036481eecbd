// Command lockbench measures how long each kind of request holds the
// embedded store's index lock (issue 13: no request may hold it longer
// than 50 ms on the 1M-actor graph), with the store's lock instrumentation
// switched on (embedded.Options.LockHold):
//
//	go run ./bench/cmd/lockbench -dir bench/data/store-synth1m -pairs bench/data/synth1m.pairs
//
// The store is the one bench/run.sh builds (KEEP_STORES=1), or `pathbench
// -keep -only import`; lockbench works on a copy of it (-copy, the
// default), because it writes. It opens the store with the default limits
// of the service, as the server does, and runs, one at a time:
//
//   - every read kind: paths in each mode (shortest, all_shortest,
//     k_shortest with k 3 and 10, max_hops 8) between the pairs; networks
//     of depth 1, 2 and 3 (node cap 5000) around the pairs' first actors
//     and around the five most connected actors; stats; relation counts
//     and the relations of an actor (a pair's, and the hub); sources;
//     search and resolve by name and by id (through the name index of
//     graph/names); the whole-graph export and edge list (which read no
//     index);
//   - every write kind: create, update and delete an actor, create,
//     update and delete a relation, add evidence, import a small bundle,
//     delete with cascade an actor with 20,000 relations;
//
// then the reads again while a writer creates an actor and a relation
// every 5 ms, to show how long writers wait for readers. For each lock
// holder (the operation name the store gives it) it prints the number of
// holds, the p50, p99 and maximum hold in wall time, the p99 and maximum
// CPU time the holding thread used (the work done under the lock, apart
// from the time a busy machine ran other processes), the holds over 50
// ms by each, and for writers the longest wait, in milliseconds, and
// writes them as JSON (-out).
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/actorgraph/actorgraph/bench"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/embedded"
)

// holds collects the lock holds, by holder.
type holds struct {
	mu     sync.Mutex
	byOp   map[string][]embedded.LockHold
	paused bool
}

func (h *holds) observe(l embedded.LockHold) {
	h.mu.Lock()
	if !h.paused {
		h.byOp[l.Op] = append(h.byOp[l.Op], l)
	}
	h.mu.Unlock()
}

func (h *holds) take() map[string][]embedded.LockHold {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := h.byOp
	h.byOp = map[string][]embedded.LockHold{}
	return out
}

// Row is one lock holder's holds.
type Row struct {
	Op        string  `json:"op"`
	Exclusive bool    `json:"exclusive"`
	N         int     `json:"n"`
	P50       float64 `json:"p50_ms"`
	P99       float64 `json:"p99_ms"`
	Max       float64 `json:"max_ms"`
	MaxWait   float64 `json:"max_wait_ms"`
	Over50    int     `json:"over_50ms"`
	// The CPU time used while holding: the work done under the lock,
	// whatever else the machine runs.
	CPUP99    float64 `json:"cpu_p99_ms"`
	CPUMax    float64 `json:"cpu_max_ms"`
	CPUOver50 int     `json:"cpu_over_50ms"`
}

func summarise(byOp map[string][]embedded.LockHold) []Row {
	var rows []Row
	for op, hs := range byOp {
		held := make([]time.Duration, len(hs))
		cpu := make([]time.Duration, len(hs))
		r := Row{Op: op, Exclusive: hs[0].Exclusive, N: len(hs)}
		for i, h := range hs {
			held[i], cpu[i] = h.Held, h.HeldCPU
			r.MaxWait = max(r.MaxWait, ms(h.Waited))
			if h.Held > 50*time.Millisecond {
				r.Over50++
			}
			if h.HeldCPU > 50*time.Millisecond {
				r.CPUOver50++
			}
		}
		t := bench.Summarise(held)
		r.P50, r.P99, r.Max = t.P50, t.P99, t.Max
		c := bench.Summarise(cpu)
		r.CPUP99, r.CPUMax = c.P99, c.Max
		rows = append(rows, r)
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].Op < rows[j].Op })
	return rows
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func printRows(title string, rows []Row) {
	fmt.Printf("\n%s\n%-28s %6s %9s %9s %9s %7s %9s %9s %7s %11s\n", title, "holder", "n", "p50 ms", "p99 ms", "max ms", ">50 ms",
		"cpu p99", "cpu max", ">50 ms", "max wait ms")
	for _, r := range rows {
		wait := "-"
		if r.Exclusive {
			wait = fmt.Sprintf("%.3f", r.MaxWait)
		}
		fmt.Printf("%-28s %6d %9.3f %9.3f %9.3f %7d %9.3f %9.3f %7d %11s\n", r.Op, r.N, r.P50, r.P99, r.Max, r.Over50, r.CPUP99, r.CPUMax, r.CPUOver50, wait)
	}
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "lockbench:", err)
		os.Exit(1)
	}
}

func run() error {
	// The queries run on this goroutine, kept on one thread, so that the
	// thread's CPU time while a lock is held is the work done under it
	// (embedded.LockHold.HeldCPU).
	runtime.LockOSThread()
	dir := flag.String("dir", "bench/data/store-synth1m", "the store to measure (see the command's documentation)")
	pairsPath := flag.String("pairs", "bench/data/synth1m.pairs", "pairs file")
	n := flag.Int("n", 20, "pairs (and repetitions) per read kind")
	copyStore := flag.Bool("copy", true, "work on a copy of -dir (the benchmark writes)")
	out := flag.String("out", "", "write the results as JSON here")
	flag.Parse()
	ctx := context.Background()

	pairs, err := bench.ReadPairs(*pairsPath)
	if err != nil {
		return err
	}
	pairs = pairs[:min(*n, len(pairs))]
	storeDir := *dir
	if *copyStore {
		tmp, err := os.MkdirTemp(filepath.Dir(*dir), "lockbench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		// cp --sparse keeps the file's holes; the copy takes a few seconds.
		if out, err := exec.Command("cp", "--sparse=always", filepath.Join(*dir, embedded.FileName), tmp).CombinedOutput(); err != nil {
			return fmt.Errorf("copying the store: %v: %s", err, out)
		}
		storeDir = tmp
	}
	h := &holds{byOp: map[string][]embedded.LockHold{}}
	t0 := time.Now()
	st, err := embedded.Open(ctx, embedded.Options{Dir: storeDir, Limits: graph.DefaultLimits, LockHold: h.observe})
	if err != nil {
		return err
	}
	defer st.Close()
	stats, err := st.Stats(ctx, 5)
	if err != nil {
		return err
	}
	fmt.Printf("store %s: %d actors, %d relations, opened in %.1f s; the most connected actor %s has %d relations\n",
		*dir, stats.Actors, stats.Relations, time.Since(t0).Seconds(), stats.Top[0].Actor.ID, stats.Top[0].Degree)
	hubs := make([]string, len(stats.Top))
	for i, d := range stats.Top {
		hubs[i] = d.Actor.ID
	}
	// The people the writes link to (MET joins people).
	people := &graph.Bundle{Format: graph.BundleFormat, Sources: []graph.Source{{ID: benchSource, Title: "lockbench"}}}
	for i := range 10 {
		people.Actors = append(people.Actors, graph.Actor{ID: fmt.Sprintf("lockbench-p%d", i), Kind: graph.Person, Name: "Lock Bench Person"})
	}
	if _, err := st.Import(ctx, people); err != nil {
		return err
	}
	h.take()

	reads := readKinds(pairs, hubs)
	timings := map[string]bench.Timings{}
	for _, k := range reads {
		var ds []time.Duration
		for i := 0; i < k.n; i++ {
			t := time.Now()
			if err := k.run(ctx, st, i); err != nil && graph.ErrorCode(err) != graph.ETOOLARGE {
				return fmt.Errorf("%s: %v", k.name, err)
			}
			ds = append(ds, time.Since(t))
		}
		timings[k.name] = bench.Summarise(ds)
	}
	readRows := summarise(h.take())
	printRows("Reads, one at a time: index lock holds", readRows)
	fmt.Printf("\n%-32s %6s %9s %9s\n", "request", "n", "p50 ms", "max ms")
	for _, k := range reads {
		t := timings[k.name]
		fmt.Printf("%-32s %6d %9.3f %9.3f\n", k.name, t.N, t.P50, t.Max)
	}

	if err := writes(ctx, st); err != nil {
		return err
	}
	writeRows := summarise(h.take())
	printRows("Writes, one at a time: index lock holds (exclusive)", writeRows)

	// The reads again, with a writer every 5 ms.
	done := make(chan struct{})
	var wg sync.WaitGroup
	var werr error
	wg.Go(func() {
		runtime.LockOSThread()
		for i := 0; ; i++ {
			select {
			case <-done:
				return
			case <-time.After(5 * time.Millisecond):
			}
			id := fmt.Sprintf("lockbench-bg-%d", i)
			if _, err := st.CreateActor(ctx, graph.Actor{ID: id, Kind: graph.Person, Name: "Background " + id}); err != nil {
				werr = err
				return
			}
			if _, err := st.CreateRelation(ctx, graph.Relation{Type: "MET", From: id, To: fmt.Sprintf("lockbench-p%d", i%10),
				Evidence: []graph.Evidence{{Source: benchSource, Quote: "q", Claimant: "c", Reliability: "C", Credibility: 3}}}); err != nil {
				werr = err
				return
			}
		}
	})
	stale := 0
	for _, k := range reads {
		for i := 0; i < k.n; i++ {
			err := k.run(ctx, st, i)
			switch {
			case err == nil, graph.ErrorCode(err) == graph.ETOOLARGE:
			case graph.ErrorCode(err) == graph.EUNAVAILABLE:
				stale++ // the graph kept changing: ten restarts
			default:
				close(done)
				return fmt.Errorf("%s under writes: %v", k.name, err)
			}
		}
	}
	close(done)
	wg.Wait()
	if werr != nil {
		return fmt.Errorf("background writer: %v", werr)
	}
	mixedRows := summarise(h.take())
	printRows("Reads while a writer writes every 5 ms: index lock holds and writers' waits", mixedRows)
	fmt.Printf("reads that gave up because the graph kept changing (10 restarts): %d\n", stale)

	if *out != "" {
		b, _ := json.MarshalIndent(map[string]any{"store": *dir, "actors": stats.Actors, "relations": stats.Relations,
			"reads": readRows, "writes": writeRows, "reads_under_writes": mixedRows, "request_times": timings,
			"gave_up_under_writes": stale, "go_version": goVersion()}, "", "  ")
		return os.WriteFile(*out, append(b, '\n'), 0o644)
	}
	return nil
}

func goVersion() string {
	out, _ := exec.Command("go", "version").Output()
	return strings.TrimSpace(string(out))
}

type readKind struct {
	name string
	n    int
	run  func(ctx context.Context, st *embedded.Store, i int) error
}

func readKinds(pairs []bench.Pair, hubs []string) []readKind {
	n := len(pairs)
	path := func(mode graph.PathMode, k int) func(context.Context, *embedded.Store, int) error {
		return func(ctx context.Context, st *embedded.Store, i int) error {
			_, err := st.Paths(ctx, graph.PathQuery{From: pairs[i].From, To: pairs[i].To, Mode: mode, K: k, MaxHops: bench.MaxHops})
			return err
		}
	}
	network := func(depth int, seeds func(i int) string) func(context.Context, *embedded.Store, int) error {
		return func(ctx context.Context, st *embedded.Store, i int) error {
			_, err := st.Network(ctx, graph.NetworkQuery{Seeds: []string{seeds(i)}, Depth: depth})
			return err
		}
	}
	pairFrom := func(i int) string { return pairs[i].From }
	hub := func(i int) string { return hubs[i%len(hubs)] }
	name := func(ctx context.Context, st *embedded.Store, i int) string {
		a, err := st.Actor(ctx, pairs[i].From)
		if err != nil {
			return pairs[i].From
		}
		return a.Name
	}
	return []readKind{
		{"paths shortest", n, path(graph.ShortestPath, 0)},
		{"paths all_shortest", n, path(graph.AllShortest, 0)},
		{"paths k_shortest k=3", n, path(graph.KShortest, 3)},
		{"paths k_shortest k=10", n, path(graph.KShortest, 10)},
		{"network depth 1", n, network(1, pairFrom)},
		{"network depth 2", n, network(2, pairFrom)},
		{"network depth 3", n, network(3, pairFrom)},
		{"network depth 2 of a hub", len(hubs), network(2, hub)},
		{"network depth 3 of a hub", len(hubs), network(3, hub)},
		{"stats top 10", 5, func(ctx context.Context, st *embedded.Store, i int) error {
			_, err := st.Stats(ctx, 10)
			return err
		}},
		{"stats top 100", 5, func(ctx context.Context, st *embedded.Store, i int) error {
			_, err := st.Stats(ctx, 100)
			return err
		}},
		{"relation counts", n, func(ctx context.Context, st *embedded.Store, i int) error {
			_, err := st.RelationCounts(ctx, pairs[i].From, graph.RelationFilter{})
			return err
		}},
		{"relation counts of a hub", len(hubs), func(ctx context.Context, st *embedded.Store, i int) error {
			_, err := st.RelationCounts(ctx, hub(i), graph.RelationFilter{})
			return err
		}},
		{"actor relations", n, func(ctx context.Context, st *embedded.Store, i int) error {
			_, err := st.ActorRelations(ctx, pairs[i].From, graph.RelationFilter{})
			return err
		}},
		{"actor relations of a hub (413)", len(hubs), func(ctx context.Context, st *embedded.Store, i int) error {
			_, err := st.ActorRelations(ctx, hub(i), graph.RelationFilter{})
			return err
		}},
		{"actor", n, func(ctx context.Context, st *embedded.Store, i int) error {
			_, err := st.Actor(ctx, pairs[i].From)
			return err
		}},
		{"sources", 5, func(ctx context.Context, st *embedded.Store, i int) error {
			_, err := st.Sources(ctx)
			return err
		}},
		{"search", 5, func(ctx context.Context, st *embedded.Store, i int) error {
			_, err := st.SearchActors(ctx, graph.SearchQuery{Text: strings.Fields(name(ctx, st, i))[0]})
			return err
		}},
		{"resolve by name", 5, func(ctx context.Context, st *embedded.Store, i int) error {
			_, err := st.Resolve(ctx, name(ctx, st, i))
			if graph.ErrorCode(err) == graph.EAMBIGUOUS {
				err = nil
			}
			return err
		}},
		{"resolve by id", n, func(ctx context.Context, st *embedded.Store, i int) error {
			_, err := st.Resolve(ctx, pairs[i].From)
			return err
		}},
		{"export (bundle)", 1, func(ctx context.Context, st *embedded.Store, i int) error {
			return st.Export(ctx, discard{})
		}},
		{"edge list", 1, func(ctx context.Context, st *embedded.Store, i int) error {
			_, err := bench.ExportCSV(ctx, st, io.Discard)
			return err
		}},
	}
}

// discard is a graph.BundleWriter that keeps nothing.
type discard struct{}

func (discard) Source(graph.Source) error     { return nil }
func (discard) Actor(graph.Actor) error       { return nil }
func (discard) Relation(graph.Relation) error { return nil }

const benchSource = "lockbench-source"

// writes runs every write kind a few times.
func writes(ctx context.Context, st *embedded.Store) error {
	ev := []graph.Evidence{{Source: benchSource, Quote: "q", Claimant: "c", Reliability: "C", Credibility: 3}}
	person := func(i int) string { return fmt.Sprintf("lockbench-p%d", i%10) }
	for i := range 10 {
		id := fmt.Sprintf("lockbench-a%d", i)
		if _, err := st.CreateActor(ctx, graph.Actor{ID: id, Kind: graph.Person, Name: "Lock Bench " + id}); err != nil {
			return err
		}
		desc := "changed"
		if _, err := st.UpdateActor(ctx, id, graph.ActorPatch{Description: &desc}); err != nil {
			return err
		}
		r, err := st.CreateRelation(ctx, graph.Relation{Type: "MET", From: id, To: person(i), Evidence: ev})
		if err != nil {
			return err
		}
		role := "role"
		if _, err := st.UpdateRelation(ctx, r.ID, graph.RelationPatch{Role: &role}); err != nil {
			return err
		}
		if _, err := st.AddEvidence(ctx, r.ID, ev[0]); err != nil {
			return err
		}
		if err := st.DeleteRelation(ctx, r.ID); err != nil {
			return err
		}
		if err := st.DeleteActor(ctx, id, false); err != nil {
			return err
		}
		// A small bundle: 10 actors, 20 relations.
		b := &graph.Bundle{Format: graph.BundleFormat}
		for j := range 10 {
			b.Actors = append(b.Actors, graph.Actor{ID: fmt.Sprintf("lockbench-i%d-%d", i, j), Kind: graph.Person, Name: "Imported"})
		}
		for j := range 20 {
			b.Relations = append(b.Relations, graph.Relation{ID: fmt.Sprintf("lockbench-i%d-r%d", i, j), Type: "MET",
				From: b.Actors[j%10].ID, To: person(j), Evidence: ev})
		}
		if _, err := st.Import(ctx, b); err != nil {
			return err
		}
	}
	// A hub of 20,000 relations, made by one import, deleted with cascade.
	for rep := range 3 {
		b := &graph.Bundle{Format: graph.BundleFormat}
		hub := fmt.Sprintf("lockbench-hub-%d", rep)
		b.Actors = append(b.Actors, graph.Actor{ID: hub, Kind: graph.Person, Name: "Hub"})
		for j := range 20_000 {
			b.Relations = append(b.Relations, graph.Relation{ID: fmt.Sprintf("%s--r%05d", hub, j), Type: "MET",
				From: hub, To: fmt.Sprintf("lockbench-i%d-%d", j%10, (j/10)%10), Evidence: ev})
		}
		if _, err := st.Import(ctx, b); err != nil {
			return err
		}
		if err := st.DeleteActor(ctx, hub, true); err != nil {
			return err
		}
	}
	return nil
}
