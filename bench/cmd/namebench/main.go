// Command namebench measures search by name on many actors, through the
// embedded store's SearchActors as the service searches: latency (p50,
// p90, p99, max) of variant spellings of stored names, and the memory of
// the names index per name or alias (heap after GC with and without a
// names.Index of the same names). See bench/README.md, "Name search
// (issue 13)".
//
//	go run ./bench/cmd/namebench -n 1000000 -queries 5000
//
// Half the actors keep the names of the synthetic generator (graph/synth:
// "Person 12345", some with an alias "Person 9IX"); the other half get
// names built from parts of Arabic, South Asian, French and English names
// (graph/names/variants), a third of them with a variant spelling as an
// alias. Queries are variant spellings of random actors' names or aliases
// (a fifth of them exact), searched for the best 20 with the total.
package main

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"syscall"
	"time"
	"unsafe"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/embedded"
	"github.com/actorgraph/actorgraph/graph/names"
	"github.com/actorgraph/actorgraph/graph/names/variants"
	"github.com/actorgraph/actorgraph/graph/synth"
)

func main() {
	n := flag.Int("n", 1_000_000, "actors")
	rels := flag.Int("relations", 0, "relations (default 2 per actor)")
	nq := flag.Int("queries", 5000, "queries")
	synthShare := flag.Float64("synth", 0.5, "share of actors that keep the generator's names")
	seed := flag.Uint64("seed", 1, "random seed")
	dir := flag.String("dir", "", "directory of the embedded store (default: a temporary one, removed after)")
	flag.Parse()
	if *rels == 0 {
		*rels = 2 * *n
	}
	if err := run(*n, *rels, *nq, *synthShare, *seed, *dir); err != nil {
		fmt.Fprintln(os.Stderr, "namebench:", err)
		os.Exit(1)
	}
}

