package graph

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// foldSpecial maps letters that do not decompose into a base letter plus
// marks under NFD.
var foldSpecial = map[rune]string{
	'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'ł': "l", 'đ': "d", 'ð': "d",
	'þ': "th", 'ı': "i", 'ħ': "h",
}

// isElided reports whether r is dropped without leaving a word break:
// apostrophes and the transliteration marks for ayn and hamza, so that
// "Qa'ida", "Qaʿida" and "Qaida" all match.
func isElided(r rune) bool {
	switch r {
	case '\'', '’', '‘', '`', 'ʼ', 'ʿ', 'ʾ', '´', 'ʻ', '\u0640': // U+0640 is the Arabic tatweel
		return true
	}
	return false
}

// NormalizeName folds a name or query for matching: lower case, accents and
// other combining marks removed, apostrophes dropped, every other run of
// punctuation, symbols or spaces turned into one space. "Chérif Kouachi",
// "cherif  kouachi" and "CHERIF-KOUACHI" all fold to "cherif kouachi";
// letters of other scripts (Arabic, Cyrillic) are kept.
func NormalizeName(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	// Invalid UTF-8 would stop NFD from decomposing the letters after it.
	s = strings.ToValidUTF8(s, " ")
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r) || isElided(r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			r = unicode.ToLower(r)
			if f, ok := foldSpecial[r]; ok {
				b.WriteString(f)
			} else {
				b.WriteRune(r)
			}
		default:
			space = true
		}
	}
	return b.String()
}

// NormalizeQuote folds a quote or source text for verbatim comparison:
// typographic quote marks become ASCII ones and every run of white space
// becomes one space. Nothing else changes.
func NormalizeQuote(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch r {
		case '’', '‘', '‚', '‛', '′':
			r = '\''
		case '“', '”', '„', '‟', '″':
			r = '"'
		}
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// Match scores for MatchScore, highest first.
const (
	ScoreExactName   = 100
	ScoreExactAlias  = 90
	ScorePrefixName  = 70
	ScorePrefixAlias = 60
	ScoreWordsName   = 50
	ScoreWordsAlias  = 40
	ScoreSubstring   = 20
)

// MatchScore rates how literally the folded query q (from NormalizeName)
// matches an actor's folded name and aliases: exact name, exact alias,
// prefix, every query word starting a word of the name, then plain
// substring. It returns 0 for no match. Resolve uses it for its strict
// tiers (a score of at least ScoreWordsAlias); search ranks with the
// transliteration-aware scorer of graph/names instead.
func MatchScore(q, name string, aliases []string) int {
	if q == "" {
		return 0
	}
	best := scoreOne(q, name, ScoreExactName, ScorePrefixName, ScoreWordsName)
	for _, a := range aliases {
		if s := scoreOne(q, a, ScoreExactAlias, ScorePrefixAlias, ScoreWordsAlias); s > best {
			best = s
		}
	}
	return best
}

func scoreOne(q, s string, exact, prefix, words int) int {
	switch {
	case s == q:
		return exact
	case strings.HasPrefix(s, q):
		return prefix
	case wordsMatch(q, s):
		return words
	case strings.Contains(s, q):
		return ScoreSubstring
	}
	return 0
}

// wordsMatch reports whether every word of q starts some word of s, the
// words being those strings.Fields finds. It allocates nothing and finds
// each query word with strings.Index: a search runs it on every actor.
func wordsMatch(q, s string) bool {
	for qi := 0; ; {
		w, next := nextWord(q, qi)
		if w == "" {
			return true
		}
		qi = next
		if !startsWord(w, s) {
			return false
		}
	}
}

// startsWord reports whether the word w starts some word of s.
func startsWord(w, s string) bool {
	for off := 0; off < len(s); {
		i := strings.Index(s[off:], w)
		if i < 0 {
			return false
		}
		i += off
		if i == 0 || isSpaceBefore(s, i) {
			if x, _ := nextWord(s, i); strings.HasPrefix(x, w) {
				return true
			}
		}
		off = i + 1
	}
	return false
}

// isSpaceBefore reports whether the rune just before s[i] is white space.
func isSpaceBefore(s string, i int) bool {
	if c := s[i-1]; c < utf8.RuneSelf {
		return asciiSpace[c]
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return unicode.IsSpace(r)
}

// asciiSpace marks the ASCII bytes strings.Fields splits at.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// nextWord returns the first word of s[i:], as strings.Fields would split
// it, and the index just after it; "" when no word is left. ASCII is
// handled inline; other runes are decoded.
func nextWord(s string, i int) (string, int) {
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			if !asciiSpace[c] {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += size
	}
	start := i
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			if asciiSpace[c] {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			break
		}
		i += size
	}
	return s[start:i], i
}
