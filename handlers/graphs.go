package handlers

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/actorgraph/actorgraph/graph"
)

func (s *server) network(c *gin.Context) {
	q, err := networkQuery(queryOf(c), c.Param("id"), s.limits())
	if err != nil {
		s.fail(c, err)
		return
	}
	f, err := negotiate(c, "")
	if err != nil {
		s.fail(c, err)
		return
	}
	s.answerNetwork(c, q, f, "")
}

// answerNetwork answers with analyst.Service.Network in format f; name
// names the download, "" for "actorgraph-" and the first seed's id.
func (s *server) answerNetwork(c *gin.Context, q graph.NetworkQuery, f format, name string) {
	out, err := s.svc.Network(ctx(c), q)
	if err != nil {
		s.fail(c, err)
		return
	}
	if !f.native {
		if name == "" {
			name = "actorgraph-" + out.Seeds[0].ID
		}
		nodes, edges := out.Graph()
		s.writeSubgraph(c, f, name, nodes, edges)
		return
	}
	s.respond(c, http.StatusOK, out)
}

// subgraphRequest is the body of POST /v1/subgraph.
type subgraphRequest struct {
	Seeds []string `json:"seeds"`
	Depth *int     `json:"depth"` // default 1; 0 is the subgraph induced by the seeds alone
	Limit int      `json:"limit"`
	filterBody
}

// graphPost reads what every POST that answers with a graph takes: the
// format (format= and part=, or Accept) and the JSON body into body. On
// an error it answers with the problem and returns false.
func (s *server) graphPost(c *gin.Context, body any) (format, bool) {
	if !s.allowParams(c, formatParams) {
		return format{}, false
	}
	f, err := negotiate(c, "")
	if err == nil {
		err = s.decodeBody(c, body)
	}
	if err != nil {
		s.fail(c, err)
		return format{}, false
	}
	return f, true
}

func (s *server) subgraph(c *gin.Context) {
	var body subgraphRequest
	f, ok := s.graphPost(c, &body)
	if !ok {
		return
	}
	q, err := body.query(s.limits())
	if err != nil {
		s.fail(c, err)
		return
	}
	s.answerNetwork(c, q, f, "actorgraph-subgraph")
}

// query checks the body and returns the normalized query with the seeds
// as given.
func (b *subgraphRequest) query(lim graph.Limits) (graph.NetworkQuery, error) {
	q := graph.NetworkQuery{Seeds: b.Seeds, Depth: 1, Limit: b.Limit}
	for _, s := range b.Seeds {
		if strings.TrimSpace(s) == "" {
			return q, graph.Errorf(graph.EINVALID, "seeds must be actor ids or names, not empty strings")
		}
	}
	if b.Depth != nil {
		q.Depth = *b.Depth
	}
	if b.Limit < 0 {
		return q, graph.Errorf(graph.EINVALID, "limit must be between 1 and %d", lim.MaxNodes)
	}
	f, err := b.filter()
	if err != nil {
		return q, err
	}
	q.Filter = f
	return q, q.Normalize(lim)
}
