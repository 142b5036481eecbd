package graphtest

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// describe prints a path query for failure messages.
func describe(q graph.PathQuery) string {
	s := fmt.Sprintf("%s -> %s", q.From, q.To)
	if q.Mode != "" {
		s += " mode=" + string(q.Mode)
	}
	if q.K != 0 {
		s += fmt.Sprintf(" k=%d", q.K)
	}
	if q.MaxHops != 0 {
		s += fmt.Sprintf(" max_hops=%d", q.MaxHops)
	}
	if !reflectZeroFilter(q.Filter) {
		s += fmt.Sprintf(" filter=%+v", q.Filter)
	}
	return s
}

func reflectZeroFilter(f graph.RelationFilter) bool {
	return len(f.Types) == 0 && len(f.ExcludeTypes) == 0 && f.Direction == "" && f.MinConfidence == 0 && f.AsOf.IsZero() && !f.ExcludeContested
}

// checkPaths compares a store's answer to q with the brute-force
// enumeration of every loopless path. Paths are ordered by length, then by
// their actor ids, and each mode takes the first ones in that order:
// shortest the first shortest path, all_shortest every shortest path up to
// MaxPaths, k_shortest the first K; so the answer is one list, the same on
// every store (a server's own choice among paths of one length is not an
// answer). It returns the first discrepancy.
func (m *model) checkPaths(q graph.PathQuery, res graph.PathResult) error {
	if err := q.Normalize(graph.DefaultLimits); err != nil {
		return fmt.Errorf("graphtest bug: query does not normalize: %v", err)
	}
	if !sameActor(res.From, m.actors[q.From]) || !sameActor(res.To, m.actors[q.To]) {
		return fmt.Errorf("the result's ends are %+v and %+v; want the actors %s and %s", res.From, res.To, q.From, q.To)
	}
	if q.From == q.To {
		if len(res.Paths) != 1 || res.Truncated || len(res.Paths[0].Hops) != 0 || len(res.Paths[0].Actors) != 1 ||
			!sameActor(res.Paths[0].Actors[0], m.actors[q.From]) {
			return fmt.Errorf("from = to: got %+v; want one path of zero hops holding the actor", res)
		}
		return nil
	}
	o := m.oracle(q.Filter)
	all := o.Paths(q.From, q.To, q.MaxHops) // by length, then ids
	lengths := map[string]int{}
	var sorted []int
	for _, p := range all {
		lengths[strings.Join(p, " > ")] = len(p) - 1
		sorted = append(sorted, len(p)-1)
	}

	seen := map[string]bool{}
	var got []int
	var gotKeys []string
	for i, p := range res.Paths {
		key, err := m.checkPath(o, q, p)
		if err != nil {
			return fmt.Errorf("path %d: %v", i, err)
		}
		if _, ok := lengths[key]; !ok {
			return fmt.Errorf("path %d (%s) is not a loopless path within max_hops", i, key)
		}
		if seen[key] {
			return fmt.Errorf("path %d (%s) is returned twice", i, key)
		}
		seen[key] = true
		got = append(got, len(p.Hops))
		gotKeys = append(gotKeys, key)
	}
	if len(all) == 0 {
		if len(res.Paths) != 0 || res.Truncated {
			return fmt.Errorf("got %d paths (truncated %v), want none", len(res.Paths), res.Truncated)
		}
		return nil
	}
	shortest := sorted[0]
	nShortest := 0
	for _, n := range sorted {
		if n == shortest {
			nShortest++
		}
	}
	var want int // how many of all, in order, answer q
	switch q.Mode {
	case graph.ShortestPath:
		if len(got) != 1 || got[0] != shortest {
			return fmt.Errorf("got %d paths of lengths %v; want one path of %d hops", len(got), got, shortest)
		}
		want = 1
	case graph.AllShortest:
		for i, n := range got {
			if n != shortest {
				return fmt.Errorf("path %d has %d hops; the shortest have %d", i, n, shortest)
			}
		}
		limit := graph.DefaultLimits.MaxPaths
		switch {
		case nShortest <= limit && (len(got) != nShortest || res.Truncated):
			return fmt.Errorf("got %d shortest paths (truncated %v); there are %d", len(got), res.Truncated, nShortest)
		case nShortest > limit && (len(got) != limit || !res.Truncated):
			return fmt.Errorf("got %d shortest paths (truncated %v) of %d; want MaxPaths=%d and truncated", len(got), res.Truncated, nShortest, limit)
		}
		want = min(nShortest, limit)
	case graph.KShortest:
		lens := sorted[:min(q.K, len(sorted))]
		if !slices.Equal(got, lens) {
			return fmt.Errorf("path lengths %v; the %d shortest loopless paths have lengths %v", got, q.K, lens)
		}
		want = len(lens)
	}
	for i := range want {
		if k := strings.Join(all[i], " > "); gotKeys[i] != k {
			return fmt.Errorf("path %d is %s; want %s: paths come by length, then by their actor ids, and a mode takes the first ones in that order",
				i, gotKeys[i], k)
		}
	}
	return nil
}

