package neo4j

import (
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/graphtest"
	"github.com/actorgraph/actorgraph/graph/neo4j/neo4jtest"
)

// liveOptions returns the options of the test server (neo4jtest.Require:
// ACTORGRAPH_TEST_NEO4J_URI, _USER, _PASSWORD and _DATABASE) and holds
// the host-wide lock for it until t ends, or skips t (fails it in CI).
func liveOptions(t *testing.T) Options {
	t.Helper()
	srv := neo4jtest.Require(t)
	return Options{
		URI:            srv.URI,
		User:           srv.User,
		Password:       srv.Password,
		Database:       srv.Database,
		Limits:         graph.DefaultLimits,
		Logger:         neo4jtest.Logger(t),
		ConnectTimeout: 30 * time.Second,
	}
}

// openLive opens the test server with opts, logging to t, and closes it
// when t ends.
func openLive(t *testing.T, opts Options) *Store {
	t.Helper()
	opts.Logger = neo4jtest.Logger(t)
	s, err := Open(t.Context(), opts)
	if err != nil {
		t.Fatalf("Open(%s): %v", opts.URI, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// emptyLive opens the test server emptied and migrated.
func emptyLive(t *testing.T, opts Options) *Store {
	t.Helper()
	s := openLive(t, opts)
	if err := s.DeleteAll(t.Context()); err != nil {
		t.Fatalf("emptying the test database: %v", err)
	}
	if err := s.Migrate(t.Context()); err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	return s
}

// TestConformanceLive runs the store conformance suite against a real
// Neo4j, after checking that Migrate runs twice. Every sub-test gets the
// database emptied and migrated. The database is wiped: never point this
// at data you want to keep.
func TestConformanceLive(t *testing.T) {
	opts := liveOptions(t)
	t.Run("MigrateTwice", func(t *testing.T) {
		s := openLive(t, opts)
		for i := range 2 {
			if err := s.Migrate(t.Context()); err != nil {
				t.Fatalf("Migrate #%d: %v", i+1, err)
			}
		}
	})
	graphtest.Run(t, func(t *testing.T) graph.Store { return emptyLive(t, opts) }, graphtest.ExportNotSnapshot()) // read-committed: see Store.Export
}
