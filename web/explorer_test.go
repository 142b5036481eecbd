package web_test

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/seeds"
)

func TestFindChromium(t *testing.T) {
	tests := []struct {
		name     string
		debian   bool   // /usr/bin/chromium exists
		onPath   string // what `chromium` resolves to on PATH
		wantPath string
	}{
		{"debian package", true, "/opt/bin/chromium", debianChromium},
		{"only on PATH", false, "/opt/bin/chromium", "/opt/bin/chromium"},
		{"nowhere", false, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			exists := func(p string) bool { return tc.debian && p == debianChromium }
			lookPath := func(name string) (string, error) {
				if tc.onPath == "" || name != "chromium" {
					return "", errors.New("not found")
				}
				return tc.onPath, nil
			}
			if got := findChromium(exists, lookPath); got != tc.wantPath {
				t.Errorf("findChromium = %q, want %q", got, tc.wantPath)
			}
		})
	}
}

func TestChromiumVerdict(t *testing.T) {
	tests := []struct {
		name, path, ci string
		want           verdict
	}{
		{"found, outside CI", debianChromium, "", run},
		{"found, in CI", debianChromium, "true", run},
		{"missing, outside CI", "", "", skip},
		{"missing, in CI", "", "true", fail},
		{"missing, CI=1", "", "1", fail},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, msg := chromiumVerdict(tc.path, tc.ci)
			if got != tc.want {
				t.Errorf("verdict %v, want %v", got, tc.want)
			}
			if got == run && msg != "" {
				t.Errorf("a message when the browser is there: %q", msg)
			}
			if got != run && (!strings.Contains(msg, debianChromium) || !strings.Contains(msg, "apt-get install -y chromium")) {
				t.Errorf("the message does not say what is missing and how to install it: %q", msg)
			}
		})
	}
}

func TestPageLocal(t *testing.T) {
	p := &page{origin: "http://127.0.0.1:4242"}
	tests := []struct {
		url  string
		want bool
	}{
		{"http://127.0.0.1:4242/", true},
		{"http://127.0.0.1:4242/v1/paths?from=a&to=b", true},
		{"blob:http://127.0.0.1:4242/5f0c-11aa", true},
		{"data:image/svg+xml;charset=utf-8,%3Csvg%3E", true},
		{"about:blank", true},
		{"http://127.0.0.1:4243/", false},
		{"https://127.0.0.1:4242/", false},
		{"http://localhost:4242/", false},
		{"http://127.0.0.1:4242.example.com/", false},
		{"https://fonts.googleapis.com/css?family=Roboto", false},
		{"blob:https://cdn.example.com/x", false},
		{"ws://127.0.0.1:4242/", false},
	}
	for _, tc := range tests {
		if got := p.local(tc.url); got != tc.want {
			t.Errorf("local(%q) = %v, want %v", tc.url, got, tc.want)
		}
	}
}

// TestNetworkGuard shows that the request listener of the browser tests
// catches a request that leaves the test server. The page's policy already
// blocks fetches elsewhere, so the test navigates, which no policy stops, to
// another loopback address where nothing listens (no traffic leaves the
// machine).
func TestNetworkGuard(t *testing.T) {
	alloc := startBrowser(t) // first: without a browser the test skips at once
	srv := startServer(t)
	p := newPage(t, alloc, srv.URL)
	p.open(t, "/")
	if got := p.takeOffsite(); len(got) != 0 {
		t.Fatalf("the explorer alone made offsite requests: %v", got)
	}
	const elsewhere = "http://127.0.0.2:9/probe"
	eval[any](t, p, `location.href = `+jsString(elsewhere)+`; null`)
	for range 200 {
		if got := p.takeOffsite(); len(got) > 0 {
			if got[0] != elsewhere {
				t.Errorf("flagged %v, want %s", got, elsewhere)
			}
			// Back to the explorer, and forget the failed navigation's
			// errors, so that the tab ends clean.
			p.open(t, "/")
			p.takeOffsite()
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("a navigation to another origin was not flagged")
}

// pathsAnswer is the part of GET /v1/paths the tests read.
type pathsAnswer struct {
	Paths []struct {
		Text   string `json:"text"`
		Actors []struct {
			ID   string `json:"id"`
			Name string `json:"name"`
		} `json:"actors"`
		Hops []struct {
			Relation struct {
				ID        string `json:"id"`
				Contested bool   `json:"contested"`
			} `json:"relation"`
			From      string `json:"from"`
			To        string `json:"to"`
			Symmetric bool   `json:"symmetric"`
		} `json:"hops"`
	} `json:"paths"`
}

// drawnEdge is a link as the page draws it.
type drawnEdge struct {
	ID        string `json:"id"`
	From      string `json:"from"`
	To        string `json:"to"`
	Type      string `json:"type"`
	Label     string `json:"label"`
	Contested bool   `json:"contested"`
	OnPath    bool   `json:"onpath"`
	Dash      string `json:"dash"`
	Marker    string `json:"marker"`
}

const drawnEdgesJS = `[...document.querySelectorAll("#edges [data-edge]")].map((g) => ({
	id: g.dataset.edge, from: g.dataset.from, to: g.dataset.to, type: g.dataset.type,
	label: g.querySelector("text").textContent,
	contested: g.classList.contains("contested"), onpath: g.classList.contains("onpath"),
	dash: getComputedStyle(g.querySelector(".line")).strokeDasharray,
	marker: g.querySelector(".line").getAttribute("marker-end") || "",
}))`

func drawnEdges(t *testing.T, p *page) []drawnEdge {
	t.Helper()
	return eval[[]drawnEdge](t, p, drawnEdgesJS)
}

func drawnNodes(t *testing.T, p *page) []string {
	t.Helper()
	ids := eval[[]string](t, p, `[...document.querySelectorAll("#nodes [data-node]")].map((g) => g.dataset.node)`)
	sort.Strings(ids)
	return ids
}

// positions are the drawn actors' centres in chart coordinates.
func positions(t *testing.T, p *page) map[string]point {
	t.Helper()
	return eval[map[string]point](t, p, `Object.fromEntries([...document.querySelectorAll("#nodes [data-node]")].map((g) => {
		const m = /translate\(([-\d.e]+),([-\d.e]+)\)/.exec(g.getAttribute("transform"));
		return [g.dataset.node, { x: +m[1], y: +m[2] }];
	}))`)
}

// screenArrow is the arrow that points from a to b on screen (y grows
// downwards): the direction a hop's label must show.
func screenArrow(a, b point) string {
	arrows := []string{"→", "↘", "↓", "↙", "←", "↖", "↑", "↗"}
	sector := int(math.Round(math.Atan2(b.Y-a.Y, b.X-a.X) / (math.Pi / 4)))
	return arrows[((sector%8)+8)%8]
}

func ids(edges []drawnEdge, keep func(drawnEdge) bool) []string {
	var out []string
	for _, e := range edges {
		if keep == nil || keep(e) {
			out = append(out, e.ID)
		}
	}
	sort.Strings(out)
	return out
}

func set(xs []string) map[string]bool {
	m := map[string]bool{}
	for _, x := range xs {
		m[x] = true
	}
	return m
}

// neighbours are the actor ids of GET /v1/actors/{id}/network at depth 1
// with the page's own limit.
func neighbours(t *testing.T, srv *testServer, id string) []string {
	t.Helper()
	var res struct {
		Nodes []struct {
			ID string `json:"id"`
		} `json:"nodes"`
	}
	srv.getJSON(t, "/v1/actors/"+url.PathEscape(id)+"/network?depth=1&limit=60", &res)
	var out []string
	for _, n := range res.Nodes {
		out = append(out, n.ID)
	}
	sort.Strings(out)
	return out
}

// unquote strips the typographic quotes the panel puts around a quote.
func unquote(s string) string {
	return strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(s), "“"), "”")
}

