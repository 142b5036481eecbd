// Package bench holds the performance comparison of issue 2: the embedded
// store against networkx on a Barabási–Albert graph (100k actors, ~1M
// relations) and on a synthetic graph from graph/synth (1M actors, 5M
// relations), with the same 200 random pairs on both sides.
//
// The data is generated into bench/data (git-ignored) by bench/run.sh.
// The package has the shared pieces: the pairs file, the queries as the
// benchmarks run them, percentiles and resident memory. The programs in
// bench/cmd and the benchmarks in bench_test.go use them; see README.md.
package bench

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/encoding"
)

// Pair is one (from, to) query of the benchmark, as actor ids.
type Pair struct{ From, To string }

// RandomPairs picks n pairs of distinct actors uniformly from ids with a
// PCG generator seeded by seed.
func RandomPairs(ids []string, n int, seed uint64) []Pair {
	rng := rand.New(rand.NewPCG(seed, 0x70616972))
	out := make([]Pair, n)
	for i := range out {
		u := rng.IntN(len(ids))
		v := rng.IntN(len(ids) - 1)
		if v >= u {
			v++
		}
		out[i] = Pair{ids[u], ids[v]}
	}
	return out
}

// WritePairs writes pairs one per line, "from to", after a comment line.
func WritePairs(w io.Writer, comment string, pairs []Pair) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# %s\n", comment)
	for _, p := range pairs {
		fmt.Fprintf(bw, "%s %s\n", p.From, p.To)
	}
	return bw.Flush()
}

// ReadPairs reads a file written by WritePairs.
func ReadPairs(path string) ([]Pair, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []Pair
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		s := strings.TrimSpace(sc.Text())
		if s == "" || s[0] == '#' {
			continue
		}
		f := strings.Fields(s)
		if len(f) != 2 {
			return nil, fmt.Errorf("%s:%d: want \"from to\"", path, line)
		}
		out = append(out, Pair{f[0], f[1]})
	}
	return out, sc.Err()
}

// Timings summarises the durations of one query over all pairs.
type Timings struct {
	N    int     `json:"n"`
	P50  float64 `json:"p50_ms"`
	P99  float64 `json:"p99_ms"`
	Mean float64 `json:"mean_ms"`
	Max  float64 `json:"max_ms"`
}

// Summarise computes the percentiles of ds (nearest rank, as numpy's
// "lower"/"higher" midpoint is not needed for 200 samples: p50 is the mean
// of the two middle values, p99 the value at rank ceil(0.99 n)).
func Summarise(ds []time.Duration) Timings {
	if len(ds) == 0 {
		return Timings{}
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	var sum time.Duration
	for _, d := range s {
		sum += d
	}
	n := len(s)
	p50 := (ms(s[(n-1)/2]) + ms(s[n/2])) / 2
	r := (99*n + 99) / 100 // ceil(0.99 n)
	return Timings{N: n, P50: p50, P99: ms(s[r-1]), Mean: ms(sum) / float64(n), Max: ms(s[n-1])}
}

// Limits are the query limits the benchmark opens the store with: the
// defaults, with the node cap lifted so that an ego network is the whole
// depth-2 neighbourhood, as networkx's ego_graph returns it.
func Limits() graph.Limits {
	l := graph.DefaultLimits
	l.MaxNodes = 1 << 30
	return l
}

// MaxHops is the hop limit of the path queries: the ceiling of the default
// limits, so that the store finds every path networkx finds on these
// graphs (their diameters are below it).
const MaxHops = 8

// Shortest runs one shortest-path query and returns the number of hops of
// the path found, or -1 when there is none.
func Shortest(ctx context.Context, s graph.Store, p Pair) (int, error) {
	res, err := s.Paths(ctx, graph.PathQuery{From: p.From, To: p.To, Mode: graph.ShortestPath, MaxHops: MaxHops})
	if err != nil {
		return 0, err
	}
	if len(res.Paths) == 0 {
		return -1, nil
	}
	return len(res.Paths[0].Hops), nil
}

// KShortest runs one k=3 shortest loopless paths query and returns the
// number of paths found.
func KShortest(ctx context.Context, s graph.Store, p Pair) (int, error) {
	res, err := s.Paths(ctx, graph.PathQuery{From: p.From, To: p.To, Mode: graph.KShortest, K: 3, MaxHops: MaxHops})
	return len(res.Paths), err
}

// Ego runs one depth-2 ego network query around p.From and returns the
// number of actors in it. A truncated answer is an error: the limits are
// meant to make it whole.
func Ego(ctx context.Context, s graph.Store, p Pair) (int, error) {
	sub, err := s.Network(ctx, graph.NetworkQuery{Seeds: []string{p.From}, Depth: 2, Limit: Limits().MaxNodes})
	if err != nil {
		return 0, err
	}
	if sub.Truncated {
		return 0, fmt.Errorf("ego network of %s truncated", p.From)
	}
	return len(sub.Nodes), nil
}

// ExportCSV writes every edge of s to w as the server answers GET
// /v1/relations?format=csv (handlers.listRelations): Store.EachEdge into
// graph/encoding's CSV writer with Part "edges". It returns the number of
// rows.
func ExportCSV(ctx context.Context, s graph.Store, w io.Writer) (int, error) {
	cw, err := encoding.NewWriter(w, encoding.CSV, encoding.Options{Part: "edges"})
	if err != nil {
		return 0, err
	}
	n := 0
	err = s.EachEdge(ctx, graph.RelationFilter{}, func(e graph.Edge) error {
		n++
		return cw.Edge(e)
	})
	if err != nil {
		return n, err
	}
	return n, cw.Close()
}

// ExportCSVStdlib streams every edge of s through encoding/csv into w, one
// row per relation with the same columns, and returns the number of rows:
// the first version of the benchmark, kept for comparison.
func ExportCSVStdlib(ctx context.Context, s graph.Store, w io.Writer) (int, error) {
	cw := csv.NewWriter(w)
	n := 0
	row := make([]string, 12)
	err := cw.Write([]string{"id", "source", "target", "type", "role", "confidence", "contested",
		"valid_from", "valid_to", "evidence_count", "first_source", "first_quote"})
	if err != nil {
		return 0, err
	}
	err = s.EachEdge(ctx, graph.RelationFilter{}, func(e graph.Edge) error {
		row[0], row[1], row[2], row[3], row[4] = e.ID, e.From, e.To, e.Type, e.Role
		row[5] = strconv.FormatFloat(e.Confidence, 'f', -1, 64)
		row[6] = strconv.FormatBool(e.Contested)
		row[7], row[8] = e.ValidFrom.String(), e.ValidTo.String()
		row[9] = strconv.Itoa(e.EvidenceCount)
		row[10], row[11] = e.FirstSource, e.FirstQuote
		n++
		return cw.Write(row)
	})
	if err != nil {
		return n, err
	}
	cw.Flush()
	return n, cw.Error()
}

// RSS returns the resident set size of this process from
// /proc/self/status: total (VmRSS), anonymous (RssAnon) and file-backed
// (RssFile, such as bbolt's memory map), in bytes.
func RSS() (total, anon, file int64, err error) {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, 0, 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		kb, _ := strconv.ParseInt(f[1], 10, 64)
		switch f[0] {
		case "VmRSS:":
			total = kb << 10
		case "RssAnon:":
			anon = kb << 10
		case "RssFile:":
			file = kb << 10
		}
	}
	return total, anon, file, nil
}
