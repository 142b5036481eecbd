package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/user"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/actorgraph/actorgraph/analyst"
	"github.com/actorgraph/actorgraph/config"
	"github.com/actorgraph/actorgraph/graph"
)

// width is the terminal width ingest and review print for; answerWidth
// the width of review's answers, which may follow its "> " prompt on the
// same line when commands come from a script.
const (
	width       = 80
	answerWidth = width - 6
)

// reviewer is who the audit log records for a command: --reviewer, else
// the user of the process.
func (a *app) reviewer(flag string) string {
	if flag = strings.TrimSpace(flag); flag != "" {
		return flag
	}
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	for _, kv := range a.environ {
		if v, ok := strings.CutPrefix(kv, "USER="); ok && v != "" {
			return v
		}
	}
	return "cli"
}

func (a *app) ingestCommand() *cobra.Command {
	var (
		in        analyst.NewSource
		published string
		who       string
	)
	cmd := &cobra.Command{
		Use:   "ingest FILE",
		Short: "Store an article (a UTF-8 text file, - for stdin) and print what extraction proposes",
		Long: `Store an article as a source that keeps its text, run extraction on it and print
the proposals: mentions of known actors, new actors, and relations, each with its
quote. Nothing enters the graph until it is reviewed (actorgraph review). The
source, its text, its proposals and an audit record are written together or not
at all.`,
		Example: `  actorgraph ingest article.txt --title "Who is behind the attack" --publisher "VICE News" \
      --published 2015-11-14 --reliability B --credibility 3`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			text, err := a.readText(args[0])
			if err != nil {
				return err
			}
			in.Text = text
			if in.Published, err = graph.ParseDate(published); err != nil {
				return fmt.Errorf("--published: %s", graph.ErrorMessage(err))
			}
			in.Reliability = strings.ToUpper(in.Reliability)
			return a.withService(cmd, func(ctx context.Context, c config.Config, svc *analyst.Service) error {
				res, err := svc.CreateSource(ctx, a.reviewer(who), in)
				if err != nil {
					return a.printProblems("cannot ingest "+args[0], err)
				}
				return printIngested(a.stdout, res)
			})
		},
	}
	f := cmd.Flags()
	f.StringVar(&in.Title, "title", "", "the article's title (required)")
	f.StringVar(&in.Publisher, "publisher", "", "who published it (required)")
	f.StringVar(&published, "published", "", "when: YYYY, YYYY-MM or YYYY-MM-DD (required)")
	f.StringVar(&in.Reliability, "reliability", "", "Admiralty reliability of the source, A (completely reliable) to F (cannot be judged) (required)")
	f.IntVar(&in.Credibility, "credibility", 0, "Admiralty credibility of its information, 1 (confirmed) to 6 (cannot be judged)")
	f.StringVar(&in.Author, "author", "", "who wrote it")
	f.StringVar(&in.URL, "url", "", "where it was published")
	f.StringVar(&in.ID, "id", "", "the source's id (default: from publisher, date and title)")
	f.StringVar(&who, "reviewer", "", "who the audit log records (default: the OS user)")
	return cmd
}

// readText reads a file, or stdin for "-", as text; bounded.
func (a *app) readText(path string) (string, error) {
	var r io.Reader
	if path == "-" {
		r = a.stdin
	} else {
		f, err := os.Open(path)
		if err != nil {
			return "", fmt.Errorf("cannot read %s: %w", path, errors.Unwrap(err))
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, graph.MaxTextBytes+1))
	if err != nil {
		return "", fmt.Errorf("cannot read %s: %w", path, err)
	}
	return string(data), nil
}

