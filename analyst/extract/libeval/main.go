// Command libeval measures well-kept Go libraries for sentence splitting
// and named entities against analyst/extract's own rules, on the seed
// articles. It is a module of its own so that the libraries it measures
// are not dependencies of actorgraph:
//
//	cd analyst/extract/libeval && go run .
//
// Sentences: testdata/sample.txt is 28 kB of the seed articles (all of
// 000, 002 and 003, and two pieces of 004: the Kashmir piece and the
// start of the CTC interview) and testdata/sample.gold.txt its sentences,
// one a line, checked by hand. Each splitter's sentence starts are
// compared with the gold ones (white space aside): a start it misses is a
// missed boundary, a start it adds is a false one.
//
// Names: for each seed source, the seed actors named in it (eval.Namer).
// A named actor is found by a recogniser when one of the spans it returns
// is, folded, one of the actor's names or aliases (a leading "the"
// aside). analyst/extract's own recogniser is Extract with an empty
// gazetteer: its new-actor proposals are the capitalised spans it reads as
// names, with their kinds.
package main

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/analyst/extract"
	"github.com/actorgraph/actorgraph/analyst/extract/eval"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/jdkato/prose/v2"
	"github.com/neurosnap/sentences/english"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "libeval:", err)
		os.Exit(1)
	}
}

func run() error {
	sample, err := os.ReadFile("testdata/sample.txt")
	if err != nil {
		return err
	}
	goldFile, err := os.ReadFile("testdata/sample.gold.txt")
	if err != nil {
		return err
	}
	text := string(sample)
	norm, _ := normalize(text)
	gold, err := goldStarts(norm, strings.Split(strings.TrimRight(string(goldFile), "\n"), "\n"))
	if err != nil {
		return err
	}
	fmt.Printf("## Sentences: %d gold sentences in %d bytes\n\n", len(gold), len(text))
	fmt.Printf("| splitter | sentences | missed boundaries | false boundaries | errors | time |\n|---|---:|---:|---:|---:|---:|\n")

	// analyst/extract
	t0 := time.Now()
	runes := []rune(text)
	var own []string
	for _, s := range extract.SplitSentences(text) {
		own = append(own, string(runes[s.Start:s.End]))
	}
	report("analyst/extract", own, gold, norm, time.Since(t0))

	// prose v2
	t0 = time.Now()
	doc, err := prose.NewDocument(text, prose.WithTagging(false), prose.WithExtraction(false))
	if err != nil {
		return err
	}
	var ps []string
	for _, s := range doc.Sentences() {
		ps = append(ps, s.Text)
	}
	report("jdkato/prose/v2", ps, gold, norm, time.Since(t0))

	// neurosnap/sentences
	t0 = time.Now()
	tok, err := english.NewSentenceTokenizer(nil)
	if err != nil {
		return err
	}
	var ns []string
	for _, s := range tok.Tokenize(text) {
		ns = append(ns, s.Text)
	}
	report("neurosnap/sentences", ns, gold, norm, time.Since(t0))

	// The libraries read running text; given one line at a time (the
	// seed texts have a paragraph, headline or byline a line), only their
	// rules inside a paragraph are measured.
	t0 = time.Now()
	ps = ps[:0]
	for _, line := range strings.Split(text, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		d, err := prose.NewDocument(line, prose.WithTagging(false), prose.WithExtraction(false))
		if err != nil {
			return err
		}
		for _, s := range d.Sentences() {
			ps = append(ps, s.Text)
		}
	}
	report("jdkato/prose/v2, line by line", ps, gold, norm, time.Since(t0))
	t0 = time.Now()
	ns = ns[:0]
	for _, line := range strings.Split(text, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		for _, s := range tok.Tokenize(line) {
			ns = append(ns, s.Text)
		}
	}
	report("neurosnap/sentences, line by line", ns, gold, norm, time.Since(t0))

	return names()
}

// normalize collapses white space runs into one space, so that splitters
// that keep or drop white space compare alike; it returns the result and
// nothing else.
func normalize(s string) (string, []int) { return strings.Join(strings.Fields(s), " "), nil }

