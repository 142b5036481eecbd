// Command analysis times analyst/netsci on the BA benchmark graphs, and
// gonum's graph/network and graph/community on the same graphs, for the
// table of bench/README.md ("Network analysis (issue 15)"). Its peer,
// peer.py, times networkx and igraph on the same files in the same run
// (bench/analysis/run.sh runs both).
//
//	go run ./bench/analysis -ba2k bench/data/ba2k.edgelist -ba10k bench/data/ba10k.edgelist \
//	    -ba100k bench/data/ba100k.edgelist -connect bench/data/connect5.txt -out bench/data/results/analysis-go.json
//
// Every measure is the wall time of one call on a graph already built
// (the build is timed on its own), the median of -repeat runs where noted,
// with the process's CPU time beside it (on a shared machine the CPU time
// says how much work a measure took whatever else ran). gonum's
// network.Betweenness and community.Modularize are timed on BA 2k next to
// this package on the same graph: on the big graphs they take hours. The
// output is a JSON object {measure: {...}} that report.py reads.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/community"
	"gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/simple"

	"github.com/actorgraph/actorgraph/analyst/netsci"
)

type result map[string]any

func main() {
	ba2k := flag.String("ba2k", "bench/data/ba2k.edgelist", "BA 2,000 / ~20,000 edge list (the gonum comparison)")
	ba10k := flag.String("ba10k", "bench/data/ba10k.edgelist", "BA 10,000 / ~100,000 edge list")
	ba100k := flag.String("ba100k", "bench/data/ba100k.edgelist", "BA 100,000 / ~1,000,000 edge list")
	connectFile := flag.String("connect", "bench/data/connect5.txt", "terminal sets for connect, one set of node ids per line")
	out := flag.String("out", "", "write the results here as JSON (default stdout)")
	only := flag.String("only", "", "comma-separated measures to run (default all): build,exact,sampled,communities,connect,pagerank,eigenvector,closeness,brokers,gonum; context means build,pagerank,eigenvector,closeness,brokers")
	repeat := flag.Int("repeat", 3, "runs of each short measure (the median is kept)")
	flag.Parse()
	want := func(m string) bool {
		groups := strings.Split(*only, ",")
		context := []string{"build", "pagerank", "eigenvector", "closeness", "brokers"}
		return *only == "" || slices.Contains(groups, m) || slices.Contains(groups, "context") && slices.Contains(context, m)
	}
	ctx := context.Background()
	res := map[string]result{}
	record := func(name string, r result) {
		if c, ok := r["cpu0"].(time.Duration); ok {
			r["cpu_seconds"] = (cpuTime() - c).Seconds()
			delete(r, "cpu0")
		}
		res[name] = r
		b, _ := json.Marshal(r)
		log.Printf("%s: %s", name, b)
	}
	res["machine"] = result{"gomaxprocs": runtime.GOMAXPROCS(0), "go": runtime.Version(), "start": time.Now().UTC().Format(time.RFC3339)}

	edges10k := readEdges(*ba10k)
	edges100k := readEdges(*ba100k)

	var g10k, g100k *netsci.Graph
	t := time.Now()
	g10k = buildGraph(edges10k)
	build10k := time.Since(t)
	t = time.Now()
	g100k = buildGraph(edges100k)
	build100k := time.Since(t)
	if want("build") {
		record("build-ba10k", result{"seconds": build10k.Seconds(), "nodes": g10k.N(), "edges": g10k.M()})
		record("build-ba100k", result{"seconds": build100k.Seconds(), "nodes": g100k.N(), "edges": g100k.M()})
	}

	if want("exact") {
		for _, workers := range []int{0, 1} {
			t, c := time.Now(), cpuTime()
			b, err := netsci.Betweenness(ctx, g10k, netsci.BetweennessOptions{Workers: workers, MaxWork: -1})
			check(err)
			name := "exact-betweenness-ba10k"
			if workers == 1 {
				name += "-1core"
			}
			top := b.Top(1)[0]
			record(name, result{"seconds": time.Since(t).Seconds(), "cpu0": c, "exact": b.Exact, "top": top.ID, "top_value": top.Value})
		}
	}
	if want("gonum") {
		// gonum is too slow for the big graphs (network.Betweenness about
		// 10× and community.Modularize about 1000× this package's time),
		// so both run on BA 2k, next to this package on the same graph.
		edges2k := readEdges(*ba2k)
		g2k := buildGraph(edges2k)
		gg := gonumGraph(edges2k)
		t, c := time.Now(), cpuTime()
		b, err := netsci.Betweenness(ctx, g2k, netsci.BetweennessOptions{Workers: 1, MaxWork: -1})
		check(err)
		top := b.Top(1)[0]
		record("exact-betweenness-ba2k-1core", result{"seconds": time.Since(t).Seconds(), "cpu0": c, "top": top.ID, "top_value": top.Value})
		t, c = time.Now(), cpuTime()
		cb := network.Betweenness(gg)
		secs := time.Since(t).Seconds()
		// network.Betweenness sums over ordered pairs without
		// normalizing: the top node and its normalized value show that it
		// is the same measure.
		n := float64(gg.Nodes().Len())
		var topID int64
		var topV float64
		for id, v := range cb {
			if v > topV || v == topV && id < topID {
				topID, topV = id, v
			}
		}
		record("gonum-exact-betweenness-ba2k", result{"seconds": secs, "cpu0": c, "top": strconv.FormatInt(topID, 10), "top_value": topV / ((n - 1) * (n - 2))})

		t, c = time.Now(), cpuTime()
		p, err := netsci.Communities(ctx, g2k, netsci.CommunityOptions{Seed: 1, MaxWork: -1})
		check(err)
		record("leiden-ba2k", result{"seconds": time.Since(t).Seconds(), "cpu0": c, "modularity": p.Modularity, "communities": len(p.Communities)})
		t, c = time.Now(), cpuTime()
		r := community.Modularize(gg, 1, rand.NewPCG(1, 1))
		secs = time.Since(t).Seconds()
		comms := r.Communities()
		record("gonum-louvain-ba2k", result{"seconds": secs, "cpu0": c, "modularity": community.Q(gg, comms, 1), "communities": len(comms)})
	}

	if want("sampled") {
		t, c := time.Now(), cpuTime()
		b, err := netsci.Betweenness(ctx, g100k, netsci.BetweennessOptions{Samples: 1000, Seed: 1, MaxWork: -1})
		check(err)
		top := b.Top(1)[0]
		record("sampled-betweenness-ba100k", result{"seconds": time.Since(t).Seconds(), "cpu0": c, "sources": b.Sources, "epsilon": b.Epsilon,
			"confidence": b.Confidence, "top": top.ID, "top_value": top.Value})
	}

	if want("communities") {
		for seed := uint64(1); seed <= 3; seed++ {
			t, c := time.Now(), cpuTime()
			p, err := netsci.Communities(ctx, g100k, netsci.CommunityOptions{Seed: seed, MaxWork: -1})
			check(err)
			record(fmt.Sprintf("leiden-ba100k-seed%d", seed), result{"seconds": time.Since(t).Seconds(), "cpu0": c, "modularity": p.Modularity,
				"communities": len(p.Communities), "passes": p.Passes})
		}
	}
	if want("connect") {
		sets := readSets(*connectFile)
		var times []float64
		joined := 0
		edges := 0
		for _, ids := range sets {
			t := time.Now()
			c, err := netsci.Connect(ctx, g100k, ids, netsci.ConnectOptions{MaxHops: 4})
			check(err)
			times = append(times, time.Since(t).Seconds()*1000)
			if len(c.Gaps) == 0 {
				joined++
			}
			edges += len(c.Parts[0].Edges)
		}
		slices.Sort(times)
		record("connect5-ba100k", result{"sets": len(sets), "median_ms": times[len(times)/2], "max_ms": times[len(times)-1],
			"p90_ms": times[len(times)*9/10], "all_joined": joined, "mean_edges": float64(edges) / float64(len(sets))})
	}

	if want("pagerank") {
		var last netsci.Iterated
		secs := median(*repeat, func() {
			var err error
			last, err = netsci.PageRank(ctx, g100k, netsci.PowerOptions{})
			check(err)
		})
		record("pagerank-ba100k", result{"seconds": secs, "iterations": last.Iterations, "tol": last.Tol})
	}
	if want("eigenvector") {
		var last netsci.Iterated
		secs := median(*repeat, func() {
			var err error
			last, err = netsci.Eigenvector(ctx, g100k, netsci.PowerOptions{})
			check(err)
		})
		record("eigenvector-ba100k", result{"seconds": secs, "iterations": last.Iterations, "tol": last.Tol})
	}
	if want("closeness") {
		t, c := time.Now(), cpuTime()
		_, err := netsci.Closeness(ctx, g10k, netsci.ClosenessOptions{MaxWork: -1})
		check(err)
		record("closeness-ba10k", result{"seconds": time.Since(t).Seconds(), "cpu0": c})
	}
	if want("brokers") {
		sets := readSets(*connectFile)
		var a, b []string
		for _, s := range sets[:2] {
			a = append(a, s...)
		}
		for _, s := range sets[2:4] {
			b = append(b, s...)
		}
		t, c := time.Now(), cpuTime()
		r, err := netsci.Brokers(ctx, g100k, a, b, netsci.BrokerOptions{})
		check(err)
		record("brokers-10x10-ba100k", result{"seconds": time.Since(t).Seconds(), "cpu0": c, "pairs": r.Pairs, "brokers": r.Total})
	}

	enc, err := json.MarshalIndent(res, "", "  ")
	check(err)
	if *out == "" {
		fmt.Println(string(enc))
		return
	}
	check(os.WriteFile(*out, append(enc, '\n'), 0o644))
}

