package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// span is a range of bytes [start, end) of the text.
type span struct{ start, end int }

// sentence is one sentence of the text, trimmed of white space.
type sentence struct {
	span
	block    int  // index of the block (paragraph, headline, byline) it is in
	headline bool // the block is one line without closing punctuation: a title, byline or caption
}

// maxSentenceRunes bounds a sentence: a block that runs on without
// punctuation (a list, a table, a pasted log) is cut at white space so
// that no sentence costs more than a bounded amount of matching.
const maxSentenceRunes = 1200

// softWrapRunes is the least length of a line that may continue on the
// next line: hard-wrapped text has long lines that stop mid-sentence,
// while headlines, bylines and captions are short.
const softWrapRunes = 50

// maxWrapRunes is the longest line taken for hard-wrapped prose: text
// wrapped by hand or by a mail program is at most some 80 characters
// wide, so a longer line without punctuation (a caption, a pasted
// paragraph) stands alone.
const maxWrapRunes = 100

// splitSentences splits text into sentences. It first cuts the text into
// blocks at blank lines, and at single line breaks unless the line is long
// and stops without punctuation (hard-wrapped prose goes on), so that
// headlines, bylines, captions and list items stand alone. Inside a block
// it ends a sentence after '.', '!', '?' or '…' (with any closing quotes or
// brackets) followed by white space and something that can start a
// sentence, except after titles (Mr., Dr., St.), "No." or a month before a
// number, initials and dotted abbreviations (U.S., e.g.) unless a common
// sentence-opening word follows. Decimals, URLs and "U.S." never end a
// sentence because no white space follows their dots.
func splitSentences(text string) []sentence {
	var out []sentence
	block := 0
	for _, b := range splitBlocks(text) {
		head := b.headline
		for _, s := range splitBlock(text, b.span) {
			for _, c := range capLength(text, s) {
				if c = trimSpan(text, c); c.end > c.start {
					out = append(out, sentence{span: c, block: block, headline: head})
				}
			}
		}
		block++
	}
	return out
}

type blockSpan struct {
	span
	headline bool
}

// splitBlocks cuts text into blocks of lines; see splitSentences.
func splitBlocks(text string) []blockSpan {
	var out []blockSpan
	start, lines := -1, 0
	lastTerminal := false
	flush := func(end int) {
		if start >= 0 {
			out = append(out, blockSpan{span{start, end}, lines == 1 && !lastTerminal})
		}
		start, lines = -1, 0
	}
	for pos := 0; pos < len(text); {
		nl := strings.IndexByte(text[pos:], '\n')
		end := len(text)
		next := len(text)
		if nl >= 0 {
			end, next = pos+nl, pos+nl+1
		}
		line := strings.TrimRightFunc(text[pos:end], unicode.IsSpace)
		content := strings.TrimLeftFunc(line, unicode.IsSpace)
		switch {
		case content == "":
			flush(pos)
		default:
			if start >= 0 && !softContinue(text[start:pos]) || start >= 0 && startsItem(content) {
				flush(pos)
			}
			if start < 0 {
				start = pos
			}
			lines++
			lastTerminal = endsTerminal(content)
		}
		pos = next
	}
	flush(len(text))
	return out
}

// softContinue reports whether the block so far (ending with a line
// break) goes on with the next line: its last line is long and stops
// without closing punctuation.
func softContinue(block string) bool {
	block = strings.TrimRightFunc(block, unicode.IsSpace)
	last := block
	if i := strings.LastIndexByte(block, '\n'); i >= 0 {
		last = block[i+1:]
	}
	last = strings.TrimSpace(last)
	n := utf8.RuneCountInString(last)
	return n >= softWrapRunes && n <= maxWrapRunes && !endsTerminal(last) && !strings.HasSuffix(last, ":")
}

// startsItem reports whether a line starts a list item or a dialogue turn.
func startsItem(line string) bool {
	r, _ := utf8.DecodeRuneInString(line)
	switch r {
	case '•', '*', '-', '–', '—', '·', '▪', '>':
		return true
	}
	return false
}

