package netsci

import (
	"context"
	"math"
	"slices"
	"sort"
)

// CommunityOptions parameterise Communities.
type CommunityOptions struct {
	// Seed chooses the order in which the nodes are visited: the same
	// graph and Seed give the same communities.
	Seed uint64
	// Resolution is γ in the modularity below; 0 means 1 (the classic
	// modularity, as networkx's and igraph's defaults). Higher values give
	// more, smaller communities.
	Resolution float64
	// MaxPasses bounds the passes of Leiden; 0 means DefaultMaxPasses.
	// Passes stop earlier when one does not raise the modularity.
	MaxPasses int
	// MaxWork bounds the work, estimated as 20·MaxPasses·(N+2M) steps;
	// 0 means DefaultMaxWork, negative none.
	MaxWork int64
}

// Partition is the result of Communities.
type Partition struct {
	g *Graph
	// Of gives the community of each node (an index into Communities).
	Of []int32
	// Communities are ordered by size, largest first, then by their
	// smallest member's id. Isolated nodes are communities of one.
	Communities []Community
	// Modularity of the partition on the whole graph (0 for a graph
	// without edges, where it is undefined).
	Modularity float64
	Resolution float64
	Seed       uint64
	Passes     int // Leiden passes that raised the modularity
	Levels     int // levels of those passes, summed
}

// Community is a set of nodes.
type Community struct {
	// Members are ordered by their number of neighbours inside the
	// community, most first, then by id: the first few are the actors who
	// hold it together, and a natural name for it.
	Members []int32
	// Internal is the number of edges with both ends inside; Degree the
	// sum of the members' degrees (so Degree-2·Internal edges leave it).
	Internal, Degree int
}

// IDs returns the ids of community c's members, in Members order.
func (p *Partition) IDs(c int) []string {
	out := make([]string, len(p.Communities[c].Members))
	for i, v := range p.Communities[c].Members {
		out[i] = p.g.ids[v]
	}
	return out
}

// Communities partitions the graph by the Leiden algorithm (Traag,
// Waltman and van Eck 2019), maximising the modularity
//
//	Q = Σ_c [ L_c/M − γ·(D_c/2M)² ]
//
// where L_c is the number of edges inside community c, D_c the sum of its
// members' degrees and M the number of edges (networkx's
// community.modularity and igraph's modularity with the same γ).
//
// One pass of Leiden moves nodes greedily between communities (a queue of
// nodes in an order shuffled with Seed; a node moves to the neighbouring
// or empty community that raises Q most, staying put on ties and otherwise
// preferring the first neighbour met, and its neighbours outside its new
// community are queued again), refines each community by merging its
// well-connected nodes greedily into well-connected subcommunities (so
// every community found is connected), and repeats on the graph of the
// refined communities until nothing moves. Passes repeat, each starting
// from the last partition, until the modularity stops rising (at most
// MaxPasses). Every community returned is connected: one that is not
// (Leiden's refinement prevents it but for a rare case) is split into its
// connected parts, which only raises Q. The gains are compared exactly (as integers) when γ = 1 and
// the graph has fewer than about 60 million edges, so the result does not
// depend on rounding: the same graph and Seed give the same partition.
//
// Errors: EINVALID for a negative Resolution; a *LimitError (ETOOLARGE)
// past MaxWork; ctx's error, wrapped, when it is done before the end.
func Communities(ctx context.Context, g *Graph, opt CommunityOptions) (*Partition, error) {
	if opt.Resolution == 0 {
		opt.Resolution = 1
	}
	if opt.Resolution < 0 {
		return nil, errInvalid("resolution must be positive, not %g", opt.Resolution)
	}
	if opt.MaxPasses == 0 {
		opt.MaxPasses = DefaultMaxPasses
	}
	if err := checkWork("communities", 20*float64(opt.MaxPasses)*g.steps(), opt.MaxWork); err != nil {
		return nil, err
	}
	m := newMeter(ctx, "communities")
	if err := m.check(); err != nil {
		return nil, err
	}
	n := g.N()
	of := make([]int32, n) // the community of each node
	for v := range of {
		of[v] = int32(v)
	}
	p := &Partition{g: g, Resolution: opt.Resolution, Seed: opt.Seed}
	if g.M() == 0 {
		p.finish(of)
		return p, nil
	}
	r := newRNG(opt.Seed)
	best := math.Inf(-1)
	for pass := 0; pass < opt.MaxPasses; pass++ {
		next := slices.Clone(of)
		levels, err := leidenPass(m, r, g, next, opt.Resolution)
		if err != nil {
			return nil, err
		}
		q := modularity(g, next, opt.Resolution)
		if q <= best {
			break
		}
		best, of = q, next
		p.Passes++
		p.Levels += levels
	}
	p.finish(of)
	return p, nil
}

