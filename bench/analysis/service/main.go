// Command service times the network analyses end to end through the
// application layer (analyst.Service over the embedded store), next to
// analyst/netsci alone on the same graph, for the table "Network analysis
// through the service" of bench/README.md.
//
//	go run ./bench/analysis/service -ba10k bench/data/ba10k.edgelist -ba100k bench/data/ba100k.edgelist \
//	    -connect bench/data/connect5.txt -dir bench/data -out bench/data/results/analysis-service.json
//
// Each BA edge list (bench/gen_ba.py) becomes a store of persons joined by
// ASSOCIATE_OF, node u the actor "n<u>" (graph/synth.EdgeListBundle; the
// store is made once, in -dir, and reused). Every measure is then timed
// four ways in one run, one after the other, so that they see the same
// load on a shared machine:
//
//   - read: Service.AnalysisGraph, which reads every actor and every
//     relation that passes the filter from the store and builds the graph
//     the measures run on;
//   - cold: the whole analysis through a Service without the graph cache
//     (read, build, measure, names, and for brokers and connect every
//     hop's relation and evidence), as the HTTP API and the command line
//     call it the first time;
//   - warm: the same through a Service that read the graph for an earlier
//     analysis (analysis.cache_ttl): what an analyst's next question costs;
//   - netsci: the measure alone, on the same graph built from the edge
//     list in memory, as bench/analysis times it.
//
// The output is JSON {measure: {...}} with wall seconds (the median of
// -repeat runs) and the process's CPU seconds.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/actorgraph/actorgraph/analyst"
	"github.com/actorgraph/actorgraph/analyst/netsci"
	"github.com/actorgraph/actorgraph/bench/benchstore"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/synth"
)

type result map[string]any

