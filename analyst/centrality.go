package analyst

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph/analyst/netsci"
	"github.com/actorgraph/actorgraph/graph"
)

// Measure is a centrality measure.
type Measure string

// The measures; see Definition for what each computes.
const (
	Degree      Measure = "degree"
	Betweenness Measure = "betweenness"
	Closeness   Measure = "closeness"
	PageRank    Measure = "pagerank"
	Eigenvector Measure = "eigenvector"
)

// Measures lists the measures in a stable order.
var Measures = []Measure{Degree, Betweenness, Closeness, PageRank, Eigenvector}

// Definition says what the measure computes, on which graph, and which
// networkx function gives the same values.
func (m Measure) Definition() string {
	switch m {
	case Degree:
		return "degree centrality: the number of actors an actor is joined to, divided by N−1 (networkx degree_centrality)"
	case Betweenness:
		return "betweenness centrality: for every ordered pair of other actors, the share of their shortest paths that pass through the actor, summed and divided by (N−1)(N−2) (networkx betweenness_centrality, normalized, endpoints excluded)"
	case Closeness:
		return "closeness centrality: (r−1)/d · (r−1)/(N−1) for an actor that reaches r actors, itself included, at a total distance of d hops (networkx closeness_centrality, with the Wasserman–Faust scaling for disconnected graphs)"
	case PageRank:
		return "PageRank with damping 0.85: a walker follows a relation of its actor (either way) or, with probability 0.15 or from an actor with no relation, jumps to any actor; the values sum to 1 (networkx pagerank)"
	case Eigenvector:
		return "eigenvector centrality: the principal eigenvector of the adjacency matrix, by power iteration on A+I from the uniform vector, Euclidean norm 1; on a disconnected graph it concentrates on the component with the largest eigenvalue (networkx eigenvector_centrality)"
	}
	return ""
}

// ParseMeasure accepts a measure's name in any case. EINVALID.
func ParseMeasure(s string) (Measure, error) {
	m := Measure(strings.ToLower(strings.TrimSpace(s)))
	for _, x := range Measures {
		if m == x {
			return m, nil
		}
	}
	return "", graph.Errorf(graph.EINVALID, "measure must be degree, betweenness, closeness, pagerank or eigenvector, not %q", truncateRunes(s, 30))
}

// Years is an inclusive range of years, for a series.
type Years struct {
	From int `json:"from"`
	To   int `json:"to"`
}

// IsZero reports whether no years are given.
func (y Years) IsZero() bool { return y == Years{} }

// Len is the number of years.
func (y Years) Len() int { return y.To - y.From + 1 }

func (y Years) String() string { return fmt.Sprintf("%d..%d", y.From, y.To) }

// ParseYears parses "2001..2018" (or "2001-2018"; one year such as "2015"
// is a series of one). "" gives the zero Years. EINVALID.
func ParseYears(s string) (Years, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Years{}, nil
	}
	bad := graph.Errorf(graph.EINVALID, "series must be a range of years such as 2001..2018, not %q", truncateRunes(s, 30))
	a, b, ok := strings.Cut(s, "..")
	if !ok {
		a, b, ok = strings.Cut(s, "-")
	}
	if !ok {
		b = a
	}
	from, err1 := strconv.Atoi(strings.TrimSpace(a))
	to, err2 := strconv.Atoi(strings.TrimSpace(b))
	if err1 != nil || err2 != nil {
		return Years{}, bad
	}
	y := Years{From: from, To: to}
	if from < 1 || to > 9999 || from > to {
		return Years{}, graph.Errorf(graph.EINVALID, "series must run forward between the years 1 and 9999, not %s", y)
	}
	return y, nil
}

// CentralityQuery asks for a centrality measure of every actor.
type CentralityQuery struct {
	Measure Measure // default degree
	// Top is how many of the highest-ranked actors the answer lists (per
	// year in a series); default 20, at most analysis.max_top.
	Top int
	// Actors are references (ids, names, aliases) of actors whose values
	// and ranks the answer gives too, wherever they rank.
	Actors []string
	// Series, when set, gives the measure for every year of the range,
	// each with the relations that hold at the end of that year (as_of
	// YEAR-12-31); Filter.AsOf must then be zero.
	Series Years
	// Seed and Samples choose the sample of sampled betweenness (graphs
	// over analysis.exact_betweenness_max actors); Samples 0 means
	// analysis.samples.
	Seed    uint64
	Samples int
	Filter  graph.RelationFilter
}

