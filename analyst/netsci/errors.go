package netsci

import (
	"context"
	"fmt"
	"math"

	"github.com/actorgraph/actorgraph/graph"
)

// LimitError reports that a request exceeds one of the size bounds of this
// package (BuildLimits, or a MaxWork option). It unwraps to a *graph.Error
// with code graph.ETOOLARGE whose message names the bound, so
// graph.ErrorCode and graph.ErrorMessage translate it without knowing this
// type; callers that want their own wording use the fields.
type LimitError struct {
	What  string // what was asked, e.g. "exact betweenness"
	Bound string // the option that bounds it: "MaxNodes", "MaxEdges" or "MaxWork"
	Limit int64  // the bound's value
	Need  int64  // what the request needs: nodes, relations, or steps of work
}

func (e *LimitError) message() string {
	switch e.Bound {
	case "MaxWork":
		return fmt.Sprintf("%s needs about %s steps on this graph, over the limit of %s (%s); narrow the graph with filters or ask for less",
			e.What, HumanCount(e.Need), HumanCount(e.Limit), e.Bound)
	default:
		return fmt.Sprintf("%s: the graph has more than %d %s (%s)", e.What, e.Limit, boundUnit(e.Bound), e.Bound)
	}
}

func boundUnit(b string) string {
	if b == "MaxNodes" {
		return "actors"
	}
	return "relations"
}

// Error implements error.
func (e *LimitError) Error() string { return graph.ETOOLARGE + ": " + e.message() }

// Unwrap returns the equivalent *graph.Error (code graph.ETOOLARGE).
func (e *LimitError) Unwrap() error { return &graph.Error{Code: graph.ETOOLARGE, Message: e.message()} }

// HumanCount writes a large count the way a person reads it: 2.1e+10 -> "21 billion".
func HumanCount(n int64) string {
	f := float64(n)
	switch {
	case f >= 1e12:
		return fmt.Sprintf("%.3g trillion", f/1e12)
	case f >= 1e9:
		return fmt.Sprintf("%.3g billion", f/1e9)
	case f >= 1e6:
		return fmt.Sprintf("%.3g million", f/1e6)
	}
	return fmt.Sprint(n)
}

// DefaultMaxWork is the MaxWork of every option struct left at zero: about
// ten billion steps (a node visited or an adjacency entry scanned), some
// tens of seconds of one core. A negative MaxWork means no bound.
const DefaultMaxWork int64 = 10_000_000_000

// checkWork returns a *LimitError when need exceeds the bound max (0 means
// DefaultMaxWork, negative means none).
func checkWork(what string, need float64, max int64) error {
	if max == 0 {
		max = DefaultMaxWork
	}
	if max < 0 || need <= float64(max) {
		return nil
	}
	n := int64(math.MaxInt64)
	if need < math.MaxInt64 {
		n = int64(need)
	}
	return &LimitError{What: what, Bound: "MaxWork", Limit: max, Need: n}
}

// meter checks ctx once per checkEvery steps of work, so that a long
// analysis stops soon after its caller gives up. Each goroutine has its own.
type meter struct {
	ctx  context.Context
	what string
	left int
}

const checkEvery = 1 << 15

func newMeter(ctx context.Context, what string) *meter {
	return &meter{ctx: ctx, what: what, left: checkEvery}
}

// step records n steps of work and returns the context's error, wrapped
// with what was stopped, when it is time to look and the context is done.
func (m *meter) step(n int) error {
	m.left -= n
	if m.left > 0 {
		return nil
	}
	m.left = checkEvery
	return m.check()
}

// check looks at the context now.
func (m *meter) check() error {
	if err := m.ctx.Err(); err != nil {
		return fmt.Errorf("netsci: %s stopped: %w", m.what, err)
	}
	return nil
}

// errInvalid is an EINVALID domain error: the caller asked for something
// that has no meaning.
func errInvalid(format string, args ...any) error {
	return graph.Errorf(graph.EINVALID, format, args...)
}
