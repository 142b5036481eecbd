package graph

import (
	"fmt"
	"strings"
)

// Caps on the size of what is stored. Every write path checks them
// (CheckActor, CheckRelation, CheckEvidence and Bundle.Validate), so both
// stores enforce them alike; the OpenAPI document gives them as maxLength
// and maxItems. Lengths are in bytes of UTF-8. They are far above what
// real data needs (the seed graph's longest name is 56 bytes, its longest
// quote 297) and low enough that no single entry can make searching or
// storing the graph slow: a name of 30 MB once made every search 20 times
// slower.
const (
	MaxNameLen        = 200  // an actor's name, or one alias
	MaxAliases        = 50   // aliases of one actor
	MaxDescriptionLen = 2000 // an actor's description
	MaxQuoteLen       = 2000 // one quote
	MaxFieldLen       = 300  // a short text: role, claimant, a source's title, publication, author, date note, file, a piece's title
	MaxURLLen         = 2000 // a source's URL
	MaxEvidence       = 100  // pieces of evidence of one relation or one actor
	MaxPieces         = 100  // pieces of one source
)

// Caps on what a search or a reference to an actor may ask, before any name
// is compared: the word cap bounds the work of matching every word against
// every name. Words are those of NormalizeName ("al-Adnani" is two). They
// are the caps of the name matcher (graph/names.Parse checks them again;
// analyst's tests check that the two agree).
const (
	MaxQueryLen   = 256 // bytes of a search text or an actor reference
	MaxQueryWords = 12  // words of a search text or an actor reference
)

// CheckQueryText checks a search text or an actor reference against
// MaxQueryLen and MaxQueryWords. what names it in the message ("the search
// text", "actor reference"). EINVALID.
func CheckQueryText(what, s string) error {
	if len(s) > MaxQueryLen {
		return Errorf(EINVALID, "%s is %d bytes long; at most %d bytes and %d words are allowed (a name or alias is at most %d bytes)",
			what, len(s), MaxQueryLen, MaxQueryWords, MaxNameLen)
	}
	if n := countWords(NormalizeName(s)); n > MaxQueryWords {
		return Errorf(EINVALID, "%s has %d words; at most %d words are allowed", what, n, MaxQueryWords)
	}
	return nil
}

// countWords counts the space-separated words of a folded name.
func countWords(folded string) int {
	if folded == "" {
		return 0
	}
	return strings.Count(folded, " ") + 1
}

// tooLong returns the problem message of a text over its cap, or "".
func tooLong(s string, limit int) string {
	if len(s) <= limit {
		return ""
	}
	return fmt.Sprintf("is %d bytes long; at most %d bytes are allowed", len(s), limit)
}

// CheckEvidenceCount returns the problem of an entry that would hold n
// pieces of evidence, more than MaxEvidence; none otherwise. Stores call it
// when they add a piece to a stored relation.
func CheckEvidenceCount(n int) []Problem {
	if n <= MaxEvidence {
		return nil
	}
	return []Problem{{Field: "evidence", Message: fmt.Sprintf("has %d pieces of evidence; at most %d are allowed", n, MaxEvidence)}}
}
