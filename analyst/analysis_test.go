package analyst_test

import (
	"context"
	"errors"
	"math"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/analyst"
	"github.com/actorgraph/actorgraph/analyst/netsci"
	"github.com/actorgraph/actorgraph/graph"
)

// TestAnalysisBounds: every bound of AnalysisLimits stops an analysis
// with a problem that names its configuration key, and bad queries are
// EINVALID with a message saying what to fix.
func TestAnalysisBounds(t *testing.T) {
	ctx := t.Context()
	centrality := func(lim analyst.AnalysisLimits, q analyst.CentralityQuery) error {
		svc, _ := seedService(t, lim)
		_, err := svc.Centrality(ctx, q)
		return err
	}
	for _, tc := range []struct {
		name string
		err  error
		code string
		say  string
	}{
		{"max_nodes", centrality(analyst.AnalysisLimits{MaxNodes: 50}, analyst.CentralityQuery{}), graph.ETOOLARGE, "more than 50 actors, over the limit of the analyses (analysis.max_nodes)"},
		{"max_relations", centrality(analyst.AnalysisLimits{MaxRelations: 100}, analyst.CentralityQuery{}), graph.ETOOLARGE, "more than 100 relations pass the filters, over the limit of the analyses (analysis.max_relations)"},
		{"max_work", centrality(analyst.AnalysisLimits{MaxWork: 1000}, analyst.CentralityQuery{Measure: analyst.Betweenness}), graph.ETOOLARGE, "exact betweenness needs about"},
		{"max_work names the key", centrality(analyst.AnalysisLimits{MaxWork: 1000}, analyst.CentralityQuery{Measure: analyst.Closeness}), graph.ETOOLARGE, "(analysis.max_work)"},
		{"max_work shared by a series", centrality(analyst.AnalysisLimits{MaxWork: 200_000}, analyst.CentralityQuery{Measure: analyst.Betweenness, Series: analyst.Years{From: 2001, To: 2018}}), graph.ETOOLARGE, "divided equally among the 18 years"},
		{"timeout", centrality(analyst.AnalysisLimits{Timeout: time.Nanosecond}, analyst.CentralityQuery{Measure: analyst.Betweenness}), graph.EUNAVAILABLE, "longer than the time limit of analyses, 1ns (analysis.timeout)"},
		{"max_years", centrality(analyst.AnalysisLimits{MaxYears: 5}, analyst.CentralityQuery{Series: analyst.Years{From: 2001, To: 2018}}), graph.EINVALID, "at most 5 years (analysis.max_years)"},
		{"max_top", centrality(analyst.AnalysisLimits{MaxTop: 10}, analyst.CentralityQuery{Top: 11}), graph.EINVALID, "top must be between 1 and 10"},
		{"series and as_of", centrality(analyst.AnalysisLimits{}, analyst.CentralityQuery{Series: analyst.Years{From: 2001, To: 2002}, Filter: graph.RelationFilter{AsOf: graph.MustDate("2005")}}), graph.EINVALID, "give series or as_of, not both"},
		{"direction", centrality(analyst.AnalysisLimits{}, analyst.CentralityQuery{Filter: graph.RelationFilter{Direction: graph.DirectionOut}}), graph.EINVALID, "direction must be any for an analysis"},
		{"measure", centrality(analyst.AnalysisLimits{}, analyst.CentralityQuery{Measure: "katz"}), graph.EINVALID, "measure must be degree, betweenness, closeness, pagerank or eigenvector"},
		{"unknown actor", centrality(analyst.AnalysisLimits{}, analyst.CentralityQuery{Actors: []string{"Nobody Whatsoever"}}), graph.ENOTFOUND, "Nobody Whatsoever"},
	} {
		if got := graph.ErrorCode(tc.err); got != tc.code || !strings.Contains(graph.ErrorMessage(tc.err), tc.say) {
			t.Errorf("%s: %s %q, want %s saying %q", tc.name, got, graph.ErrorMessage(tc.err), tc.code, tc.say)
		}
	}
	// The time limit unwraps to context.DeadlineExceeded too.
	if err := centrality(analyst.AnalysisLimits{Timeout: time.Nanosecond}, analyst.CentralityQuery{}); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("timeout: %v does not unwrap to context.DeadlineExceeded", err)
	}
	// The sizes bound the other analyses too.
	svc, _ := seedService(t, analyst.AnalysisLimits{MaxNodes: 50})
	_, errB := svc.Brokers(ctx, analyst.BrokersQuery{A: []string{"aqap"}, B: []string{"islamic-state"}})
	_, errC := svc.Communities(ctx, analyst.CommunitiesQuery{})
	_, errN := svc.Connect(ctx, analyst.ConnectQuery{Actors: []string{"aqap", "islamic-state", "al-qaeda"}})
	for _, err := range []error{errB, errC, errN} {
		if graph.ErrorCode(err) != graph.ETOOLARGE || !strings.Contains(err.Error(), "analysis.max_nodes") {
			t.Errorf("%v, want ETOOLARGE naming analysis.max_nodes", err)
		}
	}
}

