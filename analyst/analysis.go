package analyst

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/analyst/netsci"
	"github.com/actorgraph/actorgraph/graph"
)

// This file is what every network analysis shares (centrality.go,
// brokers.go, communities.go, connect.go): the bounds, the graph the
// measures run on, read from the store with the query's filter, the
// statement of that graph in every answer, and the translation of
// analyst/netsci's errors into errors that name the configuration key of
// the bound that was hit.

// AnalysisLimits bound every analysis. The service sets them from
// configuration (the analysis.* keys); zero fields take the defaults of
// DefaultAnalysisLimits.
type AnalysisLimits struct {
	// Timeout bounds one analysis, from reading the graph to the answer
	// (analysis.timeout).
	Timeout time.Duration
	// MaxNodes bounds the actors of the graph analysed
	// (analysis.max_nodes); MaxRelations the relations that pass the
	// filters (analysis.max_relations).
	MaxNodes     int
	MaxRelations int
	// MaxWork bounds the estimated work of one measure, in steps (a node
	// visited or an adjacency entry scanned; see analyst/netsci)
	// (analysis.max_work).
	MaxWork int64
	// ExactBetweennessMax is the largest graph, in actors, whose
	// betweenness is computed exactly; larger graphs are sampled
	// (analysis.exact_betweenness_max).
	ExactBetweennessMax int
	// Samples is how many source actors sampled betweenness draws unless
	// the query says otherwise (analysis.samples).
	Samples int
	// MaxTop bounds top, the actors of a centrality answer, the
	// brokers and the communities listed, and the actors a query names
	// (analysis.max_top).
	MaxTop int
	// MaxYears bounds the years of a centrality series
	// (analysis.max_years).
	MaxYears int
	// MaxSet bounds each set of a brokers query once expanded to members
	// and affiliates (analysis.max_set).
	MaxSet int
	// CacheTTL is how long a graph read for an analysis is used again for
	// the next analysis with the same filters, unless a write through the
	// service comes first (analysis.cache_ttl; see graphcache.go). Zero
	// means the default; negative, no cache.
	CacheTTL time.Duration
}

// DefaultAnalysisLimits are the bounds used when configuration says
// nothing. They let the cheap measures (degree, PageRank, eigenvector,
// communities, brokers, connecting networks) and betweenness sampled from
// 1,000 sources run on a graph of a million actors and five million
// relations, and refuse exact betweenness and closeness there (about
// 10^13 steps).
var DefaultAnalysisLimits = AnalysisLimits{
	Timeout:             2 * time.Minute,
	MaxNodes:            2_000_000,
	MaxRelations:        20_000_000,
	MaxWork:             30_000_000_000,
	ExactBetweennessMax: netsci.DefaultExactMaxNodes,
	Samples:             netsci.DefaultSamples,
	MaxTop:              1000,
	MaxYears:            100,
	MaxSet:              10_000,
	CacheTTL:            time.Minute,
}

// withDefaults fills the zero fields of l from DefaultAnalysisLimits.
func (l AnalysisLimits) withDefaults() AnalysisLimits {
	d := DefaultAnalysisLimits
	if l.Timeout <= 0 {
		l.Timeout = d.Timeout
	}
	if l.MaxNodes <= 0 {
		l.MaxNodes = d.MaxNodes
	}
	if l.MaxRelations <= 0 {
		l.MaxRelations = d.MaxRelations
	}
	if l.MaxWork <= 0 {
		l.MaxWork = d.MaxWork
	}
	if l.ExactBetweennessMax <= 0 {
		l.ExactBetweennessMax = d.ExactBetweennessMax
	}
	if l.Samples <= 0 {
		l.Samples = d.Samples
	}
	if l.MaxTop <= 0 {
		l.MaxTop = d.MaxTop
	}
	if l.MaxYears <= 0 {
		l.MaxYears = d.MaxYears
	}
	if l.MaxSet <= 0 {
		l.MaxSet = d.MaxSet
	}
	if l.CacheTTL == 0 {
		l.CacheTTL = d.CacheTTL
	}
	return l
}

