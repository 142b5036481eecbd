package handlers

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"runtime/debug"
	"slices"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/actorgraph/actorgraph/graph"
)

// Keys of values kept in the gin.Context.
const (
	requestIDKey = "actorgraph.request_id"
	errorCodeKey = "actorgraph.error_code"
	keyNameKey   = "actorgraph.key_name"
	queryKey     = "actorgraph.query"
	goneKey      = "actorgraph.client_gone"
	connCtxKey   = "actorgraph.conn_ctx"
)

// RequestIDHeader carries the request id, taken from the request when it
// is well-formed and echoed in every response.
const RequestIDHeader = "X-Request-ID"

func validRequestID(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

// requestIDs makes request ids: a random prefix per process and a
// counter, unique without a system call per request.
type requestIDs struct {
	prefix string
	n      atomic.Uint64
}

func newRequestIDs() *requestIDs {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return &requestIDs{prefix: hex.EncodeToString(b[:]) + "-"}
}

func (r *requestIDs) next() string {
	return r.prefix + strconv.FormatUint(r.n.Add(1), 36)
}

func (s *server) requestID(c *gin.Context) {
	id := c.GetHeader(RequestIDHeader)
	if !validRequestID(id) {
		id = s.ids.next()
	}
	c.Set(requestIDKey, id)
	c.Header(RequestIDHeader, id)
	c.Next()
}

// StatusClientClosed is the status that the metrics and the request log
// give a request whose client went away before its answer was complete
// (nginx's 499 "client closed request"). Nothing is sent: nobody is
// listening. It is not a server error, so it raises no alert meant for
// 5xx, and the log line is at info level.
const StatusClientClosed = 499

// trackingWriter remembers the first error of writing the answer, which
// means the client is gone (a reset or closed connection).
type trackingWriter struct {
	gin.ResponseWriter
	err error
}

func (w *trackingWriter) Write(b []byte) (int, error) {
	n, err := w.ResponseWriter.Write(b)
	if err != nil && w.err == nil {
		w.err = err
	}
	return n, err
}

func (w *trackingWriter) WriteString(s string) (int, error) {
	n, err := w.ResponseWriter.WriteString(s)
	if err != nil && w.err == nil {
		w.err = err
	}
	return n, err
}

// clientGone reports whether the client of c went away: its connection
// closed (the context net/http gave the request is cancelled; the
// request's own context also ends at its deadline, and when limit is done
// with it) or writing the answer failed.
func clientGone(c *gin.Context) bool {
	if c.GetBool(goneKey) {
		return true
	}
	if cx, ok := c.Value(connCtxKey).(context.Context); ok && errors.Is(cx.Err(), context.Canceled) {
		return true
	}
	tw, ok := c.Writer.(*trackingWriter)
	return ok && tw.err != nil
}

// logRequest writes one structured line per request and records the
// request metrics.
func (s *server) logRequest(c *gin.Context) {
	start := s.now()
	c.Set(connCtxKey, c.Request.Context())
	c.Writer = &trackingWriter{ResponseWriter: c.Writer}
	defer s.logDone(c, start) // deferred: also for responses cut off by a panic
	c.Next()
}

func (s *server) logDone(c *gin.Context, start time.Time) {
	elapsed := s.now().Sub(start)
	route := c.FullPath()
	if route == "" {
		route = "unmatched"
	}
	status := c.Writer.Status()
	gone := clientGone(c)
	if gone {
		status = StatusClientClosed
	}
	s.metrics.observeRequest(c.Request.Method, route, status, elapsed)
	level := slog.LevelInfo
	if status >= 500 {
		level = slog.LevelError
	}
	if !s.log.Enabled(c.Request.Context(), level) {
		return
	}
	attrs := []slog.Attr{
		slog.String("request_id", c.GetString(requestIDKey)),
		slog.String("method", c.Request.Method),
		slog.String("route", route),
		slog.String("path", c.Request.URL.Path),
		slog.Int("status", status),
		slog.Int("bytes", max(c.Writer.Size(), 0)),
		slog.Float64("duration_ms", float64(elapsed.Microseconds())/1000),
		slog.String("remote", c.ClientIP()),
	}
	if q := c.Request.URL.RawQuery; q != "" {
		attrs = append(attrs, slog.String("query", truncate(q, 300)))
	}
	if code := c.GetString(errorCodeKey); code != "" {
		attrs = append(attrs, slog.String("code", code))
	}
	if k := c.GetString(keyNameKey); k != "" {
		attrs = append(attrs, slog.String("key", k))
	}
	msg := "request"
	if gone {
		msg = "client closed request"
	}
	s.log.LogAttrs(c.Request.Context(), level, msg, attrs...)
}

// recover turns a panic into a 500 problem and logs it with its stack.
// http.ErrAbortHandler passes through: it cuts a response that has begun.
func (s *server) recover(c *gin.Context) {
	defer func() {
		v := recover()
		if v == nil {
			return
		}
		if err, ok := v.(error); ok && errors.Is(err, http.ErrAbortHandler) {
			panic(v)
		}
		s.log.LogAttrs(c.Request.Context(), slog.LevelError, "panic", slog.String("request_id", c.GetString(requestIDKey)),
			slog.String("panic", fmt.Sprint(v)), slog.String("stack", string(debug.Stack())))
		if c.Writer.Written() {
			panic(http.ErrAbortHandler)
		}
		s.fail(c, fmt.Errorf("panic: %v", v))
	}()
	c.Next()
}

// cors lets the configured origins fetch from browsers, and answers
// preflight requests.
func (s *server) cors(c *gin.Context) {
	origin := c.GetHeader("Origin")
	if origin == "" || len(s.opts.CORSOrigins) == 0 {
		c.Next()
		return
	}
	any := slices.Contains(s.opts.CORSOrigins, "*")
	if !any && !slices.Contains(s.opts.CORSOrigins, origin) {
		c.Next()
		return
	}
	h := c.Writer.Header()
	h.Add("Vary", "Origin")
	if any {
		h.Set("Access-Control-Allow-Origin", "*")
	} else {
		h.Set("Access-Control-Allow-Origin", origin)
	}
	h.Set("Access-Control-Expose-Headers", "X-Request-ID, Content-Disposition, Location")
	if c.Request.Method == http.MethodOptions && c.GetHeader("Access-Control-Request-Method") != "" {
		h.Set("Access-Control-Allow-Methods", "GET, POST, PATCH, DELETE, OPTIONS")
		h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type, Accept, X-Request-ID")
		h.Set("Access-Control-Max-Age", "600")
		c.AbortWithStatus(http.StatusNoContent)
		return
	}
	c.Next()
}

// analysisGrace is how much longer than the analysis time limit an
// analysis request may take: the time to write its answer.
const analysisGrace = 10 * time.Second

// limit bounds the request: a deadline on its context and a cap on its
// body. The analysis routes get the analysis time limit when it is longer
// than the request timeout.
func (s *server) limit(c *gin.Context) {
	d := s.opts.RequestTimeout
	if streamRoutes[c.FullPath()] {
		d = s.opts.StreamTimeout
	}
	if analysisRoute(c.FullPath()) {
		// The analysis stops at its own limit, which it names, first.
		d = max(d, s.svc.AnalysisLimits().Timeout+analysisGrace)
	}
	cx, cancel := context.WithTimeout(c.Request.Context(), d)
	defer cancel()
	c.Request = c.Request.WithContext(cx)
	if c.Request.Body != nil {
		c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, s.opts.MaxBodyBytes)
	}
	c.Next()
}

