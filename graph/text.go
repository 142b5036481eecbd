package graph

import (
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// MaxTextBytes is the largest source text the stores keep and extraction
// reads: 4 MiB, some sixty times the longest seed article.
const MaxTextBytes = 4 << 20

// CheckText rejects what cannot be kept as a source's text, with a message
// that says what to fix. Errors: EINVALID for an empty text, invalid UTF-8
// or binary data (NUL bytes, or more than one control character in twenty
// letters); ETOOLARGE over max bytes. Any script is text: Arabic, French
// with accents, Cyrillic.
func CheckText(text string, max int) error {
	if len(text) > max {
		return Errorf(ETOOLARGE, "the text is %d bytes; at most %d bytes are taken: split it into several sources", len(text), max)
	}
	if strings.TrimSpace(text) == "" {
		return Errorf(EINVALID, "the text is empty: send the article's plain text")
	}
	if !utf8.ValidString(text) {
		i := 0
		for i < len(text) {
			r, size := utf8.DecodeRuneInString(text[i:])
			if r == utf8.RuneError && size == 1 {
				break
			}
			i += size
		}
		return Errorf(EINVALID, "the text is not valid UTF-8 (first bad byte at offset %d): send it as UTF-8 text, not a binary or legacy-encoded file", i)
	}
	control, letters := 0, 0
	for _, r := range text {
		switch {
		case r == 0:
			return Errorf(EINVALID, "the text holds NUL bytes: it looks like a binary file; send the article's plain text")
		case unicode.IsLetter(r):
			letters++
		case unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t' && r != '\f' && r != '\v':
			control++
		}
	}
	if letters == 0 {
		return Errorf(EINVALID, "the text holds no letters: send the article's plain text")
	}
	if control*20 > letters {
		return Errorf(EINVALID, "the text holds %d control characters for %d letters: it looks like a binary file; send the article's plain text", control, letters)
	}
	return nil
}

// Quotes checks evidence quotes word for word against the texts of their
// sources, as `actorgraph seed --check` does: both sides are compared
// after NormalizeQuote, so only runs of white space and typographic quote
// marks may differ. A quote whose source has no known text passes. It
// folds each text once and is safe for concurrent use, so one Quotes
// serves a whole import.
type Quotes struct {
	text func(sourceID string) (string, bool)
	mu   sync.Mutex
	norm map[string]*foldedText
}

type foldedText struct {
	once sync.Once
	text string
	ok   bool
}

// NewQuotes returns a checker over the texts that text returns by source
// id (false: the source has no text, or no such source).
func NewQuotes(text func(sourceID string) (string, bool)) *Quotes {
	return &Quotes{text: text, norm: map[string]*foldedText{}}
}

// folded returns the folded text of a source.
func (q *Quotes) folded(id string) (string, bool) {
	q.mu.Lock()
	f, ok := q.norm[id]
	if !ok {
		f = &foldedText{}
		q.norm[id] = f
	}
	q.mu.Unlock()
	f.once.Do(func() {
		t, ok := q.text(id)
		if ok && t != "" {
			f.text, f.ok = NormalizeQuote(t), true
		}
	})
	return f.text, f.ok
}

// Known reports whether source id has a text to check quotes against.
func (q *Quotes) Known(id string) bool {
	_, ok := q.folded(id)
	return ok
}

// Find reports whether quote appears in the text of source id; true when
// the source has no known text.
func (q *Quotes) Find(id, quote string) bool {
	t, ok := q.folded(id)
	return !ok || strings.Contains(t, NormalizeQuote(quote))
}

// Problem returns the problem of a quote that is not in its source's text
// (field names the quote's field), or nil.
func (q *Quotes) Problem(e *Evidence, field string) *Problem {
	if e.Source == "" || strings.TrimSpace(e.Quote) == "" || q.Find(e.Source, e.Quote) {
		return nil
	}
	return &Problem{Field: field, Message: QuoteNotFound(e.Source, e.Quote)}
}

// Check returns a *ValidationError naming entry for every quote of es not
// found in its source's text, or nil.
func (q *Quotes) Check(entry string, es []Evidence) error {
	var list []Problem
	for j := range es {
		if p := q.Problem(&es[j], fmt.Sprintf("evidence[%d].quote", j)); p != nil {
			p.Entry = entry
			list = append(list, *p)
		}
	}
	if len(list) == 0 {
		return nil
	}
	return &ValidationError{Problems: list}
}

// QuoteNotFound is the message for a quote that is not in the text of its
// source: it names the source and the quote's first words.
func QuoteNotFound(source, quote string) string {
	return fmt.Sprintf("the quote is not in the text of source %q word for word (only white space and typographic quote marks may differ): %q",
		source, FirstWords(quote, 12))
}

// FirstWords returns the first n words of s, with "…" when it has more.
func FirstWords(s string, n int) string {
	ws := strings.Fields(s)
	if len(ws) <= n {
		return strings.Join(ws, " ")
	}
	return strings.Join(ws[:n], " ") + " …"
}
