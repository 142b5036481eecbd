package netsci

import (
	"context"
	"math"
	"runtime"
	"sync"
	"sync/atomic"
)

// Degree returns the degree centrality of every node, as networkx's
// degree_centrality: the number of neighbours divided by N-1 (1 for every
// node of a graph with one node).
func Degree(g *Graph) Scores {
	n := g.N()
	vals := make([]float64, n)
	if n == 1 {
		vals[0] = 1
	}
	if n > 1 {
		s := 1 / float64(n-1)
		for v := range vals {
			vals[v] = float64(g.Degree(v)) * s
		}
	}
	return Scores{g: g, Values: vals}
}

// ClosenessOptions bound Closeness.
type ClosenessOptions struct {
	// MaxWork bounds the N breadth-first searches (N·(N+2M) steps);
	// 0 means DefaultMaxWork, negative none.
	MaxWork int64
	// Workers is how many goroutines share the searches; 0 means
	// GOMAXPROCS. The result does not depend on it.
	Workers int
}

// Closeness returns the closeness centrality of every node, as networkx's
// closeness_centrality with its defaults (wf_improved=True), which handles
// disconnected graphs by the Wasserman–Faust scaling: for a node v that
// reaches r nodes (itself included) at total distance d,
//
//	closeness(v) = (r-1)/d · (r-1)/(N-1)
//
// and 0 when v reaches no other node. Distances are hop counts.
//
// Errors: a *LimitError (ETOOLARGE) when N·(N+2M) exceeds MaxWork; ctx's
// error, wrapped, when it is done before the end.
func Closeness(ctx context.Context, g *Graph, opt ClosenessOptions) (Scores, error) {
	n := g.N()
	if err := checkWork("closeness", float64(n)*g.steps(), opt.MaxWork); err != nil {
		return Scores{}, err
	}
	vals := make([]float64, n)
	type scratch struct {
		dist  []int32
		queue []int32
	}
	lv := g.localView()
	err := parallelFor(ctx, "closeness", opt.Workers, n, 16, func() *scratch {
		s := &scratch{dist: make([]int32, n), queue: make([]int32, n)}
		for i := range s.dist {
			s.dist[i] = -1
		}
		return s
	}, func(m *meter, s *scratch, v int) error {
		l := lv.toLocal[v]
		s.queue[0], s.dist[l] = l, 0
		tail, total := 1, 0
		for h := 0; h < tail; h++ {
			u := s.queue[h]
			nb := lv.adj[lv.off[u]:lv.off[u+1]]
			before := tail
			tail = discover(nb, s.dist, s.queue, tail, s.dist[u]+1)
			total += (tail - before) * int(s.dist[u]+1)
			if err := m.step(len(nb) + 1); err != nil {
				return err
			}
		}
		q := s.queue[:tail]
		for _, u := range q {
			s.dist[u] = -1
		}
		if total > 0 && n > 1 {
			r := float64(len(q)) - 1
			c := r / float64(total)
			c *= r / float64(n-1)
			vals[v] = c
		}
		return nil
	})
	if err != nil {
		return Scores{}, err
	}
	return Scores{g: g, Values: vals}, nil
}

// discover is the inner loop of a breadth-first search: it gives the
// neighbours nb not reached yet distance d and queues them at q[tail:],
// and returns the new tail.
//
//go:noinline
func discover(nb, dist, q []int32, tail int, d int32) int {
	for _, w := range nb {
		if u := uint32(w); dist[u] < 0 {
			dist[u] = d
			q[tail] = w
			tail++
		}
	}
	return tail
}

// parallelFor calls fn(m, scratch, i) for i in 0..n-1 on up to workers
// goroutines (GOMAXPROCS when 0), handing out chunks of the given size;
// each goroutine has its own meter and scratch (from newScratch). It
// stops at the first error and returns it.
func parallelFor[S any](ctx context.Context, what string, workers, n, chunk int, newScratch func() S, fn func(m *meter, scratch S, i int) error) error {
	return parallelParts(ctx, what, workers, (n+chunk-1)/chunk, newScratch, func(m *meter, sc S, p int) error {
		for i := p * chunk; i < min((p+1)*chunk, n); i++ {
			if err := fn(m, sc, i); err != nil {
				return err
			}
		}
		return nil
	})
}

