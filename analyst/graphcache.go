package analyst

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/actorgraph/actorgraph/analyst/netsci"
	"github.com/actorgraph/actorgraph/graph"
)

// The graph an analysis runs on is read from the store: every actor and
// every relation that passes the filter (about a second for a million
// relations on the embedded store). An analyst who asks several questions
// of one graph (the explorer sizes actors, then colours them, then
// connects some) should not wait for that read each time, so the service
// keeps the last graphs it built, by filter, for analysis.cache_ttl.
//
// Every write through the service makes them stale at once: the store the
// service holds is wrapped (genStore) so that each write method moves a
// generation counter on when it returns, and a graph read at an older
// generation is not used. Writes the service does not see (another
// server over the same Neo4j database) are seen within the TTL. Every
// answer says when its graph was read (AnalysisGraph.ReadAt).

// maxCachedGraphs bounds the graphs kept: a graph of a million actors and
// five million relations takes about 150 MB.
const maxCachedGraphs = 2

type graphCache struct {
	gen     atomic.Uint64 // moved on by every write through the service
	mu      sync.Mutex
	entries []cachedGraph // most recently used first
}

type cachedGraph struct {
	key string
	g   *netsci.Graph
	at  time.Time // when it was read
	gen uint64    // the generation it was read at
}

// get returns the graph of key read at generation gen no longer than ttl
// before now.
func (c *graphCache) get(key string, gen uint64, now time.Time, ttl time.Duration) (cachedGraph, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, e := range c.entries {
		if e.key != key {
			continue
		}
		if e.gen != gen || now.Sub(e.at) > ttl || now.Before(e.at) {
			c.entries = slices.Delete(c.entries, i, i+1)
			return cachedGraph{}, false
		}
		copy(c.entries[1:i+1], c.entries[:i])
		c.entries[0] = e
		return e, true
	}
	return cachedGraph{}, false
}

func (c *graphCache) put(e cachedGraph) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries = slices.DeleteFunc(c.entries, func(x cachedGraph) bool { return x.key == e.key })
	c.entries = append([]cachedGraph{e}, c.entries...)
	if len(c.entries) > maxCachedGraphs {
		c.entries = c.entries[:maxCachedGraphs]
	}
}

// filterKey is the filter in one canonical string: filters that select
// the same relations have the same key.
func filterKey(f graph.RelationFilter) string {
	types, excl := slices.Clone(f.Types), slices.Clone(f.ExcludeTypes)
	slices.Sort(types)
	slices.Sort(excl)
	return fmt.Sprintf("%q|%q|%v|%s|%v|%v", slices.Compact(types), slices.Compact(excl), f.MinConfidence, f.AsOf, f.ExcludeContested, f.IncludeRefuted)
}

// analysisGraph returns the graph of the relations that pass f: the one
// kept from an earlier analysis when it is still good, else read from the
// store now. It says when the graph was read.
func (s *Service) analysisGraph(ctx context.Context, f graph.RelationFilter) (*netsci.Graph, time.Time, error) {
	key, ttl := filterKey(f), s.alim.CacheTTL
	gen := s.graphs.gen.Load()
	if ttl > 0 {
		if e, ok := s.graphs.get(key, gen, s.now(), ttl); ok {
			return e.g, e.at, nil
		}
	}
	at := s.now()
	t, err := s.readGraph(ctx, f, false)
	if err != nil {
		return nil, time.Time{}, err
	}
	g, err := t.build(ctx, graph.Date{})
	if err != nil {
		return nil, time.Time{}, err
	}
	if ttl > 0 {
		s.graphs.put(cachedGraph{key: key, g: g, at: at, gen: gen})
	}
	return g, at, nil
}

// genStore is the service's store: every write moves the graph cache's
// generation on when it returns.
type genStore struct {
	graph.Store
	gen *atomic.Uint64
}

func (s genStore) wrote() { s.gen.Add(1) }

func (s genStore) CreateActor(ctx context.Context, a graph.Actor) (graph.Actor, error) {
	defer s.wrote()
	return s.Store.CreateActor(ctx, a)
}

func (s genStore) UpdateActor(ctx context.Context, id string, p graph.ActorPatch) (graph.Actor, error) {
	defer s.wrote()
	return s.Store.UpdateActor(ctx, id, p)
}

func (s genStore) DeleteActor(ctx context.Context, id string, cascade bool) error {
	defer s.wrote()
	return s.Store.DeleteActor(ctx, id, cascade)
}

func (s genStore) CreateRelation(ctx context.Context, r graph.Relation) (graph.Relation, error) {
	defer s.wrote()
	return s.Store.CreateRelation(ctx, r)
}

func (s genStore) UpdateRelation(ctx context.Context, id string, p graph.RelationPatch) (graph.Relation, error) {
	defer s.wrote()
	return s.Store.UpdateRelation(ctx, id, p)
}

func (s genStore) DeleteRelation(ctx context.Context, id string) error {
	defer s.wrote()
	return s.Store.DeleteRelation(ctx, id)
}

func (s genStore) AddEvidence(ctx context.Context, id string, e graph.Evidence) (graph.Relation, error) {
	defer s.wrote()
	return s.Store.AddEvidence(ctx, id, e)
}

func (s genStore) Import(ctx context.Context, b *graph.Bundle) (graph.ImportResult, error) {
	defer s.wrote()
	return s.Store.Import(ctx, b)
}

func (s genStore) Decide(ctx context.Context, r graph.Review) (graph.ReviewResult, error) {
	defer s.wrote()
	return s.Store.Decide(ctx, r)
}
