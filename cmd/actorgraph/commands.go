package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/actorgraph/actorgraph/analyst"
	"github.com/actorgraph/actorgraph/apikey"
	"github.com/actorgraph/actorgraph/config"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/synth"
	"github.com/actorgraph/actorgraph/seeds"
)

func (a *app) pathCommand() *cobra.Command {
	var (
		q                   graph.PathQuery
		mode, direction     string
		types, excludeTypes []string
		asOf                string
		excludeContested    bool
		includeRefuted      bool
	)
	cmd := &cobra.Command{
		Use:   "path FROM TO",
		Short: "Print how two actors connect, with the evidence for every hop",
		Long: `Print the paths between two actors (ids or unambiguous names), each hop with
its quotes, their source, claimant and grading (Admiralty reliability A-F and
credibility 1-6).`,
		Example: `  actorgraph path "Amedy Coulibaly" AQAP
  actorgraph path "Amedy Coulibaly" AQAP --max-hops 4 --mode k_shortest --k 3
  actorgraph path cherif-kouachi islamic-state --types MEMBER_OF,DIRECTED_BY --exclude-contested`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.withService(cmd, func(ctx context.Context, c config.Config, svc *analyst.Service) error {
				q.Mode = graph.PathMode(mode)
				q.Filter.Types = upperTypes(types)
				q.Filter.ExcludeTypes = upperTypes(excludeTypes)
				q.Filter.Direction = graph.Direction(direction)
				q.Filter.ExcludeContested = excludeContested
				q.Filter.IncludeRefuted = includeRefuted
				d, err := graph.ParseDate(asOf)
				if err != nil {
					return fmt.Errorf("--as-of: %s", graph.ErrorMessage(err))
				}
				q.Filter.AsOf = d
				q.From, q.To = args[0], args[1]
				ans, err := svc.Paths(ctx, q)
				if err != nil {
					return cliError(err)
				}
				return printPaths(a.stdout, ans)
			})
		},
	}
	f := cmd.Flags()
	f.IntVar(&q.MaxHops, "max-hops", 0, "longest path to consider (default 4)")
	f.IntVar(&q.K, "k", 0, "number of paths for --mode k_shortest (default 3)")
	f.StringVar(&mode, "mode", "shortest", "shortest, all_shortest or k_shortest")
	f.StringSliceVar(&types, "types", nil, "only these relation types (comma separated)")
	f.StringSliceVar(&excludeTypes, "exclude-types", nil, "never these relation types")
	f.StringVar(&direction, "direction", "any", "follow relations as stored (out), against (in) or both (any)")
	f.Float64Var(&q.Filter.MinConfidence, "min-confidence", 0, "drop relations with a lower confidence (0-1)")
	f.StringVar(&asOf, "as-of", "", "only relations valid on this date (YYYY, YYYY-MM or YYYY-MM-DD)")
	f.BoolVar(&excludeContested, "exclude-contested", false, "drop contested relations")
	f.BoolVar(&includeRefuted, "include-refuted", false, "also walk relations that no claim supports (refuted, or confidence 0), marked")
	return cmd
}

func upperTypes(ts []string) []string {
	out := make([]string, 0, len(ts))
	for _, t := range ts {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, strings.ToUpper(strings.ReplaceAll(t, "-", "_")))
		}
	}
	return out
}

