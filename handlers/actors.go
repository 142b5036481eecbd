package handlers

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"slices"
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

// searchHit is one search result: the actor without its evidence, its
// score and degree.
type searchHit struct {
	graph.Actor
	Score  int `json:"score"`
	Degree int `json:"degree"`
}

type searchAnswer struct {
	Query  string      `json:"q"`
	Kind   graph.Kind  `json:"kind,omitempty"`
	Total  int         `json:"total"`
	Limit  int         `json:"limit"`
	Offset int         `json:"offset"`
	Hits   []searchHit `json:"hits"`
}

func (s *server) searchActors(c *gin.Context) {
	q, err := searchQuery(c.Request.URL.Query(), s.limits)
	if err != nil {
		s.fail(c, err)
		return
	}
	res, err := s.store.SearchActors(ctx(c), q)
	if err != nil {
		s.fail(c, err)
		return
	}
	out := searchAnswer{Query: q.Text, Kind: q.Kind, Total: res.Total, Limit: q.Limit, Offset: q.Offset, Hits: make([]searchHit, len(res.Hits))}
	for i, h := range res.Hits {
		h.Actor.Evidence = nil
		out.Hits[i] = searchHit{Actor: h.Actor, Score: h.Score, Degree: h.Degree}
	}
	s.respond(c, http.StatusOK, out)
}

// typeCount counts an actor's relations of one type; Out counts those
// where the actor is the stored from-end.
type typeCount struct {
	Type      string `json:"type"`
	Symmetric bool   `json:"symmetric"`
	Out       int    `json:"out"`
	In        int    `json:"in"`
	Total     int    `json:"total"`
}

type actorAnswer struct {
	graph.Actor
	Degree int `json:"degree"`
	// RelationsByType summarises the actor's relations, by type name.
	RelationsByType []typeCount `json:"relations_by_type"`
}

// resolve turns an {id} or a from/to into an actor: an id, or a name or
// alias that matches one actor (409 with the candidates when several do).
func (s *server) resolve(c *gin.Context, ref string) (graph.Actor, bool) {
	a, err := s.store.Resolve(ctx(c), ref)
	if err != nil {
		s.fail(c, err)
		return a, false
	}
	return a, true
}

func (s *server) getActor(c *gin.Context) {
	if !s.noParams(c) {
		return
	}
	a, ok := s.resolve(c, c.Param("id"))
	if !ok {
		return
	}
	rels, err := s.store.ActorRelations(ctx(c), a.ID, graph.RelationFilter{})
	if err != nil {
		s.fail(c, err)
		return
	}
	counts := map[string]*typeCount{}
	for _, r := range rels {
		tc := counts[r.Type]
		if tc == nil {
			tc = &typeCount{Type: r.Type, Symmetric: graph.IsSymmetric(r.Type)}
			counts[r.Type] = tc
		}
		if r.From == a.ID {
			tc.Out++
		} else {
			tc.In++
		}
		tc.Total++
	}
	out := actorAnswer{Actor: a, Degree: len(rels), RelationsByType: []typeCount{}}
	for _, tc := range counts {
		out.RelationsByType = append(out.RelationsByType, *tc)
	}
	slices.SortFunc(out.RelationsByType, func(x, y typeCount) int { return strings.Compare(x.Type, y.Type) })
	s.respond(c, http.StatusOK, out)
}

type relationsAnswer struct {
	Actor     graph.ActorRef `json:"actor"`
	Count     int            `json:"count"`
	Relations []relationOut  `json:"relations"`
}

func (s *server) actorRelations(c *gin.Context) {
	f, err := relationFilter(c.Request.URL.Query())
	if err != nil {
		s.fail(c, err)
		return
	}
	a, ok := s.resolve(c, c.Param("id"))
	if !ok {
		return
	}
	rels, err := s.store.ActorRelations(ctx(c), a.ID, f)
	if err != nil {
		s.fail(c, err)
		return
	}
	idx, err := s.sourceIndex(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	out := make([]relationOut, len(rels))
	for i, r := range rels {
		out[i] = idx.relation(r)
	}
	s.respond(c, http.StatusOK, relationsAnswer{Actor: a.Ref(), Count: len(out), Relations: out})
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
	out, err := s.store.CreateActor(ctx(c), a)
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
	out, err := s.store.UpdateActor(ctx(c), c.Param("id"), p)
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
	if err := s.store.DeleteActor(ctx(c), c.Param("id"), cascade); err != nil {
		s.fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}
