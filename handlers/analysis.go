package handlers

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/actorgraph/actorgraph/analyst"
	"github.com/actorgraph/actorgraph/analyst/netsci"
	"github.com/actorgraph/actorgraph/graph"
)

// The network analysis routes (/v1/analysis/...): parse, call analyst,
// encode. Answers that are tables (centrality and its series, brokers,
// community membership) are also CSV (format=csv or Accept: text/csv);
// the connecting network is a graph, so it takes the graph formats.

// Parameter sets of the analysis endpoints.
var (
	centralityParams  = concat([]string{"measure", "top", "series", "actors", "seed", "samples", "format"}, filterParams)
	communitiesParams = concat([]string{"seed", "resolution", "top", "members", "actors", "format"}, filterParams)
	tableFormatParams = []string{"format"}
)

// analysisRoute reports whether route is an analysis route, whose
// deadline is the analysis time limit (with a margin, so that the
// analysis, which names its bound, stops first) when that is longer than
// the request timeout.
func analysisRoute(route string) bool { return strings.HasPrefix(route, "/v1/analysis/") }

// tableFormat reads format (json or csv) or, without it, the Accept
// header. It reports whether the answer is CSV. EINVALID.
func tableFormat(c *gin.Context) (bool, error) {
	switch f := strings.ToLower(c.Query("format")); f {
	case "json":
		return false, nil
	case "csv":
		return true, nil
	case "":
		return strings.Contains(c.GetHeader("Accept"), "text/csv"), nil
	default:
		return false, graph.Errorf(graph.EINVALID, "format must be json or csv for this answer, not %q", truncate(f, 20))
	}
}

// seedParam parses a seed: an unsigned integer.
func (p *params) seed(name string) (uint64, error) {
	s := p.str(name)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return 0, graph.Errorf(graph.EINVALID, "%s must be a non-negative integer, not %q", name, truncate(s, 30))
	}
	return n, nil
}

// positive parses an integer that must be at least 1 when given.
func (p *params) positive(name string) (int, error) {
	n, err := p.integer(name, 0)
	if err == nil && p.str(name) != "" && n < 1 {
		err = graph.Errorf(graph.EINVALID, "%s must be at least 1", name)
	}
	return n, err
}

// centralityQuery parses GET /v1/analysis/centrality.
func centralityQuery(vals url.Values) (analyst.CentralityQuery, error) {
	var q analyst.CentralityQuery
	p, err := parseParams(vals, centralityParams)
	if err != nil {
		return q, err
	}
	if m := p.str("measure"); m != "" {
		if q.Measure, err = analyst.ParseMeasure(m); err != nil {
			return q, err
		}
	}
	if q.Top, err = p.positive("top"); err != nil {
		return q, err
	}
	if q.Series, err = analyst.ParseYears(p.str("series")); err != nil {
		return q, err
	}
	q.Actors = p.list("actors")
	if q.Seed, err = p.seed("seed"); err != nil {
		return q, err
	}
	if q.Samples, err = p.positive("samples"); err != nil {
		return q, err
	}
	q.Filter, err = p.filter()
	return q, err
}

// communitiesQuery parses GET /v1/analysis/communities.
func communitiesQuery(vals url.Values) (analyst.CommunitiesQuery, error) {
	var q analyst.CommunitiesQuery
	p, err := parseParams(vals, communitiesParams)
	if err != nil {
		return q, err
	}
	if q.Seed, err = p.seed("seed"); err != nil {
		return q, err
	}
	if q.Resolution, err = p.number("resolution", 0); err != nil {
		return q, err
	}
	if p.str("resolution") != "" && !(q.Resolution > 0) {
		return q, graph.Errorf(graph.EINVALID, "resolution must be a positive number")
	}
	if q.Top, err = p.positive("top"); err != nil {
		return q, err
	}
	if q.Members, err = p.positive("members"); err != nil {
		return q, err
	}
	q.Actors = p.list("actors")
	q.Filter, err = p.filter()
	return q, err
}