// TestAnalysisCancelled: a cancelled context (a client gone away) stops
// an analysis with the context's error, not with the time limit's.
func TestAnalysisCancelled(t *testing.T) {
	svc := randomService(t, 3000, 30000, 1)
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() {
		_, err := svc.Centrality(ctx, analyst.CentralityQuery{Measure: analyst.Closeness, Series: analyst.Years{From: 1900, To: 1999}})
		done <- err
	}()
	time.Sleep(20 * time.Millisecond)
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("cancelled analysis: %v, want context.Canceled", err)
		}
		if strings.Contains(graph.ErrorMessage(err), "analysis.timeout") {
			t.Errorf("cancelled analysis blames the time limit: %v", err)
		}
	case <-time.After(time.Minute):
		t.Fatal("the analysis did not stop within a minute of its context's cancellation")
	}
}

// TestCentralityAnswer: the answer states its graph and method, ranks in
// a total order, and gives the actors asked for wherever they rank.
func TestCentralityAnswer(t *testing.T) {
	svc, _ := seedService(t, analyst.AnalysisLimits{})
	_, err := svc.Centrality(t.Context(), analyst.CentralityQuery{Measure: analyst.Betweenness, Top: 5, Actors: []string{"Amedy Coulibaly", "Lone Wolf Whoever"}})
	if graph.ErrorCode(err) != graph.ENOTFOUND {
		t.Fatalf("an unknown actor among actors: %v, want ENOTFOUND", err)
	}
	a, err := svc.Centrality(t.Context(), analyst.CentralityQuery{Measure: analyst.Betweenness, Top: 5, Actors: []string{"Amedy Coulibaly", "aqap"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Top) != 5 || a.Top[0].Actor.Name == "" || a.Top[0].Rank != 1 {
		t.Errorf("top %+v", a.Top)
	}
	if !strings.HasPrefix(a.Graph.Description, "the undirected simple graph of the ") || !strings.Contains(a.Graph.Description, "parallel or opposite relations merged") {
		t.Errorf("graph description %q", a.Graph.Description)
	}
	if !a.Method.Exact || !strings.Contains(a.Definition, "networkx betweenness_centrality") {
		t.Errorf("method %+v, definition %q", a.Method, a.Definition)
	}
	if len(a.Actors) != 2 || a.Actors[0].Actor.ID != "amedy-coulibaly" || a.Actors[1].Actor.ID != "aqap" || a.Actors[0].Rank < 1 {
		t.Errorf("actors asked for: %+v", a.Actors)
	}
}

// TestSampledBetweenness: past analysis.exact_betweenness_max the answer
// is sampled, says so with its error bound, and the bound holds against
// the exact values (it is worst-case, so it must hold for every actor).
func TestSampledBetweenness(t *testing.T) {
	exact, _ := seedService(t, analyst.AnalysisLimits{})
	sampled, _ := seedService(t, analyst.AnalysisLimits{ExactBetweennessMax: 100, Samples: 50})
	all := func(svc *analyst.Service, seed uint64) *analyst.CentralityAnswer {
		a, err := svc.Centrality(t.Context(), analyst.CentralityQuery{Measure: analyst.Betweenness, Top: 1000, Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	e, s := all(exact, 0), all(sampled, 7)
	if s.Method.Exact || s.Method.Sources != 50 || s.Method.Seed == nil || *s.Method.Seed != 7 || !(s.Method.Epsilon > 0) || s.Method.Confidence != 0.95 {
		t.Fatalf("sampled method %+v", s.Method)
	}
	if !strings.Contains(s.Method.Text, "analysis.exact_betweenness_max") || !strings.Contains(s.Method.Text, "with probability 0.95") {
		t.Errorf("method text %q", s.Method.Text)
	}
	want := map[string]float64{}
	for _, x := range e.Top {
		want[x.Actor.ID] = x.Value
	}
	for _, x := range s.Top {
		if x.StdErr == nil {
			t.Fatalf("%s: no stderr", x.Actor.ID)
		}
		if d := math.Abs(x.Value - want[x.Actor.ID]); d > s.Method.Epsilon {
			t.Errorf("%s: sampled %v, exact %v: off by %v, more than the stated bound %v", x.Actor.ID, x.Value, want[x.Actor.ID], d, s.Method.Epsilon)
		}
	}
	// The same seed gives the same values.
	again := all(sampled, 7)
	for i := range s.Top {
		if s.Top[i] != again.Top[i] && (s.Top[i].Value != again.Top[i].Value || s.Top[i].Actor != again.Top[i].Actor) {
			t.Fatalf("seed 7 twice: %+v then %+v", s.Top[i], again.Top[i])
		}
	}
}

// TestSeries: each year of a series is the measure with as_of at that
// year's end, and the actors listed are every year's top.
func TestSeries(t *testing.T) {
	svc, _ := seedService(t, analyst.AnalysisLimits{})
	ctx := t.Context()
	years := analyst.Years{From: 2008, To: 2016}
	a, err := svc.Centrality(ctx, analyst.CentralityQuery{Measure: analyst.Betweenness, Top: 3, Series: years, Actors: []string{"Rachid Kassim"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Series.Years) != years.Len() {
		t.Fatalf("%d years", len(a.Series.Years))
	}
	found := false
	for _, sa := range a.Series.Actors {
		found = found || sa.Actor.ID == "rachid-kassim"
	}
	if !found {
		t.Errorf("the actor asked for is not in the series")
	}
	for i, y := range a.Series.Years {
		if y.AsOf != (graph.Date{Year: y.Year, Month: 12, Day: 31}) || y.Year != years.From+i {
			t.Errorf("year %d: as_of %v", y.Year, y.AsOf)
		}
		one, err := svc.Centrality(ctx, analyst.CentralityQuery{Measure: analyst.Betweenness, Top: 1000, Filter: graph.RelationFilter{AsOf: y.AsOf}})
		if err != nil {
			t.Fatal(err)
		}
		if one.Graph.Relations != y.Graph.Relations || one.Graph.Edges != y.Graph.Edges {
			t.Errorf("%d: the series' graph has %d relations and %d edges; as_of %s has %d and %d",
				y.Year, y.Graph.Relations, y.Graph.Edges, y.AsOf, one.Graph.Relations, one.Graph.Edges)
		}
		byID := map[string]analyst.ScoreView{}
		for _, s := range one.Top {
			byID[s.Actor.ID] = s
		}
		for _, sa := range a.Series.Actors {
			w := byID[sa.Actor.ID]
			if sa.Values[i] != w.Value || sa.Ranks[i] != w.Rank {
				t.Errorf("%d, %s: series %v (rank %d), as_of %v (rank %d)", y.Year, sa.Actor.ID, sa.Values[i], sa.Ranks[i], w.Value, w.Rank)
			}
		}
		for _, s := range one.Top[:3] {
			if !slices.ContainsFunc(a.Series.Actors, func(sa analyst.SeriesActor) bool { return sa.Actor.ID == s.Actor.ID }) {
				t.Errorf("%d: %s is in the top 3 but not in the series", y.Year, s.Actor.ID)
			}
		}
	}
	// The relations of the series' years grow: more is known later.
	first, last := a.Series.Years[0].Graph.Relations, a.Series.Years[len(a.Series.Years)-1].Graph.Relations
	if first >= last {
		t.Errorf("relations at the end of %d: %d; of %d: %d", years.From, first, years.To, last)
	}
}

// TestBrokersAnswer: the sets are resolved and expanded with the reason
// for each member, direct relations between the sets are set aside and
// listed, and every hop of every example path is the relation the path
// queries would take (highest confidence, then smallest id, passing the
// filter), with its evidence named.
func TestBrokersAnswer(t *testing.T) {
	svc, st := seedService(t, analyst.AnalysisLimits{})
	ctx := t.Context()
	f := graph.RelationFilter{ExcludeTypes: []string{"NATIONAL_OF"}}
	a, err := svc.Brokers(ctx, analyst.BrokersQuery{A: []string{"AQAP"}, B: []string{"Islamic State"}, Expand: []analyst.Expansion{analyst.ExpandMembers, analyst.ExpandAffiliates}, Top: 5, Examples: 2, Filter: f})
	if err != nil {
		t.Fatal(err)
	}
	if a.A[0].Actor.ID != "aqap" || a.A[0].Via != "given" || a.B[0].Actor.ID != "islamic-state" {
		t.Errorf("sets start %+v / %+v", a.A[0], a.B[0])
	}
	var members, affiliates int
	for _, m := range append(slices.Clone(a.A), a.B...) {
		switch {
		case strings.HasPrefix(m.Via, "member of "):
			members++
		case strings.HasPrefix(m.Via, "affiliate of "):
			affiliates++
		case m.Via != "given":
			t.Errorf("member %+v", m)
		}
		if m.Via != "given" && m.Relation == "" {
			t.Errorf("%s: no relation says why it is in the set", m.Actor.ID)
		}
	}
	if members == 0 || affiliates == 0 {
		t.Errorf("expansion added %d members and %d affiliates", members, affiliates)
	}
	if a.DirectCount == 0 || len(a.Direct) == 0 {
		t.Errorf("the direct relation AQAP—Islamic State is not listed as set aside")
	}
	if len(a.Brokers) == 0 || a.Pairs == 0 || a.Paths == 0 {
		t.Fatalf("no brokers: %+v", a)
	}
	for i, b := range a.Brokers {
		if b.Rank != i+1 || b.Actor.Name == "" || b.Paths <= 0 || b.Share <= 0 || b.Share > 1 || len(b.Examples) == 0 {
			t.Errorf("broker %+v", b)
		}
		for _, ex := range b.Examples {
			if !slices.ContainsFunc(ex.Actors, func(r graph.ActorRef) bool { return r.ID == b.Actor.ID }) {
				t.Errorf("%s: example %q does not pass through it", b.Actor.ID, ex.Text)
			}
			for _, h := range ex.Hops {
				checkHop(t, st, f, h)
			}
		}
	}
	// Nearest mode: inner actors only.
	n, err := svc.Brokers(ctx, analyst.BrokersQuery{A: []string{"AQAP"}, B: []string{"Islamic State"}, Expand: []analyst.Expansion{analyst.ExpandMembers}, Mode: netsci.Nearest, Filter: f})
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range n.Brokers {
		if b.Side != "" {
			t.Errorf("nearest: broker %s is a member of set %s", b.Actor.ID, b.Side)
		}
	}
	if len(n.NearestA) == 0 || len(n.NearestB) == 0 || n.Distance < 2 {
		t.Errorf("nearest: ends %v / %v at distance %d", n.NearestA, n.NearestB, n.Distance)
	}
	// An actor in both sets is taken out of both and named.
	s, err := svc.Brokers(ctx, analyst.BrokersQuery{A: []string{"aqap", "al-qaeda"}, B: []string{"islamic-state", "al-qaeda"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Shared) != 1 || s.Shared[0].ID != "al-qaeda" {
		t.Errorf("shared %+v", s.Shared)
	}
	// Bad queries.
	for _, q := range []analyst.BrokersQuery{
		{A: []string{"aqap"}},
		{A: []string{"aqap"}, B: []string{"islamic-state"}, Mode: "all"},
		{A: []string{"aqap"}, B: []string{"islamic-state"}, MaxHops: 1},
		{A: []string{"aqap"}, B: []string{"islamic-state"}, Examples: 11},
		{A: []string{"aqap"}, B: []string{""}},
	} {
		if _, err := svc.Brokers(ctx, q); graph.ErrorCode(err) != graph.EINVALID {
			t.Errorf("%+v: %v, want EINVALID", q, err)
		}
	}
}

// checkHop checks that a hop's relation is the one the path queries take
// between its two actors: of the relations between them that pass f, the
// highest confidence, then the smallest id; and that its evidence names
// its sources.
func checkHop(t *testing.T, st graph.Store, f graph.RelationFilter, h analyst.HopView) {
	t.Helper()
	rels, err := st.ActorRelations(t.Context(), h.From, f)
	if err != nil {
		t.Fatal(err)
	}
	var best *graph.Relation
	for i := range rels {
		r := &rels[i]
		if !(r.From == h.From && r.To == h.To || r.From == h.To && r.To == h.From) {
			continue
		}
		if best == nil || r.Confidence > best.Confidence || r.Confidence == best.Confidence && r.ID < best.ID {
			best = r
		}
	}
	if best == nil || best.ID != h.Relation.ID {
		t.Errorf("hop %s uses %s; the path queries take %v", h.Text, h.Relation.ID, best)
	}
	if len(h.Relation.Evidence) == 0 {
		t.Errorf("hop %s has no evidence", h.Text)
	}
	for _, e := range h.Relation.Evidence {
		if e.SourceTitle == "" || e.Quote == "" || e.Grading == "" {
			t.Errorf("hop %s: evidence without its source named: %+v", h.Text, e)
		}
	}
	if h.Forward != (h.Relation.From == h.From) {
		t.Errorf("hop %s: forward %v but the relation runs %s -> %s", h.Text, h.Forward, h.Relation.From, h.Relation.To)
	}
}

// TestConnectAnswer: a connecting network joins what it can with every
// hop's evidence, and names each actor it cannot join with its reason.
func TestConnectAnswer(t *testing.T) {
	svc, st := seedService(t, analyst.AnalysisLimits{})
	ctx := t.Context()
	a, err := svc.Connect(ctx, analyst.ConnectQuery{Actors: []string{"Amedy Coulibaly", "Rachid Kassim", "Masood Azhar", "AQAP"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Network.Terminals) != 4 || len(a.Gaps) != 0 || !strings.Contains(a.Method, "Steiner") || !strings.HasPrefix(a.Message, "all 4 actors are joined") {
		t.Fatalf("network %+v, gaps %+v, method %q, message %q", a.Network.Terminals, a.Gaps, a.Method, a.Message)
	}
	if a.Network.Edges != len(a.Network.Actors)-1 {
		t.Errorf("a tree of %d actors has %d edges", len(a.Network.Actors), a.Network.Edges)
	}
	for _, c := range a.Network.Connections {
		if c.Path.Length > a.Query.MaxHops || c.Path.Actors[0].ID != c.From.ID || c.Path.Actors[len(c.Path.Actors)-1].ID != c.To.ID {
			t.Errorf("connection %s -> %s: %q", c.From.ID, c.To.ID, c.Path.Text)
		}
		for _, h := range c.Path.Hops {
			checkHop(t, st, graph.RelationFilter{}, h)
		}
	}
	nodes, edges := a.Elements()
	if len(nodes) != len(a.Network.Actors) || len(edges) == 0 {
		t.Errorf("elements: %d actors, %d relations; the network has %d actors", len(nodes), len(edges), len(a.Network.Actors))
	}

	// Khalid Masood has no MEMBER_OF or AFFILIATE_OF relation: with only
	// those types he is unreachable. With max_hops 1, Masood Azhar is too
	// far from AQAP and al-Qaeda.
	gaps := func(q analyst.ConnectQuery) map[string]analyst.GapView {
		g, err := svc.Connect(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]analyst.GapView{}
		for _, gp := range g.Gaps {
			out[gp.Actor.ID] = gp
			if gp.Message == "" || gp.Actor.Name == "" {
				t.Errorf("gap %+v", gp)
			}
		}
		if len(g.Network.Terminals) != 2 {
			t.Errorf("%+v: the network joins %+v", q, g.Network.Terminals)
		}
		return out
	}
	g := gaps(analyst.ConnectQuery{Actors: []string{"aqap", "al-qaeda", "Khalid Masood"}, Filter: graph.RelationFilter{Types: []string{"MEMBER_OF", "AFFILIATE_OF"}}})
	if gp := g["khalid-masood"]; len(g) != 1 || gp.Reason != netsci.GapUnreachable || !strings.Contains(gp.Message, "no relation that passes the filters") {
		t.Errorf("gaps %+v", g)
	}
	g = gaps(analyst.ConnectQuery{Actors: []string{"aqap", "al-qaeda", "Masood Azhar"}, MaxHops: 1})
	if gp := g["masood-azhar"]; len(g) != 1 || gp.Reason != netsci.GapTooFar || !strings.Contains(gp.Message, "longer than 1 hop; raise max_hops") {
		t.Errorf("gaps %+v", g)
	}
	for _, bad := range []analyst.ConnectQuery{{Actors: []string{"aqap"}}, {Actors: []string{"aqap", "al-qaeda"}, MaxHops: 9}} {
		if _, err := svc.Connect(ctx, bad); graph.ErrorCode(err) != graph.EINVALID {
			t.Errorf("%+v: %v, want EINVALID", bad, err)
		}
	}
}

// TestCommunitiesAnswer: seeded (the same seed gives the same partition),
// every actor in exactly one community, names made of members.
func TestCommunitiesAnswer(t *testing.T) {
	svc, _ := seedService(t, analyst.AnalysisLimits{})
	ctx := t.Context()
	run := func(seed uint64) (*analyst.CommunitiesAnswer, map[string]int) {
		a, err := svc.Communities(ctx, analyst.CommunitiesQuery{Seed: seed, Top: 3, Members: 2, Actors: []string{"AQAP"}})
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]int{}
		if err := svc.EachMember(ctx, a, func(r analyst.MemberRow) error {
			if _, dup := m[r.Actor.ID]; dup {
				t.Errorf("%s twice", r.Actor.ID)
			}
			m[r.Actor.ID] = r.Community
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		return a, m
	}
	a, m := run(5)
	_, m2 := run(5)
	if !maps(m, m2) {
		t.Errorf("seed 5 twice gives two partitions")
	}
	if len(m) != a.Graph.Actors || len(a.Communities) != 3 || a.Count < 3 || !(a.Modularity > 0.5) {
		t.Errorf("%d members of %d actors, %d communities listed of %d, modularity %v", len(m), a.Graph.Actors, len(a.Communities), a.Count, a.Modularity)
	}
	for i, c := range a.Communities {
		if c.Community != i+1 || len(c.Members) != 2 || !strings.HasPrefix(c.Name, c.Members[0].Actor.Name+", "+c.Members[1].Actor.Name) || c.Members[0].Inside < c.Members[1].Inside {
			t.Errorf("community %+v", c)
		}
		if i > 0 && c.Size > a.Communities[i-1].Size {
			t.Errorf("community %d (%d members) after a smaller one", c.Community, c.Size)
		}
	}
	if len(a.Actors) != 1 || a.Actors[0].Actor.ID != "aqap" || a.Actors[0].Community != m["aqap"] || a.Actors[0].Name == "" {
		t.Errorf("the community of AQAP: %+v (membership says %d)", a.Actors, m["aqap"])
	}
}

func maps(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// countingStore counts the full reads of the relations.
type countingStore struct {
	graph.Store
	reads atomic.Int32
}

func (c *countingStore) EachEdge(ctx context.Context, f graph.RelationFilter, fn func(graph.Edge) error) error {
	c.reads.Add(1)
	return c.Store.EachEdge(ctx, f, fn)
}

// TestGraphCache: an analysis uses the graph an earlier one read with the
// same filters, and says when it was read; a write through the service,
// another filter or the end of the TTL makes it read again.
func TestGraphCache(t *testing.T) {
	_, st := seedService(t, analyst.AnalysisLimits{})
	cs := &countingStore{Store: st}
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	svc := analyst.New(analyst.Deps{Store: cs, Now: func() time.Time { return now }, Analysis: analyst.AnalysisLimits{CacheTTL: time.Minute}})
	ctx := t.Context()
	degree := func(f graph.RelationFilter) *analyst.CentralityAnswer {
		t.Helper()
		a, err := svc.Centrality(ctx, analyst.CentralityQuery{Filter: f})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	first := degree(graph.RelationFilter{})
	if cs.reads.Load() != 1 || !first.Graph.ReadAt.Equal(now) {
		t.Fatalf("first analysis: %d reads, read at %v", cs.reads.Load(), first.Graph.ReadAt)
	}
	now = now.Add(30 * time.Second)
	if _, err := svc.Communities(ctx, analyst.CommunitiesQuery{}); err != nil {
		t.Fatal(err)
	}
	again := degree(graph.RelationFilter{Types: nil, Direction: graph.DirectionAny})
	if cs.reads.Load() != 1 || !again.Graph.ReadAt.Equal(first.Graph.ReadAt) {
		t.Errorf("the same filters 30s later: %d reads, read at %v; want the graph read at %v", cs.reads.Load(), again.Graph.ReadAt, first.Graph.ReadAt)
	}
	degree(graph.RelationFilter{MinConfidence: 0.5})
	if cs.reads.Load() != 2 {
		t.Errorf("other filters: %d reads, want 2", cs.reads.Load())
	}
	// A write through the service: the next analysis reads again and sees it.
	_, err := svc.CreateRelation(ctx, graph.Relation{Type: "MET", From: "amedy-coulibaly", To: "rachid-kassim",
		Evidence: []graph.Evidence{{Source: "no-such-source", Quote: "q", Claimant: "test"}}})
	if err == nil {
		t.Fatal("a relation citing no source was written")
	}
	reads := cs.reads.Load()
	srcs, err := svc.Sources(ctx)
	if err != nil || len(srcs) == 0 {
		t.Fatal(err)
	}
	text, err := st.SourceText(ctx, srcs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	words := strings.Fields(text)
	_, err = svc.CreateRelation(ctx, graph.Relation{Type: "MET", From: "amedy-coulibaly", To: "rachid-kassim",
		Evidence: []graph.Evidence{{Source: srcs[0].ID, Quote: strings.Join(words[:4], " "), Claimant: "test", Reliability: "B", Credibility: 2}}})
	if err != nil {
		t.Fatal(err)
	}
	after := degree(graph.RelationFilter{})
	if cs.reads.Load() != reads+1 || after.Graph.Relations != first.Graph.Relations+1 {
		t.Errorf("after a write: %d reads (want %d), %d relations (want %d)", cs.reads.Load(), reads+1, after.Graph.Relations, first.Graph.Relations+1)
	}
	// The TTL.
	now = now.Add(61 * time.Second)
	degree(graph.RelationFilter{})
	if cs.reads.Load() != reads+2 {
		t.Errorf("past the TTL: %d reads, want %d", cs.reads.Load(), reads+2)
	}
	// No cache.
	off := analyst.New(analyst.Deps{Store: cs, Analysis: analyst.AnalysisLimits{CacheTTL: -1}})
	n := cs.reads.Load()
	for range 2 {
		if _, err := off.Centrality(ctx, analyst.CentralityQuery{}); err != nil {
			t.Fatal(err)
		}
	}
	if cs.reads.Load() != n+2 {
		t.Errorf("without a cache: %d reads for 2 analyses", cs.reads.Load()-n)
	}
}
