// Package handlers is actorgraph's HTTP API: a versioned JSON API under /v1
// over the application layer (package analyst), plus /healthz, /readyz,
// /metrics and /openapi.json. It is the only package that knows Gin. Each
// handler parses the request, calls one analyst.Service method and encodes
// the answer; what the service does lives in analyst, so the command line
// answers alike. It imports no store package: the store comes wired into
// the Service.
//
// Every error answer is an RFC 9457 problem (application/problem+json) with
// a stable code from graph/error.go; statusOf is the one table that maps
// codes to HTTP statuses. Query parameters are parsed in params.go, which
// rejects unknown parameters so that typos are caught.
package handlers

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/actorgraph/actorgraph/analyst"
	"github.com/actorgraph/actorgraph/apikey"
	"github.com/actorgraph/actorgraph/graph"
)

// Deps are what the API needs. Service is required; the others have
// defaults.
type Deps struct {
	Service *analyst.Service
	Logger  *slog.Logger     // default: discard
	Now     func() time.Time // default: time.Now
	Options Options
	// Metrics is the registry /metrics serves and the API's collectors
	// register with; nil gives a new registry.
	Metrics *prometheus.Registry
}

// Options tune the API.
type Options struct {
	// APIKeys are the accepted keys, by hash. Writes need a key with the
	// write role; reads need a key only when some key has the read role.
	APIKeys []apikey.Key
	// CORSOrigins are the origins that browsers may fetch from; "*" allows
	// any.
	CORSOrigins []string
	// RequestTimeout bounds one request (default 30s); StreamTimeout
	// replaces it for the streamed exports /v1/export and /v1/relations
	// (default 10m).
	RequestTimeout time.Duration
	StreamTimeout  time.Duration
	// MaxBodyBytes bounds request bodies (default 32 MiB); more gets 413.
	MaxBodyBytes int64
	// UI, when set, serves GET requests outside /v1 that match no route
	// (the explorer page at /).
	UI http.Handler
}

// server holds the dependencies of the handlers.
type server struct {
	svc     *analyst.Service
	log     *slog.Logger
	now     func() time.Time
	opts    Options
	keys    *apikey.Set
	metrics *metrics
	engine  *gin.Engine
	ids     *requestIDs
}

// limits are the bounds requests are checked against.
func (s *server) limits() graph.Limits { return s.svc.Limits() }

// streamRoutes get Options.StreamTimeout instead of RequestTimeout.
var streamRoutes = map[string]bool{"/v1/export": true, "/v1/relations": true}

// New returns the API's handler.
func New(d Deps) *gin.Engine {
	if d.Service == nil {
		panic("handlers.New: Deps.Service is nil")
	}
	if d.Logger == nil {
		d.Logger = slog.New(slog.DiscardHandler)
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Options.RequestTimeout <= 0 {
		d.Options.RequestTimeout = 30 * time.Second
	}
	if d.Options.StreamTimeout <= 0 {
		d.Options.StreamTimeout = 10 * time.Minute
	}
	if d.Options.MaxBodyBytes <= 0 {
		d.Options.MaxBodyBytes = 32 << 20
	}
	if d.Metrics == nil {
		d.Metrics = prometheus.NewRegistry()
	}
	m := newMetrics(d.Metrics)
	s := &server{
		svc:     d.Service,
		log:     d.Logger,
		now:     d.Now,
		opts:    d.Options,
		keys:    apikey.NewSet(d.Options.APIKeys),
		metrics: m,
		ids:     newRequestIDs(),
	}

	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	e.UseRawPath = true // names with "/" can be sent as %2F
	e.UnescapePathValues = true
	e.RedirectTrailingSlash = false
	e.RedirectFixedPath = false
	e.HandleMethodNotAllowed = true // 405 with an Allow header, for a path that answers other methods
	e.Use(s.recover, s.requestID, s.logRequest, s.cors, s.limit, s.query)
	e.NoRoute(s.noRoute)
	e.NoMethod(s.noMethod)
	s.engine = e

	// Every GET answers HEAD too: the same status and headers, no body
	// (net/http drops it; the streamed exports stop after the headers).
	get := func(r gin.IRoutes, path string, h ...gin.HandlerFunc) {
		r.GET(path, h...)
		r.HEAD(path, h...)
	}
	get(e, "/healthz", s.healthz)
	get(e, "/readyz", s.readyz)
	get(e, "/metrics", s.need(roleMetrics), s.serveMetrics(d.Metrics))
	get(e, "/openapi.json", s.openapi)

	read, write := s.need(roleRead), s.need(roleWrite)
	v1 := e.Group("/v1")
	get(v1, "/actors", read, s.searchActors)
	v1.POST("/actors", write, s.createActor)
	get(v1, "/actors/:id", read, s.getActor)
	v1.PATCH("/actors/:id", write, s.updateActor)
	v1.DELETE("/actors/:id", write, s.deleteActor)
	get(v1, "/actors/:id/relations", read, s.actorRelations)
	get(v1, "/actors/:id/network", read, s.network)
	get(v1, "/paths", read, s.paths)
	v1.POST("/subgraph", read, s.subgraph)
	get(v1, "/relations", read, s.listRelations)
	v1.POST("/relations", write, s.createRelation)
	get(v1, "/relations/:id", read, s.getRelation)
	v1.PATCH("/relations/:id", write, s.updateRelation)
	v1.DELETE("/relations/:id", write, s.deleteRelation)
	v1.POST("/relations/:id/evidence", write, s.addEvidence)
	get(v1, "/relation-types", read, s.relationTypes)
	get(v1, "/sources", read, s.sources)
	v1.POST("/sources", write, s.createSource)
	get(v1, "/sources/:id", read, s.source)
	get(v1, "/sources/:id/text", read, s.sourceText)
	v1.POST("/sources/:id/extract", write, s.extractSource)
	get(v1, "/sources/:id/proposals", read, s.sourceProposals)
	get(v1, "/proposals", read, s.listProposals)
	get(v1, "/proposals/:id", read, s.getProposal)
	v1.POST("/proposals/:id/accept", write, s.acceptProposal)
	v1.POST("/proposals/:id/reject", write, s.rejectProposal)
	get(v1, "/audit", read, s.audit)
	get(v1, "/analysis/centrality", read, s.centrality)
	v1.POST("/analysis/brokers", read, s.brokers)
	get(v1, "/analysis/communities", read, s.communities)
	v1.POST("/analysis/connect", read, s.connect)
	get(v1, "/stats", read, s.stats)
	get(v1, "/export", read, s.export)
	v1.POST("/import", write, s.importBundle)
	return e
}

// isHead reports whether c is a HEAD request, which gets the headers of
// the GET answer without its body.
func isHead(c *gin.Context) bool { return c.Request.Method == http.MethodHead }

// ctx returns the request's context (which carries the request timeout).
func ctx(c *gin.Context) context.Context { return c.Request.Context() }

func (s *server) healthz(c *gin.Context) {
	if !s.noParams(c) {
		return
	}
	c.JSON(http.StatusOK, gin.H{"status": "ok"})
}

func (s *server) readyz(c *gin.Context) {
	if !s.noParams(c) {
		return
	}
	if err := s.svc.Ping(ctx(c)); err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"status": "ready"})
}

