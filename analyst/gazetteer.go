package analyst

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/actorgraph/actorgraph/analyst/extract"
	"github.com/actorgraph/actorgraph/graph"
)

// The gazetteer is what extraction matches names against: every actor of
// the graph, indexed by extract.NewGazetteer for exact names and by
// graph/names (extract.NamesMatcher) for spellings. Building it reads every
// actor (Store.EachActor) and takes seconds on a graph of a million
// actors, so it is built once and kept until the graph's actors change.
//
// A new actor made through this service (created, or accepted from a
// proposal) is added to the gazetteer in place (extract.Gazetteer.Add and
// NamesMatcher.Add, microseconds), so reviewing never waits for a
// rebuild. Every other write of this service that changes actors (update,
// delete, an import with actors) moves the actors' generation on, and the
// next extraction rebuilds. One build runs at a time: extractions that need
// it meanwhile wait for it (or for their context). Writes made by another
// process to the same store (a second server on one Neo4j) are seen when
// this one next rebuilds, at the latest after gazetteerMaxAge.

// gazetteerMaxAge bounds how long a gazetteer is used without a look at
// the store, for the writes of other processes.
const gazetteerMaxAge = 10 * time.Minute

type gazetteer struct {
	g     *extract.Gazetteer
	m     *extract.NamesMatcher
	gen   uint64
	built time.Time
	took  time.Duration
}

type gazetteerCache struct {
	gen atomic.Uint64 // the actors' generation; bumped by actor writes

	mu       sync.Mutex
	cur      *gazetteer
	building chan struct{} // closed when the running build ends; nil when none runs
	err      error         // the last build's error, for those that waited on it
}

// actorsChanged tells the cache that the graph's actors changed.
func (s *Service) actorsChanged() { s.gaz.gen.Add(1) }

// actorsAdded tells the cache of new actors: the current gazetteer gets
// them in place. With none built yet there is nothing to do; while a build
// runs, it may have read the actors before these were written, so the
// generation moves on and the next extraction builds again.
func (s *Service) actorsAdded(actors ...graph.Actor) {
	c := &s.gaz
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.building != nil {
		c.gen.Add(1)
		return
	}
	if g := c.cur; g != nil && g.gen == c.gen.Load() {
		g.g.Add(actors...)
		g.m.Add(actors...)
	}
}

// gazetteer returns a gazetteer of the current actors, building it if
// need be.
func (s *Service) gazetteer(ctx context.Context) (*gazetteer, error) {
	c := &s.gaz
	for {
		gen := c.gen.Load()
		c.mu.Lock()
		if g := c.cur; g != nil && g.gen == gen && s.now().Sub(g.built) < gazetteerMaxAge {
			c.mu.Unlock()
			return g, nil
		}
		if c.building != nil {
			wait := c.building
			c.mu.Unlock()
			select {
			case <-wait:
				c.mu.Lock()
				err := c.err
				c.mu.Unlock()
				if err != nil {
					return nil, err
				}
				continue // built, but perhaps for an older generation
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		}
		done := make(chan struct{})
		c.building = done
		c.mu.Unlock()

		// The build is shared: it must not end with the context of the
		// request that started it.
		g, err := s.buildGazetteer(context.WithoutCancel(ctx), gen)
		c.mu.Lock()
		c.building, c.err = nil, err
		if err == nil {
			c.cur = g
		}
		c.mu.Unlock()
		close(done)
		if err != nil {
			return nil, err
		}
		if g.gen == c.gen.Load() {
			return g, nil
		}
	}
}

// buildGazetteer reads every actor and indexes it.
func (s *Service) buildGazetteer(ctx context.Context, gen uint64) (*gazetteer, error) {
	start := s.now()
	var actors []graph.Actor
	err := s.store.EachActor(ctx, func(a graph.Actor) error {
		// Only what the indexes read.
		actors = append(actors, graph.Actor{ID: a.ID, Kind: a.Kind, Name: a.Name, Aliases: a.Aliases, Start: a.Start})
		return nil
	})
	if err != nil {
		return nil, err
	}
	g := &gazetteer{g: extract.NewGazetteer(actors), m: extract.NewNamesMatcher(actors), gen: gen, built: s.now()}
	g.took = g.built.Sub(start)
	s.log.Info("gazetteer built", "actors", len(actors), "took", g.took)
	return g, nil
}

// WarmGazetteer builds the gazetteer now, so that the first extraction
// need not wait for it: serve calls it at start, in the background.
func (s *Service) WarmGazetteer(ctx context.Context) error {
	_, err := s.gazetteer(ctx)
	return err
}