// endsTerminal reports whether a line ends a sentence: closing
// punctuation, after which only closers, spaces and symbols (an emoji, a
// trade mark sign) may follow.
func endsTerminal(line string) bool {
	line = strings.TrimRightFunc(line, func(r rune) bool {
		return isCloser(r) || unicode.IsSpace(r) || unicode.Is(unicode.So, r) || unicode.Is(unicode.Sk, r) || r == '\uFE0F' || r == '\u200D'
	})
	r, _ := utf8.DecodeLastRuneInString(line)
	return isTerminal(r)
}

func isTerminal(r rune) bool { return r == '.' || r == '!' || r == '?' || r == '…' }

func isCloser(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', ')', ']', '»', '›', '}':
		return true
	}
	return false
}

func isOpener(r rune) bool {
	switch r {
	case '"', '\'', '“', '‘', '(', '[', '«', '‹', '{', '¿', '¡':
		return true
	}
	return false
}

// splitBlock finds the sentence ends inside one block.
func splitBlock(text string, b span) []span {
	var out []span
	start := b.start
	for i := b.start; i < b.end; {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isTerminal(r) {
			i += size
			continue
		}
		j := i + size
		for j < b.end { // a run of terminators: "?!", "..."
			r2, s2 := utf8.DecodeRuneInString(text[j:])
			if !isTerminal(r2) {
				break
			}
			j += s2
		}
		k := j
		for k < b.end {
			r2, s2 := utf8.DecodeRuneInString(text[k:])
			if !isCloser(r2) {
				break
			}
			k += s2
		}
		if k >= b.end {
			break
		}
		r2, _ := utf8.DecodeRuneInString(text[k:])
		if !unicode.IsSpace(r2) {
			// "his murder.In many ways": a lost space after a full
			// stop, between a lower-case word and a capitalised one.
			if r == '.' && j-i == 1 && k == j && unicode.IsUpper(r2) && lowerWordBefore(text, i) && lowerAfterCap(text, k) {
				out = append(out, span{start, k})
				start = k
			}
			i = j
			continue
		}
		m := k
		for m < b.end {
			r3, s3 := utf8.DecodeRuneInString(text[m:])
			if !unicode.IsSpace(r3) {
				break
			}
			m += s3
		}
		if m >= b.end {
			break
		}
		if hasWordRune(text[start:i]) && endsHere(text, i, j, m, r) {
			out = append(out, span{start, k})
			start = m
		}
		i = m
	}
	return append(out, span{start, b.end})
}

// lowerWordBefore reports whether three or more lower-case letters end
// just before byte i.
func lowerWordBefore(text string, i int) bool {
	n := 0
	for i > 0 && n < 3 {
		r, size := utf8.DecodeLastRuneInString(text[:i])
		if !unicode.IsLower(r) {
			return false
		}
		i -= size
		n++
	}
	return n == 3
}

// lowerAfterCap reports whether the capital at byte k is followed by a
// lower-case letter ("In", not "US").
func lowerAfterCap(text string, k int) bool {
	_, size := utf8.DecodeRuneInString(text[k:])
	r, _ := utf8.DecodeRuneInString(text[k+size:])
	return unicode.IsLower(r)
}

func hasWordRune(s string) bool {
	for _, r := range s {
		if isWordRune(r) {
			return true
		}
	}
	return false
}

// endsHere decides whether the terminator text[i:j] (followed by closers
// and white space) ends a sentence when the next one would start at m.
func endsHere(text string, i, j, m int, term rune) bool {
	next, _ := utf8.DecodeRuneInString(text[m:])
	if unicode.IsLower(next) {
		return false
	}
	if !(unicode.IsUpper(next) || unicode.IsDigit(next) || isOpener(next) || unicode.IsLetter(next) || unicode.IsPunct(next) || unicode.IsSymbol(next)) {
		return false
	}
	if term != '.' || j-i != 1 {
		return true // "?", "!", "…", "..."
	}
	w := wordBefore(text, i)
	lw := strings.ToLower(w)
	nw := strings.ToLower(wordAt(text, m))
	switch {
	case titleAbbrev[lw]:
		return false
	case numberAbbrev[lw] && unicode.IsDigit(next):
		return false
	case monthAbbrev[lw] && unicode.IsDigit(next):
		return false
	case lw == "e.g" || lw == "i.e" || lw == "cf" || lw == "viz" || lw == "vs" || lw == "approx":
		return false
	case isInitials(w):
		// "J. Smith", "U.S. Central Command" go on; "in the U.S. The" ends.
		return sentenceOpener[nw]
	}
	return true
}