// query parses the request's query string strictly (parseQuery) once, for
// every handler to read with queryOf; a malformed one is answered here,
// naming the bad pair.
func (s *server) query(c *gin.Context) {
	vals, err := parseQuery(c.Request.URL.RawQuery)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Set(queryKey, vals)
	c.Next()
}

// queryOf returns the query parameters that the query middleware parsed.
func queryOf(c *gin.Context) url.Values {
	if v, ok := c.Get(queryKey); ok {
		return v.(url.Values)
	}
	vals, _ := parseQuery(c.Request.URL.RawQuery)
	return vals
}

// bodyError turns an error reading the body into a domain error: 413 past
// the size limit.
func (s *server) bodyError(err error) error {
	var mb *http.MaxBytesError
	if errors.As(err, &mb) {
		return graph.Errorf(graph.ETOOLARGE, "the request body is larger than the limit of %s", byteSize(mb.Limit))
	}
	return err
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + " KiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// noParams rejects any query parameter; it reports whether the request may
// go on.
func (s *server) noParams(c *gin.Context) bool {
	return s.allowParams(c, nil)
}

// allowParams rejects parameters outside allowed.
func (s *server) allowParams(c *gin.Context, allowed []string) bool {
	if _, err := parseParams(queryOf(c), allowed); err != nil {
		s.fail(c, err)
		return false
	}
	return true
}
