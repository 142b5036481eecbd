// Package eval measures extraction against a hand-built graph: it runs
// extract.Extract on each source text with a gazetteer of all the graph's
// actors (no relations) and compares the relation proposals with the
// graph's relations that cite that source, and the mentions with the
// actors the text names.
//
// Definitions, as EVAL.md states them:
//
//   - A gold relation of a source is a relation of the graph with at least
//     one piece of evidence citing that source. It is compared on (type,
//     from, to), the ends unordered for symmetric types. A relation
//     proposal is correct if its triple is a gold relation of the same
//     source. Precision counts every relation proposal; proposals with an
//     end that is a new actor can never be correct, and are also reported
//     apart ("known ends").
//   - A gold relation is "single-sentence" if one of its quotes from that
//     source holds no sentence break (". " followed by a capital).
//   - An actor is named in a text if its name or an alias, folded with
//     graph.NormalizeName, occurs in the folded text as whole words, and
//     not only inside a longer name or alias of another actor of the same
//     kind ("Saeed" in "Omar Saeed Sheikh" does not name Hafiz Saeed,
//     "Al-Qaeda" in "Al-Qaeda in the Arabian Peninsula" does not name
//     al-Qaeda; "Madrid" in "the Madrid bombings" names Madrid); a name of four
//     letters or fewer, or an all-capital one, must also occur with the
//     same capitals ("IS" is not "is"). Mention recall is the share of
//     named actors with at least one mention proposal.
package eval

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/actorgraph/actorgraph/analyst/extract"
	"github.com/actorgraph/actorgraph/graph"
)

// Doc is one source to measure on.
type Doc struct {
	Source graph.Source
	Text   string
	Part   string // "dev" or "held-out"
}

// Counts are true positives, false positives and false negatives.
type Counts struct{ TP, FP, FN int }

func (c Counts) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }
func (c Counts) Recall() float64    { return ratio(c.TP, c.TP+c.FN) }

func (c *Counts) add(o Counts) { c.TP += o.TP; c.FP += o.FP; c.FN += o.FN }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// DocReport is the measurement of one source.
type DocReport struct {
	Source, Part string
	Relations    Counts            // all proposals against all gold relations
	KnownEnds    Counts            // proposals with both ends known
	Single       Counts            // against single-sentence gold relations only (FN over those)
	ByType       map[string]Counts // all proposals, per type
	CoMentioned  int               // gold relations whose two ends are both mentioned in one sentence
	Named        int               // actors named in the text
	Mentioned    int               // of those, with a mention proposal
	Missed       []string          // named actors without a mention
	FalsePos     []string          // wrong relation triples, for reading
	FalseNeg     []string          // gold triples not proposed
	Proposals    int
	Elapsed      time.Duration
}

// Report is the measurement of all sources.
type Report struct {
	Docs []DocReport
}

type triple struct{ typ, from, to string }

func key(typ, from, to string) triple {
	if graph.IsSymmetric(typ) && from > to {
		from, to = to, from
	}
	return triple{typ, from, to}
}

var sentenceBreak = regexp.MustCompile(`[.!?]["”’)\]]?\s+["“‘(]?[A-Z]`)

// Run measures extraction of docs against the bundle b, with graph/names
// as the Matcher (extract.NamesMatcher), as the service runs it.
func Run(ctx context.Context, b *graph.Bundle, docs []Doc) (*Report, error) {
	return RunWith(ctx, b, docs, extract.NewNamesMatcher(b.Actors))
}

