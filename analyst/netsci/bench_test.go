package netsci

import (
	"context"
	"sync"
	"syscall"
	"testing"
	"time"
)

// cpuTime is the process's user and system time so far: on a shared
// machine it varies less than the wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

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
	c0 := cpuTime()
	defer func() { b.ReportMetric((cpuTime()-c0).Seconds()/float64(b.N), "cpu-s/op") }()
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
	g.localView()
	b.ResetTimer()
	c0 := cpuTime()
	defer func() { b.ReportMetric((cpuTime()-c0).Seconds()/float64(b.N), "cpu-s/op") }()
	for i := 0; i < b.N; i++ {
		if _, err := Betweenness(context.Background(), g, BetweennessOptions{Samples: 100, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkExactBetweennessBA2k(b *testing.B) {
	g := barabasiAlbert(b, 2000, 10, 42)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Betweenness(context.Background(), g, BetweennessOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkConnect5BA100k(b *testing.B) {
	g := ba100k(b)
	ids := []string{g.ID(17), g.ID(40000), g.ID(777), g.ID(99999), g.ID(51234)}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Connect(context.Background(), g, ids, ConnectOptions{MaxHops: 4}); err != nil {
			b.Fatal(err)
		}
	}
}
