package handlers

import (
	"errors"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

func TestPathQueryParsing(t *testing.T) {
	lim := graph.DefaultLimits
	tests := []struct {
		query   string
		want    graph.PathQuery // checked when wantErr is ""
		wantErr string
	}{
		{query: "from=a&to=b", want: graph.PathQuery{From: "a", To: "b", Mode: graph.ShortestPath, K: 3, MaxHops: 4,
			Filter: graph.RelationFilter{Direction: graph.DirectionAny}}},
		{query: "from=Amedy+Coulibaly&to=AQAP&mode=K_SHORTEST&k=5&max_hops=8&types=trained_by,MET&types=member-of&exclude_types=SIBLING_OF&direction=OUT&min_confidence=0.5&as_of=2015-01&include_contested=false",
			want: graph.PathQuery{From: "Amedy Coulibaly", To: "AQAP", Mode: graph.KShortest, K: 5, MaxHops: 8, Filter: graph.RelationFilter{
				Types: []string{"TRAINED_BY", "MET", "MEMBER_OF"}, ExcludeTypes: []string{"SIBLING_OF"}, Direction: graph.DirectionOut,
				MinConfidence: 0.5, AsOf: graph.MustDate("2015-01"), ExcludeContested: true}}},
		{query: "from=a&to=b&k=&max_hops=", want: graph.PathQuery{From: "a", To: "b", Mode: graph.ShortestPath, K: 3, MaxHops: 4,
			Filter: graph.RelationFilter{Direction: graph.DirectionAny}}},
		{query: "from=a&to=b&format=csv&part=edges", want: graph.PathQuery{From: "a", To: "b", Mode: graph.ShortestPath, K: 3, MaxHops: 4,
			Filter: graph.RelationFilter{Direction: graph.DirectionAny}}},
		{query: "from=a", wantErr: "from and to are both required"},
		{query: "from=+&to=b", wantErr: "from and to are both required"},
		{query: "from=a&to=b&max_hop=2", wantErr: `unknown query parameter "max_hop" (did you mean max_hops?); allowed: from, to, mode`},
		{query: "from=a&to=b&colour=red", wantErr: `unknown query parameter "colour"; allowed:`},
		{query: "from=a&to=b&max_hops=0", wantErr: "max_hops must be between 1 and 8"},
		{query: "from=a&to=b&max_hops=9", wantErr: "max_hops must be between 1 and 8"},
		{query: "from=a&to=b&max_hops=-1", wantErr: "max_hops must be between 1 and 8"},
		{query: "from=a&to=b&max_hops=four", wantErr: `max_hops must be an integer, not "four"`},
		{query: "from=a&to=b&k=0", wantErr: "k must be between 1 and 10"},
		{query: "from=a&to=b&k=99999999999999999999", wantErr: "k must be an integer"},
		{query: "from=a&to=b&mode=longest", wantErr: "mode must be shortest, all_shortest or k_shortest"},
		{query: "from=a&to=b&direction=up", wantErr: "direction must be any, out or in"},
		{query: "from=a&to=b&min_confidence=2", wantErr: "min_confidence must be between 0 and 1"},
		{query: "from=a&to=b&min_confidence=NaN", wantErr: "min_confidence must be a number"},
		{query: "from=a&to=b&as_of=yesterday", wantErr: "as_of must be a date"},
		{query: "from=a&to=b&include_contested=maybe", wantErr: "include_contested must be true or false"},
		{query: "from=a&to=b&types=FRIEND_OF", wantErr: `unknown relation type "FRIEND_OF"`},
		{query: "from=a&from=c&to=b", wantErr: "from is given 2 times"},
	}
	for _, tt := range tests {
		vals, err := url.ParseQuery(tt.query)
		if err != nil {
			t.Fatal(err)
		}
		got, err := pathQuery(vals, lim)
		if tt.wantErr != "" {
			if err == nil || graph.ErrorCode(err) != graph.EINVALID || !strings.Contains(graph.ErrorMessage(err), tt.wantErr) {
				t.Errorf("%s: err %v, want invalid_argument containing %q", tt.query, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tt.query, err)
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", tt.query, got, tt.want)
		}
	}
}

func TestOtherQueryParsing(t *testing.T) {
	lim := graph.DefaultLimits
	q := func(s string) url.Values { v, _ := url.ParseQuery(s); return v }
	if sq, err := searchQuery(q("q=+Kouachi+&kind=PERSON"), lim); err != nil || sq.Text != "Kouachi" || sq.Kind != graph.Person || sq.Limit != 20 {
		t.Errorf("search: %+v %v", sq, err)
	}
	if _, err := searchQuery(q("q=x&offset=-1"), lim); err == nil || !strings.Contains(err.Error(), "offset must not be negative") {
		t.Errorf("negative offset: %v", err)
	}
	if _, err := searchQuery(q("q=x&limit=0"), lim); err == nil || !strings.Contains(err.Error(), "limit must be between 1 and 100") {
		t.Errorf("zero limit: %v", err)
	}
	if nq, err := networkQuery(q("types=met"), "aqap", lim); err != nil || nq.Depth != 1 || nq.Limit != lim.MaxNodes || nq.Filter.Types[0] != "MET" {
		t.Errorf("network defaults: %+v %v", nq, err)
	}
	if nq, err := networkQuery(q("depth=0&limit=7"), "aqap", lim); err != nil || nq.Depth != 0 || nq.Limit != 7 {
		t.Errorf("network depth 0: %+v %v", nq, err)
	}
	if _, err := networkQuery(q("depth=2&max_depth=3"), "aqap", lim); err == nil || !strings.Contains(err.Error(), `unknown query parameter "max_depth"`) {
		t.Errorf("network unknown: %v", err)
	}
	if f, err := relationFilter(q("direction=in&include_contested=0")); err != nil || f.Direction != graph.DirectionIn || !f.ExcludeContested {
		t.Errorf("relation filter: %+v %v", f, err)
	}
	if _, _, err := edgeListFilter(q("direction=in")); err == nil {
		t.Errorf("the edge list takes no direction")
	}
}

func TestEditDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		d    int
	}{{"", "", 0}, {"max_hop", "max_hops", 1}, {"tpyes", "types", 2}, {"kitten", "sitting", 3}, {"", "abc", 3}} {
		if got := editDistance(tt.a, tt.b); got != tt.d {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.d)
		}
	}
}