// parallelParts calls fn(m, scratch, p) for every part p in 0..parts-1 on
// up to workers goroutines (GOMAXPROCS when 0), each taking the next part
// when done with one, with its own meter and scratch (from newScratch). It
// stops at the first error and returns it.
func parallelParts[S any](ctx context.Context, what string, workers, parts int, newScratch func() S, fn func(m *meter, scratch S, p int) error) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, parts))
	if err := newMeter(ctx, what).check(); err != nil {
		return err
	}
	var (
		next   atomic.Int64
		failed atomic.Bool
		once   sync.Once
		first  error
		wg     sync.WaitGroup
	)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m := newMeter(ctx, what)
			sc := newScratch()
			for !failed.Load() {
				p := int(next.Add(1)) - 1
				if p >= parts {
					return
				}
				if err := fn(m, sc, p); err != nil {
					once.Do(func() { first = err })
					failed.Store(true)
					return
				}
			}
		}()
	}
	wg.Wait()
	return first
}

// PowerOptions are the parameters of PageRank and Eigenvector, which both
// iterate until the L1 change between two iterates is below N·Tol, as
// networkx does.
type PowerOptions struct {
	// Alpha is PageRank's damping factor; 0 means 0.85 (networkx's
	// default). Eigenvector ignores it.
	Alpha float64
	// Tol is the tolerance per node; 0 means 1e-10 (networkx's default
	// is 1e-6, which leaves errors around 1e-6 in the values).
	Tol float64
	// MaxIter bounds the iterations; 0 means 1000 (networkx: 100).
	MaxIter int
	// MaxWork bounds MaxIter·(N+2M) steps; 0 means DefaultMaxWork,
	// negative none.
	MaxWork int64
}

func (o PowerOptions) withDefaults() PowerOptions {
	if o.Alpha == 0 {
		o.Alpha = 0.85
	}
	if o.Tol == 0 {
		o.Tol = 1e-10
	}
	if o.MaxIter == 0 {
		o.MaxIter = 1000
	}
	return o
}

// Iterated is the result of a power iteration.
type Iterated struct {
	Scores
	Iterations int     // iterations done
	Converged  bool    // the last change was below N·Tol
	Change     float64 // L1 change of the last iteration
	Tol        float64 // the tolerance used
	Alpha      float64 // PageRank's damping factor (0 for Eigenvector)
}

// PageRank returns the PageRank of every node, as networkx's pagerank
// with no weights, personalization, nstart or dangling vector: each edge
// is followed both ways, a walker at a node with no edge jumps to any
// node, and starting from 1/N at every node it iterates
//
//	x'(v) = Alpha·( Σ_{u~v} x(u)/deg(u) + Σ_{deg(u)=0} x(u)/N ) + (1-Alpha)/N
//
// until Σ|x'-x| < N·Tol. The values sum to 1. A graph without nodes gives
// no values. When MaxIter is reached first the result has Converged false
// (networkx raises PowerIterationFailedConvergence instead).
//
// Errors: a *LimitError (ETOOLARGE) past MaxWork; ctx's error, wrapped.
func PageRank(ctx context.Context, g *Graph, opt PowerOptions) (Iterated, error) {
	opt = opt.withDefaults()
	n := g.N()
	res := Iterated{Scores: Scores{g: g, Values: []float64{}}, Tol: opt.Tol, Alpha: opt.Alpha}
	if opt.Alpha < 0 || opt.Alpha > 1 || opt.Tol < 0 || opt.MaxIter < 0 {
		return res, errInvalid("pagerank needs 0 <= alpha <= 1, a positive tolerance and iteration count")
	}
	if err := checkWork("pagerank", float64(opt.MaxIter)*g.steps(), opt.MaxWork); err != nil {
		return res, err
	}
	if n == 0 {
		res.Converged = true
		return res, nil
	}
	m := newMeter(ctx, "pagerank")
	inv := make([]float64, n) // 1/deg, 0 for dangling nodes
	var dangling []int32
	for v := range inv {
		if d := g.Degree(v); d > 0 {
			inv[v] = 1 / float64(d)
		} else {
			dangling = append(dangling, int32(v))
		}
	}
	y := make([]float64, n) // x(u)/deg(u)
	p := 1 / float64(n)
	err := powerIterate(m, g, opt, &res, func(x, next []float64) float64 {
		var dsum float64
		for _, v := range dangling {
			dsum += x[v]
		}
		for v := range x {
			y[v] = x[v] * inv[v]
		}
		base := opt.Alpha*dsum*p + (1-opt.Alpha)*p
		var change float64
		for v := range next {
			var s float64
			for _, u := range g.Neighbors(v) {
				s += y[u]
			}
			next[v] = opt.Alpha*s + base
			change += math.Abs(next[v] - x[v])
		}
		return change
	})
	return res, err
}