// CentralityEcho repeats the query as applied.
type CentralityEcho struct {
	Measure Measure    `json:"measure"`
	Top     int        `json:"top"`
	Actors  []string   `json:"actors"`
	Series  *Years     `json:"series,omitempty"`
	Seed    uint64     `json:"seed"`
	Samples int        `json:"samples"`
	Filter  FilterEcho `json:"filter"`
	Limits  Bounds     `json:"limits"`
}

// Bounds are the analysis bounds an answer was checked against.
type Bounds struct {
	Timeout             string `json:"timeout"`
	MaxNodes            int    `json:"max_nodes"`
	MaxRelations        int    `json:"max_relations"`
	MaxWork             int64  `json:"max_work"`
	ExactBetweennessMax int    `json:"exact_betweenness_max"`
	CacheTTL            string `json:"cache_ttl"`
}

func (s *Service) bounds() Bounds {
	l := s.alim
	ttl := l.CacheTTL.String()
	if l.CacheTTL < 0 {
		ttl = "off"
	}
	return Bounds{Timeout: l.Timeout.String(), MaxNodes: l.MaxNodes, MaxRelations: l.MaxRelations, MaxWork: l.MaxWork,
		ExactBetweennessMax: l.ExactBetweennessMax, CacheTTL: ttl}
}

// Method says how a measure was computed: exactly or by sampling (with the
// error bound), or by iteration (with the iterations and whether they
// converged).
type Method struct {
	Text  string `json:"text"`
	Exact bool   `json:"exact"`
	// Sampled betweenness: the sources searched, the seed, and Epsilon:
	// with probability Confidence every value is within ±Epsilon of the
	// exact value.
	Sources    int     `json:"sources,omitempty"`
	Seed       *uint64 `json:"seed,omitempty"`
	Epsilon    float64 `json:"epsilon,omitempty"`
	Confidence float64 `json:"confidence,omitempty"`
	// PageRank and eigenvector: the power iteration.
	Iterations int     `json:"iterations,omitempty"`
	Converged  *bool   `json:"converged,omitempty"`
	Tolerance  float64 `json:"tolerance,omitempty"`
}

// ScoreView is one actor's value and rank (1 for the highest; ties are
// broken by id).
type ScoreView struct {
	Rank  int            `json:"rank"`
	Actor graph.ActorRef `json:"actor"`
	Value float64        `json:"value"`
	// StdErr is, for sampled betweenness, the estimated standard error
	// of the value (an estimate, not a bound: see Method.Epsilon).
	StdErr *float64 `json:"stderr,omitempty"`
}

// CentralityAnswer is a centrality measure over the graph the filters
// select: its top actors, the actors asked for, or a series by year.
type CentralityAnswer struct {
	Query      CentralityEcho `json:"query"`
	Graph      AnalysisGraph  `json:"graph"`
	Measure    Measure        `json:"measure"`
	Definition string         `json:"definition"`
	Method     Method         `json:"method"`
	// Top is the highest-ranked actors (of the last year, in a series).
	Top []ScoreView `json:"top"`
	// Actors are the actors the query named, in its order.
	Actors []ScoreView `json:"actors"`
	Series *SeriesView `json:"series,omitempty"`
}

// SeriesView is a measure year by year: the graph and method of each year,
// and the values of every actor that was in the top of some year.
type SeriesView struct {
	Years []SeriesYear `json:"years"`
	// Actors are those in the top of at least one year and those the
	// query named, ordered by their best rank, then their highest
	// value, then id.
	Actors []SeriesActor `json:"actors"`
}

// SeriesYear is one year of a series: the relations that hold at its end.
type SeriesYear struct {
	Year   int           `json:"year"`
	AsOf   graph.Date    `json:"as_of"`
	Graph  AnalysisGraph `json:"graph"`
	Method Method        `json:"method"`
}

// SeriesActor is one actor's values and ranks, one per year of the series.
type SeriesActor struct {
	Actor    graph.ActorRef `json:"actor"`
	Values   []float64      `json:"values"`
	Ranks    []int          `json:"ranks"`
	BestRank int            `json:"best_rank"`
	PeakYear int            `json:"peak_year"` // the first year of its highest value
}

