package neo4j

import (
	"fmt"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/synth"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// TestEachPlanLive profiles the whole-graph reads (each_relation under
// Export and EachRelation, each_edge under EachEdge and every analysis)
// with and without filters, and checks that the plan seeks both ends of
// each relation by index: it scans no actors (only the relation keys, in
// id order). The planner once chose, on a database that
// had held other graphs before (the differential test's sequence), to
// scan every actor for each relation key: 100 million rows and 35 s for
// 20,000 relations, against 0.5 s (a plain USING INDEX hint did not
// prevent it: an index scan fulfils it). USING INDEX SEEK hints in the
// queries now impose the seeks; this test cannot bring that planner state about on
// demand (without the hints it passes here too), so it guards the hinted
// plan, not the cause.
func TestEachPlanLive(t *testing.T) {
	s := emptyLive(t, liveOptions(t))
	ctx := t.Context()
	load := func(o synth.Options) *graph.Bundle {
		b, err := synth.Bundle(o)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteAll(ctx); err != nil {
			t.Fatal(err)
		}
		if err := s.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Import(ctx, b); err != nil {
			t.Fatal(err)
		}
		return b
	}
	filters := map[string]graph.RelationFilter{
		"everything": graph.Everything,
		"default":    {Direction: graph.DirectionAny},
		"filtered":   {Direction: graph.DirectionAny, MinConfidence: 0.3, Types: []string{"MEMBER_OF", "ASSOCIATE_OF"}},
	}
	// Two sizes, imported in turn into one database, as the differential
	// test does (where the scanning plan was met).
	for _, o := range []synth.Options{{Actors: 200, Relations: 400, Seed: 5}, {Actors: 2000, Relations: 8000, Seed: 5}} {
		b := load(o)
		for _, name := range []string{"each_relation", "each_edge"} {
			for fname, f := range filters {
				st, _, err := buildEach(name, f)
				if err != nil {
					t.Fatal(err)
				}
				sess := s.session(ctx, neo4j.AccessModeRead)
				res, err := sess.Run(ctx, "PROFILE "+st.Text, st.Params)
				if err != nil {
					sess.Close(ctx)
					t.Fatalf("%s %s: %v", name, fname, err)
				}
				for res.Next(ctx) { // the profile counts rows as they are pulled
				}
				sum, err := res.Consume(ctx)
				sess.Close(ctx)
				if err != nil {
					t.Fatalf("%s %s: %v", name, fname, err)
				}
				if scans := actorScans(sum.Profile()); len(scans) > 0 {
					t.Errorf("%s (%s filter, %d relations): the plan scans actors instead of seeking both ends by index: %s",
						name, fname, len(b.Relations), strings.Join(scans, "; "))
				}
			}
		}
	}
}

// actorScans lists the operators of the plan that scan actors (an index
// scan, a label scan or all nodes) rather than seek them, with the rows
// each produced.
func actorScans(p neo4j.ProfiledPlan) []string {
	var out []string
	op := p.Operator()
	details, _ := p.Arguments()["Details"].(string)
	if strings.Contains(op, "Scan") && !strings.Contains(details, ":RelationKey") {
		out = append(out, fmt.Sprintf("%s %s (%d rows)", op, details, p.Records()))
	}
	for _, c := range p.Children() {
		out = append(out, actorScans(c)...)
	}
	return out
}

// fakePlan is a profiled plan of one operator and its children.
type fakePlan struct {
	neo4j.ProfiledPlan // the methods actorScans does not call
	op, details        string
	rows               int64
	children           []neo4j.ProfiledPlan
}

func (p fakePlan) Operator() string               { return p.op }
func (p fakePlan) Arguments() map[string]any      { return map[string]any{"Details": p.details} }
func (p fakePlan) Records() int64                 { return p.rows }
func (p fakePlan) Children() []neo4j.ProfiledPlan { return p.children }

// TestActorScans: the check of TestEachPlanLive finds the plan the
// planner once chose, and passes the one the hints impose.
func TestActorScans(t *testing.T) {
	keys := fakePlan{op: "NodeIndexScan@neo4j", details: "RANGE INDEX k:RelationKey(id) WHERE id IS NOT NULL, cache[k.id]", rows: 20000}
	seek := func(v string) neo4j.ProfiledPlan {
		return fakePlan{op: "NodeUniqueIndexSeek@neo4j", details: "UNIQUE " + v + ":Actor(id) WHERE id = k.from", rows: 20000}
	}
	good := fakePlan{op: "Apply@neo4j", children: []neo4j.ProfiledPlan{keys, fakePlan{op: "CartesianProduct@neo4j", children: []neo4j.ProfiledPlan{seek("x"), seek("y")}}}}
	bad := fakePlan{op: "Apply@neo4j", children: []neo4j.ProfiledPlan{keys,
		fakePlan{op: "NodeIndexScan@neo4j", details: "RANGE INDEX x:Actor(id) WHERE id IS NOT NULL, cache[x.id]", rows: 100000000}}}
	if s := actorScans(good); len(s) != 0 {
		t.Errorf("the seeking plan: %v", s)
	}
	if s := actorScans(bad); len(s) != 1 || !strings.Contains(s[0], "100000000 rows") {
		t.Errorf("the scanning plan: %v", s)
	}
}
