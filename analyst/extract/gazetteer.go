package extract

import (
	"context"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph"
)

// Matcher finds the known actors that a span of text may name. Extraction
// looks every name up exactly in its Gazetteer first, and asks the Matcher
// only about capitalised spans that the exact lookup left unresolved, so a
// fuzzy, transliteration-aware matcher (package graph/names) can be
// plugged in through Options.Matcher without changing anything else. The
// Gazetteer itself is a Matcher: it finds names within a small edit
// distance of a name or alias that shares a word with the span.
//
// An adapter for graph/names wraps its Index: Search(ctx, span,
// SearchOptions{Limit: limit}), each hit's uint32 id mapped to the actor's
// id, kind and name, Hit.Describe for Matched and Why, and the hit's score
// scaled to [0,1].
type Matcher interface {
	// Match returns at most limit candidates for span, best first. span is
	// the text as printed ("Amedy Coulibaby"); matchers fold it
	// themselves. An error other than ctx's skips the span (a span a
	// matcher refuses, say over its length caps, is no name); ctx's error
	// stops the extraction.
	Match(ctx context.Context, span string, limit int) ([]Candidate, error)
}

// Gazetteer is the index of known actors that extraction finds mentions
// of: every name and alias folded with graph.NormalizeName, looked up by
// word n-grams of the text, so the cost of a lookup does not grow with the
// number of actors. Build it once per graph (NewGazetteer) and share it:
// it is safe for concurrent use: extractions share it, and Add may add
// actors meanwhile (it waits for the extractions running to end).
type Gazetteer struct {
	// mu is held for reading by every extraction and lookup, for writing
	// by Add.
	mu     sync.RWMutex
	actors []gazActor
	keys   map[string]int32 // folded name or alias -> first posting
	post   []posting
	// first maps a first word to the most words of any key starting
	// with it, so the scan tries only lengths that can match.
	first map[string]uint8
	// words maps a word of a name or alias to the actors that have it,
	// for the fuzzy fallback; words shared by more than maxWordActors
	// actors are left out (they anchor nothing).
	words map[string][]int32
	// wordsFull marks the words whose lists were dropped for being shared
	// by too many actors, so that Add does not start them again.
	wordsFull map[string]bool
	// events indexes event actors by the distinctive words of their
	// names, for descriptions such as "the attacks in Paris".
	events *eventIndex
	// surnames maps a folded surname to the people who bear it (at most
	// maxWordActors; more are dropped as uninformative).
	surnames map[string][]int32
	ids      map[string]int32
}

type gazActor struct {
	id, name string
	kind     graph.Kind
	aliases  []string
	start    graph.Date
	surname  string // folded last name of a person, "" otherwise
}

// posting is one name or alias of an actor under one key.
type posting struct {
	actor int32
	alias int16 // -1 for the name, else the index in aliases
	flags uint8
	next  int32 // next posting under the same key, -1 at the end
}

const (
	// exactCase: the text must print the name with the same capitals,
	// as for acronyms and short aliases ("IS" is not "is", "US" not "us").
	exactCase uint8 = 1 << iota
	// lowerOK: the name has no capitals itself ("surgical strikes"), so
	// lower-case text may name it.
	lowerOK
)

const (
	maxKeyWords   = 12
	maxWordActors = 64
)

// NewGazetteer indexes actors. Only ID, Kind, Name, Aliases and Start
// are read; actors with an empty id or name are skipped.
func NewGazetteer(actors []graph.Actor) *Gazetteer {
	g := &Gazetteer{
		actors:    make([]gazActor, 0, len(actors)),
		keys:      make(map[string]int32, len(actors)+len(actors)/8),
		first:     make(map[string]uint8),
		words:     make(map[string][]int32),
		wordsFull: make(map[string]bool),
		surnames:  make(map[string][]int32),
		ids:       make(map[string]int32, len(actors)),
	}
	for i := range actors {
		g.insert(&actors[i])
	}
	g.events = newEventIndex(g)
	return g
}

