package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph"
)

// token is a word, number or punctuation mark of the text.
type token struct {
	start, end int    // bytes of the text
	fold       string // graph.NormalizeName of a word or number; the mark itself for punctuation
	word       bool   // letters or digits (not punctuation)
	digit      bool   // starts with a digit
	cap        bool   // starts with an upper-case letter
	upper      bool   // two or more letters, all upper case
	space      bool   // white space comes just before it
	gap        bool   // punctuation or white space comes just before it that a name may not span (see hardGap)
}

// isWordRune reports whether r belongs inside a word.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)
}

// isElidedMark mirrors graph.NormalizeName's apostrophes and
// transliteration marks, which join the letters around them ("Qa'ida").
func isElidedMark(r rune) bool {
	switch r {
	case '\'', '’', '‘', '`', 'ʼ', 'ʿ', 'ʾ', '´', 'ʻ', '\u0640':
		return true
	}
	return false
}

// tokenize cuts text[s.start:s.end] into tokens. Words are runs of
// letters, digits and combining marks, with apostrophes inside them kept
// ("Qa'ida", "doesn't"); a possessive "'s" is its own token so that
// "Coulibaly's" is the name "Coulibaly". Every other non-space rune is a
// punctuation token of its own.
func tokenize(text string, s span, out []token) []token {
	space, gap := true, true
	prevWordLen := 0
	for i := s.start; i < s.end; {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsSpace(r):
			space = true
			i += size
		case isWordRune(r):
			j := i + size
			for j < s.end {
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				if isWordRune(r2) {
					j += s2
					continue
				}
				if isElidedMark(r2) && j+s2 < s.end {
					r3, _ := utf8.DecodeRuneInString(text[j+s2:])
					if isWordRune(r3) {
						j += s2
						continue
					}
				}
				break
			}
			// Split a possessive 's off the word.
			end := j
			if n := j - i; n > 3 && (text[j-1] == 's' || text[j-1] == 'S') {
				r2, s2 := utf8.DecodeLastRuneInString(text[i : j-1])
				if isElidedMark(r2) {
					end = j - 1 - s2
				}
			}
			t := newWord(text[i:end], i, end)
			t.space, t.gap = space, gap
			out = append(out, t)
			space, gap = false, false
			if end < j {
				out = append(out, token{start: end, end: j, fold: "'s"})
				gap = true // no name runs across a possessive
			}
			prevWordLen = utf8.RuneCountInString(text[i:end])
			i = j
		default:
			t := token{start: i, end: i + size, fold: text[i : i+size], space: space}
			out = append(out, t)
			if hardMark(r) || r == '.' && (space || prevWordLen > 1) {
				gap = true
			}
			if (r == '-' || r == '–' || r == '—') && space {
				gap = true
			}
			space = false
			i += size
		}
	}
	return out
}

// hardMark reports whether a name may not run across r.
func hardMark(r rune) bool {
	switch r {
	case ',', ';', ':', '(', ')', '[', ']', '{', '}', '"', '“', '”', '«', '»', '!', '?', '…', '|', '•', '—', '–':
		return true
	}
	return false
}

// newWord makes the token of one word.
func newWord(w string, start, end int) token {
	t := token{start: start, end: end, word: true, fold: foldWord(w)}
	r, _ := utf8.DecodeRuneInString(w)
	t.digit = unicode.IsDigit(r)
	t.cap = unicode.IsUpper(r) || unicode.IsTitle(r)
	letters, uppers := 0, 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				uppers++
			}
		}
	}
	t.upper = letters >= 2 && uppers == letters
	return t
}

// foldWord is graph.NormalizeName for one word, without its cost for
// plain ASCII words.
func foldWord(w string) string {
	ascii, plain := true, true
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		if c >= 'A' && c <= 'Z' || c == '\'' || c == '`' {
			plain = false
		}
	}
	if !ascii {
		return graph.NormalizeName(w)
	}
	if plain {
		return w
	}
	var b strings.Builder
	b.Grow(len(w))
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c == '\'' || c == '`':
		case c >= 'A' && c <= 'Z':
			b.WriteByte(c + 'a' - 'A')
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// foldName is graph.NormalizeName with a fast path for ASCII names, which
// are most of a big gazetteer (FuzzFoldName checks they agree).
func foldName(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return graph.NormalizeName(s)
		}
	}
	b := make([]byte, 0, len(s))
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\'' || c == '`':
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			if space && len(b) > 0 {
				b = append(b, ' ')
			}
			space = false
			b = append(b, c)
		case c >= 'A' && c <= 'Z':
			if space && len(b) > 0 {
				b = append(b, ' ')
			}
			space = false
			b = append(b, c+'a'-'A')
		default:
			space = true
		}
	}
	return string(b)
}
