package extract

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph"
)

// doc is one extraction in progress.
type doc struct {
	text  string
	ri    *runeIndex
	g     *Gazetteer
	opt   Options
	sents []sentence
	toks  [][]token // per sentence
	ments [][]ment  // per sentence: top-level mentions in token order, not overlapping
	dates [][]dateExpr

	// Document state, in reading order.
	surnames map[string]int32 // folded surname -> person named most recently with it
	acronyms map[string]ref   // acronym defined in the text -> what it stands for
	lastDate graph.Date       // the last absolute date read
	events   []eventSeen      // events named so far, latest last

	newActors map[string]*newActor // folded name -> new actor
	newOrder  []string

	rels []relProposal
	keyb []byte
	cur  int // the sentence being read
	ctx  context.Context
	err  error // the context's error, when a Matcher saw it end
}

// ref is what a mention names: a known actor, or a new one.
type ref struct {
	actor int32  // index in the gazetteer; -1 for a new actor
	name  string // the new actor's name ("" for a known one)
	kind  graph.Kind
}

func (r ref) known() bool { return r.actor >= 0 }

// known reports whether a mention names a known actor.
func (m ment) known() bool { return len(m.refs) > 0 && m.refs[0].known() }

// ment is a mention in a sentence: tokens [i, j) name refs (several for
// "the Kouachi brothers" or an ambiguous name, best first).
type ment struct {
	i, j    int
	refs    []ref
	group   bool // refs are all named together ("the Kouachi brothers"), not alternatives
	matched string
	why     string
	score   float64
	event   *eventPhrase // for a description of an event
	demonym string       // for a demonym read as a place: the country
	pronoun bool         // a pronoun resolved for relations, not proposed as a mention
}

func newDoc(ctx context.Context, g *Gazetteer, text string, opt Options) *doc {
	d := &doc{
		ctx: ctx, text: text, ri: newRuneIndex(text), g: g, opt: opt,
		surnames:  map[string]int32{},
		acronyms:  map[string]ref{},
		newActors: map[string]*newActor{},
	}
	d.sents = splitSentences(text)
	d.toks = make([][]token, len(d.sents))
	d.ments = make([][]ment, len(d.sents))
	d.dates = make([][]dateExpr, len(d.sents))
	for i, s := range d.sents {
		d.toks[i] = tokenize(text, s.span, nil)
	}
	return d
}

// kindOf returns the kind of a ref.
func (d *doc) kindOf(r ref) graph.Kind {
	if r.known() {
		return d.g.actors[r.actor].kind
	}
	return r.kind
}

// surface returns the text of tokens [i, j) of sentence si.
func (d *doc) surface(si, i, j int) string {
	t := d.toks[si]
	return d.text[t[i].start:t[j-1].end]
}

