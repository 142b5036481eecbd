package extract

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/synth"
	"github.com/actorgraph/actorgraph/seeds"
)

// Benchmarks of issue 14's speed goals (bench, not tests):
//
//	go test ./analyst/extract -run XXX -bench . -benchtime 10x
//
// BenchmarkExtractSeed004 extracts the longest seed article (71 kB)
// against the seed graph's actors; BenchmarkExtractSeed004Synth1M against
// those plus a million actors named as graph/synth names them.
// BenchmarkGazetteer1M measures building that index, which a service does
// once per graph, not per extraction.

func seedGazetteer(b *testing.B, extra int) (*Gazetteer, string, graph.Date) {
	b.Helper()
	bundle, err := seeds.Bundle()
	if err != nil {
		b.Fatal(err)
	}
	actors := bundle.Actors
	if extra > 0 {
		actors = append(actors, synthActors(b, extra)...)
	}
	var text string
	var pub graph.Date
	for _, s := range bundle.Sources {
		if s.File == "004_0526fb8791384aad.txt" {
			text, _ = seeds.SourceText(s.File)
			pub = s.Date
		}
	}
	if text == "" {
		b.Fatal("seed 004 not found")
	}
	return NewGazetteer(actors), text, pub
}

var (
	synthOnce sync.Once
	synthMem  []graph.Actor
)

// synthActors generates n actors with graph/synth (actors only).
func synthActors(b *testing.B, n int) []graph.Actor {
	synthOnce.Do(func() {
		bundle, err := synth.Bundle(synth.Options{Actors: n, Relations: 0, Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		synthMem = bundle.Actors
	})
	return synthMem
}

func benchExtract(b *testing.B, extra int) {
	g, text, pub := seedGazetteer(b, extra)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for range b.N {
		res, err := Extract(context.Background(), g, text, Options{Published: pub})
		if err != nil {
			b.Fatal(err)
		}
		if res.Count(KindRelation) == 0 {
			b.Fatal("no relations")
		}
	}
}

func BenchmarkExtractSeed004(b *testing.B)        { benchExtract(b, 0) }
func BenchmarkExtractSeed004Synth1M(b *testing.B) { benchExtract(b, 1_000_000) }

// benchExtractNames is benchExtract with graph/names as the Matcher, as
// the service runs extraction.
func benchExtractNames(b *testing.B, extra int) {
	g, text, pub := seedGazetteer(b, extra)
	bundle, err := seeds.Bundle()
	if err != nil {
		b.Fatal(err)
	}
	actors := bundle.Actors
	if extra > 0 {
		actors = append(actors, synthActors(b, extra)...)
	}
	m := NewNamesMatcher(actors)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for range b.N {
		res, err := Extract(context.Background(), g, text, Options{Published: pub, Matcher: m})
		if err != nil {
			b.Fatal(err)
		}
		if res.Count(KindRelation) == 0 {
			b.Fatal("no relations")
		}
	}
}

func BenchmarkExtractSeed004Names(b *testing.B)        { benchExtractNames(b, 0) }
func BenchmarkExtractSeed004NamesSynth1M(b *testing.B) { benchExtractNames(b, 1_000_000) }

// BenchmarkNamesMatcher1M measures indexing a million actors for
// graph/names (once per graph, with the gazetteer).
func BenchmarkNamesMatcher1M(b *testing.B) {
	actors := synthActors(b, 1_000_000)
	b.ResetTimer()
	for range b.N {
		if m := NewNamesMatcher(actors); m.Len() != len(actors) {
			b.Fatal("actors lost")
		}
	}
}

func BenchmarkGazetteer1M(b *testing.B) {
	actors := synthActors(b, 1_000_000)
	b.ResetTimer()
	for range b.N {
		if g := NewGazetteer(actors); g.Len() != len(actors) {
			b.Fatal("actors lost")
		}
	}
}

// BenchmarkAdversarial extracts texts built to be slow: lists of names
// and triggers, sentences without punctuation cut at the length cap,
// runs of capitalised words, a long list of places, one huge word. Each
// must stay near-linear (reported per byte).
func BenchmarkAdversarial(b *testing.B) {
	g := seedLike()
	for _, tc := range []struct{ name, text string }{
		{"names-and-triggers", strings.Repeat("Amedy Coulibaly, Cherif Kouachi and Said Kouachi met AQAP in Paris, Yemen and Syria and trained ", 3000)},
		{"no-punctuation", strings.Repeat("the attack in Paris by the group of the attacks on the Kouachi brothers ", 5000)},
		{"capitals", strings.Repeat("Abc Def Ghi Jkl Mno Pqr Stu Vwx Yz ", 20000)},
		{"commas", strings.Repeat("Paris, ", 100000)},
		{"one-long-word", strings.Repeat("a", 1<<20)},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(tc.text)))
			for range b.N {
				if _, err := Extract(context.Background(), g, tc.text, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkAdd1M measures adding one actor to a gazetteer and a names
// matcher of a million: what accepting a new actor costs the service.
func BenchmarkAdd1M(b *testing.B) {
	actors := synthActors(b, 1_000_000)
	g, m := NewGazetteer(actors), NewNamesMatcher(actors)
	b.ResetTimer()
	for i := range b.N {
		a := graph.Actor{ID: fmt.Sprintf("bench-add-%d", i), Kind: graph.Person, Name: fmt.Sprintf("Benchmark Person %d", i)}
		if g.Add(a) != 1 || m.Add(a) != 1 {
			b.Fatal("not added")
		}
	}
}