// insert indexes one actor (not its event signature); it returns its
// index, or -1 when it is skipped (no id or name, or an id indexed
// already).
func (g *Gazetteer) insert(a *graph.Actor) int32 {
	if a.ID == "" || a.Name == "" {
		return -1
	}
	idx := int32(len(g.actors))
	if _, dup := g.ids[a.ID]; dup {
		return -1
	}
	g.ids[a.ID] = idx
	ga := gazActor{id: a.ID, name: a.Name, kind: a.Kind, aliases: a.Aliases, start: a.Start}
	if a.Kind == graph.Person {
		ga.surname = surnameOf(foldName(a.Name))
		if ga.surname != "" && len(g.surnames[ga.surname]) <= maxWordActors {
			g.surnames[ga.surname] = append(g.surnames[ga.surname], idx)
		}
	}
	g.actors = append(g.actors, ga)
	g.add(idx, a.Name, -1)
	for j, al := range a.Aliases {
		if j < 1<<15 {
			g.add(idx, al, int16(j))
		}
	}
	return idx
}

// Add indexes actors that g does not hold yet, as NewGazetteer would have;
// actors whose id g holds are left alone (a changed or removed actor needs
// a new Gazetteer). It waits for the extractions running on g to end, and
// returns how many actors it added. Only ID, Kind, Name, Aliases and Start
// are read.
func (g *Gazetteer) Add(actors ...graph.Actor) int {
	g.mu.Lock()
	defer g.mu.Unlock()
	n := 0
	for i := range actors {
		if idx := g.insert(&actors[i]); idx >= 0 {
			g.events.add(g, idx)
			n++
		}
	}
	return n
}

// Has reports whether g indexes an actor with the given id.
func (g *Gazetteer) Has(id string) bool {
	g.mu.RLock()
	defer g.mu.RUnlock()
	_, ok := g.ids[id]
	return ok
}

// Len returns the number of actors indexed.
func (g *Gazetteer) Len() int {
	g.mu.RLock()
	defer g.mu.RUnlock()
	return len(g.actors)
}

func (g *Gazetteer) add(actor int32, name string, alias int16) {
	key := foldName(name)
	if key == "" {
		return
	}
	words := strings.Fields(key)
	if len(words) > maxKeyWords {
		return
	}
	var flags uint8
	letters, uppers := 0, 0
	for _, r := range name {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				uppers++
			}
		}
	}
	if uppers == 0 {
		flags |= lowerOK
	}
	if len(words) == 1 && (letters <= 4 && uppers > 0 || letters >= 2 && uppers == letters && letters <= 6) {
		flags |= exactCase
	}
	if len(words) == 1 && commonWord[key] && uppers > 0 {
		flags |= exactCase
	}
	// One posting per actor and key, unless the capitals differ and
	// matter ("ISIL" and "Isil").
	head, ok := g.keys[key]
	for p := head; ok && p >= 0; p = g.post[p].next {
		if g.post[p].actor == actor && (g.post[p].flags&exactCase == 0 || flags&exactCase == 0 || lettersOf(g.printed(g.post[p])) == lettersOf(name)) {
			return
		}
	}
	if !ok {
		head = -1
	}
	g.post = append(g.post, posting{actor: actor, alias: alias, flags: flags, next: head})
	g.keys[key] = int32(len(g.post) - 1)
	if n := uint8(len(words)); n > g.first[words[0]] {
		g.first[words[0]] = n
	}
	for _, w := range words {
		if utf8.RuneCountInString(w) < 3 || isDigits(w) || g.wordsFull[w] {
			continue
		}
		ids := g.words[w]
		if len(ids) > 0 && ids[len(ids)-1] == actor {
			continue
		}
		if g.words[w] = append(ids, actor); len(g.words[w]) > maxWordActors {
			// Shared by too many actors, the word anchors nothing.
			g.words[w], g.wordsFull[w] = nil, true
		}
	}
}

// printed returns the name or alias a posting stands for.
func (g *Gazetteer) printed(p posting) string {
	a := &g.actors[p.actor]
	if p.alias < 0 {
		return a.name
	}
	return a.aliases[p.alias]
}