// DefaultMaxPasses is CommunityOptions.MaxPasses when zero.
const DefaultMaxPasses = 5

// leidenPass runs one pass of Leiden on g starting from the partition of
// (node -> community label in 0..N-1), which it replaces with the result.
// It returns the number of levels.
func leidenPass(m *meter, r *rng, g *Graph, of []int32, gamma float64) (int, error) {
	w := levelZero(g)
	part := slices.Clone(of) // the partition of w's nodes
	at := make([]int32, len(of))
	for v := range at {
		at[v] = int32(v) // the node of w that holds original node v
	}
	levels := 0
	for {
		if err := w.fastMove(m, r, gamma, part); err != nil {
			return levels, err
		}
		levels++
		nc := renumber(part)
		if nc == w.n {
			break
		}
		ref, err := w.refine(m, r, gamma, part)
		if err != nil {
			return levels, err
		}
		nr := renumber(ref)
		if nr == w.n {
			// Refinement merged nothing: aggregate the partition itself.
			copy(ref, part)
			nr = nc
		}
		// The next level's nodes are the refined communities; each starts
		// in the community of the partition that contains it.
		nextPart := make([]int32, nr)
		for v, c := range ref {
			nextPart[c] = part[v]
		}
		for v := range at {
			at[v] = ref[at[v]]
		}
		if w, err = w.aggregate(m, ref, nr); err != nil {
			return levels, err
		}
		part = nextPart
	}
	for v := range of {
		of[v] = part[at[v]]
	}
	return levels, nil
}

// wgraph is a level of Louvain: a weighted graph whose nodes are the
// communities of the level below. Weights count edges of the original
// graph, so they are integers.
type wgraph struct {
	n    int
	off  []int
	nbr  []int32
	w    []float64 // nil at level zero, where every weight is 1
	self []float64 // edges inside the node
	k    []float64 // weighted degree: Σw + 2·self
	m2   float64   // 2M
}

// weight returns the weight of adjacency entry e.
func (w *wgraph) weight(e int) float64 {
	if w.w == nil {
		return 1
	}
	return w.w[e]
}

// weights returns the weights of adjacency entries row..end-1, nil when
// they are all 1.
func (w *wgraph) weights(row, end int) []float64 {
	if w.w == nil {
		return nil
	}
	return w.w[row:end]
}

func levelZero(g *Graph) *wgraph {
	n := g.N()
	w := &wgraph{n: n, off: g.off, nbr: g.adj, self: make([]float64, n), k: make([]float64, n)}
	for v := range n {
		w.k[v] = float64(g.Degree(v))
	}
	w.m2 = float64(len(g.adj))
	return w
}

