package handlers

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/actorgraph/actorgraph/graph"
)

// decodeBody reads the JSON body into v, strictly: unknown fields and
// trailing data are errors; past the size limit is 413.
func (s *server) decodeBody(c *gin.Context, v any) error {
	dec := json.NewDecoder(c.Request.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return s.jsonError(err)
	}
	if dec.More() {
		return graph.Errorf(graph.EINVALID, "unexpected data after the JSON body")
	}
	if _, err := dec.Token(); err != nil && !errors.Is(err, io.EOF) {
		return s.jsonError(err)
	}
	return nil
}

func (s *server) jsonError(err error) error {
	var (
		mb  *http.MaxBytesError
		ge  *graph.Error
		se  *json.SyntaxError
		ute *json.UnmarshalTypeError
	)
	switch {
	case errors.As(err, &mb):
		return s.bodyError(err)
	case errors.As(err, &ge):
		return ge
	case errors.Is(err, io.EOF):
		return graph.Errorf(graph.EINVALID, "the request body is empty; send a JSON object")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return graph.Errorf(graph.EINVALID, "the request body ends in the middle of the JSON")
	case errors.As(err, &se):
		return graph.Errorf(graph.EINVALID, "the request body is not valid JSON (at byte %d): %s", se.Offset, se.Error())
	case errors.As(err, &ute):
		if ute.Field == "" {
			return graph.Errorf(graph.EINVALID, "the request body must be a JSON object, not %s", ute.Value)
		}
		return graph.Errorf(graph.EINVALID, "field %s must not be %s", ute.Field, ute.Value)
	case strings.HasPrefix(err.Error(), "json: unknown field"):
		return graph.Errorf(graph.EINVALID, "%s in the request body (check the spelling)", strings.TrimPrefix(err.Error(), "json: "))
	}
	return graph.Errorf(graph.EINVALID, "the request body is not valid: %s", strings.TrimPrefix(err.Error(), "json: "))
}

func (s *server) searchActors(c *gin.Context) {
	q, err := searchQuery(c.Request.URL.Query(), s.limits())
	if err != nil {
		s.fail(c, err)
		return
	}
	out, err := s.svc.Search(ctx(c), q)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.respond(c, http.StatusOK, out)
}

func (s *server) getActor(c *gin.Context) {
	if !s.noParams(c) {
		return
	}
	out, err := s.svc.Actor(ctx(c), c.Param("id"))
	if err != nil {
		s.fail(c, err)
		return
	}
	s.respond(c, http.StatusOK, out)
}

func (s *server) actorRelations(c *gin.Context) {
	f, err := relationFilter(c.Request.URL.Query())
	if err != nil {
		s.fail(c, err)
		return
	}
	out, err := s.svc.ActorRelations(ctx(c), c.Param("id"), f)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.respond(c, http.StatusOK, out)
}

func location(prefix, id string) string { return prefix + url.PathEscape(id) }

func (s *server) createActor(c *gin.Context) {
	if !s.noParams(c) {
		return
	}
	var a graph.Actor
	if err := s.decodeBody(c, &a); err != nil {
		s.fail(c, err)
		return
	}
	out, err := s.svc.CreateActor(ctx(c), a)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Header("Location", location("/v1/actors/", out.ID))
	s.respond(c, http.StatusCreated, out)
}

func (s *server) updateActor(c *gin.Context) {
	if !s.noParams(c) {
		return
	}
	var p graph.ActorPatch
	if err := s.decodeBody(c, &p); err != nil {
		s.fail(c, err)
		return
	}
	out, err := s.svc.UpdateActor(ctx(c), c.Param("id"), p)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.respond(c, http.StatusOK, out)
}

func (s *server) deleteActor(c *gin.Context) {
	p, err := parseParams(c.Request.URL.Query(), deleteParams)
	if err != nil {
		s.fail(c, err)
		return
	}
	cascade, err := p.boolean("cascade", false)
	if err != nil {
		s.fail(c, err)
		return
	}
	if err := s.svc.DeleteActor(ctx(c), c.Param("id"), cascade); err != nil {
		s.fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}
