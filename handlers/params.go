package handlers

import (
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// This file is the one place where query parameters are parsed. Every
// endpoint declares the parameters it takes; anything else is rejected so
// that a typo such as max_hop is caught instead of silently ignored.

// Parameter sets of the endpoints.
var (
	filterParams   = []string{"types", "exclude_types", "direction", "min_confidence", "as_of", "include_contested", "include_refuted"}
	formatParams   = []string{"format", "part"}
	searchParams   = []string{"q", "kind", "limit", "offset"}
	pathParams     = concat([]string{"from", "to", "mode", "k", "max_hops"}, filterParams, formatParams)
	networkParams  = concat([]string{"depth", "limit"}, filterParams, formatParams)
	relationParams = filterParams
	edgeListParams = concat([]string{"types", "exclude_types", "min_confidence", "as_of", "include_contested", "include_refuted"}, formatParams)
	exportParams   = concat([]string{"include_refuted"}, formatParams)
	deleteParams   = []string{"cascade"}
	statsParams    = []string{"top"}
)

func concat(lists ...[]string) []string {
	var out []string
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// parseQuery parses a raw query string strictly: pairs separated by "&",
// each name=value or a bare name, with valid percent-escapes ("+" is a
// space). url.ParseQuery drops a pair it cannot parse, such as
// "include_contested=false;" or "max_hops=999;", and goes on, so the
// request was answered as if the parameter were absent; here such a pair is
// EINVALID, named in the message. Empty pairs ("a=1&&b=2") are skipped.
func parseQuery(raw string) (url.Values, error) {
	vals := url.Values{}
	for raw != "" {
		var pair string
		pair, raw, _ = strings.Cut(raw, "&")
		if pair == "" {
			continue
		}
		shown := strconv.Quote(truncate(pair, 60))
		if strings.Contains(pair, ";") {
			return nil, graph.Errorf(graph.EINVALID, "the query parameter %s contains \";\"; separate parameters with \"&\" (and write a \";\" in a value as %%3B)", shown)
		}
		k, v, _ := strings.Cut(pair, "=")
		key, err1 := url.QueryUnescape(k)
		val, err2 := url.QueryUnescape(v)
		if err1 != nil || err2 != nil {
			return nil, graph.Errorf(graph.EINVALID, "the query parameter %s has a malformed %%-escape; a \"%%\" is followed by two hex digits (write \"%%\" itself as %%25)", shown)
		}
		if key == "" {
			return nil, graph.Errorf(graph.EINVALID, "the query parameter %s has no name; write name=value", shown)
		}
		vals[key] = append(vals[key], val)
	}
	return vals, nil
}

// listParams may repeat (types=A&types=B) as well as hold commas.
var listParams = map[string]bool{"types": true, "exclude_types": true}

// params reads the query parameters of one request.
type params struct {
	vals url.Values
}

// parseParams checks that vals holds only allowed parameters, each at
// most once unless it is a list. EINVALID names the parameter and lists the
// allowed ones.
func parseParams(vals url.Values, allowed []string) (*params, error) {
	names := make([]string, 0, len(vals))
	for k := range vals {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, k := range names {
		if !slices.Contains(allowed, k) {
			return nil, unknownParam(k, allowed)
		}
		if len(vals[k]) > 1 && !listParams[k] {
			return nil, graph.Errorf(graph.EINVALID, "query parameter %s is given %d times; give it once", k, len(vals[k]))
		}
	}
	return &params{vals: vals}, nil
}

func unknownParam(name string, allowed []string) error {
	shown := truncate(name, 40)
	hint := ""
	best, bestD := "", 3
	for _, a := range allowed {
		if d := editDistance(name, a); d < bestD {
			best, bestD = a, d
		}
	}
	if best != "" {
		hint = " (did you mean " + best + "?)"
	}
	if len(allowed) == 0 {
		return graph.Errorf(graph.EINVALID, "unknown query parameter %q%s; this endpoint takes no query parameters", shown, hint)
	}
	return graph.Errorf(graph.EINVALID, "unknown query parameter %q%s; allowed: %s", shown, hint, strings.Join(allowed, ", "))
}

// editDistance is the Levenshtein distance, for "did you mean".
func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 64
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// str returns the parameter's value, "" when absent.
func (p *params) str(name string) string { return p.vals.Get(name) }

// integer parses an integer parameter; def when absent or empty.
func (p *params) integer(name string, def int) (int, error) {
	s := p.vals.Get(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, graph.Errorf(graph.EINVALID, "%s must be an integer, not %q", name, truncate(s, 30))
	}
	return n, nil
}

// number parses a decimal parameter; def when absent or empty.
func (p *params) number(name string, def float64) (float64, error) {
	s := p.vals.Get(name)
	if s == "" {
		return def, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, graph.Errorf(graph.EINVALID, "%s must be a number, not %q", name, truncate(s, 30))
	}
	return f, nil
}

// boolean parses true/false (also 1/0, yes/no); def when absent or empty.
func (p *params) boolean(name string, def bool) (bool, error) {
	switch strings.ToLower(p.vals.Get(name)) {
	case "":
		return def, nil
	case "true", "1", "yes":
		return true, nil
	case "false", "0", "no":
		return false, nil
	}
	return false, graph.Errorf(graph.EINVALID, "%s must be true or false, not %q", name, truncate(p.vals.Get(name), 30))
}

// date parses a partial date (YYYY, YYYY-MM, YYYY-MM-DD).
func (p *params) date(name string) (graph.Date, error) {
	s := p.vals.Get(name)
	d, err := graph.ParseDate(s)
	if err != nil {
		return graph.Date{}, graph.Errorf(graph.EINVALID, "%s must be a date YYYY, YYYY-MM or YYYY-MM-DD, not %q", name, truncate(s, 30))
	}
	return d, nil
}

// list returns the comma-separated (or repeated) values, trimmed, without
// empty ones.
func (p *params) list(name string) []string {
	var out []string
	for _, v := range p.vals[name] {
		for _, x := range strings.Split(v, ",") {
			if x = strings.TrimSpace(x); x != "" {
				out = append(out, x)
			}
		}
	}
	return out
}

// relationTypes is list for relation types: "trained_by" and "trained-by"
// are accepted for TRAINED_BY.
func (p *params) relationTypes(name string) []string {
	out := p.list(name)
	for i, t := range out {
		out[i] = strings.ToUpper(strings.ReplaceAll(t, "-", "_"))
	}
	return out
}

// filter parses the relation filter parameters: types, exclude_types,
// direction, min_confidence, as_of, include_contested (default true),
// include_refuted (default false). It validates the filter, so errors name
// the parameter.
func (p *params) filter() (graph.RelationFilter, error) {
	f := graph.RelationFilter{
		Types:        p.relationTypes("types"),
		ExcludeTypes: p.relationTypes("exclude_types"),
		Direction:    graph.Direction(strings.ToLower(p.str("direction"))),
	}
	var err error
	if f.MinConfidence, err = p.number("min_confidence", 0); err != nil {
		return f, err
	}
	if f.AsOf, err = p.date("as_of"); err != nil {
		return f, err
	}
	include, err := p.boolean("include_contested", true)
	if err != nil {
		return f, err
	}
	f.ExcludeContested = !include
	if f.IncludeRefuted, err = p.boolean("include_refuted", false); err != nil {
		return f, err
	}
	if f.Direction == "" {
		f.Direction = graph.DirectionAny
	}
	return f, f.Validate()
}

// pathQuery parses GET /v1/paths into a normalized query whose From and To
// are still the references given (ids or names).
func pathQuery(vals url.Values, lim graph.Limits) (graph.PathQuery, error) {
	p, err := parseParams(vals, pathParams)
	if err != nil {
		return graph.PathQuery{}, err
	}
	q := graph.PathQuery{
		From: strings.TrimSpace(p.str("from")),
		To:   strings.TrimSpace(p.str("to")),
		Mode: graph.PathMode(strings.ToLower(p.str("mode"))),
	}
	if q.From == "" || q.To == "" {
		return q, graph.Errorf(graph.EINVALID, "from and to are both required: actor ids or unambiguous names, e.g. from=Amedy%%20Coulibaly&to=aqap")
	}
	if q.K, err = p.integer("k", 0); err != nil {
		return q, err
	}
	if p.str("k") != "" && q.K == 0 {
		return q, graph.Errorf(graph.EINVALID, "k must be between 1 and %d", lim.MaxK)
	}
	if q.MaxHops, err = p.integer("max_hops", 0); err != nil {
		return q, err
	}
	if p.str("max_hops") != "" && q.MaxHops == 0 {
		return q, graph.Errorf(graph.EINVALID, "max_hops must be between 1 and %d", lim.MaxHops)
	}
	if q.Filter, err = p.filter(); err != nil {
		return q, err
	}
	return q, q.Normalize(lim)
}

// networkQuery parses GET /v1/actors/{id}/network into a normalized query
// with seed ref (not yet resolved). depth defaults to 1.
func networkQuery(vals url.Values, ref string, lim graph.Limits) (graph.NetworkQuery, error) {
	p, err := parseParams(vals, networkParams)
	if err != nil {
		return graph.NetworkQuery{}, err
	}
	q := graph.NetworkQuery{Seeds: []string{ref}}
	if q.Depth, err = p.integer("depth", 1); err != nil {
		return q, err
	}
	if q.Limit, err = p.integer("limit", 0); err != nil {
		return q, err
	}
	if p.str("limit") != "" && q.Limit == 0 {
		return q, graph.Errorf(graph.EINVALID, "limit must be between 1 and %d", lim.MaxNodes)
	}
	if q.Filter, err = p.filter(); err != nil {
		return q, err
	}
	return q, q.Normalize(lim)
}

// searchQuery parses GET /v1/actors.
func searchQuery(vals url.Values, lim graph.Limits) (graph.SearchQuery, error) {
	p, err := parseParams(vals, searchParams)
	if err != nil {
		return graph.SearchQuery{}, err
	}
	q := graph.SearchQuery{Text: strings.TrimSpace(p.str("q")), Kind: graph.Kind(strings.ToLower(p.str("kind")))}
	if q.Limit, err = p.integer("limit", 0); err != nil {
		return q, err
	}
	if p.str("limit") != "" && q.Limit == 0 {
		return q, graph.Errorf(graph.EINVALID, "limit must be between 1 and %d", lim.MaxSearch)
	}
	if q.Offset, err = p.integer("offset", 0); err != nil {
		return q, err
	}
	return q, q.Normalize(lim)
}

// relationFilter parses the parameters of GET /v1/actors/{id}/relations.
func relationFilter(vals url.Values) (graph.RelationFilter, error) {
	p, err := parseParams(vals, relationParams)
	if err != nil {
		return graph.RelationFilter{}, err
	}
	return p.filter()
}

// edgeListFilter parses GET /v1/relations (its filter; the format is read
// by negotiate).
func edgeListFilter(vals url.Values) (graph.RelationFilter, *params, error) {
	p, err := parseParams(vals, edgeListParams)
	if err != nil {
		return graph.RelationFilter{}, nil, err
	}
	f, err := p.filter()
	return f, p, err
}
