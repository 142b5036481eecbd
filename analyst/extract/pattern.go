package extract

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// A pattern is a sequence of elements over a sentence's items (words,
// marks and mentions), written as a string of space-separated elements:
//
//	X, Y        the from- and to-actor: a mention, or a list "A, B and C"
//	            (a bracketed aside or a ", short apposition," after it is
//	            skipped when a verb follows)
//	D           a demonym ("Tunisian") standing for its country
//	E           an implicit object: the event named last, when the
//	            sentence ends where E stands
//	AG          a doer of an event ("the Manchester bomber"): its event
//	w1|w2       one of these words (folded: lower case, no accents);
//	            "train*" matches words starting with "train"
//	, : ( [ 's  these marks
//	_3          up to 3 words that are not mentions
//	~3          up to 3 words or mentions
//	@be         an optional form of "to be" or "to have been"
//	@adv        up to two adverbs, auxiliaries or negations
//	@det        an optional determiner
//	@mod        up to three lower-case words or demonyms of a noun phrase
//	?           after any element: it is optional
//
// Quote marks in the text are invisible to patterns. Words that a pattern
// matches literally are the words that carry the relation.
type pattern struct {
	// onlyFrom, when set, is the one kind the from-actor may have, for
	// wordings that mean the type only for it ("X in Y" places a group,
	// not a person, who may only have been there once).
	onlyFrom graph.Kind
	typ      string
	from     byte // 'X' or 'Y': which slot is the relation's from-actor
	role     string
	score    float64
	src      string
	elems    []elem
	// need lists the words one of which the sentence must hold for the
	// pattern to be tried.
	need []string
}

type elemKind uint8

const (
	eSlot elemKind = iota
	eWords
	eMark
	eGap
	eMacro
)

type elem struct {
	kind     elemKind
	slot     byte // X, Y, D, E, A (agent)
	words    []string
	prefix   []string
	optional bool
	max      int  // gap length
	mentions bool // gap may skip mentions
	macro    string
}

// compile parses a pattern; it panics on a bad one, since patterns are
// constants of the package (TestPatternsCompile runs them all).
func compile(typ string, from byte, role string, score float64, src string) pattern {
	p := pattern{typ: typ, from: from, role: role, score: score, src: src}
	for _, f := range strings.Fields(src) {
		e := elem{}
		if len(f) > 1 && strings.HasSuffix(f, "?") {
			e.optional = true
			f = strings.TrimSuffix(f, "?")
		}
		switch {
		case f == "X" || f == "Y" || f == "D" || f == "E":
			e.kind, e.slot = eSlot, f[0]
		case f == "AG":
			e.kind, e.slot = eSlot, 'A'
		case f[0] == '_' || f[0] == '~':
			n, err := strconv.Atoi(f[1:])
			if err != nil {
				panic(fmt.Sprintf("pattern %q: bad gap %q", src, f))
			}
			e.kind, e.max, e.mentions = eGap, n, f[0] == '~'
		case f[0] == '@':
			e.kind, e.macro = eMacro, f[1:]
			switch e.macro {
			case "be", "adv", "det", "mod":
			default:
				panic(fmt.Sprintf("pattern %q: unknown macro %q", src, f))
			}
		case f == "," || f == ":" || f == "(" || f == ")" || f == "[" || f == "]" || f == "-" || f == "'s" || f == ";":
			e.kind, e.words = eMark, []string{f}
		default:
			e.kind = eWords
			for _, w := range strings.Split(f, "|") {
				if strings.HasSuffix(w, "*") {
					e.prefix = append(e.prefix, strings.TrimSuffix(w, "*"))
				} else {
					e.words = append(e.words, w)
				}
			}
		}
		p.elems = append(p.elems, e)
	}
	for _, e := range p.elems {
		if (e.kind == eWords || e.kind == eMark) && !e.optional && len(e.prefix) == 0 {
			p.need = e.words
			break
		}
	}
	has := map[byte]bool{}
	for _, e := range p.elems {
		if e.kind == eSlot {
			has[e.slot] = true
		}
	}
	if !(has['X'] || has['E']) || !(has['Y'] || has['D'] || has['E'] || has['A']) {
		panic(fmt.Sprintf("pattern %q needs a from and a to slot", src))
	}
	return p
}

