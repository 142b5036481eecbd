package netsci

import (
	"context"
	"math"
)

// DefaultExactMaxNodes is BetweennessOptions.ExactMaxNodes when zero.
const DefaultExactMaxNodes = 10000

// DefaultSamples is BetweennessOptions.Samples when zero.
const DefaultSamples = 1000

// BetweennessOptions choose between exact and sampled betweenness.
type BetweennessOptions struct {
	// ExactMaxNodes is the largest graph (in nodes) whose betweenness is
	// computed exactly, from every node; larger graphs are sampled. 0
	// means DefaultExactMaxNodes; negative means always sample (unless
	// Samples >= N).
	ExactMaxNodes int
	// Samples is k, the number of source nodes drawn when sampling; 0
	// means DefaultSamples. At least 10. When k >= N the result is exact.
	Samples int
	// Seed chooses the sample: the same graph, Samples and Seed give the
	// same sources and the same values.
	Seed uint64
	// Confidence is the probability with which the stated Epsilon bounds
	// the error of every node at once; 0 means 0.95. Must be in (0, 1).
	Confidence float64
	// MaxWork bounds sources·2(N+2M) steps; 0 means DefaultMaxWork,
	// negative none.
	MaxWork int64
	// Workers is how many goroutines share the sources; 0 means
	// GOMAXPROCS. The result does not depend on it, bit for bit.
	Workers int
}

// BetweennessResult is the result of Betweenness.
type BetweennessResult struct {
	Scores
	// Exact is true when every node was a source.
	Exact bool
	// Sources is how many sources were searched: N when exact, k when
	// sampled.
	Sources int
	// Seed is the seed the sample was drawn with (when sampled).
	Seed uint64
	// Epsilon bounds the error when sampled: with probability at least
	// Confidence, |value - exact value| <= Epsilon for every node at
	// once. 0 when exact.
	Epsilon    float64
	Confidence float64
	// StdErr, when sampled, is each node's estimated standard error: the
	// standard deviation of its k' terms δ_s(v)/(N-2) over sqrt(k'),
	// with the finite-population correction sqrt(1-k'/(N-1)). Unlike
	// Epsilon it is an estimate, not a bound, but it is usually far
	// smaller; value ± 2·StdErr is a rough 95% interval for one node.
	// Nil when exact.
	StdErr []float64
}

