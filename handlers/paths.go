package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// paths answers GET /v1/paths: analyst.Service.Paths, as its JSON or in a
// graph format (the paths' actors and relations).
func (s *server) paths(c *gin.Context) {
	q, err := pathQuery(queryOf(c), s.limits())
	if err != nil {
		s.fail(c, err)
		return
	}
	f, err := negotiate(c, "")
	if err != nil {
		s.fail(c, err)
		return
	}
	a, err := s.svc.Paths(ctx(c), q)
	if err != nil {
		s.fail(c, err)
		return
	}
	if !f.native {
		nodes, edges := a.Graph()
		s.writeSubgraph(c, f, "actorgraph-paths", nodes, edges)
		return
	}
	s.respond(c, http.StatusOK, a)
}