// fastMove is Leiden's local moving phase: it moves nodes of w between the
// communities of part (labels in 0..n-1, changed in place) until no move
// raises the modularity.
func (w *wgraph) fastMove(m *meter, r *rng, gamma float64, part []int32) error {
	n := w.n
	tot := make([]float64, n) // degree of each community
	size := make([]int32, n)  // nodes in each community
	for v, c := range part {
		tot[c] += w.k[v]
		size[c]++
	}
	var empty []int32 // labels of empty communities
	for c := n - 1; c >= 0; c-- {
		if size[c] == 0 {
			empty = append(empty, int32(c))
		}
	}
	// The queue holds every node once, in shuffled order, then the
	// neighbours of moved nodes; a ring of n slots is enough.
	queue := make([]int32, n)
	for i := range queue {
		queue[i] = int32(i)
	}
	r.shuffle(queue)
	queued := make([]bool, n)
	for i := range queued {
		queued[i] = true
	}
	head, count := 0, n
	nw := make([]float64, n)
	seen := make([]int32, n)
	for i := range seen {
		seen[i] = -1
	}
	touched := make([]int32, 0, 64)
	stamp := int32(0)
	for count > 0 {
		v := queue[head]
		head++
		if head == n {
			head = 0
		}
		count--
		queued[v] = false

		cv := part[v]
		kv := w.k[v]
		row, end := w.off[v], w.off[v+1]
		touched = gather(w.nbr[row:end], w.weights(row, end), part, seen, nw, touched[:0], stamp)
		tot[cv] -= kv
		size[cv]--
		// Gains are scaled by 2M: integers when gamma is 1. Staying (or
		// being alone, when v was) is the baseline.
		best := cv
		gk, m2 := gamma*kv, w.m2
		bestGain := -gk * tot[cv]
		if seen[cv] == stamp {
			bestGain += nw[cv] * w.m2
		}
		for _, c := range touched {
			if gain := nw[c]*m2 - gk*tot[c]; gain > bestGain {
				best, bestGain = c, gain
			}
		}
		if bestGain < 0 && size[cv] > 0 {
			// Alone in an empty community (gain 0) is better.
			best = empty[len(empty)-1]
			empty = empty[:len(empty)-1]
		}
		tot[best] += kv
		size[best]++
		if best != cv {
			part[v] = best
			if size[cv] == 0 {
				empty = append(empty, cv)
			}
			for _, u := range w.nbr[row:end] {
				if !queued[u] && part[u] != best {
					queued[u] = true
					tail := head + count
					if tail >= n {
						tail -= n
					}
					queue[tail] = u
					count++
				}
			}
		}
		stamp++
		if stamp == math.MaxInt32 {
			for c := range seen {
				seen[c] = -1
			}
			stamp = 0
		}
		if err := m.step(2*(end-row) + 1); err != nil {
			return err
		}
	}
	return nil
}

// gather sums, for one node, the weights of its edges (nbr, with weights
// wts, nil for all 1) into nw by the community part[u] of the other end,
// and appends each community met to touched once (seen[c] == stamp once
// met). It is a function of its own so that its variables stay in
// registers.
//
//go:noinline
func gather(nbr []int32, wts []float64, part, seen []int32, nw []float64, touched []int32, stamp int32) []int32 {
	if wts == nil {
		for _, u := range nbr {
			c := part[u]
			if seen[c] != stamp {
				seen[c] = stamp
				nw[c] = 1
				touched = append(touched, c)
			} else {
				nw[c]++
			}
		}
		return touched
	}
	wts = wts[:len(nbr)]
	for e, u := range nbr {
		c := part[u]
		if seen[c] != stamp {
			seen[c] = stamp
			nw[c] = wts[e]
			touched = append(touched, c)
		} else {
			nw[c] += wts[e]
		}
	}
	return touched
}

// gatherWithin is gather for the neighbours u in community s of part,
// summed by their subcommunity ref[u].
//
//go:noinline
func gatherWithin(nbr []int32, wts []float64, part []int32, s int32, ref, seen []int32, nw []float64, touched []int32, stamp int32) []int32 {
	if wts != nil {
		wts = wts[:len(nbr)]
	}
	for e, u := range nbr {
		if part[u] != s {
			continue
		}
		wt := 1.0
		if wts != nil {
			wt = wts[e]
		}
		c := ref[u]
		if seen[c] != stamp {
			seen[c] = stamp
			nw[c] = wt
			touched = append(touched, c)
		} else {
			nw[c] += wt
		}
	}
	return touched
}

