package handlers

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/actorgraph/actorgraph/graph"
)

// decodeBody reads the JSON body into v, strictly: the body must be sent
// as JSON (checkJSONBody: 415 otherwise), be one JSON object (not null, a
// list or a string), and have no unknown fields or trailing data; past the
// size limit is 413. Messages name JSON types and fields, never Go ones.
func (s *server) decodeBody(c *gin.Context, v any) error {
	raw, err := s.bodyObject(c)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return s.jsonError(err)
	}
	return nil
}

// decodePatch is decodeBody for a PATCH body, which changes the fields it
// names: it must name at least one (fields lists them, for the message),
// and none may be null (a field cannot be removed; an empty string clears
// a text).
func (s *server) decodePatch(c *gin.Context, v any, fields string) error {
	raw, err := s.bodyObject(c)
	if err != nil {
		return err
	}
	var named map[string]json.RawMessage
	if err := json.Unmarshal(raw, &named); err != nil {
		return s.jsonError(err)
	}
	if len(named) == 0 {
		return graph.Errorf(graph.EINVALID, "the patch names no field to change; give at least one of %s", fields)
	}
	keys := make([]string, 0, len(named))
	for k := range named {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if string(named[k]) == "null" {
			return graph.Errorf(graph.EINVALID, "field %s is null; give it a value (a patch changes only the fields it names, and cannot remove one)", truncate(k, 40))
		}
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return s.jsonError(err)
	}
	return nil
}

// bodyObject reads a JSON body that must be one object and returns it. A
// request without a body is told so, whatever its Content-Type.
func (s *server) bodyObject(c *gin.Context) (json.RawMessage, error) {
	if c.Request.ContentLength == 0 {
		return nil, graph.Errorf(graph.EINVALID, "the request body is empty; send a JSON object")
	}
	if err := checkJSONBody(c); err != nil {
		return nil, err
	}
	dec := json.NewDecoder(c.Request.Body)
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return nil, s.jsonError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		if err != nil && !isSyntax(err) {
			return nil, s.jsonError(err)
		}
		return nil, graph.Errorf(graph.EINVALID, "unexpected data after the JSON body")
	}
	if raw[0] != '{' {
		return nil, graph.Errorf(graph.EINVALID, "the request body must be a JSON object, not %s", jsonKind(raw))
	}
	return raw, nil
}

func isSyntax(err error) bool {
	var se *json.SyntaxError
	return errors.As(err, &se)
}

// jsonKind names the kind of a JSON value, for messages.
func jsonKind(raw json.RawMessage) string {
	switch raw[0] {
	case 'n':
		return "null"
	case '[':
		return "a list"
	case '"':
		return "a string"
	case 't', 'f':
		return "true or false"
	case '{':
		return "an object"
	}
	return "a number"
}

// checkJSONBody answers 415 unless the request says its body is JSON:
// application/json or another application/...+json type, in UTF-8 if it
// names a charset. A browser can send only form and text/plain bodies
// without asking first (a CORS preflight), so this also keeps web pages of
// other origins from posting to the API behind the user's back.
func checkJSONBody(c *gin.Context) error {
	ct := c.GetHeader("Content-Type")
	mt, params, err := mime.ParseMediaType(ct)
	ok := err == nil && (mt == "application/json" || strings.HasPrefix(mt, "application/") && strings.HasSuffix(mt, "+json"))
	if cs, named := params["charset"]; ok && named && !strings.EqualFold(cs, "utf-8") {
		ok = false
	}
	if ok {
		return nil
	}
	if ct == "" {
		ct = "none"
	} else {
		ct = strconv.Quote(truncate(ct, 60))
	}
	return statusErrorf(http.StatusUnsupportedMediaType, graph.EINVALID,
		"the request body must be JSON sent with \"Content-Type: application/json\", not with Content-Type %s", ct)
}

func (s *server) jsonError(err error) error {
	var (
		mb *http.MaxBytesError
		ge *graph.Error
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
	case isSyntax(err):
		var se *json.SyntaxError
		errors.As(err, &se)
		return graph.Errorf(graph.EINVALID, "the request body is not valid JSON (at byte %d): %s", se.Offset, strings.TrimPrefix(se.Error(), "json: "))
	}
	field, msg := graph.DescribeJSONError(err)
	if field != "" {
		return graph.Errorf(graph.EINVALID, "field %s %s", field, msg)
	}
	if name, ok := strings.CutPrefix(msg, "unknown field "); ok {
		return graph.Errorf(graph.EINVALID, "unknown field %s in the request body (check the spelling)", strings.TrimSuffix(name, " (check the spelling)"))
	}
	return graph.Errorf(graph.EINVALID, "the request body %s", msg)
}

func (s *server) searchActors(c *gin.Context) {
	q, err := searchQuery(queryOf(c), s.limits())
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
	f, err := relationFilter(queryOf(c))
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
	if err := s.decodePatch(c, &p, "name, aliases, description, start, end"); err != nil {
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
	p, err := parseParams(queryOf(c), deleteParams)
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