// printIngested prints a new source and its proposals: relations, new
// actors, then mentions.
func printIngested(w io.Writer, res *analyst.Ingested) error {
	bw := bufio.NewWriter(w)
	src := res.Source
	head := fmt.Sprintf("Stored source %s (%d characters, graded %s): %d relation%s, %d new actor%s, %d mention%s proposed.",
		src.ID, src.TextLength, grading(src.Reliability, src.Credibility), res.Counts.Relations, plural(res.Counts.Relations),
		res.Counts.Actors, plural(res.Counts.Actors), res.Counts.Mentions, plural(res.Counts.Mentions))
	for _, line := range wrap(head, width) {
		fmt.Fprintln(bw, line)
	}
	for _, k := range []struct {
		kind  graph.ProposalKind
		title string
	}{{graph.ProposalRelation, "Relations"}, {graph.ProposalActor, "New actors"}, {graph.ProposalMention, "Mentions"}} {
		first := true
		for i := range res.Proposals {
			p := &res.Proposals[i]
			if p.Kind != k.kind {
				continue
			}
			if first {
				fmt.Fprintf(bw, "\n%s\n", k.title)
				first = false
			}
			if k.kind == graph.ProposalMention {
				fmt.Fprintf(bw, "  %s\n", clip(mentionLine(p), width-2))
				continue
			}
			printCard(bw, p, "  ", false)
		}
	}
	fmt.Fprintf(bw, "\nNothing is in the graph until it is reviewed:\n  actorgraph review --source %s\n", src.ID)
	return bw.Flush()
}

func grading(r string, c int) string {
	if r == "" {
		r = "?"
	}
	if c == 0 {
		return r + "?"
	}
	return r + strconv.Itoa(c)
}

// headline is a proposal in one line.
func headline(p *graph.Proposal) string {
	switch p.Kind {
	case graph.ProposalRelation:
		r := p.Relation
		arrow := "—" + r.Type + "→"
		if graph.IsSymmetric(r.Type) {
			arrow = "—" + r.Type + "—"
		}
		s := endName(r.From) + " " + arrow + " " + endName(r.To)
		if !r.ValidFrom.IsZero() {
			s += " (" + r.ValidFrom.String() + ")"
		}
		if p.Stance == graph.Refutes {
			s = "DENIED: " + s
		}
		return s
	case graph.ProposalActor:
		return fmt.Sprintf("new %s: %s (%s; named %d×)", p.Actor.Kind, p.Actor.Name, p.Actor.Cue, p.Actor.Count)
	case graph.ProposalMention:
		return mentionLine(p)
	}
	return string(p.Kind)
}

func mentionLine(p *graph.Proposal) string {
	m := p.Mention
	s := fmt.Sprintf("%q → %s (%s)", m.Text, m.Name, m.ActorID)
	if m.Why != "" && m.Why != "name" {
		s += ": " + m.Why
	}
	return s
}

// endName names a relation's end; a new actor is marked.
func endName(e graph.ProposalEnd) string {
	if e.ID == "" {
		return e.Name + " [new " + string(e.Kind) + "]"
	}
	return e.Name
}

// printCard prints a proposal as a card: its headline, quote, claimant
// and id, wrapped to width.
func printCard(w io.Writer, p *graph.Proposal, indent string, withStatus bool) {
	head := headline(p)
	if withStatus && p.Status != graph.Pending {
		head += " [" + string(p.Status) + "]"
	}
	for _, line := range wrap(head, width-len(indent)) {
		fmt.Fprintf(w, "%s%s\n", indent, line)
	}
	inner := indent + "   "
	for _, line := range wrap("“"+p.Quote+"”", width-utf8.RuneCountInString(inner)) {
		fmt.Fprintf(w, "%s%s\n", inner, line)
	}
	var facts []string
	if p.Claimant != "" {
		facts = append(facts, "claimed by "+p.Claimant)
	}
	if p.Kind == graph.ProposalRelation && len(p.Words) > 0 {
		facts = append(facts, "words: "+strings.Join(p.Words, " "))
	}
	facts = append(facts, fmt.Sprintf("score %.2f", p.Score))
	for _, line := range wrap(strings.Join(facts, " · "), width-utf8.RuneCountInString(inner)) {
		fmt.Fprintf(w, "%s%s\n", inner, line)
	}
	fmt.Fprintf(w, "%sid %s\n", inner, p.ID)
}

// wrap breaks s into lines of at most n runes, at spaces where it can.
func wrap(s string, n int) []string {
	if n < 20 {
		n = 20
	}
	var out []string
	for _, para := range strings.Split(s, "\n") {
		words := strings.Fields(para)
		line := ""
		for _, w := range words {
			for utf8.RuneCountInString(w) > n { // a word longer than a line
				if line != "" {
					out = append(out, line)
					line = ""
				}
				r := []rune(w)
				out = append(out, string(r[:n]))
				w = string(r[n:])
			}
			switch {
			case line == "":
				line = w
			case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(w) <= n:
				line += " " + w
			default:
				out = append(out, line)
				line = w
			}
		}
		if line != "" || len(words) == 0 && len(out) == 0 {
			out = append(out, line)
		}
	}
	return out
}

