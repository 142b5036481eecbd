package extract

import (
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph"
)

// MaxTextBytes is the largest text Extract accepts unless Options.MaxBytes
// says otherwise: graph.MaxTextBytes, 4 MiB, some sixty times the longest
// seed article.
const MaxTextBytes = graph.MaxTextBytes

// checkText rejects what cannot be read as text (graph.CheckText): EINVALID
// for empty, invalid UTF-8 or binary data; ETOOLARGE over max bytes.
func checkText(text string, max int) error { return graph.CheckText(text, max) }

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
