package handlers

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/actorgraph/actorgraph/graph"
)

// Roles an API key may grant.
const (
	roleRead  = "read"
	roleWrite = "write"
)

// APIKey is one accepted key: the SHA-256 of the key as "sha256:<hex>"
// (keys are random tokens, so a fast hash compared in constant time is
// right), a name for the logs, and its roles (read, write). The write role
// includes reading.
type APIKey struct {
	Name  string
	Hash  string
	Roles []string
}

// NewKey returns a new random API key and its hash for the configuration.
func NewKey() (key, hash string, err error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", "", err
	}
	key = "ag_" + base64.RawURLEncoding.EncodeToString(b)
	return key, HashKey(key), nil
}

// HashKey returns the configuration form of key: "sha256:<64 hex digits>".
func HashKey(key string) string {
	sum := sha256.Sum256([]byte(key))
	return "sha256:" + hex.EncodeToString(sum[:])
}

type storedKey struct {
	name   string
	digest [sha256.Size]byte
	valid  bool // the configured hash was well-formed
	read   bool
	write  bool
}

type authenticator struct {
	keys      []storedKey
	readGated bool // some key has the read role: reads need a key
}

func newAuthenticator(keys []APIKey) *authenticator {
	a := &authenticator{}
	for _, k := range keys {
		sk := storedKey{name: k.Name, read: slices.Contains(k.Roles, roleRead), write: slices.Contains(k.Roles, roleWrite)}
		if h, ok := strings.CutPrefix(k.Hash, "sha256:"); ok {
			if b, err := hex.DecodeString(h); err == nil && len(b) == sha256.Size {
				copy(sk.digest[:], b)
				sk.valid = true
			}
		}
		a.keys = append(a.keys, sk)
		if sk.read && sk.valid {
			a.readGated = true
		}
	}
	return a
}

// identify returns the key that token is, comparing its digest with every
// configured digest in constant time.
func (a *authenticator) identify(token string) (*storedKey, bool) {
	sum := sha256.Sum256([]byte(token))
	var found *storedKey
	for i := range a.keys {
		k := &a.keys[i]
		if subtle.ConstantTimeCompare(sum[:], k.digest[:]) == 1 && k.valid && found == nil {
			found = k
		}
	}
	return found, found != nil
}

// need returns middleware that admits requests with the role: writes need a
// key with the write role (401 without a key, 403 with a read-only one);
// reads need a key only when read keys are configured. A key that is sent
// must be valid, even where none is needed.
func (s *server) need(role string) gin.HandlerFunc {
	return func(c *gin.Context) {
		h := c.GetHeader("Authorization")
		var key *storedKey
		if h != "" {
			scheme, token, _ := strings.Cut(h, " ")
			token = strings.TrimSpace(token)
			if !strings.EqualFold(scheme, "Bearer") || token == "" {
				s.fail(c, graph.Errorf(graph.EUNAUTHORIZED, "the Authorization header must be \"Bearer <key>\""))
				return
			}
			k, ok := s.auth.identify(token)
			if !ok {
				s.fail(c, graph.Errorf(graph.EUNAUTHORIZED, "the API key is not valid"))
				return
			}
			key = k
			c.Set(keyNameKey, k.name)
		}
		switch role {
		case roleWrite:
			if key == nil {
				s.fail(c, graph.Errorf(graph.EUNAUTHORIZED, "writes need an API key with the write role: send \"Authorization: Bearer <key>\""))
				return
			}
			if !key.write {
				s.fail(c, graph.Errorf(graph.EFORBIDDEN, "this API key may only read; writes need the write role"))
				return
			}
		case roleRead:
			if key == nil && s.auth.readGated {
				s.fail(c, graph.Errorf(graph.EUNAUTHORIZED, "this server needs an API key for reads: send \"Authorization: Bearer <key>\""))
				return
			}
		}
		c.Next()
	}
}
