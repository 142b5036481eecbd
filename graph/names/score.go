package names

import (
	"slices"
	"strings"
	"sync"

	"github.com/actorgraph/actorgraph/graph"
)

// Scores. A name or alias whose folded form (graph.NormalizeName) equals
// the folded query scores ScoreExactName or ScoreExactAlias; anything else
// scores at most ScoreSimilar, so an exact match always ranks first. A
// store's hits are the actors that score at least MinScore.
const (
	ScoreExactName  = 1000
	ScoreExactAlias = 990
	ScoreSimilar    = 980
	MinScore        = 600
)

// Word similarities, in hundredths.
const (
	simExact    = 100 // the same folded word
	simPhonetic = 92  // the same phonetic form: Osama, Usama
	simSkeleton = 85  // the same consonants: Zawahiri, Zawahri
	simTypo     = 80  // one edit apart: Coulibaly, Coulibaby
	simPrefix   = 75  // the query word begins the word: Kouach, Kouachi
	simTypo2    = 70  // two edits apart, long words only
	simJoinCost = 5   // taken off when two words are written as one
)

const (
	missingWeight = 15 // in hundredths: how much a word of the name that the query lacks costs
	orderFactor   = 95 // in hundredths: the score kept when the words come in another order
)

// Reason says why a name matched. A Hit has several bits.
type Reason uint16

const (
	Exact           Reason = 1 << iota // the folded name is the folded query
	Transliteration                    // a word spelled another way (Usama, Osama)
	Typo                               // a word one or two letters off (Coulibaby)
	Prefix                             // a query word that begins a word (Kouach)
	Joined                             // two words written as one or split (Abdelbaki, Abd al-Baqi)
	WordOrder                          // the words in another order
	MissingPart                        // the name has words the query lacks
	ExtraWord                          // the query has words the name lacks
)

var reasonNames = []string{"exact", "transliteration", "typo", "prefix", "joined", "word order", "missing part", "extra word"}

// String lists the reasons, comma-separated.
func (r Reason) String() string {
	var parts []string
	for i, n := range reasonNames {
		if r&(1<<i) != 0 {
			parts = append(parts, n)
		}
	}
	return strings.Join(parts, ", ")
}

// Hit says how well a query matches an actor's names: the score, which
// name or alias matched best, and why.
type Hit struct {
	Score   int    // ScoreExactName, ScoreExactAlias, or 0..ScoreSimilar
	Alias   int    // -1 when the name matched best, else the index of the alias
	Matched string // the name or alias that matched best, as given
	Reasons Reason
	Why     string // Describe(Matched): "exact alias", "transliteration of Usama bin Ladin"
}

// OK reports whether the hit counts: Score ≥ MinScore.
func (h Hit) OK() bool { return h.Score >= MinScore }

// Describe says in words why a hit matched, given the text of the name or
// alias it matched (as stored, so that the analyst reads it as written):
// "exact name", "exact alias", "transliteration of Usama bin Ladin", "typo
// in Coulibaly", "part of Ayman al-Zawahiri", "Chérif Kouachi in another
// word order", "transliteration of Mohamed al-Adnani (missing part)".
func (h Hit) Describe(matched string) string {
	r := h.Reasons
	if r&Exact != 0 {
		if h.Alias >= 0 {
			return "exact alias"
		}
		return "exact name"
	}
	if h.Score == 0 {
		return "no match"
	}
	var head string
	var rest []string
	switch {
	case r&Typo != 0:
		head = "typo in " + matched
	case r&Transliteration != 0:
		head = "transliteration of " + matched
	case r&Joined != 0:
		head = "other word breaks in " + matched
		r &^= Joined
	case r&Prefix != 0:
		head = "beginning of " + matched
		r &^= Prefix
	case r&MissingPart != 0:
		head = "part of " + matched
		r &^= MissingPart
	case r&WordOrder != 0:
		head = matched + " in another word order"
		r &^= WordOrder
	default:
		head = "same words as " + matched
	}
	if r&Joined != 0 {
		rest = append(rest, "other word breaks")
	}
	if r&Prefix != 0 {
		rest = append(rest, "a word begun")
	}
	if r&WordOrder != 0 {
		rest = append(rest, "word order")
	}
	if r&MissingPart != 0 {
		rest = append(rest, "missing part")
	}
	if r&ExtraWord != 0 {
		rest = append(rest, "extra word")
	}
	if len(rest) == 0 {
		return head
	}
	return head + " (" + strings.Join(rest, ", ") + ")"
}

// Caps on a query, checked by Parse.
const (
	MaxQueryBytes = 256 // bytes of the query as given
	MaxQueryWords = 12  // words of the folded query
)

