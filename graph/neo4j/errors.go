package neo4j

import (
	"context"
	"errors"
	"net"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/actorgraph/actorgraph/graph"
)

// storeError is a domain error that keeps the driver error behind it for
// the logs. Error() is the domain error's text only, so nothing internal
// reaches a client; errors.As finds the *graph.Error, errors.Is/As the
// cause.
type storeError struct {
	domain *graph.Error
	cause  error
}

func (e *storeError) Error() string   { return e.domain.Error() }
func (e *storeError) Unwrap() []error { return []error{e.domain, e.cause} }

// Messages of translated errors. They say what happened and what to do,
// never which query failed or what the driver said.
const (
	msgUnreachable = "the Neo4j database cannot be reached; retry later"
	msgTimeout     = "the Neo4j query timed out; narrow the request (fewer hops, a smaller depth or limit) or retry later"
	msgCancelled   = "the request was cancelled before Neo4j answered"
	msgTransient   = "Neo4j could not complete the request for now (busy, or the cluster is changing); retry later"
	msgAuth        = "Neo4j rejected the service's credentials; check the neo4j user and password in the configuration"
	msgNoDatabase  = "the configured Neo4j database does not exist or is not available"
	msgConflict    = "the write conflicts with an existing entry with the same id"
	msgReadOnly    = "the Neo4j database is read-only or this member cannot accept writes; retry later"
	msgInternal    = "internal error in the Neo4j store"
	msgMemory      = "the request needs more memory than Neo4j allows one transaction (dbms.memory.transaction.total.max, 70% of its heap by default); narrow it, split an import into smaller bundles, or give Neo4j more memory"
)

// translate maps an error from the driver (or the context) to a domain
// error: connectivity -> EUNAVAILABLE, timeouts -> EUNAVAILABLE with a
// message, constraint violations -> ECONFLICT, everything unexpected ->
// EINTERNAL. Domain errors pass through unchanged.
func translate(err error) error {
	if err == nil {
		return nil
	}
	var (
		ge *graph.Error
		ae *graph.AmbiguousError
		ve *graph.ValidationError
	)
	if errors.As(err, &ge) || errors.As(err, &ae) || errors.As(err, &ve) {
		return err
	}
	code, msg := classify(err)
	return &storeError{domain: graph.Errorf(code, "%s", msg), cause: err}
}

func classify(err error) (code, msg string) {
	var (
		neoErr   *neo4j.Neo4jError
		connErr  *neo4j.ConnectivityError
		limitErr *neo4j.TransactionExecutionLimit
		authErr  *neo4j.InvalidAuthenticationError
		tokenErr *neo4j.TokenExpiredError
		netErr   net.Error
	)
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return graph.EUNAVAILABLE, msgTimeout
	case errors.Is(err, context.Canceled):
		return graph.EUNAVAILABLE, msgCancelled
	case errors.As(err, &limitErr):
		// The driver gave up retrying; say why the last attempt failed.
		if n := len(limitErr.Errors); n > 0 {
			if c, m := classify(limitErr.Errors[n-1]); c == graph.EUNAVAILABLE || c == graph.ETOOLARGE {
				return c, m
			}
		}
		return graph.EUNAVAILABLE, msgTransient
	case errors.As(err, &connErr):
		return graph.EUNAVAILABLE, msgUnreachable
	case errors.As(err, &authErr), errors.As(err, &tokenErr):
		return graph.EUNAVAILABLE, msgAuth
	case errors.As(err, &neoErr):
		return classifyNeo4j(neoErr)
	case errors.As(err, &netErr):
		if netErr.Timeout() {
			return graph.EUNAVAILABLE, msgTimeout
		}
		return graph.EUNAVAILABLE, msgUnreachable
	}
	return graph.EINTERNAL, msgInternal
}

// classifyNeo4j maps a server error by its status code, documented at
// https://neo4j.com/docs/status-codes/current/errors/all-errors/.
func classifyNeo4j(e *neo4j.Neo4jError) (code, msg string) {
	c := e.Code
	switch {
	case c == "Neo.ClientError.Schema.ConstraintValidationFailed",
		c == "Neo.ClientError.Schema.ConstraintViolation":
		return graph.ECONFLICT, msgConflict
	case strings.HasPrefix(c, "Neo.ClientError.Transaction.TransactionTimedOut"),
		c == "Neo.TransientError.Transaction.LockAcquisitionTimeout",
		c == "Neo.ClientError.Transaction.LockAcquisitionTimeout":
		return graph.EUNAVAILABLE, msgTimeout
	case c == "Neo.ClientError.Transaction.Terminated",
		c == "Neo.TransientError.Transaction.Terminated",
		c == "Neo.ClientError.Transaction.LockClientStopped":
		return graph.EUNAVAILABLE, msgTimeout
	case strings.HasPrefix(c, "Neo.ClientError.Security."):
		return graph.EUNAVAILABLE, msgAuth
	case c == "Neo.ClientError.Database.DatabaseNotFound",
		c == "Neo.TransientError.General.DatabaseUnavailable":
		return graph.EUNAVAILABLE, msgNoDatabase
	case c == "Neo.ClientError.Cluster.NotALeader",
		c == "Neo.ClientError.General.ForbiddenOnReadOnlyDatabase":
		return graph.EUNAVAILABLE, msgReadOnly
	case c == "Neo.TransientError.General.MemoryPoolOutOfMemoryError",
		c == "Neo.TransientError.General.TransactionMemoryLimit":
		// Transient to the server, but the same request fails again: too
		// large, not a moment to wait out.
		return graph.ETOOLARGE, msgMemory
	case strings.HasPrefix(c, "Neo.TransientError."):
		return graph.EUNAVAILABLE, msgTransient
	}
	// Syntax and semantic errors, type errors and the rest are bugs here.
	return graph.EINTERNAL, msgInternal
}

// causeOf returns the driver error behind a translated error, for logging.
func causeOf(err error) error {
	var se *storeError
	if errors.As(err, &se) {
		return se.cause
	}
	return nil
}