// checkPath checks one path: endpoints, distinct actors, full actors, and
// for each hop the best relation that passes the filter between the two
// actors, as stored, with a correct Forward flag. It returns the path's
// actor sequence.
func (m *model) checkPath(o *Oracle, q graph.PathQuery, p graph.Path) (string, error) {
	if len(p.Hops) == 0 || len(p.Actors) != len(p.Hops)+1 {
		return "", fmt.Errorf("%d actors and %d hops; want at least one hop and one more actor than hops", len(p.Actors), len(p.Hops))
	}
	if len(p.Hops) > q.MaxHops {
		return "", fmt.Errorf("%d hops exceeds max_hops %d", len(p.Hops), q.MaxHops)
	}
	ids := make([]string, len(p.Actors))
	for i, a := range p.Actors {
		ids[i] = a.ID
		want, ok := m.actors[a.ID]
		if !ok {
			return "", fmt.Errorf("unknown actor %q", a.ID)
		}
		if !sameActor(a, want) {
			return "", fmt.Errorf("actor %d is %+v; want %+v", i, a, want)
		}
		if slices.Contains(ids[:i], a.ID) {
			return "", fmt.Errorf("actor %s appears twice: a path is a sequence of distinct actors", a.ID)
		}
	}
	key := strings.Join(ids, " > ")
	if ids[0] != q.From || ids[len(ids)-1] != q.To {
		return "", fmt.Errorf("%s does not run from %s to %s", key, q.From, q.To)
	}
	for i, h := range p.Hops {
		if h.From != ids[i] || h.To != ids[i+1] {
			return "", fmt.Errorf("%s: hop %d walks %s -> %s; want %s -> %s", key, i, h.From, h.To, ids[i], ids[i+1])
		}
		best, ok := o.Best(h.From, h.To)
		if !ok {
			return "", fmt.Errorf("%s: hop %d: no relation passing the filter can be walked from %s to %s (it used %s)", key, i, h.From, h.To, h.Relation.ID)
		}
		if h.Relation.ID != best.ID {
			return "", fmt.Errorf("%s: hop %d uses %s (confidence %v); want %s (confidence %v): the highest-confidence matching relation, ties by smallest id",
				key, i, h.Relation.ID, h.Relation.Confidence, best.ID, best.Confidence)
		}
		if !sameRelation(h.Relation, best) {
			return "", fmt.Errorf("%s: hop %d relation\n got  %+v\n want %+v (the full relation, all evidence)", key, i, h.Relation, best)
		}
		if fwd := best.From == h.From; h.Forward != fwd {
			return "", fmt.Errorf("%s: hop %d over %s (stored %s -> %s) walked %s -> %s has Forward %v, want %v",
				key, i, best.ID, best.From, best.To, h.From, h.To, h.Forward, fwd)
		}
	}
	return key, nil
}

