package handlers

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/actorgraph/actorgraph/graph"
)

// metrics are the API's Prometheus collectors.
type metrics struct {
	requests *prometheus.CounterVec   // by method, route template, status
	latency  *prometheus.HistogramVec // by method, route template, status
}

func newMetrics(reg *prometheus.Registry) *metrics {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "actorgraph", Subsystem: "http", Name: "requests_total",
			Help: "HTTP requests by method, route template and status.",
		}, []string{"method", "route", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: "actorgraph", Subsystem: "http", Name: "request_duration_seconds",
			Help:    "HTTP request latency by method, route template and status.",
			Buckets: []float64{.0001, .00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"method", "route", "status"}),
	}
	m.requests = register(reg, m.requests)
	m.latency = register(reg, m.latency)
	register(reg, collectors.NewGoCollector())
	register(reg, collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// register registers c, or returns the collector already registered in its
// place (when two handlers share a registry).
func register[C prometheus.Collector](reg *prometheus.Registry, c C) C {
	if err := reg.Register(c); err != nil {
		var are prometheus.AlreadyRegisteredError
		if errors.As(err, &are) {
			if old, ok := are.ExistingCollector.(C); ok {
				return old
			}
		}
	}
	return c
}

func (m *metrics) observeRequest(method, route string, status int, d time.Duration) {
	st := strconv.Itoa(status)
	m.requests.WithLabelValues(method, route, st).Inc()
	m.latency.WithLabelValues(method, route, st).Observe(d.Seconds())
}

func (s *server) serveMetrics(reg *prometheus.Registry) gin.HandlerFunc {
	h := promhttp.HandlerFor(reg, promhttp.HandlerOpts{Registry: reg})
	return func(c *gin.Context) {
		if !s.noParams(c) {
			return
		}
		h.ServeHTTP(c.Writer, c.Request)
	}
}

// instrumented is a graph.Store that records the latency of every call.
type instrumented struct {
	s   graph.Store
	h   *prometheus.HistogramVec
	now func() time.Time
}

// InstrumentStore returns s with the latency of every call recorded in
// reg, as actorgraph_store_query_duration_seconds by operation and outcome
// (ok, an error code, or canceled when the caller went away). cmd/actorgraph wraps the store with it before
// building the analyst.Service, so that /metrics shows the store's share
// of each request. now defaults to time.Now.
func InstrumentStore(s graph.Store, reg *prometheus.Registry, now func() time.Time) graph.Store {
	if now == nil {
		now = time.Now
	}
	h := register(reg, prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Namespace: "actorgraph", Subsystem: "store", Name: "query_duration_seconds",
		Help:    "Store call latency by operation and outcome (ok, an error code, or canceled when the client went away).",
		Buckets: []float64{.00001, .000025, .00005, .0001, .00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
	}, []string{"operation", "outcome"}))
	return &instrumented{s: s, h: h, now: now}
}

var _ graph.Store = (*instrumented)(nil)

// done records a call. A call that failed because its caller went away
// (ctx cancelled, not timed out: the HTTP client closed the connection) is
// recorded with outcome "canceled", not as the store's failure.
func (i *instrumented) done(ctx context.Context, op string, start time.Time, err error) {
	outcome := "ok"
	switch {
	case err == nil:
	case errors.Is(ctx.Err(), context.Canceled):
		outcome = "canceled"
	default:
		outcome = graph.ErrorCode(err)
	}
	i.h.WithLabelValues(op, outcome).Observe(i.now().Sub(start).Seconds())
}

func (i *instrumented) Actor(ctx context.Context, id string) (_ graph.Actor, err error) {
	start := i.now()
	defer func() { i.done(ctx, "actor", start, err) }()
	return i.s.Actor(ctx, id)
}

func (i *instrumented) Resolve(ctx context.Context, ref string) (_ graph.Actor, err error) {
	start := i.now()
	defer func() { i.done(ctx, "resolve", start, err) }()
	return i.s.Resolve(ctx, ref)
}

func (i *instrumented) SearchActors(ctx context.Context, q graph.SearchQuery) (_ graph.SearchResult, err error) {
	start := i.now()
	defer func() { i.done(ctx, "search_actors", start, err) }()
	return i.s.SearchActors(ctx, q)
}

func (i *instrumented) Relation(ctx context.Context, id string) (_ graph.Relation, err error) {
	start := i.now()
	defer func() { i.done(ctx, "relation", start, err) }()
	return i.s.Relation(ctx, id)
}

func (i *instrumented) ActorRelations(ctx context.Context, id string, f graph.RelationFilter) (_ []graph.Relation, err error) {
	start := i.now()
	defer func() { i.done(ctx, "actor_relations", start, err) }()
	return i.s.ActorRelations(ctx, id, f)
}

