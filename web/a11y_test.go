package web_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// contrastJS measures, in the page, the contrast of every visible piece of
// text against what is behind it (WCAG 2 relative luminance; backgrounds
// and opacities composited from the root down). SVG text is measured by its
// fill. It returns how many elements it measured and those under the
// minimum.
const contrastJS = `((min) => {
	const parse = (c) => {
		const m = /rgba?\(([^)]+)\)/.exec(c || "");
		if (!m) return null;
		const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
		return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
	};
	const over = (top, under) => ({
		r: top.r * top.a + under.r * (1 - top.a), g: top.g * top.a + under.g * (1 - top.a),
		b: top.b * top.a + under.b * (1 - top.a), a: 1,
	});
	const lum = (c) => {
		const f = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
		return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
	};
	const ratio = (x, y) => { const a = lum(x), b = lum(y); return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05); };
	const chain = (el) => { const out = []; for (let e = el; e && e.nodeType === 1; e = e.parentElement) out.unshift(e); return out; };
	const skip = new Set(["TITLE", "OPTION", "SCRIPT", "STYLE", "title"]);
	let measured = 0;
	const low = [];
	for (const el of document.querySelectorAll("body *")) {
		if (skip.has(el.tagName)) continue;
		if (![...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
		if (!el.getClientRects().length) continue;
		const cs = getComputedStyle(el);
		if (cs.visibility !== "visible") continue;
		let bg = { r: 255, g: 255, b: 255, a: 1 }, opacity = 1;
		for (const e of chain(el)) {
			const s = getComputedStyle(e), c = parse(s.backgroundColor);
			if (c && c.a > 0) bg = over(c, bg);
			opacity *= parseFloat(s.opacity);
		}
		const fg = parse(el instanceof SVGElement ? cs.fill : cs.color);
		if (!fg) continue;
		fg.a *= opacity;
		const r = ratio(over(fg, bg), bg);
		measured++;
		if (r < min) low.push({ text: el.textContent.trim().slice(0, 50), tag: el.tagName, color: el instanceof SVGElement ? cs.fill : cs.color, ratio: Math.round(r * 100) / 100 });
	}
	return { measured, low };
})`

type contrastReport struct {
	Measured int `json:"measured"`
	Low      []struct {
		Text  string  `json:"text"`
		Tag   string  `json:"tag"`
		Color string  `json:"color"`
		Ratio float64 `json:"ratio"`
	} `json:"low"`
}

// checkContrast fails for every visible text under 4.5:1 (WCAG AA for
// normal text).
func checkContrast(t *testing.T, p *page, view string) {
	t.Helper()
	rep := eval[contrastReport](t, p, contrastJS+`(4.5)`)
	if rep.Measured < 10 {
		t.Fatalf("%s: only %d text elements measured; the check is not looking at the page", view, rep.Measured)
	}
	for _, l := range rep.Low {
		t.Errorf("%s: %s %q in %s has contrast %.2f:1, under 4.5:1", view, l.Tag, l.Text, l.Color, l.Ratio)
	}
	t.Logf("%s: %d text elements at 4.5:1 or more", view, rep.Measured-len(rep.Low))
}

