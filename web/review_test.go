package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/actorgraph/actorgraph/analyst"
	"github.com/actorgraph/actorgraph/apikey"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/embedded"
	"github.com/actorgraph/actorgraph/handlers"
	"github.com/actorgraph/actorgraph/seeds"
	"github.com/actorgraph/actorgraph/web"
)

// reviewKey is the write key of the review tests' server; its name,
// "reviewer", is what the audit log records.
const reviewKey = "ag_review_test_key"

// startReviewServer is startServer with a write key configured.
func startReviewServer(t *testing.T) *testServer {
	t.Helper()
	st, err := embedded.Open(context.Background(), embedded.Options{Dir: t.TempDir(), Seed: seeds.Bundle})
	if err != nil {
		t.Fatalf("opening the embedded store: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	h := handlers.New(handlers.Deps{Service: analyst.New(analyst.Deps{Store: st}), Options: handlers.Options{
		UI: web.Handler(), APIKeys: []apikey.Key{{Name: "reviewer", Hash: apikey.Hash(reviewKey), Roles: []string{"write"}}}}})
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return &testServer{URL: ts.URL}
}

// reviewArticle names seed actors with the spellings of issue 14, a new
// person and a new country.
const reviewArticle = "Investigators said on Tuesday that Hayat Boumeddine travelled to Syria in January 2015, days before the attacks.\n\n" +
	"According to the prosecutor, Karim Benyahia, a Belgian recruiter, trained Amedy Coulibaly in Brussels in 2013. 😐"

// reviewReady holds once the review page has loaded and settled.
const reviewReady = `document.body.dataset.ready === "true" && document.body.dataset.pending === "0"`

// cardOf is the JavaScript for the card of the first proposal whose
// headline contains text.
func cardOf(text string) string {
	return fmt.Sprintf(`[...document.querySelectorAll("#proposals > li")].find((li) => (li.querySelector(".card-head") || {}).textContent?.includes(%s))`, jsString(text))
}