// filterBody is the relation filter in a JSON body: the fields of the
// filter query parameters.
type filterBody struct {
	Types            []string `json:"types"`
	ExcludeTypes     []string `json:"exclude_types"`
	Direction        string   `json:"direction"`
	MinConfidence    float64  `json:"min_confidence"`
	AsOf             string   `json:"as_of"`
	IncludeContested *bool    `json:"include_contested"` // default true
	IncludeRefuted   bool     `json:"include_refuted"`
}

func (b *filterBody) filter() (graph.RelationFilter, error) {
	upper := func(ts []string) []string {
		out := make([]string, 0, len(ts))
		for _, t := range ts {
			out = append(out, strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(t), "-", "_")))
		}
		return out
	}
	f := graph.RelationFilter{
		Types: upper(b.Types), ExcludeTypes: upper(b.ExcludeTypes),
		Direction: graph.Direction(strings.ToLower(b.Direction)), MinConfidence: b.MinConfidence,
		ExcludeContested: b.IncludeContested != nil && !*b.IncludeContested,
		IncludeRefuted:   b.IncludeRefuted,
	}
	d, err := graph.ParseDate(b.AsOf)
	if err != nil {
		return f, graph.Errorf(graph.EINVALID, "as_of must be a date YYYY, YYYY-MM or YYYY-MM-DD, not %q", truncate(b.AsOf, 30))
	}
	f.AsOf = d
	if f.Direction == "" {
		f.Direction = graph.DirectionAny
	}
	return f, f.Validate()
}

// stringList is a JSON list of strings that may also be given as one
// comma-separated string.
type stringList []string

func (l *stringList) UnmarshalJSON(b []byte) error {
	var one string
	if err := json.Unmarshal(b, &one); err == nil {
		*l = strings.Split(one, ",")
		return nil
	}
	var many []*string // a null in the list is an error, not ""
	if err := json.Unmarshal(b, &many); err != nil || slices.Contains(many, nil) {
		return graph.Errorf(graph.EINVALID, "expand must be a list of strings such as [\"members\", \"affiliates\"] or one string \"members,affiliates\"")
	}
	*l = make(stringList, len(many))
	for i, m := range many {
		(*l)[i] = *m
	}
	return nil
}

// brokersRequest is the body of POST /v1/analysis/brokers.
type brokersRequest struct {
	A             []string   `json:"a"`
	B             []string   `json:"b"`
	Expand        stringList `json:"expand"`
	Mode          string     `json:"mode"`
	MaxHops       *int       `json:"max_hops"` // default 6; given, at least 2
	IncludeDirect bool       `json:"include_direct"`
	Top           *int       `json:"top"`      // default 20; given, at least 1
	Examples      *int       `json:"examples"` // default 3; 0 none
	filterBody
}

func (b *brokersRequest) query() (analyst.BrokersQuery, error) {
	q := analyst.BrokersQuery{A: b.A, B: b.B, Mode: netsci.BrokerMode(strings.ToLower(b.Mode)), IncludeDirect: b.IncludeDirect}
	var err error
	if q.Expand, err = analyst.ParseExpansions(b.Expand); err != nil {
		return q, err
	}
	// Absent (or null) takes the default; a number given is checked, 0
	// too, so that a body never means something else than it says.
	if b.Top != nil {
		if *b.Top < 1 {
			return q, graph.Errorf(graph.EINVALID, "top must be at least 1; leave it out for the default, 20")
		}
		q.Top = *b.Top
	}
	if b.MaxHops != nil {
		if *b.MaxHops < 2 {
			return q, graph.Errorf(graph.EINVALID, "max_hops must be at least 2 (a broker lies between the sets); leave it out for the default, 6")
		}
		q.MaxHops = *b.MaxHops
	}
	if b.Examples != nil {
		switch n := *b.Examples; {
		case n < 0:
			return q, graph.Errorf(graph.EINVALID, "examples must not be negative")
		case n == 0:
			q.Examples = -1 // none
		default:
			q.Examples = n
		}
	}
	q.Filter, err = b.filter()
	return q, err
}

