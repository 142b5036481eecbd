package handlers

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"syscall"
	"testing"
)

// The regression tests of issue 13's hardening section, one per defect
// (the others live next to what they test: the query string in
// params_test.go, the export snapshot in graph/graphtest, the lock hold
// times in bench/).

// TestImportErrors is defect 4: decoding problems in Go's words, one
// undecodable entry hiding every other problem, null, {} and a bundle
// without its format imported as nothing.
func TestImportErrors(t *testing.T) {
	h := newRouter(t, openStore(t), Options{APIKeys: writeOnly})
	tests := []struct {
		name, body string
		want       []string // problems, as "entry.field: message" substrings, in order
	}{
		{"null", `null`, []string{"bundle: a bundle must be a JSON object {\"format\": \"actorgraph-bundle/1\", \"sources\": [...], \"actors\": [...], \"relations\": [...]}, not null"}},
		{"empty object", `{}`, []string{`bundle.format: is required: "actorgraph-bundle/1"`}},
		{"no format", `{"actors":[{"id":"x-y","kind":"person","name":"X Y"}]}`, []string{`bundle.format: is required`}},
		{"list", `[{"format":"actorgraph-bundle/1"}]`, []string{"must be a JSON object {\"format\": \"actorgraph-bundle/1\", \"sources\": [...], \"actors\": [...], \"relations\": [...]}, not a list"}},
		{"entry of the wrong shape", `{"format":"actorgraph-bundle/1","actors":[{"id":"x-y","kind":"person","name":"X Y","aliases":"XY"}]}`,
			[]string{`actors[0] "x-y".aliases: must be a list of strings, not a string`}},
		{"every problem, not only the undecodable entry's", `{"format":"actorgraph-bundle/1",
			"actors":[[1], {"id":"ok-actor","kind":"person","name":"OK"}, {"id":"bad-kind","kind":"group","name":"B"}],
			"relations":[{"id":"ok-actor--met--nobody","type":"MET","from":"ok-actor","to":"nobody","evidence":[{"source":"src-news","quote":"q","claimant":"c","reliability":"B","credibility":"2"}]},
			             {"id":"ok-actor--met--aqap","type":"MET","from":"ok-actor","to":"aqap","evidence":[{"source":"src-news","quote":"q","claimant":"c","reliability":"B","credibility":2}]}]}`,
			[]string{
				"actors[0]: must be an object, not a list",
				`relations[0] "ok-actor--met--nobody".evidence.credibility: must be a whole number, not a string`,
				`actors[2] "bad-kind".kind: must be person, organization, event or place`,
				`relations[1] "ok-actor--met--aqap".type: MET goes`,
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := do(h, call{method: "POST", target: "/v1/import", key: writeKey, body: tt.body})
			if rec.Code != 400 {
				t.Fatalf("status %d, want 400: %s", rec.Code, rec.Body)
			}
			p := problemOfBody(t, rec)
			var got []string
			for _, pr := range p.Problems {
				got = append(got, pr.String())
			}
			if len(got) != len(tt.want) {
				t.Fatalf("problems %q; want %d: %q", got, len(tt.want), tt.want)
			}
			for i, w := range tt.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("problem %d = %q; want %q", i, got[i], w)
				}
			}
			if strings.Contains(rec.Body.String(), "Go value") || strings.Contains(rec.Body.String(), "unmarshal") {
				t.Errorf("the answer speaks Go: %s", rec.Body)
			}
		})
	}
	// Nothing was imported.
	if rec := do(h, call{target: "/v1/actors/ok-actor"}); rec.Code != 404 {
		t.Errorf("an invalid import wrote ok-actor: %d", rec.Code)
	}
}

