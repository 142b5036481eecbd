package encoding

import (
	"fmt"
	"io"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// BenchmarkEdges measures how fast each format writes edges (the bulk of a
// whole-graph export) to io.Discard; see edges/s and B/op.
//
//	go test ./graph/encoding -run XXX -bench Edges -benchmem
func BenchmarkEdges(b *testing.B) {
	edges := make([]graph.Edge, 1024)
	for i := range edges {
		edges[i] = graph.Edge{
			ID: fmt.Sprintf("actor-%d--member-of--org-%d", i, i%97), Type: "MEMBER_OF",
			From: fmt.Sprintf("actor-%d", i), To: fmt.Sprintf("org-%d", i%97), Role: "member",
			ValidFrom: graph.MustDate("2014-06"), Confidence: 0.64, EvidenceCount: 2, FirstSource: "clarion-2015-01",
			FirstQuote: "Said and Cherif Kouachi were trained in Yemen in 2011, according to \"officials\".",
		}
	}
	type variant struct {
		name string
		f    Format
		opts Options
	}
	var variants []variant
	for _, f := range Formats {
		variants = append(variants, variant{string(f), f, Options{}})
	}
	variants = append(variants, variant{"csv-edges", CSV, Options{Part: "edges"}}) // GET /v1/relations?format=csv
	for _, v := range variants {
		b.Run(v.name, func(b *testing.B) {
			w, err := NewWriter(io.Discard, v.f, v.opts)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if err := w.Edge(edges[i%len(edges)]); err != nil {
					b.Fatal(err)
				}
			}
			if err := w.Close(); err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "edges/s")
		})
	}
}