// cliError turns an error of the analyst layer into what the command
// prints: an ambiguous name lists the actors it matches, a name that
// matches none lists the closest ("did you mean"), one per line with the
// id to use instead.
func cliError(err error) error {
	var (
		amb *graph.AmbiguousError
		un  *graph.UnresolvedError
		b   strings.Builder
	)
	list := func(cs []graph.Candidate) {
		for _, c := range cs {
			fmt.Fprintf(&b, "\n  %-32s %s (%s)", c.ID, c.Name, c.Kind)
			if c.Why != "" {
				fmt.Fprintf(&b, "\n  %-32s %s", "", clipLine(c.Why, 80-35))
			}
		}
	}
	switch {
	case errors.As(err, &amb):
		fmt.Fprintf(&b, "%q matches %d actors; use one of these ids:", amb.Name, len(amb.Candidates))
		cs := make([]graph.Candidate, len(amb.Candidates))
		for i, c := range amb.Candidates {
			cs[i] = graph.Candidate{ActorRef: c}
		}
		list(cs)
	case errors.As(err, &un) && len(un.Candidates) > 0:
		fmt.Fprintf(&b, "no actor has the id, name or alias %q. Did you mean:", un.Ref)
		list(un.Candidates)
	case errors.As(err, &un):
		fmt.Fprintf(&b, "no actor has the id, name or alias %q; try: actorgraph search %q", un.Ref, un.Ref)
	default:
		return errors.New(graph.ErrorMessage(err))
	}
	return errors.New(b.String())
}

// printPaths writes a path answer readably: each path in one line, then
// every hop with its evidence.
func printPaths(w io.Writer, ans *analyst.PathAnswer) error {
	bw := bufio.NewWriter(w)
	if len(ans.Paths) == 0 {
		fmt.Fprintf(bw, "No path from %s to %s within %d hops with these filters.\n", ans.Query.From.Name, ans.Query.To.Name, ans.Query.MaxHops)
		if len(ans.SetAside) > 0 {
			fmt.Fprintf(bw, "\nSet aside, because its sources deny it (--include-refuted walks it):\n")
			for _, h := range ans.SetAside {
				fmt.Fprintf(bw, "  %s\n", h.Text)
				printRelation(bw, "     ", h.Relation)
			}
		}
		return bw.Flush()
	}
	for i, p := range ans.Paths {
		if i > 0 {
			fmt.Fprintln(bw)
		}
		fmt.Fprintf(bw, "Path %d of %d (%d hop%s): %s\n", i+1, len(ans.Paths), p.Length, plural(p.Length), p.Text)
		for j, h := range p.Hops {
			fmt.Fprintf(bw, "  %d. %s\n", j+1, h.Text)
			printRelation(bw, "     ", h.Relation)
		}
	}
	if ans.Truncated {
		fmt.Fprintf(bw, "\n(more shortest paths exist than the limit shows)\n")
	}
	return bw.Flush()
}

// printRelation writes what a relation rests on: its facts (role, dates,
// confidence, status) and every piece of evidence with its citation.
func printRelation(bw io.Writer, indent string, r analyst.RelationView) {
	var facts []string
	if r.Role != "" {
		facts = append(facts, "role "+r.Role)
	}
	if !r.ValidFrom.IsZero() || !r.ValidTo.IsZero() {
		facts = append(facts, fmt.Sprintf("valid %s–%s", dateOr(r.ValidFrom, "?"), dateOr(r.ValidTo, "")))
	}
	facts = append(facts, fmt.Sprintf("confidence %.2f", r.Confidence))
	switch {
	case r.Status == graph.Refuted:
		facts = append(facts, "REFUTED")
	case r.Contested:
		facts = append(facts, "CONTESTED")
	}
	fmt.Fprintf(bw, "%s%s; relation %s\n", indent, strings.Join(facts, ", "), r.ID)
	for _, e := range r.Evidence {
		stance := ""
		if e.Stance == graph.Refutes {
			stance = "REFUTES: "
		}
		fmt.Fprintf(bw, "%s%s“%s”\n", indent, stance, e.Quote)
		fmt.Fprintf(bw, "%s  — %s, %s; graded %s\n", indent, orUnknown(e.Claimant), citation(e), e.Grading)
	}
}