// RunWith is Run with another Matcher; nil is the gazetteer's own.
func RunWith(ctx context.Context, b *graph.Bundle, docs []Doc, m extract.Matcher) (*Report, error) {
	g := extract.NewGazetteer(b.Actors)
	rep := &Report{}
	for _, doc := range docs {
		gold := map[triple]bool{}
		single := map[triple]bool{}
		for _, r := range b.Relations {
			for _, e := range r.Evidence {
				if e.Source != doc.Source.ID {
					continue
				}
				k := key(r.Type, r.From, r.To)
				gold[k] = true
				if !sentenceBreak.MatchString(strings.TrimSpace(e.Quote)) {
					single[k] = true
				}
			}
		}
		start := time.Now()
		res, err := extract.Extract(ctx, g, doc.Text, extract.Options{Published: doc.Source.Date, Matcher: m})
		if err != nil {
			return nil, fmt.Errorf("eval: source %s: %w", doc.Source.ID, err)
		}
		dr := DocReport{Source: doc.Source.ID, Part: doc.Part, ByType: map[string]Counts{}, Elapsed: time.Since(start), Proposals: len(res.Proposals)}
		pred := map[triple]bool{}
		newEnded := map[string]bool{}
		mentioned := map[string]bool{}
		inSentence := map[int]map[string]bool{}
		for _, p := range res.Proposals {
			if p.Kind == extract.KindMention {
				if inSentence[p.Sentence] == nil {
					inSentence[p.Sentence] = map[string]bool{}
				}
				inSentence[p.Sentence][p.Mention.ActorID] = true
			}
		}
		coSentence := map[triple]int{}
		for k := range gold {
			coSentence[k] = -1
			for si, ids := range inSentence {
				if ids[k.from] && ids[k.to] {
					dr.CoMentioned++
					coSentence[k] = si
					break
				}
			}
		}
		runes := []rune(doc.Text)
		sentenceText := func(si int) string {
			s := res.Sentences[si]
			t := string(runes[s.Start:s.End])
			if len([]rune(t)) > 160 {
				t = string([]rune(t)[:160]) + "…"
			}
			return t
		}
		for _, p := range res.Proposals {
			switch p.Kind {
			case extract.KindMention:
				mentioned[p.Mention.ActorID] = true
			case extract.KindRelation:
				r := p.Relation
				if r.From.ID == "" || r.To.ID == "" {
					newEnded[r.Type+" "+r.From.Name+" -> "+r.To.Name] = true
					continue
				}
				pred[key(r.Type, r.From.ID, r.To.ID)] = true
			}
		}
		for k := range pred {
			c := dr.ByType[k.typ]
			if gold[k] {
				c.TP++
				dr.KnownEnds.TP++
			} else {
				c.FP++
				dr.KnownEnds.FP++
				dr.FalsePos = append(dr.FalsePos, fmt.Sprintf("%s %s -> %s", k.typ, k.from, k.to))
			}
			dr.ByType[k.typ] = c
		}
		for k := range gold {
			if !pred[k] {
				c := dr.ByType[k.typ]
				c.FN++
				dr.ByType[k.typ] = c
				dr.KnownEnds.FN++
				if si := coSentence[k]; si >= 0 {
					dr.FalseNeg = append(dr.FalseNeg, fmt.Sprintf("%s %s -> %s   (both named in: %s)", k.typ, k.from, k.to, sentenceText(si)))
				} else {
					dr.FalseNeg = append(dr.FalseNeg, fmt.Sprintf("%s %s -> %s", k.typ, k.from, k.to))
				}
			}
		}
		dr.Relations = dr.KnownEnds
		dr.Relations.FP += len(newEnded)
		for k := range newEnded {
			dr.FalsePos = append(dr.FalsePos, "(new end) "+k)
		}
		for k := range single {
			if pred[k] {
				dr.Single.TP++
			} else {
				dr.Single.FN++
			}
		}
		dr.Single.FP = dr.Relations.FP
		namer := NewNamer(b.Actors, doc.Text)
		for _, a := range b.Actors {
			if !namer.Named(a) {
				continue
			}
			dr.Named++
			if mentioned[a.ID] {
				dr.Mentioned++
			} else {
				dr.Missed = append(dr.Missed, a.ID)
			}
		}
		sort.Strings(dr.FalsePos)
		sort.Strings(dr.FalseNeg)
		sort.Strings(dr.Missed)
		rep.Docs = append(rep.Docs, dr)
	}
	return rep, nil
}

// Namer tells which actors a text names (see the package doc).
type Namer struct {
	text, folded string
	kinds        map[string]graph.Kind
	// spans are the occurrences of every actor's names in folded, by
	// actor id.
	spans map[string][][2]int
}

// NewNamer finds the occurrences of the names of actors in text.
func NewNamer(actors []graph.Actor, text string) *Namer {
	n := &Namer{text: text, folded: " " + graph.NormalizeName(text) + " ", spans: map[string][][2]int{}, kinds: map[string]graph.Kind{}}
	for _, a := range actors {
		n.kinds[a.ID] = a.Kind
		for _, name := range append([]string{a.Name}, a.Aliases...) {
			k := graph.NormalizeName(name)
			if k == "" {
				continue
			}
			if strict(name) && !wholeWordCase(text, name) {
				continue
			}
			for off := 0; ; {
				i := strings.Index(n.folded[off:], " "+k+" ")
				if i < 0 {
					break
				}
				i += off
				n.spans[a.ID] = append(n.spans[a.ID], [2]int{i + 1, i + 1 + len(k)})
				off = i + 1
			}
		}
	}
	return n
}

