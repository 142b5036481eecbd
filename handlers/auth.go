package handlers

import (
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/actorgraph/actorgraph/apikey"
	"github.com/actorgraph/actorgraph/graph"
)

// Roles an API key may grant (apikey.RoleRead, apikey.RoleWrite).
const (
	roleRead  = apikey.RoleRead
	roleWrite = apikey.RoleWrite
)

// need returns middleware that admits requests with the role: writes need a
// key with the write role (401 without a key, 403 with a read-only one);
// reads need a key only when read keys are configured. A key that is sent
// must be valid, even where none is needed.
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
				s.fail(c, graph.Errorf(graph.EFORBIDDEN, "this API key may only read; writes need the write role"))
				return
			}
		case roleRead:
			if key == nil && s.keys.ReadGated() {
				s.fail(c, graph.Errorf(graph.EUNAUTHORIZED, "this server needs an API key for reads: send \"Authorization: Bearer <key>\""))
				return
			}
		}
		c.Next()
	}
}