func main() {
	ba10k := flag.String("ba10k", "bench/data/ba10k.edgelist", "BA 10,000 / ~100,000 edge list")
	ba100k := flag.String("ba100k", "bench/data/ba100k.edgelist", "BA 100,000 / ~1,000,000 edge list")
	connectFile := flag.String("connect", "bench/data/connect5.txt", "terminal sets for connect, one set of node numbers per line")
	dir := flag.String("dir", "bench/data", "where the stores are made (store-ba10k, store-ba100k)")
	out := flag.String("out", "", "write the results here as JSON (default stdout)")
	repeat := flag.Int("repeat", 3, "runs of each measure (the median is kept)")
	only := flag.String("only", "", "comma-separated graphs to run (ba10k, ba100k; default both)")
	synth1m := flag.Bool("synth1m", false, "also run the analyses with the default bounds on the graph/synth graph of 1,000,000 actors and 5,000,000 relations (store-synth1m in -dir, made once: several minutes and GB)")
	flag.Parse()
	ctx := context.Background()
	res := map[string]result{"machine": {"gomaxprocs": runtime.GOMAXPROCS(0), "go": runtime.Version(), "start": time.Now().UTC().Format(time.RFC3339)}}
	record := func(name string, r result) {
		res[name] = r
		b, _ := json.Marshal(r)
		log.Printf("%s: %s", name, b)
	}
	want := func(g string) bool { return *only == "" || slices.Contains(strings.Split(*only, ","), g) }
	// No bound but the machine: the bench measures, it does not refuse.
	lim := analyst.AnalysisLimits{Timeout: time.Hour, MaxWork: 1 << 62}

	sets := readSets(*connectFile)
	for _, gr := range []struct{ name, edgelist string }{{"ba10k", *ba10k}, {"ba100k", *ba100k}} {
		if !want(gr.name) {
			continue
		}
		st, openSecs := openStore(ctx, filepath.Join(*dir, "store-"+gr.name), gr.edgelist)
		record("open-"+gr.name, result{"seconds": openSecs})
		coldLim := lim
		coldLim.CacheTTL = -1
		svc := analyst.New(analyst.Deps{Store: st, Analysis: coldLim})
		warmLim := lim
		warmLim.CacheTTL = time.Hour
		warm := analyst.New(analyst.Deps{Store: st, Analysis: warmLim})
		g := buildGraph(ctx, gr.edgelist)
		var stated analyst.AnalysisGraph
		read := timed(*repeat, func() {
			var err error
			stated, err = svc.AnalysisGraph(ctx, graph.RelationFilter{})
			check(err)
		})
		record("read-"+gr.name, result{"seconds": read.wall, "cpu_seconds": read.cpu, "actors": stated.Actors, "edges": stated.Edges, "relations": stated.Relations})

		type measure struct {
			name    string
			service func(svc *analyst.Service)
			netsci  func()
			per     int // analyses per call (0: one)
		}
		var ms []measure
		centrality := func(m analyst.Measure, top int) func(*analyst.Service) {
			return func(svc *analyst.Service) {
				_, err := svc.Centrality(ctx, analyst.CentralityQuery{Measure: m, Top: top, Seed: 1})
				check(err)
			}
		}
		ms = append(ms,
			measure{"degree", centrality(analyst.Degree, 20), func() { netsci.Degree(g).Top(20) }, 1},
			measure{"pagerank", centrality(analyst.PageRank, 20), func() {
				_, err := netsci.PageRank(ctx, g, netsci.PowerOptions{Tol: 1e-12, MaxIter: 500, MaxWork: -1})
				check(err)
			}, 1},
			measure{"eigenvector", centrality(analyst.Eigenvector, 20), func() {
				_, err := netsci.Eigenvector(ctx, g, netsci.PowerOptions{Tol: 1e-12, MaxIter: 500, MaxWork: -1})
				check(err)
			}, 1},
			measure{"communities", func(svc *analyst.Service) {
				_, err := svc.Communities(ctx, analyst.CommunitiesQuery{Seed: 1})
				check(err)
			}, func() {
				_, err := netsci.Communities(ctx, g, netsci.CommunityOptions{Seed: 1, MaxWork: -1})
				check(err)
			}, 1},
		)
		if gr.name == "ba10k" {
			ms = append(ms,
				measure{"exact-betweenness", centrality(analyst.Betweenness, 20), func() {
					_, err := netsci.Betweenness(ctx, g, netsci.BetweennessOptions{MaxWork: -1})
					check(err)
				}, 1},
				measure{"closeness", centrality(analyst.Closeness, 20), func() {
					_, err := netsci.Closeness(ctx, g, netsci.ClosenessOptions{MaxWork: -1})
					check(err)
				}, 1},
			)
		} else {
			ms = append(ms, measure{"sampled-betweenness-1000", centrality(analyst.Betweenness, 20), func() {
				_, err := netsci.Betweenness(ctx, g, netsci.BetweennessOptions{Samples: 1000, Seed: 1, MaxWork: -1})
				check(err)
			}, 1})
		}
		// Brokers between two sets of ten and the connecting network of
		// five: the sets of the connect file, within this graph.
		var in [][]string
		for _, s := range sets {
			var ids []string
			for _, v := range s {
				if _, ok := g.Index("n" + v); ok {
					ids = append(ids, "n"+v)
				}
			}
			if len(ids) == len(s) {
				in = append(in, ids)
			}
		}
		if len(in) >= 4 {
			a, b := append(slices.Clone(in[0]), in[1]...), append(slices.Clone(in[2]), in[3]...)
			ms = append(ms, measure{"brokers-10x10", func(svc *analyst.Service) {
				_, err := svc.Brokers(ctx, analyst.BrokersQuery{A: a, B: b, Examples: 3, MaxHops: 8})
				check(err)
			}, func() {
				_, err := netsci.Brokers(ctx, g, a, b, netsci.BrokerOptions{MaxHops: 8, IgnoreDirect: true, MaxWork: -1})
				check(err)
			}, 1})
		}
		if len(in) > 0 {
			// Ten sets of five, each run once per timing: the time of one
			// is a tenth.
			sets := in[:min(10, len(in))]
			ms = append(ms, measure{"connect-5", func(svc *analyst.Service) {
				for _, s := range sets {
					_, err := svc.Connect(ctx, analyst.ConnectQuery{Actors: s})
					check(err)
				}
			}, func() {
				for _, s := range sets {
					_, err := netsci.Connect(ctx, g, s, netsci.ConnectOptions{MaxHops: 4})
					check(err)
				}
			}, len(sets)})
		}
		_, err := warm.AnalysisGraph(ctx, graph.RelationFilter{}) // the warm service has read the graph
		check(err)
		for _, m := range ms {
			c := timed(*repeat, func() { m.service(svc) })
			w := timed(*repeat, func() { m.service(warm) })
			n := timed(*repeat, m.netsci)
			if m.per > 1 {
				d := float64(m.per)
				c, w, n = timing{c.wall / d, c.cpu / d}, timing{w.wall / d, w.cpu / d}, timing{n.wall / d, n.cpu / d}
			}
			record(m.name+"-"+gr.name, result{"cold_seconds": c.wall, "cold_cpu_seconds": c.cpu, "warm_seconds": w.wall, "warm_cpu_seconds": w.cpu,
				"netsci_seconds": n.wall, "netsci_cpu_seconds": n.cpu, "read_seconds": read.wall})
		}
		check(st.Close())
	}
	if *synth1m {
		synthDefaults(ctx, filepath.Join(*dir, "store-synth1m"), record)
	}
	enc, err := json.MarshalIndent(res, "", "  ")
	check(err)
	if *out == "" {
		fmt.Println(string(enc))
		return
	}
	check(os.MkdirAll(filepath.Dir(*out), 0o755))
	check(os.WriteFile(*out, append(enc, '\n'), 0o644))
}

