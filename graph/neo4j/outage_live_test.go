package neo4j

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/graphtest"
	"github.com/actorgraph/actorgraph/graph/neo4j/neo4jtest"
)

// privateServer is a Neo4j of the test's own, started and stopped with
// .ci/neo4j in a state directory of its own, on a fixed port, with a
// fixed password and a home directory that survives a stop, so that it
// comes back where it was, with its data.
type privateServer struct {
	t      *testing.T
	script string
	env    []string
	uri    string
	pass   string
}

func newPrivateServer(t *testing.T) *privateServer {
	t.Helper()
	script := neo4jtest.Launcher(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	p := &privateServer{t: t, script: script, uri: fmt.Sprintf("bolt://127.0.0.1:%d", port),
		pass: "outage-" + strconv.FormatInt(time.Now().UnixNano(), 36)}
	p.env = append(os.Environ(),
		"ACTORGRAPH_NEO4J_STATE_DIR="+t.TempDir(),
		"NEO4J_HOME_DIR="+t.TempDir(),
		"NEO4J_PORT="+strconv.Itoa(port),
		"NEO4J_PASSWORD="+p.pass,
		"NEO4J_HEAP=512m",
		"NEO4J_PAGECACHE=32m",
	)
	t.Cleanup(func() { p.run("stop") })
	return p
}

func (p *privateServer) run(cmd string) string {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	c := exec.CommandContext(ctx, p.script, cmd)
	c.Env = p.env
	var stderr strings.Builder
	c.Stderr = &stderr
	out, err := c.Output()
	if err != nil {
		p.t.Fatalf(".ci/neo4j %s: %v\n%s", cmd, err, stderr.String())
	}
	return string(out)
}

// TestOutageLive stops a Neo4j under a Store: every call gives
// EUNAVAILABLE within a bound, nothing panics; when the server is back,
// the same Store value answers again, with the data it had, without being
// opened again.
func TestOutageLive(t *testing.T) {
	p := newPrivateServer(t)
	if out := p.run("start"); !strings.Contains(out, "ACTORGRAPH_TEST_NEO4J_URI="+p.uri) {
		t.Fatalf(".ci/neo4j start printed %q; want the URI %s", out, p.uri)
	}
	s := openLive(t, Options{URI: p.uri, User: "neo4j", Password: p.pass, Limits: graph.DefaultLimits,
		ConnectTimeout: 30 * time.Second, QueryTimeout: 10 * time.Second})
	ctx := t.Context()
	if err := s.Migrate(ctx); err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	if _, err := s.Import(ctx, graphtest.Fixture()); err != nil {
		t.Fatalf("Import: %v", err)
	}
	want, err := s.Actor(ctx, "cherif-kouachi")
	if err != nil {
		t.Fatalf("Actor: %v", err)
	}

	p.run("stop")
	// The driver retries a transaction for up to maxRetryTime before it
	// gives up; every call must give up on its own, before this bound
	// (which only keeps a hang from hanging the test).
	const bound = 2 * time.Minute
	calls := []struct {
		name string
		call func(context.Context) error
	}{
		{"Ping", func(ctx context.Context) error { return s.Ping(ctx) }},
		{"Actor", func(ctx context.Context) error { return second(s.Actor(ctx, "cherif-kouachi")) }},
		{"Paths", func(ctx context.Context) error {
			return second(s.Paths(ctx, graph.PathQuery{From: "cherif-kouachi", To: "aqap", Mode: graph.KShortest}))
		}},
		{"EachActor", func(ctx context.Context) error {
			return s.EachActor(ctx, func(graph.Actor) error { return nil })
		}},
		{"CreateActor", func(ctx context.Context) error {
			return second(s.CreateActor(ctx, graph.Actor{ID: "during-outage", Kind: graph.Person, Name: "During Outage"}))
		}},
	}
	for _, c := range calls {
		t.Run("down/"+c.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(t.Context(), bound)
			defer cancel()
			start := time.Now()
			err := c.call(ctx)
			if ctx.Err() != nil {
				t.Fatalf("%s with Neo4j stopped did not return within %s: %v", c.name, bound, err)
			}
			if graph.ErrorCode(err) != graph.EUNAVAILABLE {
				t.Errorf("%s with Neo4j stopped = %v; want EUNAVAILABLE", c.name, err)
			}
			var ge *graph.Error
			if !errors.As(err, &ge) || strings.Contains(ge.Message, "neo4j:") || strings.Contains(ge.Message, "127.0.0.1") {
				t.Errorf("%s: the message %q should be the store's own, naming neither driver nor address", c.name, err)
			}
			t.Logf("%s: %v after %s", c.name, err, time.Since(start).Round(time.Millisecond))
		})
	}

	p.run("start")
	// The same Store value: the driver drops its dead connections and
	// opens new ones. The first calls may still meet a dead connection, so
	// poll Ping, bounded.
	deadline := time.Now().Add(60 * time.Second)
	for {
		err := s.Ping(ctx)
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("Ping after Neo4j came back: still %v after 60 s", err)
		}
		time.Sleep(500 * time.Millisecond)
	}
	got, err := s.Actor(ctx, "cherif-kouachi")
	if err != nil || got.ID != want.ID || got.Name != want.Name {
		t.Errorf("Actor after Neo4j came back = %+v, %v; want %+v", got, err, want)
	}
	if res, err := s.Paths(ctx, graph.PathQuery{From: "cherif-kouachi", To: "aqap", Mode: graph.KShortest}); err != nil || len(res.Paths) == 0 {
		t.Errorf("Paths after Neo4j came back = %d paths, %v", len(res.Paths), err)
	}
	if _, err := s.CreateActor(ctx, graph.Actor{ID: "after-outage", Kind: graph.Person, Name: "After Outage"}); err != nil {
		t.Errorf("CreateActor after Neo4j came back: %v", err)
	}
	if _, err := s.Actor(ctx, "during-outage"); graph.ErrorCode(err) != graph.ENOTFOUND {
		t.Errorf("the actor created during the outage: %v; want ENOTFOUND (the write failed)", err)
	}
}