// TestExplorer walks an analyst's session through the explorer in
// Chromium: search, connect, evidence, contested claims, expansion by mouse
// and keyboard, the date filter, every export and the link that reproduces
// the view. Every request the pages make must stay on the test server.
func TestExplorer(t *testing.T) {
	alloc := startBrowser(t) // first: without a browser the test skips at once
	srv := startServer(t)
	p := newPage(t, alloc, srv.URL)
	downloads := p.allowDownloads(t)
	p.open(t, "/")

	const (
		from = "amedy-coulibaly"
		to   = "aqap"
	)
	var (
		paths    pathsAnswer
		expanded []string // actors expanded so far
	)
	steps := []struct {
		name string
		fn   func(t *testing.T)
	}{
		{"a transliterated spelling finds the actor, and the suggestion says why", func(t *testing.T) {
			const q = "Usama bin Laden" // the seed graph spells him Osama bin Laden, or Usama bin Ladin
			p.do(t, chromedp.Click(chromedp.ID("pick-a")), chromedp.SendKeys(chromedp.ID("pick-a"), q))
			p.wait(t, "Osama bin Laden suggested for Usama bin Laden", `document.getElementById("pick-a-list").dataset.q === `+jsString(q)+
				` && !document.getElementById("pick-a-list").hidden`)
			first := eval[string](t, p, `document.querySelector("#pick-a-list li").dataset.id`)
			why := eval[string](t, p, `(document.querySelector("#pick-a-list li .why") || {}).textContent || ""`)
			if first != "osama-bin-laden" || !strings.HasPrefix(why, "transliteration of ") {
				t.Fatalf("first suggestion %q, why %q; want osama-bin-laden, a transliteration", first, why)
			}
			p.screenshot(t, "00-search-transliteration")
			p.do(t, chromedp.KeyEvent(kb.End+strings.Repeat(kb.Backspace, len(q))+kb.Escape))
			p.wait(t, "the picker cleared", `document.getElementById("pick-a").value === "" && document.getElementById("pick-a-list").hidden`)
		}},
		{"search coulibaly and pick Amedy Coulibaly", func(t *testing.T) {
			var want struct {
				Hits []struct {
					ID   string `json:"id"`
					Name string `json:"name"`
				} `json:"hits"`
			}
			srv.getJSON(t, "/v1/actors?q=coulibaly&limit=8", &want)
			p.do(t, chromedp.Click(chromedp.ID("pick-a")), chromedp.SendKeys(chromedp.ID("pick-a"), "coulibaly"))
			p.wait(t, "suggestions for coulibaly", `!document.getElementById("pick-a-list").hidden && document.getElementById("pick-a-list").dataset.q === "coulibaly"`)
			got := eval[[]string](t, p, `[...document.querySelectorAll("#pick-a-list li")].map((li) => li.dataset.id)`)
			var wantIDs []string
			name := ""
			for _, h := range want.Hits {
				wantIDs = append(wantIDs, h.ID)
				if h.ID == from {
					name = h.Name
				}
			}
			if !slices.Equal(got, wantIDs) {
				t.Fatalf("suggestions %v, want the API's ranking %v", got, wantIDs)
			}
			if name == "" {
				t.Fatalf("the API does not find %s for coulibaly", from)
			}
			p.screenshot(t, "01-search-suggestions")
			p.do(t, chromedp.Click(chromedp.CSS(`#pick-a-list li[data-id="`+from+`"]`)))
			p.wait(t, "Amedy Coulibaly chosen", `document.getElementById("pick-a").value === `+jsString(name)+` && !!document.querySelector('[data-node="`+from+`"]')`)
		}},
		{"accents do not matter, and a suggestion is picked with the keyboard", func(t *testing.T) {
			var cherif graph.Actor
			srv.getJSON(t, "/v1/actors/cherif-kouachi", &cherif)
			p.do(t, chromedp.Click(chromedp.ID("pick-b")), chromedp.SendKeys(chromedp.ID("pick-b"), "cherif"))
			p.wait(t, "Chérif Kouachi suggested for cherif", `document.getElementById("pick-b-list").dataset.q === "cherif" && [...document.querySelectorAll("#pick-b-list li")].some((li) => li.dataset.id === "cherif-kouachi" && li.textContent.startsWith(`+jsString(cherif.Name)+`))`)
			p.do(t, chromedp.KeyEvent(kb.End+strings.Repeat(kb.Backspace, len("cherif"))), chromedp.SendKeys(chromedp.ID("pick-b"), "aqap"))
			p.wait(t, "AQAP suggested", `document.getElementById("pick-b-list").dataset.q === "aqap" && !document.getElementById("pick-b-list").hidden && [...document.querySelectorAll("#pick-b-list li")].some((li) => li.dataset.id === "`+to+`")`)
			idx := eval[int](t, p, `[...document.querySelectorAll("#pick-b-list li")].findIndex((li) => li.dataset.id === "`+to+`")`)
			keys := strings.Repeat(kb.ArrowDown, idx) + kb.Enter
			p.do(t, chromedp.KeyEvent(keys))
			p.wait(t, "AQAP chosen", `document.getElementById("chosen-b").textContent.includes("`+to+`")`)
		}},
		{"connect them and see the shortest path highlighted", func(t *testing.T) {
			p.do(t, chromedp.Click(chromedp.ID("connect")))
			p.wait(t, "paths listed", `document.querySelectorAll("#paths li").length > 0`)
			p.settle(t)
			k := eval[string](t, p, `document.getElementById("k").value`)
			hops := eval[string](t, p, `document.getElementById("hops").value`)
			srv.getJSON(t, "/v1/paths?from="+from+"&to="+to+"&mode=k_shortest&k="+k+"&max_hops="+hops, &paths)
			if len(paths.Paths) == 0 {
				t.Fatal("the API finds no path")
			}
			shortest := paths.Paths[0]
			var want []string
			for _, h := range shortest.Hops {
				want = append(want, h.Relation.ID)
			}
			sort.Strings(want)
			edges := drawnEdges(t, p)
			got := ids(edges, func(e drawnEdge) bool { return e.OnPath })
			if !slices.Equal(got, want) {
				t.Fatalf("highlighted links %v, want the shortest path's hops %v", got, want)
			}
			if len(got) < 2 {
				t.Fatalf("the highlighted path has %d hop(s), want at least 2", len(got))
			}
			// The highlighted links join A to B, one hop after another.
			at, used := from, map[string]bool{}
			for range got {
				next := ""
				for _, e := range edges {
					if e.OnPath && !used[e.ID] && (e.From == at || e.To == at) {
						next, used[e.ID] = e.From, true
						if e.From == at {
							next = e.To
						}
						break
					}
				}
				if next == "" {
					t.Fatalf("the highlighted links break off at %s", at)
				}
				at = next
			}
			if at != to {
				t.Fatalf("the highlighted links lead to %s, not %s", at, to)
			}
			// Each hop is labelled with its type and the way it runs.
			pos := positions(t, p)
			for _, h := range shortest.Hops {
				i := slices.IndexFunc(edges, func(e drawnEdge) bool { return e.ID == h.Relation.ID })
				e := edges[i]
				if !strings.Contains(e.Label, e.Type) {
					t.Errorf("hop %s is labelled %q, without its type %s", e.ID, e.Label, e.Type)
				}
				if h.Symmetric {
					if !strings.Contains(e.Label, "—") || e.Marker != "" {
						t.Errorf("symmetric hop %s: label %q, marker %q; want —TYPE— and no arrowhead", e.ID, e.Label, e.Marker)
					}
					continue
				}
				if arrow := screenArrow(pos[e.From], pos[e.To]); !strings.Contains(e.Label, arrow) {
					t.Errorf("hop %s (%s→%s) is labelled %q; want the arrow %s that points the way it runs", e.ID, e.From, e.To, e.Label, arrow)
				}
				if e.Marker != "url(#arrow-hl)" {
					t.Errorf("hop %s has arrowhead %q, want the highlighted one", e.ID, e.Marker)
				}
			}
			active := eval[string](t, p, `document.querySelector("#paths li.active").textContent`)
			if active != shortest.Text {
				t.Errorf("active path %q, want %q", active, shortest.Text)
			}
			p.screenshot(t, "02-path-highlighted")
		}},
		{"click a hop and read its evidence, quoted from the cited source", func(t *testing.T) {
			hop := paths.Paths[0].Hops[0].Relation.ID
			at := edgePoint(t, p, hop)
			p.click(t, at.X, at.Y, 1)
			rel := srv.relation(t, hop)
			p.wait(t, "the evidence of "+hop, fmt.Sprintf(`document.querySelectorAll("#panel > .evidence").length === %d && location.hash.includes("sel=e%%3A")`, len(rel.Evidence)))
			type block struct {
				Quote, Source, Piece, Cite, Meta, Claimant, Grading string
			}
			blocks := eval[[]block](t, p, `[...document.querySelectorAll("#panel > .evidence")].map((d) => ({
				Quote: d.querySelector("blockquote").textContent, Source: d.dataset.source, Piece: d.dataset.piece || "",
				Cite: d.querySelector("cite").textContent, Meta: d.querySelector(".source").textContent,
				Claimant: d.querySelector(".claimant").textContent, Grading: d.querySelector(".grading").textContent,
			}))`)
			if len(blocks) != len(rel.Evidence) {
				t.Fatalf("%d evidence blocks, want %d", len(blocks), len(rel.Evidence))
			}
			text := seeds.SourceTexts(srv.Bundle)
			sources := map[string]graph.Source{}
			for _, s := range srv.Bundle.Sources {
				sources[s.ID] = s
			}
			for i, b := range blocks {
				ev := rel.Evidence[i]
				q := unquote(b.Quote)
				if q != ev.Quote || b.Source != ev.Source {
					t.Errorf("block %d shows %q from %s, want %q from %s", i, q, b.Source, ev.Quote, ev.Source)
				}
				src, ok := text(b.Source)
				if !ok {
					t.Fatalf("no text for source %s", b.Source)
				}
				if !strings.Contains(graph.NormalizeQuote(src), graph.NormalizeQuote(q)) {
					t.Errorf("quote %q is not in the text of source %s", q, b.Source)
				}
				s := sources[ev.Source]
				title, pub, date := s.Title, s.Publication, s.Date.String()
				for _, pc := range s.Pieces {
					if pc.ID == ev.Piece {
						title = pc.Title
						if pc.Publication != "" {
							pub = pc.Publication
						}
						if !pc.Date.IsZero() {
							date = pc.Date.String()
						}
					}
				}
				if b.Cite != title || !strings.Contains(b.Meta, pub) || !strings.Contains(b.Meta, date) {
					t.Errorf("block %d cites %q (%q), want title %q, publication %q, date %q", i, b.Cite, b.Meta, title, pub, date)
				}
				if ev.Claimant != "" && !strings.Contains(b.Claimant, ev.Claimant) {
					t.Errorf("block %d: claimant %q, want %q", i, b.Claimant, ev.Claimant)
				}
				if grade := fmt.Sprintf("%s%d", ev.Reliability, ev.Credibility); !strings.Contains(b.Grading, grade) {
					t.Errorf("block %d: grading %q, want %s", i, b.Grading, grade)
				}
			}
			p.screenshot(t, "03-evidence")
		}},
		{"contested links are dashed and marked, and their panel sets the claims side by side", func(t *testing.T) {
			edges := drawnEdges(t, p)
			var contested, plain []drawnEdge
			for _, e := range edges {
				r := srv.relation(t, e.ID)
				if r.Contested != e.Contested {
					t.Errorf("link %s drawn contested=%v, the API says %v", e.ID, e.Contested, r.Contested)
				}
				if r.Contested {
					contested = append(contested, e)
				} else {
					plain = append(plain, e)
				}
			}
			if len(contested) == 0 || len(plain) == 0 {
				t.Fatalf("want contested and plain links on screen to compare; got %d and %d", len(contested), len(plain))
			}
			for _, e := range contested {
				if e.Dash == "none" || e.Dash == "" || !strings.Contains(e.Label, "⚑") {
					t.Errorf("contested link %s: dash %q, label %q; want dashed and marked ⚑", e.ID, e.Dash, e.Label)
				}
			}
			for _, e := range plain {
				if e.Dash != "none" || strings.Contains(e.Label, "⚑") {
					t.Errorf("plain link %s: dash %q, label %q; want solid and unmarked", e.ID, e.Dash, e.Label)
				}
			}
			c := contested[0]
			at := edgePoint(t, p, c.ID)
			p.click(t, at.X, at.Y, 1)
			p.wait(t, "the contested panel", `!!document.querySelector("#panel .badge.contested") && document.querySelectorAll("#panel .claims > div").length >= 2`)
			p.settle(t)
			r := srv.relation(t, c.ID)
			var rels struct {
				Relations []graph.Relation `json:"relations"`
			}
			srv.getJSON(t, "/v1/actors/"+url.PathEscape(r.From)+"/relations?direction=out", &rels)
			columns := 2 // supports | refutes
			rivals := 0
			for _, x := range rels.Relations {
				if x.Contested && x.ID != r.ID {
					rivals++
				}
			}
			if rivals > 0 {
				columns = 1 + rivals
			}
			if got := eval[int](t, p, `document.querySelectorAll("#panel .claims > div").length`); got != columns {
				t.Errorf("%d columns of claims, want %d (this claim and %d rival(s))", got, columns, rivals)
			}
			p.screenshot(t, "04-contested")
		}},
		{"double-click an actor to add its neighbours", func(t *testing.T) {
			before := drawnNodes(t, p)
			id := expandable(t, srv, before, paths.Paths[0].Actors[1].ID, before)
			was := positions(t, p)
			at := nodePoint(t, p, id)
			p.click(t, at.X, at.Y, 2)
			p.wait(t, "new actors", fmt.Sprintf(`+document.getElementById("chart").dataset.nodes > %d`, len(before)))
			p.settle(t)
			checkExpanded(t, p, srv, id, before)
			checkStable(t, was, positions(t, p))
			expanded = append(expanded, id)
			p.screenshot(t, "05-expanded")
		}},
		{"expand an actor with the keyboard (Tab to it, press E)", func(t *testing.T) {
			before := drawnNodes(t, p)
			id := expandable(t, srv, before, "", expanded)
			tabTo(t, p, `document.activeElement.dataset.node === `+jsString(id))
			was := positions(t, p)
			p.do(t, chromedp.KeyEvent("e"))
			p.wait(t, "new actors", fmt.Sprintf(`+document.getElementById("chart").dataset.nodes > %d`, len(before)))
			p.settle(t)
			checkExpanded(t, p, srv, id, before)
			checkStable(t, was, positions(t, p))
			if got := eval[string](t, p, `document.activeElement.dataset.node || ""`); got != id {
				t.Errorf("focus moved to %q after expanding %s; it should stay on the actor", got, id)
			}
			expanded = append(expanded, id)
		}},
		{"an actor's details: kind, aliases, description, dates and relations by type", func(t *testing.T) {
			var a graph.Actor
			srv.getJSON(t, "/v1/actors/"+from, &a)
			var rels struct {
				Relations []graph.Relation `json:"relations"`
			}
			srv.getJSON(t, "/v1/actors/"+from+"/relations", &rels)
			at := nodePoint(t, p, from)
			p.click(t, at.X, at.Y, 1)
			p.wait(t, "the details of "+from, `!!document.querySelector("#panel h4.reltype") && document.querySelector("#panel h2").firstChild.textContent === `+jsString(a.Name))
			p.settle(t)
			facts := eval[map[string]string](t, p, `Object.fromEntries([...document.querySelectorAll("#panel dl.facts dt")].map((dt) => [dt.textContent, dt.nextElementSibling.textContent]))`)
			want := map[string]string{"Kind": string(a.Kind), "Aliases": strings.Join(a.Aliases, ", "), "Start": a.Start.String(), "End": a.End.String()}
			for k, v := range want {
				if v != "" && facts[k] != v {
					t.Errorf("details: %s = %q, want %q", k, facts[k], v)
				}
			}
			if d := eval[string](t, p, `(document.querySelector("#panel .description") || {}).textContent || ""`); d != a.Description {
				t.Errorf("description %q, want %q", d, a.Description)
			}
			byType := map[string]int{}
			for _, r := range rels.Relations {
				byType[r.Type]++
			}
			var wantGroups []string
			for typ, n := range byType {
				wantGroups = append(wantGroups, fmt.Sprintf("%s (%d)", typ, n))
			}
			sort.Strings(wantGroups)
			if got := eval[[]string](t, p, `[...document.querySelectorAll("#panel h4.reltype")].map((h) => h.textContent)`); !slices.Equal(got, wantGroups) {
				t.Errorf("relation groups %v, want %v", got, wantGroups)
			}
		}},
		{"drag an actor, pan and zoom", func(t *testing.T) {
			id := to
			was := positions(t, p)[id]
			at := nodePoint(t, p, id)
			p.drag(t, at, point{at.X + 60, at.Y + 40})
			now := positions(t, p)[id]
			k := eval[float64](t, p, `+/scale\(([\d.]+)\)/.exec(document.getElementById("viewport").getAttribute("transform"))[1]`)
			if math.Abs(now.X-was.X-60/k) > 1 || math.Abs(now.Y-was.Y-40/k) > 1 {
				t.Errorf("dragged %s by (60,40) px at zoom %.2f: it moved from %v to %v", id, k, was, now)
			}
			if h := eval[string](t, p, `location.hash`); !strings.Contains(h, "pin="+id) && !strings.Contains(h, "%2C"+id) {
				t.Errorf("the dragged actor is not pinned in the URL: %s", h)
			}
			transform := func() string {
				return eval[string](t, p, `document.getElementById("viewport").getAttribute("transform")`)
			}
			empty := eval[*point](t, p, `(() => {
				const r = document.getElementById("chart").getBoundingClientRect();
				for (let y = r.top + 10; y < r.bottom - 10; y += 17) for (let x = r.left + 10; x < r.right - 10; x += 17) {
					if (document.elementFromPoint(x, y) === document.getElementById("chart")) return { x, y };
				}
				return null;
			})()`)
			if empty == nil {
				t.Fatal("no empty spot on the chart to pan from")
			}
			before := transform()
			p.drag(t, *empty, point{empty.X + 50, empty.Y + 30})
			if after := transform(); after == before || positions(t, p)[id] != now {
				t.Errorf("panning: view %s → %s; actors must stay where they are in the chart", before, after)
			}
			before = transform()
			p.do(t, chromedp.MouseEvent(chromedp.MouseWheel, empty.X, empty.Y, func(e *input.DispatchMouseEventParams) {
				e.DeltaX, e.DeltaY = 1, -120 // the protocol wants both, and drops zeros
			}))
			p.wait(t, "the wheel to zoom", `document.getElementById("viewport").getAttribute("transform") !== `+jsString(before))
			p.do(t, chromedp.Click(chromedp.ID("zoom-fit")))
		}},
		{"filters: minimum confidence, relation types, contested claims", func(t *testing.T) {
			before := drawnEdges(t, p)
			rels := map[string]graph.Relation{}
			for _, e := range before {
				rels[e.ID] = srv.relation(t, e.ID)
			}
			typ := rels[paths.Paths[0].Hops[0].Relation.ID].Type
			tests := []struct {
				name       string
				set, reset []chromedp.Action[chromedp.Void]
				settled    string
				keep       func(graph.Relation) bool
			}{
				{"confidence at least 0.60",
					[]chromedp.Action[chromedp.Void]{chromedp.Focus(chromedp.ID("minconf")), chromedp.KeyEvent(kb.Home + strings.Repeat(kb.ArrowRight, 12))},
					[]chromedp.Action[chromedp.Void]{chromedp.KeyEvent(kb.Home)},
					`document.getElementById("minconf-out").textContent === "0.60"`,
					func(r graph.Relation) bool { return r.Confidence >= 0.6 }},
				{"only " + typ,
					[]chromedp.Action[chromedp.Void]{chromedp.Click(chromedp.CSS("#types-box > summary")), chromedp.Click(chromedp.ID("types-none")), chromedp.Click(chromedp.ID("type-" + typ))},
					[]chromedp.Action[chromedp.Void]{chromedp.Click(chromedp.ID("types-all")), chromedp.Click(chromedp.CSS("#types-box > summary"))},
					`location.hash.includes("types=` + typ + `&") || location.hash.endsWith("types=` + typ + `")`,
					func(r graph.Relation) bool { return r.Type == typ }},
				{"without contested claims",
					[]chromedp.Action[chromedp.Void]{chromedp.Click(chromedp.ID("contested"))},
					[]chromedp.Action[chromedp.Void]{chromedp.Click(chromedp.ID("contested"))},
					`!document.getElementById("contested").checked`,
					func(r graph.Relation) bool { return !r.Contested }},
			}
			all := ids(before, nil)
			for _, tc := range tests {
				t.Run(tc.name, func(t *testing.T) {
					p.do(t, tc.set...)
					p.wait(t, tc.name, tc.settled)
					var want []string
					for _, id := range all {
						if tc.keep(rels[id]) {
							want = append(want, id)
						}
					}
					if len(want) == 0 || len(want) == len(all) {
						t.Fatalf("the filter keeps %d of %d links: it would show nothing", len(want), len(all))
					}
					if got := ids(drawnEdges(t, p), nil); !slices.Equal(got, want) {
						t.Errorf("%s: the page draws %v, want %v", tc.name, got, want)
					}
					p.do(t, tc.reset...)
					p.wait(t, "the filter lifted", fmt.Sprintf(`document.querySelectorAll("#edges [data-edge]").length === %d`, len(all)))
				})
			}
		}},
		{"date filter: as of 2010 the links dated later disappear", func(t *testing.T) {
			before := drawnEdges(t, p)
			min := eval[int](t, p, `+document.getElementById("asof").min`)
			p.do(t, chromedp.Focus(chromedp.ID("asof")), chromedp.KeyEvent(kb.Home+strings.Repeat(kb.ArrowRight, 2010-min)))
			p.wait(t, "the slider at 2010", `document.getElementById("asof-out").textContent === "2010"`)
			asOf := graph.MustDate("2010")
			var want, later, kept []string
			for _, e := range before {
				r := srv.relation(t, e.ID)
				if r.ValidOn(asOf) {
					want = append(want, e.ID)
					kept = append(kept, e.ID)
				} else if r.ValidFrom.FirstDay() > asOf.LastDay() {
					later = append(later, e.ID)
				}
			}
			sort.Strings(want)
			got := ids(drawnEdges(t, p), nil)
			if !slices.Equal(got, want) {
				t.Errorf("as of 2010 the page draws %v, want %v", got, want)
			}
			if len(later) == 0 || len(kept) == 0 {
				t.Fatalf("the view has %d links dated after 2010 and %d that hold in 2010: want some of each", len(later), len(kept))
			}
			for _, id := range later {
				if slices.Contains(got, id) {
					t.Errorf("link %s dated after 2010 is still drawn", id)
				}
			}
			if h := eval[string](t, p, `location.hash`); !strings.Contains(h, "asof=2010") {
				t.Errorf("the URL does not keep the filter: %s", h)
			}
			p.screenshot(t, "06-date-filtered")
			p.do(t, chromedp.KeyEvent(kb.End))
			p.wait(t, "the slider at any date", `document.getElementById("asof-out").textContent === "any date"`)
			if got := ids(drawnEdges(t, p), nil); !slices.Equal(got, ids(before, nil)) {
				t.Errorf("after the filter is lifted the page draws %d links, want %d", len(got), len(before))
			}
		}},
		{"export what is on screen", func(t *testing.T) {
			nodes := drawnNodes(t, p)
			edges := ids(drawnEdges(t, p), nil)
			tests := []struct {
				format, ext string
				check       func(t *testing.T, data []byte)
			}{
				{"svg", ".svg", func(t *testing.T, data []byte) {
					root, attrs, _ := scanXML(t, data, "data-node", "data-edge")
					if root != "svg" {
						t.Errorf("root element %s, want svg", root)
					}
					if got := sorted(attrs["data-node"]); !slices.Equal(got, nodes) {
						t.Errorf("the SVG has actors %v, want those on screen %v", got, nodes)
					}
					if got := sorted(attrs["data-edge"]); !slices.Equal(got, edges) {
						t.Errorf("the SVG has %d links, want the %d on screen", len(got), len(edges))
					}
					// Labels hidden on screen stay hidden in the file.
					hidden := eval[int](t, p, `[...document.querySelectorAll("#edges text")].filter((x) => getComputedStyle(x).display === "none").length`)
					if n := strings.Count(string(data), `display="none"`); n < hidden {
						t.Errorf("the SVG hides %d elements, the page hides %d labels", n, hidden)
					}
				}},
				{"png", ".png", func(t *testing.T, data []byte) {
					img, err := png.Decode(bytes.NewReader(data))
					if err != nil {
						t.Fatalf("not a PNG: %v", err)
					}
					w := eval[float64](t, p, `document.getElementById("chart").getBoundingClientRect().width`)
					if b := img.Bounds(); b.Dx() != int(math.Round(w*2)) {
						t.Errorf("PNG is %d px wide, want twice the chart's %v", b.Dx(), w)
					}
					if !hasInk(img) {
						t.Error("the PNG is blank")
					}
				}},
				{"gexf", ".gexf", func(t *testing.T, data []byte) {
					root, _, count := scanXML(t, data)
					if root != "gexf" || count["node"] != len(nodes) || count["edge"] != len(edges) {
						t.Errorf("GEXF root %s with %d nodes and %d edges, want gexf with %d and %d", root, count["node"], count["edge"], len(nodes), len(edges))
					}
				}},
				{"graphml", ".graphml", func(t *testing.T, data []byte) {
					root, _, count := scanXML(t, data)
					if root != "graphml" || count["node"] != len(nodes) || count["edge"] != len(edges) {
						t.Errorf("GraphML root %s with %d nodes and %d edges, want graphml with %d and %d", root, count["node"], count["edge"], len(nodes), len(edges))
					}
				}},
				{"csv", ".zip", func(t *testing.T, data []byte) {
					z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
					if err != nil {
						t.Fatalf("not a zip: %v", err)
					}
					rows := map[string]int{}
					for _, f := range z.File {
						rc, err := f.Open()
						if err != nil {
							t.Fatal(err)
						}
						recs, err := csv.NewReader(rc).ReadAll()
						rc.Close()
						if err != nil {
							t.Fatalf("%s: %v", f.Name, err)
						}
						rows[f.Name] = len(recs) - 1
					}
					if rows["nodes.csv"] != len(nodes) || rows["edges.csv"] != len(edges) {
						t.Errorf("CSV rows %v, want %d nodes and %d edges", rows, len(nodes), len(edges))
					}
				}},
			}
			for _, tc := range tests {
				t.Run(tc.format, func(t *testing.T) {
					name, data := p.download(t, downloads, chromedp.Click(chromedp.CSS(`[data-export="`+tc.format+`"]`)))
					if !strings.HasSuffix(name, tc.ext) {
						t.Errorf("file name %q, want …%s", name, tc.ext)
					}
					tc.check(t, data)
					if tc.format == "svg" || tc.format == "png" {
						keep := filepath.Join(screenshotDir(t), "09-export"+tc.ext)
						if err := os.WriteFile(keep, data, 0o644); err != nil {
							t.Fatal(err)
						}
						t.Logf("exported %s kept as %s", tc.format, keep)
					}
				})
			}
		}},
		{"copy the link and load it in a fresh page: the same view", func(t *testing.T) {
			hop := paths.Paths[0].Hops[len(paths.Paths[0].Hops)-1].Relation.ID
			at := edgePoint(t, p, hop)
			p.click(t, at.X, at.Y, 1)
			p.wait(t, "the evidence of "+hop, `document.querySelectorAll("#panel .evidence").length > 0 && location.hash.includes(`+jsString("sel=e%3A"+url.QueryEscape(hop))+`)`)
			p.settle(t)
			p.do(t, chromedp.Click(chromedp.ID("copy-link")))
			p.wait(t, "the link", `!document.getElementById("link-box").hidden && document.getElementById("link").value !== ""`)
			link := eval[string](t, p, `document.getElementById("link").value`)
			if here := eval[string](t, p, `location.href`); link != here {
				t.Errorf("copied %s, but the page is at %s", link, here)
			}
			want := viewOf(t, p)
			fresh := newPage(t, p.ctx, srv.URL, chromedp.WithNewBrowserContext())
			fresh.do(t, chromedp.Navigate(link))
			fresh.settle(t)
			fresh.wait(t, "the same selection", `document.querySelector("#panel h2") && document.querySelector("#panel h2").textContent === `+jsString(want.Panel))
			got := viewOf(t, fresh)
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("the link gives another view:\n got %+v\nwant %+v", got, want)
			}
			// The same drawing: every actor where it was (to the pixel the
			// link rounds to), the one dragged by hand included.
			wantPos, gotPos := positions(t, p), positions(t, fresh)
			for id, a := range wantPos {
				if b := gotPos[id]; math.Abs(a.X-b.X) > 1 || math.Abs(a.Y-b.Y) > 1 {
					t.Errorf("the link draws %s at %v, the page had it at %v", id, b, a)
				}
			}
			fresh.screenshot(t, "07-link-restored")
			draw := eval[float64](t, fresh, `performance.getEntriesByName("actorgraph:first-draw")[0].startTime`)
			t.Logf("first render of the copied link (%d actors, %d paths): %.0f ms from navigation start to the chart drawn", len(got.Nodes), len(paths.Paths), draw)
		}},
		{"the issue's question: how is Masood Azhar connected to the 7/7 bombers, and on what evidence", func(t *testing.T) {
			const azhar, july7 = "masood-azhar", "july-7-2005-london-bombings"
			var want pathsAnswer
			srv.getJSON(t, "/v1/paths?from="+azhar+"&to="+july7+"&mode=k_shortest&k=3&max_hops=4", &want)
			if len(want.Paths) == 0 {
				t.Fatal("the API finds no path")
			}
			q := p.freshPath(t, "/#a="+azhar+"&b="+july7+"&k=3&hops=4&go=1")
			if got := eval[string](t, q, `document.querySelector("#paths li.active").textContent`); got != want.Paths[0].Text {
				t.Errorf("active path %q, want %q", got, want.Paths[0].Text)
			}
			hop := want.Paths[0].Hops[0].Relation.ID
			at := edgePoint(t, q, hop)
			q.click(t, at.X, at.Y, 1)
			q.wait(t, "the evidence", fmt.Sprintf(`document.querySelectorAll("#panel > .evidence").length === %d`, len(srv.relation(t, hop).Evidence)))
			q.settle(t)
			q.screenshot(t, "08-masood-azhar-to-7-7")
		}},
		{"first view of a fresh page", func(t *testing.T) {
			fresh := p.freshPath(t, "/#a="+from+"&b="+to+"&go=1")
			draw := eval[float64](t, fresh, `performance.getEntriesByName("actorgraph:first-draw")[0].startTime`)
			t.Logf("first render of the path view %s → %s: %.0f ms from navigation start to the chart drawn (%d requests)", from, to, draw, fresh.requestCount())
			empty := p.fresh(t, "/")
			ready := eval[float64](t, empty, `performance.getEntriesByName("actorgraph:ready")[0].startTime`)
			t.Logf("first render of the empty explorer: %.0f ms from navigation start to ready", ready)
		}},
	}
	for _, s := range steps {
		if !t.Run(s.name, s.fn) {
			t.Fatalf("step %q failed; the later steps need it", s.name)
		}
	}
}

