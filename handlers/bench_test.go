package handlers

import (
	"context"
	"net/http/httptest"
	"testing"

	"github.com/actorgraph/actorgraph/graph/embedded"
	"github.com/actorgraph/actorgraph/seeds"
)

// BenchmarkSeed measures the handlers alone (no network) on the seed graph:
// go test ./handlers -run '^$' -bench . -benchmem
func BenchmarkSeed(b *testing.B) {
	s, err := embedded.Open(context.Background(), embedded.Options{Dir: b.TempDir(), Seed: seeds.Bundle})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	h := newAPI(s, nil, Options{})
	for _, bm := range []struct{ name, target string }{
		{"paths", "/v1/paths?from=amedy-coulibaly&to=aqap"},
		{"paths-by-name", "/v1/paths?from=Amedy%20Coulibaly&to=AQAP"},
		{"search", "/v1/actors?q=kouachi"},
		{"actor", "/v1/actors/aqap"},
	} {
		b.Run(bm.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest("GET", bm.target, nil))
				if rec.Code != 200 {
					b.Fatalf("status %d: %s", rec.Code, rec.Body)
				}
			}
		})
	}
}
