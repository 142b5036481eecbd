// Command nameeval reports how well search by name finds seed actors by
// variant spellings, searching through the embedded store's SearchActors
// as the service does (score, then degree, then id): precision@1 and
// recall@5 on the tuning set
// (testdata/variants.tsv), the held-out set (testdata/heldout.tsv) and
// every actor's own name and aliases, then every miss.
//
//	go run ./graph/names/cmd/nameeval [-dir graph/names/testdata] [-q query]
//
// With -q it prints the top hits of one query instead.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/actorgraph/actorgraph/graph/names/internal/nameeval"
	"github.com/actorgraph/actorgraph/seeds"
)

func main() {
	dir := flag.String("dir", "graph/names/testdata", "directory of variants.tsv and heldout.tsv")
	query := flag.String("q", "", "print the top 10 hits of this query")
	flag.Parse()
	if err := run(*dir, *query); err != nil {
		fmt.Fprintln(os.Stderr, "nameeval:", err)
		os.Exit(1)
	}
}

func run(dir, query string) error {
	ctx := context.Background()
	b, err := seeds.Bundle()
	if err != nil {
		return err
	}
	g, err := nameeval.NewGraph(ctx, b)
	if err != nil {
		return err
	}
	defer g.Close()
	if query != "" {
		res, err := g.Search(ctx, query, 10)
		if err != nil {
			return err
		}
		fmt.Printf("%d hits (exact total: %v)\n", res.Total, res.TotalExact)
		for _, h := range res.Hits {
			fmt.Printf("%4d  %-40s degree %3d  %s\n", h.Score, h.Actor.ID, h.Degree, h.Why)
		}
		return nil
	}
	var reports []nameeval.Report
	for _, set := range []string{"variants", "heldout"} {
		cases, err := nameeval.ReadCases(filepath.Join(dir, set+".tsv"))
		if err != nil {
			return err
		}
		reports = append(reports, g.Run(ctx, set, cases))
	}
	reports = append(reports, g.Run(ctx, "exact", g.ExactCases()))
	nameeval.Format(os.Stdout, reports...)
	return nil
}
