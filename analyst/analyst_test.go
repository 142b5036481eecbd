package analyst_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/analyst"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/embedded"
	"github.com/actorgraph/actorgraph/graph/graphtest"
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
		{ref: "ouachi", code: graph.ENOTFOUND, cands: []string{"cherif-kouachi", "said-kouachi"}},
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
