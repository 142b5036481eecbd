package analyst

import (
	"context"
	"log/slog"
	"time"

	"github.com/actorgraph/actorgraph/graph"
)

// Deps are what a Service needs. Store is required; the others have
// defaults.
type Deps struct {
	Store  graph.Store
	Logger *slog.Logger     // default: discard
	Now    func() time.Time // default: time.Now
	Limits graph.Limits     // default: graph.DefaultLimits
	// Analysis bounds the network analyses; zero fields take
	// DefaultAnalysisLimits.
	Analysis AnalysisLimits
}

// Service answers an analyst's questions of the graph and applies the
// writes. It is safe for concurrent use.
type Service struct {
	store  graph.Store
	log    *slog.Logger
	now    func() time.Time
	limits graph.Limits
	alim   AnalysisLimits
	srcs   sourceCache
	gaz    gazetteerCache
	graphs graphCache
}

// New returns a Service over d.Store.
func New(d Deps) *Service {
	if d.Store == nil {
		panic("analyst.New: Deps.Store is nil")
	}
	if d.Logger == nil {
		d.Logger = slog.New(slog.DiscardHandler)
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Limits == (graph.Limits{}) {
		d.Limits = graph.DefaultLimits
	}
	s := &Service{log: d.Logger, now: d.Now, limits: d.Limits, alim: d.Analysis.withDefaults()}
	s.store = genStore{Store: d.Store, gen: &s.graphs.gen}
	return s
}

// Limits are the bounds every query is checked against.
func (s *Service) Limits() graph.Limits { return s.limits }

// Ping reports whether the store can be reached. EUNAVAILABLE.
func (s *Service) Ping(ctx context.Context) error { return s.store.Ping(ctx) }