// clip cuts s to n runes, with an ellipsis.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func (a *app) reviewCommand() *cobra.Command {
	var source, kind, who string
	cmd := &cobra.Command{
		Use:   "review",
		Short: "Work through pending proposals: accept, reject, edit or skip each",
		Long: `Show each pending proposal (new actors first, so that relations to them can be
accepted after them; then relations; then mentions) and read a command:

  a              accept it
  e KEY=VALUE... accept it with edits, e.g. e type=AFFILIATE_OF valid_from=2013
                 reverse "claimant=the police" quote=12-80; "e" alone lists the keys
  r REASON       reject it (the reason is required; "r" alone asks for it)
  s              skip it for now
  q              stop

Commands are read from standard input, one per line, so a script can drive it.
Every decision is recorded in the audit log with the reviewer (--reviewer, default
the OS user) and the time.`,
		Example: "  actorgraph review --source vice-2015-11-14 --kind relation\n  printf 'a\\nr not stated\\nq\\n' | actorgraph review",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.withService(cmd, func(ctx context.Context, c config.Config, svc *analyst.Service) error {
				r := &reviewer{svc: svc, who: a.reviewer(who), in: bufio.NewScanner(a.stdin), out: a.stdout}
				return r.run(ctx, graph.ProposalFilter{Source: source, Kind: graph.ProposalKind(strings.ToLower(kind)), Status: graph.Pending})
			})
		},
	}
	f := cmd.Flags()
	f.StringVar(&source, "source", "", "only this source's proposals")
	f.StringVar(&kind, "kind", "", "only relation, actor or mention proposals")
	f.StringVar(&who, "reviewer", "", "who the audit log records (default: the OS user)")
	return cmd
}

// reviewer runs a review session.
type reviewer struct {
	svc *analyst.Service
	who string
	in  *bufio.Scanner
	out io.Writer

	accepted, rejected, skipped int
}

// queue lists the ids of the pending proposals f selects, in review order.
func (r *reviewer) queue(ctx context.Context, f graph.ProposalFilter) ([]graph.Proposal, error) {
	var all []graph.Proposal
	for f.Offset = 0; ; f.Offset += graph.MaxPage {
		f.Limit = graph.MaxPage
		page, err := r.svc.Proposals(ctx, f)
		if err != nil {
			return nil, err
		}
		all = append(all, page.Proposals...)
		if f.Offset+graph.MaxPage >= page.Total {
			break
		}
	}
	rank := map[graph.ProposalKind]int{graph.ProposalActor: 0, graph.ProposalRelation: 1, graph.ProposalMention: 2}
	slices.SortStableFunc(all, func(a, b graph.Proposal) int { return rank[a.Kind] - rank[b.Kind] })
	return all, nil
}

func (r *reviewer) run(ctx context.Context, f graph.ProposalFilter) error {
	if err := f.Normalize(); err != nil {
		return errors.New(graph.ErrorMessage(err))
	}
	queue, err := r.queue(ctx, f)
	if err != nil {
		return errors.New(graph.ErrorMessage(err))
	}
	if len(queue) == 0 {
		fmt.Fprintln(r.out, "No pending proposals.")
		return nil
	}
	fmt.Fprintf(r.out, "%d pending proposal%s.\nCommands: a accept, e edit and accept, r reject, s skip, q quit, ? help.\n",
		len(queue), plural(len(queue)))
	for i, q := range queue {
		// Read it again: an earlier decision may have resolved it.
		p, err := r.svc.Proposal(ctx, q.ID)
		if graph.ErrorCode(err) == graph.ENOTFOUND {
			continue // replaced meanwhile by extraction run again
		}
		if err != nil {
			return errors.New(graph.ErrorMessage(err))
		}
		if p.Status != graph.Pending {
			continue
		}
		fmt.Fprintf(r.out, "\n[%d/%d] %s proposal, source %s\n", i+1, len(queue), p.Kind, p.Source)
		printCard(r.out, &p, "  ", false)
		if done, err := r.decide(ctx, &p); err != nil || done {
			r.summary()
			return err
		}
	}
	r.summary()
	return nil
}