// item is a word, a mark or a mention of a sentence, as patterns see it.
type item struct {
	tok  int   // token index of a word or mark; -1 for a mention
	m    *ment // the mention
	fold string
	word bool
	cap  bool
}

// items turns sentence si into pattern items: mentions replace their
// tokens, quote marks vanish, demonyms become mentions of their country.
func (d *doc) items(si int) []item {
	toks := d.toks[si]
	ms := d.ments[si]
	out := make([]item, 0, len(toks))
	mi := 0
	for k := 0; k < len(toks); k++ {
		if mi < len(ms) && ms[mi].i == k {
			out = append(out, item{tok: -1, m: &ms[mi]})
			k = ms[mi].j - 1
			mi++
			continue
		}
		t := toks[k]
		if !t.word && isQuoteMark(t.fold) {
			continue
		}
		out = append(out, item{tok: k, fold: t.fold, word: t.word, cap: t.cap})
	}
	out = d.pronouns(si, out)
	return d.reportedSubject(out)
}

// pronouns resolves "he", "she", "his" and "her" to a person only where
// the text leaves no choice: exactly one known person is named in the
// sentence before, and none earlier in this sentence. The resolved
// mentions serve relations only; they are not proposed as mentions.
func (d *doc) pronouns(si int, its []item) []item {
	its = d.possessives(its)
	if si == 0 || d.sents[si-1].headline || d.sents[si].headline {
		return its
	}
	var only ref
	var people []ref
	orgs := 0
	seen := map[int32]bool{}
	for _, m := range d.ments[si-1] {
		for _, r := range m.refs {
			if r.known() && d.kindOf(r) == graph.Person && !seen[r.actor] && !m.pronoun {
				seen[r.actor] = true
				only = r
				people = append(people, r)
			}
			if r.known() && d.kindOf(r) == graph.Organization {
				orgs++
			}
		}
	}
	n := len(people)
	// "They" is the people of the sentence before when it names two to
	// four and no organisation (which "they" could be as well).
	they := n >= 2 && n <= 4 && orgs == 0
	if n != 1 && !they {
		return its
	}
	for k, it := range its {
		if it.m != nil {
			if len(it.m.refs) > 0 && d.kindOf(it.m.refs[0]) == graph.Person {
				return its // a person named here first: no guess
			}
			continue
		}
		if n == 1 && (it.fold == "he" || it.fold == "she" || it.fold == "his" || it.fold == "her") {
			m := &ment{i: it.tok, j: it.tok + 1, refs: []ref{only}, matched: d.nameOf(only), why: "pronoun: the one person named in the sentence before", score: 0.6, pronoun: true}
			its[k] = item{tok: -1, m: m}
		}
		if they && (it.fold == "they" || it.fold == "them") {
			m := &ment{i: it.tok, j: it.tok + 1, refs: append([]ref(nil), people...), group: true, why: "pronoun: the people named in the sentence before", score: 0.55, pronoun: true}
			its[k] = item{tok: -1, m: m}
		}
	}
	return its
}

// possessives resolves "his" and "her" to the one person named before
// them in their own sentence ("Masood Azhar founded the group on his
// release from Indian jail"), when exactly one is.
func (d *doc) possessives(its []item) []item {
	var only *ment
	people := 0
	for k, it := range its {
		if it.m != nil {
			if len(it.m.refs) == 1 && it.m.refs[0].known() && d.kindOf(it.m.refs[0]) == graph.Person && !it.m.pronoun {
				if only == nil || only.refs[0].actor != it.m.refs[0].actor {
					people++
				}
				only = it.m
			}
			continue
		}
		if (it.fold == "his" || it.fold == "her") && people == 1 {
			r := only.refs[0]
			its[k] = item{tok: -1, m: &ment{i: it.tok, j: it.tok + 1, refs: []ref{r}, matched: d.nameOf(r),
				why: "possessive: the one person named before it in the sentence", score: 0.6, pronoun: true}}
		}
	}
	return its
}

