package names

import (
	"encoding/binary"
	"strings"
	"unsafe"
)

// An entry is what an Index keeps of one id: for each name, the name
// first and then the aliases, its folded text and what parsing it found,
// so that scoring a candidate neither folds nor parses it again (parsing,
// the phonetic table above all, is most of the cost of scoring a name). An
// entry is written once and never changed:
//
//	entry  = uvarint(nnames) name*
//	name   = uvarint(len(folded)) folded byte(nwords) class* phon*
//	class  = one byte per word compared (form.words: the first
//	         maxNameWords, initials joined): the weight code of its token
//	         (0: no token, an article), classLiteral, and the number of
//	         consonants of its phonetic form, or classMany
//	phon   = for each token that is not literal, its phonetic form: the
//	         vowel gaps (see payload), one bit per gap, then the skeleton's
//	         consonants, four bits each (skelAlphabet); with classMany,
//	         uvarint(len) and the form as it is
//
// A literal token's phonetic form is its word. Skeletons and joins are
// derived when an entry is decoded.
const (
	classWeight  = 3
	classLiteral = 4
	classShift   = 3
	classMany    = 31
)

// weightOf maps a weight code to a token weight.
var weightOf = [4]int{0, weightContent, weightTitle, weightSmall}

func weightCode(w int) byte {
	for c, x := range weightOf {
		if x == w {
			return byte(c)
		}
	}
	panic("names: no code for token weight")
}

// skelIndex maps a consonant of the phonetic alphabet to its place in
// skelAlphabet.
var skelIndex = func() (t [256]byte) {
	for i := 0; i < len(skelAlphabet); i++ {
		t[skelAlphabet[i]] = byte(i)
	}
	return t
}()

// appendName appends the encoding of the parsed name f to dst.
func appendName(dst []byte, f *form) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(f.folded)))
	dst = append(dst, f.folded...)
	dst = append(dst, byte(len(f.words)))
	t := 0
	for i := range f.words {
		c := weightCode(f.cls[i])
		if c != 0 {
			tok := &f.toks[t]
			t++
			if tok.literal {
				c |= classLiteral
			} else {
				c |= byte(min(len(tok.skel), classMany)) << classShift
			}
		}
		dst = append(dst, c)
	}
	for i := range f.toks {
		tok := &f.toks[i]
		n := len(tok.skel)
		switch {
		case tok.literal:
		case n >= classMany:
			dst = binary.AppendUvarint(dst, uint64(len(tok.phon)))
			dst = append(dst, tok.phon...)
		default:
			var gaps uint32
			k := 0
			for _, c := range tok.phon {
				if c == vowel {
					gaps |= 1 << k
				} else {
					k++
				}
			}
			for j := 0; j < gapBytes(n); j++ {
				dst = append(dst, byte(gaps>>(8*j)))
			}
			for j := 0; j < n; j += 2 {
				b := skelIndex[tok.skel[j]]
				if j+1 < n {
					b |= skelIndex[tok.skel[j+1]] << 4
				}
				dst = append(dst, b)
			}
		}
	}
	return dst
}

// gapBytes is how many bytes hold the gaps of n consonants.
func gapBytes(n int) int { return (n + 8) / 8 }

// splitWords appends to words the first maxNameWords words of folded,
// with initials joined: form.words.
func splitWords(words []string, folded string) []string {
	for i := 0; i < len(folded) && len(words) < maxNameWords; {
		j := i
		for j < len(folded) && folded[j] != ' ' {
			j++
		}
		if j > i {
			words = append(words, folded[i:j])
		}
		i = j + 1
	}
	return joinInitials(words)
}

// nameHead reads the folded text and the classes of the first name of
// entry b and returns them with the rest of b (the phonetic forms on).
func nameHead(b []byte) (folded string, cls, rest []byte) {
	n, k := binary.Uvarint(b)
	folded = unsafe.String(unsafe.SliceData(b[k:]), int(n))
	b = b[k+int(n):]
	nw := int(b[0])
	return folded, b[1 : 1+nw], b[1+nw:]
}

// skipPhon returns b after the phonetic form of a token of class c.
func skipPhon(b []byte, c byte) []byte {
	if c&classWeight == 0 || c&classLiteral != 0 {
		return b
	}
	n := int(c >> classShift)
	if n == classMany {
		x, k := binary.Uvarint(b)
		return b[k+int(x):]
	}
	return b[gapBytes(n)+(n+1)/2:]
}

// nameFolded returns the folded text of the first name of entry b and
// the bytes after that name.
func nameFolded(b []byte) (string, []byte) {
	folded, cls, b := nameHead(b)
	for _, c := range cls {
		b = skipPhon(b, c)
	}
	return folded, b
}