// Query is a parsed name query. It is immutable and safe for concurrent
// use; its methods score names against it.
type Query struct {
	f form

	once   sync.Once
	probes map[string][]tokenProbe // probeMap
}

// Parse folds and checks a query. Errors (graph.EINVALID) name the cap
// that was passed: at most MaxQueryBytes bytes and MaxQueryWords words, and
// at least one letter or digit.
func Parse(s string) (*Query, error) {
	if len(s) > MaxQueryBytes {
		return nil, graph.Errorf(graph.EINVALID, "a name query may be at most %d bytes long; this one has %d", MaxQueryBytes, len(s))
	}
	folded := graph.NormalizeName(s)
	if folded == "" {
		return nil, graph.Errorf(graph.EINVALID, "a name query needs at least one letter or digit")
	}
	if n := strings.Count(folded, " ") + 1; n > MaxQueryWords {
		return nil, graph.Errorf(graph.EINVALID, "a name query may have at most %d words; this one has %d", MaxQueryWords, n)
	}
	q := &Query{}
	q.f.parse(folded)
	q.f.words, q.f.cls = nil, nil // not needed after parsing
	var g form
	for i := range q.f.joins {
		if j := &q.f.joins[i]; j.weight > 0 {
			g.parse(j.word + j.word2)
			if len(g.toks) == 1 {
				j.wkey = slices.Clone(storedKey(&g.toks[0]))
			}
		}
	}
	return q, nil
}

// Folded returns the query as graph.NormalizeName folds it.
func (q *Query) Folded() string { return q.f.folded }

// Match scores one actor against the query. aliases may be nil.
func Match(query, name string, aliases []string) Hit {
	q, err := Parse(query)
	if err != nil {
		return Hit{Alias: -1}
	}
	return q.Match(name, aliases)
}

// Match scores an actor's name and aliases (as stored) against q: the best
// of them, the name winning ties, then the earlier alias. Hit.Why is
// filled in.
func (q *Query) Match(name string, aliases []string) Hit {
	folded := make([]string, 0, 1+len(aliases))
	folded = append(folded, graph.NormalizeName(name))
	for _, a := range aliases {
		folded = append(folded, graph.NormalizeName(a))
	}
	var s scorer
	h := q.matchFolded(&s, folded)
	if h.Alias < 0 {
		h.Matched = name
	} else {
		h.Matched = aliases[h.Alias]
	}
	h.Why = h.Describe(h.Matched)
	return h
}

// matchFolded scores folded names (name first, then aliases). Matched and
// Why are left empty.
func (q *Query) matchFolded(s *scorer, folded []string) Hit {
	best := Hit{Alias: -1}
	for i, f := range folded {
		score, why := q.scoreFolded(s, f, i > 0)
		if score > best.Score {
			best = Hit{Score: score, Alias: i - 1, Reasons: why}
		}
	}
	return best
}

// scorer holds the scratch space of scoring, reused from name to name.
type scorer struct {
	n     form
	items []item
	kept  []item
}

// item is a candidate pairing of query words with name words: one word or
// two joined words on each side.
type item struct {
	qa, qb int // query tokens qa..qb
	na, nb int // name tokens na..nb
	sim    int
	gain   int // sim × weight of the query tokens
	why    Reason
}

// before orders items: most similar first, then the greater gain, then
// by position.
func (a *item) before(b *item) bool {
	switch {
	case a.sim != b.sim:
		return a.sim > b.sim
	case a.gain != b.gain:
		return a.gain > b.gain
	case a.qa != b.qa:
		return a.qa < b.qa
	}
	return a.na < b.na
}

// scoreFolded scores one folded name or alias.
//
// The score of a name that is not exactly the query is
//
//	ScoreSimilar × G × o / (100 × W + missingWeight × U) / 100
//
// where W is the weight of the query's words, U that of the name's words
// no query word matched, G the sum over matched query words of their
// similarity (in hundredths) times their weight, and o is orderFactor when
// the matched words come in another order, else 100. Words are paired
// greedily, most similar first. Since G ≤ 100 × (weight of the matched
// query words), a name that matches only query words of total weight M
// scores at most ScoreSimilar × M / W: the bound Probes relies on.
func (q *Query) scoreFolded(s *scorer, folded string, alias bool) (int, Reason) {
	if folded == q.f.folded {
		return exactScore(alias)
	}
	if len(q.f.toks) == 0 {
		return 0, 0
	}
	s.n.parse(folded)
	return q.scoreForm(s, &s.n)
}

// exactScore is the score of a name or alias equal to the query.
func exactScore(alias bool) (int, Reason) {
	if alias {
		return ScoreExactAlias, Exact
	}
	return ScoreExactName, Exact
}

