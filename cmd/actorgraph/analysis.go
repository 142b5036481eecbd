package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/actorgraph/actorgraph/analyst"
	"github.com/actorgraph/actorgraph/analyst/netsci"
	"github.com/actorgraph/actorgraph/config"
	"github.com/actorgraph/actorgraph/graph"
)

// The analysis commands: top, brokers, connect, communities. Each calls
// one analyst.Service method, as the HTTP API does, and prints its answer
// in 80 columns (width; or, with --csv, the table the API gives as CSV).

// filterFlags are the relation filter flags every analysis takes.
type filterFlags struct {
	types, excludeTypes []string
	minConfidence       float64
	asOf                string
	excludeContested    bool
	includeRefuted      bool
}

func (f *filterFlags) add(fs *pflag.FlagSet) {
	fs.StringSliceVar(&f.types, "types", nil, "only these relation types (comma separated)")
	fs.StringSliceVar(&f.excludeTypes, "exclude-types", nil, "never these relation types")
	fs.Float64Var(&f.minConfidence, "min-confidence", 0, "drop relations with a lower confidence (0-1)")
	fs.StringVar(&f.asOf, "as-of", "", "only relations valid on this date (YYYY, YYYY-MM or YYYY-MM-DD)")
	fs.BoolVar(&f.excludeContested, "exclude-contested", false, "drop contested relations")
	fs.BoolVar(&f.includeRefuted, "include-refuted", false, "also count relations that no claim supports (refuted, or confidence 0)")
}

func (f *filterFlags) filter() (graph.RelationFilter, error) {
	d, err := graph.ParseDate(f.asOf)
	if err != nil {
		return graph.RelationFilter{}, fmt.Errorf("--as-of: %s", graph.ErrorMessage(err))
	}
	return graph.RelationFilter{
		Types: upperTypes(f.types), ExcludeTypes: upperTypes(f.excludeTypes), MinConfidence: f.minConfidence,
		AsOf: d, ExcludeContested: f.excludeContested, IncludeRefuted: f.includeRefuted, Direction: graph.DirectionAny,
	}, nil
}

// printGraph writes the statement of the graph, wrapped.
func printGraph(w io.Writer, g analyst.AnalysisGraph) {
	for i, l := range wrap("Graph: "+g.Description+".", width-2) {
		if i > 0 {
			l = "  " + l
		}
		fmt.Fprintln(w, l)
	}
}

// printWrapped writes s wrapped to the width, every line indented.
func printWrapped(w io.Writer, indent, s string) {
	printHanging(w, indent, indent, s)
}

// printHanging writes s wrapped to the width, its first line after first
// and the others after indent (of the same width in runes).
func printHanging(w io.Writer, first, indent, s string) {
	for i, l := range wrap(s, width-utf8.RuneCountInString(indent)) {
		if i == 0 {
			fmt.Fprintln(w, first+l)
		} else {
			fmt.Fprintln(w, indent+l)
		}
	}
}

// count writes a number of paths: an integer when it is one.
func count(v float64) string {
	if v == math.Trunc(v) && v < 1e15 {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'g', 6, 64)
}

// writeTable writes rows as CSV.
func writeTable(w io.Writer, rows [][]string) error {
	cw := csv.NewWriter(w)
	return cw.WriteAll(rows)
}

// actorLabel is "Name (id)", clipped to n runes.
func actorLabel(r graph.ActorRef, n int) string {
	if r.Name == r.ID || r.Name == "" {
		return clip(r.ID, n)
	}
	return clip(r.Name+" ("+r.ID+")", n)
}

// valueWidth is the width of the VALUE column: a value, and with sampling
// its ± error.
func valueWidth(sampled bool) int {
	if sampled {
		return 20
	}
	return 9
}

// value writes a measure's value in 9 characters.
func value(v float64) string {
	switch {
	case v == 0:
		return "0"
	case math.Abs(v) >= 1000:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case math.Abs(v) >= 1e-4:
		return strconv.FormatFloat(v, 'f', 6, 64)
	}
	return strconv.FormatFloat(v, 'e', 2, 64)
}

