package names

import "slices"

// Score bounds.
//
// Finding the candidates of a query is cheap; scoring them is not, and a
// query made of common words has tens of thousands. So each posting of a
// key carries a payload that lets a store bound, from the keys alone, the
// score an actor can reach; candidates whose bound is below MinScore are
// not scored at all, and when more than MaxExactTotal remain the search
// reports their number as an upper bound of the total instead of scoring
// them all (see Results). Bound computes the same bound from an actor's
// names, so that every store, and a brute-force reference, agree on it.

// payload is what a posting says about the word (or two words) its key
// came from, in 24 bits:
//
//   - rest: the weight of the name's other words (W_N minus the word's
//     weight, or minus both words' for a join key), capped at payRestMax;
//   - join: the key is that of two name words written as one;
//   - gaps: for a skeleton key of at most maxGapConsonants consonants,
//     where the phonetic form has its vowels (bit i: a vowel before
//     consonant i; bit n: a vowel after the last), so that the key and the
//     gaps give back the phonetic form;
//   - unknown: the gaps are not known (a longer skeleton, a join whose
//     words meet on one consonant, or one key of several words whose
//     vowels differ);
//   - hash: a hash of the word's letters (wordHash; of both words' for a
//     join), 0 if not known, which tells most words of the same phonetic
//     form apart (Persson, Person).
//
// Payloads of one key in several names or words of an actor are combined:
// the smallest rest, join if either is, and the gaps and hash only if they
// agree (never the gaps of a join and a word: known gaps with join mean
// joins only).
type payload uint32

const (
	payRestBits      = 6
	payRestMax       = 1<<payRestBits - 1
	payJoin          = 1 << payRestBits
	payGapsShift     = payRestBits + 1
	payUnknown       = 1 << 15
	payHashShift     = 16
	maxGapConsonants = 7
)

func makePayload(rest int, gaps uint8, known bool) payload {
	p := payload(min(max(rest, 0), payRestMax)) | payload(gaps)<<payGapsShift
	if !known {
		p |= payUnknown
	}
	return p
}

func (p payload) rest() int { return int(p & payRestMax) }

func (p payload) gaps() (uint8, bool) {
	return uint8(p >> payGapsShift), p&payUnknown == 0
}

func (p payload) hash() uint8 { return uint8(p >> payHashShift) }

func (p payload) withHash(h uint8) payload { return p&^(0xff<<payHashShift) | payload(h)<<payHashShift }

func (p payload) combine(o payload) payload {
	rest := min(p.rest(), o.rest())
	g1, k1 := p.gaps()
	g2, k2 := o.gaps()
	// A join and a word under one key: the gaps say nothing of either.
	mixed := p&payJoin != o&payJoin
	c := makePayload(rest, g1, k1 && k2 && g1 == g2 && !mixed) | (p|o)&payJoin
	if p.hash() == o.hash() {
		c = c.withHash(p.hash())
	}
	return c
}

// wordHash is a hash of a folded word (or of two words written as one:
// w then w2) in 1..255.
func wordHash(w, w2 string) uint8 {
	h := uint32(2166136261)
	for _, s := range [2]string{w, w2} {
		for i := 0; i < len(s); i++ {
			h ^= uint32(s[i])
			h *= 16777619
		}
	}
	return uint8(h%255) + 1
}

// gapsOf returns the vowel gaps of a phonetic form whose skeleton is
// skel, and whether skel and the gaps give it back.
func gapsOf(phon, skel []byte) (uint8, bool) {
	if len(skel) > maxGapConsonants {
		return 0, false
	}
	var gaps uint8
	var back [2*maxGapConsonants + 2]byte
	i := 0 // consonants seen
	for _, c := range phon {
		if c == vowel {
			gaps |= 1 << i
		} else {
			i++
		}
	}
	return gaps, equal(unskeleton(back[:0], skel, gaps), phon)
}

// wordPayload is the payload of a stored word's own key.
func wordPayload(t *token, rest int) payload {
	h := wordHash(t.word, "")
	if t.literal || len(t.skel) < 2 {
		// The key is the phonetic form (or the word).
		return makePayload(rest, 0, true).withHash(h)
	}
	g, ok := gapsOf(t.phon, t.skel)
	return makePayload(rest, g, ok).withHash(h)
}