func (s *server) noRoute(c *gin.Context) {
	if s.opts.UI != nil && (c.Request.Method == http.MethodGet || c.Request.Method == http.MethodHead) &&
		!hasPrefix(c.Request.URL.Path, "/v1/") {
		s.serveUI(c)
		return
	}
	s.fail(c, graph.Errorf(graph.ENOTFOUND, "no route %s %s; GET /openapi.json lists the API", c.Request.Method, truncate(c.Request.URL.Path, 100)))
}

// noMethod answers a method that the path does not take; gin has set the
// Allow header.
func (s *server) noMethod(c *gin.Context) {
	allow := c.Writer.Header().Get("Allow")
	s.fail(c, statusErrorf(http.StatusMethodNotAllowed, graph.EINVALID, "%s %s is not a route; %s answers %s (GET /openapi.json lists the API)",
		c.Request.Method, truncate(c.Request.URL.Path, 100), truncate(c.Request.URL.Path, 100), allow))
}

// serveUI serves the explorer's files. Their error answers (a file that
// does not exist, a range outside one) become problems like every other
// error answer, instead of the file server's plain text.
func (s *server) serveUI(c *gin.Context) {
	w := &uiWriter{ResponseWriter: c.Writer}
	s.opts.UI.ServeHTTP(w, c.Request)
	if w.failed == 0 {
		return
	}
	h := c.Writer.Header()
	h.Del("Content-Length")
	h.Del("X-Content-Type-Options")
	what := fmt.Sprintf("%s %s", c.Request.Method, truncate(c.Request.URL.Path, 100))
	var err error
	switch st := w.failed; {
	case st == http.StatusNotFound:
		err = graph.Errorf(graph.ENOTFOUND, "no file or route %s; the explorer is at /, and GET /openapi.json lists the API", what)
	case st == http.StatusForbidden:
		err = graph.Errorf(graph.EFORBIDDEN, "%s is not served", what)
	case st == http.StatusRequestedRangeNotSatisfiable:
		err = statusErrorf(st, graph.EINVALID, "the Range of %s lies outside the file", what)
	case st >= 500:
		err = fmt.Errorf("serving the explorer's file %s: status %d", what, st)
	default:
		err = statusErrorf(st, graph.EINVALID, "%s: %s", what, strings.ToLower(http.StatusText(st)))
	}
	s.fail(c, err)
}

// uiWriter passes the explorer's answers through, except an error status:
// it keeps that (failed) and drops the body that goes with it.
type uiWriter struct {
	http.ResponseWriter
	failed int
}

func (w *uiWriter) WriteHeader(code int) {
	if code >= 400 {
		w.failed = code
		return
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *uiWriter) Write(b []byte) (int, error) {
	if w.failed != 0 {
		return len(b), nil
	}
	return w.ResponseWriter.Write(b)
}

func hasPrefix(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
