package interop

import (
	"context"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/analyst"
	"github.com/actorgraph/actorgraph/apikey"
	"github.com/actorgraph/actorgraph/graph/embedded"
	"github.com/actorgraph/actorgraph/handlers"
	"github.com/actorgraph/actorgraph/seeds"
)

// TestPythonClient runs the Python client's unittest suite against the
// server.
//
// The ingestion tests (test_ingest.py) write: they get a server of their
// own, the seed graph with a write key named "python", so that the shared
// target keeps the graph the other tests compare against.
func TestPythonClient(t *testing.T) {
	tg := setup(t)
	py := needPython(t, "networkx", "requests")
	ingestURL, key := startIngestServer(t)
	out, errOut, err := run(t, []string{"ACTORGRAPH_URL=" + tg.URL, "ACTORGRAPH_INGEST_URL=" + ingestURL, "ACTORGRAPH_KEY=" + key,
		"PYTHONDONTWRITEBYTECODE=1"},
		py, "-m", "unittest", "discover", "-v", "-s", "clients/python/tests")
	t.Log(out + errOut)
	if err != nil {
		t.Fatalf("python client tests failed: %v", err)
	}
	if !strings.Contains(errOut, "\nOK") || strings.Contains(errOut, "skipped") {
		t.Fatalf("python client tests did not all run and pass")
	}
	if m := regexp.MustCompile(`Ran (\d+) test`).FindStringSubmatch(errOut); m == nil || m[1] == "0" {
		t.Fatalf("python client tests ran nothing")
	}
}

// TestBridgesExample runs examples/bridges.py, with and without the groups'
// members and affiliates, and checks that it prints a ranked list of actors
// bridging AQAP and the Islamic State, computed with networkx, and that the
// server's own brokers analysis agrees with it (the script exits non-zero
// when they differ by more than 1e-9).
func TestBridgesExample(t *testing.T) {
	tg := setup(t)
	py := needPython(t, "networkx", "requests")
	for _, extra := range [][]string{nil, {"--expand", "members,affiliates"}} {
		out := mustRun(t, []string{"PYTHONDONTWRITEBYTECODE=1"}, py, append([]string{"examples/bridges.py", "--url", tg.URL}, extra...)...)
		t.Log(out)
		if !strings.Contains(out, "Who bridges") {
			t.Fatalf("no heading in:\n%s", out)
		}
		rows := regexp.MustCompile(`(?m)^\s+(\d+)\.\s+\d+\.\d{3}\s+\d+\.\d{4}\s+\S.*\(([a-z0-9-]+), (person|organization|event|place)\)$`).FindAllStringSubmatch(out, -1)
		if len(rows) == 0 {
			t.Fatalf("no ranked rows in:\n%s", out)
		}
		for i, r := range rows {
			if r[1] != strconv.Itoa(i+1) {
				t.Errorf("row %d is ranked %s", i+1, r[1])
			}
		}
		m := regexp.MustCompile(`agreement: the server's score is twice networkx's subset betweenness for all (\d+) actors \(largest difference ([0-9.e+-]+)\)`).FindStringSubmatch(out)
		if m == nil || m[1] == "0" {
			t.Fatalf("no agreement line in:\n%s", out)
		}
		if d, err := strconv.ParseFloat(m[2], 64); err != nil || d > 1e-9 {
			t.Errorf("the server and networkx differ by %s", m[2])
		}
		if !strings.Contains(out, "via ") || !strings.Contains(out, "graded ") {
			t.Errorf("no example path with its evidence in:\n%s", out)
		}
	}
}

// TestPythonClientOffline runs the client's offline tests, which answer
// with the graph/encoding golden files from a stub server inside Python.
func TestPythonClientOffline(t *testing.T) {
	py := needPython(t, "networkx", "requests")
	out, errOut, err := run(t, []string{"PYTHONDONTWRITEBYTECODE=1"}, py, "clients/python/tests/test_offline.py")
	t.Log(out + errOut)
	if err != nil || !strings.Contains(errOut, "\nOK") {
		t.Fatalf("python client offline tests failed: %v", err)
	}
}

// startIngestServer serves a fresh store seeded with the seed graph, with
// one write key named "python"; it returns the URL and the key.
func startIngestServer(t *testing.T) (string, string) {
	t.Helper()
	const key = "ag_interop_python_write_key"
	st, err := embedded.Open(context.Background(), embedded.Options{Dir: t.TempDir(), Seed: seeds.Bundle})
	if err != nil {
		t.Fatalf("opening the embedded store: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	srv := httptest.NewServer(handlers.New(handlers.Deps{Service: analyst.New(analyst.Deps{Store: st}),
		Options: handlers.Options{APIKeys: []apikey.Key{{Name: "python", Hash: apikey.Hash(key), Roles: []string{"write"}}}}}))
	t.Cleanup(srv.Close)
	return srv.URL, key
}