// Betweenness returns the shortest-path betweenness centrality of every
// node, normalized as networkx's betweenness_centrality (normalized=True,
// endpoints=False):
//
//	b(v) = 1/((N-1)(N-2)) · Σ_{s≠v} Σ_{t∉{s,v}} σ_st(v)/σ_st
//
// over ordered pairs, where σ_st counts the shortest s–t paths (in hops)
// and σ_st(v) those through v; pairs with no path count 0. Graphs with
// fewer than 3 nodes give 0 everywhere. The algorithm is Brandes's, from
// every source when N <= ExactMaxNodes.
//
// Beyond that it samples k = Samples distinct sources S uniformly
// (seeded) and returns networkx's estimate for betweenness_centrality(k=…),
// which is unbiased for every node:
//
//	b̂(v) = Σ_{s∈S} δ_s(v) / (k'·(N-2)),  δ_s(v) = Σ_t σ_st(v)/σ_st,
//
// with k' = k for a node outside S and k-1 for a node in S. Given
// whether v is in S, b̂(v) is the mean of k' draws without replacement
// of δ_s(v)/(N-2) ∈ [0,1] from the N-1 sources other than v, whose mean is
// b(v). By Hoeffding's inequality in Serfling's form for sampling without
// replacement and a union bound over the N nodes, with probability at
// least Confidence = 1-δ every node satisfies |b̂(v) - b(v)| <= Epsilon:
//
//	Epsilon = max over k' ∈ {k, k-1} of sqrt( (1-(k'-1)/(N-1)) · ln(2N/δ) / (2k') )
//
// The bound is worst-case and conservative: actual errors are usually far
// smaller (see the package tests), and StdErr estimates them per node.
//
// Memory: besides the graph's locality-ordered copy (built once, about
// the size of the graph), each worker holds about 44 bytes per node and 4
// per adjacency entry, and the 8 partial sums 8 bytes per node each (16
// when sampled): about 50 MB in all for 100,000 nodes and 1M edges on 2
// workers.
//
// Errors: EINVALID for Samples < 10 or Confidence outside (0, 1); a
// *LimitError (ETOOLARGE) when sources·2(N+2M) exceeds MaxWork; ctx's
// error, wrapped, when it is done before the end.
func Betweenness(ctx context.Context, g *Graph, opt BetweennessOptions) (BetweennessResult, error) {
	if opt.ExactMaxNodes == 0 {
		opt.ExactMaxNodes = DefaultExactMaxNodes
	}
	if opt.Samples == 0 {
		opt.Samples = DefaultSamples
	}
	if opt.Confidence == 0 {
		opt.Confidence = 0.95
	}
	n := g.N()
	res := BetweennessResult{Scores: Scores{g: g, Values: make([]float64, n)}}
	if opt.Samples < 10 {
		return res, errInvalid("betweenness sampling needs at least 10 sources, not %d", opt.Samples)
	}
	if !(opt.Confidence > 0 && opt.Confidence < 1) {
		return res, errInvalid("the confidence of sampled betweenness must be between 0 and 1 (exclusive), not %g", opt.Confidence)
	}
	var sources []int32
	if n <= opt.ExactMaxNodes || opt.Samples >= n {
		res.Exact, res.Sources = true, n
	} else {
		res.Sources, res.Seed, res.Confidence = opt.Samples, opt.Seed, opt.Confidence
	}
	what := "exact betweenness"
	if !res.Exact {
		what = "sampled betweenness"
	}
	if err := checkWork(what, float64(res.Sources)*2*g.steps(), opt.MaxWork); err != nil {
		return res, err
	}
	if !res.Exact {
		sources = newRNG(opt.Seed).sample(n, opt.Samples)
	}
	acc, sq, err := brandes(ctx, what, g, sources, opt.Workers)
	if err != nil {
		return res, err
	}
	if n < 3 {
		return res, nil // no node lies between two others
	}
	if res.Exact {
		scale := 1 / (float64(n-1) * float64(n-2))
		for v, a := range acc {
			res.Values[v] = a * scale
		}
		return res, nil
	}
	k := float64(opt.Samples)
	in := make([]bool, n)
	for _, s := range sources {
		in[s] = true
	}
	scaleSource := 1 / ((k - 1) * float64(n-2))
	scaleOther := 1 / (k * float64(n-2))
	res.StdErr = make([]float64, n)
	for v, a := range acc {
		kk := k
		if in[v] {
			res.Values[v] = a * scaleSource
			kk = k - 1
		} else {
			res.Values[v] = a * scaleOther
		}
		// The k' terms x = δ_s(v)/(N-2): mean Values[v], Σx² = sq/(N-2)².
		mean := res.Values[v]
		sumSq := sq[v] / (float64(n-2) * float64(n-2))
		variance := max(0, (sumSq-kk*mean*mean)/(kk-1))
		res.StdErr[v] = math.Sqrt(max(0, 1-kk/float64(n-1)) * variance / kk)
	}
	res.Epsilon = samplingEpsilon(n, opt.Samples, opt.Confidence)
	return res, nil
}

// samplingEpsilon is the bound of sampled betweenness (see
// Betweenness): Hoeffding–Serfling with a union bound over the
// n nodes.
func samplingEpsilon(n, k int, confidence float64) float64 {
	logTerm := math.Log(2 * float64(n) / (1 - confidence))
	eps := 0.0
	for _, kk := range []int{k, k - 1} {
		f := 1 - float64(kk-1)/float64(n-1)
		eps = max(eps, math.Sqrt(f*logTerm/(2*float64(kk))))
	}
	return eps
}

// bparts is how many partial sums Brandes's accumulation is split into.
// It is fixed, not the number of cores, so that the floating-point sums
// (and so the rankings of near-equal nodes) are the same on every machine.
const bparts = 8

// brandes returns Σ_{s∈sources} δ_s(v) for every v (every node when
// sources is nil), searching the sources on up to workers goroutines; and,
// for a sample, Σ δ_s(v)² (nil when exact).
func brandes(ctx context.Context, what string, g *Graph, sources []int32, workers int) (sum, sq []float64, err error) {
	n := g.N()
	ns := n
	if sources != nil {
		ns = len(sources)
	}
	if ns == 0 || n < 3 {
		return make([]float64, n), make([]float64, n), newMeter(ctx, what).check()
	}
	lv := g.localView()
	type acc struct{ sum, sq []float64 }
	accs, err := overSources(ctx, what, ns, workers,
		func() *brandesScratch { return newBrandesScratch(lv) },
		func() acc {
			a := acc{sum: make([]float64, n)}
			if sources != nil {
				a.sq = make([]float64, n)
			}
			return a
		},
		func(m *meter, b *brandesScratch, a acc, i int) error {
			s := int32(i)
			if sources != nil {
				s = sources[i]
			}
			return m.step(b.source(lv, lv.toLocal[s], a.sum, a.sq))
		})
	if err != nil {
		return nil, nil, err
	}
	// Sum the parts in order, and number the sums by node again.
	sum = make([]float64, n)
	if sources != nil {
		sq = make([]float64, n)
	}
	for v, l := range lv.toLocal {
		for _, a := range accs {
			sum[v] += a.sum[l]
			if sq != nil {
				sq[v] += a.sq[l]
			}
		}
	}
	return sum, sq, nil
}

