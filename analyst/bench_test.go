package analyst_test

import (
	"fmt"
	"testing"

	"github.com/actorgraph/actorgraph/analyst"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/embedded"
	"github.com/actorgraph/actorgraph/graph/synth"
	"github.com/actorgraph/actorgraph/seeds"
)

// Ingestion as the service runs it, on the embedded store: the gazetteer
// (extract.Gazetteer and graph/names) built from the store, extraction of
// seed 004 (71 kB), and the source, its text, its proposals and the audit
// record written in one transaction. The Synth1M variants add a million
// graph/synth actors to the seed graph first (an import of a few minutes,
// not timed).
//
//	go test ./analyst -run XXX -bench Ingest -benchtime 5x -benchmem

// benchService opens an embedded store with the seed graph and extra
// synthetic actors, and returns the service over it with its gazetteer
// built, and the text and date of seed 004.
func benchService(b *testing.B, extra int) (*analyst.Service, string, graph.Date) {
	b.Helper()
	st, err := embedded.Open(b.Context(), embedded.Options{Dir: b.TempDir(), Seed: seeds.Bundle})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	if extra > 0 {
		bundle, err := synth.Bundle(synth.Options{Actors: extra, Relations: 0, Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		for i := range bundle.Actors {
			bundle.Actors[i].ID = "synth-" + bundle.Actors[i].ID // synth ids may be seed ids ("paris")
		}
		if _, err := st.Import(b.Context(), bundle); err != nil {
			b.Fatal(err)
		}
	}
	svc := analyst.New(analyst.Deps{Store: st})
	if err := svc.WarmGazetteer(b.Context()); err != nil {
		b.Fatal(err)
	}
	bundle, err := seeds.Bundle()
	if err != nil {
		b.Fatal(err)
	}
	for _, s := range bundle.Sources {
		if s.File == "004_0526fb8791384aad.txt" {
			return svc, s.Text, s.Date
		}
	}
	b.Fatal("seed 004 not found")
	return nil, "", graph.Date{}
}

func benchIngest(b *testing.B, extra int) {
	svc, text, date := benchService(b, extra)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := range b.N {
		in := analyst.NewSource{ID: fmt.Sprintf("bench-%d", i), Title: "Seed 004 again", Publisher: "Bench",
			Published: date, Reliability: "B", Text: text}
		res, err := svc.CreateSource(b.Context(), "bench", in)
		if err != nil {
			b.Fatal(err)
		}
		if res.Counts.Relations == 0 {
			b.Fatal("no relations")
		}
	}
}

// BenchmarkIngestSeed004: POST /v1/sources's work for seed 004, the
// gazetteer cached.
func BenchmarkIngestSeed004(b *testing.B)        { benchIngest(b, 0) }
func BenchmarkIngestSeed004Synth1M(b *testing.B) { benchIngest(b, 1_000_000) }

// benchNewActorThenIngest creates an actor (which the service adds to the
// gazetteer in place) before each ingestion: reviewing, then ingesting the
// next article, never waits for a rebuild.
func benchNewActorThenIngest(b *testing.B, extra int) {
	svc, text, date := benchService(b, extra)
	b.ResetTimer()
	for i := range b.N {
		if _, err := svc.CreateActor(b.Context(), graph.Actor{ID: fmt.Sprintf("bench-actor-%d", i), Kind: graph.Person,
			Name: fmt.Sprintf("Benchmark Person %d", i)}); err != nil {
			b.Fatal(err)
		}
		in := analyst.NewSource{ID: fmt.Sprintf("bench-%d", i), Title: "Seed 004 again", Publisher: "Bench",
			Published: date, Reliability: "B", Text: text}
		if _, err := svc.CreateSource(b.Context(), "bench", in); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkNewActorThenIngestSynth1M(b *testing.B) { benchNewActorThenIngest(b, 1_000_000) }

// BenchmarkGazetteerRebuildSynth1M: an actor changed (here renamed), the
// next extraction rebuilds the gazetteer from the store: EachActor over a
// million actors and both indexes.
func BenchmarkGazetteerRebuildSynth1M(b *testing.B) {
	svc, _, _ := benchService(b, 1_000_000)
	b.ResetTimer()
	for i := range b.N {
		name := fmt.Sprintf("Amedy Coulibaly %d", i)
		if _, err := svc.UpdateActor(b.Context(), "amedy-coulibaly", graph.ActorPatch{Name: &name}); err != nil {
			b.Fatal(err)
		}
		if err := svc.WarmGazetteer(b.Context()); err != nil {
			b.Fatal(err)
		}
	}
}