// view is what a link must reproduce.
type view struct {
	Nodes, Edges, Path []string
	Active, Panel      string
	Filters            string
}

func viewOf(t *testing.T, p *page) view {
	t.Helper()
	edges := drawnEdges(t, p)
	return view{
		Nodes:   drawnNodes(t, p),
		Edges:   ids(edges, nil),
		Path:    ids(edges, func(e drawnEdge) bool { return e.OnPath }),
		Active:  eval[string](t, p, `(document.querySelector("#paths li.active") || {}).textContent || ""`),
		Panel:   eval[string](t, p, `(document.querySelector("#panel h2") || {}).textContent || ""`),
		Filters: eval[string](t, p, `["asof-out", "minconf-out"].map((id) => document.getElementById(id).textContent).join("|") + "|" + document.getElementById("contested").checked`),
	}
}

// expandable picks an actor on screen that has a neighbour not yet on
// screen: want if it qualifies, else the first in id order that was not
// expanded already.
func expandable(t *testing.T, srv *testServer, onScreen []string, want string, done []string) string {
	t.Helper()
	on := set(onScreen)
	qualifies := func(id string) bool {
		for _, n := range neighbours(t, srv, id) {
			if !on[n] {
				return true
			}
		}
		return false
	}
	if want != "" && qualifies(want) {
		return want
	}
	for _, id := range onScreen {
		if !slices.Contains(done, id) && qualifies(id) {
			return id
		}
	}
	t.Fatal("no actor on screen has a neighbour off screen")
	return ""
}