func (i *instrumented) RelationCounts(ctx context.Context, id string, f graph.RelationFilter) (_ []graph.TypeCount, err error) {
	start := i.now()
	defer func() { i.done(ctx, "relation_counts", start, err) }()
	return i.s.RelationCounts(ctx, id, f)
}

func (i *instrumented) Paths(ctx context.Context, q graph.PathQuery) (_ graph.PathResult, err error) {
	start := i.now()
	defer func() { i.done(ctx, "paths", start, err) }()
	return i.s.Paths(ctx, q)
}

func (i *instrumented) Network(ctx context.Context, q graph.NetworkQuery) (_ graph.Subgraph, err error) {
	start := i.now()
	defer func() { i.done(ctx, "network", start, err) }()
	return i.s.Network(ctx, q)
}

func (i *instrumented) EachActor(ctx context.Context, fn func(graph.Actor) error) (err error) {
	start := i.now()
	defer func() { i.done(ctx, "each_actor", start, err) }()
	return i.s.EachActor(ctx, fn)
}

func (i *instrumented) EachRelation(ctx context.Context, f graph.RelationFilter, fn func(graph.Relation) error) (err error) {
	start := i.now()
	defer func() { i.done(ctx, "each_relation", start, err) }()
	return i.s.EachRelation(ctx, f, fn)
}

func (i *instrumented) EachEdge(ctx context.Context, f graph.RelationFilter, fn func(graph.Edge) error) (err error) {
	start := i.now()
	defer func() { i.done(ctx, "each_edge", start, err) }()
	return i.s.EachEdge(ctx, f, fn)
}

func (i *instrumented) Export(ctx context.Context, w graph.BundleWriter) (err error) {
	start := i.now()
	defer func() { i.done(ctx, "export", start, err) }()
	return i.s.Export(ctx, w)
}

func (i *instrumented) Sources(ctx context.Context) (_ []graph.Source, err error) {
	start := i.now()
	defer func() { i.done(ctx, "sources", start, err) }()
	return i.s.Sources(ctx)
}

func (i *instrumented) Source(ctx context.Context, id string) (_ graph.Source, err error) {
	start := i.now()
	defer func() { i.done(ctx, "source", start, err) }()
	return i.s.Source(ctx, id)
}

func (i *instrumented) Stats(ctx context.Context, top int) (_ graph.Stats, err error) {
	start := i.now()
	defer func() { i.done(ctx, "stats", start, err) }()
	return i.s.Stats(ctx, top)
}

func (i *instrumented) CreateActor(ctx context.Context, a graph.Actor) (_ graph.Actor, err error) {
	start := i.now()
	defer func() { i.done(ctx, "create_actor", start, err) }()
	return i.s.CreateActor(ctx, a)
}

func (i *instrumented) UpdateActor(ctx context.Context, id string, p graph.ActorPatch) (_ graph.Actor, err error) {
	start := i.now()
	defer func() { i.done(ctx, "update_actor", start, err) }()
	return i.s.UpdateActor(ctx, id, p)
}

func (i *instrumented) DeleteActor(ctx context.Context, id string, cascade bool) (err error) {
	start := i.now()
	defer func() { i.done(ctx, "delete_actor", start, err) }()
	return i.s.DeleteActor(ctx, id, cascade)
}

func (i *instrumented) CreateRelation(ctx context.Context, r graph.Relation) (_ graph.Relation, err error) {
	start := i.now()
	defer func() { i.done(ctx, "create_relation", start, err) }()
	return i.s.CreateRelation(ctx, r)
}

func (i *instrumented) UpdateRelation(ctx context.Context, id string, p graph.RelationPatch) (_ graph.Relation, err error) {
	start := i.now()
	defer func() { i.done(ctx, "update_relation", start, err) }()
	return i.s.UpdateRelation(ctx, id, p)
}

func (i *instrumented) DeleteRelation(ctx context.Context, id string) (err error) {
	start := i.now()
	defer func() { i.done(ctx, "delete_relation", start, err) }()
	return i.s.DeleteRelation(ctx, id)
}

func (i *instrumented) AddEvidence(ctx context.Context, relationID string, e graph.Evidence) (_ graph.Relation, err error) {
	start := i.now()
	defer func() { i.done(ctx, "add_evidence", start, err) }()
	return i.s.AddEvidence(ctx, relationID, e)
}

func (i *instrumented) Import(ctx context.Context, b *graph.Bundle) (_ graph.ImportResult, err error) {
	start := i.now()
	defer func() { i.done(ctx, "import", start, err) }()
	return i.s.Import(ctx, b)
}

func (i *instrumented) Ping(ctx context.Context) (err error) {
	start := i.now()
	defer func() { i.done(ctx, "ping", start, err) }()
	return i.s.Ping(ctx)
}

// Close closes the wrapped store.
func (i *instrumented) Close() error { return i.s.Close() }
