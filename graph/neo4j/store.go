package neo4j

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/names"
)

// Options configure a Store.
type Options struct {
	// URI of the server or cluster: bolt://host:7687 for one server,
	// neo4j://host:7687 for a cluster with routing, neo4j+s:// (Aura) or
	// bolt+s:// with TLS.
	URI      string
	User     string // empty means no authentication
	Password string
	Database string // empty means the server's default database

	Limits graph.Limits // zero means graph.DefaultLimits
	Logger *slog.Logger // nil discards

	// ConnectTimeout bounds how long Open keeps retrying to reach the
	// server, with exponential backoff (default 60s).
	ConnectTimeout time.Duration
	// QueryTimeout is the transaction timeout of every read and write
	// (default 30s).
	QueryTimeout time.Duration
	// LongTimeout is the transaction timeout of the long operations:
	// streaming exports (EachActor, EachRelation, EachEdge), Import and
	// Migrate (default 30m).
	LongTimeout time.Duration
}

// Store is graph.Store on Neo4j 5. It holds no graph state of its own: any
// number of replicas can serve the same database.
type Store struct {
	driver       neo4j.DriverWithContext
	database     string
	lim          graph.Limits
	log          *slog.Logger
	queryTimeout time.Duration
	longTimeout  time.Duration
}

var _ graph.Store = (*Store)(nil)

// maxRetryTime bounds the driver's retries of one transaction.
const maxRetryTime = 5 * time.Second

// Defaults of Options.
const (
	DefaultConnectTimeout = 60 * time.Second
	DefaultQueryTimeout   = 30 * time.Second
	DefaultLongTimeout    = 30 * time.Minute
)

// Open connects to Neo4j and verifies connectivity, retrying with
// exponential backoff (250ms doubling to 5s) until opts.ConnectTimeout, so
// that the service can start next to a server that is still booting. It
// does not change the schema: call Migrate for that. EINVALID for bad
// options; EUNAVAILABLE when the server cannot be reached in time or
// rejects the credentials.
func Open(ctx context.Context, opts Options) (*Store, error) {
	u, err := url.Parse(opts.URI)
	if err != nil || u.Host == "" {
		return nil, graph.Errorf(graph.EINVALID, "the neo4j uri must look like bolt://host:7687 or neo4j+s://host")
	}
	switch u.Scheme {
	case "bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc":
	default:
		return nil, graph.Errorf(graph.EINVALID, "the neo4j uri scheme must be bolt, bolt+s, bolt+ssc, neo4j, neo4j+s or neo4j+ssc, not %q", u.Scheme)
	}
	if u.User != nil {
		return nil, graph.Errorf(graph.EINVALID, "put the neo4j user and password in their own settings, not in the uri")
	}
	s := &Store{
		database:     opts.Database,
		lim:          opts.Limits,
		log:          opts.Logger,
		queryTimeout: orDefault(opts.QueryTimeout, DefaultQueryTimeout),
		longTimeout:  orDefault(opts.LongTimeout, DefaultLongTimeout),
	}
	if s.lim == (graph.Limits{}) {
		s.lim = graph.DefaultLimits
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	auth := neo4j.NoAuth()
	if opts.User != "" {
		auth = neo4j.BasicAuth(opts.User, opts.Password, "")
	}
	s.driver, err = neo4j.NewDriverWithContext(opts.URI, auth, func(c *config.Config) {
		c.SocketConnectTimeout = 5 * time.Second
		c.ConnectionAcquisitionTimeout = 30 * time.Second
		// Retries of a transient failure (a deadlock, a leader
		// switch, a connection lost) end after this; a server that is
		// down then gives EUNAVAILABLE within seconds, not half a minute.
		c.MaxTransactionRetryTime = maxRetryTime
		c.UserAgent = "actorgraph"
	})
	if err != nil {
		return nil, graph.Errorf(graph.EINVALID, "the neo4j uri %q is not usable", u.Redacted())
	}
	if err := s.connect(ctx, u.Host, orDefault(opts.ConnectTimeout, DefaultConnectTimeout)); err != nil {
		_ = s.driver.Close(context.WithoutCancel(ctx))
		return nil, err
	}
	return s, nil
}

func orDefault(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
}

// connect verifies connectivity until it succeeds or timeout passes.
func (s *Store) connect(ctx context.Context, host string, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	delay := 250 * time.Millisecond
	for attempt := 1; ; attempt++ {
		attemptCtx, cancelAttempt := context.WithTimeout(ctx, 10*time.Second)
		err := s.driver.VerifyConnectivity(attemptCtx)
		if err == nil {
			err = s.ping(attemptCtx)
		}
		cancelAttempt()
		if err == nil {
			s.log.Info("connected to neo4j", "host", host, "database", s.database, "attempts", attempt)
			return nil
		}
		code, msg := classify(err)
		if msg == msgAuth || msg == msgNoDatabase {
			s.log.Error("neo4j refused the connection", "host", host, "err", err)
			return &storeError{domain: graph.Errorf(graph.EUNAVAILABLE, "%s", msg), cause: err}
		}
		s.log.Warn("neo4j not reachable yet", "host", host, "attempt", attempt, "retry_in", delay, "code", code, "err", err)
		select {
		case <-ctx.Done():
			return &storeError{
				domain: graph.Errorf(graph.EUNAVAILABLE, "cannot reach Neo4j at %s within %s; check that it runs and that the uri is right", host, timeout),
				cause:  errors.Join(ctx.Err(), err),
			}
		case <-time.After(delay):
		}
		delay = min(2*delay, 5*time.Second)
	}
}

// Close releases the driver's connections.
func (s *Store) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return s.driver.Close(ctx)
}

