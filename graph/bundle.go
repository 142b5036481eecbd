package graph

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
)

// BundleFormat names the version of the bundle format.
const BundleFormat = "actorgraph-bundle/1"

// Bundle is the interchange format of the whole system: the seed data, the
// body of an import and the result of an export are all bundles. It holds
// sources, actors and relations; evidence lives inside relations.
type Bundle struct {
	Format    string     `json:"format"`
	Sources   []Source   `json:"sources"`
	Actors    []Actor    `json:"actors"`
	Relations []Relation `json:"relations"`

	// files remember which file each entry came from, and indexes its
	// position in that file, for problems.
	sourceFiles, actorFiles, relationFiles []string
	sourceIndex, actorIndex, relationIndex []int

	// What DecodeBundle could not decode: the problems, which Validate
	// reports first, and the ids of the actors and sources among them, so
	// that entries referring to them get no problem of their own (the
	// broken entry's problem says what to fix). incomplete is set when the
	// document could not be read to its end.
	decodeProblems []Problem
	broken         map[string]bool
	incomplete     bool
}

// Append adds other's entries to b, remembering the file they came from.
func (b *Bundle) Append(other *Bundle) {
	if b.Format == "" {
		b.Format = BundleFormat
	}
	b.sourceFiles = append(filesOf(b.sourceFiles, len(b.Sources)), filesOf(other.sourceFiles, len(other.Sources))...)
	b.actorFiles = append(filesOf(b.actorFiles, len(b.Actors)), filesOf(other.actorFiles, len(other.Actors))...)
	b.relationFiles = append(filesOf(b.relationFiles, len(b.Relations)), filesOf(other.relationFiles, len(other.Relations))...)
	b.sourceIndex = append(indexesOf(b.sourceIndex, len(b.Sources)), indexesOf(other.sourceIndex, len(other.Sources))...)
	b.actorIndex = append(indexesOf(b.actorIndex, len(b.Actors)), indexesOf(other.actorIndex, len(other.Actors))...)
	b.relationIndex = append(indexesOf(b.relationIndex, len(b.Relations)), indexesOf(other.relationIndex, len(other.Relations))...)
	b.Sources = append(b.Sources, other.Sources...)
	b.Actors = append(b.Actors, other.Actors...)
	b.Relations = append(b.Relations, other.Relations...)
	b.decodeProblems = append(b.decodeProblems, other.decodeProblems...)
	for id := range other.broken {
		b.markBroken(id)
	}
	b.incomplete = b.incomplete || other.incomplete
}