// refine is Leiden's refinement: within each community of part, it starts
// from singletons and merges each well-connected node that is still alone
// into the well-connected subcommunity of the same community that raises
// the modularity most (if any does). It returns the subcommunity of each
// node (labels in 0..n-1).
func (w *wgraph) refine(m *meter, r *rng, gamma float64, part []int32) ([]int32, error) {
	n := w.n
	totS := make([]float64, n) // degree of each community of part
	for v, c := range part {
		totS[c] += w.k[v]
	}
	ref := make([]int32, n)
	refTot := make([]float64, n) // degree of each subcommunity
	refSize := make([]int32, n)  // nodes of each subcommunity
	refOut := make([]float64, n) // weight from a subcommunity to the rest of its community
	for v := range ref {
		ref[v] = int32(v)
		refTot[v] = w.k[v]
		refSize[v] = 1
		for e, u := range w.nbr[w.off[v]:w.off[v+1]] {
			if part[u] == part[v] {
				refOut[v] += w.weight(w.off[v] + e)
			}
		}
	}
	order := make([]int32, n)
	for i := range order {
		order[i] = int32(i)
	}
	r.shuffle(order)
	nw := make([]float64, n)
	seen := make([]int32, n)
	for i := range seen {
		seen[i] = -1
	}
	touched := make([]int32, 0, 64)
	for stamp, v := range order {
		rv := ref[v]
		if refSize[rv] > 1 {
			continue // others joined v: it is no longer alone
		}
		s := part[v]
		kv := w.k[v]
		out := refOut[v] // = weight from v to the rest of its community
		if out*w.m2 < gamma*kv*(totS[s]-kv) {
			continue // v is not well connected to its community
		}
		row, end := w.off[v], w.off[v+1]
		touched = gatherWithin(w.nbr[row:end], w.weights(row, end), part, s, ref, seen, nw, touched[:0], int32(stamp))
		best, bestGain := rv, 0.0
		for _, c := range touched {
			if refOut[c]*w.m2 < gamma*refTot[c]*(totS[s]-refTot[c]) {
				continue // not well connected
			}
			if gain := nw[c]*w.m2 - gamma*refTot[c]*kv; gain > bestGain {
				best, bestGain = c, gain
			}
		}
		if best != rv {
			ref[v] = best
			refSize[rv], refTot[rv] = 0, 0
			refSize[best]++
			refOut[best] += out - 2*nw[best]
			refTot[best] += kv
		}
		if err := m.step(end - row + 1); err != nil {
			return nil, err
		}
	}
	return ref, nil
}

// splitDisconnected relabels of so that every community is connected:
// each connected part of a community becomes a community of its own. It
// only raises the modularity (parts with no edge between them lose
// nothing inside and stop counting each other's degree), and it is rarely
// needed: Leiden's refinement keeps communities connected except when a
// refinement merges nothing and the level is aggregated unrefined.
func splitDisconnected(g *Graph, of []int32) {
	n := g.N()
	label := make([]int32, n)
	for i := range label {
		label[i] = -1
	}
	next := int32(0)
	var stack []int32
	for s := range n {
		if label[s] >= 0 {
			continue
		}
		label[s] = next
		stack = append(stack[:0], int32(s))
		for len(stack) > 0 {
			x := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, y := range g.Neighbors(int(x)) {
				if label[y] < 0 && of[y] == of[s] {
					label[y] = next
					stack = append(stack, y)
				}
			}
		}
		next++
	}
	copy(of, label)
}

// modularity of the partition of (labels in 0..N-1) of g.
func modularity(g *Graph, of []int32, gamma float64) float64 {
	n := g.N()
	inside := make([]float64, n)
	deg := make([]float64, n)
	for v := range n {
		c := of[v]
		deg[c] += float64(g.Degree(v))
		for _, u := range g.Neighbors(v) {
			if of[u] == c {
				inside[c]++
			}
		}
	}
	m2 := float64(len(g.adj))
	var q float64
	for c := range n {
		if deg[c] > 0 {
			d := deg[c] / m2
			q += inside[c]/m2 - gamma*d*d
		}
	}
	return q
}

