package analyst_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/analyst"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/embedded"
	"github.com/actorgraph/actorgraph/graph/graphtest"
	"github.com/actorgraph/actorgraph/graph/names"
)

// newService returns a Service over a fresh store holding graphtest's
// Fixture.
func newService(t *testing.T) *analyst.Service {
	t.Helper()
	st, err := embedded.Open(t.Context(), embedded.Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Import(t.Context(), graphtest.Fixture()); err != nil {
		t.Fatal(err)
	}
	return analyst.New(analyst.Deps{Store: st})
}

func TestResolve(t *testing.T) {
	svc := newService(t)
	ctx := t.Context()
	for _, tc := range []struct {
		ref, want string
		code      string
		cands     []string // for ENOTFOUND and EAMBIGUOUS
	}{
		{ref: "amedy-coulibaly", want: "amedy-coulibaly"},
		{ref: "Almedy Coulibaly", want: "amedy-coulibaly"},
		{ref: "AQAP", want: "aqap"},
		{ref: "Abu Muhammad", code: graph.EAMBIGUOUS, cands: []string{"abu-muhammad-al-adnani", "abu-muhammad-al-maqdisi"}},
		{ref: "Kouachy", code: graph.ENOTFOUND, cands: []string{"cherif-kouachi", "said-kouachi"}},
		{ref: "Hayat Boumediene", code: graph.ENOTFOUND, cands: []string{"hayat-boumeddiene"}},
		{ref: "Nobody Whatsoever", code: graph.ENOTFOUND},
	} {
		a, err := svc.Resolve(ctx, tc.ref)
		if got := graph.ErrorCode(err); got != tc.code {
			t.Errorf("Resolve(%q): code %q (%v), want %q", tc.ref, got, err, tc.code)
			continue
		}
		if tc.code == "" && a.ID != tc.want {
			t.Errorf("Resolve(%q) = %s, want %s", tc.ref, a.ID, tc.want)
		}
		var ids []string
		var amb *graph.AmbiguousError
		var un *graph.UnresolvedError
		switch {
		case errors.As(err, &amb):
			for _, c := range amb.Candidates {
				ids = append(ids, c.ID)
			}
		case errors.As(err, &un):
			for _, c := range un.Candidates {
				ids = append(ids, c.ID)
				if c.Matched == "" || !strings.Contains(c.Why, c.Matched) {
					t.Errorf("Resolve(%q): candidate %s matched %q because %q; want the name or alias and why", tc.ref, c.ID, c.Matched, c.Why)
				}
			}
			if len(tc.cands) > 0 && !strings.Contains(graph.ErrorMessage(err), "did you mean") {
				t.Errorf("Resolve(%q): message %q does not ask", tc.ref, graph.ErrorMessage(err))
			}
		}
		slices.Sort(ids)
		if !slices.Equal(ids, tc.cands) {
			t.Errorf("Resolve(%q): candidates %v, want %v", tc.ref, ids, tc.cands)
		}
	}
}

func TestPathsByName(t *testing.T) {
	svc := newService(t)
	a, err := svc.Paths(t.Context(), graph.PathQuery{From: "Almedy Coulibaly", To: "AQAP"})
	if err != nil {
		t.Fatal(err)
	}
	if a.Query.From.ID != "amedy-coulibaly" || a.Query.To.ID != "aqap" || a.Count != 1 || len(a.Paths) != 1 {
		t.Fatalf("answer %+v", a)
	}
	p := a.Paths[0]
	if p.Text != "Amedy Coulibaly —ASSOCIATE_OF— Chérif Kouachi —MET— Anwar al-Awlaki —MEMBER_OF→ Al-Qaeda in the Arabian Peninsula" || p.Length != 3 {
		t.Errorf("path %q of length %d", p.Text, p.Length)
	}
	for _, h := range p.Hops {
		for _, e := range h.Relation.Evidence {
			if e.SourceTitle == "" || e.Grading == "" || e.Publisher == "" || e.Date.IsZero() {
				t.Errorf("hop %s: evidence not named: %+v", h.Text, e)
			}
		}
	}
	nodes, edges := a.Graph()
	if len(nodes) != 4 || len(edges) != 3 {
		t.Errorf("graph of the answer: %d nodes, %d edges", len(nodes), len(edges))
	}

	// No path is an answer that says what to do, and names both ends.
	a, err = svc.Paths(t.Context(), graph.PathQuery{From: "jean-isole", To: "aqap"})
	if err != nil {
		t.Fatal(err)
	}
	if a.Count != 0 || a.Query.From.Name != "Jean Isolé" || !strings.Contains(a.Message, "no path from Jean Isolé to Al-Qaeda in the Arabian Peninsula") {
		t.Errorf("no-path answer %+v", a)
	}
	if _, err := svc.Paths(t.Context(), graph.PathQuery{From: "ouachi", To: "aqap"}); graph.ErrorCode(err) != graph.ENOTFOUND {
		t.Errorf("unknown end: %v", err)
	}
}

func TestActorSummaryAndStats(t *testing.T) {
	svc := newService(t)
	sum, err := svc.Actor(t.Context(), "Chérif Kouachi")
	if err != nil {
		t.Fatal(err)
	}
	rels, err := svc.ActorRelations(t.Context(), "cherif-kouachi", graph.RelationFilter{})
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, tc := range sum.RelationsByType {
		if tc.Total != tc.Out+tc.In || tc.Symmetric != graph.IsSymmetric(tc.Type) {
			t.Errorf("count %+v", tc)
		}
		total += tc.Total
	}
	if sum.Degree != rels.Count || total != rels.Count || rels.Count == 0 {
		t.Errorf("degree %d, counted %d, relations %d", sum.Degree, total, rels.Count)
	}
	for _, top := range []int{-1, graph.DefaultLimits.MaxSearch + 1} {
		if _, err := svc.Stats(t.Context(), top); graph.ErrorCode(err) != graph.EINVALID {
			t.Errorf("Stats(%d): %v", top, err)
		}
	}
}

func TestWriteBundleRoundTrip(t *testing.T) {
	svc := newService(t)
	var buf strings.Builder
	if err := svc.WriteBundle(t.Context(), &buf); err != nil {
		t.Fatal(err)
	}
	b, problems := graph.DecodeBundle(strings.NewReader(buf.String()), "export")
	if len(problems) > 0 {
		t.Fatalf("the export does not decode: %v", problems)
	}
	want := graphtest.Fixture()
	if len(b.Actors) != len(want.Actors) || len(b.Relations) != len(want.Relations) || len(b.Sources) != len(want.Sources) {
		t.Errorf("export holds %d/%d/%d sources/actors/relations, want %d/%d/%d",
			len(b.Sources), len(b.Actors), len(b.Relations), len(want.Sources), len(want.Actors), len(want.Relations))
	}
}

// scanless is a store that fails the test when a name is scanned for.
type scanless struct {
	graph.Store
	t *testing.T
}

func (s scanless) Resolve(ctx context.Context, ref string) (graph.Actor, error) {
	s.t.Errorf("Resolve(%.40q...) reached the store", ref)
	return s.Store.Resolve(ctx, ref)
}

func (s scanless) SearchActors(ctx context.Context, q graph.SearchQuery) (graph.SearchResult, error) {
	s.t.Errorf("SearchActors(%.40q...) reached the store", q.Text)
	return s.Store.SearchActors(ctx, q)
}

// TestLongReferences is issue 13's long queries at the application layer:
// a reference or a search of thousands of words is refused with the caps
// named, before the store scans a name.
func TestLongReferences(t *testing.T) {
	st, err := embedded.Open(t.Context(), embedded.Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	svc := analyst.New(analyst.Deps{Store: scanless{st, t}})
	long := strings.Repeat("Abu Muhammad al-Adnani ", 2700) // 62 KB, 10,800 words
	many := strings.Repeat("a ", 40)                        // short, but 40 words
	ctx := t.Context()
	for name, call := range map[string]func() error{
		"resolve":       func() error { _, err := svc.Resolve(ctx, long); return err },
		"resolve words": func() error { _, err := svc.Resolve(ctx, many); return err },
		"actor":         func() error { _, err := svc.Actor(ctx, long); return err },
		"paths":         func() error { _, err := svc.Paths(ctx, graph.PathQuery{From: "aqap", To: long}); return err },
		"network": func() error {
			_, err := svc.Network(ctx, graph.NetworkQuery{Seeds: []string{"aqap", long}})
			return err
		},
		"search":       func() error { _, err := svc.Search(ctx, graph.SearchQuery{Text: long}); return err },
		"search words": func() error { _, err := svc.Search(ctx, graph.SearchQuery{Text: many}); return err },
	} {
		err := call()
		msg := graph.ErrorMessage(err)
		if graph.ErrorCode(err) != graph.EINVALID || !strings.Contains(msg, "at most") {
			t.Errorf("%s: %v; want invalid_argument naming the cap", name, err)
		}
	}
}

// TestQueryCapsAgree checks that the caps graph applies to a search text or
// a reference before any name is compared are those of the name matcher,
// which checks them again: the two must not disagree about what is too
// long.
func TestQueryCapsAgree(t *testing.T) {
	if graph.MaxQueryLen != names.MaxQueryBytes || graph.MaxQueryWords != names.MaxQueryWords {
		t.Errorf("graph caps a query at %d bytes and %d words, graph/names at %d and %d",
			graph.MaxQueryLen, graph.MaxQueryWords, names.MaxQueryBytes, names.MaxQueryWords)
	}
}