// citation names the document a piece of evidence comes from: the piece
// (if any) in the source, the publisher and the date.
func citation(e analyst.EvidenceView) string {
	if e.SourceTitle == "" {
		return "source " + e.Source
	}
	out := fmt.Sprintf("%q", e.SourceTitle)
	if e.PieceTitle != "" {
		out = fmt.Sprintf("%q in %s", e.PieceTitle, out)
	}
	if e.Publisher != "" {
		out += ", " + e.Publisher
	}
	if !e.Date.IsZero() {
		out += ", " + e.Date.String()
	}
	return out
}

func dateOr(d graph.Date, alt string) string {
	if d.IsZero() {
		return alt
	}
	return d.String()
}

func orUnknown(s string) string {
	if s == "" {
		return "claimant unknown"
	}
	return s
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func (a *app) searchCommand() *cobra.Command {
	var q graph.SearchQuery
	var kind string
	cmd := &cobra.Command{
		Use:     "search TEXT",
		Short:   "Find actors by name or alias as spelled in the sources (transliterations, typos, word order)",
		Example: "  actorgraph search kouachi\n  actorgraph search \"Usama bin Laden\"\n  actorgraph search daesh --kind organization",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.withService(cmd, func(ctx context.Context, c config.Config, svc *analyst.Service) error {
				q.Text, q.Kind = args[0], graph.Kind(kind)
				res, err := svc.Search(ctx, q)
				if err != nil {
					return errors.New(graph.ErrorMessage(err))
				}
				if len(res.Hits) == 0 {
					fmt.Fprintf(a.stdout, "No actor matches %q.\n", q.Text)
					return nil
				}
				printHits(a.stdout, &res)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&kind, "kind", "", "only person, organization, event or place")
	cmd.Flags().IntVar(&q.Limit, "limit", 20, "how many hits")
	return cmd
}

// printHits writes search hits in 80 columns: score, degree and the actor
// on one line, then what matched and why, indented.
func printHits(w io.Writer, res *analyst.SearchAnswer) {
	bw := bufio.NewWriter(w)
	defer bw.Flush()
	fmt.Fprintf(bw, "%5s %6s  %s\n", "SCORE", "DEGREE", "ACTOR (ID, KIND) / WHY IT MATCHED")
	const indent = 14
	for _, h := range res.Hits {
		fmt.Fprintf(bw, "%5d %6d  %s\n", h.Score, h.Degree, clipLine(fmt.Sprintf("%s (%s, %s)", h.Name, h.ID, h.Kind), 80-indent))
		if h.Why != "" {
			fmt.Fprintf(bw, "%*s%s\n", indent, "", clipLine(h.Why, 80-indent))
		}
	}
	switch {
	case !res.TotalExact:
		fmt.Fprintf(bw, "(%d shown; the words are so common that up to %d actors may match: add a word)\n", len(res.Hits), res.Total)
	case res.Total > len(res.Hits):
		fmt.Fprintf(bw, "(%d of %d matches; --limit shows more)\n", len(res.Hits), res.Total)
	}
}

// clipLine shortens s to at most n runes, marking the cut with "…".
func clipLine(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func (a *app) seedCommand() *cobra.Command {
	var check bool
	cmd := &cobra.Command{
		Use:   "seed",
		Short: "Load the seed graph into the configured store, or check it (--check)",
		Long: `With --check, validate the embedded seed bundle (every rule of the bundle format)
and verify that every quote appears word for word in its source text; print every
problem and exit non-zero if there is any. Without --check, import the seed bundle
into the configured store (e.g. --store neo4j); importing twice changes nothing.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if check {
				return a.checkSeeds()
			}
			b, err := seeds.Bundle()
			if err != nil {
				return a.printProblems("the seed bundle is invalid", err)
			}
			return a.withService(cmd, func(ctx context.Context, c config.Config, svc *analyst.Service) error {
				res, err := svc.Import(ctx, b)
				if err != nil {
					return a.printProblems("import failed", err)
				}
				fmt.Fprintf(a.stdout, "Seeded %s store: %d sources, %d actors, %d relations.\n", c.Store, res.Sources, res.Actors, res.Relations)
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&check, "check", false, "validate the seed bundle and its quotes instead of loading it")
	return cmd
}

// checkSeeds validates the embedded seed bundle and its quotes.
func (a *app) checkSeeds() error {
	b, err := seeds.Bundle()
	if err != nil {
		return a.printProblems("the seed bundle is invalid", err)
	}
	problems := seeds.VerifyQuotes(b, seeds.SourceTexts(b))
	if len(problems) > 0 {
		return a.printProblems("quotes not found in their sources", &graph.ValidationError{Problems: problems})
	}
	evidence := 0
	for _, r := range b.Relations {
		evidence += len(r.Evidence)
	}
	for _, act := range b.Actors {
		evidence += len(act.Evidence)
	}
	fmt.Fprintf(a.stdout, "The seed bundle is valid: %d sources, %d actors, %d relations; all %d quotes found in their sources.\n",
		len(b.Sources), len(b.Actors), len(b.Relations), evidence)
	return nil
}

func (a *app) importCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "import FILE|DIR",
		Short: "Import a bundle file, or every *.json bundle of a directory, in one transaction",
		Long: `Import a bundle (actorgraph-bundle/1). A directory's *.json files are merged in
name order. The bundle is validated against itself and the stored graph; every
problem is printed and nothing is written unless everything is valid.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			b, err := readBundle(args[0])
			if err != nil {
				return a.printProblems("cannot import "+args[0], err)
			}
			return a.withService(cmd, func(ctx context.Context, c config.Config, svc *analyst.Service) error {
				res, err := svc.Import(ctx, b)
				if err != nil {
					return a.printProblems("cannot import "+args[0], err)
				}
				fmt.Fprintf(a.stdout, "Imported %d sources, %d actors, %d relations.\n", res.Sources, res.Actors, res.Relations)
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&a.noSeed, "no-seed", false, "when the embedded store is new, create it empty instead of with the seed graph")
	return cmd
}

// readBundle decodes a bundle file or a directory of them, without
// validating references (the store validates against what it holds). The
// problems of entries that do not decode stay in the bundle, and the
// store's validation lists them with every other problem; only a file that
// cannot be read to its end stops here.
func readBundle(path string) (*graph.Bundle, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("no file or directory %s", path)
	}
	files := []string{path}
	if info.IsDir() {
		files, _ = filepath.Glob(filepath.Join(path, "*.json"))
		sort.Strings(files)
		if len(files) == 0 {
			return nil, fmt.Errorf("directory %s holds no .json bundle file", path)
		}
	}
	b := &graph.Bundle{Format: graph.BundleFormat}
	var problems []graph.Problem
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		part, ps := graph.DecodeBundle(bufio.NewReaderSize(f, 1<<20), name)
		f.Close()
		if part.Incomplete() {
			problems = append(problems, ps...)
		}
		b.Append(part)
	}
	if len(problems) > 0 {
		return nil, &graph.ValidationError{Problems: problems}
	}
	return b, nil
}

// createOutput opens -o FILE, or stdout for "" and "-".
func (a *app) createOutput(path string) (io.Writer, func() error, error) {
	if path == "" || path == "-" {
		bw := bufio.NewWriterSize(a.stdout, 1<<20)
		return bw, bw.Flush, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, nil, err
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	return bw, func() error {
		if err := bw.Flush(); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	}, nil
}

func (a *app) exportCommand() *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write the whole graph as a bundle (the import format)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.withService(cmd, func(ctx context.Context, c config.Config, svc *analyst.Service) error {
				w, done, err := a.createOutput(out)
				if err != nil {
					return err
				}
				if err := svc.WriteBundle(ctx, w); err != nil {
					done()
					return errors.New(graph.ErrorMessage(err))
				}
				return done()
			})
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "output file (default stdout)")
	return cmd
}

func (a *app) genCommand() *cobra.Command {
	var o synth.Options
	var out string
	cmd := &cobra.Command{
		Use:   "gen",
		Short: "Write a synthetic bundle with a power-law degree distribution",
		Long: `Write a synthetic bundle of --actors actors and --relations relations whose degree
distribution is skewed like real networks (power law). The same --seed gives the
same bundle. Benchmarks and load tests import it.`,
		Example: "  actorgraph gen --actors 1000000 --relations 5000000 --seed 1 -o synth-1m.json",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			w, done, err := a.createOutput(out)
			if err != nil {
				return err
			}
			if err := synth.Write(w, o); err != nil {
				done()
				return errors.New(graph.ErrorMessage(err))
			}
			return done()
		},
	}
	cmd.Flags().IntVar(&o.Actors, "actors", 1000, "number of actors")
	cmd.Flags().IntVar(&o.Relations, "relations", 5000, "number of relations")
	cmd.Flags().Int64Var(&o.Seed, "seed", 1, "random seed")
	cmd.Flags().StringVarP(&out, "output", "o", "", "output file (default stdout)")
	return cmd
}

func (a *app) configCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "config",
		Short: "Print the effective configuration, secrets masked, and any problem in it",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, err := config.Load(cmd.Flags(), a.environ)
			if err != nil {
				return err
			}
			if files := c.Files(); len(files) > 0 {
				fmt.Fprintf(a.stdout, "# read from %s, then ACTORGRAPH_* variables and flags\n", strings.Join(files, ", "))
			} else {
				fmt.Fprintf(a.stdout, "# no configuration file; defaults, then ACTORGRAPH_* variables and flags\n")
			}
			if err := c.WriteYAML(a.stdout); err != nil {
				return err
			}
			if err := c.Validate(); err != nil {
				return a.printProblems("invalid configuration", err)
			}
			return nil
		},
	}
}