// overSources calls fn(m, scratch, acc, i) for i in 0..ns-1, split into
// min(bparts, ns) contiguous parts, each summed into an accumulator of its
// own (from newAcc), on up to workers goroutines (GOMAXPROCS when 0),
// each with its own meter and scratch. It returns the accumulators in part
// order, so that combining them in that order gives the same floating-point
// result whatever the number of workers. It stops at the first error.
func overSources[S, A any](ctx context.Context, what string, ns, workers int, newScratch func() S, newAcc func() A,
	fn func(m *meter, scratch S, acc A, i int) error) ([]A, error) {
	parts := max(1, min(bparts, ns))
	accs := make([]A, parts)
	err := parallelParts(ctx, what, workers, parts, newScratch, func(m *meter, sc S, p int) error {
		acc := newAcc()
		for i := p * ns / parts; i < (p+1)*ns/parts; i++ {
			if err := fn(m, sc, acc, i); err != nil {
				return err
			}
		}
		accs[p] = acc
		return nil
	})
	if err != nil {
		return nil, err
	}
	return accs, nil
}

// brandesScratch is one goroutine's state for Brandes's searches. The
// distances are an array of their own: every adjacency entry scanned looks
// one up, and a compact array stays in cache.
//
// Each node v owns the slots succ[off[v]:off[v+1]], one per neighbour: its
// successors on shortest paths (neighbours one hop farther from the
// source) go at the front when the search expands v top-down, its
// predecessors at the back when a bottom-up level finds v. A neighbour is
// never both, so they fit.
type brandesScratch struct {
	dist    []int32   // hops from the source; -1 when not reached
	sigma   []float64 // shortest paths from the source
	coef    []float64 // (1+δ)/σ, once the node's dependency δ is known
	pushed  []float64 // Σ coef over the successors that recorded the node as their predecessor
	nsucc   []int32   // successors at the front of v's slots
	npred   []int32   // predecessors at the back of v's slots
	succ    []int32
	queue   []int32
	unknown []int32 // nodes not reached yet, for bottom-up levels
	force   int8    // tests: 1 only top-down, 2 bottom-up at every level
}

func newBrandesScratch(g *localView) *brandesScratch {
	n := len(g.toNode)
	b := &brandesScratch{dist: make([]int32, n), sigma: make([]float64, n), coef: make([]float64, n),
		pushed: make([]float64, n), nsucc: make([]int32, n), npred: make([]int32, n),
		succ: make([]int32, len(g.adj)), queue: make([]int32, n), force: forceDirection}
	for i := range b.dist {
		b.dist[i] = -1
	}
	return b
}

// forceDirection makes new scratches search only top-down (1) or
// bottom-up at every level (2); 0, the default, chooses per level. Tests
// set it to check both ways against each other.
var forceDirection int8

// source adds δ_s(v) to sum[v] (and its square to sq[v] unless sq is
// nil) for every v ≠ s and returns the steps done.
//
// The search goes level by level. A level is expanded top-down, scanning
// the neighbours of the nodes reached last and recording each one's
// successors, or bottom-up, scanning the neighbours of the nodes not
// reached yet and recording each newly reached one's predecessors,
// whichever scans fewer adjacency entries (late levels of a small-world
// graph are cheaper bottom-up: few nodes are left, with few neighbours).
// The dependencies then go back over the shortest-path edges only:
// δ(v) = σ(v)·Σ_w (1+δ(w))/σ(w) over v's successors w, pulled from v's
// successor list and pushed by the successors that listed v as a
// predecessor.
func (b *brandesScratch) source(g *localView, s int32, sum, sq []float64) int {
	dist, sigma, coef, pushed, nsucc, npred, succ, off, adj := b.dist, b.sigma, b.coef, b.pushed, b.nsucc, b.npred, b.succ, g.off, g.adj
	q := b.queue
	q[0], dist[s], sigma[s] = s, 0, 1
	tail, scanned := 1, 0
	left := len(adj) - (off[s+1] - off[s]) // adjacency entries of the nodes not reached
	haveUnknown := false
	for start, d := 0, int32(0); start < tail; d++ {
		end := tail
		front := 0 // adjacency entries of this level's nodes
		for _, v := range q[start:end] {
			front += off[v+1] - off[v]
		}
		if b.force == 2 || b.force == 0 && left < front {
			if !haveUnknown {
				b.unknown = b.unknown[:0]
				for v, dv := range dist {
					if dv < 0 {
						b.unknown = append(b.unknown, int32(v))
					}
				}
				haveUnknown = true
			}
			tail = b.bottomUp(g, d, tail)
			scanned += left
		} else {
			for _, v := range q[start:end] {
				lo, hi := off[v], off[v+1]
				var k int
				tail, k = b.reach(adj, lo, hi, tail, d+1, sigma[v])
				nsucc[v] = int32(k)
			}
			scanned += front
		}
		for _, w := range q[end:tail] {
			left -= off[w+1] - off[w]
		}
		start = end
	}
	// Back from the farthest; the source's own dependency is not needed.
	for i := tail - 1; i > 0; i-- {
		v := q[i]
		lo, hi := off[v], off[v+1]
		delta := sigma[v] * (pull(succ[lo:lo+int(nsucc[v])], coef) + pushed[v])
		c := (1 + delta) / sigma[v]
		coef[v] = c
		if np := npred[v]; np > 0 {
			push(succ[hi-int(np):hi], pushed, c)
		}
		sum[v] += delta
		if sq != nil {
			sq[v] += delta * delta
		}
	}
	steps := tail + scanned + int(nsuccTotal(nsucc, q[:tail])) + int(nsuccTotal(npred, q[:tail]))
	// Back to the state of no search; sigma and coef are set when a
	// search reaches a node.
	for _, v := range q[:tail] {
		dist[v], nsucc[v], npred[v], pushed[v] = -1, 0, 0, 0
	}
	return steps
}