// TestExplorerAccessibility checks that the explorer is usable with the
// keyboard alone (every control is reached with Tab and works from the
// keyboard) and that its text meets WCAG AA contrast, in the views an
// analyst goes through.
func TestExplorerAccessibility(t *testing.T) {
	alloc := startBrowser(t) // first: without a browser the test skips at once
	srv := startServer(t)
	base := newPage(t, alloc, srv.URL)

	t.Run("labels", func(t *testing.T) {
		p := base.fresh(t, "/")
		unlabelled := eval[[]string](t, p, `[...document.querySelectorAll("input, select, textarea")]
			.filter((e) => !(e.labels && e.labels.length) && !e.getAttribute("aria-label")).map((e) => e.id || e.outerHTML)`)
		for _, u := range unlabelled {
			t.Errorf("form control without a label: %s", u)
		}
		if lang := eval[string](t, p, `document.documentElement.lang`); lang == "" {
			t.Error("the page does not say its language")
		}
	})

	t.Run("contrast", func(t *testing.T) {
		p := base.fresh(t, "/")
		checkContrast(t, p, "empty page")
		p.do(t, chromedp.Click(chromedp.ID("pick-a")), chromedp.SendKeys(chromedp.ID("pick-a"), "kouachi"))
		p.wait(t, "suggestions", `document.getElementById("pick-a-list").dataset.q === "kouachi" && document.querySelectorAll("#pick-a-list li").length > 1`)
		checkContrast(t, p, "suggestions")
		p.do(t, chromedp.KeyEvent(kb.Escape))
		p = base.freshPath(t, "/#a=amedy-coulibaly&b=aqap&go=1")
		p.do(t, chromedp.Click(chromedp.CSS("#types-box > summary")), chromedp.Click(chromedp.CSS(".keys > summary")))
		checkContrast(t, p, "path view")
		contested := eval[string](t, p, `(document.querySelector("#edges .contested") || {dataset: {}}).dataset.edge || ""`)
		if contested == "" {
			t.Fatal("no contested link on screen")
		}
		p.do(t, chromedp.Focus(chromedp.CSS(`[data-edge="`+contested+`"]`)), chromedp.KeyEvent(kb.Enter))
		p.wait(t, "the contested panel", `!!document.querySelector("#panel .claims")`)
		p.settle(t)
		checkContrast(t, p, "contested evidence")

		// The check itself must catch low contrast: grey #949494 text on
		// white is 3.0:1.
		grey, white := [3]float64{0x94, 0x94, 0x94}, [3]float64{255, 255, 255}
		rep := eval[contrastReport](t, p, `(() => {
			const probe = document.createElement("p");
			probe.textContent = "contrast probe";
			probe.style.color = "#949494";
			probe.style.background = "#ffffff";
			document.getElementById("panel").appendChild(probe);
			const rep = (`+contrastJS+`)(4.5);
			probe.remove();
			return rep;
		})()`)
		found := false
		for _, l := range rep.Low {
			if l.Text == "contrast probe" {
				found = true
				if want := wcagRatio(grey, white); math.Abs(l.Ratio-want) > 0.02 {
					t.Errorf("the check measures the probe at %.2f:1, want %.2f:1", l.Ratio, want)
				}
			}
		}
		if !found {
			t.Error("the contrast check did not catch grey text on white")
		}
	})

	t.Run("focus is visible", func(t *testing.T) {
		p := base.freshPath(t, "/#a=amedy-coulibaly&b=aqap&go=1")
		type ring struct {
			Color string  `json:"color"`
			Width float64 `json:"width"`
			Ratio float64 `json:"ratio"`
		}
		// The focus indicator must stand out 3:1 from the white around it
		// (WCAG 2.2 non-text contrast).
		measure := contrastRingJS
		tabTo(t, p, `document.activeElement.id === "zoom-in"`)
		if r := eval[ring](t, p, measure+`(document.activeElement, "outline")`); r.Width < 2 || r.Ratio < 3 {
			t.Errorf("focused button: outline %v %vpx, %.2f:1 on white; want at least 2px and 3:1", r.Color, r.Width, r.Ratio)
		}
		node := eval[string](t, p, `document.querySelector("#nodes [data-node]").dataset.node`)
		tabTo(t, p, `document.activeElement.dataset.node === `+jsString(node))
		if r := eval[ring](t, p, measure+`(document.activeElement.querySelector(".shape"), "stroke")`); r.Width < 2 || r.Ratio < 3 {
			t.Errorf("focused actor: stroke %v %vpx, %.2f:1 on white; want at least 2px and 3:1", r.Color, r.Width, r.Ratio)
		}
	})

	t.Run("every control is reached with Tab", func(t *testing.T) {
		p := base.freshPath(t, "/#a=amedy-coulibaly&b=aqap&go=1")
		p.do(t, chromedp.Click(chromedp.CSS("#types-box > summary")), chromedp.Click(chromedp.CSS(".keys > summary")))
		// Mark every control a pointer could use (an element that is only a
		// target for focus set by script, tabindex=-1, is none), then walk
		// the page with Tab from a stop put before everything else.
		total := eval[int](t, p, `(() => {
			const all = [...document.querySelectorAll("a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex='-1']), [role=button], [role=option], [onclick]")]
				.filter((e) => e.getClientRects().length && getComputedStyle(e).visibility === "visible" && !e.disabled);
			all.forEach((e, i) => { e.dataset.a11y = String(i); });
			const start = document.createElement("span");
			start.tabIndex = 0; start.id = "a11y-start";
			document.body.prepend(start);
			start.focus();
			return all.length;
		})()`)
		if total < 20 {
			t.Fatalf("only %d controls found", total)
		}
		seen := map[string]bool{}
		for range total + 40 {
			p.do(t, chromedp.KeyEvent(kb.Tab))
			id := eval[string](t, p, `document.activeElement === document.body ? "body" : (document.activeElement.dataset.a11y || document.activeElement.id || "?")`)
			if id == "a11y-start" || id == "body" {
				break
			}
			seen[id] = true
		}
		missed := eval[[]string](t, p, fmt.Sprintf(`[...document.querySelectorAll("[data-a11y]")].filter((e) => !%s.includes(e.dataset.a11y))
			.map((e) => e.tagName + (e.id ? "#" + e.id : "") + " " + (e.getAttribute("aria-label") || e.textContent).trim().slice(0, 40))`, jsonKeys(seen)))
		for _, m := range missed {
			t.Errorf("not reachable with Tab: %s", m)
		}
		t.Logf("%d of %d controls reached with Tab", total-len(missed), total)
	})

	t.Run("every actor and link opens with Enter", func(t *testing.T) {
		p := base.freshPath(t, "/#a=amedy-coulibaly&b=aqap&go=1")
		type target struct {
			Kind string `json:"kind"`
			ID   string `json:"id"`
			Name string `json:"name"`
		}
		targets := eval[[]target](t, p, `[
			...[...document.querySelectorAll("#nodes [data-node]")].map((g) => ({ kind: "node", id: g.dataset.node, name: g.querySelector("title").textContent.replace(/ \([a-z]+\)$/, "") })),
			...[...document.querySelectorAll("#edges [data-edge]")].map((g) => ({ kind: "edge", id: g.dataset.edge, name: "" })),
		]`)
		if len(targets) < 5 {
			t.Fatalf("only %d actors and links on screen", len(targets))
		}
		for _, tg := range targets {
			sel := fmt.Sprintf(`[data-%s=%s]`, tg.Kind, jsString(tg.ID))
			p.do(t, chromedp.Focus(chromedp.CSS(sel)), chromedp.KeyEvent(kb.Enter))
			if tg.Kind == "node" {
				p.wait(t, "the details of "+tg.ID, `(document.querySelector("#panel h2") || {}).firstChild && document.querySelector("#panel h2").firstChild.textContent === `+jsString(tg.Name))
			} else {
				r := srv.relation(t, tg.ID)
				p.wait(t, "the evidence of "+tg.ID, fmt.Sprintf(`document.querySelectorAll("#panel > .evidence").length === %d && location.hash.includes(%s)`, len(r.Evidence), jsString("sel=e%3A"+tg.ID)))
			}
			p.settle(t)
		}
	})

	t.Run("controls work from the keyboard", func(t *testing.T) {
		p := base.fresh(t, "/")
		tests := []struct {
			name, focus, keys, before, after string
		}{
			{"an example starts a search with Enter", `[data-example*="amedy-coulibaly"]`, kb.Enter, ``,
				pathDrawn + ` && document.body.dataset.pending === "0"`},
			{"Enter opens the relation types", `#types-box > summary`, kb.Enter, ``, `document.getElementById("types-box").open`},
			{"Space unticks a relation type", `#types input`, " ", ``, `!document.querySelector("#types input").checked && location.hash.includes("types=")`},
			{"the All button ticks them again", `#types-all`, kb.Enter, ``, `[...document.querySelectorAll("#types input")].every((b) => b.checked)`},
			{"Enter on + zooms in", `#zoom-in`, kb.Enter, `window.z0 = document.getElementById("viewport").getAttribute("transform")`,
				`document.getElementById("viewport").getAttribute("transform") !== window.z0`},
			{"Enter picks another path", `#paths li:nth-child(2) button`, kb.Enter, ``,
				`document.querySelector("#paths li:nth-child(2)").classList.contains("active") && location.hash.includes("p=1")`},
			{"arrows move the date slider", `#asof`, kb.ArrowLeft + kb.ArrowLeft, ``, `document.getElementById("asof-out").textContent !== "any date"`},
			{"End lifts the date filter", `#asof`, kb.End, ``, `document.getElementById("asof-out").textContent === "any date"`},
			{"Space excludes contested claims", `#contested`, " ", `window.c0 = document.querySelectorAll("#edges .contested").length`,
				`window.c0 > 0 && !document.getElementById("contested").checked && document.querySelectorAll("#edges .contested").length === 0`},
			{"Space includes them again", `#contested`, " ", ``, `document.querySelectorAll("#edges .contested").length > 0`},
			{"Enter connects again", `#connect`, kb.Enter, `document.getElementById("status").textContent = ""`,
				`/path/.test(document.getElementById("status").textContent) && document.body.dataset.pending === "0"`},
			{"E on an actor adds its neighbours", `#nodes [data-node]`, "e", `window.n0 = +document.getElementById("chart").dataset.nodes`,
				`+document.getElementById("chart").dataset.nodes > window.n0 && document.body.dataset.pending === "0"`},
			{"D jumps to the details, Esc back to the chart", `#nodes [data-node]`, kb.Enter, ``, `!!document.querySelector("#panel h2") && document.body.dataset.pending === "0"`},
			{"Enter on Copy link shows the link", `#copy-link`, kb.Enter, ``, `!document.getElementById("link-box").hidden && document.getElementById("link").value === location.href`},
			{"Enter on Clear empties the chart", `#clear`, kb.Enter, ``, `document.getElementById("chart").dataset.nodes === "0" && !document.getElementById("welcome").hidden`},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				if tc.before != "" {
					eval[any](t, p, tc.before)
				}
				p.do(t, chromedp.Focus(chromedp.CSS(tc.focus)), chromedp.KeyEvent(tc.keys))
				p.wait(t, tc.name, tc.after)
				if strings.HasPrefix(tc.name, "D jumps") {
					p.do(t, chromedp.Focus(chromedp.CSS(tc.focus)), chromedp.KeyEvent("d"))
					p.wait(t, "focus on the details", `document.activeElement === document.querySelector("#panel h2")`)
					p.do(t, chromedp.KeyEvent(kb.Escape))
					p.wait(t, "focus back on the actor", `!!document.activeElement.closest("#chart [data-node]")`)
				}
			})
		}
	})
}