// AnalysisLimits are the bounds every analysis is checked against.
func (s *Service) AnalysisLimits() AnalysisLimits { return s.alim }

// FilterEcho repeats the relation filter of an analysis as it was applied.
type FilterEcho struct {
	Types            []string        `json:"types"`
	ExcludeTypes     []string        `json:"exclude_types"`
	Direction        graph.Direction `json:"direction"`
	MinConfidence    float64         `json:"min_confidence"`
	AsOf             graph.Date      `json:"as_of"`
	IncludeContested bool            `json:"include_contested"`
	IncludeRefuted   bool            `json:"include_refuted"`
}

func echoFilter(f graph.RelationFilter) FilterEcho {
	return FilterEcho{
		Types: nonNil(f.Types), ExcludeTypes: nonNil(f.ExcludeTypes), Direction: f.Direction,
		MinConfidence: f.MinConfidence, AsOf: f.AsOf, IncludeContested: !f.ExcludeContested, IncludeRefuted: f.IncludeRefuted,
	}
}

// AnalysisGraph states the graph an analysis ran on: what its nodes and
// edges are, how many of each, and how the relations that pass the
// filters became edges.
type AnalysisGraph struct {
	// Description says it in words, for example "the undirected simple
	// graph of the 341 relations that pass the filters ...".
	Description string `json:"description"`
	Actors      int    `json:"actors"`    // nodes: every actor in the store
	Edges       int    `json:"edges"`     // pairs of actors joined by at least one relation
	Relations   int    `json:"relations"` // relations that pass the filters
	Merged      int    `json:"merged"`    // relations merged into an edge already there (parallel or opposite)
	SelfLoops   int    `json:"self_loops"`
	Isolated    int    `json:"isolated"`   // actors that no relation passing the filters touches
	Components  int    `json:"components"` // connected components, isolated actors included
	// ReadAt is when the graph was read from the store: an analysis may
	// use a graph read for an earlier one (see AnalysisLimits.CacheTTL).
	ReadAt time.Time `json:"read_at"`
}

