// Command actorgraph serves and queries the actorgraph knowledge graph.
//
//	actorgraph serve                         serve the HTTP API (seed graph on first start)
//	actorgraph path "Amedy Coulibaly" AQAP   print how two actors connect, with citations
//	actorgraph search kouachi                find actors by name or alias
//	actorgraph ingest FILE --title ...       store an article and print what extraction proposes
//	actorgraph review                        accept, reject, edit or skip pending proposals
//	actorgraph seed --check                  validate the seed bundle and its quotes
//	actorgraph import FILE|DIR               import a bundle
//	actorgraph export [-o FILE]              export the graph as a bundle
//	actorgraph gen --actors N --relations M  write a synthetic power-law bundle
//	actorgraph config                        print the effective configuration
//	actorgraph hash-key                      make an API key and its hash
//	actorgraph migrate                       create the Neo4j schema
//
// Configuration: defaults < actorgraph.yaml (or --config FILE) <
// ACTORGRAPH_* environment variables < flags.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx)
	stop()
	if err != nil {
		var ex exitError
		if !errors.As(err, &ex) || ex.msg != "" {
			fmt.Fprintln(os.Stderr, "actorgraph:", err)
		}
		os.Exit(1)
	}
}

// run runs the command line of the process.
func run(ctx context.Context) error {
	return newApp(os.Stdout, os.Stderr, os.Environ()).execute(ctx, os.Args[1:])
}

// exitError makes the process exit non-zero; an empty msg means the
// problems were printed already.
type exitError struct{ msg string }

func (e exitError) Error() string { return e.msg }