// readEdges reads a networkx edge list: "u v" per line.
func readEdges(path string) [][2]string {
	f, err := os.Open(path)
	check(err)
	defer f.Close()
	var edges [][2]string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) >= 2 {
			edges = append(edges, [2]string{fs[0], fs[1]})
		}
	}
	check(sc.Err())
	return edges
}

// readSets reads one set of node ids per line.
func readSets(path string) [][]string {
	data, err := os.ReadFile(path)
	check(err)
	var sets [][]string
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		sets = append(sets, strings.Fields(line))
	}
	return sets
}

func buildGraph(edges [][2]string) *netsci.Graph {
	b := netsci.NewBuilder(netsci.BuildLimits{})
	for _, e := range edges {
		check(b.AddEdge(e[0], e[1]))
	}
	g, err := b.Build(context.Background())
	check(err)
	return g
}

// gonumGraph is the same graph as a gonum simple.UndirectedGraph, node ids
// the numbers of the edge list.
func gonumGraph(edges [][2]string) *simple.UndirectedGraph {
	g := simple.NewUndirectedGraph()
	node := func(s string) graph.Node {
		id, err := strconv.ParseInt(s, 10, 64)
		check(err)
		if n := g.Node(id); n != nil {
			return n
		}
		n := simple.Node(id)
		g.AddNode(n)
		return n
	}
	for _, e := range edges {
		u, v := node(e[0]), node(e[1])
		if u.ID() != v.ID() {
			g.SetEdge(g.NewEdge(u, v))
		}
	}
	return g
}

// cpuTime is the process's user and system CPU time so far: on a shared
// machine it says how much work a measure took, whatever else ran.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	check(syscall.Getrusage(syscall.RUSAGE_SELF, &ru))
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// median runs f n times and returns the median wall time in seconds.
func median(n int, f func()) float64 {
	var ts []float64
	for range max(1, n) {
		t := time.Now()
		f()
		ts = append(ts, time.Since(t).Seconds())
	}
	slices.Sort(ts)
	return ts[len(ts)/2]
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
