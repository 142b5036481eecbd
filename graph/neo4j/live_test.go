package neo4j

import (
	"os"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/graphtest"
)

// skipLive is the one line printed when the live suite cannot run.
const skipLive = "neo4j live conformance suite skipped: ACTORGRAPH_TEST_NEO4J_URI is not set " +
	"(run `docker compose up -d neo4j` and set it to bolt://localhost:7687 to run it)"

// liveOptions returns the options of the test server from
// ACTORGRAPH_TEST_NEO4J_URI, _USER, _PASSWORD and _DATABASE, or skips.
func liveOptions(t *testing.T) Options {
	uri := os.Getenv("ACTORGRAPH_TEST_NEO4J_URI")
	if uri == "" {
		t.Skip(skipLive)
	}
	return Options{
		URI:            uri,
		User:           os.Getenv("ACTORGRAPH_TEST_NEO4J_USER"),
		Password:       os.Getenv("ACTORGRAPH_TEST_NEO4J_PASSWORD"),
		Database:       os.Getenv("ACTORGRAPH_TEST_NEO4J_DATABASE"),
		Limits:         graph.DefaultLimits,
		ConnectTimeout: 30 * time.Second,
	}
}

// TestConformanceLive runs the store conformance suite against a real
// Neo4j, after checking that Migrate runs twice. Every sub-test gets the
// database emptied and migrated. The database is wiped: never point this
// at data you want to keep.
func TestConformanceLive(t *testing.T) {
	opts := liveOptions(t)
	t.Run("MigrateTwice", func(t *testing.T) {
		s, err := Open(t.Context(), opts)
		if err != nil {
			t.Fatalf("Open(%s): %v", opts.URI, err)
		}
		defer s.Close()
		for i := range 2 {
			if err := s.Migrate(t.Context()); err != nil {
				t.Fatalf("Migrate #%d: %v", i+1, err)
			}
		}
	})
	graphtest.Run(t, func(t *testing.T) graph.Store {
		s, err := Open(t.Context(), opts)
		if err != nil {
			t.Fatalf("Open(%s): %v", opts.URI, err)
		}
		t.Cleanup(func() { s.Close() })
		if err := s.deleteAll(t.Context()); err != nil {
			t.Fatalf("emptying the test database: %v", err)
		}
		if err := s.Migrate(t.Context()); err != nil {
			t.Fatalf("Migrate: %v", err)
		}
		return s
	}, graphtest.ExportNotSnapshot()) // read-committed: see Store.Export
}