// checkExpanded checks that expanding id added exactly its neighbours that
// were not on screen.
func checkExpanded(t *testing.T, p *page, srv *testServer, id string, before []string) {
	t.Helper()
	after := drawnNodes(t, p)
	nb := neighbours(t, srv, id)
	was := set(before)
	var added, want []string
	for _, n := range after {
		if !was[n] {
			added = append(added, n)
		}
	}
	for _, n := range nb {
		if !was[n] {
			want = append(want, n)
		}
	}
	if len(added) == 0 || !slices.Equal(added, want) {
		t.Errorf("expanding %s added %v, want its neighbours that were off screen %v", id, added, want)
	}
}

// checkStable checks that adding actors leaves those already drawn nearly
// where they were: none moves more than a quarter of a link's length.
func checkStable(t *testing.T, was, now map[string]point) {
	t.Helper()
	var moves []float64
	for id, a := range was {
		b := now[id]
		moves = append(moves, math.Hypot(b.X-a.X, b.Y-a.Y))
	}
	sort.Float64s(moves)
	if len(moves) == 0 {
		t.Fatal("no actor was on screen")
	}
	median, most := moves[len(moves)/2], moves[len(moves)-1]
	t.Logf("layout: after expanding, the %d actors already drawn moved %.0f px (median), %.0f px at most", len(moves), median, most)
	if most > 45 {
		t.Errorf("an actor already drawn moved %.0f px when others were added: the layout is not stable", most)
	}
}

