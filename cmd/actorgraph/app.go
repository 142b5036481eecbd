package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/actorgraph/actorgraph/analyst"
	"github.com/actorgraph/actorgraph/config"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/embedded"
	neo4jstore "github.com/actorgraph/actorgraph/graph/neo4j"
	"github.com/actorgraph/actorgraph/seeds"
)

// app is one invocation of the command line: where it writes and the
// environment it reads.
type app struct {
	stdin          io.Reader // for review's commands and ingest -
	stdout, stderr io.Writer
	environ        []string
	now            func() time.Time
	// ready, when set, is told the address serve listens on (tests).
	ready func(addr string)
	// serving is set by serve, whose logs are the request log.
	serving bool
	// noSeed opens a new embedded store empty instead of seeding it.
	noSeed bool
}

func newApp(stdout, stderr io.Writer, environ []string) *app {
	return &app{stdin: os.Stdin, stdout: stdout, stderr: stderr, environ: environ, now: time.Now}
}

func (a *app) execute(ctx context.Context, args []string) error {
	root := a.rootCommand()
	root.SetArgs(args)
	root.SetOut(a.stdout)
	root.SetErr(a.stderr)
	return root.ExecuteContext(ctx)
}

func (a *app) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "actorgraph",
		Short: "An open knowledge graph of terrorist actor networks, with the evidence for every hop",
		Long: `actorgraph serves and queries a graph of actors (people, organizations, events,
places) and typed, dated relations, each backed by verbatim quotes from sources.

Configuration: built-in defaults < actorgraph.yaml (or --config FILE) <
ACTORGRAPH_* environment variables (nested keys with _, e.g.
ACTORGRAPH_NEO4J_PASSWORD) < flags. "actorgraph config" prints the result.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	config.AddFlags(root.PersistentFlags())
	root.AddCommand(
		a.serveCommand(),
		a.pathCommand(),
		a.searchCommand(),
		a.topCommand(),
		a.brokersCommand(),
		a.connectCommand(),
		a.communitiesCommand(),
		a.ingestCommand(),
		a.reviewCommand(),
		a.seedCommand(),
		a.importCommand(),
		a.exportCommand(),
		a.genCommand(),
		a.configCommand(),
		a.hashKeyCommand(),
		a.migrateCommand(),
		a.healthcheckCommand(),
	)
	return root
}

// loadConfig reads and validates the configuration of cmd.
func (a *app) loadConfig(cmd *cobra.Command) (config.Config, error) {
	c, err := config.Load(cmd.Flags(), a.environ)
	if err != nil {
		return c, err
	}
	if err := c.Validate(); err != nil {
		return c, a.printProblems("invalid configuration", err)
	}
	return c, nil
}

// printProblems prints every problem of a validation error to stderr and
// returns an exitError; other errors are returned as they are.
func (a *app) printProblems(what string, err error) error {
	var v *graph.ValidationError
	if !errors.As(err, &v) {
		return err
	}
	fmt.Fprintf(a.stderr, "%s: %d problem(s)\n", what, len(v.Problems))
	for _, p := range v.Problems {
		fmt.Fprintf(a.stderr, "  %s\n", p)
	}
	return exitError{}
}

// logger builds the logger the configuration asks for, writing to stderr.
// Commands other than serve log warnings and errors only, unless the level
// is debug, so that their output stays readable.
func (a *app) logger(c config.Config) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(c.Log.Level))
	if !a.serving && level > slog.LevelDebug && level < slog.LevelWarn {
		level = slog.LevelWarn
	}
	opts := &slog.HandlerOptions{Level: level}
	if c.Log.Format == "json" {
		return slog.New(slog.NewJSONHandler(a.stderr, opts))
	}
	return slog.New(slog.NewTextHandler(a.stderr, opts))
}

// openStore opens the configured store. The embedded store loads the seed
// bundle when its data directory is new; on Neo4j the schema is applied.
func (a *app) openStore(ctx context.Context, c config.Config, log *slog.Logger) (graph.Store, error) {
	switch c.Store {
	case config.StoreEmbedded:
		if err := os.MkdirAll(c.DataDir, 0o755); err != nil {
			return nil, fmt.Errorf("creating the data directory: %w", err)
		}
		opts := embedded.Options{Dir: c.DataDir, Limits: c.Limits.Graph(), Logger: log, Now: a.now, Seed: seeds.Bundle}
		if a.noSeed {
			opts.Seed = nil
		}
		s, err := embedded.Open(ctx, opts)
		if graph.ErrorCode(err) == graph.EUNAVAILABLE {
			// The file is locked: by a server, most likely.
			return nil, fmt.Errorf("%s (%s): is `actorgraph serve` running on it? Stop it, or give this command another --data-dir",
				graph.ErrorMessage(err), c.DataDir)
		}
		return s, err
	case config.StoreNeo4j:
		s, err := a.openNeo4j(ctx, c, log)
		if err != nil {
			return nil, err
		}
		// The schema statements are idempotent (IF NOT EXISTS): applying
		// them at every start means a new database works at once.
		if err := s.Migrate(ctx); err != nil {
			s.Close()
			return nil, err
		}
		return s, nil
	}
	return nil, fmt.Errorf("unknown store %q", c.Store)
}

func (a *app) openNeo4j(ctx context.Context, c config.Config, log *slog.Logger) (*neo4jstore.Store, error) {
	return neo4jstore.Open(ctx, neo4jstore.Options{
		URI: c.Neo4j.URI, User: c.Neo4j.User, Password: c.Neo4j.Password, Database: c.Neo4j.Database,
		Limits: c.Limits.Graph(), Logger: log,
		ConnectTimeout: c.Neo4j.ConnectTimeout, QueryTimeout: c.Neo4j.QueryTimeout, LongTimeout: c.Neo4j.LongTimeout,
	})
}

// withService is withStore with the application layer over the store:
// what every command that asks questions of the graph calls.
func (a *app) withService(cmd *cobra.Command, fn func(ctx context.Context, c config.Config, svc *analyst.Service) error) error {
	return a.withStore(cmd, func(ctx context.Context, c config.Config, s graph.Store) error {
		return fn(ctx, c, a.service(c, s, a.logger(c)))
	})
}

// service builds the application layer over s as configured.
func (a *app) service(c config.Config, s graph.Store, log *slog.Logger) *analyst.Service {
	return analyst.New(analyst.Deps{Store: s, Logger: log, Now: a.now, Limits: c.Limits.Graph(), Analysis: analysisLimits(c.Analysis)})
}

// analysisLimits are the configured analysis bounds in the application
// layer's form.
func analysisLimits(a config.Analysis) analyst.AnalysisLimits {
	ttl := a.CacheTTL
	if ttl == 0 {
		ttl = -1 // configured off; zero is the default for analyst
	}
	return analyst.AnalysisLimits{
		Timeout: a.Timeout, MaxNodes: a.MaxNodes, MaxRelations: a.MaxRelations, MaxWork: a.MaxWork,
		ExactBetweennessMax: a.ExactBetweennessMax, Samples: a.Samples, MaxTop: a.MaxTop, MaxYears: a.MaxYears, MaxSet: a.MaxSet,
		CacheTTL: ttl,
	}
}

// withStore loads the configuration, opens the store, runs fn and closes
// the store.
func (a *app) withStore(cmd *cobra.Command, fn func(ctx context.Context, c config.Config, s graph.Store) error) error {
	c, err := a.loadConfig(cmd)
	if err != nil {
		return err
	}
	ctx := cmd.Context()
	s, err := a.openStore(ctx, c, a.logger(c))
	if err != nil {
		return a.printProblems("cannot open the store", err)
	}
	err = fn(ctx, c, s)
	if cerr := s.Close(); err == nil && cerr != nil {
		err = cerr
	}
	return err
}