// comparePaths runs every query and compares the answers with the
// reference, stopping after a few failures.
func comparePaths(t *testing.T, s graph.Store, m *model, qs []graph.PathQuery) {
	t.Helper()
	fails := 0
	for _, q := range qs {
		res, err := s.Paths(t.Context(), q)
		if err != nil {
			t.Errorf("Paths(%s): %v", describe(q), err)
		} else if err := m.checkPaths(q, res); err != nil {
			t.Errorf("Paths(%s): %v", describe(q), err)
		} else {
			continue
		}
		if fails++; fails == 15 {
			t.Fatalf("stopping after %d wrong answers", fails)
		}
	}
}

// pairQueries builds path queries for every ordered pair of distinct
// actors (every 7th pair with -short), in the three modes.
func pairQueries(m *model, f graph.RelationFilter, maxHops, k int) []graph.PathQuery {
	var qs []graph.PathQuery
	n := 0
	for _, from := range m.ids {
		for _, to := range m.ids {
			if from == to {
				continue
			}
			if n++; testing.Short() && n%7 != 0 {
				continue
			}
			for _, mode := range []graph.PathMode{graph.ShortestPath, graph.AllShortest, graph.KShortest} {
				q := graph.PathQuery{From: from, To: to, Mode: mode, MaxHops: maxHops, Filter: f}
				if mode == graph.KShortest {
					q.K = k
				}
				qs = append(qs, q)
			}
		}
	}
	return qs
}