func (a *app) topCommand() *cobra.Command {
	var (
		ff      filterFlags
		q       analyst.CentralityQuery
		measure string
		series  string
		asCSV   bool
	)
	cmd := &cobra.Command{
		Use:   "top",
		Short: "Rank actors by a centrality measure (degree, betweenness, closeness, pagerank, eigenvector)",
		Long: `Rank every actor by a centrality measure over the graph of the relations that
pass the filters (undirected, parallel relations merged: the answer states it),
each measure as networkx computes it. Betweenness is exact up to
analysis.exact_betweenness_max actors and sampled beyond, with its error bound.
--series gives the measure at the end of each year of a range, for the actors in
any year's top, so a broker's rise and fall shows.`,
		Example: `  actorgraph top --measure betweenness
  actorgraph top --measure pagerank --top 10 --exclude-types LOCATED_IN,NATIONAL_OF
  actorgraph top --measure betweenness --series 2001..2018 --top 5
  actorgraph top --measure degree --actors "Rachid Kassim,AQAP" --csv`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			f, err := ff.filter()
			if err != nil {
				return err
			}
			if q.Measure, err = analyst.ParseMeasure(measure); err != nil {
				return cliError(err)
			}
			if q.Series, err = analyst.ParseYears(series); err != nil {
				return cliError(err)
			}
			q.Filter = f
			return a.withService(cmd, func(ctx context.Context, c config.Config, svc *analyst.Service) error {
				ans, err := svc.Centrality(ctx, q)
				if err != nil {
					return cliError(err)
				}
				if asCSV {
					return writeTable(a.stdout, ans.Table())
				}
				return printCentrality(a.stdout, ans)
			})
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&measure, "measure", "degree", "degree, betweenness, closeness, pagerank or eigenvector")
	fs.IntVar(&q.Top, "top", 20, "how many actors to list (in each year of a series)")
	fs.StringVar(&series, "series", "", "a range of years such as 2001..2018: the measure at the end of each")
	fs.StringSliceVar(&q.Actors, "actors", nil, "also show these actors (ids or names, comma separated), wherever they rank")
	fs.Uint64Var(&q.Seed, "seed", 0, "seed of sampled betweenness")
	fs.IntVar(&q.Samples, "samples", 0, "sources of sampled betweenness (default analysis.samples)")
	fs.BoolVar(&asCSV, "csv", false, "print the table as CSV")
	ff.add(fs)
	return cmd
}

func printCentrality(w io.Writer, ans *analyst.CentralityAnswer) error {
	bw := bufio.NewWriter(w)
	printWrapped(bw, "", strings.ToUpper(ans.Definition[:1])+ans.Definition[1:]+".")
	if ans.Series != nil {
		printSeries(bw, ans)
		return bw.Flush()
	}
	printWrapped(bw, "", "Method: "+ans.Method.Text+".")
	printGraph(bw, ans.Graph)
	fmt.Fprintln(bw)
	sampled := !ans.Method.Exact && ans.Method.Sources > 0
	row := func(s analyst.ScoreView) {
		v := value(s.Value)
		if sampled && s.StdErr != nil {
			v += " ±" + value(2**s.StdErr)
		}
		fmt.Fprintf(bw, "%5d  %-*s  %-*s %s\n", s.Rank, valueWidth(sampled), v, 58-valueWidth(sampled), actorLabel(s.Actor, 58-valueWidth(sampled)), clip(string(s.Actor.Kind), 12))
	}
	fmt.Fprintf(bw, "%5s  %-*s  %-*s %s\n", "RANK", valueWidth(sampled), "VALUE", 58-valueWidth(sampled), "ACTOR", "KIND")
	for _, s := range ans.Top {
		row(s)
	}
	if len(ans.Actors) > 0 {
		fmt.Fprintln(bw, "\nThe actors asked for:")
		for _, s := range ans.Actors {
			row(s)
		}
	}
	if sampled {
		fmt.Fprintln(bw, "\n± is twice the estimated standard error of a sampled value.")
	}
	return bw.Flush()
}