// contrastRingJS returns the colour and width of an element's outline or
// stroke and its contrast against white.
const contrastRingJS = `((el, what) => {
	const cs = getComputedStyle(el);
	const color = what === "outline" ? cs.outlineColor : cs.stroke;
	const width = parseFloat(what === "outline" ? (cs.outlineStyle === "none" ? "0" : cs.outlineWidth) : cs.strokeWidth);
	const m = /rgba?\(([^)]+)\)/.exec(color) || ["", "255,255,255"];
	const [r, g, b] = m[1].split(/[\s,]+/).map(Number);
	const f = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
	const l = 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
	return { color, width, ratio: 1.05 / (l + 0.05) };
})`

// jsonKeys renders the keys of m as a JavaScript array literal.
func jsonKeys(m map[string]bool) string {
	var b strings.Builder
	b.WriteString("[")
	for k := range m {
		b.WriteString(jsString(k) + ",")
	}
	b.WriteString("]")
	return b.String()
}

// wcagRatio is the contrast ratio of two sRGB colours, computed in Go to
// keep contrastJS honest.
func wcagRatio(a, b [3]float64) float64 {
	lum := func(c [3]float64) float64 {
		f := func(v float64) float64 {
			v /= 255
			if v <= 0.04045 {
				return v / 12.92
			}
			return math.Pow((v+0.055)/1.055, 2.4)
		}
		return 0.2126*f(c[0]) + 0.7152*f(c[1]) + 0.0722*f(c[2])
	}
	x, y := lum(a), lum(b)
	return (math.Max(x, y) + 0.05) / (math.Min(x, y) + 0.05)
}