// TestParseQuery is defect 2 of issue 13: url.ParseQuery drops a pair it
// cannot parse and goes on, so "include_contested=false;" was answered as
// if the filter were absent and "max_hops=999;" got 200.
func TestParseQuery(t *testing.T) {
	for _, tt := range []struct {
		raw  string
		want url.Values // nil: an error naming the pair in err
		err  string
	}{
		{raw: "", want: url.Values{}},
		{raw: "from=a&to=b+c&types=MET&types=ALLIED_WITH", want: url.Values{"from": {"a"}, "to": {"b c"}, "types": {"MET", "ALLIED_WITH"}}},
		{raw: "q=%C3%A9&&limit=", want: url.Values{"q": {"é"}, "limit": {""}}},
		{raw: "cascade", want: url.Values{"cascade": {""}}},
		{raw: "a=1;b=2", err: `"a=1;b=2" contains ";"`},
		{raw: "include_contested=false;", err: `the query parameter "include_contested=false;" contains ";"; separate parameters with "&"`},
		{raw: "from=a&to=b&max_hops=999;", err: `"max_hops=999;" contains ";"`},
		{raw: "q=100%", err: `the query parameter "q=100%" has a malformed %-escape`},
		{raw: "q=%zz", err: `"q=%zz" has a malformed %-escape`},
		{raw: "%G1=x", err: "malformed %-escape"},
		{raw: "=x", err: `the query parameter "=x" has no name`},
	} {
		got, err := parseQuery(tt.raw)
		if tt.err != "" {
			if graph.ErrorCode(err) != graph.EINVALID || !strings.Contains(graph.ErrorMessage(err), tt.err) {
				t.Errorf("parseQuery(%q) = %v, %v; want an error with %q", tt.raw, got, err, tt.err)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("parseQuery(%q) = %v, %v; want %v", tt.raw, got, err, tt.want)
		}
	}
}

// TestMalformedQueryAnswers checks defect 2 through the router: the
// malformed pair is named in a 400, on every endpoint.
func TestMalformedQueryAnswers(t *testing.T) {
	h := newRouter(t, openStore(t), Options{})
	for _, target := range []string{
		"/v1/actors/aqap/relations?include_contested=false;",
		"/v1/paths?from=amedy-coulibaly&to=aqap&max_hops=999;",
		"/v1/paths?from=amedy-coulibaly&to=aqap;max_hops=999",
		"/v1/relations?format=csv;",
		"/v1/actors?q=%E9%zz",
		"/v1/stats?top=3;",
		"/healthz?x;",
	} {
		rec := do(h, call{target: target})
		if rec.Code != 400 {
			t.Errorf("%s: status %d, want 400", target, rec.Code)
			continue
		}
		p := problemOfBody(t, rec)
		raw := target[strings.IndexByte(target, '?')+1:]
		bad := raw[strings.LastIndexByte(raw[:max(strings.IndexAny(raw, ";%"), 0)+1], '&')+1:]
		if end := strings.IndexByte(bad, '&'); end >= 0 {
			bad = bad[:end]
		}
		if p.Code != "invalid_argument" || !strings.Contains(p.Detail, strconv.Quote(bad)) {
			t.Errorf("%s: %s %q; want the pair %q named", target, p.Code, p.Detail, bad)
		}
	}
}

// FuzzQueryParams feeds arbitrary query strings to every parser: none may
// panic; every error is an invalid_argument with a message; every accepted
// query is within the limits.
func FuzzQueryParams(f *testing.F) {
	for _, s := range []string{
		"from=a&to=b", "from=a&to=b&mode=k_shortest&k=3&max_hops=8", "from=%C3%A9&to=b&types=met,,MET&as_of=2015-02-29",
		"from=a&to=b&max_hop=3", "q=kouachi&kind=person&limit=5&offset=3", "depth=3&limit=5000&direction=in",
		"from=a&to=b&min_confidence=1e-320", "from=a&to=b&k=-0", "types=%00&exclude_types=%FF", "from=a&to=b&as_of=0000",
		"include_contested=TRUE&depth=00", "from=a&from=b", ";;;&&&==", "limit=9223372036854775807",
	} {
		f.Add(s)
	}
	lim := graph.DefaultLimits
	checkErr := func(t *testing.T, raw string, err error) {
		var ge *graph.Error
		if !errors.As(err, &ge) || ge.Code != graph.EINVALID || ge.Message == "" {
			t.Fatalf("%q: error %T %v, want an invalid_argument *graph.Error", raw, err, err)
		}
	}
	f.Fuzz(func(t *testing.T, raw string) {
		vals, err := parseQuery(raw)
		std, stdErr := url.ParseQuery(raw)
		if err != nil {
			checkErr(t, raw, err)
			return
		}
		// What parseQuery accepts, net/url parses alike.
		if stdErr != nil || !reflect.DeepEqual(vals, std) {
			t.Fatalf("%q: parseQuery %v, url.ParseQuery %v (%v)", raw, vals, std, stdErr)
		}
		if q, err := pathQuery(vals, lim); err != nil {
			checkErr(t, raw, err)
		} else {
			if q.From == "" || q.To == "" || q.MaxHops < 1 || q.MaxHops > lim.MaxHops || q.K < 1 || q.K > lim.MaxK {
				t.Fatalf("%q: accepted out of bounds: %+v", raw, q)
			}
			if q.Filter.Validate() != nil || q.Filter.MinConfidence < 0 || q.Filter.MinConfidence > 1 {
				t.Fatalf("%q: accepted a bad filter: %+v", raw, q.Filter)
			}
		}
		if q, err := networkQuery(vals, "seed", lim); err != nil {
			checkErr(t, raw, err)
		} else if q.Depth < 0 || q.Depth > lim.MaxDepth || q.Limit < 1 || q.Limit > lim.MaxNodes {
			t.Fatalf("%q: accepted out of bounds: %+v", raw, q)
		}
		if q, err := searchQuery(vals, lim); err != nil {
			checkErr(t, raw, err)
		} else if q.Limit < 1 || q.Limit > lim.MaxSearch || q.Offset < 0 || (q.Kind != "" && !q.Kind.Valid()) {
			t.Fatalf("%q: accepted out of bounds: %+v", raw, q)
		}
		if _, err := relationFilter(vals); err != nil {
			checkErr(t, raw, err)
		}
		if _, _, err := edgeListFilter(vals); err != nil {
			checkErr(t, raw, err)
		}
	})
}