// Ping runs a trivial query against the configured database. EUNAVAILABLE.
func (s *Store) Ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	return s.fail("ping", s.ping(ctx))
}

func (s *Store) ping(ctx context.Context) error {
	sess := s.session(ctx, neo4j.AccessModeRead)
	defer sess.Close(context.WithoutCancel(ctx))
	_, err := sess.ExecuteRead(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		_, err := collect(ctx, tx, statement{Text: queryText("ping")})
		return nil, err
	}, neo4j.WithTxTimeout(5*time.Second))
	return err
}

// Migrate creates the constraints and indexes (queries/schema.cypher). It is
// idempotent and safe to run at every start. EUNAVAILABLE.
func (s *Store) Migrate(ctx context.Context) error {
	for _, stmt := range statements("schema") {
		err := s.write(ctx, "migrate", s.longTimeout, func(tx neo4j.ManagedTransaction) error {
			_, err := collect(ctx, tx, statement{Text: stmt})
			return err
		})
		if err != nil {
			return err
		}
	}
	for {
		var n int64
		err := s.write(ctx, "migrate", s.longTimeout, func(tx neo4j.ManagedTransaction) error {
			var err error
			n, _, err = single[int64](ctx, tx, statement{Text: queryText("migrate_status"), Params: map[string]any{"batch": int64(10_000)}}, "n")
			return err
		})
		if err != nil {
			return err
		}
		if n == 0 {
			break
		}
		s.log.Info("neo4j migration: derived the status of relations", "count", n)
	}
	if err := s.migrateNameKeys(ctx); err != nil {
		return err
	}
	s.log.Info("neo4j schema is up to date")
	return nil
}

// migrateNameKeys gives the actors written before name keys were stored,
// or with keys of another names.KeysVersion, their keys, a batch at a
// time: the keys are computed in Go (names.Keys), as every write computes
// them.
func (s *Store) migrateNameKeys(ctx context.Context) error {
	const batch = 5000
	version := int64(names.KeysVersion)
	for {
		var n int
		err := s.write(ctx, "migrate", s.longTimeout, func(tx neo4j.ManagedTransaction) error {
			recs, err := collect(ctx, tx, statement{Text: queryText("migrate_name_keys"),
				Params: map[string]any{"version": version, "batch": int64(batch)}})
			if err != nil {
				return err
			}
			rows := make([]map[string]any, 0, len(recs))
			for _, rec := range recs {
				id, err := get[string](rec, "id")
				if err != nil {
					return err
				}
				name, err := get[string](rec, "name")
				if err != nil {
					return err
				}
				aliases, err := stringList(rec, "aliases")
				if err != nil {
					return err
				}
				rows = append(rows, map[string]any{"id": id, "keys": nameKeys(name, aliases)})
			}
			n = len(rows)
			if n == 0 {
				return nil
			}
			_, err = collect(ctx, tx, statement{Text: queryText("set_name_keys"), Params: map[string]any{"rows": rows, "version": version}})
			return err
		})
		if err != nil {
			return err
		}
		if n == 0 {
			return nil
		}
		s.log.Info("neo4j migration: computed the name keys of actors", "count", n)
	}
}