func statement(g *netsci.Graph, readAt time.Time) AnalysisGraph {
	st := g.Stats()
	iso := 0
	for v := 0; v < g.N(); v++ {
		if g.Degree(v) == 0 {
			iso++
		}
	}
	a := AnalysisGraph{
		Actors: g.N(), Edges: g.M(), Relations: st.Offered, Merged: st.Merged, SelfLoops: st.SelfLoops,
		Isolated: iso, Components: g.Components(), ReadAt: readAt.UTC(),
	}
	var b strings.Builder
	fmt.Fprintf(&b, "the undirected simple graph of the %d relation%s that pass the filters, every relation joining its two actors both ways",
		a.Relations, plural(a.Relations))
	var notes []string
	if a.Merged > 0 {
		notes = append(notes, fmt.Sprintf("%d parallel or opposite relation%s merged into the edge of their pair", a.Merged, plural(a.Merged)))
	}
	if a.SelfLoops > 0 {
		notes = append(notes, fmt.Sprintf("%d relation%s of an actor to itself dropped", a.SelfLoops, plural(a.SelfLoops)))
	}
	if len(notes) > 0 {
		fmt.Fprintf(&b, " (%s)", strings.Join(notes, "; "))
	}
	fmt.Fprintf(&b, ": %d actor%s (every actor in the store, %d with no relation that passes the filters) and %d edge%s, unweighted, in %d connected component%s",
		a.Actors, plural(a.Actors), a.Isolated, a.Edges, plural(a.Edges), a.Components, plural(a.Components))
	a.Description = b.String()
	return a
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// analysisFilter fills the filter's defaults and checks it. The analyses
// run on the undirected graph, where a relation joins its actors both
// ways, so a direction other than any has no meaning there and is refused
// rather than ignored. EINVALID.
func analysisFilter(f *graph.RelationFilter) error {
	if f.Direction == "" {
		f.Direction = graph.DirectionAny
	}
	if err := f.Validate(); err != nil {
		return err
	}
	if f.Direction != graph.DirectionAny {
		return graph.Errorf(graph.EINVALID, "direction must be any for an analysis, not %q: the measures run on the undirected graph, where every relation joins its two actors both ways; paths (GET /v1/paths) follow relations one way", f.Direction)
	}
	return nil
}

// edgeTable is the graph as read from the store: every actor, and the two
// ends of every relation that passes a filter, with its dates when a
// series needs them (the days of graph.Date.FirstDay and LastDay; open
// ends as the extreme values).
type edgeTable struct {
	ids      []string // every actor id, ascending
	index    map[string]int32
	u, v     []int32
	from, to []int32 // per relation: first day it may hold, last day it may hold (dated only)
	dated    bool
}

const (
	openStart = math.MinInt32
	openEnd   = math.MaxInt32
)

// readGraph reads every actor and every relation that passes f from the
// store, within the size bounds. With dated, it keeps each relation's
// dates (for a series, which builds a graph per year from one read).
// ETOOLARGE past analysis.max_nodes or analysis.max_relations.
func (s *Service) readGraph(ctx context.Context, f graph.RelationFilter, dated bool) (*edgeTable, error) {
	t := &edgeTable{index: make(map[string]int32), dated: dated}
	err := s.store.EachActor(ctx, func(a graph.Actor) error {
		if len(t.ids) >= s.alim.MaxNodes {
			return tooManyActors(s.alim.MaxNodes)
		}
		t.index[a.ID] = int32(len(t.ids))
		t.ids = append(t.ids, a.ID)
		return nil
	})
	if err != nil {
		return nil, err
	}
	// EachActor walks in id order; sort anyway if a store ever does not,
	// since node numbers follow id order.
	for i := 1; i < len(t.ids); i++ {
		if t.ids[i-1] >= t.ids[i] {
			return nil, fmt.Errorf("analysis: the store listed actor %q after %q, out of id order", t.ids[i], t.ids[i-1])
		}
	}
	end := func(id string) (int32, error) {
		if x, ok := t.index[id]; ok {
			return x, nil
		}
		// An actor written after the actors were read: add it.
		if len(t.ids) >= s.alim.MaxNodes {
			return 0, tooManyActors(s.alim.MaxNodes)
		}
		id = strings.Clone(id) // edge strings share a buffer with the rest of their chunk
		x := int32(len(t.ids))
		t.index[id] = x
		t.ids = append(t.ids, id)
		return x, nil
	}
	err = s.store.EachEdge(ctx, f, func(e graph.Edge) error {
		if len(t.u) >= s.alim.MaxRelations {
			return graph.Errorf(graph.ETOOLARGE, "more than %d relations pass the filters, over the limit of the analyses (analysis.max_relations); narrow the graph with types, min_confidence or as_of", s.alim.MaxRelations)
		}
		u, err := end(e.From)
		if err != nil {
			return err
		}
		v, err := end(e.To)
		if err != nil {
			return err
		}
		t.u = append(t.u, u)
		t.v = append(t.v, v)
		if dated {
			from, to := int32(openStart), int32(openEnd)
			if !e.ValidFrom.IsZero() {
				from = e.ValidFrom.FirstDay()
			}
			if !e.ValidTo.IsZero() {
				to = e.ValidTo.LastDay()
			}
			t.from = append(t.from, from)
			t.to = append(t.to, to)
		}
		return nil
	})
	return t, err
}

func tooManyActors(max int) error {
	return graph.Errorf(graph.ETOOLARGE, "the graph has more than %d actors, over the limit of the analyses (analysis.max_nodes)", max)
}

// build makes the netsci graph of the table's actors and of its relations
// that hold on asOf (all of them when asOf is zero; only a dated table can
// tell).
func (t *edgeTable) build(ctx context.Context, asOf graph.Date) (*netsci.Graph, error) {
	b := netsci.NewBuilder(netsci.BuildLimits{})
	for _, id := range t.ids {
		if err := b.AddNode(id); err != nil {
			return nil, err
		}
	}
	lo, hi := int32(openStart), int32(openEnd)
	if !asOf.IsZero() {
		lo, hi = asOf.FirstDay(), asOf.LastDay()
	}
	for i := range t.u {
		// graph.ValidOn: the relation starts no later than asOf ends and
		// ends no earlier than asOf starts.
		if t.dated && (t.from[i] > hi || t.to[i] < lo) {
			continue
		}
		if err := b.AddEdge(t.ids[t.u[i]], t.ids[t.v[i]]); err != nil {
			return nil, err
		}
	}
	return b.Build(ctx)
}

// AnalysisGraph reads the graph an analysis with filter f runs on and
// states it, within the bounds (its size and the time limit): what the
// measures would see, and how long reading it takes. EINVALID, ETOOLARGE,
// EUNAVAILABLE when the time limit stops it.
func (s *Service) AnalysisGraph(ctx context.Context, f graph.RelationFilter) (AnalysisGraph, error) {
	if err := analysisFilter(&f); err != nil {
		return AnalysisGraph{}, err
	}
	var st AnalysisGraph
	err := s.analysis(ctx, "reading the graph", func(ctx context.Context) error {
		g, at, err := s.analysisGraph(ctx, f)
		if err == nil {
			st = statement(g, at)
		}
		return err
	})
	return st, err
}

// analysis runs fn with the analysis time limit on its context, and turns
// the errors of the bounds into ones that name them: the time limit
// (analysis.timeout), the work (analysis.max_work). A client that goes away
// cancels ctx, and with it the work.
func (s *Service) analysis(ctx context.Context, what string, fn func(ctx context.Context) error) error {
	actx, cancel := context.WithTimeout(ctx, s.alim.Timeout)
	defer cancel()
	err := fn(actx)
	if err == nil {
		return nil
	}
	// The analysis's own deadline passed while the client still waits:
	// whatever the store made of it (Neo4j's driver reports a write that
	// ran out of time as a connectivity error that does not wrap the
	// context's), the time limit stopped it.
	if ctx.Err() == nil && errors.Is(actx.Err(), context.DeadlineExceeded) {
		return &timeoutError{what: what, limit: s.alim.Timeout}
	}
	var le *netsci.LimitError
	if errors.As(err, &le) {
		return s.limitError(le)
	}
	return err
}

// timeoutError reports an analysis stopped by analysis.timeout. Its code
// is EUNAVAILABLE, as for every request that runs out of time, and it
// unwraps to context.DeadlineExceeded too.
type timeoutError struct {
	what  string
	limit time.Duration
}

func (e *timeoutError) domain() *graph.Error {
	return graph.Errorf(graph.EUNAVAILABLE, "%s took longer than the time limit of analyses, %s (analysis.timeout), and was stopped; narrow the graph with filters (types, min_confidence, as_of) or ask for less (a cheaper measure, fewer years, smaller sets)",
		e.what, e.limit)
}
func (e *timeoutError) Error() string   { return e.domain().Error() }
func (e *timeoutError) Unwrap() []error { return []error{e.domain(), context.DeadlineExceeded} }

// limitError rewords netsci's bound in terms of the configuration.
func (s *Service) limitError(le *netsci.LimitError) error {
	switch le.Bound {
	case "MaxWork":
		return graph.Errorf(graph.ETOOLARGE, "%s needs about %s steps of work on this graph, over the limit of %s (analysis.max_work); narrow the graph with filters (types, min_confidence, as_of) or ask for a cheaper measure",
			le.What, netsci.HumanCount(le.Need), netsci.HumanCount(le.Limit))
	case "MaxNodes":
		return tooManyActors(int(le.Limit))
	}
	return graph.Errorf(graph.ETOOLARGE, "%s: more than %d relations (analysis.max_relations)", le.What, le.Limit)
}

// refs returns the short form of each actor id, looked up in the store; an
// id that is no longer there (deleted meanwhile) keeps its id as its name.
func (s *Service) refs(ctx context.Context, ids []string) (map[string]graph.ActorRef, error) {
	out := make(map[string]graph.ActorRef, len(ids))
	for _, id := range ids {
		if _, ok := out[id]; ok {
			continue
		}
		a, err := s.store.Actor(ctx, id)
		switch {
		case err == nil:
			out[id] = a.Ref()
		case graph.ErrorCode(err) == graph.ENOTFOUND:
			out[id] = graph.ActorRef{ID: id, Name: id}
		default:
			return nil, err
		}
	}
	return out, nil
}

// resolveRefs resolves references (ids, names, aliases) through Resolve,
// in order, repeats of one actor dropped. what names them in errors.
// EINVALID past max, ENOTFOUND, EAMBIGUOUS.
func (s *Service) resolveRefs(ctx context.Context, what string, refs []string, max int) ([]graph.Actor, error) {
	if len(refs) > max {
		return nil, graph.Errorf(graph.EINVALID, "%s: at most %d actors, not %d", what, max, len(refs))
	}
	for _, r := range refs {
		if strings.TrimSpace(r) == "" {
			return nil, graph.Errorf(graph.EINVALID, "%s: an actor reference is empty", what)
		}
	}
	return s.resolveAll(ctx, refs)
}

// hopFinder chooses the relation of each step of an analysis path as the
// path queries choose it (the store's Paths over one hop): among the
// relations between the two actors that pass the filter, the highest
// confidence, then the smallest id. It remembers the steps it has
// looked up.
type hopFinder struct {
	s     *Service
	f     graph.RelationFilter
	idx   sourceIndex
	steps map[[2]string]graph.Path
}

func (s *Service) hopFinder(ctx context.Context, f graph.RelationFilter) (*hopFinder, error) {
	idx, err := s.sources(ctx)
	if err != nil {
		return nil, err
	}
	return &hopFinder{s: s, f: f, idx: idx, steps: map[[2]string]graph.Path{}}, nil
}

// step returns the one-hop path from u to v.
func (h *hopFinder) step(ctx context.Context, u, v string) (graph.Path, error) {
	key := [2]string{u, v}
	if p, ok := h.steps[key]; ok {
		return p, nil
	}
	q := graph.PathQuery{From: u, To: v, Mode: graph.ShortestPath, MaxHops: 1, Filter: h.f}
	if err := q.Normalize(h.s.limits); err != nil {
		return graph.Path{}, err
	}
	res, err := h.s.store.Paths(ctx, q)
	if err != nil {
		return graph.Path{}, err
	}
	if len(res.Paths) == 0 || len(res.Paths[0].Hops) != 1 {
		return graph.Path{}, graph.Errorf(graph.ECONFLICT, "no relation that passes the filters joins %s and %s any more: the graph changed during the analysis; ask again", u, v)
	}
	h.steps[key] = res.Paths[0]
	return res.Paths[0], nil
}

// path returns the walk through the actors ids, in order, as a PathView:
// each hop with its relation and every piece of its evidence named.
func (h *hopFinder) path(ctx context.Context, ids []string) (PathView, error) {
	p := graph.Path{}
	for i := 0; i+1 < len(ids); i++ {
		st, err := h.step(ctx, ids[i], ids[i+1])
		if err != nil {
			return PathView{}, err
		}
		if i == 0 {
			p.Actors = append(p.Actors, st.Actors[0])
		}
		p.Actors = append(p.Actors, st.Actors[1])
		p.Hops = append(p.Hops, st.Hops[0])
	}
	if len(ids) == 1 {
		a, err := h.s.store.Actor(ctx, ids[0])
		if err != nil {
			return PathView{}, err
		}
		p.Actors = []graph.Actor{a}
	}
	pv := PathView{Length: len(p.Hops), Text: PathText(p), Actors: make([]graph.ActorRef, len(p.Actors)), Hops: make([]HopView, len(p.Hops))}
	for i := range p.Actors {
		pv.Actors[i] = p.Actors[i].Ref()
	}
	for i := range p.Hops {
		pv.Hops[i] = hopView(h.idx, p, i)
	}
	return pv, nil
}

// asLimit returns the *netsci.LimitError in err's chain.
func asLimit(err error) (*netsci.LimitError, bool) {
	var le *netsci.LimitError
	if err != nil && errors.As(err, &le) {
		return le, true
	}
	return nil, false
}