// sparks are the levels of a sparkline.
var sparks = []rune("▁▂▃▄▅▆▇█")

// printSeries writes a series: one line per actor with its best rank, its
// peak and a sparkline of its values by year (all on one scale).
func printSeries(w io.Writer, ans *analyst.CentralityAnswer) {
	years := ans.Series.Years
	first, last := years[0], years[len(years)-1]
	printWrapped(w, "", fmt.Sprintf("Method: %s. Each year: the relations that hold at its end (as_of YEAR-12-31), %d in %d, %d in %d.",
		ans.Method.Text, first.Graph.Relations, first.Year, last.Graph.Relations, last.Year))
	printGraph(w, ans.Graph)
	fmt.Fprintln(w)
	top := 0.0
	for _, sa := range ans.Series.Actors {
		top = max(top, peak(sa.Values))
	}
	// At most 24 columns of sparkline: years share a column when there
	// are more, which shows their highest value.
	cols := min(len(years), 24)
	span := fmt.Sprintf("%d%s%d", first.Year, strings.Repeat(" ", max(0, cols-8)), last.Year)
	if cols < 10 {
		span = fmt.Sprintf("%d–%d", first.Year, last.Year)
	}
	fmt.Fprintf(w, "%-30s %4s  %-14s  %s\n", "ACTOR", "BEST", "PEAK (YEAR)", span)
	for _, sa := range ans.Series.Actors {
		line := make([]rune, cols)
		for c := range line {
			lo, hi := c*len(years)/cols, (c+1)*len(years)/cols
			v := 0.0
			for i := lo; i < hi; i++ {
				v = max(v, sa.Values[i])
			}
			switch {
			case v <= 0 || top == 0:
				line[c] = '·'
			default:
				line[c] = sparks[min(len(sparks)-1, int(v/top*float64(len(sparks))))]
			}
		}
		fmt.Fprintf(w, "%-30s %4d  %-9s %4d  %s\n", actorLabel(sa.Actor, 30), sa.BestRank, value(peak(sa.Values)), sa.PeakYear, string(line))
	}
	fmt.Fprintf(w, "\nOne scale for all: █ is %s. --csv prints every value and rank by year.\n", value(top))
}

func peak(xs []float64) float64 {
	p := 0.0
	for _, x := range xs {
		p = max(p, x)
	}
	return p
}

func (a *app) brokersCommand() *cobra.Command {
	var (
		ff             filterFlags
		q              analyst.BrokersQuery
		withA, withB   []string
		expand, mode   string
		evidence, csvo bool
		examples       int
	)
	cmd := &cobra.Command{
		Use:   "brokers A B",
		Short: "Who lies between two groups: the brokers on the shortest paths between two sets of actors",
		Long: `Rank the actors on the shortest paths between two sets of actors, each set an
actor (id or name) and optionally more (--with-a, --with-b) and its members and
affiliates (--expand members,affiliates), with how many of those paths each lies
on and an example path. Relations joining the two sets directly are set aside
(--include-direct keeps them): they would hide every broker behind them.`,
		Example: `  actorgraph brokers AQAP "Islamic State"
  actorgraph brokers AQAP "Islamic State" --expand members,affiliates --top 10 --evidence
  actorgraph brokers "Chérif Kouachi" "Islamic State" --with-a "Saïd Kouachi" --mode nearest`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := ff.filter()
			if err != nil {
				return err
			}
			q.Filter = f
			q.A = append([]string{args[0]}, withA...)
			q.B = append([]string{args[1]}, withB...)
			q.Mode = netsci.BrokerMode(mode)
			if q.Expand, err = analyst.ParseExpansions([]string{expand}); err != nil {
				return cliError(err)
			}
			if examples == 0 {
				examples = -1 // none
			}
			q.Examples = examples
			return a.withService(cmd, func(ctx context.Context, c config.Config, svc *analyst.Service) error {
				ans, err := svc.Brokers(ctx, q)
				if err != nil {
					return cliError(err)
				}
				if csvo {
					return writeTable(a.stdout, ans.Table())
				}
				return printBrokers(a.stdout, ans, evidence)
			})
		},
	}
	fs := cmd.Flags()
	fs.StringSliceVar(&withA, "with-a", nil, "more actors in the first set (comma separated)")
	fs.StringSliceVar(&withB, "with-b", nil, "more actors in the second set")
	fs.StringVar(&expand, "expand", "", "widen both sets: members, affiliates or members,affiliates")
	fs.StringVar(&mode, "mode", "pairs", "pairs (every pair of the sets counts) or nearest (only the shortest paths between the sets)")
	fs.IntVar(&q.MaxHops, "max-hops", 0, "leave out pairs farther apart (default 6)")
	fs.BoolVar(&q.IncludeDirect, "include-direct", false, "keep relations joining the two sets directly")
	fs.IntVar(&q.Top, "top", 20, "how many brokers")
	fs.IntVar(&examples, "examples", 1, "example paths per broker (0 for none)")
	fs.BoolVar(&evidence, "evidence", false, "print the evidence of every hop of the example paths")
	fs.BoolVar(&csvo, "csv", false, "print the table as CSV")
	ff.add(fs)
	return cmd
}

