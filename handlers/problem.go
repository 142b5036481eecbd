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
	// mean"), best first.
	Candidates []graph.ActorRef `json:"candidates,omitempty"`
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
		p.Candidates = a.Candidates
	}
	var u *graph.UnresolvedError
	if errors.As(err, &u) {
		p.Candidates = u.Candidates
	}
	return p
}

// fail answers the request with the problem of err and aborts the chain.
// Internal errors are logged with their text.
func (s *server) fail(c *gin.Context, err error) {
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
