// Package apikey makes API keys and checks them. A key is a random token
// given to a client once; the server keeps only its SHA-256 in the form
// "sha256:<64 hex digits>" (keys are random, so a fast hash compared in
// constant time is right, and a leaked configuration leaks no key).
//
// It depends on the standard library only, so the configuration, the HTTP
// transport and the command line share one definition.
package apikey

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"slices"
	"strings"
)

// Roles a key may grant. Write includes reading; metrics grants GET
// /metrics alone, for a Prometheus scraper, and nothing else.
const (
	RoleRead    = "read"
	RoleWrite   = "write"
	RoleMetrics = "metrics"
)

// Roles lists every role, in the order messages name them.
var Roles = []string{RoleRead, RoleWrite, RoleMetrics}

// ValidRole reports whether r is one of Roles.
func ValidRole(r string) bool { return slices.Contains(Roles, r) }

// RoleList is Roles for messages: "read, write and metrics".
func RoleList() string {
	return strings.Join(Roles[:len(Roles)-1], ", ") + " and " + Roles[len(Roles)-1]
}

// Prefix starts every key New makes, so that a key is recognisable in a
// secret scanner or a log.
const Prefix = "ag_"

// New returns a new random key and its hash for the configuration.
func New() (key, hash string, err error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", "", err
	}
	key = Prefix + base64.RawURLEncoding.EncodeToString(b)
	return key, Hash(key), nil
}

// Hash returns the configuration form of key: "sha256:<64 hex digits>".
func Hash(key string) string {
	sum := sha256.Sum256([]byte(key))
	return "sha256:" + hex.EncodeToString(sum[:])
}

// ValidHash reports whether h has the form Hash returns.
func ValidHash(h string) bool {
	_, ok := digest(h)
	return ok
}

func digest(h string) ([sha256.Size]byte, bool) {
	var d [sha256.Size]byte
	hexits, ok := strings.CutPrefix(h, "sha256:")
	if !ok || len(hexits) != 2*sha256.Size {
		return d, false
	}
	b, err := hex.DecodeString(hexits)
	if err != nil {
		return d, false
	}
	copy(d[:], b)
	return d, true
}

// Key is one accepted key as configured: a name for the logs and the audit
// record, its hash, and its roles.
type Key struct {
	Name  string
	Hash  string
	Roles []string
}

// Identity is who a request's key is.
type Identity struct {
	Name    string
	Read    bool // may read (write implies read)
	Write   bool
	Metrics bool // may read /metrics
}

// Set is the accepted keys, ready to check tokens against.
type Set struct {
	keys                    []stored
	readGated, metricsGated bool
}

type stored struct {
	Identity
	digest [sha256.Size]byte
	valid  bool // the configured hash was well-formed
}

// NewSet prepares keys for checking. A key whose hash is malformed never
// matches (the configuration reports it).
func NewSet(keys []Key) *Set {
	s := &Set{}
	for _, k := range keys {
		w := slices.Contains(k.Roles, RoleWrite)
		st := stored{Identity: Identity{Name: k.Name, Read: w || slices.Contains(k.Roles, RoleRead), Write: w,
			Metrics: slices.Contains(k.Roles, RoleMetrics)}}
		st.digest, st.valid = digest(k.Hash)
		s.keys = append(s.keys, st)
		if st.valid && slices.Contains(k.Roles, RoleRead) {
			s.readGated = true
		}
		if st.valid && st.Metrics {
			s.metricsGated = true
		}
	}
	return s
}

// ReadGated reports whether some key has the read role, which means reads
// need a key too.
func (s *Set) ReadGated() bool { return s.readGated }

// MetricsGated reports whether the metrics need a key with the metrics
// role: when reads need a key, or when some key has the metrics role.
func (s *Set) MetricsGated() bool { return s.readGated || s.metricsGated }

// Identify returns the identity of token, comparing its digest with every
// configured digest in constant time; ok is false for an unknown token.
func (s *Set) Identify(token string) (id Identity, ok bool) {
	sum := sha256.Sum256([]byte(token))
	found := -1
	for i := range s.keys {
		if subtle.ConstantTimeCompare(sum[:], s.keys[i].digest[:]) == 1 && s.keys[i].valid && found < 0 {
			found = i
		}
	}
	if found < 0 {
		return Identity{}, false
	}
	return s.keys[found].Identity, true
}
