// Package benchstore opens the stores as the benchmarks use them: the
// embedded store in a directory, Neo4j on a scratch server.
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
	"github.com/actorgraph/actorgraph/graph/neo4j"
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

// Neo4jFromEnv reads the Neo4j server of the benchmark from
// ACTORGRAPH_BENCH_NEO4J_URI, _USER and _PASSWORD (.ci/neo4j start prints
// them as ACTORGRAPH_TEST_NEO4J_*, which are read when the BENCH ones are
// not set).
func Neo4jFromEnv() (neo4j.Options, error) {
	get := func(name string) string {
		if v := os.Getenv("ACTORGRAPH_BENCH_NEO4J_" + name); v != "" {
			return v
		}
		return os.Getenv("ACTORGRAPH_TEST_NEO4J_" + name)
	}
	o := neo4j.Options{URI: get("URI"), User: get("USER"), Password: get("PASSWORD"), Limits: bench.Limits(), Logger: Logger,
		// The whole-graph import and exports of the benchmark are long.
		LongTimeout: 2 * time.Hour, QueryTimeout: 10 * time.Minute}
	if o.URI == "" {
		return o, fmt.Errorf("set ACTORGRAPH_BENCH_NEO4J_URI, _USER and _PASSWORD (or the ACTORGRAPH_TEST_NEO4J_* lines of .ci/neo4j start)")
	}
	return o, nil
}

// OpenNeo4j opens the Neo4j store of the benchmark, emptied (every node
// deleted) and migrated when empty is true. The database is wiped: a
// scratch server only.
func OpenNeo4j(ctx context.Context, o neo4j.Options, empty bool) (*neo4j.Store, error) {
	s, err := neo4j.Open(ctx, o)
	if err != nil {
		return nil, err
	}
	if empty {
		if err := s.DeleteAll(ctx); err != nil {
			s.Close()
			return nil, err
		}
	}
	if err := s.Migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}
