package netsci

import (
	"context"
	"sync"
	"testing"
)

// The benchmarks here are for profiling; the comparison with networkx,
// igraph and gonum is bench/analysis (see bench/README.md).

var (
	benchOnce sync.Once
	benchBA   *Graph
)

// ba100k is a BA graph of 100,000 nodes and about 1M edges.
func ba100k(b *testing.B) *Graph {
	benchOnce.Do(func() { benchBA = barabasiAlbert(b, 100000, 10, 42) })
	return benchBA
}

func BenchmarkCommunitiesBA100k(b *testing.B) {
	g := ba100k(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p, err := Communities(context.Background(), g, CommunityOptions{Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(p.Modularity, "Q")
		b.ReportMetric(float64(p.Passes), "passes")
	}
}

func BenchmarkSampledBetweennessBA100k(b *testing.B) {
	g := ba100k(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Betweenness(context.Background(), g, BetweennessOptions{Samples: 1000, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}
