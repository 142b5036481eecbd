package extract

import (
	"context"
	"sort"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph"
)

// Options tune one extraction. The zero value is usable.
type Options struct {
	// Matcher resolves capitalised spans that no name or alias of the
	// gazetteer matches exactly; nil uses the gazetteer's own small
	// fuzzy matcher. Plug graph/names in here.
	Matcher Matcher
	// Published is the date of the text, if known. It dates "last
	// year" and "on Friday", and tells which of several events of the
	// same description a text can mean (none after it was written).
	Published graph.Date
	// MaxBytes bounds the text; 0 means MaxTextBytes.
	MaxBytes int
	// MinMatchScore is the least score a fuzzy Matcher candidate needs
	// to count as a mention; 0 means 0.8.
	MinMatchScore float64
}

// Extract reads text and proposes mentions of the gazetteer's actors,
// new actors and relations between them; see the package documentation
// for what each rule does. It never changes g.
//
// Errors: EINVALID for an empty text, invalid UTF-8 or binary data;
// ETOOLARGE for a text over Options.MaxBytes; the context's error if ctx
// ends first (extraction checks it between sentences).
func Extract(ctx context.Context, g *Gazetteer, text string, opt Options) (*Result, error) {
	max := opt.MaxBytes
	if max <= 0 {
		max = MaxTextBytes
	}
	if err := checkText(text, max); err != nil {
		return nil, err
	}
	if g == nil {
		g = NewGazetteer(nil)
	}
	g.mu.RLock()
	defer g.mu.RUnlock()
	if opt.Matcher == nil || opt.Matcher == Matcher(g) {
		opt.Matcher = ownMatcher{g}
	}
	if opt.MinMatchScore <= 0 {
		opt.MinMatchScore = 0.8
	}
	d := newDoc(ctx, g, text, opt)
	for si := range d.sents {
		if si%32 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		d.findMentions(si)
		if d.err != nil {
			return nil, d.err
		}
	}
	for si := range d.sents {
		if si%32 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		d.findRelations(si)
	}
	return d.result(), nil
}

// result gathers the proposals in their documented order.
func (d *doc) result() *Result {
	r := &Result{Sentences: make([]SentenceSpan, len(d.sents))}
	for i, s := range d.sents {
		r.Sentences[i] = SentenceSpan{Start: d.ri.runes(s.start), End: d.ri.runes(s.end), Headline: s.headline}
	}
	r.Proposals = append(r.Proposals, d.mentionProposals()...)
	r.Proposals = append(r.Proposals, d.actorProposals()...)
	rels := d.relationProposals()
	rels = append(rels, d.geographyProposals(rels)...)
	sort.SliceStable(rels, func(i, j int) bool { return rels[i].Start < rels[j].Start })
	r.Proposals = append(r.Proposals, rels...)
	for i := range r.Proposals {
		p := &r.Proposals[i]
		if p.Sentence >= 0 && p.Sentence < len(r.Sentences) {
			p.SentenceStart, p.SentenceEnd = r.Sentences[p.Sentence].Start, r.Sentences[p.Sentence].End
		}
	}
	return r
}

// SplitSentences returns the sentences of text as Extract reads them, in
// code points, without extracting anything. Invalid UTF-8 gets no
// sentences.
func SplitSentences(text string) []SentenceSpan {
	if !utf8.ValidString(text) {
		return nil
	}
	ri := newRuneIndex(text)
	ss := splitSentences(text)
	out := make([]SentenceSpan, len(ss))
	for i, s := range ss {
		out[i] = SentenceSpan{Start: ri.runes(s.start), End: ri.runes(s.end), Headline: s.headline}
	}
	return out
}