// setSummary says what a set of a brokers answer holds: "AQAP and 3
// members".
func setSummary(ms []analyst.SetMember) string {
	var given []string
	members, affiliates := 0, 0
	for _, m := range ms {
		switch {
		case m.Via == "given":
			given = append(given, m.Actor.Name)
		case strings.HasPrefix(m.Via, "affiliate"):
			affiliates++
		default:
			members++
		}
	}
	out := strings.Join(given, ", ")
	var with []string
	if affiliates > 0 {
		with = append(with, fmt.Sprintf("%d affiliate%s", affiliates, plural(affiliates)))
	}
	if members > 0 {
		with = append(with, fmt.Sprintf("%d member%s", members, plural(members)))
	}
	if len(with) > 0 {
		out += " with " + strings.Join(with, " and ")
	}
	return out
}

func printBrokers(w io.Writer, ans *analyst.BrokersAnswer, evidence bool) error {
	bw := bufio.NewWriter(w)
	printWrapped(bw, "", fmt.Sprintf("Brokers between A (%s) and B (%s).", setSummary(ans.A), setSummary(ans.B)))
	if len(ans.Shared) > 0 {
		var names []string
		for _, s := range ans.Shared {
			names = append(names, s.Name)
		}
		printWrapped(bw, "", "In both sets, so taken out of both: "+strings.Join(names, ", ")+".")
	}
	printWrapped(bw, "", "Method: "+ans.Method+".")
	printGraph(bw, ans.Graph)
	if ans.DirectCount > 0 {
		fmt.Fprintf(bw, "Set aside: %d pair%s joined directly (--include-direct keeps them):\n", ans.DirectCount, plural(ans.DirectCount))
		for _, h := range ans.Direct {
			printWrapped(bw, "  ", h.Text)
		}
	}
	if ans.Message != "" {
		fmt.Fprintln(bw)
		printWrapped(bw, "", ans.Message+".")
		if len(ans.Brokers) == 0 {
			return bw.Flush()
		}
	}
	fmt.Fprintf(bw, "\n%d pair%s joined, %s shortest path%s counted, least distance %d; %d broker%s.\n\n",
		ans.Pairs, plural(ans.Pairs), count(ans.Paths), plural(int(ans.Paths)), ans.Distance, ans.Total, plural(ans.Total))
	fmt.Fprintf(bw, "%4s  %9s  %7s  %5s  %s\n", "RANK", "SCORE", "PATHS", "SHARE", "ACTOR")
	for _, b := range ans.Brokers {
		side := ""
		if b.Side != "" {
			side = " [in " + strings.ToUpper(b.Side) + "]"
		}
		fmt.Fprintf(bw, "%4d  %9s  %7s  %4.0f%%  %s\n", b.Rank, value(b.Score), count(b.Paths), 100*b.Share, actorLabel(b.Actor, 47-len(side))+side)
		for _, ex := range b.Examples {
			printHanging(bw, "      e.g. ", "           ", ex.Text)
			if evidence {
				for _, h := range ex.Hops {
					printWrapped(bw, "        ", h.Text)
					printEvidence(bw, "          ", h.Relation)
				}
			}
		}
	}
	return bw.Flush()
}

