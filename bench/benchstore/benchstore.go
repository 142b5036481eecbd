// Package benchstore opens the embedded store as the benchmarks use it.
// It is apart from package bench so that generating the data does not
// need the store to build.
package benchstore

import (
	"bufio"
	"context"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/actorgraph/actorgraph/bench"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/embedded"
)

// Logger, when set, receives the store's log (open and import timings by
// phase); the programs set it with -v.
var Logger *slog.Logger

// OpenStore opens the embedded store in dir (created empty, without the
// seed bundle, when dir holds none) with bench.Limits.
func OpenStore(ctx context.Context, dir string) (*embedded.Store, error) {
	return embedded.Open(ctx, embedded.Options{Dir: dir, Limits: bench.Limits(), Now: time.Now, Logger: Logger})
}

// ReadBundle decodes a bundle file, failing on any problem.
func ReadBundle(path string) (*graph.Bundle, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, ps := graph.DecodeBundle(bufio.NewReaderSize(f, 1<<20), path)
	if len(ps) > 0 {
		return nil, fmt.Errorf("%s: %d problems, the first: %s", path, len(ps), ps[0])
	}
	return b, nil
}
