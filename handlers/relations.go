package handlers

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/encoding"
)

// listRelations is the edge list: native JSON is an array of edges, and
// every format streams from Store.EachEdge so memory stays flat. CSV is the
// edges CSV unless part=nodes; the graph formats also carry every actor.
func (s *server) listRelations(c *gin.Context) {
	flt, _, err := edgeListFilter(c.Request.URL.Query())
	if err != nil {
		s.fail(c, err)
		return
	}
	f, err := negotiate(c, "edges")
	if err != nil {
		s.fail(c, err)
		return
	}
	if f.native {
		c.Header("Content-Type", "application/json; charset=utf-8")
		c.Status(http.StatusOK)
		arr := newJSONArray(c.Writer, "[")
		err := s.store.EachEdge(ctx(c), flt, func(e graph.Edge) error { return arr.add(&e) })
		if err != nil {
			s.fail(c, err)
			return
		}
		if err := arr.close("]\n"); err != nil {
			s.fail(c, err)
		}
		return
	}
	// An edge list has no nodes of its own; the graph formats need them.
	withNodes := f.enc != encoding.NDJSON && !(f.enc == encoding.CSV && f.opts.Part == "edges")
	s.streamGraph(c, f, "actorgraph-relations", withNodes, flt, false)
}

// streamGraph writes every actor (when withNodes) and every edge passing
// flt in format f, streaming from the store.
func (s *server) streamGraph(c *gin.Context, f format, name string, withNodes bool, flt graph.RelationFilter, attach bool) {
	w, err := s.graphWriter(c, f, name, attach)
	if err != nil {
		s.fail(c, err)
		return
	}
	cx := ctx(c)
	if withNodes {
		if err := s.store.EachActor(cx, w.Node); err != nil {
			s.fail(c, err)
			return
		}
	}
	if err := s.store.EachEdge(cx, flt, w.Edge); err != nil {
		s.fail(c, err)
		return
	}
	if err := w.Close(); err != nil {
		s.fail(c, err)
	}
}

