package graphtest

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph"
)

// memStore is a deliberately naive graph.Store built on the reference
// model. It exists to test the suite itself: the suite must pass on a store
// that follows the contract, and fail on one that breaks it
// (TestSuiteCatchesBugs).
type memStore struct {
	mu      sync.Mutex
	sources map[string]graph.Source
	actors  map[string]graph.Actor
	rels    map[string]graph.Relation
	bug     string // a deliberate defect, for TestSuiteCatchesBugs
	cached  *model // the snapshot, until the next write

	// Ingestion (memstore_ingest_test.go).
	texts     map[string]string
	proposals map[string]graph.Proposal
	audit     []graph.AuditRecord
}

func newMemStore() *memStore {
	return &memStore{sources: map[string]graph.Source{}, actors: map[string]graph.Actor{}, rels: map[string]graph.Relation{},
		texts: map[string]string{}, proposals: map[string]graph.Proposal{}}
}

func (s *memStore) ActorKind(id string) (graph.Kind, bool) {
	a, ok := s.actors[id]
	return a.Kind, ok
}

func (s *memStore) LookupSource(id string) (graph.Source, bool) {
	src, ok := s.sources[id]
	return src, ok
}

func (s *memStore) StoredText(id string) (string, bool) {
	t, ok := s.texts[id]
	return t, ok
}

// quotes checks quotes against the stored texts.
func (s *memStore) quotes() *graph.Quotes {
	if s.bug == "quotes-unchecked" {
		return graph.NewQuotes(func(string) (string, bool) { return "", false })
	}
	return graph.NewQuotes(s.StoredText)
}

// snapshot returns the reference model of the current content, which
// callers must not change.
func (s *memStore) snapshot() *model {
	if s.cached == nil {
		s.cached = s.build()
	}
	return s.cached
}

func (s *memStore) build() *model {
	b := &graph.Bundle{}
	for _, src := range s.sources {
		b.Sources = append(b.Sources, src)
	}
	for _, a := range s.actors {
		b.Actors = append(b.Actors, a)
	}
	for _, r := range s.rels {
		b.Relations = append(b.Relations, r)
	}
	return newModel(cloneBundle(b))
}

func (s *memStore) Actor(_ context.Context, id string) (graph.Actor, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.actors[id]
	if !ok {
		return graph.Actor{}, graph.Errorf(graph.ENOTFOUND, "no actor %q", id)
	}
	return a.Clone(), nil
}

func (s *memStore) Resolve(_ context.Context, ref string) (graph.Actor, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.snapshot()
	ids := m.resolve(ref)
	switch len(ids) {
	case 0:
		return graph.Actor{}, graph.Errorf(graph.ENOTFOUND, "no actor named %q", ref)
	case 1:
		return s.actors[ids[0]].Clone(), nil
	}
	if s.bug == "resolve-guesses" {
		return s.actors[ids[0]].Clone(), nil
	}
	e := &graph.AmbiguousError{Name: ref}
	for _, id := range ids[:min(len(ids), graph.DefaultLimits.MaxSearch)] {
		a := m.actors[id]
		e.Candidates = append(e.Candidates, a.Ref())
	}
	return graph.Actor{}, e
}

