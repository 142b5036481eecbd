package names

import (
	"slices"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// skelAlphabet is every letter a skeleton can hold: the consonant classes
// of the phonetic alphabet (TestRulesClosed checks it).
const skelAlphabet = "bcdfhjklmnprstxz"

// prefixMark starts the key of a word's first letters. It is neither a
// letter nor a digit, so it cannot start another kind of key.
const prefixMark = '_'

// prefixLen is how many folded letters a prefix key holds.
const prefixLen = 3

// KeysVersion names the scheme of Keys. A store that keeps keys (Neo4j)
// records it beside them and computes them again when it differs: bump it
// whenever Keys would return other keys for some name.
const KeysVersion = 2

// Keys returns the candidate keys of an actor with the given name and
// aliases (as stored, not folded), sorted and without repeats. A store
// keeps them beside the actor and finds candidates for a query by the keys
// of Query.Probes; see the package documentation for the rule.
//
// Keys are made of lower-case ASCII letters, digits, letters of other
// scripts and '_', never white space, so they can be joined with spaces
// into one property under a full-text index with a whitespace analyser.
func Keys(name string, aliases []string) []string {
	kps := keysOf(name, aliases)
	out := make([]string, len(kps))
	for i, kp := range kps {
		out[i] = kp.key
	}
	return out
}

// keyPay is a key with the payload that its postings carry.
type keyPay struct {
	key string
	pay payload
}

// keysOf returns the keys of an actor with their payloads, sorted by key,
// one per key (payloads of a key repeated in several names or words
// combined).
func keysOf(name string, aliases []string) []keyPay {
	var f form
	var out []keyPay
	add := func(k []byte, p payload) { out = append(out, keyPay{string(k), p}) }
	f.parse(graph.NormalizeName(name))
	f.visitKeys(add)
	for _, a := range aliases {
		f.parse(graph.NormalizeName(a))
		f.visitKeys(add)
	}
	return combineKeys(out)
}

// combineKeys sorts kps by key and merges the payloads of each key.
func combineKeys(kps []keyPay) []keyPay {
	slices.SortFunc(kps, func(a, b keyPay) int { return strings.Compare(a.key, b.key) })
	out := kps[:0]
	for _, kp := range kps {
		if n := len(out); n > 0 && out[n-1].key == kp.key {
			out[n-1].pay = out[n-1].pay.combine(kp.pay)
			continue
		}
		out = append(out, kp)
	}
	return out
}

// visitKeys calls visit with every key of the folded name in f (with
// repeats) and its payload (see payload). The slice passed to visit is
// only valid during the call.
//
// A stored name has, for each word that counts (articles left out):
//   - its skeleton, when it has at least two consonants (Laden: ldn);
//   - its phonetic form when it has fewer (Ali: al; Abu: ab);
//   - the word itself when it holds digits or another script (2015);
//   - '_' and its first three letters when it has more than three, for
//     queries typed partly (_kou for Kouachi; _201 for 20150107);
//
// and, for each two adjacent words, the two skeletons joined when they
// hold at least three consonants (Abd al-Baqi: bdbk), for a query that
// writes them as one word (Abdelbaki).
func (f *form) visitKeys(visit func([]byte, payload)) {
	var buf [64]byte
	for i := range f.toks {
		t := &f.toks[i]
		rest := f.weight - t.weight
		visit(storedKey(t), wordPayload(t, rest))
		if p, ok := prefixOf(t.word); ok {
			visit(append(append(buf[:0], prefixMark), p...), makePayload(rest, 0, true))
		}
	}
	for i := range f.joins {
		if j := &f.joins[i]; j.weight > 0 {
			visit(j.skel, joinPayload(j, f.weight-j.weight))
		}
	}
}

// prefixOf returns the first prefixLen letters of a word that has more
// than prefixLen (runes, for words of other scripts).
func prefixOf(w string) (string, bool) {
	n := 0
	for i := range w {
		if n == prefixLen {
			return w[:i], true
		}
		n++
	}
	return "", false
}

// storedKey is the key a stored token is found by: its skeleton, or for a
// short or literal token its phonetic form (a literal's is the word).
func storedKey(t *token) []byte {
	if t.literal || len(t.skel) < 2 {
		return t.phon
	}
	return t.skel
}

// visitProbes calls visit with the keys that find every stored token that
// wordSim may give a score above zero against the query token t (a word
// or a join), with repeats:
//
//   - a literal word: the word;
//   - a word with fewer than two consonants: its phonetic form;
//   - a skeleton of two consonants: the skeleton, and the three-consonant
//     skeletons it would be with an h or a final s (weakDrop);
//   - a longer skeleton: every string of at least three consonants at OSA
//     distance at most one from it (itself, one consonant deleted,
//     inserted or replaced, two adjacent swapped): the two-consonant
//     skeletons are too common to reach by any deletion, so a skeleton of
//     three reaches only those without an h or a final s (weakDrop);
//   - and for a word (not a join) of at least three letters, its prefix
//     key.
//
// gate is the same rule seen from the scorer: gate(q, n) holds exactly
// when storedKey(n) is among these keys (TestGateMatchesKeys).
func visitProbes(t *token, visit func([]byte)) {
	switch {
	case t.literal || len(t.skel) < 2:
		if !t.joined {
			visit(t.phon)
		}
	case len(t.skel) == 2:
		visit(t.skel)
		visitWeak(t.skel, visit)
	default:
		neighbours(t.skel, visit)
		visitWeak(t.skel, visit)
	}
	if !t.joined && !t.literal && len(t.word) >= prefixLen {
		var buf [8]byte
		visit(append(append(buf[:0], prefixMark), t.word[:prefixLen]...))
	}
}

// gate reports whether the stored token n has a key among the probes of
// the query token q (visitProbes), not counting prefix keys: the condition
// for every score above zero that is not a prefix match.
func gate(q, n *token) bool {
	if q.literal || n.literal {
		return q.literal && n.literal && q.word == n.word
	}
	if len(n.skel) < 2 { // n is found by its phonetic form
		return !q.joined && len(q.skel) < 2 && equal(q.phon, n.phon)
	}
	switch {
	case len(q.skel) >= 3:
		return len(n.skel) >= 3 && within1(q.skel, n.skel) ||
			len(q.skel) == 3 && len(n.skel) == 2 && weakDrop(q.skel, n.skel)
	case len(q.skel) == 2:
		return equal(q.skel, n.skel) || len(n.skel) == 3 && weakDrop(n.skel, q.skel)
	}
	return false
}

// weakDrop reports whether short is long without one h (Ahmedy, Amedy) or
// without its final s (Mairs, Mair): the consonants most often dropped,
// which three-consonant skeletons may lose although other deletions down
// to two consonants are not probed.
func weakDrop(long, short []byte) bool {
	if len(long) != len(short)+1 {
		return false
	}
	if long[len(long)-1] == 's' && equal(long[:len(long)-1], short) {
		return true
	}
	for i, c := range long {
		if c == 'h' && equal(long[:i], short[:i]) && equal(long[i+1:], short[i:]) {
			return true
		}
	}
	return false
}

// visitWeak visits the skeletons that weakDrop relates to s: for three
// consonants, s without an h or its final s; for two, s with an h put in
// or an s added.
func visitWeak(s []byte, visit func([]byte)) {
	var arr [4]byte
	switch len(s) {
	case 3:
		if s[2] == 's' {
			visit(s[:2])
		}
		for i, c := range s {
			if c == 'h' {
				visit(append(append(arr[:0], s[:i]...), s[i+1:]...))
			}
		}
	case 2:
		visit(append(arr[:0], s[0], s[1], 's'))
		for i := 0; i <= 2; i++ {
			visit(append(append(append(arr[:0], s[:i]...), 'h'), s[i:]...))
		}
	}
}

// neighbours calls visit with s and every string at OSA distance one from
// it over skelAlphabet that has at least three letters (with repeats); s
// has at least three.
func neighbours(s []byte, visit func([]byte)) {
	var arr [80]byte
	buf := arr[:0]
	if len(s)+1 > len(arr) {
		buf = make([]byte, 0, len(s)+1)
	}
	visit(s)
	for i := 0; i < len(s) && len(s) > 3; i++ { // deletions, down to three consonants
		buf = append(append(buf[:0], s[:i]...), s[i+1:]...)
		visit(buf)
	}
	for i := 0; i+1 < len(s); i++ { // transpositions
		if s[i] != s[i+1] {
			buf = append(buf[:0], s...)
			buf[i], buf[i+1] = buf[i+1], buf[i]
			visit(buf)
		}
	}
	for i := range s { // substitutions
		for j := 0; j < len(skelAlphabet); j++ {
			if c := skelAlphabet[j]; c != s[i] {
				buf = append(buf[:0], s...)
				buf[i] = c
				visit(buf)
			}
		}
	}
	for i := 0; i <= len(s); i++ { // insertions
		for j := 0; j < len(skelAlphabet); j++ {
			buf = append(append(append(buf[:0], s[:i]...), skelAlphabet[j]), s[i:]...)
			visit(buf)
		}
	}
}

// validKey reports whether k could be a key (for tests and callers that
// check stored data): not empty, no white space.
func validKey(k string) bool {
	return k != "" && !strings.ContainsAny(k, " \t\n\r")
}