// Named reports whether the text names a: one occurrence of its names
// lies inside no longer occurrence of the name of another actor of its
// kind.
func (n *Namer) Named(a graph.Actor) bool {
	for _, s := range n.spans[a.ID] {
		inside := false
		for id, os := range n.spans {
			if id == a.ID || n.kinds[id] != a.Kind {
				continue
			}
			for _, o := range os {
				if o[0] <= s[0] && s[1] <= o[1] && o[1]-o[0] > s[1]-s[0] {
					inside = true
				}
			}
		}
		if !inside {
			return true
		}
	}
	return false
}

// Named reports whether text names actor a, with no other actor to hide
// it; see Namer for the whole definition.
func Named(a graph.Actor, text string) bool {
	return NewNamer([]graph.Actor{a}, text).Named(a)
}

// strict reports whether a name must match with its capitals.
func strict(n string) bool {
	letters, upper := 0, 0
	for _, r := range n {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	return letters <= 4 || letters == upper
}

func wholeWordCase(text, n string) bool {
	for off := 0; ; {
		i := strings.Index(text[off:], n)
		if i < 0 {
			return false
		}
		i += off
		before, after := ' ', ' '
		if i > 0 {
			before = []rune(text[:i])[len([]rune(text[:i]))-1]
		}
		if j := i + len(n); j < len(text) {
			after = []rune(text[j:])[0]
		}
		if !unicode.IsLetter(before) && !unicode.IsDigit(before) && !unicode.IsLetter(after) && !unicode.IsDigit(after) {
			return true
		}
		off = i + 1
	}
}

// Totals sums the documents of a part ("" for all).
func (r *Report) Totals(part string) DocReport {
	t := DocReport{Source: "all", Part: part, ByType: map[string]Counts{}}
	if part == "" {
		t.Source = "all"
	}
	for _, d := range r.Docs {
		if part != "" && d.Part != part {
			continue
		}
		t.Relations.add(d.Relations)
		t.KnownEnds.add(d.KnownEnds)
		t.Single.add(d.Single)
		for k, c := range d.ByType {
			x := t.ByType[k]
			x.add(c)
			t.ByType[k] = x
		}
		t.Named += d.Named
		t.CoMentioned += d.CoMentioned
		t.Mentioned += d.Mentioned
		t.Proposals += d.Proposals
		t.Elapsed += d.Elapsed
	}
	return t
}

// MentionRecall is the share of named actors mentioned.
func (d DocReport) MentionRecall() float64 { return ratio(d.Mentioned, d.Named) }

// Table writes the report as Markdown tables.
func (r *Report) Table(verbose bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "| source | part | gold | proposed | correct | precision | recall | recall (single-sentence gold) | precision (known ends) | mention recall | gold with both ends in one sentence |\n")
	fmt.Fprintf(&b, "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	row := func(d DocReport) {
		gold := d.Relations.TP + d.Relations.FN
		fmt.Fprintf(&b, "| %s | %s | %d | %d | %d | %.2f | %.2f | %.2f (%d/%d) | %.2f | %.2f (%d/%d) | %.2f (%d) |\n",
			d.Source, d.Part, gold, d.Relations.TP+d.Relations.FP, d.Relations.TP,
			d.Relations.Precision(), d.Relations.Recall(), d.Single.Recall(), d.Single.TP, d.Single.TP+d.Single.FN,
			d.KnownEnds.Precision(), d.MentionRecall(), d.Mentioned, d.Named, ratio(d.CoMentioned, gold), d.CoMentioned)
	}
	for _, d := range r.Docs {
		row(d)
	}
	row(r.Totals("dev"))
	row(r.Totals("held-out"))
	row(r.Totals(""))
	t := r.Totals("")
	fmt.Fprintf(&b, "\n| type | gold | proposed | correct | precision | recall |\n|---|---:|---:|---:|---:|---:|\n")
	var types []string
	for k := range t.ByType {
		types = append(types, k)
	}
	sort.Strings(types)
	for _, k := range types {
		c := t.ByType[k]
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %.2f | %.2f |\n", k, c.TP+c.FN, c.TP+c.FP, c.TP, c.Precision(), c.Recall())
	}
	if verbose {
		for _, d := range r.Docs {
			fmt.Fprintf(&b, "\n## %s (%s)\nmissed mentions: %s\n\nwrong:\n", d.Source, d.Part, strings.Join(d.Missed, ", "))
			for _, s := range d.FalsePos {
				fmt.Fprintf(&b, "  - %s\n", s)
			}
			fmt.Fprintf(&b, "\nnot found:\n")
			for _, s := range d.FalseNeg {
				fmt.Fprintf(&b, "  - %s\n", s)
			}
		}
	}
	return b.String()
}