// TestBodyErrors is defect 4's PATCH with body null, and the other bodies
// that are not what an endpoint takes.
func TestBodyErrors(t *testing.T) {
	h := newRouter(t, openStore(t), Options{APIKeys: writeOnly})
	tests := []struct {
		method, target, body, detail string
	}{
		{"PATCH", "/v1/actors/aqap", `null`, "must be a JSON object, not null"},
		{"PATCH", "/v1/actors/aqap", `{}`, "names no field to change; give at least one of name, aliases, description, start, end"},
		{"PATCH", "/v1/actors/aqap", `{"name":null}`, "field name is null"},
		{"PATCH", "/v1/actors/aqap", `{"aliases":"AQAP"}`, "field aliases must be a list of strings, not a string"},
		{"PATCH", "/v1/relations/cherif-kouachi--trained-by--aqap", `null`, "must be a JSON object, not null"},
		{"PATCH", "/v1/relations/cherif-kouachi--trained-by--aqap", `{}`, "give at least one of role, valid_from, valid_to, contested"},
		{"PATCH", "/v1/relations/cherif-kouachi--trained-by--aqap", `{"contested":"yes"}`, "field contested must be true or false, not a string"},
		{"POST", "/v1/actors", `[]`, "must be a JSON object, not a list"},
		{"POST", "/v1/actors", `"x"`, "must be a JSON object, not a string"},
		{"POST", "/v1/actors", `{"id":"x"} {"id":"y"}`, "unexpected data after the JSON body"},
		{"POST", "/v1/actors", `{"id":5}`, "field id must be a string, not a number"},
		{"POST", "/v1/relations/cherif-kouachi--trained-by--aqap/evidence", `{"credibility":2.5}`, "field credibility must be a whole number, not 2.5"},
		{"POST", "/v1/subgraph", `null`, "must be a JSON object, not null"},
		{"POST", "/v1/subgraph", `{"seeds":"aqap"}`, "field seeds must be a list of strings, not a string"},
	}
	for _, tt := range tests {
		rec := do(h, call{method: tt.method, target: tt.target, key: writeKey, body: tt.body})
		if rec.Code != 400 {
			t.Errorf("%s %s %s: status %d, want 400: %s", tt.method, tt.target, tt.body, rec.Code, rec.Body)
			continue
		}
		if p := problemOfBody(t, rec); p.Code != "invalid_argument" || !strings.Contains(p.Detail, tt.detail) {
			t.Errorf("%s %s %s: %s %q; want %q", tt.method, tt.target, tt.body, p.Code, p.Detail, tt.detail)
		}
		if strings.Contains(rec.Body.String(), "Go ") {
			t.Errorf("%s %s %s: the answer speaks Go: %s", tt.method, tt.target, tt.body, rec.Body)
		}
	}
	// The actor is as it was.
	if rec := do(h, call{target: "/v1/actors/aqap"}); !strings.Contains(rec.Body.String(), `"name":"Al-Qaeda in the Arabian Peninsula"`) {
		t.Errorf("aqap changed: %s", rec.Body)
	}
}

// TestJSONContentType is defect 9: a web page can make a browser POST
// /v1/subgraph as text/plain without a CORS preflight. Every body must be
// JSON, and says so (415, problem+json), before anything is done.
func TestJSONContentType(t *testing.T) {
	h := newRouter(t, openStore(t), Options{APIKeys: writeOnly, CORSOrigins: []string{"https://viz.example"}})
	bodies := []struct{ method, target, body string }{
		{"POST", "/v1/subgraph", `{"seeds":["aqap"]}`},
		{"POST", "/v1/actors", `{"id":"x-y","kind":"person","name":"X Y"}`},
		{"PATCH", "/v1/actors/aqap", `{"description":"changed"}`},
		{"POST", "/v1/relations", `{"type":"MET","from":"aqap","to":"yemen","evidence":[]}`},
		{"PATCH", "/v1/relations/cherif-kouachi--trained-by--aqap", `{"role":"x"}`},
		{"POST", "/v1/relations/cherif-kouachi--trained-by--aqap/evidence", `{"source":"src-news"}`},
		{"POST", "/v1/import", `{"format":"actorgraph-bundle/1","actors":[{"id":"x-y","kind":"person","name":"X Y"}]}`},
	}
	for _, b := range bodies {
		for _, ct := range []string{"text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "", "application/json; charset=latin1", "json"} {
			rec := do(h, call{method: b.method, target: b.target, key: writeKey, body: b.body,
				header: map[string]string{"Content-Type": ct, "Origin": "https://evil.example"}})
			if rec.Code != 415 {
				t.Errorf("%s %s as %q: status %d, want 415: %s", b.method, b.target, ct, rec.Code, rec.Body)
				continue
			}
			p := problemOfBody(t, rec)
			if p.Code != "invalid_argument" || !strings.Contains(p.Detail, "Content-Type: application/json") {
				t.Errorf("%s %s as %q: problem %s %q", b.method, b.target, ct, p.Code, p.Detail)
			}
		}
	}
	if rec := do(h, call{target: "/v1/actors/x-y"}); rec.Code != 404 {
		t.Errorf("a write that is not JSON went through: %d", rec.Code)
	}
	for _, b := range bodies {
		for _, ct := range []string{"application/json", "application/json; charset=utf-8", "Application/JSON", "application/merge-patch+json"} {
			rec := do(h, call{method: b.method, target: b.target, key: writeKey, body: b.body, header: map[string]string{"Content-Type": ct}})
			if rec.Code == 415 {
				t.Errorf("%s %s as %q: 415", b.method, b.target, ct)
			}
		}
	}
}

