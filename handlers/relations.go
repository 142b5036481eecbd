package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/encoding"
)

// listRelations is the edge list: native JSON is an array of edges, and
// every format streams from Store.EachEdge so memory stays flat. CSV is the
// edges CSV unless part=nodes; the graph formats also carry every actor.
func (s *server) listRelations(c *gin.Context) {
	flt, _, err := edgeListFilter(queryOf(c))
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
		if isHead(c) {
			return
		}
		arr := encoding.NewJSONArray(c.Writer, "[")
		err := s.svc.EachEdge(ctx(c), flt, func(e graph.Edge) error { return arr.Add(&e) })
		if err != nil {
			s.fail(c, err)
			return
		}
		if err := arr.Close("]\n"); err != nil {
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
	if isHead(c) {
		return // the headers are set; the stream is not needed
	}
	cx := ctx(c)
	if withNodes {
		if err := s.svc.EachActor(cx, w.Node); err != nil {
			s.fail(c, err)
			return
		}
	}
	if err := s.svc.EachEdge(cx, flt, w.Edge); err != nil {
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
	r, err := s.svc.Relation(ctx(c), c.Param("id"))
	if err != nil {
		s.fail(c, err)
		return
	}
	s.respond(c, http.StatusOK, r)
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
	out, err := s.svc.CreateRelation(ctx(c), r)
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
	if err := s.decodePatch(c, &p, "role, valid_from, valid_to, contested"); err != nil {
		s.fail(c, err)
		return
	}
	out, err := s.svc.UpdateRelation(ctx(c), c.Param("id"), p)
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
	if err := s.svc.DeleteRelation(ctx(c), c.Param("id")); err != nil {
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
	out, err := s.svc.AddEvidence(ctx(c), c.Param("id"), e)
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
	list, err := s.svc.Sources(ctx(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	s.respond(c, http.StatusOK, gin.H{"sources": list})
}

func (s *server) source(c *gin.Context) {
	if !s.noParams(c) {
		return
	}
	src, err := s.svc.Source(ctx(c), c.Param("id"))
	if err != nil {
		s.fail(c, err)
		return
	}
	s.respond(c, http.StatusOK, src)
}

func (s *server) stats(c *gin.Context) {
	p, err := parseParams(queryOf(c), statsParams)
	if err != nil {
		s.fail(c, err)
		return
	}
	top, err := p.integer("top", 10)
	if err != nil {
		s.fail(c, err)
		return
	}
	st, err := s.svc.Stats(ctx(c), top)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.respond(c, http.StatusOK, st)
}

// export answers GET /v1/export: the whole graph as a bundle (the backup:
// every relation, whatever its status and whatever include_refuted says),
// or in a graph format for a tool, where relations no claim supports are
// left out unless include_refuted.
func (s *server) export(c *gin.Context) {
	p, err := parseParams(queryOf(c), exportParams)
	if err != nil {
		s.fail(c, err)
		return
	}
	var flt graph.RelationFilter
	if flt.IncludeRefuted, err = p.boolean("include_refuted", false); err != nil {
		s.fail(c, err)
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
		if isHead(c) {
			return
		}
		if err := s.svc.WriteBundle(ctx(c), c.Writer); err != nil {
			s.fail(c, err)
		}
		return
	}
	f.opts.Time = s.now()
	s.streamGraph(c, f, "actorgraph", true, flt, true)
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
	if err := checkJSONBody(c); err != nil {
		s.fail(c, err)
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
	if b.Incomplete() {
		// The body could not be read to its end: checking the entries
		// read would report what is only missing because reading stopped.
		s.fail(c, &graph.ValidationError{Problems: problems})
		return
	}
	// Entries that did not decode are among the problems Import reports
	// (graph.Bundle.Validate lists them first), with every problem of the
	// others; nothing is written unless there are none.
	res, err := s.svc.Import(ctx(c), b)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.respond(c, http.StatusOK, gin.H{"imported": res})
}