// TestReviewPage posts an article through the review page, reads it with
// its highlights, accepts a new actor, accepts a relation with edits (a
// grading, and a quote chosen by selecting words of the article), rejects
// a proposal with a reason, and follows the accepted relation to the
// explorer, which draws it.
func TestReviewPage(t *testing.T) {
	srv := startReviewServer(t)
	browser := startBrowser(t)
	p := newPage(t, browser, srv.URL)
	p.do(t, chromedp.Navigate(srv.URL+"/review.html"))
	p.wait(t, "the review page", reviewReady)

	// Without a key, posting fails with a message that says what to do.
	fill := func(sel, value string) {
		t.Helper()
		eval[bool](t, p, fmt.Sprintf(`(() => { const e = document.querySelector(%s); e.value = %s; e.dispatchEvent(new Event("change")); return true; })()`, jsString(sel), jsString(value)))
	}
	fill("#ns-title", "New details emerge on the Paris network")
	fill("#ns-publisher", "The Daily Example")
	fill("#ns-published", "2016-03-01")
	fill("#ns-credibility", "2")
	fill("#ns-text", reviewArticle)
	p.do(t, chromedp.Click(chromedp.CSS(`#new-source button[type=submit]`)))
	p.wait(t, "the refusal", `document.querySelector("#status").classList.contains("error") && document.querySelector("#status").textContent.includes("key")`)
	p.takeOffsite() // the 401 is logged by the browser as an error; expected here

	fill("#key", reviewKey)
	p.wait(t, "the key", reviewReady)
	p.do(t, chromedp.Click(chromedp.CSS(`#new-source button[type=submit]`)))
	p.wait(t, "the new article", `document.querySelector("#article-title").textContent === "New details emerge on the Paris network" && document.querySelectorAll("#proposals > li.card").length > 0 && `+reviewReady)

	// The proposals shown are the API's, and the article highlights them:
	// the transliterated and misspelt names are mentions of seed actors.
	var page graph.ProposalPage
	source := eval[string](t, p, `new URLSearchParams(location.hash.slice(1)).get("source")`)
	getJSON(t, srv.URL+"/v1/sources/"+url.PathEscape(source)+"/proposals?status=pending", &page)
	if n := eval[int](t, p, `document.querySelectorAll("#proposals > li.card").length`); n != page.Total || n == 0 {
		t.Fatalf("the page shows %d proposals, the API has %d pending", n, page.Total)
	}
	marked := eval[[]string](t, p, `[...document.querySelectorAll("#article mark.hl-mention")].map((m) => m.textContent)`)
	for _, want := range []string{"Hayat Boumeddine", "Syria", "Amedy Coulibaly"} {
		if !contains(marked, want) {
			t.Errorf("the article does not mark %q as a mention: %q", want, marked)
		}
	}
	if text := eval[string](t, p, `document.querySelector("#article").textContent`); text != reviewArticle {
		t.Errorf("the article reads %q, want the text as stored", text)
	}
	if got := eval[[]string](t, p, `[...document.querySelectorAll("#article mark.hl-actor")].map((m) => m.textContent)`); !contains(got, "Karim Benyahia") {
		t.Errorf("the new actor is not marked: %q", got)
	}

	p.screenshot(t, "review")

	// Accept the new person: the relation to him then names him.
	p.do(t, chromedp.Click(chromedp.JSPath(cardOf("New person: Karim Benyahia")+`.querySelector("button.accept")`)))
	p.wait(t, "the actor accepted", cardOf("Amedy Coulibaly —TRAINED_BY→ Karim Benyahia (2013)")+` !== undefined && `+reviewReady)

	// Accept TRAINED_BY with edits: credibility 3 and a quote narrowed to
	// the words selected in the article.
	train := cardOf("Amedy Coulibaly —TRAINED_BY→ Karim Benyahia")
	p.do(t, chromedp.Click(chromedp.JSPath(train+`.querySelector("button.edit")`)))
	eval[bool](t, p, `(() => { const f = `+train+`.querySelector("form.edit-form"); f.elements.namedItem("credibility").value = "3"; return true; })()`)
	quote := "Karim Benyahia, a Belgian recruiter, trained Amedy Coulibaly in Brussels in 2013."
	eval[bool](t, p, fmt.Sprintf(`(() => {
		const box = document.querySelector("#article"), want = %s;
		const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
		let all = "", nodes = [];
		for (let n = walker.nextNode(); n; n = walker.nextNode()) { nodes.push([n, all.length]); all += n.textContent; }
		const at = all.indexOf(want), end = at + want.length;
		const find = (o) => { for (let i = nodes.length - 1; i >= 0; i--) if (nodes[i][1] <= o) return [nodes[i][0], o - nodes[i][1]]; };
		const [sn, so] = find(at), [en, eo] = find(end);
		const r = document.createRange(); r.setStart(sn, so); r.setEnd(en, eo);
		const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(r);
		return true;
	})()`, jsString(quote)))
	p.do(t, chromedp.Click(chromedp.JSPath(train+`.querySelector("button.use-selection")`)))
	if shown := eval[string](t, p, train+`.querySelector(".chosen-quote").textContent`); shown != "Quote: "+quote {
		t.Errorf("the chosen quote reads %q", shown)
	}
	p.do(t, chromedp.Click(chromedp.JSPath(train+`.querySelector("form.edit-form button[type=submit]")`)))
	p.wait(t, "the relation accepted", `document.querySelector("#status").textContent.startsWith("Accepted: new relation amedy-coulibaly--trained-by--karim-benyahia") && `+reviewReady)
	rel := srv.relation(t, "amedy-coulibaly--trained-by--karim-benyahia")
	if len(rel.Evidence) != 1 || rel.Evidence[0].Quote != quote || rel.Evidence[0].Credibility != 3 || rel.Evidence[0].Reliability != "B" || rel.Evidence[0].Claimant != "the prosecutor" {
		t.Errorf("the accepted relation's evidence: %+v", rel.Evidence)
	}

	// Reject the new country, with a reason; the API records it.
	country := cardOf("New place: Belgium")
	p.do(t, chromedp.Click(chromedp.JSPath(country+`.querySelector("button.reject")`)))
	eval[bool](t, p, `(() => { const f = `+country+`.querySelector("form.reject-form"); f.elements.namedItem("reason").value = "a nationality, not a place of the story"; return true; })()`)
	p.do(t, chromedp.Click(chromedp.JSPath(country+`.querySelector("form.reject-form button[type=submit]")`)))
	p.wait(t, "the rejection", `document.querySelector("#status").textContent === "Rejected." && `+reviewReady)
	var decided graph.ProposalPage
	getJSON(t, srv.URL+"/v1/sources/"+url.PathEscape(source)+"/proposals?status=rejected", &decided)
	if len(decided.Proposals) != 1 || decided.Proposals[0].Decision.Reason != "a nationality, not a place of the story" || decided.Proposals[0].Decision.By != "reviewer" {
		t.Errorf("rejected proposals: %+v", decided.Proposals)
	}

	// Accepted proposals are listed with their decision and a way to the
	// explorer, which draws the new relation.
	fill("#show", "accepted")
	p.wait(t, "the accepted list", `document.querySelectorAll("#proposals > li.status-accepted").length === 2 && `+reviewReady)
	link := eval[string](t, p, cardOf("TRAINED_BY")+`.querySelector("a").getAttribute("href")`)
	if !strings.Contains(link, "a=amedy-coulibaly") || !strings.Contains(link, "b=karim-benyahia") {
		t.Fatalf("the explorer link %q", link)
	}
	q := p.freshPath(t, strings.TrimPrefix(link, "."))
	if got := eval[[]string](t, q, `[...document.querySelectorAll("#edges .onpath")].map((e) => e.dataset.id || e.id)`); len(got) == 0 {
		t.Errorf("the explorer draws no path for %s", link)
	}

	// The audit log names the key and every decision.
	var audit struct{ Records []graph.AuditRecord }
	getJSON(t, srv.URL+"/v1/audit", &audit)
	var actions []string
	for _, r := range audit.Records {
		actions = append(actions, r.By+" "+r.Action)
	}
	if strings.Join(actions, ",") != "reviewer source.create,reviewer proposal.accept,reviewer proposal.accept,reviewer proposal.reject" {
		t.Errorf("audit: %v", actions)
	}
	checkContrast(t, p, "review")
}

func getJSON(t *testing.T, u string, v any) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %s %s", u, resp.Status, b)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}
