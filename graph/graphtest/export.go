package graphtest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
)

// recorder is a graph.BundleWriter that keeps what it is given, in a
// bundle, and checks the order of the parts. Each callback first calls
// pause (the throttle, and the hook where a test writes).
type recorder struct {
	b     graph.Bundle
	part  int // 0 sources, 1 actors, 2 relations
	order []string
	pause func(part, i int)
}

func (r *recorder) enter(part, i int) {
	if part < r.part {
		r.order = append(r.order, fmt.Sprintf("part %d after part %d", part, r.part))
	}
	r.part = part
	if r.pause != nil {
		r.pause(part, i)
	}
}

func (r *recorder) Source(s graph.Source) error {
	r.enter(0, len(r.b.Sources))
	r.b.Sources = append(r.b.Sources, s)
	return nil
}

func (r *recorder) Actor(a graph.Actor) error {
	r.enter(1, len(r.b.Actors))
	r.b.Actors = append(r.b.Actors, a)
	return nil
}

func (r *recorder) Relation(rel graph.Relation) error {
	r.enter(2, len(r.b.Relations))
	r.b.Relations = append(r.b.Relations, rel)
	return nil
}

// checkExported fails unless b holds exactly m's sources, actors and
// relations, in id order.
func checkExported(t *testing.T, b *graph.Bundle, m *model) {
	t.Helper()
	if len(b.Sources) != len(m.sources) || len(b.Actors) != len(m.ids) || len(b.Relations) != len(m.relations) {
		t.Errorf("exported %d sources, %d actors, %d relations; want %d, %d, %d",
			len(b.Sources), len(b.Actors), len(b.Relations), len(m.sources), len(m.ids), len(m.relations))
	}
	for i := range min(len(b.Sources), len(m.sources)) {
		if !sameSource(b.Sources[i], m.sources[i]) {
			t.Errorf("source #%d:\n got  %+v\n want %+v", i, b.Sources[i], m.sources[i])
		}
	}
	for i := range min(len(b.Actors), len(m.ids)) {
		checkActor(t, fmt.Sprintf("actor #%d", i), b.Actors[i], m.actors[m.ids[i]])
	}
	for i := range min(len(b.Relations), len(m.relations)) {
		checkRelation(t, fmt.Sprintf("relation #%d", i), b.Relations[i], m.relations[i])
	}
}

// importsAlone fails unless b is a bundle that imports into an empty store
// (every relation's ends and cited sources are in it) and returns that
// store.
func importsAlone(t *testing.T, open Opener, b *graph.Bundle) graph.Store {
	t.Helper()
	if err := cloneBundle(b).Validate(nil); err != nil {
		t.Fatalf("the export does not validate on its own: %v", err)
	}
	s := open(t)
	if _, err := s.Import(t.Context(), cloneBundle(b)); err != nil {
		t.Fatalf("the export does not import into an empty store: %v", err)
	}
	return s
}

