package apikey

import (
	"strings"
	"testing"
)

func TestNewAndHash(t *testing.T) {
	key, hash, err := New()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(key, Prefix) || len(key) < 40 {
		t.Errorf("key %q: want %s and 32 random bytes", key, Prefix)
	}
	if hash != Hash(key) || !ValidHash(hash) {
		t.Errorf("hash %q does not match Hash(key) = %q or is not valid", hash, Hash(key))
	}
	other, _, _ := New()
	if other == key {
		t.Error("two keys are equal")
	}
	if got := Hash("abc"); got != "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" {
		t.Errorf("Hash(abc) = %s", got)
	}
}

func TestValidHash(t *testing.T) {
	for h, want := range map[string]bool{
		Hash("x"):                   true,
		"sha256:":                   false,
		"sha256:zz" + Hash("x")[9:]: false,
		Hash("x")[7:]:               false,
		"md5:" + Hash("x")[7:]:      false,
		Hash("x") + "00":            false,
	} {
		if got := ValidHash(h); got != want {
			t.Errorf("ValidHash(%q) = %v, want %v", h, got, want)
		}
	}
}

func TestSet(t *testing.T) {
	s := NewSet([]Key{
		{Name: "writer", Hash: Hash("w"), Roles: []string{RoleWrite}},
		{Name: "reader", Hash: Hash("r"), Roles: []string{RoleRead}},
		{Name: "broken", Hash: "sha256:nothex", Roles: []string{RoleRead, RoleWrite}},
		{Name: "scraper", Hash: Hash("m"), Roles: []string{RoleMetrics}},
	})
	if !s.ReadGated() || !s.MetricsGated() {
		t.Error("a read key gates reads and metrics")
	}
	for token, want := range map[string]Identity{
		"w": {Name: "writer", Read: true, Write: true},
		"r": {Name: "reader", Read: true},
		"m": {Name: "scraper", Metrics: true},
	} {
		got, ok := s.Identify(token)
		if !ok || got != want {
			t.Errorf("Identify(%q) = %+v, %v; want %+v", token, got, ok, want)
		}
	}
	for _, token := range []string{"", "x", "sha256:nothex", Hash("w")} {
		if id, ok := s.Identify(token); ok {
			t.Errorf("Identify(%q) = %+v; want no match", token, id)
		}
	}
	if NewSet([]Key{{Name: "w", Hash: Hash("w"), Roles: []string{RoleWrite}}}).ReadGated() {
		t.Error("write-only keys do not gate reads")
	}
}

func TestGates(t *testing.T) {
	for _, tt := range []struct {
		roles         [][]string
		read, metrics bool
	}{
		{nil, false, false},
		{[][]string{{RoleWrite}}, false, false},
		{[][]string{{RoleWrite}, {RoleMetrics}}, false, true},
		{[][]string{{RoleRead}}, true, true},
		{[][]string{{RoleRead, RoleWrite, RoleMetrics}}, true, true},
	} {
		var keys []Key
		for i, r := range tt.roles {
			keys = append(keys, Key{Name: string(rune('a' + i)), Hash: Hash(string(rune('a' + i))), Roles: r})
		}
		s := NewSet(keys)
		if s.ReadGated() != tt.read || s.MetricsGated() != tt.metrics {
			t.Errorf("roles %v: read gated %v, metrics gated %v; want %v, %v", tt.roles, s.ReadGated(), s.MetricsGated(), tt.read, tt.metrics)
		}
	}
	if !ValidRole(RoleMetrics) || ValidRole("admin") || RoleList() != "read, write and metrics" {
		t.Errorf("roles: %v %v %q", ValidRole(RoleMetrics), ValidRole("admin"), RoleList())
	}
}
