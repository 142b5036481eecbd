package handlers

import (
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	neo4jstore "github.com/actorgraph/actorgraph/graph/neo4j"
	"github.com/actorgraph/actorgraph/graph/neo4j/neo4jtest"
)

// TestHandlersLive runs the HTTP tests of this package again with Neo4j
// under the API instead of the embedded store: the same requests, the
// same golden answers. The tests below are every test that opens the
// store under test (openStore); those that use a store of their own (a
// failing or counting stub) test the handlers alone and are left out.
func TestHandlersLive(t *testing.T) {
	neo4jtest.Require(t)
	old := openStore
	openStore = openNeo4j
	t.Cleanup(func() { openStore = old })
	for _, tc := range []struct {
		name string
		run  func(*testing.T)
	}{
		{"Reads", TestReads},
		{"PathAnswer", TestPathAnswer},
		{"Writes", TestWrites},
		{"Auth", TestAuth},
		{"RequestLogAndID", TestRequestLogAndID},
		{"CORS", TestCORS},
		{"Metrics", TestMetrics},
		{"ProblemEverywhere", TestProblemEverywhere},
		{"MalformedQueryAnswers", TestMalformedQueryAnswers},
		{"ImportErrors", TestImportErrors},
		{"BodyErrors", TestBodyErrors},
		{"JSONContentType", TestJSONContentType},
		{"ClientDisconnect", TestClientDisconnect},
		{"SourceTextPlainExemption", TestSourceTextPlainExemption},
		{"IngestRoutes", TestIngestRoutes},
		{"AnalysisRoutes", TestAnalysisRoutes},
		{"AnalysisMeaning", TestAnalysisMeaning},
		{"AnalysisBoundsOverHTTP", TestAnalysisBoundsOverHTTP},
	} {
		t.Run(tc.name, tc.run)
	}
}

// openNeo4j empties the test server's database and fills it with the
// fixture.
func openNeo4j(t testing.TB) graph.Store {
	t.Helper()
	srv := neo4jtest.Require(t)
	s, err := neo4jstore.Open(t.Context(), neo4jstore.Options{
		URI: srv.URI, User: srv.User, Password: srv.Password, Database: srv.Database,
		Limits: graph.DefaultLimits, Logger: neo4jtest.Logger(t), ConnectTimeout: 30 * time.Second,
	})
	if err != nil {
		t.Fatalf("opening Neo4j at %s: %v", srv.URI, err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.DeleteAll(t.Context()); err != nil {
		t.Fatalf("emptying the test database: %v", err)
	}
	if err := s.Migrate(t.Context()); err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	if _, err := s.Import(t.Context(), fixture()); err != nil {
		t.Fatalf("importing the fixture: %v", err)
	}
	return s
}