func (s *server) getRelation(c *gin.Context) {
	if !s.noParams(c) {
		return
	}
	r, err := s.store.Relation(ctx(c), c.Param("id"))
	if err != nil {
		s.fail(c, err)
		return
	}
	idx, err := s.sourceIndex(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.respond(c, http.StatusOK, idx.relation(r))
}

func (s *server) createRelation(c *gin.Context) {
	if !s.noParams(c) {
		return
	}
	var r graph.Relation
	if err := s.decodeBody(c, &r); err != nil {
		s.fail(c, err)
		return
	}
	out, err := s.store.CreateRelation(ctx(c), r)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Header("Location", location("/v1/relations/", out.ID))
	s.respond(c, http.StatusCreated, out)
}

func (s *server) updateRelation(c *gin.Context) {
	if !s.noParams(c) {
		return
	}
	var p graph.RelationPatch
	if err := s.decodeBody(c, &p); err != nil {
		s.fail(c, err)
		return
	}
	out, err := s.store.UpdateRelation(ctx(c), c.Param("id"), p)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.respond(c, http.StatusOK, out)
}

func (s *server) deleteRelation(c *gin.Context) {
	if !s.noParams(c) {
		return
	}
	if err := s.store.DeleteRelation(ctx(c), c.Param("id")); err != nil {
		s.fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

func (s *server) addEvidence(c *gin.Context) {
	if !s.noParams(c) {
		return
	}
	var e graph.Evidence
	if err := s.decodeBody(c, &e); err != nil {
		s.fail(c, err)
		return
	}
	out, err := s.store.AddEvidence(ctx(c), c.Param("id"), e)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.respond(c, http.StatusOK, out)
}

func (s *server) relationTypes(c *gin.Context) {
	if !s.noParams(c) {
		return
	}
	s.respond(c, http.StatusOK, gin.H{"types": graph.Vocabulary()})
}

func (s *server) sources(c *gin.Context) {
	if !s.noParams(c) {
		return
	}
	list, err := s.store.Sources(ctx(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	if list == nil {
		list = []graph.Source{}
	}
	s.respond(c, http.StatusOK, gin.H{"sources": list})
}

func (s *server) source(c *gin.Context) {
	if !s.noParams(c) {
		return
	}
	src, err := s.store.Source(ctx(c), c.Param("id"))
	if err != nil {
		s.fail(c, err)
		return
	}
	s.respond(c, http.StatusOK, src)
}

func (s *server) stats(c *gin.Context) {
	p, err := parseParams(c.Request.URL.Query(), statsParams)
	if err != nil {
		s.fail(c, err)
		return
	}
	top, err := p.integer("top", 10)
	if err != nil {
		s.fail(c, err)
		return
	}
	if top < 0 || top > s.limits.MaxSearch {
		s.fail(c, graph.Errorf(graph.EINVALID, "top must be between 0 and %d", s.limits.MaxSearch))
		return
	}
	st, err := s.store.Stats(ctx(c), top)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.respond(c, http.StatusOK, st)
}

// WriteBundle streams the whole graph held by st as one bundle
// (graph.BundleFormat) to w: sources, then actors and relations in id
// order, without holding them all in memory. The output is what
// POST /v1/import and `actorgraph import` read.
func WriteBundle(cx context.Context, st graph.Store, w interface{ Write([]byte) (int, error) }) error {
	srcs, err := st.Sources(cx)
	if err != nil {
		return err
	}
	arr := newJSONArray(w, `{"format":"`+graph.BundleFormat+`",`+"\n"+`"sources":[`)
	for i := range srcs {
		if err := arr.add(&srcs[i]); err != nil {
			return err
		}
	}
	arr.next(`"actors":[`)
	if err := st.EachActor(cx, func(a graph.Actor) error { return arr.add(&a) }); err != nil {
		return err
	}
	arr.next(`"relations":[`)
	if err := st.EachRelation(cx, graph.RelationFilter{}, func(r graph.Relation) error { return arr.add(&r) }); err != nil {
		return err
	}
	return arr.close("]}\n")
}

func (s *server) export(c *gin.Context) {
	if !s.allowParams(c, exportParams) {
		return
	}
	f, err := negotiate(c, "")
	if err != nil {
		s.fail(c, err)
		return
	}
	if f.native {
		c.Header("Content-Type", "application/json; charset=utf-8")
		c.Header("Content-Disposition", `attachment; filename="actorgraph-bundle.json"`)
		c.Status(http.StatusOK)
		if err := WriteBundle(ctx(c), s.store, c.Writer); err != nil {
			s.fail(c, err)
		}
		return
	}
	f.opts.Time = s.now()
	s.streamGraph(c, f, "actorgraph", true, graph.RelationFilter{}, true)
}

// recordingReader remembers the last read error, which DecodeBundle turns
// into a problem, so that a body over the limit still gets 413.
type recordingReader struct {
	r   interface{ Read([]byte) (int, error) }
	err error
}

func (r *recordingReader) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	if err != nil {
		r.err = err
	}
	return n, err
}

func (s *server) importBundle(c *gin.Context) {
	if !s.noParams(c) {
		return
	}
	rr := &recordingReader{r: c.Request.Body}
	b, problems := graph.DecodeBundle(rr, "")
	if rr.err != nil {
		if err := s.bodyError(rr.err); graph.ErrorCode(err) == graph.ETOOLARGE {
			s.fail(c, err)
			return
		}
	}
	if len(problems) > 0 {
		s.fail(c, &graph.ValidationError{Problems: problems})
		return
	}
	res, err := s.store.Import(ctx(c), b)
	s.srcs.drop()
	if err != nil {
		s.fail(c, err)
		return
	}
	s.respond(c, http.StatusOK, gin.H{"imported": res})
}