// bottomUp expands level d bottom-up: every node not reached yet that has
// neighbours at distance d is reached at d+1, with those neighbours as its
// predecessors. It returns the new tail of the queue.
func (b *brandesScratch) bottomUp(g *localView, d int32, tail int) int {
	dist, sigma, off, adj, q := b.dist, b.sigma[:len(b.dist)], g.off, g.adj, b.queue
	first := tail
	left := b.unknown[:0]
	for _, w := range b.unknown {
		if dist[w] >= 0 {
			continue // reached by a top-down level since the list was made
		}
		lo, hi := off[w], off[w+1]
		sw, np := collect(adj[lo:hi], dist, sigma, b.succ[lo:hi], d)
		if np == 0 {
			left = append(left, w)
			continue
		}
		q[tail] = w
		tail++
		sigma[w] = sw
		b.npred[w] = int32(np)
	}
	// Mark them reached only now, so that collect, which looks for
	// neighbours at distance d, reads the distances of before this level.
	for _, w := range q[first:tail] {
		dist[w] = d + 1
	}
	b.unknown = left
	return tail
}

// collect scans the neighbours nb of a node not reached yet for those at
// distance d, writes them to the back of slots and returns the sum of
// their sigmas and their number.
//
//go:noinline
func collect(nb, dist []int32, sigma []float64, slots []int32, d int32) (float64, int) {
	var sw float64
	k := len(slots)
	for _, v := range nb {
		if u := uint32(v); dist[u] == d {
			sw += sigma[u]
			k--
			slots[k] = v
		}
	}
	return sw, len(slots) - k
}

// push adds a node's coef to the pushed sums of its predecessors.
//
//go:noinline
func push(preds []int32, pushed []float64, c float64) {
	for _, v := range preds {
		pushed[v] += c
	}
}

// nsuccTotal counts the shortest-path edges a search found: the work of
// its second pass.
func nsuccTotal(nsucc, nodes []int32) int64 {
	var t int64
	for _, v := range nodes {
		t += int64(nsucc[v])
	}
	return t
}

// reach is the inner loop of a search: it looks at the neighbours
// adj[lo:hi] of a node at distance dv-1 with sigma sv, queues those not
// reached yet at queue[tail:], writes those one hop farther (its
// successors) to succ[lo:], and returns the new tail and the number of
// successors. It is a function of its own, with few arguments, so that
// its variables stay in registers.
//
//go:noinline
func (b *brandesScratch) reach(adj []int32, lo, hi, tail int, dv int32, sv float64) (int, int) {
	nb := adj[lo:hi]
	succ := b.succ[lo:hi]
	dist, q := b.dist, b.queue
	sigma := b.sigma[:len(dist)]
	k := 0
	for _, w := range nb {
		u := uint32(w)
		if d := dist[u]; d < 0 {
			dist[u] = dv
			sigma[u] = sv
			q[tail] = w
			tail++
		} else if d != dv {
			continue
		} else {
			sigma[u] += sv
		}
		succ[k] = w
		k++
	}
	return tail, k
}

// pull sums (1+δ)/σ over a node's successors.
//
//go:noinline
func pull(succ []int32, coef []float64) float64 {
	var s float64
	for _, w := range succ {
		s += coef[w]
	}
	return s
}
