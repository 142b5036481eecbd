package neo4j

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/actorgraph/actorgraph/graph"
)

func neoErr(code string) *neo4j.Neo4jError {
	return &neo4j.Neo4jError{Code: code, Msg: "server detail: node(42) with label `Actor` and property `id` = 'x'"}
}

func TestTranslate(t *testing.T) {
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", errors.New("connection refused"))}
	tests := []struct {
		name string
		err  error
		code string
		msg  string
	}{
		{"constraint violation", neoErr("Neo.ClientError.Schema.ConstraintValidationFailed"), graph.ECONFLICT, msgConflict},
		{"constraint violation, wrapped", fmt.Errorf("run: %w", neoErr("Neo.ClientError.Schema.ConstraintValidationFailed")), graph.ECONFLICT, msgConflict},
		{"server transaction timeout", neoErr("Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration"), graph.EUNAVAILABLE, msgTimeout},
		{"server transaction timeout (old code)", neoErr("Neo.ClientError.Transaction.TransactionTimedOut"), graph.EUNAVAILABLE, msgTimeout},
		{"lock timeout", neoErr("Neo.TransientError.Transaction.LockAcquisitionTimeout"), graph.EUNAVAILABLE, msgTimeout},
		{"terminated", neoErr("Neo.ClientError.Transaction.Terminated"), graph.EUNAVAILABLE, msgTimeout},
		{"context deadline", context.DeadlineExceeded, graph.EUNAVAILABLE, msgTimeout},
		{"context deadline, wrapped", fmt.Errorf("collect: %w", context.DeadlineExceeded), graph.EUNAVAILABLE, msgTimeout},
		{"context cancelled", context.Canceled, graph.EUNAVAILABLE, msgCancelled},
		{"connectivity", &neo4j.ConnectivityError{Inner: refused}, graph.EUNAVAILABLE, msgUnreachable},
		{"bare network error", refused, graph.EUNAVAILABLE, msgUnreachable},
		{"retries exhausted on connectivity", &neo4j.TransactionExecutionLimit{Cause: "timeout (exceeded max retry time: 15s)",
			Errors: []error{&neo4j.ConnectivityError{Inner: refused}}}, graph.EUNAVAILABLE, msgUnreachable},
		{"retries exhausted on deadlocks", &neo4j.TransactionExecutionLimit{Cause: "timeout",
			Errors: []error{neoErr("Neo.TransientError.Transaction.DeadlockDetected")}}, graph.EUNAVAILABLE, msgTransient},
		{"deadlock", neoErr("Neo.TransientError.Transaction.DeadlockDetected"), graph.EUNAVAILABLE, msgTransient},
		// A live import of 1M relations into a 6g heap met this: retrying
		// cannot help, and "retry later" would mislead.
		{"transaction memory", neoErr("Neo.TransientError.General.MemoryPoolOutOfMemoryError"), graph.ETOOLARGE, msgMemory},
		{"transaction memory, one transaction's limit", neoErr("Neo.TransientError.General.TransactionMemoryLimit"), graph.ETOOLARGE, msgMemory},
		{"retries given up on transaction memory", &neo4j.TransactionExecutionLimit{Cause: "timeout (exceeded max retry time: 5s)",
			Errors: []error{neoErr("Neo.TransientError.General.MemoryPoolOutOfMemoryError")}}, graph.ETOOLARGE, msgMemory},
		{"unauthorized", neoErr("Neo.ClientError.Security.Unauthorized"), graph.EUNAVAILABLE, msgAuth},
		{"token expired", &neo4j.TokenExpiredError{Code: "Neo.ClientError.Security.TokenExpired", Message: "expired"}, graph.EUNAVAILABLE, msgAuth},
		{"no database", neoErr("Neo.ClientError.Database.DatabaseNotFound"), graph.EUNAVAILABLE, msgNoDatabase},
		{"database unavailable", neoErr("Neo.TransientError.General.DatabaseUnavailable"), graph.EUNAVAILABLE, msgNoDatabase},
		{"not a leader", neoErr("Neo.ClientError.Cluster.NotALeader"), graph.EUNAVAILABLE, msgReadOnly},
		{"syntax error is a bug", neoErr("Neo.ClientError.Statement.SyntaxError"), graph.EINTERNAL, msgInternal},
		{"type error is a bug", neoErr("Neo.ClientError.Statement.TypeError"), graph.EINTERNAL, msgInternal},
		{"usage error is a bug", &neo4j.UsageError{Message: "Trying to run a query on a closed session"}, graph.EINTERNAL, msgInternal},
		{"anything else", errors.New("neo4j: column x is int64, want string"), graph.EINTERNAL, msgInternal},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := translate(tt.err)
			if got := graph.ErrorCode(err); got != tt.code {
				t.Errorf("code %q, want %q", got, tt.code)
			}
			if got := graph.ErrorMessage(err); got != tt.msg {
				t.Errorf("message %q, want %q", got, tt.msg)
			}
			for _, leak := range []string{"node(42)", "Neo.", "connection refused", "column x", "closed session"} {
				if strings.Contains(err.Error(), leak) || strings.Contains(graph.ErrorMessage(err), leak) {
					t.Errorf("the message leaks %q: %q", leak, err.Error())
				}
			}
			if !errors.Is(err, tt.err) || causeOf(err) != tt.err {
				t.Errorf("the driver error is not kept behind %v for the logs", err)
			}
		})
	}

	if translate(nil) != nil {
		t.Error("translate(nil) != nil")
	}
	for _, domain := range []error{
		graph.Errorf(graph.ENOTFOUND, "no actor with id %q", "x"),
		&graph.AmbiguousError{Name: "x", Candidates: []graph.ActorRef{{ID: "a"}, {ID: "b"}}},
		&graph.ValidationError{Problems: []graph.Problem{{Entry: "e", Message: "m"}}},
	} {
		if got := translate(domain); got != domain {
			t.Errorf("translate(%v) = %v; domain errors pass through unchanged", domain, got)
		}
	}
}

func TestOpenOptions(t *testing.T) {
	for _, uri := range []string{"", "localhost:7687", "http://localhost:7474", "bolt://", "bolt://neo4j:secret@localhost:7687"} {
		_, err := Open(t.Context(), Options{URI: uri, ConnectTimeout: time.Second})
		if graph.ErrorCode(err) != graph.EINVALID {
			t.Errorf("Open(%q) = %v, want EINVALID", uri, err)
		}
		if strings.Contains(graph.ErrorMessage(err), "secret") {
			t.Errorf("Open(%q) leaks the password: %v", uri, err)
		}
	}
}

// TestOpenUnreachable opens a port where nothing listens: Open retries
// until ConnectTimeout and then reports EUNAVAILABLE.
func TestOpenUnreachable(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Skip("no loopback: ", err)
	}
	addr := l.Addr().String()
	l.Close()
	_, err = Open(t.Context(), Options{URI: "bolt://" + addr, User: "neo4j", Password: "secret", ConnectTimeout: 1500 * time.Millisecond})
	if graph.ErrorCode(err) != graph.EUNAVAILABLE {
		t.Fatalf("Open(nothing listening) = %v, want EUNAVAILABLE", err)
	}
	if !strings.Contains(graph.ErrorMessage(err), "cannot reach Neo4j") || strings.Contains(err.Error(), "secret") {
		t.Errorf("message %q", graph.ErrorMessage(err))
	}
}