// findMentions finds the mentions of sentence si: names and aliases of the
// gazetteer (longest first), acronyms the text defined, surnames of people
// it named before, "the X brothers", first names shared in "Said and
// Chérif Kouachi", descriptions of known events, names the Matcher
// resolves, and names of the place table.
func (d *doc) findMentions(si int) {
	d.cur = si
	toks := d.toks[si]
	taken := make([]bool, len(toks))
	var ms []ment
	add := func(m ment) {
		for k := m.i; k < m.j; k++ {
			taken[k] = true
		}
		ms = append(ms, m)
	}
	d.dates[si] = d.findDates(si)
	// 1. Names and aliases, longest match first at each word.
	for i := 0; i < len(toks); i++ {
		if !toks[i].word {
			continue
		}
		if m, ok := d.exactAt(si, i); ok {
			add(m)
			i = m.j - 1
		}
	}
	// 2. Short forms and acronyms.
	for i := 0; i < len(toks); i++ {
		if taken[i] || !toks[i].word || !toks[i].cap && !toks[i].upper && !nameParticles[toks[i].fold] {
			continue
		}
		if m, ok := d.shortFormAt(si, i, ms); ok {
			add(m)
			i = m.j - 1
		}
	}
	// "the group": the organisation named last.
	for i := 0; i+1 < len(toks); i++ {
		if taken[i] || taken[i+1] || toks[i].fold != "the" || !(toks[i+1].fold == "group" || toks[i+1].fold == "organisation" || toks[i+1].fold == "organization") {
			continue
		}
		if i+2 < len(toks) && (toks[i+2].fold == "of" || toks[i+2].fold == "that" || toks[i+2].fold == "which" || toks[i+2].fold == "who") {
			continue // "the group that...", "the group of": a description, not a reference
		}
		if r, ok := d.lastOrg(si, i, ms); ok {
			add(ment{i: i, j: i + 2, refs: []ref{r}, matched: d.g.actors[r.actor].name, why: "\"the group\": the organisation named last", score: 0.6})
			i++
		}
	}
	// 3. Events described rather than named.
	for _, m := range d.eventPhrases(si, taken, ms) {
		// An event phrase may contain mentions (its place); they stay
		// inside the event and leave the top level.
		var keep []ment
		for _, o := range ms {
			if o.i >= m.i && o.j <= m.j {
				m.event.inner = append(m.event.inner, o)
				continue
			}
			keep = append(keep, o)
		}
		ms = keep
		add(m)
	}
	// 4. Capitalised names the gazetteer does not know exactly.
	for _, sp := range capSpans(toks, taken) {
		if m, ok := d.fuzzyAt(si, sp); ok {
			add(m)
		}
	}
	// 5. Places of the place table and demonyms.
	for i := 0; i < len(toks); i++ {
		if taken[i] || !toks[i].word || !toks[i].cap {
			continue
		}
		if m, ok := d.placeAt(si, i, taken); ok {
			add(m)
			i = m.j - 1
		}
	}
	// 6. Other capitalised names: new actors.
	ms = append(ms, d.newActorsAt(si, taken)...)
	sortMents(ms)
	d.ments[si] = ms
	d.learn(si)
	d.noteDates(si)
}

// sortMents orders mentions by position.
func sortMents(ms []ment) {
	for a := 1; a < len(ms); a++ {
		for b := a; b > 0 && ms[b].i < ms[b-1].i; b-- {
			ms[b], ms[b-1] = ms[b-1], ms[b]
		}
	}
}

// exactAt finds the longest name or alias of the gazetteer that starts at
// word token i and whose capitals fit how the text prints it.
func (d *doc) exactAt(si, i int) (ment, bool) {
	toks := d.toks[si]
	maxN := int(d.g.first[toks[i].fold])
	if maxN == 0 {
		return ment{}, false
	}
	// The word tokens that may form the name.
	ends := make([]int, 0, maxN)
	ends = append(ends, i+1)
	for k := i + 1; k < len(toks) && len(ends) < maxN; k++ {
		if !toks[k].word {
			if isSoftMark(toks[k].fold) && !toks[k].space {
				continue
			}
			// "Galway, New York": a comma inside a name the gazetteer
			// knows with it; the lookup decides.
			if toks[k].fold == "," && k+1 < len(toks) && toks[k+1].word && toks[k+1].cap {
				continue
			}
			break
		}
		if toks[k].gap && !(toks[k-1].fold == "," && toks[k].cap) {
			break
		}
		ends = append(ends, k+1)
	}
	for n := len(ends); n >= 1; n-- {
		j := ends[n-1]
		key := d.key(toks, i, j)
		var ps []posting
		ps = d.g.lookup(key, ps)
		var refs []ref
		matched := ""
		alias := false
		for _, p := range ps {
			if !d.caseFits(si, i, j, p) || hasActor(refs, p.actor) {
				continue
			}
			refs = append(refs, ref{actor: p.actor})
			if matched == "" {
				matched = d.g.printed(p)
				alias = p.alias >= 0
			}
		}
		if len(refs) == 0 {
			continue
		}
		why := "name"
		if alias {
			why = "alias"
		}
		score := 1.0
		if len(refs) > 1 {
			score = 0.6
		}
		return ment{i: i, j: j, refs: refs, matched: matched, why: why, score: score}, true
	}
	return ment{}, false
}

func hasActor(refs []ref, a int32) bool {
	for _, r := range refs {
		if r.actor == a {
			return true
		}
	}
	return false
}

// isSoftMark reports whether a punctuation token may sit inside a name
// without white space around it: "al-Qaeda", "U.S.", "3/11".
func isSoftMark(s string) bool {
	switch s {
	case "-", "‐", "‑", ".", "/", "&":
		return true
	}
	return false
}