// wordBefore returns the letters and inner dots just before byte i.
func wordBefore(text string, i int) string {
	j := i
	for j > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:j])
		if !(unicode.IsLetter(r) || r == '.') {
			break
		}
		j -= size
	}
	return strings.TrimLeft(text[j:i], ".")
}

// wordAt returns the letters starting at byte m.
func wordAt(text string, m int) string {
	j := m
	for j < len(text) {
		r, size := utf8.DecodeRuneInString(text[j:])
		if !unicode.IsLetter(r) {
			break
		}
		j += size
	}
	return text[m:j]
}

// isInitials reports whether w is one capital letter or letters joined by
// dots ("J", "U.S", "D.C").
func isInitials(w string) bool {
	if w == "" {
		return false
	}
	for _, part := range strings.Split(w, ".") {
		if utf8.RuneCountInString(part) != 1 {
			return false
		}
	}
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r) || strings.Contains(w, ".")
}

var titleAbbrev = setOf("mr", "mrs", "ms", "dr", "prof", "st", "mt", "ft", "gen", "col", "lt", "sgt", "capt", "cpt",
	"maj", "adm", "cmdr", "rev", "fr", "gov", "sen", "rep", "pres", "hon", "messrs", "mme", "mlle", "sr", "jr", "supt", "insp", "det", "cllr")

var numberAbbrev = setOf("no", "nos", "nr", "art", "fig", "figs", "vol", "vols", "p", "pp", "ch", "chap", "sec", "para", "op", "ed", "eds", "ref", "tel")

var monthAbbrev = setOf("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")

// sentenceOpener holds the words that, capitalised after an initial or a
// dotted abbreviation, show that a new sentence has begun.
var sentenceOpener = setOf("the", "a", "an", "it", "he", "she", "they", "we", "i", "you", "in", "on", "at", "but", "and",
	"this", "that", "these", "those", "there", "his", "her", "its", "their", "our", "my", "as", "for", "if", "when",
	"while", "after", "before", "so", "some", "many", "most", "no", "not", "what", "who", "how", "why", "where",
	"yet", "still", "then", "also", "however", "since", "although", "though", "both", "each", "all", "one", "officials", "authorities")

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// capLength cuts a span longer than maxSentenceRunes at white space.
func capLength(text string, s span) []span {
	if s.end-s.start <= maxSentenceRunes || utf8.RuneCountInString(text[s.start:s.end]) <= maxSentenceRunes {
		return []span{s}
	}
	var out []span
	for s.end-s.start > 0 {
		n, cut := 0, s.end
		lastSpace := -1
		for i, r := range text[s.start:s.end] {
			if n == maxSentenceRunes {
				cut = s.start + i
				break
			}
			if unicode.IsSpace(r) {
				lastSpace = s.start + i
			}
			n++
		}
		if cut < s.end && lastSpace > s.start {
			cut = lastSpace
		}
		out = append(out, span{s.start, cut})
		s.start = cut
	}
	return out
}

// trimSpan drops white space and list bullets at both ends of s.
func trimSpan(text string, s span) span {
	for s.start < s.end {
		r, size := utf8.DecodeRuneInString(text[s.start:s.end])
		if !unicode.IsSpace(r) && r != '•' && r != '▪' && r != '·' {
			break
		}
		s.start += size
	}
	for s.end > s.start {
		r, size := utf8.DecodeLastRuneInString(text[s.start:s.end])
		if !unicode.IsSpace(r) {
			break
		}
		s.end -= size
	}
	return s
}