func testPaths(t *testing.T, open Opener) {
	ctx := t.Context()
	s, m := load(t, open, Fixture())

	t.Run("fixture", func(t *testing.T) {
		for _, fc := range filterCases() {
			t.Run(fc.name, func(t *testing.T) { comparePaths(t, s, m, pairQueries(m, fc.f, 0, 4)) })
		}
		t.Run("max hops 2", func(t *testing.T) { comparePaths(t, s, m, pairQueries(m, graph.RelationFilter{}, 2, 3)) })
		t.Run("max hops 6 k 10", func(t *testing.T) { comparePaths(t, s, m, pairQueries(m, graph.RelationFilter{}, 6, 10)) })
	})

	t.Run("hops", func(t *testing.T) {
		// Readable checks of what the reference computes.
		res, err := s.Paths(ctx, graph.PathQuery{From: "cherif-kouachi", To: "said-kouachi"})
		if err != nil || len(res.Paths) != 1 || len(res.Paths[0].Hops) != 1 {
			t.Fatalf("cherif -> said: %+v, %v; want one path of one hop", res, err)
		}
		// TRAINED_WITH and SIBLING_OF tie on confidence: the smaller id wins.
		if h := res.Paths[0].Hops[0]; h.Relation.ID != "cherif-kouachi--trained-with--said-kouachi" || !h.Forward {
			t.Errorf("cherif -> said hop = %s forward %v; want cherif-kouachi--trained-with--said-kouachi forward", h.Relation.ID, h.Forward)
		}
		res, err = s.Paths(ctx, graph.PathQuery{From: "cherif-kouachi", To: "said-kouachi", Filter: graph.RelationFilter{ExcludeTypes: []string{"TRAINED_WITH"}}})
		if err != nil || len(res.Paths) != 1 {
			t.Fatalf("cherif -> said without TRAINED_WITH: %+v, %v", res, err)
		}
		if h := res.Paths[0].Hops[0]; h.Relation.ID != "said-kouachi--sibling-of--cherif-kouachi" || h.Forward {
			t.Errorf("cherif -> said hop = %s forward %v; want said-kouachi--sibling-of--cherif-kouachi walked backwards", h.Relation.ID, h.Forward)
		}
		// Two MET relations between the same people: the more confident one.
		res, err = s.Paths(ctx, graph.PathQuery{From: "anwar-al-awlaki", To: "cherif-kouachi"})
		if err != nil || len(res.Paths) != 1 {
			t.Fatalf("awlaki -> cherif: %+v, %v", res, err)
		}
		if h := res.Paths[0].Hops[0]; h.Relation.ID != "cherif-kouachi--met--anwar-al-awlaki--2" || h.Forward || len(h.Relation.Evidence) != 1 {
			t.Errorf("awlaki -> cherif hop = %+v; want cherif-kouachi--met--anwar-al-awlaki--2 backwards with its evidence", h)
		}
	})

	t.Run("from is to", func(t *testing.T) {
		// One path of zero hops, whatever the mode and the filter.
		var qs []graph.PathQuery
		for _, id := range []string{"cherif-kouachi", "jean-isole"} {
			for _, mode := range []graph.PathMode{graph.ShortestPath, graph.AllShortest, graph.KShortest} {
				qs = append(qs, graph.PathQuery{From: id, To: id, Mode: mode},
					graph.PathQuery{From: id, To: id, Mode: mode, Filter: graph.RelationFilter{Types: []string{"MET"}, Direction: graph.DirectionOut}})
			}
		}
		comparePaths(t, s, m, qs)
	})

	t.Run("no path", func(t *testing.T) {
		for _, q := range []graph.PathQuery{
			{From: "jean-isole", To: "cherif-kouachi"},
			{From: "cherif-kouachi", To: "al-qaeda", MaxHops: 1},
			{From: "yemen", To: "cherif-kouachi", Filter: graph.RelationFilter{Direction: graph.DirectionOut}},
		} {
			res, err := s.Paths(ctx, q)
			if err != nil || len(res.Paths) != 0 {
				t.Errorf("Paths(%s) = %d paths, %v; want none and no error", describe(q), len(res.Paths), err)
			}
		}
	})

	t.Run("errors", func(t *testing.T) {
		lim := graph.DefaultLimits
		for _, tt := range []struct {
			q    graph.PathQuery
			code string
		}{
			{graph.PathQuery{From: "no-such-actor", To: "aqap"}, graph.ENOTFOUND},
			{graph.PathQuery{From: "aqap", To: "no-such-actor"}, graph.ENOTFOUND},
			{graph.PathQuery{From: "", To: "aqap"}, graph.EINVALID},
			{graph.PathQuery{From: "cherif-kouachi", To: "aqap", MaxHops: lim.MaxHops + 1}, graph.EINVALID},
			{graph.PathQuery{From: "cherif-kouachi", To: "aqap", MaxHops: -1}, graph.EINVALID},
			{graph.PathQuery{From: "cherif-kouachi", To: "aqap", Mode: graph.KShortest, K: lim.MaxK + 1}, graph.EINVALID},
			{graph.PathQuery{From: "cherif-kouachi", To: "aqap", Mode: "longest"}, graph.EINVALID},
			{graph.PathQuery{From: "cherif-kouachi", To: "aqap", Filter: graph.RelationFilter{Types: []string{"KNOWS"}}}, graph.EINVALID},
			{graph.PathQuery{From: "cherif-kouachi", To: "aqap", Filter: graph.RelationFilter{MinConfidence: 2}}, graph.EINVALID},
			{graph.PathQuery{From: "cherif-kouachi", To: "aqap", Filter: graph.RelationFilter{Direction: "sideways"}}, graph.EINVALID},
		} {
			_, err := s.Paths(ctx, tt.q)
			wantCode(t, err, tt.code, "Paths("+describe(tt.q)+")")
		}
	})

	t.Run("all shortest truncated", func(t *testing.T) {
		s, m := load(t, open, Ladder())
		comparePaths(t, s, m, []graph.PathQuery{
			{From: "start", To: "goal", Mode: graph.AllShortest},
			{From: "start", To: "goal", Mode: graph.KShortest, K: graph.DefaultLimits.MaxK},
			{From: "start", To: "goal", Mode: graph.ShortestPath},
			{From: "start", To: "goal", Mode: graph.AllShortest, MaxHops: 3},
			{From: "l1-0", To: "l3-4", Mode: graph.AllShortest},
		})
		res, err := s.Paths(ctx, graph.PathQuery{From: "start", To: "goal", Mode: graph.AllShortest})
		if err != nil || !res.Truncated || len(res.Paths) != graph.DefaultLimits.MaxPaths {
			t.Errorf("125 shortest paths: got %d, truncated %v, %v; want %d and truncated", len(res.Paths), res.Truncated, err, graph.DefaultLimits.MaxPaths)
		}
	})

	t.Run("random graph", func(t *testing.T) {
		s, m := load(t, open, Random(7, 24, 3, 60))
		for _, fc := range filterCases() {
			if strings.Contains(fc.name, "2015-01-08") {
				fc.f.AsOf = graph.MustDate("2012")
			}
			qs := pairQueries(m, fc.f, 5, 6)
			// A sample of pairs keeps this quick on a server store.
			var sample []graph.PathQuery
			for i := 0; i < len(qs); i += 3 * 11 {
				sample = append(sample, qs[i:min(i+3, len(qs))]...)
			}
			t.Run(fc.name, func(t *testing.T) { comparePaths(t, s, m, sample) })
		}
	})
}

