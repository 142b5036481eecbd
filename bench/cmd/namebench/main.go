// Command namebench measures the name index of graph/names on many
// actors: search latency (p50, p90, p99) for variant spellings of stored
// names, and the index's memory per name or alias (heap after GC, with and
// without the index). See bench/README.md, "Name search (issue 13)".
//
//	go run ./bench/cmd/namebench -n 1000000 -queries 5000
//
// Half the actors keep the names of the synthetic generator (graph/synth:
// "Person 12345", some with an alias "Person 9IX"); the other half get
// names built from parts of Arabic, South Asian, French and English names
// (graph/names/variants), a third of them with a variant
// spelling as an alias. Queries are variant spellings of random actors'
// names or aliases (a fifth of them exact).
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"syscall"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/names"
	"github.com/actorgraph/actorgraph/graph/names/variants"
	"github.com/actorgraph/actorgraph/graph/synth"
)

func main() {
	n := flag.Int("n", 1_000_000, "actors")
	nq := flag.Int("queries", 5000, "queries")
	synthShare := flag.Float64("synth", 0.5, "share of actors that keep the generator's names")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	if err := run(*n, *nq, *synthShare, *seed); err != nil {
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

func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func run(n, nq int, synthShare float64, seed uint64) error {
	var buf bytes.Buffer
	if err := synth.Write(&buf, synth.Options{Actors: n, Seed: int64(seed)}); err != nil {
		return err
	}
	b, problems := graph.DecodeBundle(&buf, "synth")
	if len(problems) > 0 {
		return fmt.Errorf("synthetic bundle: %v", problems[0])
	}
	buf = bytes.Buffer{}
	rng := rand.New(rand.NewPCG(seed, 7))
	type actor struct {
		name    string
		aliases []string
	}
	actors := make([]actor, len(b.Actors))
	for i, a := range b.Actors {
		actors[i] = actor{a.Name, a.Aliases}
		if rng.Float64() >= synthShare {
			name := variants.Name(rng)
			actors[i] = actor{name: name}
			if rng.IntN(3) == 0 {
				actors[i].aliases = []string{variants.Mutate(rng, name)}
			}
		}
	}
	b = nil
	nnames := 0
	for _, a := range actors {
		nnames += 1 + len(a.aliases)
	}

	before := heap()
	t0 := time.Now()
	ix := names.NewIndex()
	for i, a := range actors {
		ix.Add(uint32(i), a.name, a.aliases)
	}
	build := time.Since(t0)
	t0 = time.Now()
	ix.Compact()
	compact := time.Since(t0)
	after := heap()
	st := ix.Stats()
	fmt.Printf("actors %d, names and aliases %d, keys %d, postings %d\n", st.IDs, st.Names, st.Keys, st.Postings)
	fmt.Printf("build (Add each, automatic compactions) %v, final Compact %v\n", build.Round(time.Millisecond), compact.Round(time.Millisecond))
	fmt.Printf("index heap %.1f MB: %.1f bytes per name or alias (arrays alone: %.1f)\n",
		float64(after-before)/1e6, float64(after-before)/float64(nnames), float64(st.Bytes)/float64(nnames))

	// Queries.
	type query struct {
		text string
		want uint32
	}
	qs := make([]query, 0, nq)
	for len(qs) < nq {
		id := rng.IntN(len(actors))
		a := actors[id]
		text := a.name
		if len(a.aliases) > 0 && rng.IntN(2) == 0 {
			text = a.aliases[0]
		}
		if rng.IntN(5) != 0 {
			text = variants.Mutate(rng, text)
		}
		if _, err := names.Parse(text); err != nil {
			continue
		}
		qs = append(qs, query{text, uint32(id)})
	}
	ctx := context.Background()
	lat := make([]time.Duration, len(qs))
	hitsOf := make([]int, len(qs))
	found1, found20, totals := 0, 0, 0
	maxTotal := 0
	cpu0 := cpuTime()
	wall0 := time.Now()
	for i, q := range qs {
		t := time.Now()
		res, err := ix.Search(ctx, q.text, names.SearchOptions{Limit: 20})
		lat[i] = time.Since(t)
		if err != nil {
			return err
		}
		totals += res.Total
		hitsOf[i] = res.Total
		maxTotal = max(maxTotal, res.Total)
		for r, h := range res.Hits {
			if h.ID == q.want {
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
		if hitsOf[i] > len(actors)/1000 {
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
	report(fmt.Sprintf("queries with at most %d hits", len(actors)/1000), narrow)
	report(fmt.Sprintf("queries with more than %d hits", len(actors)/1000), broad)
	fmt.Printf("mean wall %v, mean CPU %v per query\n", (wall / time.Duration(len(qs))).Round(time.Microsecond),
		(cpu / time.Duration(len(qs))).Round(time.Microsecond))
	fmt.Printf("hits per query: mean %.1f, max %d; source actor first %.1f%%, in the top 20 %.1f%% (ties among equal names count against)\n",
		float64(totals)/float64(len(qs)), maxTotal, 100*float64(found1)/float64(len(qs)), 100*float64(found20)/float64(len(qs)))
	var la [3]float64
	if data, err := os.ReadFile("/proc/loadavg"); err == nil {
		fmt.Sscan(string(data), &la[0], &la[1], &la[2])
		fmt.Printf("load average %.2f %.2f %.2f, GOMAXPROCS %d\n", la[0], la[1], la[2], runtime.GOMAXPROCS(0))
	}
	runtime.KeepAlive(actors)
	runtime.KeepAlive(ix)
	return nil
}
