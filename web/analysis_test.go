package web_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// shiftClick dispatches a real mouse click with Shift held at a point of
// the viewport.
func (p *page) shiftClick(t *testing.T, at point) {
	t.Helper()
	shift := func(e *input.DispatchMouseEventParams) {
		e.Modifiers = int64(chromedp.ModifierShift)
		e.Button = input.MouseButtonLeft
	}
	p.do(t,
		chromedp.MouseEvent(chromedp.MousePressed, at.X, at.Y, shift, chromedp.ClickCount(1)),
		chromedp.MouseEvent(chromedp.MouseReleased, at.X, at.Y, shift, chromedp.ClickCount(1)))
}

// chooseMeasure picks a measure in the Analyse menu as the keyboard does:
// focus, then the option's place in the list, then a change event.
func (p *page) chooseMeasure(t *testing.T, value string) {
	t.Helper()
	p.do(t, chromedp.Focus(chromedp.ID("measure")))
	eval[any](t, p, `(() => { const s = document.getElementById("measure"); s.value = `+jsString(value)+`; s.dispatchEvent(new Event("change")); return s.value; })()`)
}

// drawnAnalysis is what the chart shows of the analysis, per actor.
type drawnAnalysis struct {
	ID        string  `json:"id"`
	Value     *string `json:"value"`
	Rank      *string `json:"rank"`
	Community *string `json:"community"`
	Scale     float64 `json:"scale"`
	Fill      string  `json:"fill"`
	Label     string  `json:"label"`
}

const drawnAnalysisJS = `[...document.querySelectorAll("#nodes [data-node]")].map((g) => {
	const s = g.querySelector(".shape"), m = /scale\(([-\d.e]+)\)/.exec(s.getAttribute("transform") || "");
	return { id: g.dataset.node, value: g.dataset.value ?? null, rank: g.dataset.rank ?? null, community: g.dataset.community ?? null,
		scale: m ? +m[1] : 1, fill: getComputedStyle(s).fill, label: g.getAttribute("aria-label") };
})`

