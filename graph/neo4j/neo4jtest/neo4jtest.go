// Package neo4jtest is what every live Neo4j test shares: where the test
// server is (ACTORGRAPH_TEST_NEO4J_*), whether a test without one skips or
// fails, and the lock that keeps the live tests of different packages off
// the database at the same time.
//
// # Running the live tests
//
//	eval "$(.ci/neo4j start)"   # a local Neo4j 5.26, no Docker; prints the three variables
//	export ACTORGRAPH_TEST_NEO4J_URI ACTORGRAPH_TEST_NEO4J_USER ACTORGRAPH_TEST_NEO4J_PASSWORD
//	go test ./...
//
// Without ACTORGRAPH_TEST_NEO4J_URI a live test skips with one line naming
// what is missing, unless CI=true: in CI a live test never skips, and a
// missing variable fails it.
//
// # One database, many packages
//
// `go test ./...` runs the test binaries of different packages in
// parallel, and Neo4j Community has one user database, which live tests
// empty and fill. Server takes an exclusive lock for the server's URI, a
// file in the system's temporary directory locked with flock(2), and holds
// it until the test (and its sub-tests) end, so that the live tests of all
// packages on this host take turns on one server. A test waiting for the
// lock says so every 30 seconds.
//
// The name of every live test ends in Live (TestConformanceLive, ...):
// .ci/run counts them with go test -run 'Live$'.
package neo4jtest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// The environment variables that name the test server; .ci/neo4j start
// prints the first three.
const (
	EnvURI      = "ACTORGRAPH_TEST_NEO4J_URI"
	EnvUser     = "ACTORGRAPH_TEST_NEO4J_USER"
	EnvPassword = "ACTORGRAPH_TEST_NEO4J_PASSWORD"
	EnvDatabase = "ACTORGRAPH_TEST_NEO4J_DATABASE" // optional: the server's default database
)

// Server is where the live tests run. Its database is emptied by the
// tests: never point them at data you want to keep.
type Server struct {
	URI      string
	User     string
	Password string
	Database string
}

// FromEnv reads the server from the environment. missing names what is
// not set, in one line, or is empty when the server is fully named.
func FromEnv() (srv Server, missing string) {
	srv = Server{
		URI:      os.Getenv(EnvURI),
		User:     os.Getenv(EnvUser),
		Password: os.Getenv(EnvPassword),
		Database: os.Getenv(EnvDatabase),
	}
	var unset []string
	for _, kv := range [][2]string{{EnvURI, srv.URI}, {EnvUser, srv.User}, {EnvPassword, srv.Password}} {
		if kv[1] == "" {
			unset = append(unset, kv[0])
		}
	}
	if len(unset) == 0 {
		return srv, ""
	}
	verb := "is"
	if len(unset) > 1 {
		verb = "are"
	}
	missing = strings.Join(unset, ", ") + " " + verb + " not set"
	var tools []string
	for _, tool := range []string{"java", "mvn"} {
		if _, err := exec.LookPath(tool); err != nil {
			tools = append(tools, tool)
		}
	}
	if len(tools) > 0 {
		missing += ", and " + strings.Join(tools, " and ") + " (which .ci/neo4j needs to run a local Neo4j) cannot be found"
	} else {
		missing += `; start a local Neo4j with: eval "$(.ci/neo4j start)"`
	}
	return srv, missing
}

// InCI reports whether the tests run in CI (CI=true), where live tests
// must not skip.
func InCI() bool { return os.Getenv("CI") == "true" }

// Require returns the test server and holds the lock for it until t ends.
// Without a server it skips t with one line naming what is missing, or
// fails t in CI.
func Require(t testing.TB) Server {
	t.Helper()
	srv, missing := FromEnv()
	if missing != "" {
		if InCI() {
			t.Fatalf("neo4j live test cannot run and may not skip in CI (CI=true): %s", missing)
		}
		t.Skipf("neo4j live test skipped: %s", missing)
	}
	Lock(t, srv.URI)
	return srv
}