// reportedSubject resolves the one pronoun whose reference is sure: the
// subject of reported speech, "Coulibaly told the police that he meets
// with Kouachi", where "he" is the speaker. Only "he", "she" and
// "they" right after the reporting clause are resolved, to a person (or
// people) just before the reporting verb.
func (d *doc) reportedSubject(its []item) []item {
	for k := 1; k < len(its); k++ {
		if its[k].m != nil || !reportingVerbs[its[k].fold] || its[k-1].m == nil {
			continue
		}
		sp := its[k-1].m
		if len(sp.refs) == 0 || d.kindOf(sp.refs[0]) != graph.Person {
			continue
		}
		for q := k + 1; q < len(its) && q-k <= 5; q++ {
			it := its[q]
			if it.m != nil || !it.word && it.fold != "," {
				break
			}
			if it.fold == "he" || it.fold == "she" || it.fold == "they" && sp.group {
				cp := *sp
				cp.why = "the speaker, subject of what " + its[k].fold + " reports"
				its[q] = item{tok: -1, m: &cp}
				break
			}
		}
	}
	return its
}

func isQuoteMark(s string) bool {
	switch s {
	case "'", "‘", "’", "\"", "“", "”", "«", "»":
		return true
	}
	return false
}

// binding is what a successful match bound.
type binding struct {
	x, y    []*ment
	xd, yd  string // demonym countries, for D slots
	event   bool   // E bound: the last event
	agent   int    // the item of an AG slot, or 0 when none (an AG slot never starts a sentence's items alone)
	start   int    // first item
	end     int    // after the last item
	trigger []int  // items of the words that carry the relation
}

// matcher matches patterns against one sentence's items.
type matcher struct {
	d     *doc
	si    int
	items []item
}

// maxSteps bounds the backtracking of one pattern at one position.
const maxSteps = 600

// maxList is the longest list a slot takes ("A, B and C").
const maxList = 8

// match tries p at every item and returns the bindings found.
func (mt *matcher) match(p *pattern) []binding {
	var out []binding
	for s := 0; s < len(mt.items); s++ {
		var b binding
		b.start = s
		steps := 0
		if mt.step(p, 0, s, &b, &steps) {
			out = append(out, b)
			s = b.end - 1
		}
	}
	return out
}

// step matches elements from e onwards at item i.
func (mt *matcher) step(p *pattern, e, i int, b *binding, steps *int) bool {
	*steps++
	if *steps > maxSteps {
		return false
	}
	if e == len(p.elems) {
		b.end = i
		return true
	}
	el := &p.elems[e]
	if el.optional {
		// Try with the element first, then without.
		save := *b
		save.trigger = append([]int(nil), b.trigger...)
		if mt.one(p, e, i, b, steps) {
			return true
		}
		*b = save
		return mt.step(p, e+1, i, b, steps)
	}
	n := len(b.trigger)
	if mt.one(p, e, i, b, steps) {
		return true
	}
	b.trigger = b.trigger[:n]
	return false
}

// one matches element e, as if it were required, at item i and goes on.
func (mt *matcher) one(p *pattern, e, i int, b *binding, steps *int) bool {
	el := &p.elems[e]
	items := mt.items
	saveTrig := len(b.trigger)
	switch el.kind {
	case eSlot:
		return mt.slot(p, e, i, b, steps)
	case eWords:
		if i < len(items) && items[i].m == nil && wordIn(items[i].fold, el) {
			b.trigger = append(b.trigger, i)
			if mt.step(p, e+1, i+1, b, steps) {
				return true
			}
			b.trigger = b.trigger[:saveTrig]
		}
		return false
	case eMark:
		if i < len(items) && items[i].m == nil && items[i].fold == el.words[0] {
			return mt.step(p, e+1, i+1, b, steps)
		}
		return false
	case eGap:
		for n := 0; n <= el.max; n++ {
			if mt.step(p, e+1, i+n, b, steps) {
				return true
			}
			k := i + n
			if k >= len(items) || items[k].m != nil && !(el.mentions && mt.skippable(items[k].m)) || items[k].m == nil && !items[k].word && items[k].fold != "-" {
				return false
			}
		}
		return false
	case eMacro:
		return mt.macro(p, e, i, b, steps)
	}
	return false
}

// skippable reports whether a ~ gap may pass over a mention: places,
// events and groups may stand between a subject and its verb ("around al
// Qaeda training camps"), people not (the nearest one is the subject).
func (mt *matcher) skippable(m *ment) bool {
	if len(m.refs) == 0 {
		return true
	}
	return mt.d.kindOf(m.refs[0]) != graph.Person
}

func wordIn(w string, el *elem) bool {
	for _, x := range el.words {
		if w == x {
			return true
		}
	}
	for _, x := range el.prefix {
		if strings.HasPrefix(w, x) {
			return true
		}
	}
	return false
}

