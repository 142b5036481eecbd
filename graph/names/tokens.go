package names

import "bytes"

// Word weights: how much a word of a name counts when names are compared.
const (
	weightContent  = 10 // an ordinary word: Kouachi, Qaeda, Paris, 2015
	weightTitle    = 5  // a kunya, nasab or title: Abu, bin, Umm, Sheikh
	weightSmall    = 3  // a small word of English, French or Arabic: of, the, de, fi
	weightArticle  = 0  // the article and the izafe: al, el, ad-, e, i
	maxTokenWeight = weightContent
)

// articles are the forms of the Arabic article and the Persian/Urdu izafe,
// which are left out of the comparison: "al-Qaeda", "Al Qaeda" and "Qaeda"
// compare as the same words.
var articles = map[string]bool{"al": true, "el": true, "ul": true, "il": true, "e": true, "i": true}

// assimilated are the forms of the article before a sun letter (ad-Dawla,
// ash-Sham, an-Nusra, Es Satty, ud-Din): an article only when the next
// word starts with the same consonant letters.
var assimilated = map[string]string{
	"ad": "d", "ar": "r", "as": "s", "at": "t", "az": "z", "an": "n", "ash": "sh", "ath": "th", "adh": "dh",
	"ed": "d", "er": "r", "es": "s", "et": "t", "ez": "z", "en": "n", "esh": "sh",
	"ud": "d", "ur": "r", "uz": "z", "ush": "sh",
}

// titles are the kunya and nasab words (father of, son of, mother of) and
// honorifics: part of a name, but worth less than the words around them.
var titles = map[string]bool{
	"abu": true, "abou": true, "abo": true, "bin": true, "ben": true, "ibn": true, "bint": true,
	"umm": true, "um": true, "ould": true,
	"sheikh": true, "shaykh": true, "sheik": true, "shaikh": true, "cheikh": true, "mullah": true,
	"maulana": true, "mawlana": true, "imam": true, "caliph": true, "mr": true, "mrs": true, "dr": true,
}

// smallWords are function words of English, French, German and
// transliterated Arabic that names and descriptions carry.
var smallWords = map[string]bool{
	"of": true, "the": true, "and": true, "in": true, "on": true, "at": true, "for": true, "to": true,
	"by": true, "from": true, "de": true, "du": true, "des": true, "la": true, "le": true, "les": true,
	"et": true, "der": true, "die": true, "das": true, "von": true, "van": true, "wa": true, "wal": true,
	"fi": true, "bi": true, "li": true,
}

// token is one word of a folded name with its phonetic form and skeleton.
// phon and skel point into the buffer of the form that holds the token.
type token struct {
	word    string // folded word; for a join, the first of the two
	word2   string // for a join, the second word
	phon    []byte // phonetic form (Phonetic); the word itself if literal
	skel    []byte // consonants of phon; the word itself if literal
	weight  int
	literal bool // digits or another script: compared exactly
	pos     int  // index among the form's scoring tokens; the first for a join
	joined  bool // two adjacent words written as one
	// wkey is, for a join of a query, the key of its two words written as
	// one word (storedKey): the only key of a name word with the same
	// letters.
	wkey []byte
}

// form is a folded name split into the tokens that count (weight > 0),
// with the joins of adjacent tokens. A form is reused for many names:
// parse resets it.
type form struct {
	folded string
	toks   []token
	joins  []token // joins[i] joins toks[i] and toks[i+1]; weight 0 if not usable
	weight int     // sum of the tokens' weights
	// truncated says that the name has more than maxNameWords words, of
	// which the rest were left out.
	truncated bool
	buf       []byte
	words     []string // the words compared (initials joined), at most maxNameWords
	cls       []int    // the weight of each word: its token's, or 0 if it has none
}

// minJoinSkel is the fewest consonants two words written as one must
// have to be compared with one word: fewer (US Navy, Sinai) match by
// chance.
const minJoinSkel = 3

// maxNameWords is how many words of a stored name are compared; the rest
// of a very long name is ignored, identically by every store.
const maxNameWords = 32