// joinPayload is the payload of a stored join's key (its skeleton).
func joinPayload(j *token, rest int) payload {
	g, ok := gapsOf(j.phon, j.skel)
	return makePayload(rest, g, ok).withHash(wordHash(j.word, j.word2)) | payJoin
}

// isSkeletonKey reports whether a Latin key is a skeleton (two or more
// consonants, no vowel) rather than a phonetic form (fewer than two
// consonants, so a vowel unless it is one consonant alone).
func isSkeletonKey(k []byte) bool {
	if len(k) < 2 {
		return false
	}
	for _, c := range k {
		if c == vowel {
			return false
		}
	}
	return true
}

// unskeleton appends to dst the phonetic form that skeleton s and gaps g
// stand for.
func unskeleton(dst, s []byte, g uint8) []byte {
	for i := 0; i <= len(s); i++ {
		if g&(1<<i) != 0 {
			dst = append(dst, vowel)
		}
		if i < len(s) {
			dst = append(dst, s[i])
		}
	}
	return dst
}

// probeBound returns an upper bound of wordSim(t, x) over every stored
// word (or join) x whose key k, one of t's probes, has payload p: 0 when
// no such word can be similar to t. The bound is exact but for keys whose
// gaps are unknown, and for words of the same phonetic form whose hash
// does not tell them apart.
func probeBound(t *token, k []byte, p payload) int {
	switch {
	case k[0] == prefixMark:
		return simPrefix
	case t.literal:
		return simExact
	case t.joined && equal(k, t.wkey):
		// Two query words written as one in the name: the same letters
		// only if the name's word has the key of the two words joined.
		return simExact - simJoinCost
	}
	g, known := p.gaps()
	if !known {
		if t.joined {
			return simExact - simJoinCost
		}
		return simExact // a word of the same letters may be under it
	}
	return adjustBound(t, p, phonBound(t, k, g), wordHash(t.word, t.word2))
}

// adjustBound turns phonBound's answer b for a posting with payload p
// into the bound of wordSim; th is wordHash of t's letters. Two words: 100 (the same phonetic form)
// becomes 92 when the hash says their letters differ. When either side is
// a join, the letters can be the same (wordSim's sameWord, 100) with other
// phonetic forms, so a stored join whose hash allows it bounds at 100;
// otherwise the same phonetic form is 92; and a join costs simJoinCost.
func adjustBound(t *token, p payload, b int, th uint8) int {
	join := p&payJoin != 0
	same := p.hash() == 0 || p.hash() == th
	if t.joined || join {
		// A query join and a stored word have the same letters only under
		// the key of the two words joined (probeBound's t.wkey).
		if join && same {
			return simExact - simJoinCost
		}
		if b == 0 {
			return 0
		}
		return min(b, simPhonetic) - simJoinCost
	}
	if b == simExact && !same {
		return simPhonetic
	}
	return b
}

// phonBound is the similarity of t to a word whose key is k, with gaps g
// (see payload), as wordSim computes it from the phonetic forms: 100 for
// the same phonetic form (the words may be the same), else skeleton,
// typo or 0.
func phonBound(t *token, k []byte, g uint8) int {
	var buf [2*maxGapConsonants + 2]byte
	phon, skel := k, k
	if isSkeletonKey(k) {
		phon = unskeleton(buf[:0], k, g)
	} else {
		skel = skeleton(buf[:0], k)
	}
	switch {
	case equal(t.phon, phon):
		return simExact
	case equal(t.skel, skel) && (t.phon[0] == vowel) == (phon[0] == vowel):
		return simSkeleton
	}
	if m := min(len(t.phon), len(phon)); m >= 3 {
		switch {
		case within1(t.phon, phon):
			return simTypo
		case m >= 7 && osa(t.phon, phon, 2) == 2:
			return simTypo2
		}
	}
	return 0
}

// maxItemWeight is the most that the name words of one pairing (a word,
// or two written as one) weigh.
const maxItemWeight = 2 * maxTokenWeight