func (r *reviewer) summary() {
	fmt.Fprintf(r.out, "\nAccepted %d, rejected %d, skipped %d.\n", r.accepted, r.rejected, r.skipped)
}

// prompt asks and reads one line; false at the end of the input.
func (r *reviewer) prompt(q string) (string, bool) {
	fmt.Fprint(r.out, q)
	if !r.in.Scan() {
		fmt.Fprintln(r.out)
		return "", false
	}
	return strings.TrimSpace(r.in.Text()), true
}

// decide reads commands until p is decided or skipped; done is true when
// the session ends.
func (r *reviewer) decide(ctx context.Context, p *graph.Proposal) (done bool, err error) {
	for {
		line, ok := r.prompt("> ")
		if !ok {
			return true, nil
		}
		cmd, rest, _ := strings.Cut(line, " ")
		rest = strings.TrimSpace(rest)
		switch strings.ToLower(cmd) {
		case "a", "accept":
			if r.accept(ctx, p, analyst.Edits{}) {
				return false, nil
			}
		case "e", "edit":
			if rest == "" {
				fmt.Fprint(r.out, editHelp)
				if rest, ok = r.prompt("edits> "); !ok {
					return true, nil
				}
			}
			ed, err := parseEdits(rest)
			if err != nil {
				fmt.Fprintf(r.out, "  %s\n", err)
				continue
			}
			if r.accept(ctx, p, ed) {
				return false, nil
			}
		case "r", "reject":
			if rest == "" {
				if rest, ok = r.prompt("reason> "); !ok {
					return true, nil
				}
			}
			res, err := r.svc.Reject(ctx, r.who, p.ID, rest)
			if err != nil {
				fmt.Fprintf(r.out, "  not rejected: %s\n", graph.ErrorMessage(err))
				continue
			}
			r.rejected++
			fmt.Fprintf(r.out, "  Rejected (audit record %d).\n", res.Record.Seq)
			return false, nil
		case "s", "skip", "":
			if cmd == "" {
				continue
			}
			r.skipped++
			return false, nil
		case "q", "quit":
			return true, nil
		case "?", "h", "help":
			fmt.Fprint(r.out, reviewHelp)
		default:
			fmt.Fprintf(r.out, "  unknown command %q; ? lists them\n", cmd)
		}
	}
}

const reviewHelp = `  a              accept
  e KEY=VALUE... accept with edits ("e" alone lists the keys)
  r REASON       reject, with the reason
  s              skip
  q              quit
`

const editHelp = `  relation: type=T reverse from=ACTOR to=ACTOR valid_from=DATE valid_to=DATE
            role=R stance=supports|refutes claimant=WHO reliability=A-F
            credibility=1-6 piece=ID quote=START-END (code points, in the sentence)
  actor:    id=SLUG name=NAME kind=KIND aliases=A|B description=TEXT, or actor=ACTOR
  mention:  actor=ACTOR (the actor the words name)
  Quote values with spaces: "claimant=the police".
`

// accept accepts p with ed and reports the result; false when it failed
// (the reason is printed and the same proposal is asked about again).
func (r *reviewer) accept(ctx context.Context, p *graph.Proposal, ed analyst.Edits) bool {
	res, err := r.svc.Accept(ctx, r.who, p.ID, ed)
	if err != nil {
		var v *graph.ValidationError
		if errors.As(err, &v) {
			for _, pr := range v.Problems {
				for _, line := range wrap("not accepted: "+pr.String(), answerWidth) {
					fmt.Fprintf(r.out, "  %s\n", line)
				}
			}
			return false
		}
		for _, line := range wrap("not accepted: "+graph.ErrorMessage(err), answerWidth) {
			fmt.Fprintf(r.out, "  %s\n", line)
		}
		return false
	}
	r.accepted++
	var did string
	switch {
	case res.Relation != nil && res.Merged:
		did = fmt.Sprintf("evidence added to %s (now %d pieces, confidence %.2f)", res.Relation.ID, len(res.Relation.Evidence), res.Relation.Confidence)
	case res.Relation != nil:
		did = fmt.Sprintf("new relation %s (confidence %.2f)", res.Relation.ID, res.Relation.Confidence)
	case res.Actor != nil:
		did = "new actor " + res.Actor.ID
	default:
		did = "confirmed: " + res.Proposal.Decision.Actor
	}
	if n := len(res.Resolved); n > 0 {
		if n == 1 {
			did += "; 1 pending proposal now names it"
		} else {
			did += fmt.Sprintf("; %d pending proposals now name it", n)
		}
	}
	for _, line := range wrap("Accepted: "+did+fmt.Sprintf(" (audit record %d).", res.Record.Seq), answerWidth) {
		fmt.Fprintf(r.out, "  %s\n", line)
	}
	return true
}

