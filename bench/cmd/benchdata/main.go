// Command benchdata writes the benchmark bundles and their pairs files.
//
//	go run ./bench/cmd/benchdata ba    -edgelist bench/data/ba100k.edgelist -out bench/data/ba100k.json -pairs bench/data/ba100k.pairs
//	go run ./bench/cmd/benchdata synth -actors 1000000 -relations 5000000 -out bench/data/synth1m.json -pairs bench/data/synth1m.pairs
//
// ba converts a networkx edge list (bench/gen_ba.py) into a bundle of
// persons joined by ASSOCIATE_OF, node u becoming actor "n<u>"; synth
// writes a graph/synth bundle. Both then pick -n pairs of distinct actors
// uniformly at random with -pair-seed and write them to -pairs.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/actorgraph/actorgraph/bench"
	"github.com/actorgraph/actorgraph/graph/synth"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "benchdata:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) == 0 || (args[0] != "ba" && args[0] != "synth") {
		return fmt.Errorf("usage: benchdata ba|synth [flags]")
	}
	fs := flag.NewFlagSet(args[0], flag.ContinueOnError)
	edgelist := fs.String("edgelist", "bench/data/ba100k.edgelist", "ba: the networkx edge list")
	actors := fs.Int("actors", 1000000, "synth: actors")
	relations := fs.Int("relations", 5000000, "synth: relations")
	seed := fs.Int64("seed", 1, "synth: generator seed")
	out := fs.String("out", "", "bundle file to write")
	pairsOut := fs.String("pairs", "", "pairs file to write")
	n := fs.Int("n", 200, "number of pairs")
	pairSeed := fs.Uint64("pair-seed", 42, "seed of the pair choice")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if *out == "" || *pairsOut == "" {
		return fmt.Errorf("-out and -pairs are required")
	}
	f, err := os.Create(*out)
	if err != nil {
		return err
	}
	defer f.Close()
	start := time.Now()
	var ids []string
	var what string
	switch args[0] {
	case "ba":
		in, err := os.ReadFile(*edgelist)
		if err != nil {
			return err
		}
		res, err := synth.EdgeListBundle(f, bytes.NewReader(in), synth.EdgeListOptions{})
		if err != nil {
			return err
		}
		ids = nodeIDs(in)
		what = fmt.Sprintf("%s: %d actors, %d relations", *edgelist, res.Actors, res.Relations)
	case "synth":
		o := synth.Options{Actors: *actors, Relations: *relations, Seed: *seed}
		bw := bufio.NewWriterSize(f, 1<<20)
		if err := synth.Write(bw, o); err != nil {
			return err
		}
		if err := bw.Flush(); err != nil {
			return err
		}
		ids = make([]string, o.Actors)
		for i := range ids {
			ids[i] = synth.ActorID(i)
		}
		what = fmt.Sprintf("synth seed %d: %d actors, %d relations", o.Seed, o.Actors, o.Relations)
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Printf("wrote %s (%s) in %.1f s\n", *out, what, time.Since(start).Seconds())
	pf, err := os.Create(*pairsOut)
	if err != nil {
		return err
	}
	defer pf.Close()
	pairs := bench.RandomPairs(ids, *n, *pairSeed)
	if err := bench.WritePairs(pf, fmt.Sprintf("%d random pairs (seed %d) of %s", *n, *pairSeed, what), pairs); err != nil {
		return err
	}
	fmt.Printf("wrote %s (%d pairs)\n", *pairsOut, len(pairs))
	return pf.Close()
}

// nodeIDs lists the actor ids of an edge list's nodes in order of first
// appearance, as synth.EdgeListBundle numbers them.
func nodeIDs(edgelist []byte) []string {
	seen := map[string]bool{}
	var ids []string
	for _, line := range bytes.Split(edgelist, []byte("\n")) {
		f := bytes.Fields(line)
		if len(f) < 2 || f[0][0] == '#' {
			continue
		}
		for _, l := range f[:2] {
			if !seen[string(l)] {
				seen[string(l)] = true
				ids = append(ids, "n"+string(l))
			}
		}
	}
	return ids
}