// scoreForm scores a parsed name that is not the query (scoreFolded).
func (q *Query) scoreForm(s *scorer, nf *form) (int, Reason) {
	qf := &q.f
	s.items = s.items[:0]
	for i := range qf.toks {
		for j := range nf.toks {
			s.add(qf, i, i, j, j, &qf.toks[i], &nf.toks[j])
		}
		for j := range nf.joins {
			if nf.joins[j].weight > 0 {
				s.add(qf, i, i, j, j+1, &qf.toks[i], &nf.joins[j])
			}
		}
	}
	for i := range qf.joins {
		if qf.joins[i].weight == 0 {
			continue
		}
		for j := range nf.toks {
			s.add(qf, i, i+1, j, j, &qf.joins[i], &nf.toks[j])
		}
	}
	if len(s.items) == 0 {
		return 0, 0
	}
	// Insertion sort: there are few items, and it allocates nothing.
	for i := 1; i < len(s.items); i++ {
		for j := i; j > 0 && s.items[j].before(&s.items[j-1]); j-- {
			s.items[j], s.items[j-1] = s.items[j-1], s.items[j]
		}
	}
	var qused, nused uint64
	var why Reason
	gain := 0
	lastN, inOrder := -1, true
	// Greedy pairing; then check the order of the kept pairs by query
	// position.
	kept := s.kept[:0]
	for _, it := range s.items {
		qm := bitSpan(it.qa, it.qb)
		nm := bitSpan(it.na, it.nb)
		if qused&qm != 0 || nused&nm != 0 {
			continue
		}
		qused |= qm
		nused |= nm
		gain += it.gain
		why |= it.why
		kept = append(kept, it)
	}
	s.kept = kept
	for i := 1; i < len(kept); i++ {
		for j := i; j > 0 && kept[j].qa < kept[j-1].qa; j-- {
			kept[j], kept[j-1] = kept[j-1], kept[j]
		}
	}
	for _, it := range kept {
		if it.na < lastN {
			inOrder = false
		}
		lastN = it.nb
	}
	missing := 0
	for j := range nf.toks {
		if nused&(1<<j) == 0 {
			missing += nf.toks[j].weight
			if nf.toks[j].weight >= weightTitle {
				why |= MissingPart
			}
		}
	}
	for i := range qf.toks {
		if qused&(1<<i) == 0 && qf.toks[i].weight >= weightTitle {
			why |= ExtraWord
		}
	}
	o := 100
	if !inOrder {
		o = orderFactor
		why |= WordOrder
	}
	score := ScoreSimilar * gain * o / ((100*qf.weight + missingWeight*missing) * 100)
	return min(score, ScoreSimilar), why
}

// bitSpan returns the bits lo..hi.
func bitSpan(lo, hi int) uint64 { return (uint64(1)<<(hi-lo+1) - 1) << lo }

// add appends the pairing of query tokens qa..qb (token or join qt) with
// name tokens na..nb (token or join nt) if they are similar.
func (s *scorer) add(qf *form, qa, qb, na, nb int, qt, nt *token) {
	sim, why := wordSim(qt, nt)
	if sim == 0 {
		return
	}
	if qt.joined || nt.joined {
		sim -= simJoinCost
		why |= Joined
	}
	w := qf.toks[qa].weight
	if qb != qa {
		w += qf.toks[qb].weight
	}
	s.items = append(s.items, item{qa: qa, qb: qb, na: na, nb: nb, sim: sim, gain: sim * w, why: why})
}

// wordSim returns how similar a query word (or join) is to a name word (or
// join), in hundredths, and why; 0 if not similar. Every value above zero
// needs gate(q, n), except a prefix match, whose prefix key the name word
// always has: so a name that scores shares a key with the query.
func wordSim(q, n *token) (int, Reason) {
	if !q.joined && !n.joined && q.word == n.word {
		return simExact, 0
	}
	if gate(q, n) {
		switch {
		case sameWord(q, n):
			return simExact, 0
		case q.literal:
			return 0, 0
		case equal(q.phon, n.phon):
			return simPhonetic, Transliteration
		case equal(q.skel, n.skel) && (q.phon[0] == vowel) == (n.phon[0] == vowel):
			return simSkeleton, Transliteration
		}
		if m := min(len(q.phon), len(n.phon)); m >= 3 {
			switch {
			case within1(q.phon, n.phon):
				return simTypo, Typo
			case m >= 7 && osa(q.phon, n.phon, 2) == 2:
				return simTypo2, Typo
			}
		}
	}
	if !q.joined && !n.joined && !q.literal && !n.literal && len(q.word) >= prefixLen &&
		len(n.word) > len(q.word) && strings.HasPrefix(n.word, q.word) {
		return simPrefix, Prefix
	}
	return 0, 0
}