// isJoinPayload reports whether a payload may be that of a join key (two
// name words written as one).
func isJoinPayload(p payload) bool { return p&payJoin != 0 }

// upperBound turns what the keys say about an actor into a bound of its
// score: g is the sum over query tokens of their weight times their best
// probe bound, matched the number of tokens with a bound above zero, rest
// the least payload rest of the keys that gave a bound above zero, and
// join whether one of those keys may be a join key.
//
// Why it holds: the score of a name is ScoreSimilar × G × o / ((100×W +
// missingWeight×U) × 100) (scoreFolded), and G ≤ g since a word pairing
// scores above zero only through one of the query token's probes
// (TestGateMatchesKeys). The name words that no query word matched weigh
// U = rest(k) − (the other matched name words), for the key k of any one
// pairing; there are at most matched pairings and each covers one name
// word (of weight at most maxTokenWeight), or two if it went through a
// join key, so U ≥ rest − maxTokenWeight × (matched − 1), or
// maxItemWeight in place of maxTokenWeight with join. A name can be exact
// (ScoreExactName) only if every token has a bound of 100 and nothing is
// left unmatched.
func (q *Query) upperBound(g, matched, rest int, join bool) int {
	if matched == 0 {
		return 0
	}
	item := maxTokenWeight
	if join {
		item = maxItemWeight
	}
	u := max(0, rest-item*(matched-1))
	if matched == len(q.f.toks) && g == simExact*q.f.weight && u == 0 {
		return ScoreExactName
	}
	return min(ScoreSimilar, ScoreSimilar*g/(simExact*q.f.weight+missingWeight*u))
}

// Bound returns an upper bound of q.Match(name, aliases).Score computed
// from the actor's keys and their payloads only, as an index computes it
// from its postings; an actor whose bound is below MinScore is no hit. It
// is what Results.Total counts when Results.Exact is false: the actors
// whose bound reaches MinScore. Stores that fetch candidates and score
// them in Go (Neo4j) call it to count alike.
func (q *Query) Bound(name string, aliases []string) int {
	return q.boundKeys(keysOf(name, aliases))
}

// boundKeys is Bound for the keys of an actor (keysOf).
func (q *Query) boundKeys(kps []keyPay) int {
	pm := q.probeMap()
	var best [MaxQueryWords]int
	rest, join := payRestMax, false
	for _, kp := range kps {
		for _, tp := range pm[kp.key] {
			if b := probeBound(tp.t, []byte(kp.key), kp.pay); b > 0 {
				best[tp.i] = max(best[tp.i], b)
				rest = min(rest, kp.pay.rest())
				join = join || isJoinPayload(kp.pay)
			}
		}
	}
	g, matched := 0, 0
	for i := range q.f.toks {
		if best[i] > 0 {
			g += best[i] * q.f.toks[i].weight
			matched++
		}
	}
	return q.upperBound(g, matched, rest, join)
}

// tokenProbe says that a key is a probe of query token i, as a probe of t
// (the token itself or a join it is part of).
type tokenProbe struct {
	i int
	t *token
}

// probeMap returns every probe of every query token, by key, built once.
func (q *Query) probeMap() map[string][]tokenProbe {
	q.once.Do(func() {
		q.probes = map[string][]tokenProbe{}
		for i := range q.f.toks {
			q.visitTokenProbes(i, func(t *token, k []byte) {
				ps := q.probes[string(k)]
				if !slices.Contains(ps, tokenProbe{i, t}) {
					q.probes[string(k)] = append(ps, tokenProbe{i, t})
				}
			})
		}
	})
	return q.probes
}

// visitTokenProbes calls visit with every probe that bears on query token
// i: its own, and those of the joins it is part of, each with the token
// (word or join) whose probe it is. Keys may repeat.
func (q *Query) visitTokenProbes(i int, visit func(t *token, k []byte)) {
	t := &q.f.toks[i]
	visitProbes(t, func(k []byte) { visit(t, k) })
	for _, j := range q.joinsOf(i) {
		jt := &q.f.joins[j]
		visitProbes(jt, func(k []byte) { visit(jt, k) })
	}
}
