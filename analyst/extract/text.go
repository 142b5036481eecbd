package extract

import (
	"unicode"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph"
)

// MaxTextBytes is the largest text Extract accepts unless Options.MaxBytes
// says otherwise: 4 MiB, some sixty times the longest seed article.
const MaxTextBytes = 4 << 20

// checkText rejects what cannot be read as text, with a message that says
// what to fix. Errors: EINVALID for empty, invalid UTF-8 or binary data;
// ETOOLARGE over max bytes.
func checkText(text string, max int) error {
	if len(text) > max {
		return graph.Errorf(graph.ETOOLARGE, "the text is %d bytes; the most extraction takes is %d bytes: split it into several sources", len(text), max)
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
		return graph.Errorf(graph.EINVALID, "the text is not valid UTF-8 (first bad byte at offset %d): send it as UTF-8 text, not a binary or legacy-encoded file", i)
	}
	control, letters := 0, 0
	for _, r := range text {
		switch {
		case r == 0:
			return graph.Errorf(graph.EINVALID, "the text holds NUL bytes: it looks like a binary file; send the article's plain text")
		case unicode.IsLetter(r):
			letters++
		case unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t' && r != '\f' && r != '\v':
			control++
		}
	}
	if letters == 0 {
		return graph.Errorf(graph.EINVALID, "the text holds no letters: nothing to extract")
	}
	if control*20 > letters {
		return graph.Errorf(graph.EINVALID, "the text holds %d control characters for %d letters: it looks like a binary file; send the article's plain text", control, letters)
	}
	return nil
}

// runeIndex converts byte offsets of a text into code-point offsets, the
// unit of Proposal.Start and End (what Python's str slicing counts).
type runeIndex struct {
	ascii bool
	// at[i] is the number of runes before the rune that starts at byte
	// i; only meaningful at rune starts. Nil for ASCII texts.
	at []int32
	n  int
}

func newRuneIndex(text string) *runeIndex {
	ix := &runeIndex{ascii: true, n: len(text)}
	for i := 0; i < len(text); i++ {
		if text[i] >= utf8.RuneSelf {
			ix.ascii = false
			break
		}
	}
	if ix.ascii {
		return ix
	}
	ix.at = make([]int32, len(text)+1)
	n := int32(0)
	for i := range text { // i walks rune starts
		ix.at[i] = n
		n++
	}
	ix.at[len(text)] = n
	ix.n = int(n)
	return ix
}

// runes returns the code-point offset of byte offset b, which must be a
// rune start or len(text).
func (ix *runeIndex) runes(b int) int {
	if ix.ascii {
		return b
	}
	return int(ix.at[b])
}
