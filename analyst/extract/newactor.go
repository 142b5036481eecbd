package extract

import (
	"sort"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// newActor is a name the gazetteer lacks, gathered over the text.
type newActor struct {
	name  string
	kind  graph.Kind
	cue   string
	score float64
	si    int // first sentence naming it
	i, j  int // its tokens there
	count int
}

// newRef registers a new actor named by tokens [i, j) of sentence si (or
// counts one more mention of it) and returns its ref.
func (d *doc) newRef(name string, kind graph.Kind, cue string, si, i, j int) ref {
	key := string(kind) + "\x00" + graph.NormalizeName(name)
	na, ok := d.newActors[key]
	if !ok {
		na = &newActor{name: name, kind: kind, cue: cue, si: si, i: i, j: j, score: cueScore(cue)}
		d.newActors[key] = na
		d.newOrder = append(d.newOrder, key)
	}
	na.count++
	return ref{actor: -1, name: na.name, kind: kind}
}

// cueScore is how much a kind cue is worth.
func cueScore(cue string) float64 {
	switch {
	case strings.HasPrefix(cue, "place table"):
		return 0.8
	case strings.HasPrefix(cue, "title"), strings.HasPrefix(cue, "word"), strings.HasPrefix(cue, "acronym defined"):
		return 0.7
	case strings.HasPrefix(cue, "event word"):
		return 0.5
	}
	return 0.4
}

// leadingSkip are capitalised words that open a span without being part
// of a name: "The Clarion Project", "Both Al-Qaeda".
var leadingSkip = setOf("the", "a", "an", "both", "this", "that", "these", "those", "his", "her", "their", "its", "our", "my", "when", "while", "after", "before", "since", "if", "in", "on", "at", "as", "for", "from", "by", "with", "and", "but", "or", "so", "yet", "then", "there", "here", "what", "who", "why", "how", "where", "which", "some", "many", "most", "all", "every", "each", "no", "not", "other", "another", "former", "late", "dear", "said", "says")

// personCueWords before a name make it a person's: "reporter Daniel
// Pearl", "shopkeeper Asad Shah".
var personCueWords = setOf(strings.Fields(`reporter journalist shopkeeper driver preacher cleric analyst author researcher
expert spokesman spokeswoman minister commander fighter jihadist militant extremist ideologue writer editor officer
professor lawyer judge victim suspect attacker bomber gunman killer teenager student doctor leader founder brother
sister son daughter wife husband widow father mother cousin uncle nephew friend associate colleague named called
briton preacher imam sheikh emir caliph deputy secretary president ambassador diplomat priest rabbi activist
blogger recruiter operative convert`)...)

// newActorsAt proposes new actors for the capitalised spans of sentence
// si that no mention covers, with a kind from their cues.
func (d *doc) newActorsAt(si int, taken []bool) []ment {
	toks := d.toks[si]
	if d.sents[si].headline {
		return nil // titles capitalise every word
	}
	var out []ment
	for _, sp := range capSpans(toks, taken) {
		i, j := sp.i, sp.j
		// Drop opening words that are no part of a name.
		for i < j && toks[i].word && (leadingSkip[toks[i].fold] || i == firstWord(toks) && commonWord[toks[i].fold]) {
			i++
		}
		for i < j && !toks[i].word {
			i++
		}
		if i >= j {
			continue
		}
		// A title opening the span: "Sheikh Abdullah", "President Obama".
		cue := ""
		kind := graph.Kind("")
		for i < j && toks[i].word && personTitles[toks[i].fold] && j-i > 1 {
			cue = "title " + d.text[toks[i].start:toks[i].end]
			kind = graph.Person
			i++
		}
		words := 0
		allCommon := true
		for k := i; k < j; k++ {
			if toks[k].word {
				words++
				if !commonWord[toks[k].fold] && months[toks[k].fold] == 0 && !weekdays[toks[k].fold] {
					allCommon = false
				}
			}
		}
		if words == 0 || allCommon || words > 6 {
			continue
		}
		name := d.surface(si, i, j)
		key := graph.NormalizeName(name)
		if demonyms[key] != "" || isDigits(strings.ReplaceAll(key, " ", "")) {
			continue
		}
		if kind == "" {
			kind, cue = d.guessKind(si, i, j, words)
		}
		if kind == "" {
			continue
		}
		r := d.newRef(name, kind, cue, si, i, j)
		out = append(out, ment{i: i, j: j, refs: []ref{r}, matched: name, why: "new actor: " + cue, score: cueScore(cue)})
		for k := i; k < j; k++ {
			taken[k] = true
		}
	}
	return out
}

// guessKind proposes a kind for an unknown capitalised span [i, j).
func (d *doc) guessKind(si, i, j, words int) (graph.Kind, string) {
	toks := d.toks[si]
	prev := ""
	if i > 0 && toks[i-1].word {
		prev = toks[i-1].fold
	}
	if i > 0 && personTitles[prev] {
		return graph.Person, "title " + d.text[toks[i-1].start:toks[i-1].end]
	}
	for k := i; k < j; k++ {
		if !toks[k].word {
			continue
		}
		f := toks[k].fold
		if _, ok := eventHeads[f]; ok && f != "operation" || f == "operation" && k == i {
			return graph.Event, "event word " + f
		}
		if orgWords[f] {
			return graph.Organization, "word " + d.text[toks[k].start:toks[k].end]
		}
	}
	// An acronym defined by the name before it: "Countering Lone Actor
	// Terrorism (CLAT)" names an organisation or a project.
	if words == 1 && toks[i].upper {
		if len(toks[i].fold) >= 2 && len(toks[i].fold) <= 6 && !commonWord[toks[i].fold] {
			return graph.Organization, "acronym"
		}
		return "", ""
	}
	if j < len(toks) && toks[j].word {
		if _, ok := eventHeads[toks[j].fold]; ok {
			return "", "" // "the Paris attacks" is an event description
		}
	}
	if personCueWords[prev] {
		return graph.Person, "after the word " + prev
	}
	if (prev == "in" || prev == "to" || prev == "from" || prev == "near") && words <= 2 {
		return graph.Place, "after '" + prev + "'"
	}
	// "X said", "X told"
	if j < len(toks) && toks[j].word && reportingVerbs[toks[j].fold] && words >= 2 {
		return graph.Person, "subject of '" + toks[j].fold + "'"
	}
	hasParticle := false
	for k := i; k < j; k++ {
		if toks[k].word && nameParticles[toks[k].fold] {
			hasParticle = true
		}
	}
	if words >= 2 && words <= 4 && (hasParticle || givenNames[toks[i].fold]) {
		return graph.Person, "personal name"
	}
	return "", ""
}

// givenNames are common first names, so that "Ryan Mauro" reads as a
// person without any other cue.
var givenNames = setOf(strings.Fields(`
abdul abdullah abdel abdelaziz abdelhamid abdelatif abdelbaki abu ahmad ahmed ali amer amir anwar asad ayman bilal
fatima faisal farid hamza hassan hussain hussein ibrahim ismail jamal junaid karim khalid mahmoud mohamed mohammed
mohammad muhammad mustafa nasser omar osama rachid rashid salah salman samir tariq umar usama yasin yusuf zaid
aaron adam adrian alan alex alexander alison amy andrew anna anne anthony ben benjamin bill brian cathy charles
charlie chris christopher daniel darren david edward emma eric fernando frank george hannah harry helen henry ian
jack jacob james jane jason jeff jennifer jessica jim jo joe john jonathan jose joseph julia kate katherine kevin
laura lisa mark martin mary matthew meira michael mike nathan neil nick nicholas olivia patrick paul peter philip
rachel raffaello richard robert roger ryan sally sam samuel sarah scott simon sophie stephen steve steven susan
thomas tim timothy tom tony victoria will william wes
`)...)

// actorProposals turns the new actors into proposals, in text order.
func (d *doc) actorProposals() []Proposal {
	var out []Proposal
	keys := append([]string(nil), d.newOrder...)
	sort.SliceStable(keys, func(a, b int) bool {
		x, y := d.newActors[keys[a]], d.newActors[keys[b]]
		if x.si != y.si {
			return x.si < y.si
		}
		return x.i < y.i
	})
	for _, k := range keys {
		na := d.newActors[k]
		toks := d.toks[na.si]
		s := d.sents[na.si]
		start, end := d.ri.runes(toks[na.i].start), d.ri.runes(toks[na.j-1].end)
		text := d.text[toks[na.i].start:toks[na.j-1].end]
		score := na.score
		if na.count > 1 {
			score = min(1, score+0.1)
		}
		out = append(out, Proposal{
			Kind: KindActor, Quote: d.text[s.start:s.end], Start: d.ri.runes(s.start), End: d.ri.runes(s.end),
			Sentence: na.si, Stance: graph.Supports, Words: []string{text}, Score: round3(score), Status: Pending,
			Actor: &NewActor{Name: na.name, Kind: na.kind, Cue: na.cue, Text: text, Start: start, End: end, Count: na.count},
		})
	}
	return out
}

// mentionProposals turns the mentions of known actors into proposals.
func (d *doc) mentionProposals() []Proposal {
	var out []Proposal
	type seenKey struct {
		si, i, j int
		actor    int32
	}
	seen := map[seenKey]bool{}
	for si := range d.sents {
		s := d.sents[si]
		toks := d.toks[si]
		var emit func(m ment)
		emit = func(m ment) {
			if m.event != nil {
				for _, in := range m.event.inner {
					emit(in)
				}
			}
			if len(m.refs) == 0 || !m.refs[0].known() || m.demonym != "" {
				return
			}
			text := d.text[toks[m.i].start:toks[m.j-1].end]
			refs := m.refs
			if !m.group {
				refs = refs[:1]
			}
			for _, r := range refs {
				if !r.known() || seen[seenKey{si, m.i, m.j, r.actor}] {
					continue
				}
				seen[seenKey{si, m.i, m.j, r.actor}] = true
				a := &d.g.actors[r.actor]
				mn := &Mention{ActorID: a.id, Name: a.name, Kind: a.kind, Text: text,
					Start: d.ri.runes(toks[m.i].start), End: d.ri.runes(toks[m.j-1].end), Matched: m.matched, Why: m.why}
				if mn.Matched == "" {
					mn.Matched = a.name
				}
				if !m.group {
					for _, o := range m.refs[1:] {
						if o.known() {
							oa := &d.g.actors[o.actor]
							mn.Others = append(mn.Others, Candidate{ID: oa.id, Name: oa.name, Kind: oa.kind, Matched: text, Score: m.score, Why: "same words"})
						}
					}
				}
				out = append(out, Proposal{
					Kind: KindMention, Quote: d.text[s.start:s.end], Start: d.ri.runes(s.start), End: d.ri.runes(s.end),
					Sentence: si, Stance: graph.Supports, Words: []string{text}, Score: round3(m.score), Status: Pending, Mention: mn,
				})
			}
		}
		for _, m := range d.ments[si] {
			emit(m)
		}
	}
	return out
}

func round3(f float64) float64 {
	if f < 0 {
		return 0
	}
	if f > 1 {
		return 1
	}
	return float64(int(f*1000+0.5)) / 1000
}
