package handlers

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/actorgraph/actorgraph/analyst"
	"github.com/actorgraph/actorgraph/graph"
)

// newAnalysisAPI is newAPI with analysis bounds.
func newAnalysisAPI(s graph.Store, lim analyst.AnalysisLimits, opts Options) *gin.Engine {
	reg := prometheus.NewRegistry()
	svc := analyst.New(analyst.Deps{Store: InstrumentStore(s, reg, fixedNow), Now: fixedNow, Limits: graph.DefaultLimits, Analysis: lim})
	return New(Deps{Service: svc, Now: fixedNow, Options: opts, Metrics: reg})
}

// TestAnalysisRoutes drives the analysis endpoints through the real router
// over the embedded store and compares the answers with golden files.
func TestAnalysisRoutes(t *testing.T) {
	h := newRouter(t, openStore(t), Options{})
	post := func(target, body string) call { return call{method: "POST", target: target, body: body} }
	tests := []struct {
		name   string
		call   call
		status int
		code   string
		detail string // in the problem's detail, or in a 200 answer
		ctype  string // Content-Type prefix of a 200 answer
	}{
		{name: "centrality-degree", call: call{target: "/v1/analysis/centrality"}, status: 200, detail: `"measure":"degree"`},
		{name: "centrality-betweenness-csv", call: call{target: "/v1/analysis/centrality?measure=betweenness&format=csv"}, status: 200, ctype: "text/csv", detail: "rank,id,name,kind,value,stderr"},
		{name: "centrality-closeness-accept-csv", call: call{target: "/v1/analysis/centrality?measure=closeness&top=3", header: map[string]string{"Accept": "text/csv"}}, status: 200, ctype: "text/csv"},
		{name: "centrality-pagerank-actors", call: call{target: "/v1/analysis/centrality?measure=PageRank&top=3&actors=Lone%20Wolf,aqap&include_contested=false"}, status: 200, detail: `"converged":true`},
		{name: "centrality-eigenvector-types", call: call{target: "/v1/analysis/centrality?measure=eigenvector&top=4&types=trained_by,sibling-of,associate_of"}, status: 200},
		{name: "centrality-series", call: call{target: "/v1/analysis/centrality?measure=degree&series=2010..2016&top=2"}, status: 200, detail: `"peak_year"`},
		{name: "centrality-series-csv", call: call{target: "/v1/analysis/centrality?measure=betweenness&series=2010..2012&top=2&format=csv"}, status: 200, ctype: "text/csv", detail: "id,name,kind,year,as_of,value,rank"},
		{name: "centrality-bad-measure", call: call{target: "/v1/analysis/centrality?measure=katz"}, status: 400, code: "invalid_argument", detail: "measure must be degree, betweenness, closeness, pagerank or eigenvector"},
		{name: "centrality-direction", call: call{target: "/v1/analysis/centrality?direction=out"}, status: 400, code: "invalid_argument", detail: "direction must be any for an analysis"},
		{name: "centrality-series-as-of", call: call{target: "/v1/analysis/centrality?series=2001..2003&as_of=2002"}, status: 400, code: "invalid_argument", detail: "give series or as_of, not both"},
		{name: "centrality-bad-series", call: call{target: "/v1/analysis/centrality?series=2018..2001"}, status: 400, code: "invalid_argument", detail: "series must run forward"},
		{name: "centrality-typo", call: call{target: "/v1/analysis/centrality?measures=degree"}, status: 400, code: "invalid_argument", detail: `unknown query parameter "measures" (did you mean measure?)`},
		{name: "centrality-top-over", call: call{target: "/v1/analysis/centrality?top=1001"}, status: 400, code: "invalid_argument", detail: "top must be between 1 and 1000"},
		{name: "centrality-top-zero", call: call{target: "/v1/analysis/centrality?top=0"}, status: 400, code: "invalid_argument", detail: "top must be at least 1"},
		{name: "centrality-bad-format", call: call{target: "/v1/analysis/centrality?format=graphml"}, status: 400, code: "invalid_argument", detail: "format must be json or csv"},
		{name: "centrality-unknown-actor", call: call{target: "/v1/analysis/centrality?actors=Cherif%20Kouachy"}, status: 404, code: "not_found", detail: "did you mean"},
		{name: "centrality-ambiguous-actor", call: call{target: "/v1/analysis/centrality?actors=Kouachi"}, status: 409, code: "ambiguous"},
		{name: "brokers", call: post("/v1/analysis/brokers", `{"a":["Amedy Coulibaly"],"b":["aqap"]}`), status: 200, detail: `"examples"`},
		{name: "brokers-csv", call: post("/v1/analysis/brokers?format=csv", `{"a":["amedy-coulibaly"],"b":["yemen"],"examples":1}`), status: 200, ctype: "text/csv", detail: "rank,id,name,kind,side,score,paths,share,example"},
		{name: "brokers-nearest-direct", call: post("/v1/analysis/brokers", `{"a":["Chérif Kouachi"],"b":["AQAP"],"mode":"nearest","include_direct":false,"types":["TRAINED_BY","SIBLING_OF","PERPETRATED","CLAIMED_BY"]}`), status: 200, detail: `"direct_count":1`},
		{name: "brokers-expand-nulls", call: post("/v1/analysis/brokers", `{"a":["aqap"],"b":["yemen"],"expand":[null,null]}`), status: 400, code: "invalid_argument", detail: "expand must be a list of strings"},
		{name: "brokers-missing-b", call: post("/v1/analysis/brokers", `{"a":["aqap"]}`), status: 400, code: "invalid_argument", detail: "a and b are both required"},
		{name: "brokers-bad-expand", call: post("/v1/analysis/brokers", `{"a":["aqap"],"b":["yemen"],"expand":"friends"}`), status: 400, code: "invalid_argument", detail: "expand must be members, affiliates or both"},
		{name: "brokers-unknown-field", call: post("/v1/analysis/brokers", `{"a":["aqap"],"b":["yemen"],"max_hop":3}`), status: 400, code: "invalid_argument", detail: `unknown field "max_hop"`},
		{name: "brokers-hops-over", call: post("/v1/analysis/brokers", `{"a":["aqap"],"b":["yemen"],"max_hops":9}`), status: 400, code: "invalid_argument", detail: "max_hops must be between 2 and 8"},
		{name: "brokers-top-zero", call: post("/v1/analysis/brokers", `{"a":["aqap"],"b":["yemen"],"top":0}`), status: 400, code: "invalid_argument", detail: "top must be at least 1"},
		{name: "brokers-hops-one", call: post("/v1/analysis/brokers", `{"a":["aqap"],"b":["yemen"],"max_hops":1}`), status: 400, code: "invalid_argument", detail: "max_hops must be at least 2"},
		{name: "brokers-nulls", call: post("/v1/analysis/brokers", `{"a":["aqap"],"b":["yemen"],"top":null,"max_hops":null,"include_refuted":null,"expand":null}`), status: 200, detail: `"top":20`},
		{name: "connect-hops-zero", call: post("/v1/analysis/connect", `{"actors":["aqap","yemen"],"max_hops":0}`), status: 400, code: "invalid_argument", detail: "max_hops must be at least 1"},
		{name: "communities", call: call{target: "/v1/analysis/communities?seed=1&actors=yemen"}, status: 200, detail: `"modularity"`},
		{name: "communities-csv", call: call{target: "/v1/analysis/communities?format=csv"}, status: 200, ctype: "text/csv", detail: "id,name,kind,community,community_size,community_name,inside"},
		{name: "communities-bad-resolution", call: call{target: "/v1/analysis/communities?resolution=-1"}, status: 400, code: "invalid_argument", detail: "resolution must be a positive number"},
		{name: "connect", call: post("/v1/analysis/connect", `{"actors":["Amedy Coulibaly","yemen","Saïd Kouachi","lone-wolf"]}`), status: 200, detail: `"reason":"unreachable"`},
		{name: "connect-nodelink", call: post("/v1/analysis/connect?format=nodelink", `{"actors":["Amedy Coulibaly","yemen","Saïd Kouachi"]}`), status: 200, ctype: "application/json"},
		{name: "connect-one", call: post("/v1/analysis/connect", `{"actors":["aqap"]}`), status: 400, code: "invalid_argument", detail: "name at least two actors"},
		{name: "connect-ambiguous", call: post("/v1/analysis/connect", `{"actors":["Kouachi","aqap"]}`), status: 409, code: "ambiguous"},
		{name: "connect-get", call: call{target: "/v1/analysis/connect"}, status: 405, code: "invalid_argument", detail: "answers POST"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := do(h, tt.call)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d; body %s", rec.Code, tt.status, rec.Body)
			}
			if tt.status < 400 {
				if !strings.Contains(rec.Body.String(), tt.detail) {
					t.Errorf("the answer does not say %q:\n%s", tt.detail, rec.Body)
				}
				if ct := rec.Header().Get("Content-Type"); tt.ctype != "" && !strings.HasPrefix(ct, tt.ctype) {
					t.Errorf("Content-Type %q, want %s", ct, tt.ctype)
				}
			} else {
				p := problemOfBody(t, rec)
				if p.Code != tt.code || !strings.Contains(p.Detail, tt.detail) {
					t.Errorf("problem %s %q, want %s containing %q", p.Code, p.Detail, tt.code, tt.detail)
				}
			}
			checkGolden(t, "analysis-"+tt.name, rec.Header().Get("Content-Type"), rec.Body.Bytes())
		})
	}
}