// decodeName parses the first name of entry b into f, whose strings and
// phonetic forms then view b (which must not change), and returns the
// bytes after it. It gives the form that f.parse gives for the folded
// text (TestEntryRoundTrip).
func (f *form) decodeName(b []byte) []byte {
	folded, cls, b := nameHead(b)
	f.folded = folded
	f.words = splitWords(f.words[:0], folded)
	f.toks = f.toks[:0]
	f.joins = f.joins[:0]
	f.weight = 0
	// Room in f.buf, allocated once so that slices of it stay valid, for
	// each phonetic form unpacked (at most 2n+1 letters for n consonants),
	// each skeleton, and the joins (at most the two forms and skeletons).
	need := 0
	p := b
	for _, c := range cls {
		if n := int(c >> classShift); c&classWeight != 0 && c&classLiteral == 0 {
			if n == classMany {
				x, _ := binary.Uvarint(p)
				n = int(x)
			}
			need += 10 * (n + 1)
		}
		p = skipPhon(p, c)
	}
	if cap(f.buf) < need {
		f.buf = make([]byte, 0, need)
	}
	f.buf = f.buf[:0]
	for i, w := range f.words {
		c := cls[i]
		if c&classWeight == 0 {
			continue
		}
		t := token{word: w, weight: weightOf[c&classWeight], pos: len(f.toks), literal: c&classLiteral != 0}
		switch n := int(c >> classShift); {
		case t.literal:
			t.phon = unsafe.Slice(unsafe.StringData(w), len(w))
			t.skel = t.phon
		case n == classMany:
			x, k := binary.Uvarint(b)
			t.phon = b[k : k+int(x) : k+int(x)]
			b = b[k+int(x):]
		default:
			nb := gapBytes(n)
			var gaps uint32
			for j := range nb {
				gaps |= uint32(b[j]) << (8 * j)
			}
			skel := b[nb:]
			b = b[nb+(n+1)/2:]
			s := len(f.buf)
			for j := 0; j <= n; j++ {
				if gaps&(1<<j) != 0 {
					f.buf = append(f.buf, vowel)
				}
				if j < n {
					f.buf = append(f.buf, skelAlphabet[skel[j/2]>>(4*(j%2))&15])
				}
			}
			t.phon = f.buf[s:len(f.buf):len(f.buf)]
		}
		if !t.literal {
			s := len(f.buf)
			f.buf = skeleton(f.buf, t.phon)
			t.skel = f.buf[s:len(f.buf):len(f.buf)]
		}
		f.toks = append(f.toks, t)
		f.weight += t.weight
	}
	f.buildJoins()
	return b
}

// entryNames calls fn with the folded text of each name of the entry that
// b starts with.
func entryNames(b []byte, fn func(folded string)) {
	if len(b) == 0 {
		return
	}
	n, k := binary.Uvarint(b)
	b = b[k:]
	for range n {
		var folded string
		folded, b = nameFolded(b)
		fn(folded)
	}
}

// entryLen returns the length of the entry that b starts with.
func entryLen(b []byte) int {
	n, k := binary.Uvarint(b)
	rest := b[k:]
	for range n {
		_, rest = nameFolded(rest)
	}
	return len(b) - len(rest)
}

// entryNamesCount returns how many names the entry that b starts with has.
func entryNamesCount(b []byte) int {
	n, _ := binary.Uvarint(b)
	return int(n)
}

// entryFolded returns the folded names of an entry as new strings.
func entryFolded(b []byte) []string {
	var out []string
	entryNames(b, func(f string) { out = append(out, strings.Clone(f)) })
	return out
}

// matchEntry scores the names of an entry against q, as matchFolded scores
// folded names: the best, the name winning ties, then the earlier alias.
// Matched is the folded text of the name that matched, viewing b; Why is
// left empty.
func (q *Query) matchEntry(s *scorer, b []byte) Hit {
	best := Hit{Alias: -1}
	if len(b) == 0 {
		return best
	}
	n, k := binary.Uvarint(b)
	b = b[k:]
	for i := range int(n) {
		folded, after := nameFolded(b)
		var score int
		var why Reason
		if folded == q.f.folded {
			score, why = exactScore(i > 0)
			b = after
		} else {
			b = s.n.decodeName(b)
			score, why = q.scoreForm(s, &s.n)
		}
		if score > best.Score {
			best = Hit{Score: score, Alias: i - 1, Reasons: why, Matched: folded}
		}
	}
	return best
}