// key folds word tokens [i, j) into a gazetteer key.
func (d *doc) key(toks []token, i, j int) string {
	b := d.keyb[:0]
	for k := i; k < j; k++ {
		if !toks[k].word {
			continue
		}
		if len(b) > 0 {
			b = append(b, ' ')
		}
		b = append(b, toks[k].fold...)
	}
	d.keyb = b
	return string(b)
}

// caseFits applies the capital rules of a posting to tokens [i, j).
func (d *doc) caseFits(si, i, j int, p posting) bool {
	toks := d.toks[si]
	if p.flags&exactCase != 0 {
		return lettersOf(d.surface(si, i, j)) == lettersOf(d.g.printed(p))
	}
	if p.flags&lowerOK == 0 {
		cap := false
		for k := i; k < j; k++ {
			if toks[k].word && (toks[k].cap || toks[k].digit) {
				cap = true
			}
		}
		if !cap {
			return false
		}
	}
	// A one-word common word opening a sentence is that word.
	if j-i == 1 && i == firstWord(toks) && commonWord[toks[i].fold] {
		return false
	}
	return true
}

func firstWord(toks []token) int {
	for k, t := range toks {
		if t.word {
			return k
		}
	}
	return -1
}

// lettersOf keeps the letters and digits of s, for comparing capitals.
func lettersOf(s string) string {
	var b strings.Builder
	for _, r := range s {
		if isWordRune(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// shortFormAt resolves a capitalised word that is no name by itself: an
// acronym the text defined, the surname of a person named before (also
// after a title: "Mr Shah"), "the Kouachi brothers", or a first name
// sharing the surname of the full name after "and".
func (d *doc) shortFormAt(si, i int, ms []ment) (ment, bool) {
	toks := d.toks[si]
	t := toks[i]
	if r, ok := d.acronyms[t.fold]; ok && t.upper {
		return ment{i: i, j: i + 1, refs: []ref{r}, matched: d.text[t.start:t.end], why: "acronym defined earlier in the text", score: 0.9}, true
	}
	// "Said and Cherif Kouachi"
	if i+2 < len(toks) && toks[i+1].fold == "and" {
		for _, m := range ms {
			if m.i != i+2 || len(m.refs) != 1 || !m.refs[0].known() {
				continue
			}
			a := &d.g.actors[m.refs[0].actor]
			if a.kind != graph.Person || a.surname == "" {
				continue
			}
			var ps []posting
			for _, p := range d.g.lookup(t.fold+" "+a.surname, ps) {
				if d.g.actors[p.actor].kind == graph.Person {
					return ment{i: i, j: i + 1, refs: []ref{{actor: p.actor}}, matched: d.g.printed(p), why: "first name sharing the surname of " + a.name, score: 0.85}, true
				}
			}
		}
	}
	if commonWord[t.fold] && i == firstWord(toks) && !(i+1 < len(toks) && toks[i+1].fold == "and") {
		return ment{}, false
	}
	// "bin Laden", "al-Adnani": a particle and a name.
	key, j := t.fold, i+1
	if nameParticles[t.fold] && i+1 < len(toks) {
		k := i + 1
		if k < len(toks) && isSoftMark(toks[k].fold) {
			k++
		}
		if k < len(toks) && toks[k].word && toks[k].cap {
			key, j = t.fold+" "+toks[k].fold, k+1
		}
	}
	// "the Kouachi brothers"
	if j < len(toks) && toks[j].word && (toks[j].fold == "brothers" || toks[j].fold == "sisters" || toks[j].fold == "family" || toks[j].fold == "siblings") {
		if refs := d.family(key); len(refs) >= 2 {
			return ment{i: i, j: j + 1, refs: refs, group: true, matched: d.surface(si, i, j+1), why: "people of that surname named in the text", score: 0.85}, true
		}
	}
	// "Athar Hussain": a capitalised word before the surname makes it
	// someone else's full name.
	if i > 0 && toks[i-1].word && toks[i-1].cap && !toks[i-1].gap && !personTitles[toks[i-1].fold] && i-1 != firstWord(toks) && !nameParticles[t.fold] {
		return ment{}, false
	}
	// A person named in full earlier in this sentence.
	for _, m := range ms {
		if m.j <= i && len(m.refs) == 1 && m.refs[0].known() && m.j-m.i >= 2 && d.g.actors[m.refs[0].actor].surname == key {
			a := m.refs[0].actor
			return ment{i: i, j: j, refs: []ref{{actor: a}}, matched: d.g.actors[a].name, why: "surname of " + d.g.actors[a].name + ", named before", score: 0.85}, true
		}
	}
	if a, ok := d.surnames[key]; ok {
		return ment{i: i, j: j, refs: []ref{{actor: a}}, matched: d.g.actors[a].name, why: "surname of " + d.g.actors[a].name + ", named before", score: 0.85}, true
	}
	if commonWord[t.fold] && i == firstWord(toks) {
		return ment{}, false
	}
	// A surname spelled a letter off ("Coulibaby").
	if j == i+1 && utf8.RuneCountInString(t.fold) >= 6 {
		cands := map[string]int32{}
		for _, m := range ms {
			if m.j <= i && len(m.refs) == 1 && m.refs[0].known() && d.g.actors[m.refs[0].actor].surname != "" {
				cands[d.g.actors[m.refs[0].actor].surname] = m.refs[0].actor
			}
		}
		for s, a := range d.surnames {
			cands[s] = a
		}
		for s, a := range cands {
			if !strings.Contains(s, " ") && levenshtein(s, t.fold, 1) == 1 {
				return ment{i: i, j: j, refs: []ref{{actor: a}}, matched: d.g.actors[a].name, why: "a letter off the surname of " + d.g.actors[a].name + ", named before", score: 0.7}, true
			}
		}
	}
	return ment{}, false
}

// family returns the people of a surname that the text named before.
func (d *doc) family(surname string) (out []ref) {
	seen := map[int32]bool{}
	defer func() {
		if len(out) >= 2 {
			return
		}
		// Fewer than two named: the gazetteer's people of that surname,
		// when there are few.
		if ids := d.g.surnames[surname]; len(ids) >= 2 && len(ids) <= 4 {
			out = out[:0]
			for _, a := range ids {
				out = append(out, ref{actor: a})
			}
		}
	}()
	for _, ms := range d.ments {
		for _, m := range ms {
			for _, r := range m.refs {
				if r.known() && !seen[r.actor] && d.g.actors[r.actor].surname == surname {
					seen[r.actor] = true
					out = append(out, r)
				}
			}
		}
	}
	return out
}

// lastOrg returns the known organisation named last before token i of
// sentence si, in it or in the two sentences before.
func (d *doc) lastOrg(si, i int, ms []ment) (ref, bool) {
	best := -1
	var r ref
	for _, m := range ms {
		if m.j <= i && m.i > best && len(m.refs) == 1 && m.refs[0].known() && d.kindOf(m.refs[0]) == graph.Organization {
			best, r = m.i, m.refs[0]
		}
	}
	if best >= 0 {
		return r, true
	}
	for s := si - 1; s >= 0 && si-s <= 2; s-- {
		best = -1
		for _, m := range d.ments[s] {
			if m.i > best && len(m.refs) == 1 && m.refs[0].known() && d.kindOf(m.refs[0]) == graph.Organization && !strings.HasPrefix(m.why, "\"the group") {
				best, r = m.i, m.refs[0]
			}
		}
		if best >= 0 {
			return r, true
		}
	}
	return ref{}, false
}

// learn updates the document state with the mentions of sentence si:
// surnames of the people named in full, and acronyms defined as
// "Name (ACR)" or "Name, or ACR,".
func (d *doc) learn(si int) {
	toks := d.toks[si]
	for _, m := range d.ments[si] {
		for _, r := range m.refs {
			if !r.known() {
				continue
			}
			a := &d.g.actors[r.actor]
			if a.kind == graph.Person && a.surname != "" && m.j-m.i >= 2 {
				d.surnames[a.surname] = r.actor
			}
		}
		if len(m.refs) != 1 || m.group {
			continue
		}
		// "Al-Qaeda in the Arabian Peninsula (AQAP)", "Wilayat Sinai, or WS,"
		k := m.j
		if k < len(toks) && toks[k].fold == "'s" {
			k++
		}
		if k+2 < len(toks) && toks[k].fold == "(" && toks[k+1].upper && toks[k+2].fold == ")" {
			d.acronyms[toks[k+1].fold] = m.refs[0]
		}
		if k+2 < len(toks) && toks[k].fold == "," && toks[k+1].fold == "or" && toks[k+2].upper {
			d.acronyms[toks[k+2].fold] = m.refs[0]
		}
	}
}

// capSpan is a run of capitalised words [i, j) not taken by a mention.
type capSpan struct{ i, j int }

// capSpans finds runs of capitalised words, joined by name particles and
// hyphens ("Abu Musab al-Zarqawi"), that no mention covers.
func capSpans(toks []token, taken []bool) []capSpan {
	var out []capSpan
	for i := 0; i < len(toks); i++ {
		if taken[i] || !toks[i].word || !(toks[i].cap || toks[i].upper) {
			continue
		}
		j := i + 1
		for j < len(toks) && !taken[j] {
			t := toks[j]
			switch {
			case t.word && t.gap:
			case t.word && (t.cap || t.upper):
				j++
				continue
			case t.word && nameParticles[t.fold] && j+1 < len(toks):
				// a particle only inside a name: "Abu Bakr al-Baghdadi"
				k := j + 1
				if !toks[k].word && isSoftMark(toks[k].fold) && k+1 < len(toks) {
					k++
				}
				if toks[k].word && toks[k].cap && !taken[k] {
					j = k
					continue
				}
			case !t.word && (t.fold == "-" || t.fold == "‐") && !t.space && j+1 < len(toks) && toks[j+1].word && !toks[j+1].space:
				j++
				continue
			}
			break
		}
		// Trim trailing marks.
		for j > i && !toks[j-1].word {
			j--
		}
		out = append(out, capSpan{i, j})
		i = j - 1
	}
	return out
}

// fuzzyAt asks the Matcher about a span of two or more capitalised words.
func (d *doc) fuzzyAt(si int, sp capSpan) (ment, bool) {
	words := 0
	for k := sp.i; k < sp.j; k++ {
		if d.toks[si][k].word {
			words++
		}
	}
	if words < 2 || words > 8 {
		return ment{}, false
	}
	text := d.surface(si, sp.i, sp.j)
	cs, err := d.opt.Matcher.Match(d.ctx, text, 3)
	if err != nil {
		if d.ctx.Err() != nil {
			d.err = d.ctx.Err()
		}
		return ment{}, false
	}
	if len(cs) == 0 || cs[0].Score < d.opt.MinMatchScore {
		return ment{}, false
	}
	if len(cs) > 1 && cs[1].Score >= cs[0].Score && cs[1].ID != cs[0].ID {
		return ment{}, false // a tie: no guess
	}
	a := d.g.byID(cs[0].ID)
	if a < 0 {
		return ment{}, false
	}
	return ment{i: sp.i, j: sp.j, refs: []ref{{actor: a}}, matched: cs[0].Matched, why: cs[0].Why, score: cs[0].Score * 0.9}, true
}

// placeAt reads a capitalised name of the place table that the gazetteer
// lacks as a new place.
func (d *doc) placeAt(si, i int, taken []bool) (ment, bool) {
	toks := d.toks[si]
	for n := 4; n >= 1; n-- {
		j, words := i, 0
		for j < len(toks) && words < n && !taken[j] {
			if toks[j].word {
				if words > 0 && toks[j].gap {
					break
				}
				words++
			} else if !isSoftMark(toks[j].fold) || toks[j].space {
				break
			}
			j++
		}
		if words != n {
			continue
		}
		key := d.key(toks, i, j)
		p, ok := knownPlace(key)
		if !ok {
			continue
		}
		if n == 1 && commonWord[key] {
			continue
		}
		if n == 1 && i == firstWord(toks) && commonWord[key] {
			continue
		}
		r := d.newRef(p.name, graph.Place, "place table", si, i, j)
		return ment{i: i, j: j, refs: []ref{r}, matched: p.name, why: "place table", score: 0.8}, true
	}
	return ment{}, false
}

// placeRef resolves a place by its folded name: a known place of the
// gazetteer, else a new place.
func (d *doc) placeRef(name string) (ref, bool) {
	key := graph.NormalizeName(name)
	for _, p := range d.g.lookup(key, nil) {
		if d.g.actors[p.actor].kind == graph.Place {
			return ref{actor: p.actor}, true
		}
	}
	return ref{}, false
}