// connectRequest is the body of POST /v1/analysis/connect.
type connectRequest struct {
	Actors  []string `json:"actors"`
	MaxHops *int     `json:"max_hops"` // default 4; given, at least 1
	filterBody
}

// analysisAnswer runs an analysis with q (unless parsing it failed with
// err) and answers with its JSON, or with table(a) when the client asked
// for CSV (format=csv, or Accept: text/csv).
func analysisAnswer[Q, A any](s *server, c *gin.Context, q Q, err error, run func(context.Context, Q) (A, error), table func(A)) {
	if err != nil {
		s.fail(c, err)
		return
	}
	asCSV, err := tableFormat(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	a, err := run(ctx(c), q)
	if err != nil {
		s.fail(c, err)
		return
	}
	if !asCSV {
		s.respond(c, http.StatusOK, a)
		return
	}
	table(a)
}

// centrality answers GET /v1/analysis/centrality.
func (s *server) centrality(c *gin.Context) {
	q, err := centralityQuery(c.Request.URL.Query())
	analysisAnswer(s, c, q, err, s.svc.Centrality, func(a *analyst.CentralityAnswer) {
		name := "actorgraph-" + string(a.Measure)
		if a.Series != nil {
			name += "-series"
		}
		s.writeCSV(c, name, a.Table())
	})
}

// brokers answers POST /v1/analysis/brokers.
func (s *server) brokers(c *gin.Context) {
	if !s.allowParams(c, tableFormatParams) {
		return
	}
	var body brokersRequest
	q, err := analyst.BrokersQuery{}, s.decodeBody(c, &body)
	if err == nil {
		q, err = body.query()
	}
	analysisAnswer(s, c, q, err, s.svc.Brokers, func(a *analyst.BrokersAnswer) {
		s.writeCSV(c, "actorgraph-brokers", a.Table())
	})
}

// communities answers GET /v1/analysis/communities; as CSV, the community
// of every actor, streamed.
func (s *server) communities(c *gin.Context) {
	q, err := communitiesQuery(c.Request.URL.Query())
	analysisAnswer(s, c, q, err, s.svc.Communities, func(a *analyst.CommunitiesAnswer) {
		w := s.csvWriter(c, "actorgraph-communities")
		w.Write(analyst.MemberHeader)
		err := s.svc.EachMember(ctx(c), a, func(r analyst.MemberRow) error {
			w.Write(r.Strings())
			return w.Error()
		})
		w.Flush()
		if err == nil {
			err = w.Error()
		}
		if err != nil {
			s.fail(c, err)
		}
	})
}

// connect answers POST /v1/analysis/connect: the answer's JSON, or the
// network's actors and relations in a graph format.
func (s *server) connect(c *gin.Context) {
	var body connectRequest
	f, ok := s.graphPost(c, &body)
	if !ok {
		return
	}
	q := analyst.ConnectQuery{Actors: body.Actors}
	if body.MaxHops != nil {
		if *body.MaxHops < 1 {
			s.fail(c, graph.Errorf(graph.EINVALID, "max_hops must be at least 1; leave it out for the default, 4"))
			return
		}
		q.MaxHops = *body.MaxHops
	}
	var err error
	if q.Filter, err = body.filter(); err != nil {
		s.fail(c, err)
		return
	}
	a, err := s.svc.Connect(ctx(c), q)
	if err != nil {
		s.fail(c, err)
		return
	}
	if !f.native {
		nodes, edges := a.Elements()
		s.writeSubgraph(c, f, "actorgraph-connect", nodes, edges)
		return
	}
	s.respond(c, http.StatusOK, a)
}

// csvWriter starts a CSV answer named name (a download) and returns its
// writer.
func (s *server) csvWriter(c *gin.Context, name string) *csv.Writer {
	h := c.Writer.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", `attachment; filename="`+name+`.csv"`)
	c.Status(http.StatusOK)
	return csv.NewWriter(c.Writer)
}

// writeCSV answers with a small table.
func (s *server) writeCSV(c *gin.Context, name string, rows [][]string) {
	w := s.csvWriter(c, name)
	if err := w.WriteAll(rows); err != nil {
		s.fail(c, err)
	}
}