// TestAnalysisMeaning checks the answers beyond the golden files: the CSV
// tables hold what the JSON holds, and the connecting network's hops carry
// evidence.
func TestAnalysisMeaning(t *testing.T) {
	h := newRouter(t, openStore(t), Options{})
	var js analyst.CentralityAnswer
	rec := do(h, call{target: "/v1/analysis/centrality?measure=betweenness&top=9"})
	if err := json.Unmarshal(rec.Body.Bytes(), &js); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(do(h, call{target: "/v1/analysis/centrality?measure=betweenness&top=9&format=csv"}).Body.String())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(js.Top)+1 || len(js.Top) != 9 {
		t.Fatalf("%d CSV rows for %d actors", len(rows), len(js.Top))
	}
	for i, s := range js.Top {
		if r := rows[i+1]; r[1] != s.Actor.ID || r[2] != s.Actor.Name || r[4] != strconv.FormatFloat(s.Value, 'g', -1, 64) {
			t.Errorf("row %d %v, JSON %+v", i+1, r, s)
		}
	}
	// Every actor of the graph is in the membership CSV once.
	rows, err = csv.NewReader(strings.NewReader(do(h, call{target: "/v1/analysis/communities?format=csv"}).Body.String())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(fixture().Actors)+1 {
		t.Errorf("%d membership rows for %d actors", len(rows)-1, len(fixture().Actors))
	}
	var cn analyst.ConnectAnswer
	rec = do(h, call{method: "POST", target: "/v1/analysis/connect", body: `{"actors":["Amedy Coulibaly","yemen","Saïd Kouachi"]}`})
	if err := json.Unmarshal(rec.Body.Bytes(), &cn); err != nil {
		t.Fatal(err)
	}
	if len(cn.Network.Terminals) != 3 || len(cn.Network.Connections) == 0 {
		t.Fatalf("network %+v", cn.Network)
	}
	for _, c := range cn.Network.Connections {
		for _, hop := range c.Path.Hops {
			if len(hop.Relation.Evidence) == 0 || hop.Relation.Evidence[0].SourceTitle == "" {
				t.Errorf("hop %s without its evidence named", hop.Text)
			}
		}
	}
}

// TestAnalysisBoundsOverHTTP: a request over a size bound is 413, over
// the time limit 503, each naming the configuration key; the analysis
// routes get the analysis time limit even when the request timeout is
// shorter; a client gone away stops the work.
func TestAnalysisBoundsOverHTTP(t *testing.T) {
	s := openStore(t)
	for _, tc := range []struct {
		name   string
		lim    analyst.AnalysisLimits
		call   call
		status int
		detail string
	}{
		{"max_nodes", analyst.AnalysisLimits{MaxNodes: 3}, call{target: "/v1/analysis/communities"}, 413, "(analysis.max_nodes)"},
		{"max_relations", analyst.AnalysisLimits{MaxRelations: 2}, call{method: "POST", target: "/v1/analysis/connect", body: `{"actors":["aqap","yemen"]}`}, 413, "(analysis.max_relations)"},
		{"max_work", analyst.AnalysisLimits{MaxWork: 10}, call{target: "/v1/analysis/centrality?measure=closeness"}, 413, "(analysis.max_work)"},
		{"timeout", analyst.AnalysisLimits{Timeout: time.Nanosecond}, call{method: "POST", target: "/v1/analysis/brokers", body: `{"a":["aqap"],"b":["yemen"]}`}, 503, "(analysis.timeout)"},
	} {
		rec := do(newAnalysisAPI(s, tc.lim, Options{}), tc.call)
		if rec.Code != tc.status {
			t.Errorf("%s: status %d, want %d: %s", tc.name, rec.Code, tc.status, rec.Body)
			continue
		}
		if p := problemOfBody(t, rec); !strings.Contains(p.Detail, tc.detail) {
			t.Errorf("%s: detail %q does not name %s", tc.name, p.Detail, tc.detail)
		}
	}
	// A request timeout of a nanosecond stops a path query, not an
	// analysis, which has its own limit.
	h := newAnalysisAPI(s, analyst.AnalysisLimits{}, Options{RequestTimeout: time.Nanosecond})
	if rec := do(h, call{target: "/v1/paths?from=aqap&to=yemen"}); rec.Code != 503 {
		t.Errorf("a path query under a 1ns request timeout: status %d", rec.Code)
	}
	if rec := do(h, call{target: "/v1/analysis/centrality"}); rec.Code != 200 {
		t.Errorf("an analysis under a 1ns request timeout: status %d: %s", rec.Code, rec.Body)
	}
	// A client that has gone away: the request's context is done, and the
	// analysis stops instead of answering.
	cx, cancel := context.WithCancel(context.Background())
	cancel()
	req := httptest.NewRequest(http.MethodGet, "/v1/analysis/centrality?measure=betweenness", nil).WithContext(cx)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	// Nothing is sent to nobody; the request counts as 499, not as a
	// server error (defect 7 of issue 13).
	if rec.Body.Len() != 0 {
		t.Errorf("a cancelled request was answered: %s", rec.Body)
	}
	metrics := do(h, call{target: "/metrics"}).Body.String()
	if want := `actorgraph_http_requests_total{method="GET",route="/v1/analysis/centrality",status="499"} 1`; !strings.Contains(metrics, want) {
		t.Errorf("metrics lack %s", want)
	}
}