// printEvidence is printRelation wrapped to the width: what a relation
// rests on, and every piece of evidence with its citation.
func printEvidence(w io.Writer, indent string, r analyst.RelationView) {
	var b strings.Builder
	printRelation(&b, "", r)
	for _, line := range strings.Split(strings.TrimRight(b.String(), "\n"), "\n") {
		// printRelation indents a citation under its quote by two spaces.
		extra := ""
		if strings.HasPrefix(line, "  ") {
			extra, line = "  ", strings.TrimLeft(line, " ")
		}
		printWrapped(w, indent+extra, line)
	}
}

func (a *app) connectCommand() *cobra.Command {
	var (
		ff    filterFlags
		q     analyst.ConnectQuery
		brief bool
	)
	cmd := &cobra.Command{
		Use:   "connect A B [C ...]",
		Short: "How several actors connect: a small network joining them all, every hop with its evidence",
		Long: `Find a small network joining the actors (ids or names), as i2 Analyst's
Notebook's "Find Connecting Network" does, by a Steiner tree approximation (the
answer names it), every connection at most --max-hops long. Every hop is printed
with its evidence; every actor that cannot be joined is named with the reason.`,
		Example: `  actorgraph connect "Amedy Coulibaly" "Rachid Kassim" "Masood Azhar"
  actorgraph connect aqap islamic-state "Anwar al-Awlaki" --max-hops 3 --brief`,
		Args: cobra.MinimumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := ff.filter()
			if err != nil {
				return err
			}
			q.Filter, q.Actors = f, args
			return a.withService(cmd, func(ctx context.Context, c config.Config, svc *analyst.Service) error {
				ans, err := svc.Connect(ctx, q)
				if err != nil {
					return cliError(err)
				}
				return printConnect(a.stdout, ans, !brief)
			})
		},
	}
	fs := cmd.Flags()
	fs.IntVar(&q.MaxHops, "max-hops", 0, "the longest connection between two of the actors (default 4)")
	fs.BoolVar(&brief, "brief", false, "one line per connection, without the evidence")
	ff.add(fs)
	return cmd
}

func printConnect(w io.Writer, ans *analyst.ConnectAnswer, evidence bool) error {
	bw := bufio.NewWriter(w)
	printWrapped(bw, "", fmt.Sprintf("Connecting network of %d actors: %s.", len(ans.Terminals), ans.Message))
	printWrapped(bw, "", "Method: "+ans.Method+".")
	printGraph(bw, ans.Graph)
	parts := append([]analyst.ConnectPart{ans.Network}, ans.Others...)
	for pi, p := range parts {
		if len(p.Connections) == 0 {
			continue
		}
		if pi > 0 {
			var names []string
			for _, t := range p.Terminals {
				names = append(names, t.Name)
			}
			fmt.Fprintln(bw)
			printWrapped(bw, "", "Apart from the network, joined to each other: "+strings.Join(names, ", ")+".")
		}
		for i, c := range p.Connections {
			fmt.Fprintln(bw)
			printHanging(bw, "", "   ", fmt.Sprintf("%d. %s to %s (%d hop%s): %s", i+1, c.From.Name, c.To.Name, c.Path.Length, plural(c.Path.Length), c.Path.Text))
			if evidence {
				for j, h := range c.Path.Hops {
					printHanging(bw, "   ", "      ", fmt.Sprintf("%d. %s", j+1, h.Text))
					printEvidence(bw, "      ", h.Relation)
				}
			}
		}
	}
	if len(ans.Gaps) > 0 {
		fmt.Fprintln(bw, "\nNot joined:")
		for _, g := range ans.Gaps {
			printWrapped(bw, "  ", fmt.Sprintf("%s (%s): %s.", g.Actor.Name, g.Reason, g.Message))
		}
	}
	return bw.Flush()
}

