package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/spf13/cobra"

	"github.com/actorgraph/actorgraph/analyst"
	"github.com/actorgraph/actorgraph/apikey"
	"github.com/actorgraph/actorgraph/config"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/handlers"
	"github.com/actorgraph/actorgraph/web"
)

func (a *app) serveCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "serve",
		Short: "Serve the HTTP API (and the explorer page at /)",
		Long: `Serve the HTTP API on the configured address (default localhost:8080). With the
embedded store and an empty data directory, the seed graph is loaded first.
SIGINT or SIGTERM shuts the server down gracefully.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			a.serving = true
			c, err := a.loadConfig(cmd)
			if err != nil {
				return err
			}
			log := a.logger(c)
			s, err := a.openStore(cmd.Context(), c, log)
			if err != nil {
				return a.printProblems("cannot open the store", err)
			}
			defer s.Close()
			return a.serve(cmd.Context(), c, s, log)
		},
	}
}

// apiKeys converts configured keys for the handlers.
func apiKeys(keys []config.APIKey) []apikey.Key {
	out := make([]apikey.Key, len(keys))
	for i, k := range keys {
		out[i] = apikey.Key{Name: k.Name, Hash: k.Hash, Roles: k.Roles}
	}
	return out
}

// newHandler builds the API over s as configured: the store instrumented
// for /metrics, the application layer over it, the HTTP handlers over that.
// It returns the application layer too.
func (a *app) newHandler(c config.Config, s graph.Store, log *slog.Logger) (http.Handler, *analyst.Service) {
	reg := prometheus.NewRegistry()
	svc := a.service(c, handlers.InstrumentStore(s, reg, a.now), log)
	return handlers.New(handlers.Deps{
		Service: svc,
		Logger:  log, Now: a.now,
		Options: handlers.Options{
			APIKeys: apiKeys(c.APIKeys), CORSOrigins: c.HTTP.CORSOrigins,
			RequestTimeout: c.HTTP.RequestTimeout, StreamTimeout: c.HTTP.StreamTimeout,
			MaxBodyBytes: c.HTTP.MaxBodyBytes, UI: web.Handler(),
		},
		Metrics: reg,
	}), svc
}

// serve runs the HTTP server until ctx is done, then shuts it down
// gracefully within the configured shutdown timeout.
func (a *app) serve(ctx context.Context, c config.Config, s graph.Store, log *slog.Logger) error {
	h, svc := a.newHandler(c, s, log)
	// The gazetteer that extraction matches names against takes seconds
	// on a big graph: build it now rather than in the first ingestion.
	go func() {
		if err := svc.WarmGazetteer(ctx); err != nil && ctx.Err() == nil {
			log.Warn("building the gazetteer for extraction", "err", err)
		}
	}()
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: c.HTTP.ReadHeaderTimeout,
		ReadTimeout:       c.HTTP.ReadTimeout,
		WriteTimeout:      c.HTTP.WriteTimeout,
		IdleTimeout:       c.HTTP.IdleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	ln, err := net.Listen("tcp", c.Listen)
	if err != nil {
		return fmt.Errorf("listening on %s: %w", c.Listen, err)
	}
	addr := ln.Addr().String()
	log.Info("serving", "addr", "http://"+addr, "store", c.Store, "data_dir", c.DataDir)
	if a.ready != nil {
		a.ready(addr)
	}
	errc := make(chan error, 1)
	// net/http answers some malformed requests by itself, before the
	// router sees them; ProblemListener makes those answers problems too.
	go func() { errc <- srv.Serve(handlers.ProblemListener(ln)) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down", "grace", c.HTTP.ShutdownTimeout.String())
	sctx, cancel := context.WithTimeout(context.Background(), c.HTTP.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		srv.Close()
		return fmt.Errorf("shutting down: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("stopped")
	return nil
}