var (
	beWords    = setOf("is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "'s")
	advWords   = setOf("also", "even", "then", "later", "once", "still", "already", "reportedly", "allegedly", "subsequently", "eventually", "jointly", "together", "first", "again", "never", "not", "apparently", "likely", "probably", "possibly", "directly", "indirectly", "clearly", "openly", "publicly", "quickly", "soon", "recently", "previously", "formally", "officially", "likewise", "too", "all", "both", "yet", "since", "just", "only", "really", "actually", "ultimately", "finally", "initially", "originally", "personally", "repeatedly", "quite", "literally", "in-part", "partly", "mostly", "largely", "may", "might", "could", "would", "will", "can", "did", "does", "do", "didnt", "doesnt", "dont", "wasnt", "werent", "hasnt", "havent", "hadnt", "isnt", "arent", "cannot", "couldnt", "wouldnt", "wont", "allegedly", "undoubtedly", "certainly", "perhaps", "supposedly")
	modalWords = setOf("may", "might", "could", "would", "will", "should", "must", "can", "shall")
	notWords   = setOf("not", "never")
	detWords   = setOf("the", "a", "an", "its", "his", "her", "their", "this", "that", "these", "those", "our", "one", "another")
	modBreak   = setOf("and", "or", "but", "who", "whom", "whose", "which", "that", "when", "while", "where", "because", "as", "if", "said", "says", "told", "is", "are", "was", "were", "has", "have", "had", "be", "been", "not", "no", "by", "to", "from", "with", "in", "on", "at", "of", "for", "the", "a", "an")
)

// macro matches @be, @adv, @det and @mod.
func (mt *matcher) macro(p *pattern, e, i int, b *binding, steps *int) bool {
	el := &p.elems[e]
	items := mt.items
	isWord := func(k int, set map[string]bool) bool {
		return k < len(items) && items[k].m == nil && items[k].word && set[items[k].fold]
	}
	switch el.macro {
	case "be":
		// "was", "has been", "had been", "might have been", "is not", or
		// nothing
		if isWord(i, modalWords) && (isWord(i+1, beWords) || isWord(i+1, notWords) && isWord(i+2, beWords)) {
			i++
			if isWord(i, notWords) {
				i++
			}
		}
		if isWord(i, beWords) {
			if isWord(i+1, beWords) && mt.step(p, e+1, i+2, b, steps) {
				return true
			}
			if mt.step(p, e+1, i+1, b, steps) {
				return true
			}
		}
		return mt.step(p, e+1, i, b, steps)
	case "adv":
		for n := 0; n <= 3; n++ {
			if mt.step(p, e+1, i+n, b, steps) {
				return true
			}
			k := i + n
			if !(isWord(k, advWords) || k < len(items) && items[k].m == nil && items[k].word && strings.HasSuffix(items[k].fold, "ly") && len(items[k].fold) > 4) {
				return false
			}
		}
		return false
	case "det":
		if isWord(i, detWords) && mt.step(p, e+1, i+1, b, steps) {
			return true
		}
		return mt.step(p, e+1, i, b, steps)
	case "mod":
		for n := 0; n <= 3; n++ {
			if mt.step(p, e+1, i+n, b, steps) {
				return true
			}
			k := i + n
			if k >= len(items) {
				return false
			}
			it := items[k]
			switch {
			case it.m != nil && it.m.demonym != "":
			case it.m == nil && it.word && !it.cap && !modBreak[it.fold]:
			case it.m == nil && it.word && it.cap && demonyms[it.fold] != "":
			case it.m == nil && it.fold == "-":
			default:
				return false
			}
		}
		return false
	}
	return false
}

// slot binds a mention (or a list of mentions) at item i.
func (mt *matcher) slot(p *pattern, e, i int, b *binding, steps *int) bool {
	el := &p.elems[e]
	items := mt.items
	switch el.slot {
	case 'E':
		// The sentence (or clause) ends here.
		if i < len(items) && !(items[i].m == nil && (items[i].fold == "." || items[i].fold == ";" || items[i].fold == "," || items[i].fold == "!")) {
			return false
		}
		b.event = true
		return mt.step(p, e+1, i, b, steps)
	case 'D':
		if i >= len(items) {
			return false
		}
		it := items[i]
		c := ""
		switch {
		case it.m != nil && it.m.demonym != "":
			c = it.m.demonym
		case it.m == nil && it.word && it.cap:
			c = demonyms[it.fold]
		}
		if c == "" {
			return false
		}
		if p.from == 'X' {
			b.yd = c
		} else {
			b.xd = c
		}
		b.trigger = append(b.trigger, i)
		return mt.step(p, e+1, i+1, b, steps)
	}
	// "the Islamic State": a determiner before a mention belongs to it.
	if i+1 < len(items) && items[i].m == nil && (items[i].fold == "the" || items[i].fold == "a" || items[i].fold == "an") && items[i+1].m != nil {
		i++
	}
	if i >= len(items) || items[i].m == nil || items[i].m.demonym != "" {
		return false
	}
	first := items[i].m
	agent := first.event != nil && first.event.agent
	if (el.slot == 'A') != agent {
		return false
	}
	list := []*ment{first}
	k := i + 1
	// A list: "A, B and C", "A and the B".
	if el.slot != 'A' {
		for k < len(items) && len(list) < maxList {
			q := k
			if items[q].m == nil && items[q].fold == "," {
				q++
			}
			if q < len(items) && items[q].m == nil && (items[q].fold == "and" || items[q].fold == "or") {
				q++
			}
			if q == k {
				break
			}
			if q < len(items) && items[q].m == nil && items[q].fold == "the" {
				q++
			}
			if q >= len(items) || items[q].m == nil || items[q].m.demonym != "" || items[q].m.event != nil && items[q].m.event.agent {
				break
			}
			if mt.d.kindOf(items[q].m.refs[0]) != mt.d.kindOf(first.refs[0]) {
				break
			}
			list = append(list, items[q].m)
			k = q + 1
		}
	}
	bind := func(l []*ment) {
		if el.slot == 'X' {
			b.x = l
		} else {
			b.y = l
		}
		if el.slot == 'A' {
			b.agent = i // the doer's words carry the relation
		}
	}
	// Longest list first, then shorter ones.
	for n := len(list); n >= 1; n-- {
		end := i + 1
		if n > 1 {
			// find the item after the n-th mention
			c := 0
			for q := i; q < len(items); q++ {
				if items[q].m == list[c] {
					c++
					if c == n {
						end = q + 1
						break
					}
				}
			}
		}
		bind(list[:n])
		if mt.step(p, e+1, end, b, steps) {
			return true
		}
		// "The key preacher, Abdelbaki Es Satty, had spent": the comma
		// closing an apposition the slot stands in.
		if i > 0 && items[i-1].m == nil && items[i-1].fold == "," && end < len(items) && items[end].m == nil && items[end].fold == "," && mt.step(p, e+1, end+1, b, steps) {
			return true
		}
		// Skip an aside after the slot: "X [the Manchester bomber]",
		// "X (which he founded)", "X, another Birmingham-born lad,".
		if a := mt.aside(end); a > end && mt.step(p, e+1, a, b, steps) {
			return true
		}
	}
	return false
}

// aside returns the item after a bracketed aside, a dash aside or a
// short comma apposition starting at item i, or i if there is none.
func (mt *matcher) aside(i int) int {
	items := mt.items
	if i >= len(items) || items[i].m != nil {
		return i
	}
	switch items[i].fold {
	case "–", "—":
		// A dash aside: "X – the group's founder – said".
		for k := i + 1; k < len(items) && k-i < 25; k++ {
			if items[k].m == nil && (items[k].fold == ";" || items[k].fold == ":") {
				return i
			}
			if items[k].m == nil && items[k].fold == items[i].fold {
				return k + 1
			}
		}
	case "(", "[":
		closer := ")"
		if items[i].fold == "[" {
			closer = "]"
		}
		for k := i + 1; k < len(items) && k-i < 25; k++ {
			if items[k].m == nil && items[k].fold == closer {
				return k + 1
			}
		}
	case ",":
		for k := i + 1; k < len(items) && k-i <= 7; k++ {
			it := items[k]
			if it.m != nil {
				if mt.skippable(it.m) {
					continue // "Rashid Rauf, another Birmingham-born lad,", "X, the group's founder,"
				}
				return i
			}
			if it.fold == "," && k > i+1 {
				return k + 1
			}
			if !it.word && it.fold != "-" && it.fold != "'s" || modBreak[it.fold] && it.fold != "a" && it.fold != "an" && it.fold != "the" && it.fold != "of" && it.fold != "in" {
				return i
			}
		}
	}
	return i
}
