package handlers

import (
	"context"
	"errors"
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/actorgraph/actorgraph/graph"
)

// statusOf is the one table that maps error codes to HTTP statuses.
var statusOf = map[string]int{
	graph.EINVALID:      http.StatusBadRequest,
	graph.ENOTFOUND:     http.StatusNotFound,
	graph.EAMBIGUOUS:    http.StatusConflict,
	graph.EUNAUTHORIZED: http.StatusUnauthorized,
	graph.EFORBIDDEN:    http.StatusForbidden,
	graph.ECONFLICT:     http.StatusConflict,
	graph.ETOOLARGE:     http.StatusRequestEntityTooLarge,
	graph.EUNAVAILABLE:  http.StatusServiceUnavailable,
	graph.EINTERNAL:     http.StatusInternalServerError,
}

// statusError is a domain error answered with a more precise status than
// its code's in statusOf, for conditions of the HTTP transport alone:
// 405 Method Not Allowed (code invalid_argument, with an Allow header) for
// a method the path does not take, 415 Unsupported Media Type
// (invalid_argument) for a body that is not JSON, 416 (invalid_argument)
// for a range outside one of the explorer's files, and, written by
// ProblemListener before a request reaches the router, 431 Request Header
// Fields Too Large (too_large) and 417 Expectation Failed
// (invalid_argument). The code
// stays one of the table's, so a client that knows the codes knows what
// to do.
type statusError struct {
	status int
	err    *graph.Error
}

func (e *statusError) Error() string { return e.err.Error() }
func (e *statusError) Unwrap() error { return e.err }

func statusErrorf(status int, code, format string, args ...any) error {
	return &statusError{status: status, err: graph.Errorf(code, format, args...)}
}

// problemTypePrefix makes a problem's "type" URI from its code.
const problemTypePrefix = "urn:actorgraph:problem:"

// Problem is the RFC 9457 problem document of every error answer.
type Problem struct {
	Type     string `json:"type"`   // urn:actorgraph:problem:<code>
	Title    string `json:"title"`  // the status text
	Status   int    `json:"status"` // the HTTP status
	Detail   string `json:"detail"` // what is wrong and what to do
	Code     string `json:"code"`   // a code of graph/error.go
	Instance string `json:"instance,omitempty"`
	// Problems lists every problem of a validation error.
	Problems []graph.Problem `json:"problems,omitempty"`
	// Candidates lists the actors an ambiguous name matches, or those
	// whose names come closest to a name that matches none ("did you
	// mean"), best first, with the name or alias that came close and why.
	Candidates []graph.Candidate `json:"candidates,omitempty"`
}

// problemOf turns err into a problem document. Internal errors get a
// generic detail; their text is for the log only.
func problemOf(err error, requestID string) Problem {
	code := graph.ErrorCode(err)
	detail := graph.ErrorMessage(err)
	if code == graph.EINTERNAL {
		switch {
		case errors.Is(err, context.DeadlineExceeded):
			code, detail = graph.EUNAVAILABLE, "the request took longer than the server allows; narrow it (fewer hops, a smaller depth or limit) or retry"
		case errors.Is(err, context.Canceled):
			code, detail = graph.EUNAVAILABLE, "the request was cancelled"
		default:
			detail = "internal error; the server log has the details under request id " + requestID
		}
	}
	status, ok := statusOf[code]
	if !ok {
		code, status = graph.EINTERNAL, http.StatusInternalServerError
	}
	var se *statusError
	if errors.As(err, &se) {
		status = se.status
	}
	p := Problem{
		Type: problemTypePrefix + code, Title: http.StatusText(status), Status: status,
		Detail: detail, Code: code,
	}
	if requestID != "" {
		p.Instance = "urn:actorgraph:request:" + requestID
	}
	var v *graph.ValidationError
	if errors.As(err, &v) {
		p.Problems = v.Problems
	}
	var a *graph.AmbiguousError
	if errors.As(err, &a) {
		for _, c := range a.Candidates {
			p.Candidates = append(p.Candidates, graph.Candidate{ActorRef: c})
		}
	}
	var u *graph.UnresolvedError
	if errors.As(err, &u) {
		p.Candidates = u.Candidates
	}
	return p
}

// fail answers the request with the problem of err and aborts the chain.
// Internal errors are logged with their text. When the client has gone
// away (clientGone), what failed is only that nobody waits for the answer:
// nothing is sent, nothing is logged as an error, and the request is
// counted as StatusClientClosed.
func (s *server) fail(c *gin.Context, err error) {
	if clientGone(c) {
		c.Set(goneKey, true)
		c.Abort()
		if c.Writer.Written() {
			panic(http.ErrAbortHandler)
		}
		return
	}
	id := c.GetString(requestIDKey)
	p := problemOf(err, id)
	if p.Code == graph.EINTERNAL || p.Code == graph.EUNAVAILABLE {
		s.log.LogAttrs(ctx(c), slog.LevelError, "request failed", slog.String("request_id", id),
			slog.String("code", p.Code), slog.String("error", err.Error()))
	}
	c.Set(errorCodeKey, p.Code)
	if c.Writer.Written() {
		// The answer has begun: all we can do is cut it off, so that the
		// client sees an incomplete response rather than a complete-looking
		// wrong one.
		c.Abort()
		panic(http.ErrAbortHandler)
	}
	h := c.Writer.Header()
	h.Del("Content-Disposition")
	h.Set("Content-Type", "application/problem+json")
	if p.Status == http.StatusUnauthorized {
		h.Set("WWW-Authenticate", `Bearer realm="actorgraph"`)
	}
	c.Status(p.Status)
	c.Abort()
	writeJSON(c.Writer, p)
}