// normalize fills the query's defaults and checks it. EINVALID.
func (s *Service) normalizeCentrality(q *CentralityQuery) error {
	if q.Measure == "" {
		q.Measure = Degree
	}
	m, err := ParseMeasure(string(q.Measure))
	if err != nil {
		return err
	}
	q.Measure = m
	if q.Top == 0 {
		q.Top = min(20, s.alim.MaxTop)
	}
	if q.Top < 1 || q.Top > s.alim.MaxTop {
		return graph.Errorf(graph.EINVALID, "top must be between 1 and %d", s.alim.MaxTop)
	}
	if len(q.Actors) > s.alim.MaxTop {
		return graph.Errorf(graph.EINVALID, "actors: at most %d, not %d", s.alim.MaxTop, len(q.Actors))
	}
	if q.Samples == 0 {
		q.Samples = s.alim.Samples
	}
	if q.Samples < 10 {
		return graph.Errorf(graph.EINVALID, "samples must be at least 10")
	}
	if !q.Series.IsZero() {
		if q.Series.From < 1 || q.Series.From > q.Series.To || q.Series.To > 9999 {
			return graph.Errorf(graph.EINVALID, "series must run forward between the years 1 and 9999, not %s", q.Series)
		}
		if q.Series.Len() > s.alim.MaxYears {
			return graph.Errorf(graph.EINVALID, "series: at most %d years (analysis.max_years), not %d", s.alim.MaxYears, q.Series.Len())
		}
		if !q.Filter.AsOf.IsZero() {
			return graph.Errorf(graph.EINVALID, "give series or as_of, not both: a series takes each year's end as its as_of")
		}
	}
	return analysisFilter(&q.Filter)
}