// parseEdits reads KEY=VALUE words (values may be double-quoted, or the
// whole word: "claimant=the police") into edits.
func parseEdits(s string) (analyst.Edits, error) {
	var ed analyst.Edits
	words, err := splitWords(s)
	if err != nil {
		return ed, err
	}
	if len(words) == 0 {
		return ed, errors.New("no edits given; e alone lists the keys")
	}
	for _, w := range words {
		k, v, hasValue := strings.Cut(w, "=")
		k = strings.ToLower(strings.TrimSpace(k))
		if k == "reverse" && !hasValue {
			ed.Reverse = true
			continue
		}
		if !hasValue || v == "" {
			return ed, fmt.Errorf("%q: give KEY=VALUE", w)
		}
		date := func() (*graph.Date, error) {
			d, err := graph.ParseDate(v)
			if err != nil {
				return nil, fmt.Errorf("%s: %s", k, graph.ErrorMessage(err))
			}
			return &d, nil
		}
		number := func() (int, error) {
			n, err := strconv.Atoi(v)
			if err != nil {
				return 0, fmt.Errorf("%s must be a number, not %q", k, v)
			}
			return n, nil
		}
		switch k {
		case "type":
			ed.Type = v
		case "reverse":
			ed.Reverse = v == "true" || v == "yes" || v == "1"
		case "from":
			ed.From = v
		case "to":
			ed.To = v
		case "valid_from":
			if ed.ValidFrom, err = date(); err != nil {
				return ed, err
			}
		case "valid_to":
			if ed.ValidTo, err = date(); err != nil {
				return ed, err
			}
		case "role":
			ed.Role = &v
		case "stance":
			ed.Stance = graph.Stance(strings.ToLower(v))
		case "claimant":
			ed.Claimant = v
		case "reliability":
			ed.Reliability = strings.ToUpper(v)
		case "credibility":
			if ed.Credibility, err = number(); err != nil {
				return ed, err
			}
		case "piece":
			ed.Piece = v
		case "quote":
			a, b, ok := strings.Cut(v, "-")
			s, err1 := strconv.Atoi(strings.TrimSpace(a))
			e, err2 := strconv.Atoi(strings.TrimSpace(b))
			if !ok || err1 != nil || err2 != nil {
				return ed, fmt.Errorf("quote must be START-END in code points, such as 120-188, not %q", v)
			}
			ed.QuoteStart, ed.QuoteEnd = &s, &e
		case "id":
			ed.ID = v
		case "name":
			ed.Name = v
		case "kind":
			ed.Kind = graph.Kind(strings.ToLower(v))
		case "aliases":
			for _, al := range strings.Split(v, "|") {
				if al = strings.TrimSpace(al); al != "" {
					ed.Aliases = append(ed.Aliases, al)
				}
			}
		case "description":
			ed.Description = v
		case "actor":
			ed.Actor = v
		default:
			return ed, fmt.Errorf("unknown edit %q; e alone lists the keys", k)
		}
	}
	return ed, nil
}

// splitWords splits s at white space outside double quotes, dropping the
// quotes.
func splitWords(s string) ([]string, error) {
	var out []string
	var cur strings.Builder
	in, started := false, false
	for _, r := range s {
		switch {
		case r == '"':
			in, started = !in, true
		case unicode.IsSpace(r) && !in:
			if started {
				out = append(out, cur.String())
				cur.Reset()
				started = false
			}
		default:
			cur.WriteRune(r)
			started = true
		}
	}
	if in {
		return nil, errors.New("a double quote is not closed")
	}
	if started {
		out = append(out, cur.String())
	}
	return out, nil
}