// checkNetwork compares a subgraph with the breadth-first reference.
func (m *model) checkNetwork(q graph.NetworkQuery, sg graph.Subgraph) error {
	if err := q.Normalize(graph.DefaultLimits); err != nil {
		return fmt.Errorf("graphtest bug: query does not normalize: %v", err)
	}
	dist := m.oracle(q.Filter).Distances(q.Seeds, q.Depth)
	nodes := map[string]bool{}
	maxDist := 0
	for _, a := range sg.Nodes {
		want, ok := m.actors[a.ID]
		if !ok {
			return fmt.Errorf("unknown node %q", a.ID)
		}
		if !sameActor(a, want) {
			return fmt.Errorf("node %+v; want %+v", a, want)
		}
		if nodes[a.ID] {
			return fmt.Errorf("node %s appears twice", a.ID)
		}
		nodes[a.ID] = true
		d, ok := dist[a.ID]
		if !ok {
			return fmt.Errorf("node %s is not within depth %d of the seeds through relations passing the filter", a.ID, q.Depth)
		}
		maxDist = max(maxDist, d)
	}
	if len(dist) <= q.Limit {
		if len(nodes) != len(dist) || sg.Truncated {
			var want []string
			for id := range dist {
				want = append(want, id)
			}
			slices.Sort(want)
			return fmt.Errorf("%d nodes (truncated %v); want %d: %v", len(nodes), sg.Truncated, len(dist), want)
		}
	} else {
		if !sg.Truncated || len(nodes) != q.Limit {
			return fmt.Errorf("%d nodes (truncated %v) of %d within depth; want the cap %d and truncated", len(nodes), sg.Truncated, len(dist), q.Limit)
		}
		// Breadth first: a node at distance d only once every nearer node
		// is in; at the last distance, the first ones by id.
		var last []string
		for id, d := range dist {
			if d < maxDist && !nodes[id] {
				return fmt.Errorf("node at distance %d is in but %s at distance %d is not: expand breadth first", maxDist, id, d)
			}
			if d == maxDist {
				last = append(last, id)
			}
		}
		slices.Sort(last)
		for i, id := range last {
			if !nodes[id] && i+1 < len(last) && nodes[last[i+1]] {
				return fmt.Errorf("node %s at distance %d is in but %s, before it by id, is not: within one distance the cap keeps the first by id",
					last[i+1], maxDist, id)
			}
		}
	}
	want := m.edgesAmong(nodes, q.Filter)
	got := make([]string, 0, len(sg.Edges))
	for _, e := range sg.Edges {
		r, ok := m.relByID[e.ID]
		if !ok {
			return fmt.Errorf("unknown edge %q", e.ID)
		}
		if e.Type != r.Type || e.From != r.From || e.To != r.To || e.Confidence != r.Confidence || e.Contested != r.Contested {
			return fmt.Errorf("edge %+v; want %+v", e, r)
		}
		got = append(got, e.ID)
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		return fmt.Errorf("edges %v; want every relation passing the filter among the nodes: %v", got, want)
	}
	return nil
}