func testExport(t *testing.T, open Opener, o options) {
	t.Run("everything, in order", func(t *testing.T) {
		s, m := load(t, open, Fixture())
		var rec recorder
		if err := s.Export(t.Context(), &rec); err != nil {
			t.Fatalf("Export: %v", err)
		}
		if len(rec.order) > 0 {
			t.Errorf("parts out of order: %v", rec.order)
		}
		checkExported(t, &rec.b, m)
		checkContent(t, importsAlone(t, open, &rec.b), m)
	})
	t.Run("empty graph", func(t *testing.T) {
		var rec recorder
		if err := open(t).Export(t.Context(), &rec); err != nil {
			t.Fatalf("Export: %v", err)
		}
		if len(rec.b.Sources)+len(rec.b.Actors)+len(rec.b.Relations) != 0 {
			t.Errorf("an empty store exported %+v", rec.b)
		}
	})
	t.Run("writer error stops it", func(t *testing.T) {
		s, _ := load(t, open, Fixture())
		stop := errors.New("disk full")
		n := 0
		w := &funcWriter{actor: func(graph.Actor) error {
			if n++; n == 3 {
				return stop
			}
			return nil
		}, relation: func(graph.Relation) error {
			t.Errorf("a relation came after the writer failed")
			return nil
		}}
		if err := s.Export(t.Context(), w); !errors.Is(err, stop) {
			t.Errorf("Export = %v; want the writer's error", err)
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		s, _ := load(t, open, Fixture())
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		if err := s.Export(ctx, &recorder{}); err == nil {
			t.Errorf("Export with a cancelled context succeeded")
		}
	})
	t.Run("writes during a throttled export", func(t *testing.T) { testExportDuringWrites(t, open, o) })
}

// funcWriter is a graph.BundleWriter of functions; nil ones accept.
type funcWriter struct {
	actor    func(graph.Actor) error
	relation func(graph.Relation) error
}

func (w *funcWriter) Source(graph.Source) error { return nil }
func (w *funcWriter) Actor(a graph.Actor) error {
	if w.actor == nil {
		return nil
	}
	return w.actor(a)
}
func (w *funcWriter) Relation(r graph.Relation) error {
	if w.relation == nil {
		return nil
	}
	return w.relation(r)
}

// testExportDuringWrites is issue 13's defect: a relation created during a
// long export appeared in the bundle without its actor, so the backup did
// not import. The export is throttled (each entry waits), and once it has
// begun the actors, writes run: on the export's side of every kind of
// entry (an actor and a relation whose ids sort before everything already
// exported, a new source cited by a new relation, the deletion of an
// actor not yet exported with its relations, the deletion of a relation),
// and a writer goroutine that keeps adding actors and relations until the
// export ends. The bundle must import on its own; from a store whose
// Export is one snapshot it must be the graph as it was before the writes.
func testExportDuringWrites(t *testing.T, open Opener, o options) {
	ctx := t.Context()
	s, m := load(t, open, Fixture())
	ev := func(src string) []graph.Evidence {
		return []graph.Evidence{{Source: src, Quote: "written during the export", Claimant: "Test", Reliability: "B", Credibility: 2}}
	}
	met := func(id, from, to, src string) graph.Relation {
		return graph.Relation{ID: id, Type: "MET", From: from, To: to, Evidence: ev(src)}
	}
	last := m.ids[len(m.ids)-1] // deleted before the export reaches it
	var lastRel string
	for _, r := range m.relations {
		if r.From != last && r.To != last {
			lastRel = r.ID
		}
	}
	writes := []struct {
		what string
		do   func() error
	}{
		{"an actor sorting first", func() error {
			_, err := s.CreateActor(ctx, graph.Actor{ID: "aaa-early", Kind: graph.Person, Name: "Early Bird"})
			return err
		}},
		{"a relation to it, sorting first", func() error {
			_, err := s.CreateRelation(ctx, met("aaa-early--met--amedy-coulibaly", "aaa-early", "amedy-coulibaly", "src-news"))
			return err
		}},
		{"a source and a relation citing it", func() error {
			_, err := s.Import(ctx, &graph.Bundle{Format: graph.BundleFormat,
				Sources:   []graph.Source{{ID: "src-late", Title: "Published during the export"}},
				Relations: []graph.Relation{met("aab--late", "amedy-coulibaly", "hayat-boumeddiene", "src-late")}})
			return err
		}},
		{"an actor sorting last, and a relation", func() error {
			if _, err := s.CreateActor(ctx, graph.Actor{ID: "zzz-late", Kind: graph.Person, Name: "Late Comer"}); err != nil {
				return err
			}
			_, err := s.CreateRelation(ctx, met("zzz-late--met--said-kouachi", "zzz-late", "said-kouachi", "src-news"))
			return err
		}},
		{"the deletion of the last actor, with its relations", func() error { return s.DeleteActor(ctx, last, true) }},
		{"the deletion of a relation", func() error { return s.DeleteRelation(ctx, lastRel) }},
	}

	var (
		once     sync.Once
		done     = make(chan struct{})
		wg       sync.WaitGroup
		failures []error
		mu       sync.Mutex
	)
	fail := func(err error) {
		mu.Lock()
		failures = append(failures, err)
		mu.Unlock()
	}
	background := func() {
		// Keeps writing until the export is over.
		for i := 0; ; i++ {
			select {
			case <-done:
				return
			default:
			}
			id := fmt.Sprintf("bg-%04d", i)
			if _, err := s.CreateActor(ctx, graph.Actor{ID: id, Kind: graph.Person, Name: "Background " + id}); err != nil {
				fail(fmt.Errorf("background actor: %w", err))
				return
			}
			if _, err := s.CreateRelation(ctx, met(id+"--met--cherif-kouachi", id, "cherif-kouachi", "src-news")); err != nil {
				fail(fmt.Errorf("background relation: %w", err))
				return
			}
			time.Sleep(time.Millisecond)
		}
	}
	rec := &recorder{pause: func(part, i int) {
		if part == 1 && i == 1 {
			once.Do(func() {
				// The export has begun the actors: write, on another
				// goroutine (a store may serialise a writer behind its
				// reader; this one must not wait for the other), and
				// wait for it.
				wg.Go(background)
				errc := make(chan error, 1)
				go func() {
					for _, w := range writes {
						if err := w.do(); err != nil {
							errc <- fmt.Errorf("%s: %w", w.what, err)
							return
						}
					}
					errc <- nil
				}()
				select {
				case err := <-errc:
					if err != nil {
						fail(err)
					}
				case <-time.After(30 * time.Second):
					fail(errors.New("the writes waited 30 s for the export: a writer must not wait for an export"))
				}
			})
		}
		time.Sleep(200 * time.Microsecond) // the throttle
	}}
	err := s.Export(ctx, rec)
	close(done)
	wg.Wait()
	if err != nil {
		t.Fatalf("Export: %v", err)
	}
	for _, err := range failures {
		t.Errorf("write during the export: %v", err)
	}
	if len(rec.order) > 0 {
		t.Errorf("parts out of order: %v", rec.order)
	}
	// The writes happened.
	if _, err := s.Actor(ctx, "zzz-late"); err != nil {
		t.Errorf("zzz-late after the export: %v", err)
	}
	if _, err := s.Actor(ctx, last); graph.ErrorCode(err) != graph.ENOTFOUND {
		t.Errorf("%s after its deletion: %v", last, err)
	}

	// The bundle imports on its own, whatever the store.
	importsAlone(t, open, &rec.b)
	if o.exportNotSnapshot {
		return
	}
	// It is the graph as it was when the export began.
	checkExported(t, &rec.b, m)
}