// powerIterate starts from 1/N at every node and calls step(x, next),
// which writes the next iterate and returns its L1 change from x, until
// the change is below N·Tol (res.Converged) or MaxIter iterations, and
// leaves the last iterate in res.Values; it counts the work on m and stops
// at its error.
func powerIterate(m *meter, g *Graph, opt PowerOptions, res *Iterated, step func(x, next []float64) float64) error {
	n := g.N()
	x, next := make([]float64, n), make([]float64, n)
	for v := range x {
		x[v] = 1 / float64(n)
	}
	for it := 1; it <= opt.MaxIter; it++ {
		change := step(x, next)
		x, next = next, x
		res.Iterations, res.Change = it, change
		if err := m.step(len(g.adj) + 2*n); err != nil {
			return err
		}
		if change < float64(n)*opt.Tol {
			res.Converged = true
			break
		}
	}
	res.Values = x
	return nil
}

// Eigenvector returns the eigenvector centrality of every node, as
// networkx's eigenvector_centrality without weights or nstart: starting
// from 1/N at every node it iterates x' = (A+I)x / ‖(A+I)x‖₂ (the identity
// shift makes it converge on bipartite graphs too) until Σ|x'-x| < N·Tol.
// The values have Euclidean norm 1. On a disconnected graph the iteration
// concentrates on the components with the largest eigenvalue, as
// networkx's does. A graph without nodes gives no values (networkx raises
// an error); Converged false as in PageRank.
//
// Errors: a *LimitError (ETOOLARGE) past MaxWork; ctx's error, wrapped.
func Eigenvector(ctx context.Context, g *Graph, opt PowerOptions) (Iterated, error) {
	opt = opt.withDefaults()
	n := g.N()
	res := Iterated{Scores: Scores{g: g, Values: []float64{}}, Tol: opt.Tol}
	if opt.Tol < 0 || opt.MaxIter < 0 {
		return res, errInvalid("eigenvector centrality needs a positive tolerance and iteration count")
	}
	if err := checkWork("eigenvector centrality", float64(opt.MaxIter)*g.steps(), opt.MaxWork); err != nil {
		return res, err
	}
	if n == 0 {
		res.Converged = true
		return res, nil
	}
	m := newMeter(ctx, "eigenvector centrality")
	err := powerIterate(m, g, opt, &res, func(x, next []float64) float64 {
		var sq float64
		for v := range next {
			s := x[v]
			for _, u := range g.Neighbors(v) {
				s += x[u]
			}
			next[v] = s
			sq += s * s
		}
		norm := math.Sqrt(sq)
		if norm == 0 {
			norm = 1
		}
		var change float64
		for v := range next {
			next[v] /= norm
			change += math.Abs(next[v] - x[v])
		}
		return change
	})
	return res, err
}