// Launcher returns the path of the control script .ci/neo4j, for a test
// that starts a private server of its own (the outage test). Such a test
// is a live test: it skips or fails as Require does without the test
// server's variables, and likewise without java or mvn, which the script
// needs.
func Launcher(t testing.TB) string {
	t.Helper()
	if _, missing := FromEnv(); missing != "" {
		if InCI() {
			t.Fatalf("neo4j live test cannot run and may not skip in CI (CI=true): %s", missing)
		}
		t.Skipf("neo4j live test skipped: %s", missing)
	}
	var tools []string
	for _, tool := range []string{"java", "mvn"} {
		if _, err := exec.LookPath(tool); err != nil {
			tools = append(tools, tool)
		}
	}
	if len(tools) > 0 {
		msg := strings.Join(tools, " and ") + " cannot be found; this test starts a Neo4j of its own with .ci/neo4j, which needs java and mvn"
		if InCI() {
			t.Fatalf("neo4j live test cannot run and may not skip in CI (CI=true): %s", msg)
		}
		t.Skipf("neo4j live test skipped: %s", msg)
	}
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		script := filepath.Join(dir, ".ci", "neo4j")
		if _, err := os.Stat(script); err == nil {
			return script
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no .ci/neo4j in the working directory or above it")
		}
		dir = parent
	}
}

// A test waiting for the lock tries again every lockPoll and says so every
// lockWait.
const (
	lockPoll = 250 * time.Millisecond
	lockWait = 30 * time.Second
)

// held counts this process's holds per lock file: flock locks belong to
// the open file, so a second hold in the same process (a sub-test of a
// test that holds it) must not open the file again and wait for itself.
var (
	heldMu sync.Mutex
	held   = map[string]*lockFile{}
)

type lockFile struct {
	f     *os.File
	count int
}

// LockPath is the lock file of the server at uri.
func LockPath(uri string) string {
	sum := sha256.Sum256([]byte(uri))
	return filepath.Join(os.TempDir(), "actorgraph-neo4j-live-"+hex.EncodeToString(sum[:8])+".lock")
}

// Lock takes the host-wide lock of the server at uri, waiting for the
// tests of other processes that hold it, and releases it when t and its
// sub-tests end. In one process the lock is re-entrant.
func Lock(t testing.TB, uri string) {
	t.Helper()
	path := LockPath(uri)
	heldMu.Lock()
	if l, ok := held[path]; ok {
		l.count++
		heldMu.Unlock()
		t.Cleanup(func() { release(path) })
		return
	}
	heldMu.Unlock()

	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o666)
	if err != nil {
		t.Fatalf("neo4j live test lock: %v", err)
	}
	ctx := context.Background()
	if tc, ok := t.(interface{ Context() context.Context }); ok {
		ctx = tc.Context()
	}
	start, said := time.Now(), time.Now()
	for {
		ok, err := tryLock(f)
		if err != nil {
			f.Close()
			t.Fatalf("neo4j live test lock %s: %v", path, err)
		}
		if ok {
			break
		}
		if time.Since(said) >= lockWait || said == start {
			t.Logf("waiting for the neo4j live test lock %s (another test process uses the server); %s so far",
				path, time.Since(start).Round(time.Second))
			said = time.Now()
		}
		select {
		case <-ctx.Done():
			f.Close()
			t.Fatalf("neo4j live test lock: %v", ctx.Err())
		case <-time.After(lockPoll):
		}
	}
	if d := time.Since(start); d > time.Second {
		t.Logf("took the neo4j live test lock after %s", d.Round(time.Second))
	}
	// Who holds it, for someone looking at the file.
	_ = f.Truncate(0)
	_, _ = fmt.Fprintf(f, "pid %d: %s\n", os.Getpid(), t.Name())
	heldMu.Lock()
	held[path] = &lockFile{f: f, count: 1}
	heldMu.Unlock()
	t.Cleanup(func() { release(path) })
}

func release(path string) {
	heldMu.Lock()
	defer heldMu.Unlock()
	l := held[path]
	if l == nil {
		return
	}
	if l.count--; l.count > 0 {
		return
	}
	delete(held, path)
	_ = unlock(l.f)
	l.f.Close()
}

// Logger returns a logger that writes to t's log, for a store under test:
// the driver errors behind the store's EUNAVAILABLE and EINTERNAL show in
// the test output. Records after t ended are dropped.
func Logger(t testing.TB) *slog.Logger {
	w := &testWriter{t: t}
	t.Cleanup(func() { w.mu.Lock(); w.done = true; w.mu.Unlock() })
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelWarn}))
}

type testWriter struct {
	mu   sync.Mutex
	t    testing.TB
	done bool
}

func (w *testWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.done {
		w.t.Log(strings.TrimRight(string(p), "\n"))
	}
	return len(p), nil
}
