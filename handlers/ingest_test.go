package handlers

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/analyst"
	"github.com/actorgraph/actorgraph/graph"
)

// ingestArticle is an article about the fixture's actors.
const ingestArticle = "Amedy Coulibaly met Chérif Kouachi in prison in 2005, the police said. " +
	"AQAP trained Cherif Kouachi in Yemen in 2011. Fatima Zohra, a Belgian recruiter, said nothing."

func ingestBody(t *testing.T, edit func(m map[string]any)) string {
	t.Helper()
	m := map[string]any{"title": "Prison friends", "publisher": "The Example", "published": "2016-01-05",
		"reliability": "B", "credibility": 2, "text": ingestArticle}
	if edit != nil {
		edit(m)
	}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func decode[T any](t *testing.T, rec interface{ Body() []byte }) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(rec.Body(), &v); err != nil {
		t.Fatalf("decoding %s: %v", rec.Body(), err)
	}
	return v
}

type recBody struct{ b []byte }

func (r recBody) Body() []byte { return r.b }

func TestIngestRoutes(t *testing.T) {
	h := newRouter(t, openStore(t), Options{APIKeys: writeOnly, MaxBodyBytes: 64 << 10})

	// Writes need the write key.
	rec := do(h, call{method: "POST", target: "/v1/sources", body: ingestBody(t, nil)})
	wantProblem(t, rec, http.StatusUnauthorized, graph.EUNAUTHORIZED)

	rec = do(h, call{method: "POST", target: "/v1/sources", body: ingestBody(t, nil), key: writeKey})
	if rec.Code != http.StatusCreated {
		t.Fatalf("POST /v1/sources: %d %s", rec.Code, rec.Body)
	}
	in := decode[analyst.Ingested](t, recBody{rec.Body.Bytes()})
	id := in.Source.ID
	if id != "the-example-2016-01-05-prison-friends" || rec.Header().Get("Location") != "/v1/sources/"+id {
		t.Errorf("created source %q at %q", id, rec.Header().Get("Location"))
	}
	if in.Source.TextLength != utf8.RuneCountInString(ingestArticle) || in.Counts.Relations == 0 {
		t.Errorf("ingested: %+v", in.Counts)
	}
	rec = do(h, call{target: "/v1/sources/" + id + "/text"})
	if rec.Code != 200 || rec.Body.String() != ingestArticle || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/plain") {
		t.Errorf("GET text: %d %q %q", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
	}
	wantProblem(t, do(h, call{target: "/v1/sources/src-news/text"}), http.StatusNotFound, graph.ENOTFOUND)
	wantProblem(t, do(h, call{target: "/v1/sources/" + id + "/text?x=1"}), http.StatusBadRequest, graph.EINVALID)

	// text/plain with query parameters, and its failures.
	q := url.Values{"title": {"Plain"}, "publisher": {"The Example"}, "published": {"2016-02"}, "reliability": {"c"}}
	rec = do(h, call{method: "POST", target: "/v1/sources?" + q.Encode(), key: writeKey,
		header: map[string]string{"Content-Type": "text/plain; charset=utf-8"}, body: "Saïd Kouachi trained in Yemen in 2011, officials said."})
	if rec.Code != http.StatusCreated {
		t.Fatalf("POST text/plain: %d %s", rec.Code, rec.Body)
	}
	q.Set("publishd", "2016")
	rec = do(h, call{method: "POST", target: "/v1/sources?" + q.Encode(), key: writeKey,
		header: map[string]string{"Content-Type": "text/plain"}, body: "Text."})
	wantProblem(t, rec, http.StatusBadRequest, graph.EINVALID)
	if !strings.Contains(rec.Body.String(), "published") {
		t.Errorf("a misspelt parameter: %s", rec.Body)
	}
	for _, c := range []struct {
		name, ct, body string
		status         int
		code           string
	}{
		{"empty text", "application/json", ingestBody(t, func(m map[string]any) { m["text"] = "" }), 400, graph.EINVALID},
		{"binary text/plain", "text/plain", "\x00\x01\x02PK\x03\x04", 400, graph.EINVALID},
		{"latin-1", "text/plain; charset=iso-8859-1", "caf\xe9", 400, graph.EINVALID},
		{"invalid UTF-8", "text/plain", "caf\xe9 au lait", 400, graph.EINVALID},
		{"over the body limit", "text/plain", strings.Repeat("Words and more words. ", 4000), 413, graph.ETOOLARGE},
		{"another content type", "application/xml", "<a/>", 415, graph.EINVALID}, // issue 13: 415 for a body of the wrong type
		{"unknown field", "application/json", ingestBody(t, func(m map[string]any) { m["publsher"] = "x" }), 400, graph.EINVALID},
		{"missing fields", "application/json", `{"text": "Some text."}`, 400, graph.EINVALID},
		{"id taken", "application/json", ingestBody(t, func(m map[string]any) { m["id"] = id }), 409, graph.ECONFLICT},
	} {
		target := "/v1/sources"
		if strings.HasPrefix(c.ct, "text/plain") {
			target += "?" + url.Values{"title": {"T"}, "publisher": {"P"}, "published": {"2016"}, "reliability": {"B"}}.Encode()
		}
		rec := do(h, call{method: "POST", target: target, key: writeKey, body: c.body, header: map[string]string{"Content-Type": c.ct}})
		if rec.Code != c.status {
			t.Errorf("%s: %d %s, want %d", c.name, rec.Code, rec.Body, c.status)
			continue
		}
		wantProblem(t, rec, c.status, c.code)
	}
	var list struct{ Sources []graph.Source }
	if err := json.Unmarshal(do(h, call{target: "/v1/sources"}).Body.Bytes(), &list); err != nil || len(list.Sources) != 4 {
		t.Errorf("sources after the failures: %d, %v; want 4 (nothing half-written)", len(list.Sources), err)
	}

	// Lists.
	rec = do(h, call{target: "/v1/proposals?source=" + id + "&kind=relation&status=pending"})
	page := decode[graph.ProposalPage](t, recBody{rec.Body.Bytes()})
	if rec.Code != 200 || page.Total == 0 || page.Total != len(page.Proposals) {
		t.Fatalf("GET /v1/proposals: %d %+v", rec.Code, page)
	}
	rec = do(h, call{target: "/v1/sources/" + id + "/proposals?limit=1&offset=1"})
	if p := decode[graph.ProposalPage](t, recBody{rec.Body.Bytes()}); rec.Code != 200 || len(p.Proposals) != 1 || p.Total != len(in.Proposals) {
		t.Errorf("GET source proposals page: %d %+v", rec.Code, p)
	}
	for _, target := range []string{"/v1/proposals?status=maybe", "/v1/proposals?kind=x", "/v1/proposals?limit=0", "/v1/proposals?limit=5000", "/v1/proposals?sorce=x", "/v1/audit?since=yesterday", "/v1/audit?after=-1"} {
		wantProblem(t, do(h, call{target: target}), http.StatusBadRequest, graph.EINVALID)
	}
	wantProblem(t, do(h, call{target: "/v1/sources/no-such/proposals"}), http.StatusNotFound, graph.ENOTFOUND)
	wantProblem(t, do(h, call{target: "/v1/proposals/no-such"}), http.StatusNotFound, graph.ENOTFOUND)

	// Accept: the relation AQAP trained Chérif Kouachi is evidence on the
	// stored relation; a bad edit is refused.
	var trained graph.Proposal
	for _, p := range page.Proposals {
		if p.Relation.Type == "TRAINED_BY" && p.Relation.To.ID == "aqap" {
			trained = p
		}
	}
	if trained.ID == "" {
		t.Fatalf("no TRAINED_BY proposal among %+v", page.Proposals)
	}
	rec = do(h, call{method: "POST", target: "/v1/proposals/" + trained.ID + "/accept", key: writeKey, body: `{"type": "NO_SUCH"}`})
	wantProblem(t, rec, http.StatusBadRequest, graph.EINVALID)
	rec = do(h, call{method: "POST", target: "/v1/proposals/" + trained.ID + "/accept", key: writeKey, body: `{"tpye": "MET"}`})
	wantProblem(t, rec, http.StatusBadRequest, graph.EINVALID)
	rec = do(h, call{method: "POST", target: "/v1/proposals/" + trained.ID + "/accept", key: writeKey})
	if rec.Code != 200 {
		t.Fatalf("accept: %d %s", rec.Code, rec.Body)
	}
	res := decode[graph.ReviewResult](t, recBody{rec.Body.Bytes()})
	if !res.Merged || res.Relation == nil || res.Relation.ID != "cherif-kouachi--trained-by--aqap" || res.Record.By != "writer" {
		t.Errorf("accept = merged %v, %+v, by %q", res.Merged, res.Relation, res.Record.By)
	}
	rec = do(h, call{method: "POST", target: "/v1/proposals/" + trained.ID + "/accept", key: writeKey})
	wantProblem(t, rec, http.StatusConflict, graph.ECONFLICT)

	// Reject needs a reason.
	var other graph.Proposal
	for _, p := range in.Proposals {
		if p.Kind == graph.ProposalMention {
			other = p
			break
		}
	}
	wantProblem(t, do(h, call{method: "POST", target: "/v1/proposals/" + other.ID + "/reject", key: writeKey, body: `{}`}), 400, graph.EINVALID)
	wantProblem(t, do(h, call{method: "POST", target: "/v1/proposals/" + other.ID + "/reject", key: writeKey}), 400, graph.EINVALID)
	rec = do(h, call{method: "POST", target: "/v1/proposals/" + other.ID + "/reject", key: writeKey, body: `{"reason": "not the same man"}`})
	if rec.Code != 200 {
		t.Fatalf("reject: %d %s", rec.Code, rec.Body)
	}
	rec = do(h, call{target: "/v1/proposals/" + other.ID})
	if p := decode[graph.Proposal](t, recBody{rec.Body.Bytes()}); p.Status != graph.Rejected || p.Decision == nil || p.Decision.Reason != "not the same man" || p.Decision.By != "writer" {
		t.Errorf("the rejected proposal: %+v", p)
	}

	// Extract again.
	rec = do(h, call{method: "POST", target: "/v1/sources/" + id + "/extract", key: writeKey})
	if rec.Code != 200 {
		t.Fatalf("extract: %d %s", rec.Code, rec.Body)
	}
	if again := decode[analyst.Ingested](t, recBody{rec.Body.Bytes()}); again.Replaced == nil || again.Replaced.Decided != 2 {
		t.Errorf("extract again: %+v", again.Replaced)
	}
	wantProblem(t, do(h, call{method: "POST", target: "/v1/sources/src-news/extract", key: writeKey}), 400, graph.EINVALID)

	// The audit log, and its pages.
	rec = do(h, call{target: "/v1/audit"})
	var log struct {
		Records []graph.AuditRecord
		Next    *int64
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &log); err != nil || rec.Code != 200 || len(log.Records) != 5 || log.Next != nil {
		t.Fatalf("GET /v1/audit: %d %s", rec.Code, rec.Body)
	}
	for i, want := range []string{"source.create", "source.create", "proposal.accept", "proposal.reject", "source.extract"} {
		if r := log.Records[i]; r.Action != want || r.By != "writer" || r.Seq != int64(i+1) {
			t.Errorf("audit[%d] = %s by %s seq %d, want %s by writer", i, r.Action, r.By, r.Seq, want)
		}
	}
	rec = do(h, call{target: "/v1/audit?limit=2&after=2"})
	if err := json.Unmarshal(rec.Body.Bytes(), &log); err != nil || len(log.Records) != 2 || log.Records[0].Seq != 3 || log.Next == nil || *log.Next != 4 {
		t.Errorf("GET /v1/audit?limit=2&after=2: %s", rec.Body)
	}
	rec = do(h, call{target: "/v1/audit?since=2030-01-01"})
	if err := json.Unmarshal(rec.Body.Bytes(), &log); err != nil || len(log.Records) != 0 {
		t.Errorf("GET /v1/audit?since=2030-01-01: %s", rec.Body)
	}
	// The audit log cannot be edited through the API: the path answers
	// GET and HEAD only (405 with Allow, issue 13).
	for _, m := range []string{"POST", "PUT", "PATCH", "DELETE"} {
		if rec := do(h, call{method: m, target: "/v1/audit", key: writeKey, body: `{}`}); rec.Code != http.StatusMethodNotAllowed || rec.Header().Get("Allow") != "GET, HEAD" {
			t.Errorf("%s /v1/audit: %d (Allow %q), want 405 (GET, HEAD)", m, rec.Code, rec.Header().Get("Allow"))
		}
	}
}

// wantProblem checks a problem answer's status and code.
func wantProblem(t *testing.T, rec interface {
	Result() *http.Response
}, status int, code string) {
	t.Helper()
	resp := rec.Result()
	var p Problem
	if err := json.NewDecoder(resp.Body).Decode(&p); err != nil {
		t.Errorf("not a problem (%d): %v", resp.StatusCode, err)
		return
	}
	if resp.StatusCode != status || p.Code != code || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/problem+json") || p.Detail == "" {
		t.Errorf("answer %d %q %q (%s), want %d %q", resp.StatusCode, p.Code, resp.Header.Get("Content-Type"), p.Detail, status, code)
	}
}