// DeleteAll empties the database, in batches of 10,000 nodes each in a
// transaction of its own; the schema stays. It is for tests and
// benchmarks, which need a scratch database: never call it on data you
// want to keep. EUNAVAILABLE.
func (s *Store) DeleteAll(ctx context.Context) error {
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(context.WithoutCancel(ctx))
	res, err := sess.Run(ctx, queryText("clear"), nil, neo4j.WithTxTimeout(s.longTimeout))
	if err == nil {
		_, err = res.Consume(ctx)
	}
	return s.fail("clear", err)
}

func (s *Store) session(ctx context.Context, mode neo4j.AccessMode) neo4j.SessionWithContext {
	return s.driver.NewSession(ctx, neo4j.SessionConfig{AccessMode: mode, DatabaseName: s.database})
}

// read runs fn in a managed read transaction, routed to a reader in a
// cluster, with the query timeout. fn may run more than once when the
// driver retries a transient failure, so it must start from scratch.
func (s *Store) read(ctx context.Context, op string, fn func(tx neo4j.ManagedTransaction) error) error {
	sess := s.session(ctx, neo4j.AccessModeRead)
	defer sess.Close(context.WithoutCancel(ctx))
	_, err := sess.ExecuteRead(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		return nil, fn(tx)
	}, neo4j.WithTxTimeout(s.queryTimeout))
	return s.fail(op, err)
}

// write runs fn in a managed write transaction with the given timeout.
// Like read, fn may run more than once.
func (s *Store) write(ctx context.Context, op string, timeout time.Duration, fn func(tx neo4j.ManagedTransaction) error) error {
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(context.WithoutCancel(ctx))
	_, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		return nil, fn(tx)
	}, neo4j.WithTxTimeout(timeout))
	return s.fail(op, err)
}

// stream runs one query in an explicit read transaction and calls fn for
// each record as it arrives, so that nothing is held in memory; the
// driver fetches records in batches. It does not retry: fn's effects
// cannot be undone. fn's errors are returned as they are.
func (s *Store) stream(ctx context.Context, op string, st statement, fn func(*neo4j.Record) error) error {
	sess := s.session(ctx, neo4j.AccessModeRead)
	defer sess.Close(context.WithoutCancel(ctx))
	tx, err := sess.BeginTransaction(ctx, neo4j.WithTxTimeout(s.longTimeout))
	if err != nil {
		return s.fail(op, err)
	}
	defer tx.Close(context.WithoutCancel(ctx))
	res, err := tx.Run(ctx, st.Text, st.Params)
	if err != nil {
		return s.fail(op, err)
	}
	for res.Next(ctx) {
		if err := fn(res.Record()); err != nil {
			return err
		}
	}
	if err := res.Err(); err != nil {
		return s.fail(op, err)
	}
	return s.fail(op, tx.Commit(ctx))
}

// fail translates err (see translate) and logs the driver error behind
// EUNAVAILABLE and EINTERNAL, which clients only see as a code and a
// generic message.
func (s *Store) fail(op string, err error) error {
	if err == nil {
		return nil
	}
	err = translate(err)
	if cause := causeOf(err); cause != nil {
		level := slog.LevelWarn
		if graph.ErrorCode(err) == graph.EINTERNAL {
			level = slog.LevelError
		}
		s.log.Log(context.Background(), level, "neo4j "+op+" failed", "code", graph.ErrorCode(err), "err", cause)
	}
	return err
}

// collect runs st in tx and returns every record.
func collect(ctx context.Context, tx neo4j.ManagedTransaction, st statement) ([]*neo4j.Record, error) {
	res, err := tx.Run(ctx, st.Text, st.Params)
	if err != nil {
		return nil, err
	}
	return res.Collect(ctx)
}

// single runs st and returns the value of column key of its only record;
// found is false when there is no record.
func single[T any](ctx context.Context, tx neo4j.ManagedTransaction, st statement, key string) (v T, found bool, err error) {
	recs, err := collect(ctx, tx, st)
	if err != nil || len(recs) == 0 {
		return v, false, err
	}
	if len(recs) > 1 {
		return v, false, fmt.Errorf("neo4j: %d records, want one", len(recs))
	}
	v, err = get[T](recs[0], key)
	return v, err == nil, err
}