// indexesOf returns the file positions of n entries, or their positions in
// their own bundle when they did not come from a file.
func indexesOf(idx []int, n int) []int {
	if len(idx) == n {
		return idx
	}
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// indexAt is the position to report for entry i: where it stood in its file.
func indexAt(idx []int, i int) int {
	if i < len(idx) {
		return idx[i]
	}
	return i
}

func filesOf(files []string, n int) []string {
	if len(files) == n {
		return files
	}
	return make([]string, n)
}

func fileAt(files []string, i int) string {
	if i < len(files) {
		return files[i]
	}
	return ""
}

// Catalog is what a bundle may refer to besides its own entries: the actors
// and sources already stored. A nil Catalog means an empty graph.
// Validate calls its methods from several goroutines at once.
type Catalog interface {
	ActorKind(id string) (Kind, bool)
	LookupSource(id string) (Source, bool)
}

// TextCatalog is a Catalog that also has the stored texts of sources
// (false: no such source, or it has no text). Validate checks quotes
// against them, and refuses to change one.
type TextCatalog interface {
	Catalog
	StoredText(id string) (string, bool)
}

// Validate checks every entry of b against the rules of the model and the
// vocabulary, resolving references within b and then in existing (which may
// be nil). It reports every problem at once as a *ValidationError, and
// derives each relation's Confidence and Contested flag and each source's
// TextLength on the way.
//
// Every evidence quote whose source has a text (in b, or else in existing
// when it is a TextCatalog) must appear in it word for word (Quotes); a
// source of b may bring a text to a stored source that has none, but not
// change a stored text.
func (b *Bundle) Validate(existing Catalog) error {
	ps := &problems{list: append([]Problem(nil), b.decodeProblems...)}
	sources := map[string]*Source{}
	stored, _ := existing.(TextCatalog)
	for i := range b.Sources {
		s := &b.Sources[i]
		ps.file = fileAt(b.sourceFiles, i)
		entry := fmt.Sprintf("sources[%d] %q", indexAt(b.sourceIndex, i), s.ID)
		if !ValidActorID(s.ID) {
			ps.add(entry, "id", "must be a lower-case slug such as \"vice-2015-11-14\"")
		} else if _, dup := sources[s.ID]; dup {
			ps.add(entry, "id", "duplicate source id")
		}
		sources[s.ID] = s
		for _, p := range CheckSource(s) {
			ps.add(entry, p.Field, "%s", p.Message)
		}
		s.TextLength = utf8.RuneCountInString(s.Text)
		if s.Text != "" && stored != nil {
			if old, ok := stored.StoredText(s.ID); ok && old != s.Text {
				ps.add(entry, "text", "differs from the stored text of source %q; a stored text never changes (its quotes are checked against it): give the new text another source id", s.ID)
			}
		}
	}
	lookupSource := func(id string) (Source, bool) {
		if s, ok := sources[id]; ok {
			return *s, true
		}
		if b.broken[id] {
			return Source{}, true // its own problem says what to fix
		}
		if existing != nil {
			return existing.LookupSource(id)
		}
		return Source{}, false
	}
	quotes := NewQuotes(func(id string) (string, bool) {
		if s, ok := sources[id]; ok && s.Text != "" {
			return s.Text, true
		}
		if stored != nil {
			return stored.StoredText(id)
		}
		return "", false
	})
	// Entries are named ("relations[12] \"a--met--b\"") only when they
	// have a problem: a bulk import checks a million of them.
	kinds := make(map[string]Kind, len(b.Actors))
	for i := range b.Actors {
		a := &b.Actors[i]
		ps.file = fileAt(b.actorFiles, i)
		mark := len(ps.list)
		if _, dup := kinds[a.ID]; dup {
			ps.add("", "id", "duplicate actor id")
		}
		kinds[a.ID] = a.Kind
		for _, p := range CheckActor(a) {
			ps.add("", p.Field, "%s", p.Message)
		}
		for j := range a.Evidence {
			checkEvidence(ps, "", j, &a.Evidence[j], lookupSource, false)
			if p := quotes.Problem(&a.Evidence[j], fmt.Sprintf("evidence[%d].quote", j)); p != nil {
				ps.add("", p.Field, "%s", p.Message)
			}
		}
		ps.name(mark, "actors", indexAt(b.actorIndex, i), a.ID)
	}
	lookupKind := func(id string) (Kind, bool) {
		if k, ok := kinds[id]; ok {
			return k, true
		}
		if b.broken[id] {
			return "", true // its own problem says what to fix
		}
		if existing != nil {
			return existing.ActorKind(id)
		}
		return "", false
	}
	b.validateRelations(ps, lookupKind, lookupSource, quotes)
	return ps.err()
}

// CheckSource returns the problems of one source on its own (Entry is left
// empty): its title, pieces, grading and text.
func CheckSource(s *Source) []Problem {
	var out []Problem
	add := func(field, format string, args ...any) {
		out = append(out, Problem{Field: field, Message: fmt.Sprintf(format, args...)})
	}
	if strings.TrimSpace(s.Title) == "" {
		add("title", "is required")
	}
	for _, f := range []struct {
		name, value string
		limit       int
	}{{"title", s.Title, MaxFieldLen}, {"publication", s.Publication, MaxFieldLen}, {"author", s.Author, MaxFieldLen},
		{"date_note", s.DateNote, MaxFieldLen}, {"url", s.URL, MaxURLLen}, {"file", s.File, MaxFieldLen}} {
		if msg := tooLong(f.value, f.limit); msg != "" {
			add(f.name, "%s", msg)
		}
	}
	if len(s.Pieces) > MaxPieces {
		add("pieces", "has %d pieces; at most %d are allowed", len(s.Pieces), MaxPieces)
	}
	seen := map[string]bool{}
	for j, pc := range s.Pieces {
		if !ValidActorID(pc.ID) || seen[pc.ID] {
			add(fmt.Sprintf("pieces[%d].id", j), "must be a unique lower-case slug")
		}
		seen[pc.ID] = true
		if msg := tooLong(pc.Title, MaxFieldLen); msg != "" {
			add(fmt.Sprintf("pieces[%d].title", j), "%s", msg)
		}
		if msg := tooLong(pc.Publication, MaxFieldLen); msg != "" {
			add(fmt.Sprintf("pieces[%d].publication", j), "%s", msg)
		}
	}
	if s.Reliability != "" && (len(s.Reliability) != 1 || s.Reliability[0] < 'A' || s.Reliability[0] > 'F') {
		add("reliability", "must be a letter A (completely reliable) to F (cannot be judged)")
	}
	if s.Credibility != 0 && (s.Credibility < 1 || s.Credibility > 6) {
		add("credibility", "must be 1 (confirmed) to 6 (cannot be judged)")
	}
	if s.Text != "" {
		if err := CheckText(s.Text, MaxTextBytes); err != nil {
			add("text", "%s", ErrorMessage(err))
		}
	}
	return out
}

// validateChunk is how many relations one goroutine of validateRelations
// checks at a time; bundles of fewer than two chunks are checked on the
// calling goroutine.
var validateChunk = 16 << 10 // a variable for the tests

// validateRelations checks every relation (duplicate id, CheckRelation,
// evidence) and derives it, adding the problems to ps in relation order.
// A big bundle's relations are checked in chunks on GOMAXPROCS goroutines
// while one more finds the duplicate ids; lookupKind and lookupSource are
// then called concurrently (they only read maps, the Catalog's included).
func (b *Bundle) validateRelations(ps *problems, lookupKind func(string) (Kind, bool), lookupSource func(string) (Source, bool), quotes *Quotes) {
	n := len(b.Relations)
	chunks := (n + validateChunk - 1) / validateChunk
	workers := min(runtime.GOMAXPROCS(0), chunks)
	found := make([][]relationProblem, chunks) // per chunk, in relation order
	var dups []int                             // relations whose id came before, ascending
	check := func(c int) {
		kindOf := cachedKinds(lookupKind)
		var out []relationProblem
		cp := &problems{}
		for i := c * validateChunk; i < min(n, (c+1)*validateChunk); i++ {
			r := &b.Relations[i]
			cp.list = cp.list[:0]
			for _, p := range CheckRelation(r, kindOf) {
				cp.add("", p.Field, "%s", p.Message)
			}
			for j := range r.Evidence {
				checkEvidence(cp, "", j, &r.Evidence[j], lookupSource, true)
				if p := quotes.Problem(&r.Evidence[j], fmt.Sprintf("evidence[%d].quote", j)); p != nil {
					cp.add("", p.Field, "%s", p.Message)
				}
			}
			for _, p := range cp.list {
				out = append(out, relationProblem{i, p})
			}
			r.Derive()
		}
		found[c] = out
	}
	findDups := func() {
		seen := make(map[string]struct{}, n)
		for i := range b.Relations {
			k := len(seen)
			seen[b.Relations[i].ID] = struct{}{}
			if len(seen) == k {
				dups = append(dups, i)
			}
		}
	}
	if workers < 2 {
		findDups()
		for c := range chunks {
			check(c)
		}
	} else {
		var wg sync.WaitGroup
		wg.Go(findDups)
		var next atomic.Int64
		for range workers {
			wg.Go(func() {
				for c := int(next.Add(1) - 1); c < chunks; c = int(next.Add(1) - 1) {
					check(c)
				}
			})
		}
		wg.Wait()
	}
	// Merge: per relation, the duplicate first, then the rest.
	add := func(i int, p Problem) {
		ps.file = fileAt(b.relationFiles, i)
		mark := len(ps.list)
		ps.add("", p.Field, "%s", p.Message)
		ps.name(mark, "relations", indexAt(b.relationIndex, i), b.Relations[i].ID)
	}
	dup := Problem{Field: "id", Message: "duplicate relation id"}
	for _, list := range found {
		for _, rp := range list {
			for len(dups) > 0 && dups[0] <= rp.i {
				add(dups[0], dup)
				dups = dups[1:]
			}
			add(rp.i, rp.p)
		}
	}
	for _, i := range dups {
		add(i, dup)
	}
}

// relationProblem is a problem of relation i.
type relationProblem struct {
	i int
	p Problem
}

// cachedKinds wraps lookupKind with a memory of the two ids looked up
// last: relations in id order come grouped by their From (their ids start
// with it), so From is mostly the one looked up before the last To.
func cachedKinds(lookupKind func(string) (Kind, bool)) func(string) (Kind, bool) {
	var cache [2]struct {
		id   string
		kind Kind
		ok   bool
	}
	return func(id string) (Kind, bool) {
		if cache[0].id == id && id != "" {
			return cache[0].kind, cache[0].ok
		}
		if cache[1].id == id && id != "" {
			cache[0], cache[1] = cache[1], cache[0]
			return cache[0].kind, cache[0].ok
		}
		k, ok := lookupKind(id)
		cache[1] = cache[0]
		cache[0].id, cache[0].kind, cache[0].ok = id, k, ok
		return k, ok
	}
}

// CheckActor returns the problems of one actor on its own (Entry is left
// empty). Stores call it on every write.
func CheckActor(a *Actor) []Problem {
	var out []Problem
	add := func(field, format string, args ...any) {
		out = append(out, Problem{Field: field, Message: fmt.Sprintf(format, args...)})
	}
	if !ValidActorID(a.ID) {
		add("id", "must be a lower-case slug of letters, digits and single hyphens, such as \"cherif-kouachi\" (at most 120 characters)")
	}
	if !a.Kind.Valid() {
		add("kind", "must be person, organization, event or place, not %q", truncate(string(a.Kind), 30))
	}
	if strings.TrimSpace(a.Name) == "" {
		add("name", "is required")
	} else if msg := tooLong(a.Name, MaxNameLen); msg != "" {
		add("name", "%s", msg)
	}
	if len(a.Aliases) > MaxAliases {
		add("aliases", "has %d aliases; at most %d are allowed", len(a.Aliases), MaxAliases)
	}
	for j, al := range a.Aliases {
		if strings.TrimSpace(al) == "" {
			add(fmt.Sprintf("aliases[%d]", j), "must not be empty")
		} else if msg := tooLong(al, MaxNameLen); msg != "" {
			add(fmt.Sprintf("aliases[%d]", j), "%s", msg)
		}
	}
	if msg := tooLong(a.Description, MaxDescriptionLen); msg != "" {
		add("description", "%s", msg)
	}
	out = append(out, CheckEvidenceCount(len(a.Evidence))...)
	if !a.Start.IsZero() && !a.End.IsZero() && a.End.LastDay() < a.Start.FirstDay() {
		add("end", "%s is before start %s", a.End, a.Start)
	}
	return out
}

// CheckRelation returns the problems of one relation apart from its
// evidence, resolving its ends' kinds with kindOf.
func CheckRelation(r *Relation, kindOf func(string) (Kind, bool)) []Problem {
	var out []Problem
	add := func(field, format string, args ...any) {
		out = append(out, Problem{Field: field, Message: fmt.Sprintf(format, args...)})
	}
	if !ValidRelationID(r.ID) {
		add("id", "must be lower-case letters and digits joined by '-', '--', '.' or '_', such as \"cherif-kouachi--trained-by--aqap\"")
	}
	t, ok := LookupType(r.Type)
	if !ok {
		add("type", "unknown relation type %q; see the vocabulary (GET /v1/relation-types)", truncate(r.Type, 60))
	}
	fk, fok := kindOf(r.From)
	if !fok {
		add("from", "no actor with id %q", truncate(r.From, 120))
	}
	tk, tok := kindOf(r.To)
	if !tok {
		add("to", "no actor with id %q", truncate(r.To, 120))
	}
	if r.From == r.To && r.From != "" {
		add("to", "a relation cannot join an actor to itself")
	}
	if ok && fok && tok && fk != "" && tk != "" && !t.Allows(fk, tk) {
		add("type", "%s goes %s -> %s, not %s -> %s (%s)", t.Name, kindList(t.From), kindList(t.To), fk, tk, t.Meaning)
	}
	if !r.ValidFrom.IsZero() && !r.ValidTo.IsZero() && r.ValidTo.LastDay() < r.ValidFrom.FirstDay() {
		add("valid_to", "%s is before valid_from %s", r.ValidTo, r.ValidFrom)
	}
	if msg := tooLong(r.Role, MaxFieldLen); msg != "" {
		add("role", "%s", msg)
	}
	if len(r.Evidence) == 0 {
		add("evidence", "at least one piece of evidence (source and quote) is required")
	}
	out = append(out, CheckEvidenceCount(len(r.Evidence))...)
	return out
}

func kindList(ks []Kind) string {
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = string(k)
	}
	return strings.Join(s, "|")
}

