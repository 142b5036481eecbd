// Command nameeval reports how well package names finds seed actors by
// variant spellings: precision@1 and recall@5 on the tuning set
// (testdata/variants.tsv), the held-out set (testdata/heldout.tsv) and
// every actor's own name and aliases, then every miss.
//
//	go run ./graph/names/cmd/nameeval [-dir graph/names/testdata] [-q query]
//
// With -q it prints the top hits of one query instead.
package main

import (
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
	b, err := seeds.Bundle()
	if err != nil {
		fmt.Fprintln(os.Stderr, "nameeval:", err)
		os.Exit(1)
	}
	g := nameeval.NewGraph(b)
	if *query != "" {
		res, err := g.Search(*query, 10)
		if err != nil {
			fmt.Fprintln(os.Stderr, "nameeval:", err)
			os.Exit(1)
		}
		fmt.Printf("%d hits\n", res.Total)
		for _, h := range res.Hits {
			a := g.Actors[h.ID]
			fmt.Printf("%4d  %-40s degree %3d  %s\n", h.Hit.Score, a.ID, g.Degree[h.ID], h.Hit.Why)
		}
		return
	}
	var reports []nameeval.Report
	for _, set := range []string{"variants", "heldout"} {
		cases, err := nameeval.ReadCases(filepath.Join(*dir, set+".tsv"))
		if err != nil {
			fmt.Fprintln(os.Stderr, "nameeval:", err)
			os.Exit(1)
		}
		reports = append(reports, g.Run(set, cases))
	}
	reports = append(reports, g.Run("exact", g.ExactCases()))
	nameeval.Format(os.Stdout, reports...)
}
