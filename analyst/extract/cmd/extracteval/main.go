// Command extracteval measures extraction on the seed articles against the
// seed graph (see analyst/extract/EVAL.md):
//
//	go run ./analyst/extract/cmd/extracteval [-v] [-data seeds/data]
//
// It reads the seed bundle at run time, so the gold standard follows the
// seed graph as it is audited.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/actorgraph/actorgraph/analyst/extract/eval"
	"github.com/actorgraph/actorgraph/graph"
)

func main() {
	verbose := flag.Bool("v", false, "list the missed mentions and the wrong and missing relations of each source")
	data := flag.String("data", "", "read the bundle from this directory instead of the embedded seed data")
	dump := flag.String("dump", "", "print every sentence of this source with its mentions and relation proposals, and stop")
	builtin := flag.Bool("builtin-matcher", false, "match names with the gazetteer's own small fuzzy matcher instead of graph/names")
	flag.Parse()
	docs, b, err := eval.SeedDocs(*data)
	if err != nil {
		fmt.Fprintln(os.Stderr, "extracteval:", err)
		os.Exit(1)
	}
	if *dump != "" {
		if err := eval.Dump(os.Stdout, b, docs, *dump); err != nil {
			fmt.Fprintln(os.Stderr, "extracteval:", err)
			os.Exit(1)
		}
		return
	}
	run := eval.Run
	if *builtin {
		run = func(ctx context.Context, b *graph.Bundle, docs []eval.Doc) (*eval.Report, error) {
			return eval.RunWith(ctx, b, docs, nil)
		}
	}
	rep, err := run(context.Background(), b, docs)
	if err != nil {
		fmt.Fprintln(os.Stderr, "extracteval:", err)
		os.Exit(1)
	}
	fmt.Print(rep.Table(*verbose))
}