// firstWordAt moves a sentence start past bullets, ellipses and other
// marks to its first letter or digit, so that a splitter that keeps a
// bullet or a leading "..." and one that drops it agree.
func firstWordAt(norm string, i int) int {
	for i < len(norm) {
		r, size := utf8.DecodeRuneInString(norm[i:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return i
		}
		i += size
	}
	return i
}

// goldStarts locates each gold sentence in the normalised text, in order.
func goldStarts(norm string, gold []string) (map[int]bool, error) {
	out := map[int]bool{}
	pos := 0
	for _, g := range gold {
		g = strings.Join(strings.Fields(g), " ")
		i := strings.Index(norm[pos:], g)
		if i < 0 {
			return nil, fmt.Errorf("gold sentence not found in order: %q", g)
		}
		out[firstWordAt(norm, pos+i)] = true
		pos += i + len(g)
	}
	return out, nil
}

// starts locates a splitter's sentences in the normalised text.
func starts(norm string, ss []string) map[int]bool {
	out := map[int]bool{}
	pos := 0
	for _, s := range ss {
		s = strings.Join(strings.Fields(s), " ")
		if s == "" {
			continue
		}
		i := strings.Index(norm[pos:], s)
		if i < 0 {
			continue // a splitter that rewrote the text; its boundary counts as missed
		}
		out[firstWordAt(norm, pos+i)] = true
		pos += i + len(s)
	}
	return out
}

func report(name string, ss []string, gold map[int]bool, norm string, d time.Duration) {
	got := starts(norm, ss)
	missed, extra := 0, 0
	for b := range gold {
		if !got[b] {
			missed++
		}
	}
	for b := range got {
		if !gold[b] {
			extra++
		}
	}
	fmt.Printf("| %s | %d | %d | %d | %d | %v |\n", name, len(ss), missed, extra, missed+extra, d.Round(time.Millisecond))
	if os.Getenv("LIBEVAL_DIFF") != "" {
		for b := range gold {
			if !got[b] {
				fmt.Fprintf(os.Stderr, "%s missed: …%s|%s…\n", name, norm[max(0, b-30):b], norm[b:min(len(norm), b+30)])
			}
		}
		for b := range got {
			if !gold[b] {
				fmt.Fprintf(os.Stderr, "%s false: …%s|%s…\n", name, norm[max(0, b-30):b], norm[b:min(len(norm), b+30)])
			}
		}
	}
}

// names measures recall of the seed actors named in each source.
func names() error {
	docs, b, err := eval.SeedDocs("")
	if err != nil {
		return err
	}
	empty := extract.NewGazetteer(nil)
	type tally struct{ named, own, prose, ownKind, proseKind int }
	byKind := map[graph.Kind]*tally{}
	var ownSpans, proseSpans int
	var ownTime, proseTime time.Duration
	for _, d := range docs {
		t0 := time.Now()
		res, err := extract.Extract(context.Background(), empty, d.Text, extract.Options{Published: d.Source.Date})
		if err != nil {
			return err
		}
		ownTime += time.Since(t0)
		own := map[string]string{}
		for _, p := range res.Proposals {
			if p.Kind == extract.KindActor {
				own[fold(p.Actor.Name)] = string(p.Actor.Kind)
				own[fold(p.Actor.Text)] = string(p.Actor.Kind)
				ownSpans++
			}
		}
		t0 = time.Now()
		doc, err := prose.NewDocument(d.Text)
		if err != nil {
			return err
		}
		proseTime += time.Since(t0)
		pr := map[string]string{}
		for _, e := range doc.Entities() {
			pr[fold(e.Text)] = proseKind[e.Label]
			proseSpans++
		}
		namer := eval.NewNamer(b.Actors, d.Text)
		for _, a := range b.Actors {
			if !namer.Named(a) {
				continue
			}
			t := byKind[a.Kind]
			if t == nil {
				t = &tally{}
				byKind[a.Kind] = t
			}
			t.named++
			if k, ok := found(a, own); ok {
				t.own++
				if k == string(a.Kind) {
					t.ownKind++
				}
			}
			if k, ok := found(a, pr); ok {
				t.prose++
				if k == string(a.Kind) {
					t.proseKind++
				}
			}
		}
	}
	fmt.Printf("\n## Names: recall of the seed actors named in the five sources, without a gazetteer\n\n")
	fmt.Printf("| kind | named | analyst/extract (capitalised spans + cues): found, of those with the right kind | jdkato/prose/v2 NER: found, right kind |\n|---|---:|---:|---:|\n")
	var kinds []string
	for k := range byKind {
		kinds = append(kinds, string(k))
	}
	sort.Strings(kinds)
	var all tally
	for _, k := range kinds {
		t := byKind[graph.Kind(k)]
		fmt.Printf("| %s | %d | %.2f (%d), %d | %.2f (%d), %d |\n", k, t.named, ratio(t.own, t.named), t.own, t.ownKind, ratio(t.prose, t.named), t.prose, t.proseKind)
		all.named += t.named
		all.own += t.own
		all.prose += t.prose
		all.ownKind += t.ownKind
		all.proseKind += t.proseKind
	}
	fmt.Printf("| all | %d | %.2f (%d), %d | %.2f (%d), %d |\n", all.named, ratio(all.own, all.named), all.own, all.ownKind, ratio(all.prose, all.named), all.prose, all.proseKind)
	fmt.Printf("\nspans proposed: analyst/extract %d, prose %d; time: analyst/extract %v, prose %v\n", ownSpans, proseSpans, ownTime.Round(time.Millisecond), proseTime.Round(time.Millisecond))
	return nil
}

func fold(s string) string {
	s = graph.NormalizeName(s)
	return strings.TrimPrefix(s, "the ")
}

// proseKind maps prose's entity labels to actor kinds.
var proseKind = map[string]string{"PERSON": "person", "GPE": "place", "ORG": "organization", "ORGANIZATION": "organization", "LOCATION": "place", "EVENT": "event"}

func found(a graph.Actor, spans map[string]string) (string, bool) {
	for _, n := range append([]string{a.Name}, a.Aliases...) {
		if k, ok := spans[fold(n)]; ok {
			return k, true
		}
	}
	return "", false
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