func (a *app) communitiesCommand() *cobra.Command {
	var (
		ff    filterFlags
		q     analyst.CommunitiesQuery
		asCSV bool
	)
	cmd := &cobra.Command{
		Use:   "communities",
		Short: "Which clusters exist and who holds each together (Leiden, seeded)",
		Long: `Partition the graph of the relations that pass the filters into communities by
Leiden, maximising modularity, seeded (the same graph and seed give the same
communities), and name each by its members with the most neighbours inside it.
--csv prints the community of every actor.`,
		Example: `  actorgraph communities
  actorgraph communities --top 5 --members 8 --exclude-types LOCATED_IN,NATIONAL_OF
  actorgraph communities --actors "Rachid Kassim,AQAP"
  actorgraph communities --csv > communities.csv`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			f, err := ff.filter()
			if err != nil {
				return err
			}
			q.Filter = f
			return a.withService(cmd, func(ctx context.Context, c config.Config, svc *analyst.Service) error {
				ans, err := svc.Communities(ctx, q)
				if err != nil {
					return cliError(err)
				}
				if asCSV {
					cw := csv.NewWriter(a.stdout)
					cw.Write(analyst.MemberHeader)
					err := svc.EachMember(ctx, ans, func(r analyst.MemberRow) error { return cw.Write(r.Strings()) })
					cw.Flush()
					if err != nil {
						return cliError(err)
					}
					return cw.Error()
				}
				return printCommunities(a.stdout, ans)
			})
		},
	}
	fs := cmd.Flags()
	fs.Uint64Var(&q.Seed, "seed", 0, "seed of Leiden's visiting order")
	fs.Float64Var(&q.Resolution, "resolution", 1, "modularity resolution: higher gives more, smaller communities")
	fs.IntVar(&q.Top, "top", 10, "how many communities, largest first")
	fs.IntVar(&q.Members, "members", 6, "members listed per community")
	fs.StringSliceVar(&q.Actors, "actors", nil, "also say which community these actors are in")
	fs.BoolVar(&asCSV, "csv", false, "print the community of every actor as CSV")
	ff.add(fs)
	return cmd
}

func printCommunities(w io.Writer, ans *analyst.CommunitiesAnswer) error {
	bw := bufio.NewWriter(w)
	printWrapped(bw, "", fmt.Sprintf("%d communities, modularity %.4f (%d of one actor).", ans.Count, ans.Modularity, ans.Singletons))
	printWrapped(bw, "", "Method: "+ans.Method+".")
	printGraph(bw, ans.Graph)
	fmt.Fprintf(bw, "\n%3s  %5s  %6s  %6s  %s\n", "#", "SIZE", "INSIDE", "OUTSIDE", "NAME")
	for _, c := range ans.Communities {
		fmt.Fprintf(bw, "%3d  %5d  %6d  %7d  %s\n", c.Community, c.Size, c.Internal, c.External, clip(c.Name, width-30))
		var ms []string
		for _, m := range c.Members {
			ms = append(ms, fmt.Sprintf("%s (%d)", m.Actor.Name, m.Inside))
		}
		more := ""
		if c.Size > len(c.Members) {
			more = fmt.Sprintf(", and %d more", c.Size-len(c.Members))
		}
		printWrapped(bw, "     ", strings.Join(ms, ", ")+more)
	}
	fmt.Fprintln(bw, "\nINSIDE and OUTSIDE count edges; a member's number is its neighbours inside.")
	if len(ans.Actors) > 0 {
		fmt.Fprintln(bw)
		for _, m := range ans.Actors {
			printWrapped(bw, "", fmt.Sprintf("%s is in community %d (%d actors: %s), with %d neighbours inside.", m.Actor.Name, m.Community, m.Size, m.Name, m.Inside))
		}
	}
	return bw.Flush()
}
