package extract

import (
	"sort"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// Events are seldom named the way a gazetteer names them: a text says
// "the attacks in Paris", "the 2004 Madrid bombings", "London Bridge
// attacker Khurram Butt". Extraction reads such descriptions as an event
// noun (attack, bombing, shooting, murder, plot...; or a doer: attacker,
// bomber, killer) with the names around it (places, targets, capitalised
// words) and a date, and looks for the known events whose names share
// those names and whose date fits.

// eventSig is what the index knows of one known event.
type eventSig struct {
	actor     int32
	words     []string   // folded distinctive words of its names, sorted
	names     [][]string // the distinctive words of each name and alias
	class     map[string]bool
	countries []string // countries of the places its names contain
	year      int
	month     int
}

type eventIndex struct {
	sigs      []eventSig
	byWord    map[string][]int32
	byCountry map[string][]int32
	// full marks the words shared by more than maxEventsPerWord events,
	// whose lists are dropped (they anchor nothing), so that a later add
	// does not start them again.
	full map[string]bool
}

const maxEventsPerWord = 512

// eventStop are words of event names that identify nothing.
var eventStop = setOf(strings.Fields(`the a an of in on at to and or by for from with against event attack attacks
first second third fourth last`)...)

func newEventIndex(g *Gazetteer) *eventIndex {
	ix := &eventIndex{byWord: map[string][]int32{}, byCountry: map[string][]int32{}, full: map[string]bool{}}
	for ai := range g.actors {
		ix.add(g, int32(ai))
	}
	return ix
}

// add indexes actor ai of g if it is an event.
func (ix *eventIndex) add(g *Gazetteer, ai int32) {
	a := &g.actors[ai]
	if a.kind != graph.Event {
		return
	}
	sig := eventSig{actor: ai, class: map[string]bool{}, year: a.start.Year, month: a.start.Month}
	words := map[string]bool{}
	countries := map[string]bool{}
	for _, n := range append([]string{a.name}, a.aliases...) {
		ws := strings.Fields(foldName(n))
		var nameWords []string
		for k, w := range ws {
			if c, ok := eventHeads[w]; ok {
				sig.class[c] = true
				continue
			}
			if c, ok := agentNouns[w]; ok {
				sig.class[c] = true
				continue
			}
			if eventStop[w] || eventModifiers[w] || months[w] > 0 || isDigits(w) || len(w) < 2 {
				if isDigits(w) && len(w) == 4 && sig.year == 0 {
					sig.year = atoi(w)
				}
				if m := months[w]; m > 0 && sig.month == 0 && len(w) > 3 {
					sig.month = m
				}
				continue
			}
			words[w] = true
			nameWords = append(nameWords, w)
			if p, ok := knownPlace(w); ok && p.country != "" {
				countries[p.country] = true
			}
			if k+1 < len(ws) {
				if p, ok := knownPlace(w + " " + ws[k+1]); ok && p.country != "" {
					countries[p.country] = true
				}
			}
		}
		if len(nameWords) > 0 {
			sig.names = append(sig.names, dedupe(nameWords))
		}
	}
	for w := range words {
		sig.words = append(sig.words, w)
	}
	sort.Strings(sig.words)
	for c := range countries {
		sig.countries = append(sig.countries, c)
	}
	sort.Strings(sig.countries)
	si := int32(len(ix.sigs))
	ix.sigs = append(ix.sigs, sig)
	for _, w := range sig.words {
		if ix.full[w] {
			continue
		}
		if ix.byWord[w] = append(ix.byWord[w], si); len(ix.byWord[w]) > maxEventsPerWord {
			ix.byWord[w], ix.full[w] = nil, true
		}
	}
	for _, c := range sig.countries {
		if len(ix.byCountry[c]) <= maxEventsPerWord {
			ix.byCountry[c] = append(ix.byCountry[c], si)
		}
	}
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// eventPhrase is a description of an event in a sentence.
type eventPhrase struct {
	head    int    // token of the event noun
	class   string // its class
	agent   bool   // the noun names the doer ("bomber")
	anchors []string
	// qualifiers are words that may match but need not ("Minnesota" in
	// "Minneapolis, Minnesota").
	qualifiers []string
	places     []ment // places in the description: OCCURRED_IN
	targets    []ment // "attack on X", "murder of X": TARGETED
	inner      []ment // mentions inside the description
	year       int
	month      int
	anaphor    bool // "the attacks" with nothing to tell which: the last event named
	// parts are the events of "the attacks in Kuwait and Tunisia", one
	// per place, when each place tells a different event.
	parts []eventPart
}

type eventPart struct {
	r     ref
	place ment
}

// eventSeen is an event named in the text, for "the attacks" later.
type eventSeen struct {
	r     ref
	si    int
	class string
}

// eventDeterminers end the words before an event noun.
var eventDeterminers = setOf("the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their", "our", "another", "any", "each", "every", "some", "both", "two", "three", "four", "several", "many", "all", "latest", "same")

// eventPhrases finds the descriptions of events in sentence si.
func (d *doc) eventPhrases(si int, taken []bool, ms []ment) []ment {
	toks := d.toks[si]
	var out []ment
	mentAt := func(j int) (ment, bool) { // a mention ending at token j
		for _, m := range ms {
			if m.j == j {
				return m, true
			}
		}
		return ment{}, false
	}
	mentFrom := func(i int) (ment, bool) { // a mention starting at token i
		for _, m := range ms {
			if m.i == i {
				return m, true
			}
		}
		return ment{}, false
	}
	// Exact mentions of known events: the places and targets inside
	// their names ("murder of Jalal Uddin", "Madrid bombings").
	for mi := range ms {
		m := &ms[mi]
		if len(m.refs) != 1 || !m.refs[0].known() || d.g.actors[m.refs[0].actor].kind != graph.Event {
			continue
		}
		m.event = d.insideEvent(si, *m)
		d.noteEvent(m.refs[0], si, "")
	}
	for h := 0; h < len(toks); h++ {
		t := toks[h]
		if !t.word || taken[h] {
			continue
		}
		class, isHead := eventHeads[t.fold]
		agentClass, isAgent := agentNouns[t.fold]
		if !isHead && !isAgent {
			continue
		}
		// "strike", "operation", "raid" need a name before them.
		ep := &eventPhrase{head: h, class: class}
		if isAgent {
			ep.class, ep.agent = agentClass, true
		}
		start, end := h, h+1
		// Words before the noun.
		for k := h - 1; k >= 0 && h-k <= 7; k-- {
			tk := toks[k]
			if m, ok := mentAt(k + 1); ok && m.i <= k {
				if k+1 < len(toks) && toks[k+1].gap && k+1 != h {
					break
				}
				ep.addMention(d, m, true)
				start = m.i
				k = m.i
				continue
			}
			if taken[k] {
				break
			}
			if !tk.word {
				if isSoftMark(tk.fold) && !tk.space {
					continue
				}
				break
			}
			if k+1 <= h && toks[k+1].gap {
				break
			}
			switch {
			case eventDeterminers[tk.fold] && !tk.cap || eventDeterminers[tk.fold] && k == firstWord(toks):
			case tk.digit && len(tk.fold) == 4:
				ep.year = atoi(tk.fold)
				start = k
				continue
			case months[tk.fold] > 0 && (tk.cap || len(tk.fold) > 3) && tk.fold != "may":
				ep.month = months[tk.fold]
				start = k
				continue
			case demonyms[tk.fold] != "" && tk.cap:
				if r, ok := d.placeRef(demonyms[tk.fold]); ok {
					ep.places = append(ep.places, ment{i: k, j: k + 1, refs: []ref{r}, demonym: demonyms[tk.fold]})
				}
				ep.anchors = append(ep.anchors, graph.NormalizeName(demonyms[tk.fold]))
				start = k
				continue
			case tk.cap && !commonWord[tk.fold] && !weekdays[tk.fold]:
				ep.anchors = append(ep.anchors, tk.fold)
				start = k
				continue
			case eventModifiers[tk.fold] || eventHeads[tk.fold] != "" || strings.HasSuffix(tk.fold, "ed") && !commonWord[tk.fold]:
				start = k
				continue
			}
			break
		}
		// Words after the noun: "in Paris", "on London", "of Jo Cox",
		// "at the offices of the cartoon magazine Charlie Hebdo".
		k := h + 1
		for comps := 0; comps < 3 && k < len(toks); comps++ {
			if toks[k].fold == "," && comps > 0 && k+1 < len(toks) {
				// "in Mumbai, India"
				if m, ok := mentFrom(k + 1); ok && d.isPlace(m) {
					// "in Minneapolis, Minnesota": the second place says
					// where the first is; it need not be in the event's
					// name.
					if !hasMent(ep.inner, m) {
						ep.inner = append(ep.inner, m)
					}
					ep.places = append(ep.places, m)
					ep.qualifiers = append(ep.qualifiers, anchorWords(d, m)...)
					end, k = m.j, m.j
					continue
				}
			}
			prep := toks[k].fold
			if !toks[k].word || !(prep == "in" || prep == "at" || prep == "on" || prep == "of" || prep == "against" || prep == "near" || prep == "outside" || prep == "inside" || prep == "into" || prep == "and" && comps > 0) {
				break
			}
			if prep == "of" && ep.class != "murder" && ep.class != "siege" && ep.class != "battle" && ep.class != "hack" && ep.class != "raid" && ep.class != "strike" && comps == 0 && !ep.agent {
				break
			}
			// Skip a determiner and lower-case words to the name: "at
			// the offices of the cartoon magazine Charlie Hebdo", "of
			// Wall Street Journal reporter Daniel Pearl".
			q := k + 1
			found := false
			var capWords []string
			capEnd := -1
			last := prep // the last preposition before the name
			for q < len(toks) && q-k <= 8 {
				if m, ok := mentFrom(q); ok {
					if d.isEventish(m) {
						break
					}
					target := last == "on" || last == "against" || last == "of" && (ep.class == "murder" || ep.class == "hack" || ep.class == "raid" || ep.class == "strike")
					switch {
					case target && !d.isPlace(m):
						ep.targets = append(ep.targets, m)
						ep.addMention(d, m, false)
					case target && d.isCountry(m.refs[0]):
						// "an attack on the US": the country is the target
						ep.targets = append(ep.targets, m)
						ep.addMention(d, m, false)
					default:
						// "the attack on London", "in Paris": where it was
						ep.addMention(d, m, d.isPlace(m) && last != "of")
					}
					end, q, found = m.j, m.j, true
					break
				}
				tq := toks[q]
				if tq.word && (tq.fold == "in" || tq.fold == "at" || tq.fold == "on" || tq.fold == "of" || tq.fold == "against") {
					last = tq.fold
				}
				if !tq.word || tq.gap && q > k+1 || months[tq.fold] > 0 || tq.digit {
					break
				}
				if tq.cap && !commonWord[tq.fold] {
					capWords = append(capWords, tq.fold)
					capEnd = q + 1
					q++
					continue
				}
				if !modBreak[tq.fold] || eventDeterminers[tq.fold] || tq.fold == "of" || tq.fold == "in" || tq.fold == "at" {
					q++
					continue
				}
				break
			}
			// Unknown capitalised names on the way are anchors too
			// ("Notre Dame Cathedral in Paris", "the Pulse gay nightclub").
			ep.anchors = append(ep.anchors, capWords...)
			if !found && len(capWords) > 0 {
				end, q, found = capEnd, capEnd, true
			}
			if !found {
				if q > k+1 && q < len(toks) && toks[q].word {
					k = q // "on a train", then "in Wuerzburg"
					continue
				}
				break
			}
			k = q
		}
		// Dates right after: "in July 2016", "in 2017".
		for _, dt := range d.dates[si] {
			if dt.i >= end && dt.i <= end+1 && dt.abs {
				if ep.year == 0 {
					ep.year = dt.date.Year
				}
				if ep.month == 0 {
					ep.month = dt.date.Month
				}
			}
		}
		if !isHead && !ep.agent {
			continue
		}
		if len(ep.anchors) == 0 && ep.year == 0 && !ep.agent {
			// "the attacks": the event named last, if recent.
			if h > 0 && toks[h-1].fold == "the" {
				if r, ok := d.lastEvent(si, ep.class); ok {
					ep.anaphor = true
					out = append(out, ment{i: h - 1, j: h + 1, refs: []ref{r}, matched: d.nameOf(r), why: "the event named just before", score: 0.6, event: ep})
				}
			}
			continue
		}
		if len(ep.anchors) == 0 {
			continue
		}
		// Extend the span over the words before the noun.
		if start > 0 && toks[start-1].word && eventDeterminers[toks[start-1].fold] {
			start--
		}
		refs, why, score := d.resolveEvent(ep)
		if parts := d.splitEvent(ep); len(parts) >= 2 {
			ep.parts = parts
			refs = refs[:0:0]
			for _, p := range parts {
				refs = append(refs, p.r)
			}
			why, score = "descriptions of events, one per place", 0.7
		}
		m := ment{i: start, j: end, refs: refs, why: why, score: score, event: ep, group: len(ep.parts) >= 2}
		if len(refs) == 0 {
			if ep.agent {
				continue
			}
			name := newEventName(d, si, ep, start, end)
			if name == "" {
				continue
			}
			m.refs = []ref{d.newRef(name, graph.Event, "event word "+t.fold, si, start, end)}
			m.why, m.score = "an event the gazetteer lacks", 0.5
		} else {
			m.matched = d.nameOf(refs[0])
		}
		if ep.agent {
			// The doer's phrase names the event only as a relation
			// end; the span is the doer.
			m.why = "the doer of " + m.matched
		}
		if len(m.refs) == 1 {
			d.noteEvent(m.refs[0], si, ep.class)
		}
		for q := start; q < end; q++ {
			taken[q] = true
		}
		out = append(out, m)
		h = end - 1
	}
	return out
}

func hasMent(ms []ment, m ment) bool {
	for _, o := range ms {
		if o.i == m.i && o.j == m.j {
			return true
		}
	}
	return false
}

// insideEvent reads the mentions inside the name of a known event as
// printed: places, and the targets after "of", "on" or "against".
func (d *doc) insideEvent(si int, m ment) *eventPhrase {
	toks := d.toks[si]
	ep := &eventPhrase{head: m.i}
	for k := m.i; k < m.j; k++ {
		if !toks[k].word {
			continue
		}
		in, ok := d.exactAt(si, k)
		if !ok || in.j > m.j || in.i == m.i && in.j == m.j {
			continue
		}
		if len(in.refs) == 0 || d.kindOf(in.refs[0]) == graph.Event {
			continue
		}
		prev := ""
		if k > m.i && toks[k-1].word {
			prev = toks[k-1].fold
		}
		switch {
		case d.isPlace(in) && (prev == "on" || prev == "against") && d.isCountry(in.refs[0]):
			ep.targets = append(ep.targets, in) // "an attack on the US"
		case d.isPlace(in) && prev != "of":
			ep.places = append(ep.places, in) // "the attack on London", "Madrid bombings"
		case prev == "of" || prev == "on" || prev == "against":
			ep.targets = append(ep.targets, in)
		}
		ep.inner = append(ep.inner, in)
		k = in.j - 1
	}
	return ep
}

// splitEvent resolves "the attacks in Kuwait and Tunisia" place by place.
func (d *doc) splitEvent(ep *eventPhrase) []eventPart {
	var after []ment
	for _, p := range ep.places {
		if p.i > ep.head && p.demonym == "" {
			after = append(after, p)
		}
	}
	if len(after) < 2 {
		return nil
	}
	placeWords := map[string]bool{}
	for _, p := range after {
		for _, w := range anchorWords(d, p) {
			placeWords[w] = true
		}
	}
	var rest []string
	for _, w := range ep.anchors {
		if !placeWords[w] {
			rest = append(rest, w)
		}
	}
	var out []eventPart
	seen := map[int32]bool{}
	for _, p := range after {
		one := *ep
		one.places = []ment{p}
		one.anchors = append(append([]string(nil), rest...), anchorWords(d, p)...)
		refs, _, _ := d.resolveEvent(&one)
		if len(refs) != 1 || seen[refs[0].actor] {
			return nil
		}
		seen[refs[0].actor] = true
		out = append(out, eventPart{r: refs[0], place: p})
	}
	return out
}

// addMention records a mention inside an event description.
func (ep *eventPhrase) addMention(d *doc, m ment, asPlace bool) {
	if !hasMent(ep.inner, m) {
		ep.inner = append(ep.inner, m)
	}
	ep.anchors = append(ep.anchors, anchorWords(d, m)...)
	if asPlace && d.isPlace(m) {
		ep.places = append(ep.places, m)
	}
}

// anchorWords are the folded words a mention contributes to an event
// description: the words of the name it matched.
func anchorWords(d *doc, m ment) []string {
	var out []string
	seen := map[string]bool{}
	add := func(s string) {
		for _, w := range strings.Fields(graph.NormalizeName(s)) {
			if !eventStop[w] && !seen[w] {
				seen[w] = true
				out = append(out, w)
			}
		}
	}
	for k := m.i; k < m.j; k++ {
		if t := d.toksOf(m)[k]; t.word {
			add(t.fold)
		}
	}
	if len(m.refs) > 0 && m.refs[0].known() {
		add(d.g.actors[m.refs[0].actor].name)
	}
	return out
}

// toksOf is a helper for anchorWords: mentions carry no sentence, so the
// doc keeps the sentence being read.
func (d *doc) toksOf(ment) []token { return d.toks[d.cur] }

func (d *doc) isPlace(m ment) bool {
	return len(m.refs) > 0 && d.kindOf(m.refs[0]) == graph.Place
}

func (d *doc) isEventish(m ment) bool {
	return len(m.refs) > 0 && d.kindOf(m.refs[0]) == graph.Event
}

func (d *doc) nameOf(r ref) string {
	if r.known() {
		return d.g.actors[r.actor].name
	}
	return r.name
}

// noteEvent remembers that sentence si named an event.
func (d *doc) noteEvent(r ref, si int, class string) {
	if class == "" && r.known() {
		for _, s := range d.g.events.sigs {
			if s.actor == r.actor {
				for c := range s.class {
					class = c
				}
			}
		}
	}
	d.events = append(d.events, eventSeen{r: r, si: si, class: class})
}

// lastEvent returns the event named last within the last few sentences,
// if its class fits.
func (d *doc) lastEvent(si int, class string) (ref, bool) {
	for k := len(d.events) - 1; k >= 0; k-- {
		e := d.events[k]
		if si-e.si > 3 {
			break
		}
		if classFits(class, e.class) {
			return e.r, true
		}
	}
	return ref{}, false
}

func classFits(a, b string) bool {
	return a == "" || b == "" || a == b || a == "attack" && b != "plot" && b != "hack" || b == "attack" && a != "plot" && a != "hack"
}

// resolveEvent finds the known events that fit a description: sharing
// its names (or the country of a city in their names), of a fitting
// class and date, and not after the text was published.
func (d *doc) resolveEvent(ep *eventPhrase) ([]ref, string, float64) {
	ix := d.g.events
	cands := map[int32]bool{}
	anchors := dedupe(ep.anchors)
	for _, w := range anchors {
		for _, s := range ix.byWord[w] {
			cands[s] = true
		}
		if c, ok := countryByKey[w]; ok {
			for _, s := range ix.byCountry[c] {
				cands[s] = true
			}
		}
	}
	type scored struct {
		s     int32
		score float64
		dist  int
	}
	var best []scored
	for s := range cands {
		sig := &ix.sigs[s]
		// The best of the event's names: a Dice coefficient of the
		// description's words and the name's, a word matching by
		// country (a city of the event's in the country the text names)
		// counting 0.6, qualifiers counting only when they match.
		score := 0.0
		for _, name := range sig.names {
			matched, qual := 0.0, 0
			for _, w := range anchors {
				switch {
				case hasWordUnsorted(name, w):
					matched++
				case countryByKey[w] != "" && hasWord(sig.countries, countryByKey[w]):
					matched += 0.6
				}
			}
			for _, w := range ep.qualifiers {
				if hasWordUnsorted(name, w) {
					qual++
				}
			}
			if matched == 0 {
				continue
			}
			dice := 2 * (matched + float64(qual)) / float64(len(anchors)+qual+len(name))
			score = max(score, dice)
		}
		if score == 0 {
			continue
		}
		if len(sig.class) > 0 {
			fit := false
			for c := range sig.class {
				if c == ep.class {
					fit = true
					score += 0.1
					break
				}
				if classFits(ep.class, c) {
					fit = true
				}
			}
			if !fit {
				continue
			}
		}
		if ep.year != 0 && sig.year != 0 {
			if ep.year != sig.year {
				continue
			}
			score += 0.2
		}
		if ep.month != 0 && sig.month != 0 {
			if ep.month != sig.month {
				continue
			}
			score += 0.1
		}
		pub := d.opt.Published
		dist := 1 << 30
		if !pub.IsZero() && sig.year != 0 {
			ev := sig.year*12 + max(sig.month, 1)
			p := pub.Year*12 + max(pub.Month, 12*boolInt(pub.Month == 0))
			if ev > p {
				continue // after the text was written
			}
			dist = p - ev
		}
		best = append(best, scored{s, score, dist})
	}
	if len(best) == 0 {
		return nil, "", 0
	}
	sort.Slice(best, func(i, j int) bool {
		if best[i].score != best[j].score {
			return best[i].score > best[j].score
		}
		if best[i].dist != best[j].dist {
			return best[i].dist < best[j].dist
		}
		return best[i].s < best[j].s
	})
	b := best[0]
	if b.score < 0.5 {
		return nil, "", 0
	}
	refs := []ref{{actor: ix.sigs[b.s].actor}}
	score := min(1, 0.5+b.score/2)
	why := "description of an event: " + strings.Join(anchors, ", ")
	if len(best) > 1 && best[1].score == b.score && best[1].dist == b.dist {
		refs = append(refs, ref{actor: ix.sigs[best[1].s].actor})
		score *= 0.6
		why += " (ambiguous)"
	}
	return refs, why, score
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func hasWordUnsorted(ws []string, w string) bool {
	for _, x := range ws {
		if x == w {
			return true
		}
	}
	return false
}

func hasWord(sorted []string, w string) bool {
	i := sort.SearchStrings(sorted, w)
	return i < len(sorted) && sorted[i] == w
}

func dedupe(ws []string) []string {
	seen := map[string]bool{}
	out := ws[:0:0]
	for _, w := range ws {
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

// newEventName names an event the gazetteer lacks from its description:
// the names before the event noun, the noun, and the place after it
// ("Ansbach bombing", "attack in Kuwait").
func newEventName(d *doc, si int, ep *eventPhrase, start, end int) string {
	toks := d.toks[si]
	// From the first name or date before the noun...
	from := -1
	for k := start; k < ep.head; k++ {
		if toks[k].word && (toks[k].cap || toks[k].digit) {
			from = k
			break
		}
	}
	if from < 0 {
		from = ep.head
	}
	name := d.text[toks[from].start:toks[ep.head].end]
	// ...and the place after it.
	for _, p := range ep.places {
		if p.i > ep.head {
			name = d.text[toks[from].start:toks[p.j-1].end]
			break
		}
	}
	if from == ep.head && name == d.text[toks[ep.head].start:toks[ep.head].end] {
		return ""
	}
	return name
}
