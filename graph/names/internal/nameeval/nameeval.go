// Package nameeval measures search by name (package names, through the
// embedded store's SearchActors, as the service searches) on the seed
// graph: precision@1 and recall@5 of variant spellings, and whether every
// actor's own name and aliases still come first. The test of package names
// and the command nameeval both use it.
package nameeval

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/embedded"
)

// Case is one line of a test set: a query and the actor it means.
type Case struct {
	Query, Want, Source string
	Line                int
}

// ReadCases reads a tab-separated test set: query, expected actor id,
// where the spelling comes from. Lines starting with # and blank lines are
// skipped.
func ReadCases(path string) ([]Case, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return parseCases(f, path)
}

func parseCases(r io.Reader, name string) ([]Case, error) {
	var out []Case
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.Split(line, "\t")
		if len(parts) != 3 || parts[0] == "" || parts[1] == "" {
			return nil, fmt.Errorf("%s:%d: want query, actor id and source separated by tabs", name, n)
		}
		out = append(out, Case{Query: parts[0], Want: parts[1], Source: parts[2], Line: n})
	}
	return out, sc.Err()
}

// Graph is the seed graph in an embedded store, searched as the service
// searches it: graph.Store.SearchActors, which ranks by score, then degree
// (descending), then actor id.
type Graph struct {
	Store  *embedded.Store
	Actors []graph.Actor
	dir    string
}

// NewGraph opens an embedded store in a temporary directory and imports b
// into it. Close removes it.
func NewGraph(ctx context.Context, b *graph.Bundle) (*Graph, error) {
	dir, err := os.MkdirTemp("", "nameeval-")
	if err != nil {
		return nil, err
	}
	st, err := embedded.Open(ctx, embedded.Options{Dir: dir})
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	if _, err := st.Import(ctx, b); err != nil {
		st.Close()
		os.RemoveAll(dir)
		return nil, err
	}
	return &Graph{Store: st, Actors: b.Actors, dir: dir}, nil
}

// Close closes the store and removes its directory.
func (g *Graph) Close() error {
	err := g.Store.Close()
	os.RemoveAll(g.dir)
	return err
}

// Search returns the best hits of query through the store.
func (g *Graph) Search(ctx context.Context, query string, limit int) (graph.SearchResult, error) {
	return g.Store.SearchActors(ctx, graph.SearchQuery{Text: query, Limit: limit})
}

// Outcome is how one case fared.
type Outcome struct {
	Case
	Rank int    // 1-based rank of the expected actor; 0 if not in the top 5
	Top  string // the id ranked first, "" if none
	Hit  graph.SearchHit
	Err  error
}

// Report sums up a test set.
type Report struct {
	Name         string
	N, At1, In5  int
	Misses       []Outcome // expected actor not first
	PrecisionAt1 float64
	RecallAt5    float64
}

// Run evaluates cases against g.
func (g *Graph) Run(ctx context.Context, name string, cases []Case) Report {
	r := Report{Name: name}
	for _, c := range cases {
		o := g.one(ctx, c)
		r.N++
		if o.Rank == 1 {
			r.At1++
		} else {
			r.Misses = append(r.Misses, o)
		}
		if o.Rank >= 1 {
			r.In5++
		}
	}
	if r.N > 0 {
		r.PrecisionAt1 = float64(r.At1) / float64(r.N)
		r.RecallAt5 = float64(r.In5) / float64(r.N)
	}
	return r
}

func (g *Graph) one(ctx context.Context, c Case) Outcome {
	o := Outcome{Case: c}
	res, err := g.Search(ctx, c.Query, 5)
	if err != nil {
		o.Err = err
		return o
	}
	for i, h := range res.Hits {
		if i == 0 {
			o.Top = h.Actor.ID
		}
		if h.Actor.ID == c.Want && o.Rank == 0 {
			o.Rank = i + 1
			o.Hit = h
		}
	}
	return o
}

// ExactCases returns one case per name and alias of every actor, except
// an alias (folded) that another actor also has as a name or alias: no
// ranking can put both first. A name is always kept: an exact name ranks
// above an exact alias, so it must come first even if another actor has
// it as an alias (unless two actors have the same name).
func (g *Graph) ExactCases() []Case {
	owners := map[string]int{}
	nameOwners := map[string]int{}
	for _, a := range g.Actors {
		seen := map[string]bool{}
		for i, n := range append([]string{a.Name}, a.Aliases...) {
			k := graph.NormalizeName(n)
			if i == 0 {
				nameOwners[k]++
			}
			if !seen[k] {
				owners[k]++
				seen[k] = true
			}
		}
	}
	var out []Case
	for _, a := range g.Actors {
		for i, n := range append([]string{a.Name}, a.Aliases...) {
			k := graph.NormalizeName(n)
			if i == 0 && nameOwners[k] == 1 || i > 0 && owners[k] == 1 {
				out = append(out, Case{Query: n, Want: a.ID, Source: "own name or alias"})
			}
		}
	}
	return out
}

// Format writes a report: the figures, then every miss.
func Format(w io.Writer, reports ...Report) {
	fmt.Fprintf(w, "%-12s %5s %12s %10s\n", "set", "n", "precision@1", "recall@5")
	for _, r := range reports {
		fmt.Fprintf(w, "%-12s %5d %12.3f %10.3f\n", r.Name, r.N, r.PrecisionAt1, r.RecallAt5)
	}
	for _, r := range reports {
		for _, m := range r.Misses {
			switch {
			case m.Err != nil:
				fmt.Fprintf(w, "%s:%d %q: %v\n", r.Name, m.Line, m.Query, m.Err)
			case m.Rank == 0:
				fmt.Fprintf(w, "%s:%d %q: want %s, not in the top 5 (first: %q)\n", r.Name, m.Line, m.Query, m.Want, m.Top)
			default:
				fmt.Fprintf(w, "%s:%d %q: want %s, ranked %d after %s (%d, %s)\n", r.Name, m.Line, m.Query, m.Want, m.Rank, m.Top, m.Hit.Score, m.Hit.Why)
			}
		}
	}
}