func (s *memStore) SearchActors(_ context.Context, q graph.SearchQuery) (graph.SearchResult, error) {
	if err := q.Normalize(graph.DefaultLimits); err != nil {
		return graph.SearchResult{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.snapshot()
	ref, err := m.search(q)
	if err != nil {
		return graph.SearchResult{}, err
	}
	hits := ref.hits
	switch s.bug {
	case "search-ignores-degree":
		slices.SortStableFunc(hits, func(a, b refHit) int { return cmp.Or(cmp.Compare(b.score, a.score), strings.Compare(a.id, b.id)) })
	case "search-literal":
		// Only the names that hold every word of the query: no spelling
		// variant is found.
		hits = slices.DeleteFunc(slices.Clone(hits), func(h refHit) bool {
			return !strings.Contains(graph.NormalizeName(h.matched), graph.NormalizeName(q.Text))
		})
		ref.total = len(hits)
	}
	res := graph.SearchResult{Total: ref.total, TotalExact: ref.exact}
	for _, h := range hits[min(q.Offset, len(hits)):min(q.Offset+q.Limit, len(hits))] {
		hit := graph.SearchHit{Actor: m.actors[h.id].Clone(), Score: h.score, Degree: h.degree, Matched: h.matched, Why: h.why}
		if s.bug == "search-no-why" {
			hit.Matched, hit.Why = "", ""
		}
		res.Hits = append(res.Hits, hit)
	}
	return res, nil
}

func (s *memStore) Relation(_ context.Context, id string) (graph.Relation, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.rels[id]
	if !ok {
		return graph.Relation{}, graph.Errorf(graph.ENOTFOUND, "no relation %q", id)
	}
	return r.Clone(), nil
}

func (s *memStore) ActorRelations(_ context.Context, id string, f graph.RelationFilter) ([]graph.Relation, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.actors[id]; !ok {
		return nil, graph.Errorf(graph.ENOTFOUND, "no actor %q", id)
	}
	rels := s.snapshot().actorRelations(id, f)
	if len(rels) > graph.DefaultLimits.MaxRelations {
		return nil, graph.Errorf(graph.ETOOLARGE, "actor %q has %d relations", id, len(rels))
	}
	return rels, nil
}

func (s *memStore) RelationCounts(_ context.Context, id string, f graph.RelationFilter) ([]graph.TypeCount, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.actors[id]; !ok {
		return nil, graph.Errorf(graph.ENOTFOUND, "no actor %q", id)
	}
	counts := s.snapshot().relationCounts(id, f)
	if s.bug == "counts-swap-direction" {
		for i := range counts {
			counts[i].Out, counts[i].In = counts[i].In, counts[i].Out
		}
	}
	return counts, nil
}

func (s *memStore) Paths(_ context.Context, q graph.PathQuery) (graph.PathResult, error) {
	if err := q.Normalize(graph.DefaultLimits); err != nil {
		return graph.PathResult{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, id := range []string{q.From, q.To} {
		if _, ok := s.actors[id]; !ok {
			return graph.PathResult{}, graph.Errorf(graph.ENOTFOUND, "no actor %q", id)
		}
	}
	m := s.snapshot()
	f := q.Filter
	if s.bug == "paths-ignore-direction" {
		f.Direction = graph.DirectionAny
	}
	if s.bug == "paths-walk-refuted" {
		f.IncludeRefuted = true
	}
	o := m.oracle(f)
	all := o.Paths(q.From, q.To, q.MaxHops)
	res := graph.PathResult{Query: q, From: m.actors[q.From].Clone(), To: m.actors[q.To].Clone()}
	if s.bug == "paths-any-shortest" {
		// The order a server may use: length, then the last actor first.
		rev := func(p []string) []string { r := slices.Clone(p); slices.Reverse(r); return r }
		slices.SortStableFunc(all, func(a, b []string) int {
			return cmp.Or(cmp.Compare(len(a), len(b)), slices.Compare(rev(a), rev(b)))
		})
	}
	if q.From == q.To && s.bug != "paths-same-actor-none" {
		all = [][]string{{q.From}}
	}
	switch {
	case len(all) == 0:
	case q.Mode == graph.ShortestPath:
		all = all[:1]
	case q.Mode == graph.AllShortest:
		n := 0
		for n < len(all) && len(all[n]) == len(all[0]) {
			n++
		}
		if n > graph.DefaultLimits.MaxPaths {
			n, res.Truncated = graph.DefaultLimits.MaxPaths, true
		}
		all = all[:n]
	case q.Mode == graph.KShortest:
		all = all[:min(q.K, len(all))]
	}
	for _, ids := range all {
		var p graph.Path
		for i, id := range ids {
			p.Actors = append(p.Actors, m.actors[id].Clone())
			if i > 0 {
				r, _ := o.Best(ids[i-1], id)
				if s.bug == "hop-first-relation" {
					for _, x := range m.relations {
						if f.Match(&x) && Walkable(&x, f.Direction, ids[i-1], id) {
							r = x
							break
						}
					}
				}
				p.Hops = append(p.Hops, graph.Hop{Relation: r.Clone(), From: ids[i-1], To: id, Forward: r.From == ids[i-1]})
			}
		}
		res.Paths = append(res.Paths, p)
	}
	return res, nil
}

func (s *memStore) Network(_ context.Context, q graph.NetworkQuery) (graph.Subgraph, error) {
	if err := q.Normalize(graph.DefaultLimits); err != nil {
		return graph.Subgraph{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, id := range q.Seeds {
		if _, ok := s.actors[id]; !ok {
			return graph.Subgraph{}, graph.Errorf(graph.ENOTFOUND, "no actor %q", id)
		}
	}
	m := s.snapshot()
	dist := m.oracle(q.Filter).Distances(q.Seeds, q.Depth)
	ids := make([]string, 0, len(dist))
	for id := range dist {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b string) int { return cmp.Or(cmp.Compare(dist[a], dist[b]), strings.Compare(a, b)) })
	var sg graph.Subgraph
	if len(ids) > q.Limit {
		ids, sg.Truncated = ids[:q.Limit], true
	}
	nodes := map[string]bool{}
	for _, id := range ids {
		nodes[id] = true
		sg.Nodes = append(sg.Nodes, m.actors[id].Clone())
	}
	for _, id := range m.edgesAmong(nodes, q.Filter) {
		sg.Edges = append(sg.Edges, m.relByID[id].Clone())
	}
	return sg, nil
}

func (s *memStore) EachActor(_ context.Context, fn func(graph.Actor) error) error {
	s.mu.Lock()
	m := s.snapshot()
	s.mu.Unlock()
	for _, id := range m.ids {
		if err := fn(m.actors[id]); err != nil {
			return err
		}
	}
	return nil
}

func (s *memStore) EachRelation(_ context.Context, f graph.RelationFilter, fn func(graph.Relation) error) error {
	if err := f.Validate(); err != nil {
		return err
	}
	s.mu.Lock()
	m := s.snapshot()
	s.mu.Unlock()
	for _, r := range m.filterRelations(f) {
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}

func (s *memStore) EachEdge(ctx context.Context, f graph.RelationFilter, fn func(graph.Edge) error) error {
	return s.EachRelation(ctx, f, func(r graph.Relation) error { return fn(graph.EdgeOf(&r)) })
}

// Export streams a snapshot taken under the lock. With the bug
// "export-not-snapshot" it reads the relations in a second snapshot, as the
// whole-graph export once did, so that a relation created meanwhile comes
// without its actor.
func (s *memStore) Export(ctx context.Context, w graph.BundleWriter) error {
	s.mu.Lock()
	m := s.snapshot()
	texts := maps.Clone(s.texts)
	s.mu.Unlock()
	for _, src := range m.sources {
		src.Text = texts[src.ID]
		if err := w.Source(src); err != nil {
			return err
		}
	}
	for _, id := range m.ids {
		if err := w.Actor(m.actors[id]); err != nil {
			return err
		}
	}
	if s.bug == "export-not-snapshot" {
		s.mu.Lock()
		m = s.snapshot()
		s.mu.Unlock()
	}
	for _, r := range m.filterRelations(graph.Everything) {
		if err := w.Relation(r); err != nil {
			return err
		}
	}
	return ctx.Err()
}

func (s *memStore) Sources(context.Context) ([]graph.Source, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.snapshot().sources, nil
}

func (s *memStore) Source(_ context.Context, id string) (graph.Source, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	src, ok := s.sources[id]
	if !ok {
		return graph.Source{}, graph.Errorf(graph.ENOTFOUND, "no source %q", id)
	}
	return src.Clone(), nil
}

func (s *memStore) Stats(_ context.Context, top int) (graph.Stats, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.snapshot()
	st := expectedStats(m)
	if s.bug == "stats-count-actor-evidence" {
		for _, a := range m.actors {
			st.Evidence += len(a.Evidence)
		}
	}
	ids := slices.Clone(m.ids)
	slices.SortStableFunc(ids, func(a, b string) int { return cmp.Compare(m.degree[b], m.degree[a]) })
	for _, id := range ids[:min(top, len(ids))] {
		a := m.actors[id]
		st.Top = append(st.Top, graph.Degree{Actor: a.Ref(), Degree: m.degree[id]})
	}
	return st, nil
}

func (s *memStore) CreateActor(_ context.Context, a graph.Actor) (graph.Actor, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b := &graph.Bundle{Format: graph.BundleFormat, Actors: []graph.Actor{a.Clone()}}
	if err := b.Validate(s); err != nil { // the actor, its evidence and their quotes
		return graph.Actor{}, err
	}
	if _, ok := s.actors[a.ID]; ok {
		return graph.Actor{}, graph.Errorf(graph.ECONFLICT, "actor %q exists", a.ID)
	}
	s.actors[a.ID] = a.Clone()
	s.cached = nil
	return a.Clone(), nil
}

func (s *memStore) UpdateActor(_ context.Context, id string, p graph.ActorPatch) (graph.Actor, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.actors[id]
	if !ok {
		return graph.Actor{}, graph.Errorf(graph.ENOTFOUND, "no actor %q", id)
	}
	a = p.Apply(a.Clone())
	if err := graph.AsValidationError("actor", graph.CheckActor(&a)); err != nil {
		return graph.Actor{}, err
	}
	s.actors[id] = a
	s.cached = nil
	return a.Clone(), nil
}

func (s *memStore) DeleteActor(_ context.Context, id string, cascade bool) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.actors[id]; !ok {
		return graph.Errorf(graph.ENOTFOUND, "no actor %q", id)
	}
	var linked []string
	for rid, r := range s.rels {
		if r.From == id || r.To == id {
			linked = append(linked, rid)
		}
	}
	if len(linked) > 0 && !cascade && s.bug != "delete-ignores-relations" {
		return graph.Errorf(graph.ECONFLICT, "actor %q has %d relations", id, len(linked))
	}
	for _, rid := range linked {
		delete(s.rels, rid)
		s.cached = nil
	}
	delete(s.actors, id)
	s.cached = nil
	return nil
}

func (s *memStore) checkRelation(r *graph.Relation) error {
	ps := graph.CheckRelation(r, s.ActorKind)
	if err := graph.AsValidationError("relation", ps); err != nil {
		return err
	}
	if err := graph.CheckEvidenceList("relation", r.Evidence, s.LookupSource); err != nil {
		return err
	}
	return s.quotes().Check("relation", r.Evidence)
}

func (s *memStore) CreateRelation(_ context.Context, r graph.Relation) (graph.Relation, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r = r.Clone()
	if r.ID == "" {
		base := graph.RelationID(r.From, r.Type, r.To)
		r.ID = base
		for n := 2; ; n++ {
			if _, ok := s.rels[r.ID]; !ok {
				break
			}
			r.ID = fmt.Sprintf("%s--%d", base, n)
		}
	}
	if _, ok := s.rels[r.ID]; ok {
		return graph.Relation{}, graph.Errorf(graph.ECONFLICT, "relation %q exists", r.ID)
	}
	if err := s.checkRelation(&r); err != nil {
		return graph.Relation{}, err
	}
	r.Derive()
	s.rels[r.ID] = r
	s.cached = nil
	return r.Clone(), nil
}

func (s *memStore) UpdateRelation(_ context.Context, id string, p graph.RelationPatch) (graph.Relation, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.rels[id]
	if !ok {
		return graph.Relation{}, graph.Errorf(graph.ENOTFOUND, "no relation %q", id)
	}
	r = p.Apply(r)
	if err := s.checkRelation(&r); err != nil {
		return graph.Relation{}, err
	}
	s.rels[id] = r
	s.cached = nil
	return r.Clone(), nil
}

func (s *memStore) DeleteRelation(_ context.Context, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.rels[id]; !ok {
		return graph.Errorf(graph.ENOTFOUND, "no relation %q", id)
	}
	delete(s.rels, id)
	s.cached = nil
	return nil
}

func (s *memStore) AddEvidence(_ context.Context, id string, e graph.Evidence) (graph.Relation, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.rels[id]
	if !ok {
		return graph.Relation{}, graph.Errorf(graph.ENOTFOUND, "no relation %q", id)
	}
	if err := graph.CheckEvidenceList("evidence", []graph.Evidence{e}, s.LookupSource); err != nil {
		return graph.Relation{}, err
	}
	if err := graph.AsValidationError("relation", graph.CheckEvidenceCount(len(r.Evidence)+1)); err != nil {
		return graph.Relation{}, err
	}
	if err := s.quotes().Check("evidence", []graph.Evidence{e}); err != nil {
		return graph.Relation{}, err
	}
	r = r.Clone()
	r.Evidence = append(r.Evidence, e)
	if s.bug != "evidence-no-rederive" {
		r.Derive()
	}
	s.rels[id] = r
	s.cached = nil
	return r.Clone(), nil
}

func (s *memStore) Import(_ context.Context, b *graph.Bundle) (graph.ImportResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b = cloneBundle(b)
	var cat graph.Catalog = s
	if s.bug == "quotes-unchecked" {
		cat = struct{ graph.Catalog }{s} // no stored texts
	}
	if err := b.Validate(cat); err != nil {
		if s.bug != "import-partial" {
			return graph.ImportResult{}, err
		}
		for _, a := range b.Actors {
			s.actors[a.ID] = a
			s.cached = nil
		}
		return graph.ImportResult{}, err
	}
	for _, src := range b.Sources {
		if src.Text != "" {
			s.texts[src.ID] = src.Text
		}
		src.Text = ""
		src.TextLength = utf8.RuneCountInString(s.texts[src.ID])
		s.sources[src.ID] = src
		s.cached = nil
	}
	for _, a := range b.Actors {
		s.actors[a.ID] = a
		s.cached = nil
	}
	for _, r := range b.Relations {
		if old, ok := s.rels[r.ID]; ok && s.bug == "import-appends-evidence" {
			r.Evidence = append(old.Evidence, r.Evidence...)
		}
		s.rels[r.ID] = r
		s.cached = nil
	}
	return graph.ImportResult{Sources: len(b.Sources), Actors: len(b.Actors), Relations: len(b.Relations)}, nil
}

func (s *memStore) Ping(context.Context) error { return nil }
func (s *memStore) Close() error               { return nil }

var _ graph.Store = (*memStore)(nil)
var _ graph.Catalog = (*memStore)(nil)

// TestSuiteOnReferenceStore runs the suite on a store that follows the
// contract: every check must pass.
func TestSuiteOnReferenceStore(t *testing.T) {
	Run(t, func(t *testing.T) graph.Store { return newMemStore() })
}

// TestSuiteCatchesBugs runs parts of the suite on stores with one
// deliberate defect each, in a child test process (a failing suite cannot
// be silenced in-process), and fails unless the suite reports the defect.
func TestSuiteCatchesBugs(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the suite in child processes")
	}
	bugs := []struct {
		bug  string
		test string // the sub-test of Run that must fail
	}{
		{"resolve-guesses", "Resolve"},
		{"search-ignores-degree", "SearchActors"},
		{"search-literal", "SearchActors"},
		{"search-no-why", "SearchActors"},
		{"counts-swap-direction", "RelationCounts"},
		{"paths-ignore-direction", "Paths"},
		{"paths-walk-refuted", "Statuses"},
		{"hop-first-relation", "Paths"},
		{"paths-any-shortest", "Paths"},
		{"paths-same-actor-none", "Paths"},
		{"stats-count-actor-evidence", "Stats"},
		{"delete-ignores-relations", "Writes"},
		{"evidence-no-rederive", "Writes"},
		{"import-partial", "Import"},
		{"import-appends-evidence", "Import"},
		{"export-not-snapshot", "Export"},
		{"quotes-unchecked", "Texts"},
		{"source-partial", "Proposals"},
		{"replace-drops-decided", "Proposals"},
		{"decide-partial", "Review"},
		{"decide-twice", "Review"},
		{"merge-ignores-symmetry", "Review"},
		{"audit-unordered", "Review"},
	}
	for _, b := range bugs {
		t.Run(b.bug, func(t *testing.T) {
			cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^TestBuggyStore$/^"+b.test+"$", "-test.short")
			cmd.Env = append(os.Environ(), "GRAPHTEST_BUG="+b.bug)
			out, err := cmd.CombinedOutput()
			var exit *exec.ExitError
			switch {
			case err == nil:
				t.Errorf("the suite's %s tests pass on a store with bug %q:\n%s", b.test, b.bug, out)
			case !errors.As(err, &exit):
				t.Fatalf("running the child test: %v", err)
			case !strings.Contains(string(out), "--- FAIL: TestBuggyStore/"+b.test):
				t.Errorf("child test failed, but not in %s:\n%s", b.test, out)
			}
		})
	}
}

// TestBuggyStore runs the suite on a store with the defect named by
// GRAPHTEST_BUG; it runs only as a child of TestSuiteCatchesBugs.
func TestBuggyStore(t *testing.T) {
	bug := os.Getenv("GRAPHTEST_BUG")
	if bug == "" {
		t.Skip("only run by TestSuiteCatchesBugs")
	}
	Run(t, func(t *testing.T) graph.Store {
		s := newMemStore()
		s.bug = bug
		return s
	})
}