// brokenPipe is a ResponseWriter whose client is gone: every write fails.
type brokenPipe struct {
	h http.Header
}

func (w *brokenPipe) Header() http.Header       { return w.h }
func (w *brokenPipe) WriteHeader(int)           {}
func (w *brokenPipe) Write([]byte) (int, error) { return 0, syscall.EPIPE }

// TestClientDisconnect is defect 7: a client that goes away was logged as
// an error and counted as 503 (or 500), raising false alerts. It is now
// counted as 499 and logged at info level, and the store call it cut short
// is recorded as canceled, not unavailable.
func TestClientDisconnect(t *testing.T) {
	var logs bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))

	// The client closes the connection while the store works.
	h := newAPI(failingStore{block: true}, log, Options{})
	cx, cancel := context.WithCancel(context.Background())
	cancel()
	req := httptest.NewRequest("GET", "/v1/actors/aqap", nil).WithContext(cx)
	h.ServeHTTP(httptest.NewRecorder(), req)

	// The client stops reading a streamed export.
	h2 := newAPI(openStore(t), log, Options{})
	func() {
		defer func() {
			// net/http swallows this panic, which cuts the answer off.
			if v := recover(); v != nil && v != http.ErrAbortHandler {
				t.Errorf("panic %v", v)
			}
		}()
		h2.ServeHTTP(&brokenPipe{h: http.Header{}}, httptest.NewRequest("GET", "/v1/export?format=csv", nil))
	}()

	for _, tt := range []struct {
		h    http.Handler
		want []string
	}{
		{h, []string{`actorgraph_http_requests_total{method="GET",route="/v1/actors/:id",status="499"} 1`,
			`actorgraph_store_query_duration_seconds_count{operation="resolve",outcome="canceled"} 1`}},
		{h2, []string{`actorgraph_http_requests_total{method="GET",route="/v1/export",status="499"} 1`}},
	} {
		metrics := do(tt.h, call{target: "/metrics"}).Body.String()
		for _, w := range tt.want {
			if !strings.Contains(metrics, w) {
				t.Errorf("metrics lack %s", w)
			}
		}
		for _, bad := range []string{`status="503"`, `status="500"`, `outcome="unavailable"`, `outcome="internal"`} {
			if strings.Contains(metrics, bad) {
				t.Errorf("metrics count a disconnect as %s", bad)
			}
		}
	}
	lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
	closed := 0
	for _, l := range lines {
		var e map[string]any
		if err := json.Unmarshal([]byte(l), &e); err != nil {
			t.Fatal(err)
		}
		if e["level"] == "ERROR" || e["level"] == "WARN" {
			t.Errorf("a disconnect logged at %s: %s", e["level"], l)
		}
		if e["msg"] == "client closed request" {
			closed++
			if e["level"] != "INFO" || e["status"] != float64(499) {
				t.Errorf("log line %s", l)
			}
		}
	}
	if closed != 2 {
		t.Errorf("%d lines say the client closed the request, want 2:\n%s", closed, logs.String())
	}
}

// TestSourceTextPlainExemption: POST /v1/sources is the one body that may
// be text/plain (issue 14), which a browser can send cross-origin without
// a preflight. It stays safe because it needs a write key in the
// Authorization header, which a browser sends cross-origin only after a
// preflight; other types are 415 like everywhere.
func TestSourceTextPlainExemption(t *testing.T) {
	h := newRouter(t, openStore(t), Options{APIKeys: writeOnly, CORSOrigins: []string{"https://viz.example"}})
	target := "/v1/sources?title=T&publisher=P&published=2016&reliability=B"
	text := "Chérif Kouachi was trained in Yemen."
	// What a page of another origin can make a browser send: no key.
	rec := do(h, call{method: "POST", target: target, body: text, header: map[string]string{"Content-Type": "text/plain", "Origin": "https://evil.example"}})
	if rec.Code != 401 {
		t.Fatalf("a text/plain source without a key: %d %s", rec.Code, rec.Body)
	}
	problemOfBody(t, rec)
	for _, ct := range []string{"application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml"} {
		rec := do(h, call{method: "POST", target: target, key: writeKey, body: text, header: map[string]string{"Content-Type": ct}})
		if rec.Code != 415 {
			t.Errorf("a source as %s: %d %s, want 415", ct, rec.Code, rec.Body)
		}
	}
	rec = do(h, call{method: "POST", target: target, key: writeKey, body: text, header: map[string]string{"Content-Type": "text/plain; charset=utf-8"}})
	if rec.Code != 201 {
		t.Fatalf("a text/plain source with a write key: %d %s", rec.Code, rec.Body)
	}
}