// Centrality computes a centrality measure of every actor on the graph of
// the relations that pass the query's filter (see AnalysisGraph) and ranks
// them; with a series, once per year. Betweenness is exact up to
// analysis.exact_betweenness_max actors and sampled beyond, with its error
// bound stated. EINVALID, ENOTFOUND and EAMBIGUOUS (for Actors),
// ETOOLARGE (a bound of AnalysisLimits, named), EUNAVAILABLE when the
// time limit stops it.
func (s *Service) Centrality(ctx context.Context, q CentralityQuery) (*CentralityAnswer, error) {
	if err := s.normalizeCentrality(&q); err != nil {
		return nil, err
	}
	named, err := s.resolveRefs(ctx, "actors", q.Actors, s.alim.MaxTop)
	if err != nil {
		return nil, err
	}
	a := &CentralityAnswer{
		Query: CentralityEcho{Measure: q.Measure, Top: q.Top, Actors: nonNil(q.Actors), Seed: q.Seed, Samples: q.Samples,
			Filter: echoFilter(q.Filter), Limits: s.bounds()},
		Measure: q.Measure, Definition: q.Measure.Definition(), Top: []ScoreView{}, Actors: []ScoreView{},
	}
	if !q.Series.IsZero() {
		y := q.Series
		a.Query.Series = &y
	}
	err = s.analysis(ctx, string(q.Measure)+" centrality", func(ctx context.Context) error {
		if q.Series.IsZero() {
			return s.centrality(ctx, q, named, a)
		}
		return s.series(ctx, q, named, a)
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// scores is one run of a measure.
type scores struct {
	sc     netsci.Scores
	stderr []float64
	method Method
}

// measure runs q's measure on g, its work bounded by maxWork.
func (s *Service) measure(ctx context.Context, g *netsci.Graph, q CentralityQuery, maxWork int64) (scores, error) {
	switch q.Measure {
	case Degree:
		return scores{sc: netsci.Degree(g), method: Method{Text: "exact", Exact: true}}, nil
	case Betweenness:
		r, err := netsci.Betweenness(ctx, g, netsci.BetweennessOptions{
			ExactMaxNodes: s.alim.ExactBetweennessMax, Samples: q.Samples, Seed: q.Seed, MaxWork: maxWork,
		})
		if err != nil {
			return scores{}, err
		}
		if r.Exact {
			return scores{sc: r.Scores, method: Method{Text: fmt.Sprintf("exact: Brandes's algorithm from every one of the %d actors", g.N()), Exact: true}}, nil
		}
		seed := r.Seed
		m := Method{
			Text: fmt.Sprintf("sampled, since the graph has more than %d actors (analysis.exact_betweenness_max): Brandes's algorithm from %d source actors drawn uniformly (seed %d) of %d, networkx's estimator for betweenness_centrality(k=%d); with probability %g every value is within ±%.3g of the exact value (Hoeffding–Serfling with a union bound over the actors); stderr is each value's estimated standard error, usually far smaller",
				s.alim.ExactBetweennessMax, r.Sources, r.Seed, g.N(), r.Sources, r.Confidence, r.Epsilon),
			Sources: r.Sources, Seed: &seed, Epsilon: r.Epsilon, Confidence: r.Confidence,
		}
		return scores{sc: r.Scores, stderr: r.StdErr, method: m}, nil
	case Closeness:
		sc, err := netsci.Closeness(ctx, g, netsci.ClosenessOptions{MaxWork: maxWork})
		return scores{sc: sc, method: Method{Text: fmt.Sprintf("exact: a breadth-first search from every one of the %d actors", g.N()), Exact: true}}, err
	case PageRank, Eigenvector:
		opt := netsci.PowerOptions{Tol: powerTol, MaxIter: powerMaxIter, MaxWork: maxWork}
		var (
			r   netsci.Iterated
			err error
		)
		if q.Measure == PageRank {
			r, err = netsci.PageRank(ctx, g, opt)
		} else {
			r, err = netsci.Eigenvector(ctx, g, opt)
		}
		if err != nil {
			return scores{}, err
		}
		conv := r.Converged
		text := fmt.Sprintf("power iteration: converged after %d iterations (L1 change %.3g, below N × %g)", r.Iterations, r.Change, r.Tol)
		if !conv {
			text = fmt.Sprintf("power iteration: NOT converged after %d iterations (L1 change %.3g, not below N × %g); the values are approximate", r.Iterations, r.Change, r.Tol)
		}
		return scores{sc: r.Scores, method: Method{Text: text, Iterations: r.Iterations, Converged: &conv, Tolerance: r.Tol}}, nil
	}
	return scores{}, graph.Errorf(graph.EINVALID, "unknown measure %q", q.Measure)
}

// seriesMaxValues bounds the values a series keeps (actors × years): about
// 240 MB, 20 years of a million actors.
var seriesMaxValues int64 = 20_000_000

// The power iteration's parameters: a tolerance far tighter than
// networkx's default (1e-6), so that the values agree with networkx run
// to convergence; the iterations bound the work (500·(N+2M) steps).
const (
	powerTol     = 1e-12
	powerMaxIter = 500
)

// centrality answers a query without a series.
func (s *Service) centrality(ctx context.Context, q CentralityQuery, named []graph.Actor, a *CentralityAnswer) error {
	g, at, err := s.analysisGraph(ctx, q.Filter)
	if err != nil {
		return err
	}
	a.Graph = statement(g, at)
	r, err := s.measure(ctx, g, q, s.alim.MaxWork)
	if err != nil {
		return err
	}
	a.Method = r.method
	ranked := r.sc.Top(0)
	rank := make([]int32, g.N())
	for i, x := range ranked {
		rank[x.Node] = int32(i + 1)
	}
	top := ranked[:min(q.Top, len(ranked))]
	ids := make([]string, 0, len(top)+len(named))
	for _, x := range top {
		ids = append(ids, x.ID)
	}
	for _, n := range named {
		ids = append(ids, n.ID)
	}
	refs, err := s.refs(ctx, ids)
	if err != nil {
		return err
	}
	view := func(v int) ScoreView {
		sv := ScoreView{Rank: int(rank[v]), Actor: refs[g.ID(v)], Value: r.sc.Values[v]}
		if r.stderr != nil {
			e := r.stderr[v]
			sv.StdErr = &e
		}
		return sv
	}
	for _, x := range top {
		a.Top = append(a.Top, view(x.Node))
	}
	for _, n := range named {
		if v, ok := g.Index(n.ID); ok {
			a.Actors = append(a.Actors, view(v))
		}
	}
	return nil
}

// series answers a query with a series: one read of the graph with its
// dates, then for each year the graph of the relations that hold at its
// end and the measure on it, each year's work bounded by an equal share
// of analysis.max_work.
func (s *Service) series(ctx context.Context, q CentralityQuery, named []graph.Actor, a *CentralityAnswer) error {
	readAt := s.now()
	t, err := s.readGraph(ctx, q.Filter, true)
	if err != nil {
		return err
	}
	n := q.Series.Len()
	// A series keeps every actor's value and rank for every year (12
	// bytes each) until it knows which actors were ever in a top.
	if int64(len(t.ids))*int64(n) > seriesMaxValues {
		return graph.Errorf(graph.ETOOLARGE, "a series keeps the value of every one of the %d actors for every year: on this graph at most %d years, not %d (a bound of the series' memory, under analysis.max_years); shorten the series or narrow the graph",
			len(t.ids), seriesMaxValues/int64(max(1, len(t.ids))), n)
	}
	share := max(s.alim.MaxWork/int64(n), 1)
	sv := &SeriesView{Years: make([]SeriesYear, 0, n), Actors: []SeriesActor{}}
	values := make([][]float64, 0, n) // per year, per node
	ranks := make([][]int32, 0, n)
	inTop := map[int]bool{}
	var last *netsci.Graph
	for y := q.Series.From; y <= q.Series.To; y++ {
		asOf := graph.Date{Year: y, Month: 12, Day: 31}
		g, err := t.build(ctx, asOf)
		if err != nil {
			return err
		}
		r, err := s.measure(ctx, g, q, share)
		if le, ok := asLimit(err); ok && le.Bound == "MaxWork" {
			return graph.Errorf(graph.ETOOLARGE, "%s needs about %s steps of work on the graph of %d, over its share of analysis.max_work (%s, divided equally among the %d years of the series); narrow the graph with filters, shorten the series or ask for a cheaper measure",
				le.What, netsci.HumanCount(le.Need), y, netsci.HumanCount(le.Limit), n)
		}
		if err != nil {
			return err
		}
		st := statement(g, readAt)
		st.Description = fmt.Sprintf("at the end of %d (as_of %s), %s", y, asOf, st.Description)
		sv.Years = append(sv.Years, SeriesYear{Year: y, AsOf: asOf, Graph: st, Method: r.method})
		ranked := r.sc.Top(0)
		rk := make([]int32, g.N())
		for i, x := range ranked {
			rk[x.Node] = int32(i + 1)
			if i < q.Top {
				inTop[x.Node] = true
			}
		}
		values = append(values, r.sc.Values)
		ranks = append(ranks, rk)
		last = g
		if y == q.Series.To {
			a.Graph, a.Method = st, r.method
		}
	}
	// The actors: every one in some year's top, and those named. Every
	// year's graph has the same nodes (every actor), so node numbers
	// agree across years.
	for _, nm := range named {
		if v, ok := last.Index(nm.ID); ok {
			inTop[v] = true
		}
	}
	nodes := make([]int, 0, len(inTop))
	for v := range inTop {
		nodes = append(nodes, v)
	}
	ids := make([]string, len(nodes))
	for i, v := range nodes {
		ids[i] = last.ID(v)
	}
	refs, err := s.refs(ctx, ids)
	if err != nil {
		return err
	}
	for _, v := range nodes {
		sa := SeriesActor{Actor: refs[last.ID(v)], Values: make([]float64, n), Ranks: make([]int, n)}
		best := -1.0
		for i := range values {
			sa.Values[i], sa.Ranks[i] = values[i][v], int(ranks[i][v])
			if sa.BestRank == 0 || sa.Ranks[i] < sa.BestRank {
				sa.BestRank = sa.Ranks[i]
			}
			if sa.Values[i] > best {
				best, sa.PeakYear = sa.Values[i], q.Series.From+i
			}
		}
		sv.Actors = append(sv.Actors, sa)
	}
	sort.Slice(sv.Actors, func(i, j int) bool {
		x, y := &sv.Actors[i], &sv.Actors[j]
		if x.BestRank != y.BestRank {
			return x.BestRank < y.BestRank
		}
		if px, py := peak(x.Values), peak(y.Values); px != py {
			return px > py
		}
		return x.Actor.ID < y.Actor.ID
	})
	a.Series = sv
	// The last year's top and named actors, as without a series.
	lastRanks, lastValues := ranks[n-1], values[n-1]
	byRank := make([]int, 0, q.Top)
	for _, v := range nodes {
		if int(lastRanks[v]) <= q.Top {
			byRank = append(byRank, v)
		}
	}
	sort.Slice(byRank, func(i, j int) bool { return lastRanks[byRank[i]] < lastRanks[byRank[j]] })
	for _, v := range byRank {
		a.Top = append(a.Top, ScoreView{Rank: int(lastRanks[v]), Actor: refs[last.ID(v)], Value: lastValues[v]})
	}
	for _, nm := range named {
		if v, ok := last.Index(nm.ID); ok {
			a.Actors = append(a.Actors, ScoreView{Rank: int(lastRanks[v]), Actor: refs[nm.ID], Value: lastValues[v]})
		}
	}
	return nil
}

func peak(xs []float64) float64 {
	p := 0.0
	for _, x := range xs {
		p = max(p, x)
	}
	return p
}

func truncateRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
