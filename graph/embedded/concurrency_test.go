package embedded

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// TestConcurrentReadsAndWrites runs readers of every kind while a writer
// creates, changes and deletes actors and relations and imports bundles.
// Run it with -race. Readers must never fail nor see a broken result.
func TestConcurrentReadsAndWrites(t *testing.T) {
	b := randomBundle(3, 60, 8, 300)
	s := newTestStore(t, b)
	ctx, cancel := context.WithCancel(bg)
	defer cancel()
	var wg sync.WaitGroup
	var reads atomic.Int64
	errs := make(chan error, 16)
	report := func(err error) {
		select {
		case errs <- err:
		default:
		}
		cancel()
	}
	ids := make([]string, len(b.Actors))
	for i, a := range b.Actors {
		ids[i] = a.ID
	}
	readers := []func(i int) error{
		func(i int) error {
			mode := []graph.PathMode{graph.ShortestPath, graph.AllShortest, graph.KShortest}[i%3]
			res, err := s.Paths(ctx, graph.PathQuery{From: ids[i%len(ids)], To: ids[(i*7+3)%len(ids)], Mode: mode})
			if err != nil {
				return err
			}
			for _, p := range res.Paths {
				for j, h := range p.Hops {
					if h.From != p.Actors[j].ID || h.To != p.Actors[j+1].ID || len(h.Relation.Evidence) == 0 {
						return fmt.Errorf("broken path %v", pathIDs(p))
					}
				}
			}
			return nil
		},
		func(i int) error {
			sg, err := s.Network(ctx, graph.NetworkQuery{Seeds: []string{ids[i%len(ids)]}, Depth: 2, Limit: 30})
			if err != nil {
				return err
			}
			in := map[string]bool{}
			for _, n := range sg.Nodes {
				in[n.ID] = true
			}
			for _, e := range sg.Edges {
				if !in[e.From] || !in[e.To] {
					return fmt.Errorf("edge %s outside the network", e.ID)
				}
			}
			return nil
		},
		func(i int) error {
			_, err := s.SearchActors(ctx, graph.SearchQuery{Text: "p 1"})
			return err
		},
		func(i int) error {
			// The writer's actors, created and deleted meanwhile: each hit
			// must still say what matched.
			res, err := s.SearchActors(ctx, graph.SearchQuery{Text: fmt.Sprintf("W w%03d", i%150)})
			for _, h := range res.Hits {
				if h.Matched == "" || h.Why == "" {
					return fmt.Errorf("hit %s without what matched", h.Actor.ID)
				}
			}
			return err
		},
		func(i int) error {
			_, err := s.Resolve(ctx, ids[i%len(ids)])
			return err
		},
		func(i int) error {
			_, err := s.ActorRelations(ctx, ids[i%len(ids)], graph.RelationFilter{})
			return err
		},
		func(i int) error {
			n := 0
			return s.EachEdge(ctx, graph.RelationFilter{}, func(graph.Edge) error { n++; return nil })
		},
		func(i int) error {
			_, err := s.Stats(ctx, 5)
			return err
		},
	}
	for r := range readers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ctx.Err() == nil; i++ {
				if err := readers[r](i); err != nil {
					if ctx.Err() == nil {
						report(fmt.Errorf("reader %d: %w", r, err))
					}
					return
				}
				reads.Add(1)
			}
		}()
	}
	// The writer. Its actors are never the readers' ids, so every reader
	// query stays valid; relations it adds and deletes touch reader actors.
	for i := 0; i < 150 && ctx.Err() == nil; i++ {
		x := fmt.Sprintf("w%03d", i)
		if _, err := s.CreateActor(ctx, graph.Actor{ID: x, Kind: graph.Person, Name: "W " + x}); err != nil {
			report(err)
			break
		}
		r, err := s.CreateRelation(ctx, rel("MET", x, ids[i%60]))
		if err != nil {
			report(err)
			break
		}
		if _, err := s.AddEvidence(ctx, r.ID, grade("more", "A", 1)); err != nil {
			report(err)
			break
		}
		if i%3 == 0 {
			if err := s.DeleteRelation(ctx, r.ID); err != nil {
				report(err)
				break
			}
		}
		if i%5 == 0 {
			if err := s.DeleteActor(ctx, x, true); err != nil {
				report(err)
				break
			}
		}
		if i%10 == 0 {
			nb := randomBundle(uint64(100+i), 60, 8, 40)
			nb.Actors = nil // replace relations among the readers' actors
			nb.Sources = nil
			if _, err := s.Import(ctx, nb); err != nil {
				report(err)
				break
			}
		}
	}
	cancel()
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	t.Logf("%d reads during the writes", reads.Load())
	checkConsistent(t, s)
}