func testNetwork(t *testing.T, open Opener) {
	ctx := t.Context()
	s, m := load(t, open, Fixture())
	var qs []graph.NetworkQuery
	for _, id := range m.ids {
		for depth := 0; depth <= 2; depth++ {
			qs = append(qs, graph.NetworkQuery{Seeds: []string{id}, Depth: depth})
		}
	}
	for _, fc := range filterCases() {
		for _, seed := range []string{"cherif-kouachi", "aqap", "islamic-state", "charlie-hebdo-attack"} {
			qs = append(qs, graph.NetworkQuery{Seeds: []string{seed}, Depth: 2, Filter: fc.f})
		}
	}
	qs = append(qs,
		graph.NetworkQuery{Seeds: []string{"cherif-kouachi", "said-kouachi", "charlie-hebdo-attack", "yemen"}, Depth: 0},
		graph.NetworkQuery{Seeds: []string{"cherif-kouachi", "said-kouachi", "charlie-hebdo-attack"}, Depth: 0, Filter: graph.RelationFilter{Types: []string{"PERPETRATED"}}},
		graph.NetworkQuery{Seeds: []string{"hayat-boumeddiene", "abu-muhammad-al-maqdisi"}, Depth: 1},
		graph.NetworkQuery{Seeds: []string{"cherif-kouachi"}, Depth: 3},
		graph.NetworkQuery{Seeds: []string{"cherif-kouachi"}, Depth: 3, Limit: 5},
		graph.NetworkQuery{Seeds: []string{"cherif-kouachi"}, Depth: 3, Limit: 1},
		graph.NetworkQuery{Seeds: []string{"islamic-state"}, Depth: 2, Limit: 8},
		graph.NetworkQuery{Seeds: []string{"aqap", "cherif-kouachi"}, Depth: 2, Limit: 6},
		// More seeds than the cap: the first by id.
		graph.NetworkQuery{Seeds: []string{"yemen", "said-kouachi", "aqap", "yemen", "cherif-kouachi"}, Depth: 1, Limit: 2},
		graph.NetworkQuery{Seeds: []string{"jean-isole"}, Depth: 3},
	)
	fails := 0
	for _, q := range qs {
		sg, err := s.Network(ctx, q)
		if err == nil {
			err = m.checkNetwork(q, sg)
		}
		if err != nil {
			t.Errorf("Network(seeds %v depth %d limit %d filter %+v): %v", q.Seeds, q.Depth, q.Limit, q.Filter, err)
			if fails++; fails == 15 {
				t.Fatal("stopping after 15 wrong answers")
			}
		}
	}
	lim := graph.DefaultLimits
	tooMany := make([]string, lim.MaxSeeds+1)
	for i := range tooMany {
		tooMany[i] = "aqap"
	}
	for _, tt := range []struct {
		q    graph.NetworkQuery
		code string
	}{
		{graph.NetworkQuery{Seeds: []string{"no-such-actor"}, Depth: 1}, graph.ENOTFOUND},
		{graph.NetworkQuery{Seeds: []string{"aqap", "no-such-actor"}, Depth: 1}, graph.ENOTFOUND},
		{graph.NetworkQuery{Depth: 1}, graph.EINVALID},
		{graph.NetworkQuery{Seeds: tooMany, Depth: 1}, graph.EINVALID},
		{graph.NetworkQuery{Seeds: []string{"aqap"}, Depth: lim.MaxDepth + 1}, graph.EINVALID},
		{graph.NetworkQuery{Seeds: []string{"aqap"}, Depth: -1}, graph.EINVALID},
		{graph.NetworkQuery{Seeds: []string{"aqap"}, Depth: 1, Limit: lim.MaxNodes + 1}, graph.EINVALID},
		{graph.NetworkQuery{Seeds: []string{"aqap"}, Depth: 1, Filter: graph.RelationFilter{Types: []string{"KNOWS"}}}, graph.EINVALID},
	} {
		_, err := s.Network(ctx, tt.q)
		wantCode(t, err, tt.code, fmt.Sprintf("Network(seeds %d, depth %d, limit %d)", len(tt.q.Seeds), tt.q.Depth, tt.q.Limit))
	}
}
