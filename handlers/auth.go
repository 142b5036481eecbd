package handlers

import (
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/actorgraph/actorgraph/apikey"
	"github.com/actorgraph/actorgraph/graph"
)

// Roles an API key may grant (apikey.RoleRead, RoleWrite, RoleMetrics).
const (
	roleRead    = apikey.RoleRead
	roleWrite   = apikey.RoleWrite
	roleMetrics = apikey.RoleMetrics
)

// need returns middleware that admits requests with the role: writes need a
// key with the write role (401 without a key, 403 with a key without it);
// reads need a key only when read keys are configured, and then one with
// the read or write role; GET /metrics needs a key with the metrics role
// when read keys or metrics keys are configured (apikey.Set.MetricsGated).
// A key that is sent must be valid, even where none is needed. What stays
// open whatever the keys: /healthz and /readyz (for probes, which carry no
// key and learn nothing but whether the service and its store answer),
// /openapi.json (the published description of the API, no data) and the
// explorer's static files (no data: the page asks /v1 for it).
func (s *server) need(role string) gin.HandlerFunc {
	return func(c *gin.Context) {
		h := c.GetHeader("Authorization")
		var key *apikey.Identity
		if h != "" {
			scheme, token, _ := strings.Cut(h, " ")
			token = strings.TrimSpace(token)
			if !strings.EqualFold(scheme, "Bearer") || token == "" {
				s.fail(c, graph.Errorf(graph.EUNAUTHORIZED, "the Authorization header must be \"Bearer <key>\""))
				return
			}
			k, ok := s.keys.Identify(token)
			if !ok {
				s.fail(c, graph.Errorf(graph.EUNAUTHORIZED, "the API key is not valid"))
				return
			}
			key = &k
			c.Set(keyNameKey, k.Name)
		}
		switch role {
		case roleWrite:
			if key == nil {
				s.fail(c, graph.Errorf(graph.EUNAUTHORIZED, "writes need an API key with the write role: send \"Authorization: Bearer <key>\""))
				return
			}
			if !key.Write {
				s.fail(c, graph.Errorf(graph.EFORBIDDEN, "this API key may not write; writes need the write role"))
				return
			}
		case roleRead:
			if key == nil && s.keys.ReadGated() {
				s.fail(c, graph.Errorf(graph.EUNAUTHORIZED, "this server needs an API key for reads: send \"Authorization: Bearer <key>\""))
				return
			}
			if key != nil && !key.Read {
				s.fail(c, graph.Errorf(graph.EFORBIDDEN, "this API key may only read /metrics; reads need the read role"))
				return
			}
		case roleMetrics:
			if key == nil && s.keys.MetricsGated() {
				s.fail(c, graph.Errorf(graph.EUNAUTHORIZED, "this server needs an API key with the metrics role for /metrics: send \"Authorization: Bearer <key>\""))
				return
			}
			if key != nil && !key.Metrics && s.keys.MetricsGated() {
				s.fail(c, graph.Errorf(graph.EFORBIDDEN, "this API key lacks the metrics role that /metrics needs (make a key for the scraper with `actorgraph hash-key --roles metrics`)"))
				return
			}
		}
		c.Next()
	}
}