// CheckEvidence returns the problems of one piece of relation evidence,
// resolving its source with lookup.
func CheckEvidence(e *Evidence, lookup func(string) (Source, bool)) []Problem {
	ps := &problems{}
	checkEvidence(ps, "", -1, e, lookup, true)
	return ps.list
}

// checkEvidence adds the problems of e, the piece at position j of its
// entry's evidence (-1: a piece on its own, whose fields need no prefix).
func checkEvidence(ps *problems, entry string, j int, e *Evidence, lookup func(string) (Source, bool), graded bool) {
	field := func(f string) string {
		if j < 0 {
			return f
		}
		return fmt.Sprintf("evidence[%d].%s", j, f)
	}
	s, ok := lookup(e.Source)
	switch {
	case e.Source == "":
		ps.add(entry, field("source"), "is required: the id of a source (GET /v1/sources)")
	case !ok:
		ps.add(entry, field("source"), "no source with id %q", truncate(e.Source, 80))
	case s.ID == "":
		// A source that failed to decode: its own problem says what to fix.
	case len(s.Pieces) > 0 && e.Piece == "":
		ps.add(entry, field("piece"), "source %q collects several pieces; name the one quoted", s.ID)
	case e.Piece != "" && !s.HasPiece(e.Piece):
		ps.add(entry, field("piece"), "source %q has no piece %q", s.ID, truncate(e.Piece, 80))
	}
	if strings.TrimSpace(e.Quote) == "" {
		ps.add(entry, field("quote"), "is required: the verbatim words of the source")
	} else if msg := tooLong(e.Quote, MaxQuoteLen); msg != "" {
		ps.add(entry, field("quote"), "%s", msg)
	}
	if msg := tooLong(e.Claimant, MaxFieldLen); msg != "" {
		ps.add(entry, field("claimant"), "%s", msg)
	}
	if e.Stance != "" && e.Stance != Supports && e.Stance != Refutes {
		ps.add(entry, field("stance"), "must be supports or refutes, not %q", truncate(string(e.Stance), 20))
	}
	if !graded {
		return
	}
	if strings.TrimSpace(e.Claimant) == "" {
		ps.add(entry, field("claimant"), "is required: who asserts this (author, group, police, court)")
	}
	if len(e.Reliability) != 1 || e.Reliability[0] < 'A' || e.Reliability[0] > 'F' {
		ps.add(entry, field("reliability"), "must be a letter A (completely reliable) to F (cannot be judged)")
	}
	if e.Credibility < 1 || e.Credibility > 6 {
		ps.add(entry, field("credibility"), "must be 1 (confirmed) to 6 (cannot be judged)")
	}
}

// CheckEvidenceList validates the evidence of a relation for a single
// write, returning a *ValidationError or nil.
func CheckEvidenceList(entry string, es []Evidence, lookup func(string) (Source, bool)) error {
	ps := &problems{}
	for j := range es {
		checkEvidence(ps, entry, j, &es[j], lookup, true)
	}
	return ps.err()
}

// AsValidationError wraps per-field problems of one entry as a
// *ValidationError, or returns nil when there are none.
func AsValidationError(entry string, list []Problem) error {
	if len(list) == 0 {
		return nil
	}
	out := make([]Problem, len(list))
	for i, p := range list {
		p.Entry = entry
		out[i] = p
	}
	return &ValidationError{Problems: out}
}