func heap() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// threadCPU is the CPU time of the calling thread, from the clock
// CLOCK_THREAD_CPUTIME_ID (Linux; nanoseconds, where getrusage counts in
// scheduler ticks).
func threadCPU() time.Duration {
	const clockThreadCPUTime = 3
	var ts syscall.Timespec
	if _, _, errno := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockThreadCPUTime, uintptr(unsafe.Pointer(&ts)), 0); errno != 0 {
		return 0
	}
	return time.Duration(ts.Nano())
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func run(n, nrels, nq int, synthShare float64, seed uint64, dir string) error {
	b, err := synth.Bundle(synth.Options{Actors: n, Relations: nrels, Seed: int64(seed)})
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(seed, 7))
	nnames := 0
	for i := range b.Actors {
		a := &b.Actors[i]
		if rng.Float64() >= synthShare {
			a.Name, a.Aliases = variants.Name(rng), nil
			if rng.IntN(3) == 0 {
				if al := variants.Mutate(rng, a.Name); graph.NormalizeName(al) != "" {
					a.Aliases = []string{al}
				}
			}
		}
		nnames += 1 + len(a.Aliases)
	}

	// Memory: a names.Index of the same names, as the store holds it.
	before := heap()
	t0 := time.Now()
	ix := names.NewIndex()
	var batch names.Batch
	for i, a := range b.Actors {
		batch.Add(uint32(i), a.Name, a.Aliases)
		if batch.Len() == 64<<10 {
			ix.AddBatch(&batch)
		}
	}
	ix.AddBatch(&batch)
	ix.Compact()
	build := time.Since(t0)
	after := heap()
	st := ix.Stats()
	fmt.Printf("actors %d, names and aliases %d, keys %d, postings %d\n", st.IDs, st.Names, st.Keys, st.Postings)
	fmt.Printf("names index built in %v: heap %.1f MB, %.1f bytes per name or alias (arrays alone: %.1f)\n",
		build.Round(time.Millisecond), float64(after-before)/1e6, float64(after-before)/float64(nnames), float64(st.Bytes)/float64(nnames))
	runtime.KeepAlive(ix)
	ix = nil

	// The store.
	ctx := context.Background()
	if dir == "" {
		d, err := os.MkdirTemp("", "namebench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(d)
		dir = d
	}
	store, err := embedded.Open(ctx, embedded.Options{Dir: dir})
	if err != nil {
		return err
	}
	defer store.Close()
	t0 = time.Now()
	if _, err := store.Import(ctx, b); err != nil {
		return err
	}
	fmt.Printf("store import of %d actors and %d relations: %v\n", len(b.Actors), len(b.Relations), time.Since(t0).Round(time.Millisecond))

	// Queries.
	type query struct {
		text string
		want string
	}
	qs := make([]query, 0, nq)
	for len(qs) < nq {
		a := b.Actors[rng.IntN(len(b.Actors))]
		text := a.Name
		if len(a.Aliases) > 0 && rng.IntN(2) == 0 {
			text = a.Aliases[0]
		}
		if rng.IntN(5) != 0 {
			text = variants.Mutate(rng, text)
		}
		if _, err := names.Parse(text); err != nil {
			continue
		}
		qs = append(qs, query{text, a.ID})
	}
	b = nil
	runtime.GC()
	lat := make([]time.Duration, len(qs))
	cpuOf := make([]time.Duration, len(qs)) // CPU time of the searching thread
	hitsOf := make([]int, len(qs))
	// The searches run on this goroutine's thread alone, so that the
	// thread's CPU time is the search's: on a shared machine the wall
	// time also counts the time spent waiting for a core.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	found1, found20, totals, inexact := 0, 0, 0, 0
	maxTotal := 0
	cpu0 := cpuTime()
	wall0 := time.Now()
	for i, q := range qs {
		t, c := time.Now(), threadCPU()
		res, err := store.SearchActors(ctx, graph.SearchQuery{Text: q.text, Limit: 20})
		lat[i], cpuOf[i] = time.Since(t), threadCPU()-c
		if err != nil {
			return err
		}
		totals += res.Total
		hitsOf[i] = res.Total
		maxTotal = max(maxTotal, res.Total)
		if !res.TotalExact {
			inexact++
		}
		for r, h := range res.Hits {
			if h.Actor.ID == q.want {
				found20++
				if r == 0 {
					found1++
				}
				break
			}
		}
	}
	wall := time.Since(wall0)
	cpu := cpuTime() - cpu0
	// The slowest queries, and the percentiles apart for the queries that
	// match more than a thousandth of the actors ("Person", "Mohammed").
	order := make([]int, len(qs))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return int(lat[b] - lat[a]) })
	for _, i := range order[:min(5, len(order))] {
		fmt.Printf("slow: %q %v, %d hits\n", qs[i].text, lat[i].Round(time.Microsecond), hitsOf[i])
	}
	var narrow, broad []time.Duration
	for i, l := range lat {
		if hitsOf[i] > n/1000 {
			broad = append(broad, l)
		} else {
			narrow = append(narrow, l)
		}
	}
	report := func(what string, lat []time.Duration) {
		if len(lat) == 0 {
			return
		}
		slices.Sort(lat)
		pct := func(p float64) time.Duration {
			return lat[min(len(lat)-1, int(p*float64(len(lat))))].Round(time.Microsecond)
		}
		fmt.Printf("%s %d: p50 %v, p90 %v, p99 %v, max %v\n", what, len(lat), pct(0.5), pct(0.9), pct(0.99), lat[len(lat)-1].Round(time.Microsecond))
	}
	report("all queries", slices.Clone(lat))
	report("all queries, CPU time of the searching thread", slices.Clone(cpuOf))
	report(fmt.Sprintf("queries with at most %d hits", n/1000), narrow)
	report(fmt.Sprintf("queries with more than %d hits", n/1000), broad)
	fmt.Printf("mean wall %v, mean CPU %v per query\n", (wall / time.Duration(len(qs))).Round(time.Microsecond),
		(cpu / time.Duration(len(qs))).Round(time.Microsecond))
	fmt.Printf("hits per query: mean %.1f, max %d; totals given as upper bounds: %d queries; source actor first %.1f%%, in the top 20 %.1f%% (ties among equal names count against)\n",
		float64(totals)/float64(len(qs)), maxTotal, inexact, 100*float64(found1)/float64(len(qs)), 100*float64(found20)/float64(len(qs)))
	var la [3]float64
	if data, err := os.ReadFile("/proc/loadavg"); err == nil {
		fmt.Sscan(string(data), &la[0], &la[1], &la[2])
		fmt.Printf("load average %.2f %.2f %.2f, GOMAXPROCS %d\n", la[0], la[1], la[2], runtime.GOMAXPROCS(0))
	}
	return nil
}
