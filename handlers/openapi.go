package handlers

import (
	_ "embed"
	"net/http"

	"github.com/gin-gonic/gin"
)

// openapiDoc is the hand-written OpenAPI 3.1 description of the API. A
// test checks that its paths and the router's routes are the same.
//
//go:embed openapi.json
var openapiDoc []byte

func (s *server) openapi(c *gin.Context) {
	if !s.noParams(c) {
		return
	}
	c.Data(http.StatusOK, "application/json", openapiDoc)
}
