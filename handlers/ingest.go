package handlers

import (
	"bytes"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/actorgraph/actorgraph/analyst"
	"github.com/actorgraph/actorgraph/graph"
)

// Ingestion and review: POST /v1/sources (an article with its text),
// GET /v1/sources/{id}/text, POST /v1/sources/{id}/extract, the proposals,
// their acceptance or rejection, and the audit log.

// Parameter sets of the ingestion endpoints.
var (
	newSourceParams      = []string{"id", "title", "publisher", "author", "url", "published", "reliability", "credibility"}
	proposalParams       = []string{"source", "status", "kind", "limit", "offset"}
	sourceProposalParams = []string{"status", "kind", "limit", "offset"}
	auditParams          = []string{"since", "after", "limit"}
)

// who is the name of the API key of the request: the reviewer that the
// audit log records.
func who(c *gin.Context) string {
	if k := c.GetString(keyNameKey); k != "" {
		return k
	}
	return "anonymous"
}

// createSource answers POST /v1/sources: a JSON object (analyst.NewSource),
// or the text itself as text/plain with the other fields as query
// parameters.
func (s *server) createSource(c *gin.Context) {
	in, err := s.newSource(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	out, err := s.svc.CreateSource(ctx(c), who(c), in)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Header("Location", location("/v1/sources/", out.Source.ID))
	s.respond(c, http.StatusCreated, out)
}

// newSource reads the article of POST /v1/sources by its content type.
//
// It is the one body that may be text/plain (issue 14: an article's text as
// it is, with the other fields as query parameters), where every other
// body must be JSON (checkJSONBody). A text/plain POST is one a web page
// can make a browser send to another origin without asking first (no CORS
// preflight); this one is harmless, because it needs a write key in the
// Authorization header, which a browser sends cross-origin only after a
// preflight that the server answers for the configured origins alone. Any
// other type is 415.
func (s *server) newSource(c *gin.Context) (analyst.NewSource, error) {
	var in analyst.NewSource
	ct := c.GetHeader("Content-Type")
	mt, params, err := mime.ParseMediaType(ct)
	if ct == "" || err != nil {
		mt = ""
	}
	switch mt {
	case "application/json":
		if _, err := parseParams(queryOf(c), nil); err != nil {
			return in, graph.Errorf(graph.EINVALID, "%s (a JSON body carries every field; query parameters are for text/plain bodies)", graph.ErrorMessage(err))
		}
		return in, s.decodeBody(c, &in)
	case "text/plain":
		if cs := strings.ToLower(params["charset"]); cs != "" && cs != "utf-8" && cs != "us-ascii" {
			return in, graph.Errorf(graph.EINVALID, "the text must be UTF-8, not %s", truncate(cs, 30))
		}
		p, err := parseParams(queryOf(c), newSourceParams)
		if err != nil {
			return in, err
		}
		in = analyst.NewSource{ID: p.str("id"), Title: p.str("title"), Publisher: p.str("publisher"), Author: p.str("author"),
			URL: p.str("url"), Reliability: strings.ToUpper(p.str("reliability"))}
		if p.str("published") != "" {
			if in.Published, err = p.date("published"); err != nil {
				return in, err
			}
		}
		if in.Credibility, err = p.integer("credibility", 0); err != nil {
			return in, err
		}
		body, err := io.ReadAll(c.Request.Body)
		if err != nil {
			return in, s.bodyError(err)
		}
		in.Text = string(body)
		return in, nil
	}
	return in, statusErrorf(http.StatusUnsupportedMediaType, graph.EINVALID, "send the article as application/json (an object with title, publisher, published, reliability and text) or as text/plain with the other fields as query parameters; the Content-Type is %q", truncate(ct, 60))
}

// sourceText answers GET /v1/sources/{id}/text with the text as stored.
func (s *server) sourceText(c *gin.Context) {
	if !s.noParams(c) {
		return
	}
	text, err := s.svc.SourceText(ctx(c), c.Param("id"))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Header("Content-Type", "text/plain; charset=utf-8")
	c.Header("X-Content-Type-Options", "nosniff")
	c.String(http.StatusOK, "%s", text)
}

// extractSource answers POST /v1/sources/{id}/extract: extraction again.
func (s *server) extractSource(c *gin.Context) {
	if !s.noParams(c) {
		return
	}
	out, err := s.svc.Extract(ctx(c), who(c), c.Param("id"))
	if err != nil {
		s.fail(c, err)
		return
	}
	s.respond(c, http.StatusOK, out)
}

// proposalFilter parses the filter and page of a proposals list.
func proposalFilter(vals url.Values, allowed []string) (graph.ProposalFilter, error) {
	p, err := parseParams(vals, allowed)
	if err != nil {
		return graph.ProposalFilter{}, err
	}
	f := graph.ProposalFilter{Source: p.str("source"), Status: graph.ProposalStatus(strings.ToLower(p.str("status"))),
		Kind: graph.ProposalKind(strings.ToLower(p.str("kind")))}
	if f.Limit, err = p.integer("limit", 0); err != nil {
		return f, err
	}
	if p.str("limit") != "" && f.Limit == 0 {
		return f, graph.Errorf(graph.EINVALID, "limit must be between 1 and %d", graph.MaxPage)
	}
	if f.Offset, err = p.integer("offset", 0); err != nil {
		return f, err
	}
	return f, f.Normalize()
}

// listProposals answers GET /v1/proposals.
func (s *server) listProposals(c *gin.Context) {
	f, err := proposalFilter(queryOf(c), proposalParams)
	if err != nil {
		s.fail(c, err)
		return
	}
	page, err := s.svc.Proposals(ctx(c), f)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.respond(c, http.StatusOK, page)
}

// sourceProposals answers GET /v1/sources/{id}/proposals.
func (s *server) sourceProposals(c *gin.Context) {
	f, err := proposalFilter(queryOf(c), sourceProposalParams)
	if err != nil {
		s.fail(c, err)
		return
	}
	page, err := s.svc.SourceProposals(ctx(c), c.Param("id"), f)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.respond(c, http.StatusOK, page)
}

// getProposal answers GET /v1/proposals/{id}.
func (s *server) getProposal(c *gin.Context) {
	if !s.noParams(c) {
		return
	}
	p, err := s.svc.Proposal(ctx(c), c.Param("id"))
	if err != nil {
		s.fail(c, err)
		return
	}
	s.respond(c, http.StatusOK, p)
}

// acceptProposal answers POST /v1/proposals/{id}/accept; the body, edits
// (analyst.Edits), may be empty.
func (s *server) acceptProposal(c *gin.Context) {
	if !s.noParams(c) {
		return
	}
	var ed analyst.Edits
	// The body is optional: an empty one (whatever its Content-Type, as a
	// chunked request without a body has none) means no edits; any other
	// must be JSON.
	raw, err := io.ReadAll(c.Request.Body)
	if err != nil {
		s.fail(c, s.bodyError(err))
		return
	}
	if len(bytes.TrimSpace(raw)) > 0 {
		c.Request.Body = io.NopCloser(bytes.NewReader(raw))
		if err := s.decodeBody(c, &ed); err != nil {
			s.fail(c, err)
			return
		}
	}
	res, err := s.svc.Accept(ctx(c), who(c), c.Param("id"), ed)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.respond(c, http.StatusOK, res)
}

// rejection is the body of POST /v1/proposals/{id}/reject.
type rejection struct {
	Reason string `json:"reason"`
}

// rejectProposal answers POST /v1/proposals/{id}/reject.
func (s *server) rejectProposal(c *gin.Context) {
	if !s.noParams(c) {
		return
	}
	var r rejection
	if err := s.decodeBody(c, &r); err != nil {
		s.fail(c, err)
		return
	}
	res, err := s.svc.Reject(ctx(c), who(c), c.Param("id"), r.Reason)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.respond(c, http.StatusOK, res)
}

// audit answers GET /v1/audit?since=&after=&limit=.
func (s *server) audit(c *gin.Context) {
	p, err := parseParams(queryOf(c), auditParams)
	if err != nil {
		s.fail(c, err)
		return
	}
	var q graph.AuditQuery
	if v := p.str("since"); v != "" {
		if q.Since, err = parseSince(v); err != nil {
			s.fail(c, err)
			return
		}
	}
	after, err := p.integer("after", 0)
	if err != nil {
		s.fail(c, err)
		return
	}
	q.After = int64(after)
	if q.Limit, err = p.integer("limit", 0); err != nil {
		s.fail(c, err)
		return
	}
	if p.str("limit") != "" && q.Limit == 0 {
		s.fail(c, graph.Errorf(graph.EINVALID, "limit must be between 1 and %d", graph.MaxPage))
		return
	}
	if err := q.Normalize(); err != nil {
		s.fail(c, err)
		return
	}
	recs, err := s.svc.Audit(ctx(c), q)
	if err != nil {
		s.fail(c, err)
		return
	}
	out := gin.H{"records": recs}
	if len(recs) == q.Limit {
		out["next"] = recs[len(recs)-1].Seq // ?after= for the next page
	}
	s.respond(c, http.StatusOK, out)
}

// parseSince reads an RFC 3339 time, or a date (its first instant, UTC).
func parseSince(v string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
		return t, nil
	}
	if t, err := time.Parse("2006-01-02", v); err == nil {
		return t, nil
	}
	return time.Time{}, graph.Errorf(graph.EINVALID, "since must be a time such as 2025-03-01T09:00:00Z, or a date 2025-03-01, not %q", truncate(v, 40))
}