// TestExplorerAnalysis drives the analysis features as an analyst does:
// size the actors on screen by a measure and check the sizes follow the
// API's values; colour them by community and check the colours follow the
// API's communities; pick several actors and connect them; ask for the
// brokers between two actors. Every number on screen is compared with the
// API's answer to the same question.
func TestExplorerAnalysis(t *testing.T) {
	alloc := startBrowser(t) // first: without a browser the test skips at once
	srv := startServer(t)
	base := newPage(t, alloc, srv.URL)
	p := base.freshPath(t, "/#a=amedy-coulibaly&b=aqap&go=1")
	onScreen := func() []string { return drawnNodes(t, p) }

	t.Run("size by betweenness", func(t *testing.T) {
		p.chooseMeasure(t, "betweenness")
		p.wait(t, "values drawn", `[...document.querySelectorAll("#nodes [data-node]")].every((g) => g.dataset.value !== undefined) && document.body.dataset.pending === "0"`)
		ids := onScreen()
		var want struct {
			Graph  struct{ Actors int } `json:"graph"`
			Actors []struct {
				Rank  int     `json:"rank"`
				Value float64 `json:"value"`
				Actor struct {
					ID string `json:"id"`
				} `json:"actor"`
			} `json:"actors"`
		}
		srv.getJSON(t, "/v1/analysis/centrality?measure=betweenness&top=1&actors="+url.QueryEscape(strings.Join(ids, ",")), &want)
		got := eval[[]drawnAnalysis](t, p, drawnAnalysisJS)
		byID := map[string]drawnAnalysis{}
		for _, g := range got {
			byID[g.ID] = g
		}
		top := 0.0
		for _, w := range want.Actors {
			top = max(top, w.Value)
		}
		if len(want.Actors) != len(ids) || top == 0 {
			t.Fatalf("the API gives %d values for %d actors, largest %v", len(want.Actors), len(ids), top)
		}
		for _, w := range want.Actors {
			g := byID[w.Actor.ID]
			if g.Value == nil || *g.Value != fmt.Sprint(w.Value) || g.Rank == nil || *g.Rank != fmt.Sprint(w.Rank) {
				t.Errorf("%s: drawn value %v rank %v, the API's %v rank %d", w.Actor.ID, deref(g.Value), deref(g.Rank), w.Value, w.Rank)
			}
			if !strings.Contains(g.Label, fmt.Sprintf("rank %d of %d", w.Rank, want.Graph.Actors)) {
				t.Errorf("%s: its label %q does not say its rank", w.Actor.ID, g.Label)
			}
		}
		// Larger values are drawn larger; the largest at twice the size.
		sort.Slice(want.Actors, func(i, j int) bool { return want.Actors[i].Value > want.Actors[j].Value })
		for i := 1; i < len(want.Actors); i++ {
			a, b := want.Actors[i-1], want.Actors[i]
			if a.Value > b.Value && byID[a.Actor.ID].Scale <= byID[b.Actor.ID].Scale {
				t.Errorf("%s (%v) is drawn no larger than %s (%v)", a.Actor.ID, a.Value, b.Actor.ID, b.Value)
			}
		}
		if s := byID[want.Actors[0].Actor.ID].Scale; s < 1.99 || s > 2.01 {
			t.Errorf("the largest value is drawn at scale %v, want 2", s)
		}
		note := eval[string](t, p, `document.getElementById("analysis-note").textContent`)
		if !strings.Contains(note, "Sized by betweenness over the whole graph") || !strings.Contains(note, "exact") {
			t.Errorf("analysis note %q", note)
		}
		if !strings.Contains(eval[string](t, p, `location.hash`), "m=betweenness") {
			t.Errorf("the measure is not in the link")
		}
		p.screenshot(t, "20-sized-by-betweenness")
	})

	t.Run("the sizes follow the filters", func(t *testing.T) {
		before := eval[string](t, p, `document.querySelector('[data-node="aqap"]').dataset.value`)
		p.do(t, chromedp.Focus(chromedp.ID("asof")), chromedp.KeyEvent(kb.Home))
		p.wait(t, "values for the earliest year", `document.getElementById("asof-out").textContent !== "any date" && document.body.dataset.pending === "0" && document.querySelector('[data-node="aqap"]').dataset.value !== `+jsString(before))
		year := eval[string](t, p, `document.getElementById("asof-out").textContent`)
		var want struct {
			Actors []struct {
				Value float64 `json:"value"`
			} `json:"actors"`
		}
		srv.getJSON(t, "/v1/analysis/centrality?measure=betweenness&top=1&actors=aqap&as_of="+year, &want)
		if got := eval[string](t, p, `document.querySelector('[data-node="aqap"]').dataset.value`); len(want.Actors) != 1 || got != fmt.Sprint(want.Actors[0].Value) {
			t.Errorf("AQAP as of %s: drawn %s, the API's %+v", year, got, want.Actors)
		}
		p.do(t, chromedp.Focus(chromedp.ID("asof")), chromedp.KeyEvent(kb.End))
		p.wait(t, "values for any date", `document.getElementById("asof-out").textContent === "any date" && document.body.dataset.pending === "0" && document.querySelector('[data-node="aqap"]').dataset.value === `+jsString(before))
	})

	t.Run("colour by community", func(t *testing.T) {
		p.chooseMeasure(t, "community")
		p.wait(t, "communities drawn", `[...document.querySelectorAll("#nodes [data-node]")].every((g) => g.dataset.community !== undefined) && document.body.dataset.pending === "0"`)
		ids := onScreen()
		var want struct {
			Modularity float64 `json:"modularity"`
			Actors     []struct {
				Community int `json:"community"`
				Actor     struct {
					ID string `json:"id"`
				} `json:"actor"`
			} `json:"actors"`
		}
		srv.getJSON(t, "/v1/analysis/communities?top=10&members=3&actors="+url.QueryEscape(strings.Join(ids, ",")), &want)
		got := map[string]drawnAnalysis{}
		for _, g := range eval[[]drawnAnalysis](t, p, drawnAnalysisJS) {
			got[g.ID] = g
		}
		fillOf := map[int]string{}
		for _, w := range want.Actors {
			g := got[w.Actor.ID]
			if g.Community == nil || *g.Community != fmt.Sprint(w.Community) {
				t.Errorf("%s: drawn in community %v, the API's %d", w.Actor.ID, deref(g.Community), w.Community)
			}
			if g.Scale != 1 {
				t.Errorf("%s: scaled %v when coloured by community", w.Actor.ID, g.Scale)
			}
			if f, ok := fillOf[w.Community]; ok && f != g.Fill {
				t.Errorf("community %d is drawn in %s and %s", w.Community, f, g.Fill)
			}
			fillOf[w.Community] = g.Fill
		}
		if len(fillOf) < 2 {
			t.Fatalf("the actors on screen are in %d communities; want several to compare colours", len(fillOf))
		}
		seen := map[string]int{}
		for c, f := range fillOf {
			if o, dup := seen[f]; dup && c <= 10 && o <= 10 {
				t.Errorf("communities %d and %d share the colour %s", o, c, f)
			}
			seen[f] = c
		}
		note := eval[string](t, p, `document.getElementById("analysis-note").textContent`)
		if !strings.Contains(note, fmt.Sprintf("modularity %.3f", want.Modularity)) {
			t.Errorf("analysis note %q does not give the modularity %.3f", note, want.Modularity)
		}
		checkContrast(t, p, "coloured by community")
		p.screenshot(t, "21-coloured-by-community")
	})

	t.Run("pick three actors and connect them", func(t *testing.T) {
		pick := []string{"amedy-coulibaly", "aqap", "islamic-state"}
		for _, id := range pick[:2] {
			p.shiftClick(t, nodePoint(t, p, id))
		}
		// The keyboard picks too: S on a focused actor.
		p.do(t, chromedp.Focus(chromedp.CSS(`[data-node="islamic-state"]`)), chromedp.KeyEvent("s"))
		p.wait(t, "three picked", `document.querySelectorAll("#nodes .node.picked").length === 3 && !document.getElementById("connect-these").disabled`)
		got := eval[[]string](t, p, `[...document.querySelectorAll("#nodes .node.picked")].map((g) => g.dataset.node).sort()`)
		if want := slices.Sorted(slices.Values(pick)); !slices.Equal(got, want) {
			t.Fatalf("picked %v, want %v", got, want)
		}
		hops := eval[string](t, p, `document.getElementById("hops").value`)
		p.do(t, chromedp.Click(chromedp.ID("connect-these")))
		p.wait(t, "the network drawn", `location.hash.includes("net=") && document.querySelectorAll("#paths li").length > 1 && document.body.dataset.pending === "0"`)
		var want struct {
			Message string `json:"message"`
			Network struct {
				Connections []struct {
					Path struct {
						Text string `json:"text"`
						Hops []struct {
							Relation struct {
								ID string `json:"id"`
							} `json:"relation"`
						} `json:"hops"`
					} `json:"path"`
				} `json:"connections"`
			} `json:"network"`
			Gaps []any `json:"gaps"`
		}
		srv.postJSON(t, "/v1/analysis/connect", `{"actors":["amedy-coulibaly","aqap","islamic-state"],"max_hops":`+hops+`}`, &want)
		var wantHops []string
		for _, c := range want.Network.Connections {
			for _, h := range c.Path.Hops {
				wantHops = append(wantHops, h.Relation.ID)
			}
		}
		slices.Sort(wantHops)
		wantHops = slices.Compact(wantHops)
		if gotHops := ids(drawnEdges(t, p), func(e drawnEdge) bool { return e.OnPath }); !slices.Equal(gotHops, wantHops) {
			t.Errorf("highlighted links %v, want the network's %v", gotHops, wantHops)
		}
		items := eval[[]string](t, p, `[...document.querySelectorAll("#paths li")].map((li) => li.textContent)`)
		if !strings.HasPrefix(items[0], "The connecting network: 3 of 3 actors joined") || len(items) != len(want.Network.Connections)+1 {
			t.Errorf("paths list %q", items)
		}
		for i, c := range want.Network.Connections {
			if !strings.HasSuffix(items[i+1], c.Path.Text) {
				t.Errorf("connection %d listed as %q, want %q", i+1, items[i+1], c.Path.Text)
			}
		}
		if st := eval[string](t, p, `document.getElementById("status").textContent`); !strings.Contains(st, want.Message) {
			t.Errorf("status %q does not say %q", st, want.Message)
		}
		// A hop of the network opens its evidence.
		hop := want.Network.Connections[0].Path.Hops[0].Relation.ID
		at := edgePoint(t, p, hop)
		p.click(t, at.X, at.Y, 1)
		rel := srv.relation(t, hop)
		p.wait(t, "the evidence of "+hop, fmt.Sprintf(`document.querySelectorAll("#panel > .evidence").length === %d`, len(rel.Evidence)))
		p.screenshot(t, "22-connect-these")

		// The link reproduces the network.
		q := p.freshPath(t, "/"+eval[string](t, p, `location.hash`))
		if got := ids(drawnEdges(t, q), func(e drawnEdge) bool { return e.OnPath }); !slices.Equal(got, wantHops) {
			t.Errorf("from the link: highlighted %v, want %v", got, wantHops)
		}
		if n := eval[int](t, q, `document.querySelectorAll("#nodes .node.picked").length`); n != 3 {
			t.Errorf("from the link: %d picked", n)
		}
		q.check(t)
		p.do(t, chromedp.Click(chromedp.ID("unpick")))
		p.wait(t, "none picked", `document.querySelectorAll("#nodes .node.picked").length === 0 && document.getElementById("connect-these").disabled`)
	})

	t.Run("an actor that cannot be joined is named", func(t *testing.T) {
		q := base.fresh(t, "/#a=amedy-coulibaly&b=khalid-masood&types=MEMBER_OF,PLEDGED_ALLEGIANCE_TO&pick=amedy-coulibaly,khalid-masood,rachid-kassim")
		q.wait(t, "picked from the link", `!document.getElementById("connect-these").disabled`)
		q.do(t, chromedp.Click(chromedp.ID("connect-these")))
		q.wait(t, "the gap named", `/Not joined: Khalid Masood \(Khalid Masood has no relation that passes the filters\)/.test(document.getElementById("status").textContent)`)
		q.check(t)
	})

	t.Run("brokers between two actors", func(t *testing.T) {
		q := base.fresh(t, "/#a=aqap&b=islamic-state")
		q.do(t, chromedp.Click(chromedp.ID("broker-expand")), chromedp.Click(chromedp.ID("brokers")))
		q.wait(t, "brokers listed", `document.querySelectorAll("#panel ol.brokers li").length > 0 && document.body.dataset.pending === "0"`)
		var want struct {
			Brokers []struct {
				Rank  int `json:"rank"`
				Actor struct {
					ID   string `json:"id"`
					Name string `json:"name"`
				} `json:"actor"`
				Paths    float64 `json:"paths"`
				Examples []struct {
					Text string `json:"text"`
					Hops []struct {
						Relation struct {
							ID string `json:"id"`
						} `json:"relation"`
					} `json:"hops"`
				} `json:"examples"`
			} `json:"brokers"`
		}
		srv.postJSON(t, "/v1/analysis/brokers", `{"a":["aqap"],"b":["islamic-state"],"top":10,"examples":1,"expand":["members","affiliates"]}`, &want)
		listed := eval[[]string](t, q, `[...document.querySelectorAll("#panel ol.brokers li")].map((li) => li.dataset.actor)`)
		var wantIDs []string
		for _, b := range want.Brokers {
			wantIDs = append(wantIDs, b.Actor.ID)
		}
		if !slices.Equal(listed, wantIDs) {
			t.Fatalf("brokers listed %v, the API's %v", listed, wantIDs)
		}
		if len(wantIDs) < 2 {
			t.Fatalf("only %d brokers", len(wantIDs))
		}
		// The first broker's example path is highlighted; the second's when
		// its name is clicked.
		for i := range 2 {
			if i == 1 {
				q.do(t, chromedp.Click(chromedp.CSS(`#panel ol.brokers li:nth-child(2) button`)))
				q.wait(t, "the second broker's path", `document.querySelector("#paths li:nth-child(2)").classList.contains("active") && document.body.dataset.pending === "0"`)
			}
			var wantHops []string
			for _, h := range want.Brokers[i].Examples[0].Hops {
				wantHops = append(wantHops, h.Relation.ID)
			}
			slices.Sort(wantHops)
			if got := ids(drawnEdges(t, q), func(e drawnEdge) bool { return e.OnPath }); !slices.Equal(got, wantHops) {
				t.Errorf("broker %d: highlighted %v, want its example path %v", i+1, got, wantHops)
			}
		}
		panel := eval[string](t, q, `document.getElementById("panel").textContent`)
		if !strings.Contains(panel, "Set aside") || !strings.Contains(panel, fmt.Sprintf("on %v of", want.Brokers[0].Paths)) {
			t.Errorf("the brokers panel does not say what was set aside or the paths counted: %q", shorten(panel, 400))
		}
		checkContrast(t, q, "brokers")
		q.screenshot(t, "23-brokers")
		q.check(t)
	})
	p.check(t)
}

func deref(s *string) string {
	if s == nil {
		return "<none>"
	}
	return *s
}

// postJSON decodes the answer to POST path with a JSON body into v.
func (s *testServer) postJSON(t *testing.T, path, body string, v any) {
	t.Helper()
	resp, err := http.Post(s.URL+path, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatalf("POST %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("POST %s: %s %v\n%s", path, resp.Status, err, b)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("POST %s: %v", path, err)
	}
}
