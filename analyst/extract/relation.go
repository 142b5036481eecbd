package extract

import (
	"sort"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// relProposal is a relation found in a sentence, before it becomes a
// Proposal.
type relProposal struct {
	typ        string
	from, to   ref
	fromM, toM span // bytes of the words naming each end
	role       string
	si         int
	quote      span
	words      []string
	claimant   string
	stance     graph.Stance
	score      float64
	date       *dateExpr
	pattern    string
}

// findRelations runs the patterns over sentence si, then adds the
// relations that descriptions carry by themselves ("the attacks in Paris":
// OCCURRED_IN; "the murder of Jo Cox": TARGETED; "the Kouachi brothers":
// SIBLING_OF).
func (d *doc) findRelations(si int) {
	d.cur = si
	its := d.items(si)
	if len(its) == 0 {
		return
	}
	words := map[string]bool{}
	for _, it := range its {
		if it.m == nil {
			words[it.fold] = true
		}
	}
	mt := &matcher{d: d, si: si, items: its}
	claimant, claimAt := d.claimantOf(si, its)
	for pi := range patterns {
		p := &patterns[pi]
		if len(p.need) > 0 {
			ok := false
			for _, w := range p.need {
				if words[w] {
					ok = true
					break
				}
			}
			if !ok {
				continue
			}
		}
		for _, b := range mt.match(p) {
			d.emit(si, its, p, b, claimant, claimAt)
		}
	}
	d.descriptionRelations(si)
}

// emit turns one binding into relation proposals, one per pair of ends
// whose kinds the type allows.
func (d *doc) emit(si int, its []item, p *pattern, b binding, claimant string, claimAt int) {
	type end = relEnd
	toks := d.toks[si]
	ends := func(ms []*ment) []end {
		var out []end
		for _, m := range ms {
			e := end{sp: span{toks[m.i].start, toks[m.j-1].end}, score: m.score}
			if m.group {
				for _, r := range m.refs {
					out = append(out, end{refs: []ref{r}, sp: e.sp, score: e.score})
				}
				continue
			}
			e.refs = m.refs
			out = append(out, e)
		}
		return out
	}
	xs, ys := ends(b.x), ends(b.y)
	if b.yd != "" {
		if r, ok := d.countryRef(b.yd); ok {
			if r.actor < 0 {
				r = d.newDemonymRef(si, its, b)
			}
			ys = append(ys, end{refs: []ref{r}, sp: d.itemSpan(its, b.trigger), score: 0.8})
		}
	}
	if b.event {
		r, ok := d.lastEvent(si, "")
		if !ok {
			return
		}
		e := end{refs: []ref{r}, score: 0.6}
		if len(xs) == 0 {
			xs = []end{e}
		} else {
			ys = []end{e}
		}
	}
	if p.from == 'Y' {
		xs, ys = ys, xs
	}
	if p.typ == "KILLED" {
		d.emitKilled(si, its, p, b, xs, ys, claimant, claimAt)
		return
	}
	t, ok := graph.LookupType(p.typ)
	if !ok {
		return
	}
	quote := d.bindingSpan(its, b)
	stance := d.stanceOf(its, b)
	hedge := d.hedged(its, b)
	var trig []string
	for _, k := range b.trigger {
		trig = append(trig, d.itemText(its, k))
	}
	var agent *ment
	if len(b.y) == 1 && b.y[0].event != nil && b.y[0].event.agent {
		agent = b.y[0]
		trig = append(trig, d.text[toks[agent.event.head].start:toks[agent.event.head].end])
	}
	date := d.dateFor(si, its, b)
	cl := ""
	if claimAt >= 0 && claimAt <= b.start || claimAt == -2 {
		cl = claimant
	}
	// "might have been committed by ETA", "apparently carried out by
	// the Islamic State": a hedged perpetration is an attribution.
	typ, pat := p.typ, p.src
	if p.typ == "PERPETRATED" && hedge {
		typ, pat = "ATTRIBUTED_TO", p.src+" (hedged: an attribution)"
		t, _ = graph.LookupType(typ)
		xs, ys = ys, xs
	}
	for _, x := range xs {
		for _, y := range ys {
			fr, tr, ok := d.pick(&t, x.refs, y.refs)
			if !ok || sameRef(fr, tr) || p.onlyFrom != "" && d.kindOf(fr) != p.onlyFrom {
				continue
			}
			if typ == "NATIONAL_OF" {
				// A nationality is a country's: "Birmingham-born" is
				// British; a place of no known country says none.
				if tr, ok = d.nationOf(tr); !ok {
					continue
				}
			}
			score := p.score * min(x.score, y.score)
			if hedge {
				score *= 0.8
			}
			if !fr.known() || !tr.known() {
				score *= 0.7
			}
			d.rels = append(d.rels, relProposal{typ: typ, from: fr, to: tr, fromM: x.sp, toM: y.sp, role: p.role, si: si,
				quote: quote, words: trig, claimant: cl, stance: stance, score: score, date: date, pattern: pat})
		}
	}
	// "The Tunisian killer, Seifeddine Rezgui": a demonym on the doer is
	// the doer's nationality.
	if agent != nil && p.typ == "PERPETRATED" {
		for _, pl := range agent.event.places {
			if pl.demonym == "" || len(pl.refs) == 0 {
				continue
			}
			for _, x := range xs {
				if len(x.refs) == 1 && d.kindOf(x.refs[0]) == graph.Person {
					d.rels = append(d.rels, relProposal{typ: "NATIONAL_OF", from: x.refs[0], to: pl.refs[0], fromM: x.sp, toM: span{toks[pl.i].start, toks[pl.j-1].end}, si: si,
						quote: quote, words: []string{d.text[toks[pl.i].start:toks[pl.j-1].end]}, claimant: cl, stance: stance, score: 0.6 * knownFactor(x.refs[0], pl.refs[0]), pattern: p.src + " (demonym on the doer)"})
				}
			}
		}
	}
	// Two or more people trained together.
	if (p.typ == "TRAINED_IN" || p.typ == "TRAINED_BY") && len(b.x) >= 1 {
		var people []end
		for _, x := range xs {
			if len(x.refs) == 1 && d.kindOf(x.refs[0]) == graph.Person {
				people = append(people, x)
			}
		}
		for a := 0; a < len(people); a++ {
			for c := a + 1; c < len(people); c++ {
				if sameRef(people[a].refs[0], people[c].refs[0]) {
					continue
				}
				d.rels = append(d.rels, relProposal{typ: "TRAINED_WITH", from: people[a].refs[0], to: people[c].refs[0],
					fromM: people[a].sp, toM: people[c].sp, si: si, quote: quote, words: trig, claimant: cl, stance: stance,
					score: p.score * 0.8, date: date, pattern: p.src + " (named together)"})
			}
		}
	}
}

// emitKilled turns "X killed Y" into PERPETRATED(X, the killing of Y)
// and TARGETED(the killing of Y, Y) when the gazetteer knows an event
// named after Y of a fitting class ("Murder of Asad Shah").
func (d *doc) emitKilled(si int, its []item, p *pattern, b binding, xs, ys []relEnd, claimant string, claimAt int) {
	toks := d.toks[si]
	quote := d.bindingSpan(its, b)
	stance := d.stanceOf(its, b)
	var trig []string
	for _, k := range b.trigger {
		trig = append(trig, d.itemText(its, k))
	}
	cl := ""
	if claimAt >= 0 && claimAt <= b.start || claimAt == -2 {
		cl = claimant
	}
	date := d.dateFor(si, its, b)
	for _, y := range ys {
		if len(y.refs) != 1 || !y.refs[0].known() || d.kindOf(y.refs[0]) != graph.Person {
			continue
		}
		victim := y.refs[0]
		ep := &eventPhrase{class: "murder", anchors: strings.Fields(graph.NormalizeName(d.g.actors[victim.actor].name))}
		refs, _, score := d.resolveEvent(ep)
		if len(refs) != 1 {
			continue
		}
		ev := refs[0]
		d.rels = append(d.rels, relProposal{typ: "TARGETED", from: ev, to: victim, fromM: y.sp, toM: y.sp, si: si,
			quote: quote, words: trig, claimant: cl, stance: stance, score: p.score * score, date: date, pattern: p.src + " (the killing of a person the gazetteer names an event after)"})
		for _, x := range xs {
			if len(x.refs) != 1 || sameRef(x.refs[0], victim) {
				continue
			}
			if k := d.kindOf(x.refs[0]); k != graph.Person && k != graph.Organization {
				continue
			}
			d.rels = append(d.rels, relProposal{typ: "PERPETRATED", from: x.refs[0], to: ev, fromM: x.sp, toM: y.sp, si: si,
				quote: quote, words: trig, claimant: cl, stance: stance, score: p.score * score * min(1, x.score), date: date, pattern: p.src + " (the killing of a person the gazetteer names an event after)"})
		}
	}
	_ = toks
}

// relEnd is one end of a binding: the alternatives it may name, where.
type relEnd struct {
	refs  []ref
	sp    span
	score float64
}

// pick chooses, among the alternatives of each end, the first pair the
// type allows.
func (d *doc) pick(t *graph.RelationType, xs, ys []ref) (ref, ref, bool) {
	for _, x := range xs {
		for _, y := range ys {
			if t.Allows(d.kindOf(x), d.kindOf(y)) && (t.Symmetric || hasKindList(t.From, d.kindOf(x))) {
				return x, y, true
			}
		}
	}
	return ref{}, ref{}, false
}

func hasKindList(ks []graph.Kind, k graph.Kind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

func sameRef(a, b ref) bool {
	if a.known() || b.known() {
		return a.actor == b.actor
	}
	return a.name == b.name && a.kind == b.kind
}

// countryRef resolves a country of the place table: the gazetteer's
// place of that name, else a new place.
func (d *doc) countryRef(country string) (ref, bool) {
	if r, ok := d.placeRef(country); ok {
		return r, true
	}
	for _, p := range placesByKey[graph.NormalizeName(country)] {
		for _, alt := range []string{p.name} {
			if r, ok := d.placeRef(alt); ok {
				return r, true
			}
		}
	}
	// other names of the same country ("UK" for "United Kingdom")
	for k, c := range countryByKey {
		if c == country {
			if r, ok := d.placeRef(k); ok {
				return r, true
			}
		}
	}
	return ref{actor: -1, name: country, kind: graph.Place}, true
}

// nationOf returns the country a nationality's place stands for: a
// country itself, or the country the place table puts a city or region in
// (when the gazetteer knows it); false for a place of no known country.
func (d *doc) nationOf(r ref) (ref, bool) {
	if !r.known() {
		return r, true
	}
	a := &d.g.actors[r.actor]
	if a.kind != graph.Place {
		return r, true
	}
	if _, ok := countryByKey[foldName(a.name)]; ok {
		return r, true
	}
	name, ok := d.countryOfPlace(a)
	if !ok {
		return r, true // unknown to the table: leave it to the reviewer
	}
	c, ok := d.countryRef(name)
	if !ok || !c.known() {
		return ref{}, false
	}
	return c, true
}

// newDemonymRef proposes the country of the demonym of b (a country the
// gazetteer lacks, "Belgian" for Belgium) as a new place, named where the
// demonym is printed, so that the relation's new end has its actor
// proposal.
func (d *doc) newDemonymRef(si int, its []item, b binding) ref {
	for _, k := range b.trigger {
		it := its[k]
		switch {
		case it.m != nil && it.m.demonym == b.yd:
			return d.newRef(b.yd, graph.Place, "demonym "+d.itemText(its, k), si, it.m.i, it.m.j)
		case it.m == nil && it.tok >= 0 && demonyms[it.fold] == b.yd:
			return d.newRef(b.yd, graph.Place, "demonym "+d.itemText(its, k), si, it.tok, it.tok+1)
		}
	}
	return ref{actor: -1, name: b.yd, kind: graph.Place}
}

// itemText returns the words of item k.
func (d *doc) itemText(its []item, k int) string {
	it := its[k]
	toks := d.toks[d.cur]
	if it.m != nil {
		return d.text[toks[it.m.i].start:toks[it.m.j-1].end]
	}
	return d.text[toks[it.tok].start:toks[it.tok].end]
}

// itemBytes returns the bytes item k covers.
func (d *doc) itemBytes(its []item, k int) span {
	it := its[k]
	toks := d.toks[d.cur]
	if it.m != nil {
		return span{toks[it.m.i].start, toks[it.m.j-1].end}
	}
	return span{toks[it.tok].start, toks[it.tok].end}
}

func (d *doc) itemSpan(its []item, ks []int) span {
	s := span{-1, -1}
	for _, k := range ks {
		b := d.itemBytes(its, k)
		if s.start < 0 || b.start < s.start {
			s.start = b.start
		}
		if b.end > s.end {
			s.end = b.end
		}
	}
	return s
}

// bindingSpan is the quote of a binding: from its first to its last item,
// widened to the whole sentence when that is short.
func (d *doc) bindingSpan(its []item, b binding) span {
	s := d.sents[d.cur].span
	if b.event || s.end-s.start <= 300 {
		return s
	}
	end := b.end
	if end > len(its) {
		end = len(its)
	}
	if end <= b.start {
		return s
	}
	first := d.itemBytes(its, b.start)
	last := d.itemBytes(its, end-1)
	return span{first.start, last.end}
}

// stanceOf says whether a binding is negated: a negation among its words
// or just before its first trigger word ("did not", "never", "no
// evidence", "denied", "not ISIS directed").
func (d *doc) stanceOf(its []item, b binding) graph.Stance {
	from := b.start
	if len(b.trigger) > 0 && b.trigger[0]-3 < from {
		from = max(0, b.trigger[0]-3)
	}
	for k := from; k < b.end && k < len(its); k++ {
		it := its[k]
		if it.m == nil && it.word && (negations[it.fold] || isNegContraction(it.fold)) {
			return graph.Refutes
		}
	}
	return graph.Supports
}

func isNegContraction(w string) bool {
	switch w {
	case "didnt", "doesnt", "dont", "wasnt", "werent", "isnt", "arent", "hasnt", "havent", "hadnt", "cannot", "couldnt", "wouldnt", "wont", "shouldnt", "cant", "aint":
		return true
	}
	return false
}

// hedged reports whether the sentence hedges the statement ("apparently",
// "allegedly", "likely").
func (d *doc) hedged(its []item, b binding) bool {
	for k := max(0, b.start-4); k < b.end && k < len(its); k++ {
		if its[k].m == nil && its[k].word && hedges[its[k].fold] {
			return true
		}
	}
	return false
}

// dateFor picks the date of sentence si nearest to the binding's words.
func (d *doc) dateFor(si int, its []item, b binding) *dateExpr {
	if len(its) == 0 {
		return nil
	}
	return d.dateNear(si, d.itemBytes(its, min(b.start, len(its)-1)).start)
}

// dateNear picks the date of sentence si nearest to byte at.
func (d *doc) dateNear(si, at int) *dateExpr {
	ds := d.dates[si]
	if len(ds) == 0 {
		return nil
	}
	toks := d.toks[si]
	best, bestDist := -1, 1<<30
	for k := range ds {
		dist := toks[ds[k].i].start - at
		if dist < 0 {
			dist = -dist
		}
		if dist < bestDist {
			best, bestDist = k, dist
		}
	}
	return &ds[best]
}

// claimantOf finds who sentence si says makes its claims: "according to
// X" (anywhere: returns -2), or "X said|told|claimed ..." (returns the
// item of the verb, so only what follows it is X's claim).
func (d *doc) claimantOf(si int, its []item) (string, int) {
	for k := 0; k+2 < len(its); k++ {
		if its[k].m == nil && its[k].fold == "according" && its[k+1].m == nil && its[k+1].fold == "to" {
			var words []string
			for q := k + 2; q < len(its) && q-k <= 8; q++ {
				it := its[q]
				if it.m == nil && !it.word {
					break
				}
				words = append(words, d.itemText(its, q))
			}
			if len(words) > 0 {
				return strings.Join(words, " "), -2
			}
		}
	}
	for k := 1; k < len(its); k++ {
		it := its[k]
		if it.m != nil || !it.word || !reportingVerbs[it.fold] {
			continue
		}
		// "Coulibaly told the police", "X said", "the police said"
		prev := its[k-1]
		if prev.m != nil && len(prev.m.refs) > 0 {
			kind := d.kindOf(prev.m.refs[0])
			if kind == graph.Person || kind == graph.Organization {
				return d.nameOf(prev.m.refs[0]), k
			}
		}
		if prev.m == nil && prev.word && (prev.fold == "police" || prev.fold == "officials" || prev.fold == "authorities" || prev.fold == "prosecutors" || prev.fold == "sources" || prev.fold == "investigators" || prev.fold == "ministry") {
			q := k - 1
			for q > 0 && its[q-1].m == nil && its[q-1].word && !modBreak[its[q-1].fold] && k-q < 4 {
				q--
			}
			var words []string
			for r := q; r < k; r++ {
				words = append(words, d.itemText(its, r))
			}
			return strings.Join(words, " "), k
		}
	}
	return "", -1
}

// commaBetween reports whether only a comma separates two mentions.
func (d *doc) commaBetween(si int, a, b ment) bool {
	toks := d.toks[si]
	return b.i == a.j+1 && toks[a.j].fold == ","
}

// placePairs adds LOCATED_IN for "Kobane, Syria", "Molenbeek, Brussels":
// two places separated by a comma, the first no country, the pair not
// part of a longer list.
func (d *doc) placePairs(si int) {
	toks := d.toks[si]
	var ps []ment
	var walk func(ms []ment)
	walk = func(ms []ment) {
		for _, m := range ms {
			if m.event != nil {
				walk(m.event.inner)
				continue
			}
			if d.isPlace(m) && m.demonym == "" && !m.group && len(m.refs) == 1 {
				ps = append(ps, m)
			}
		}
	}
	walk(d.ments[si])
	sortMents(ps)
	for k := 0; k+1 < len(ps); k++ {
		a, b := ps[k], ps[k+1]
		if !d.commaBetween(si, a, b) || d.isCountry(a.refs[0]) {
			continue
		}
		if b.j < len(toks) && (toks[b.j].fold == "and" || toks[b.j].fold == "or") {
			continue
		}
		if b.j+1 < len(toks) && toks[b.j].fold == "," && k+2 < len(ps) && ps[k+2].i == b.j+1 {
			continue
		}
		if k > 0 && d.commaBetween(si, ps[k-1], a) {
			continue
		}
		d.rels = append(d.rels, relProposal{typ: "LOCATED_IN", from: a.refs[0], to: b.refs[0], fromM: span{toks[a.i].start, toks[a.j-1].end}, toM: span{toks[b.i].start, toks[b.j-1].end}, si: si,
			quote: d.sents[si].span, words: []string{d.text[toks[a.i].start:toks[b.j-1].end]}, stance: graph.Supports, score: 0.75 * knownFactor(a.refs[0], b.refs[0]), date: nil, pattern: "place, place"})
	}
}

// isCountry reports whether a place is a country of the place table.
func (d *doc) isCountry(r ref) bool {
	_, ok := countryByKey[graph.NormalizeName(d.nameOf(r))]
	return ok
}

// descriptionRelations adds what descriptions say by themselves.
func (d *doc) descriptionRelations(si int) {
	d.placePairs(si)
	toks := d.toks[si]
	all := d.ments[si]
	for _, m := range d.ments[si] {
		if m.event != nil {
			for _, in := range m.event.inner {
				if in.event == nil {
					all = append(all[:len(all):len(all)], in)
				}
			}
		}
	}
	for mi := range all {
		m := &all[mi]
		quote := d.sents[si].span
		msp := span{toks[m.i].start, toks[m.j-1].end}
		words := []string{d.text[msp.start:msp.end]}
		if m.group && len(m.refs) >= 2 && m.j-1 > m.i {
			w := toks[m.j-1].fold
			typ := ""
			switch w {
			case "brothers", "sisters", "siblings":
				typ = "SIBLING_OF"
			}
			if typ != "" {
				for a := 0; a < len(m.refs); a++ {
					for c := a + 1; c < len(m.refs); c++ {
						d.rels = append(d.rels, relProposal{typ: typ, from: m.refs[a], to: m.refs[c], fromM: msp, toM: msp, si: si,
							quote: quote, words: []string{d.text[toks[m.j-1].start:toks[m.j-1].end]}, stance: graph.Supports, score: 0.8 * m.score, pattern: "the <surname> " + w})
					}
				}
			}
		}
		// "the Afghan Taliban", "Pakistani Taliban": a demonym opening the
		// name of an organisation places it.
		if len(m.refs) >= 1 && d.kindOf(m.refs[0]) == graph.Organization && !m.group && len(m.refs) == 1 {
			c := demonyms[toks[m.i].fold]
			if c == "" && m.j-m.i > 2 {
				// "U.S. Central Command": a country's name opening it
				for n := 1; n <= 3 && m.i+n < m.j; n++ {
					if cc, ok := countryByKey[d.key(toks, m.i, m.i+n)]; ok && m.i+n < m.j-1 {
						c = cc
					}
				}
			}
			if c != "" && toks[m.i].cap && m.j-m.i > 1 {
				if pr, ok := d.countryRef(c); ok {
					d.rels = append(d.rels, relProposal{typ: "BASED_IN", from: m.refs[0], to: pr, fromM: msp, toM: span{toks[m.i].start, toks[m.i].end}, si: si,
						quote: quote, words: []string{d.text[toks[m.i].start:toks[m.i].end]}, stance: graph.Supports, score: 0.6 * m.score * knownFactor(m.refs[0], pr), date: d.dateNear(si, msp.start), pattern: "demonym in an organisation's name"})
				}
			}
		}
		ep := m.event
		if ep == nil || len(m.refs) == 0 || (len(m.refs) > 1 && !m.group) || ep.anaphor {
			continue
		}
		ev := m.refs[0]
		if d.kindOf(ev) != graph.Event {
			continue
		}
		date := d.dateNear(si, msp.start)
		if len(ep.parts) >= 2 {
			for _, pt := range ep.parts {
				p := pt.place
				d.rels = append(d.rels, relProposal{typ: "OCCURRED_IN", from: pt.r, to: p.refs[0], fromM: msp, toM: span{toks[p.i].start, toks[p.j-1].end}, si: si,
					quote: quote, words: words, stance: graph.Supports, score: 0.7 * knownFactor(pt.r, p.refs[0]), date: date, pattern: "event description with a place"})
			}
			continue
		}
		for pi, p := range ep.places {
			// "in Kobane, Syria": the event is in the first place; the
			// second says where that lies.
			if pi > 0 && p.i > ep.head && ep.places[pi-1].known() && d.commaBetween(si, ep.places[pi-1], p) {
				continue
			}
			if len(p.refs) == 0 {
				continue
			}
			d.rels = append(d.rels, relProposal{typ: "OCCURRED_IN", from: ev, to: p.refs[0], fromM: msp, toM: span{toks[p.i].start, toks[p.j-1].end}, si: si,
				quote: quote, words: words, stance: graph.Supports, score: 0.75 * m.score * knownFactor(ev, p.refs[0]), date: date, pattern: "event description with a place"})
		}
		for _, tg := range ep.targets {
			if len(tg.refs) == 0 {
				continue
			}
			if t, _ := graph.LookupType("TARGETED"); !t.Allows(graph.Event, d.kindOf(tg.refs[0])) {
				continue
			}
			d.rels = append(d.rels, relProposal{typ: "TARGETED", from: ev, to: tg.refs[0], fromM: msp, toM: span{toks[tg.i].start, toks[tg.j-1].end}, si: si,
				quote: quote, words: words, stance: graph.Supports, score: 0.7 * m.score * knownFactor(ev, tg.refs[0]), date: date, pattern: "event description with a target"})
		}
	}
}

func knownFactor(a, b ref) float64 {
	if a.known() && b.known() {
		return 1
	}
	return 0.7
}

// relationProposals merges the relations found (one per type, ends and
// sentence, the best score kept) into proposals.
func (d *doc) relationProposals() []Proposal {
	type key struct {
		typ      string
		from, to string
		si       int
		stance   graph.Stance
	}
	id := func(r ref) string {
		if r.known() {
			return d.g.actors[r.actor].id
		}
		return "new:" + string(r.kind) + ":" + r.name
	}
	best := map[key]int{}
	var keep []relProposal
	for _, r := range d.rels {
		k := key{r.typ, id(r.from), id(r.to), r.si, r.stance}
		if graph.IsSymmetric(r.typ) && k.from > k.to {
			k.from, k.to = k.to, k.from
		}
		if i, ok := best[k]; ok {
			if r.score > keep[i].score {
				keep[i] = r
			}
			continue
		}
		best[k] = len(keep)
		keep = append(keep, r)
	}
	sort.SliceStable(keep, func(a, b int) bool { return keep[a].quote.start < keep[b].quote.start })
	out := make([]Proposal, 0, len(keep))
	for _, r := range keep {
		rel := &Relation{Type: r.typ, From: d.endpoint(r.from, r.fromM), To: d.endpoint(r.to, r.toM), Role: r.role, Pattern: r.pattern}
		if r.date != nil {
			rel.ValidFrom = r.date.date
			toks := d.toks[r.si]
			rel.DateText = d.text[toks[r.date.i].start:toks[r.date.j-1].end]
			rel.DateNote = r.date.note
		}
		out = append(out, Proposal{
			Kind: KindRelation, Quote: d.text[r.quote.start:r.quote.end], Start: d.ri.runes(r.quote.start), End: d.ri.runes(r.quote.end),
			Sentence: r.si, Claimant: r.claimant, Stance: r.stance, Words: r.words, Score: round3(r.score), Status: Pending, Relation: rel,
		})
	}
	return out
}

func (d *doc) endpoint(r ref, sp span) Endpoint {
	e := Endpoint{Text: d.text[sp.start:sp.end], Start: d.ri.runes(sp.start), End: d.ri.runes(sp.end)}
	if r.known() {
		a := &d.g.actors[r.actor]
		e.ID, e.Name, e.Kind = a.id, a.name, a.kind
	} else {
		e.Name, e.Kind = r.name, r.kind
	}
	return e
}