// parse splits folded (graph.NormalizeName output) into f.
func (f *form) parse(folded string) {
	f.folded = folded
	f.toks = f.toks[:0]
	f.joins = f.joins[:0]
	f.weight = 0
	f.words = f.words[:0]
	i := 0
	for i < len(folded) && len(f.words) < maxNameWords {
		j := i
		for j < len(folded) && folded[j] != ' ' {
			j++
		}
		if j > i {
			f.words = append(f.words, folded[i:j])
		}
		i = j + 1
	}
	f.truncated = i < len(folded)
	f.words = joinInitials(f.words)
	// Classify.
	f.cls = f.cls[:0]
	weighty := false
	for i, w := range f.words {
		c := classify(w, f.words, i)
		f.cls = append(f.cls, c)
		if c > 0 {
			weighty = true
		}
	}
	// Phonetic forms and skeletons take at most twice the word each, and
	// every word is in at most two joins. Size the buffer once so that the
	// slices into it stay valid.
	need := 0
	for _, w := range f.words {
		need += 12 * len(w)
	}
	if cap(f.buf) < need {
		f.buf = make([]byte, 0, need)
	}
	f.buf = f.buf[:0]
	for i, w := range f.words {
		c := f.cls[i]
		if !weighty {
			c = weightContent // a name of small words only: they all count
			f.cls[i] = c
		}
		if c == 0 {
			continue
		}
		t := token{word: w, weight: c, pos: len(f.toks)}
		if isLatinWord(w) {
			s := len(f.buf)
			f.buf = Phonetic(f.buf, w)
			t.phon = f.buf[s:len(f.buf):len(f.buf)]
			s = len(f.buf)
			f.buf = skeleton(f.buf, t.phon)
			t.skel = f.buf[s:len(f.buf):len(f.buf)]
		} else {
			t.literal = true
			t.phon = []byte(w)
			t.skel = t.phon
		}
		f.toks = append(f.toks, t)
		f.weight += c
	}
	f.buildJoins()
}

// buildJoins fills f.joins from f.toks, writing the joins' phonetic forms
// and skeletons to f.buf, which must have room for them (four times the
// phonetic forms' length).
func (f *form) buildJoins() {
	for i := 0; i+1 < len(f.toks); i++ {
		a, b := &f.toks[i], &f.toks[i+1]
		j := token{pos: i, joined: true}
		if !a.literal && !b.literal && len(a.skel)+len(b.skel) >= minJoinSkel {
			j.weight = a.weight + b.weight
			s := len(f.buf)
			f.buf = append(f.buf, a.phon...)
			for _, c := range b.phon {
				if f.buf[len(f.buf)-1] != c {
					f.buf = append(f.buf, c)
				}
			}
			j.phon = f.buf[s:len(f.buf):len(f.buf)]
			s = len(f.buf)
			f.buf = append(f.buf, a.skel...)
			f.buf = append(f.buf, b.skel...)
			j.skel = f.buf[s:len(f.buf):len(f.buf)]
			j.word, j.word2 = a.word, b.word
		}
		f.joins = append(f.joins, j)
	}
}

// joinInitials joins runs of two or more one-letter words into one word,
// so that initials written with points ("U.S.", folded "u s") are the
// word written without them ("US"). It allocates only for such runs.
func joinInitials(words []string) []string {
	out := words[:0]
	for i := 0; i < len(words); {
		j := i
		for j < len(words) && len(words[j]) == 1 && words[j][0] >= 'a' && words[j][0] <= 'z' {
			j++
		}
		if j-i >= 2 {
			var b []byte
			for _, w := range words[i:j] {
				b = append(b, w...)
			}
			out = append(out, string(b))
			i = j
			continue
		}
		out = append(out, words[i])
		i++
	}
	return out
}

// wordClass maps the words with a weight of their own to it.
var wordClass = func() map[string]int {
	m := map[string]int{}
	for w := range smallWords {
		m[w] = weightSmall
	}
	for w := range titles {
		m[w] = weightTitle
	}
	for w := range articles {
		m[w] = weightArticle
	}
	return m
}()

// classify returns the weight of words[i] in its name.
func classify(w string, words []string, i int) int {
	if len(w) <= 3 && (w[0] == 'a' || w[0] == 'e' || w[0] == 'u') && i+1 < len(words) {
		if sun := assimilated[w]; sun != "" && len(words[i+1]) > len(sun) && words[i+1][:len(sun)] == sun {
			return weightArticle
		}
	}
	if c, ok := wordClass[w]; ok {
		return c
	}
	return weightContent
}

// sameWord reports whether two tokens (words or joins) spell the same
// folded letters.
func sameWord(x, y *token) bool {
	if len(x.word)+len(x.word2) != len(y.word)+len(y.word2) {
		return false
	}
	if x.word2 == "" && y.word2 == "" {
		return x.word == y.word
	}
	return concatEqual(x.word, x.word2, y.word, y.word2)
}

// concatEqual reports whether a1+a2 == b1+b2 without building them.
func concatEqual(a1, a2, b1, b2 string) bool {
	at := func(s1, s2 string, i int) byte {
		if i < len(s1) {
			return s1[i]
		}
		return s2[i-len(s1)]
	}
	n := len(a1) + len(a2)
	for i := 0; i < n; i++ {
		if at(a1, a2, i) != at(b1, b2, i) {
			return false
		}
	}
	return true
}

// equal reports whether two byte strings are equal.
func equal(a, b []byte) bool { return bytes.Equal(a, b) }