// lookup returns the postings of a folded key.
func (g *Gazetteer) lookup(key string, out []posting) []posting {
	head, ok := g.keys[key]
	if !ok {
		return out
	}
	for p := head; p >= 0; p = g.post[p].next {
		out = append(out, g.post[p])
	}
	return out
}

// Match implements Matcher with exact lookups and a small fuzzy fallback:
// a folded name or alias that shares a word of three or more letters with
// the span and is within about one edit in eight letters of it.
func (g *Gazetteer) Match(ctx context.Context, text string, limit int) ([]Candidate, error) {
	g.mu.RLock()
	defer g.mu.RUnlock()
	return g.match(ctx, text, limit)
}

// ownMatcher is the Gazetteer as the Matcher of an extraction that holds
// its read lock already.
type ownMatcher struct{ g *Gazetteer }

func (m ownMatcher) Match(ctx context.Context, text string, limit int) ([]Candidate, error) {
	return m.g.match(ctx, text, limit)
}

func (g *Gazetteer) match(ctx context.Context, text string, limit int) ([]Candidate, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	key := graph.NormalizeName(text)
	if key == "" || limit <= 0 {
		return nil, nil
	}
	var out []Candidate
	seen := map[int32]bool{}
	for _, p := range g.lookup(key, nil) {
		seen[p.actor] = true
		why := "name"
		if p.alias >= 0 {
			why = "alias"
		}
		out = append(out, g.candidate(p, 1, why))
	}
	words := strings.Fields(key)
	for _, w := range words {
		for _, id := range g.words[w] {
			if seen[id] {
				continue
			}
			seen[id] = true
			a := &g.actors[id]
			best, bestName, bestAlias := 0.0, "", int16(-1)
			try := func(name string, alias int16) {
				k := graph.NormalizeName(name)
				d := levenshtein(k, key, 3)
				n := max(utf8.RuneCountInString(k), utf8.RuneCountInString(key))
				if d > 2 || d*8 > n {
					return
				}
				if s := 1 - float64(d)/float64(n); s > best {
					best, bestName, bestAlias = s, name, alias
				}
			}
			try(a.name, -1)
			for j, al := range a.aliases {
				try(al, int16(j))
			}
			if best > 0 {
				why := "letters differ from the name " + bestName
				if bestAlias >= 0 {
					why = "letters differ from the alias " + bestName
				}
				out = append(out, g.candidate(posting{actor: id, alias: bestAlias}, best, why))
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

func (g *Gazetteer) candidate(p posting, score float64, why string) Candidate {
	a := &g.actors[p.actor]
	return Candidate{ID: a.id, Name: a.name, Kind: a.kind, Matched: g.printed(p), Score: score, Why: why}
}

// byID finds an actor by id, for a Matcher's candidate.
func (g *Gazetteer) byID(id string) int32 {
	if i, ok := g.ids[id]; ok {
		return i
	}
	return -1
}

// levenshtein returns the edit distance of a and b in runes, or limit+1
// as soon as it is sure to exceed limit.
func levenshtein(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > limit || -d > limit {
		return limit + 1
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			c := prev[j-1]
			if ra[i-1] != rb[j-1] {
				c++
			}
			c = min(c, prev[j]+1, cur[j-1]+1)
			cur[j] = c
			rowMin = min(rowMin, c)
		}
		if rowMin > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// nameParticles are the words that belong to a surname after them:
// "bin Laden", "al-Adnani", "van Gogh".
var nameParticles = setOf("al", "el", "bin", "ben", "ibn", "abu", "abou", "bint", "de", "da", "di", "du", "del", "della", "van", "von", "der", "le", "la", "ul", "ud", "ad", "ar", "as", "at", "az", "es", "ash")

// surnameOf returns the folded surname of a folded person name: its last
// word, with a particle before it ("bin laden"), or "" for a one-word name.
func surnameOf(name string) string {
	w := strings.Fields(name)
	if len(w) < 2 {
		return ""
	}
	last := w[len(w)-1]
	if len(w) >= 3 && nameParticles[w[len(w)-2]] {
		return w[len(w)-2] + " " + last
	}
	return last
}