func (a *app) hashKeyCommand() *cobra.Command {
	var name string
	var roles []string
	cmd := &cobra.Command{
		Use:   "hash-key",
		Short: "Make a new random API key and print it with the hash to configure",
		Long: `Print a new random API key (give it to the client; it is not stored anywhere) and
the configuration entry that accepts it, which holds only the key's SHA-256.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			for _, r := range roles {
				if !apikey.ValidRole(r) {
					return fmt.Errorf("unknown role %q; roles are %s", r, apikey.RoleList())
				}
			}
			key, hash, err := apikey.New()
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "key:  %s\nhash: %s\n\n# actorgraph.yaml\napi_keys:\n  - name: %s\n    hash: %s\n    roles: [%s]\n\n# or in the environment\n%s='%s=%s:%s'\n",
				key, hash, name, hash, strings.Join(roles, ", "), config.EnvName("api_keys"), name, hash, strings.Join(roles, ","))
			return nil
		},
	}
	cmd.Flags().StringVar(&name, "name", "client", "name of the key, for the logs")
	cmd.Flags().StringSliceVar(&roles, "roles", []string{apikey.RoleRead, apikey.RoleWrite}, "roles of the key: read, write (which includes read), metrics (GET /metrics only, for a scraper)")
	return cmd
}

func (a *app) migrateCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "migrate",
		Short: "Create the Neo4j schema (constraints and indexes); idempotent",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, err := a.loadConfig(cmd)
			if err != nil {
				return err
			}
			if c.Store != config.StoreNeo4j {
				return fmt.Errorf("migrate applies to the Neo4j store; run it with --store neo4j (the embedded store needs no migration)")
			}
			s, err := a.openNeo4j(cmd.Context(), c, a.logger(c))
			if err != nil {
				return errors.New(graph.ErrorMessage(err))
			}
			defer s.Close()
			if err := s.Migrate(cmd.Context()); err != nil {
				return errors.New(graph.ErrorMessage(err))
			}
			fmt.Fprintf(a.stdout, "The Neo4j schema of %s (database %s) is up to date.\n", c.Neo4j.URI, c.Neo4j.Database)
			return nil
		},
	}
}