// tabTo presses Tab from the end of the controls until cond holds.
func tabTo(t *testing.T, p *page, cond string) {
	t.Helper()
	p.do(t, chromedp.Focus(chromedp.CSS(".keys > summary")))
	for range 400 {
		if eval[bool](t, p, cond) {
			return
		}
		p.do(t, chromedp.KeyEvent(kb.Tab))
	}
	t.Fatalf("Tab never reached the element (%s)", cond)
}

// scanXML checks that data is well-formed XML and returns its root
// element's name, the values of the named attributes and how many elements
// of each name it holds.
func scanXML(t *testing.T, data []byte, attrNames ...string) (string, map[string][]string, map[string]int) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	root, attrs, count := "", map[string][]string{}, map[string]int{}
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			if root == "" {
				root = se.Name.Local
			}
			count[se.Name.Local]++
			for _, a := range se.Attr {
				if slices.Contains(attrNames, a.Name.Local) {
					attrs[a.Name.Local] = append(attrs[a.Name.Local], a.Value)
				}
			}
		}
	}
	if root == "" {
		t.Fatal("no XML element")
	}
	return root, attrs, count
}

func sorted(xs []string) []string {
	out := slices.Clone(xs)
	sort.Strings(out)
	return out
}

// hasInk reports whether an image has a pixel that is not near white.
func hasInk(img image.Image) bool {
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r < 0xc000 || g < 0xc000 || bl < 0xc000 {
				return true
			}
		}
	}
	return false
}