// renumber maps community labels to 0..nc-1 in order of first appearance
// and returns nc.
func renumber(comm []int32) int {
	id := make([]int32, len(comm))
	for i := range id {
		id[i] = -1
	}
	nc := int32(0)
	for i, c := range comm {
		if id[c] < 0 {
			id[c] = nc
			nc++
		}
		comm[i] = id[c]
	}
	return int(nc)
}

// aggregate returns the graph of the communities: one node per community,
// the weight between two the number of edges between them.
func (w *wgraph) aggregate(m *meter, comm []int32, nc int) (*wgraph, error) {
	// Members of each community, by counting sort.
	start := make([]int, nc+1)
	for _, c := range comm {
		start[c+1]++
	}
	for c := range nc {
		start[c+1] += start[c]
	}
	members := make([]int32, w.n)
	fill := append([]int(nil), start[:nc]...)
	for i, c := range comm {
		members[fill[c]] = int32(i)
		fill[c]++
	}
	a := &wgraph{n: nc, off: make([]int, nc+1), self: make([]float64, nc), k: make([]float64, nc), m2: w.m2,
		nbr: make([]int32, 0, len(w.nbr)), w: make([]float64, 0, len(w.nbr))}
	nw := make([]float64, nc)
	seen := make([]int32, nc)
	for i := range seen {
		seen[i] = -1
	}
	touched := make([]int32, 0, 64)
	for c := range nc {
		touched = touched[:0]
		for _, i := range members[start[c]:start[c+1]] {
			a.self[c] += w.self[i]
			a.k[c] += w.k[i]
			row, end := w.off[i], w.off[i+1]
			touched = gather(w.nbr[row:end], w.weights(row, end), comm, seen, nw, touched, int32(c))
			if err := m.step(end - row + 1); err != nil {
				return nil, err
			}
		}
		for _, d := range touched {
			if d == int32(c) {
				// Edges inside c, met from both ends.
				a.self[c] += nw[d] / 2
				continue
			}
			a.nbr = append(a.nbr, d)
			a.w = append(a.w, nw[d])
		}
		a.off[c+1] = len(a.nbr)
	}
	return a, nil
}

// finish numbers the communities of the final assignment of (in any
// labels), orders them and their members, and computes the modularity.
func (p *Partition) finish(of []int32) {
	g := p.g
	n := g.N()
	splitDisconnected(g, of)
	nc := renumber(of)
	size := make([]int, nc)
	first := make([]int32, nc)
	for i := range first {
		first[i] = -1
	}
	for v, c := range of {
		size[c]++
		if first[c] < 0 {
			first[c] = int32(v)
		}
	}
	order := make([]int32, nc)
	for c := range order {
		order[c] = int32(c)
	}
	sort.Slice(order, func(i, j int) bool {
		a, b := order[i], order[j]
		if size[a] != size[b] {
			return size[a] > size[b]
		}
		return first[a] < first[b]
	})
	rank := make([]int32, nc)
	for r, c := range order {
		rank[c] = int32(r)
	}
	p.Of = make([]int32, n)
	p.Communities = make([]Community, nc)
	inner := make([]int, n) // neighbours inside the own community
	for v := range n {
		c := rank[of[v]]
		p.Of[v] = c
		for _, u := range g.Neighbors(v) {
			if rank[of[u]] == c {
				inner[v]++
			}
		}
		cm := &p.Communities[c]
		cm.Members = append(cm.Members, int32(v))
		cm.Internal += inner[v]
		cm.Degree += g.Degree(v)
	}
	m2 := float64(len(g.adj))
	for c := range p.Communities {
		cm := &p.Communities[c]
		cm.Internal /= 2
		sort.SliceStable(cm.Members, func(i, j int) bool { return inner[cm.Members[i]] > inner[cm.Members[j]] })
		if m2 > 0 {
			d := float64(cm.Degree) / m2
			p.Modularity += 2*float64(cm.Internal)/m2 - p.Resolution*d*d
		}
	}
}