// synthDefaults runs each analysis once through a Service with the default
// bounds (analyst.DefaultAnalysisLimits, no cache) on the synthetic graph
// of a million actors and five million relations, and records its time or
// the bound that refused it: what the defaults allow on the largest graph
// of the issue.
func synthDefaults(ctx context.Context, dir string, record func(string, result)) {
	if _, err := os.Stat(filepath.Join(dir, "actorgraph.db")); err != nil {
		log.Printf("making %s: graph/synth, 1,000,000 actors, 5,000,000 relations, seed 1", dir)
		f, err := os.CreateTemp(filepath.Dir(dir), "synth1m-*.json")
		check(err)
		defer os.Remove(f.Name())
		w := bufio.NewWriterSize(f, 1<<20)
		check(synth.Write(w, synth.Options{Actors: 1_000_000, Relations: 5_000_000, Seed: 1}))
		check(w.Flush())
		check(f.Close())
		b, err := benchstore.ReadBundle(f.Name())
		check(err)
		st, err := benchstore.OpenStore(ctx, dir)
		check(err)
		t := time.Now()
		_, err = st.Import(ctx, b)
		check(err)
		log.Printf("imported in %.0fs", time.Since(t).Seconds())
		check(st.Close())
	}
	t := time.Now()
	st, err := benchstore.OpenStore(ctx, dir)
	check(err)
	defer st.Close()
	record("open-synth1m", result{"seconds": time.Since(t).Seconds()})
	svc := analyst.New(analyst.Deps{Store: st, Analysis: analyst.AnalysisLimits{CacheTTL: -1}})
	run := func(name string, f func() error) {
		t, c := time.Now(), cpuTime()
		err := f()
		r := result{"seconds": time.Since(t).Seconds(), "cpu_seconds": (cpuTime() - c).Seconds()}
		if err != nil {
			r["refused"] = graph.ErrorCode(err) + ": " + graph.ErrorMessage(err)
		}
		record(name+"-synth1m", r)
	}
	var stated analyst.AnalysisGraph
	run("read", func() (err error) { stated, err = svc.AnalysisGraph(ctx, graph.RelationFilter{}); return err })
	log.Printf("synth1m: %s", stated.Description)
	for _, m := range analyst.Measures {
		run(string(m), func() error {
			_, err := svc.Centrality(ctx, analyst.CentralityQuery{Measure: m, Seed: 1})
			return err
		})
	}
	run("communities", func() error { _, err := svc.Communities(ctx, analyst.CommunitiesQuery{Seed: 1}); return err })
	ids := []string{synth.ActorID(0), synth.ActorID(4), synth.ActorID(5), synth.ActorID(6), synth.ActorID(8)}
	run("connect-5", func() error { _, err := svc.Connect(ctx, analyst.ConnectQuery{Actors: ids}); return err })
	run("brokers-2x3", func() error {
		_, err := svc.Brokers(ctx, analyst.BrokersQuery{A: ids[:2], B: ids[2:]})
		return err
	})
}

// openStore opens the store in dir, first making it from the edge list
// when dir holds none. It returns the time the open took (loading the
// index), not the making.
func openStore(ctx context.Context, dir, edgelist string) (graph.Store, float64) {
	if _, err := os.Stat(filepath.Join(dir, "actorgraph.db")); err != nil {
		log.Printf("making %s from %s", dir, edgelist)
		f, err := os.Open(edgelist)
		check(err)
		var buf bytes.Buffer
		_, err = synth.EdgeListBundle(&buf, bufio.NewReaderSize(f, 1<<20), synth.EdgeListOptions{Seed: 1})
		f.Close()
		check(err)
		b, ps := graph.DecodeBundle(&buf, edgelist)
		if len(ps) > 0 {
			log.Fatalf("%s: %s", edgelist, ps[0])
		}
		st, err := benchstore.OpenStore(ctx, dir)
		check(err)
		t := time.Now()
		_, err = st.Import(ctx, b)
		check(err)
		log.Printf("imported %d actors and %d relations in %.1fs", len(b.Actors), len(b.Relations), time.Since(t).Seconds())
		check(st.Close())
	}
	t := time.Now()
	st, err := benchstore.OpenStore(ctx, dir)
	check(err)
	return st, time.Since(t).Seconds()
}

// buildGraph is the graph of an edge list, node u the id "n<u>", built in
// memory without the store: what netsci alone is timed on.
func buildGraph(ctx context.Context, path string) *netsci.Graph {
	f, err := os.Open(path)
	check(err)
	defer f.Close()
	b := netsci.NewBuilder(netsci.BuildLimits{})
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) >= 2 {
			check(b.AddEdge("n"+fs[0], "n"+fs[1]))
		}
	}
	check(sc.Err())
	g, err := b.Build(ctx)
	check(err)
	return g
}

// readSets reads one set of node numbers per line.
func readSets(path string) [][]string {
	data, err := os.ReadFile(path)
	check(err)
	var sets [][]string
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		sets = append(sets, strings.Fields(line))
	}
	return sets
}

type timing struct{ wall, cpu float64 }

// timed runs f n times and returns the median wall time and the median
// CPU time, in seconds.
func timed(n int, f func()) timing {
	var ws, cs []float64
	for range max(1, n) {
		t, c := time.Now(), cpuTime()
		f()
		ws = append(ws, time.Since(t).Seconds())
		cs = append(cs, (cpuTime() - c).Seconds())
	}
	slices.Sort(ws)
	slices.Sort(cs)
	return timing{ws[len(ws)/2], cs[len(cs)/2]}
}

// cpuTime is the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	check(syscall.Getrusage(syscall.RUSAGE_SELF, &ru))
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