// TestExplorerRefuted checks that a link its sources deny is not drawn by
// default: connecting Khalid Masood to the Islamic State within two hops
// finds no path and says which refuted relation it set aside; asked to
// include refuted claims, the explorer draws it, marked apart from the
// contested claims.
func TestExplorerRefuted(t *testing.T) {
	alloc := startBrowser(t)
	srv := startServer(t)
	p := newPage(t, alloc, srv.URL)
	var rel graph.Relation
	srv.getJSON(t, "/v1/relations/khalid-masood--inspired-by--islamic-state", &rel)
	if rel.Status != graph.Refuted {
		t.Fatalf("the seed relation khalid-masood--inspired-by--islamic-state is %q, want refuted", rel.Status)
	}
	p.open(t, "/#a=khalid-masood&b=islamic-state&k=3&hops=2&go=1")
	p.wait(t, "the set-aside message", `document.getElementById("status").textContent.includes("Set aside, because the sources deny it: Khalid Masood —INSPIRED_BY→ Islamic State")`)
	if n := eval[int](t, p, `document.querySelectorAll("#edges .edge.refuted").length`); n != 0 {
		t.Fatalf("%d refuted links drawn by default", n)
	}
	if checked := eval[bool](t, p, `document.getElementById("refuted").checked`); checked {
		t.Fatal("Include refuted claims is ticked by default")
	}
	p.screenshot(t, "20-refuted-set-aside")

	p.do(t, chromedp.Click(chromedp.ID("refuted")), chromedp.Click(chromedp.ID("connect")))
	p.wait(t, "the refuted link on the path", `!!document.querySelector('#edges .edge.refuted.onpath[data-edge="khalid-masood--inspired-by--islamic-state"]')`)
	label := eval[string](t, p, `document.querySelector('#edges .edge.refuted').getAttribute("aria-label")`)
	if !strings.Contains(label, "refuted: its sources deny it") {
		t.Errorf("the refuted link reads %q", label)
	}
	style := eval[string](t, p, `getComputedStyle(document.querySelector('#edges .edge.refuted .line')).strokeDasharray`)
	contested := eval[string](t, p, `(() => { const l = document.querySelector(".legend-contested"); return l ? getComputedStyle(l).strokeDasharray : ""; })()`)
	if style == "" || style == "none" || style == contested {
		t.Errorf("a refuted link is dashed %q, like a contested one (%q)", style, contested)
	}
	if !strings.Contains(eval[string](t, p, "location.hash"), "refuted=1") {
		t.Error("the link does not keep the refuted filter")
	}
	p.do(t, chromedp.Click(chromedp.CSS(`#edges .edge.refuted[data-edge="khalid-masood--inspired-by--islamic-state"]`)))
	p.wait(t, "the refuted badge in the evidence panel", `[...document.querySelectorAll("#panel .badge.refuted")].some((b) => b.textContent.includes("refuted"))`)
	p.screenshot(t, "21-refuted-shown")

	// Unticking hides it again at once.
	p.do(t, chromedp.Click(chromedp.ID("refuted")))
	p.wait(t, "the refuted link hidden", `!document.querySelector('#edges .edge.refuted')`)
}
