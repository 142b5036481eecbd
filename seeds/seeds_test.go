package seeds

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph"
)

// loadSeed loads the embedded seed bundle or stops the test, listing every
// problem.
func loadSeed(t *testing.T) *graph.Bundle {
	t.Helper()
	b, err := Bundle()
	if err != nil {
		t.Fatalf("seed bundle does not load:\n%v", err)
	}
	return b
}

func TestBundleLoadsAndValidates(t *testing.T) {
	b := loadSeed(t)
	if b.Format != graph.BundleFormat {
		t.Errorf("format = %q, want %q", b.Format, graph.BundleFormat)
	}
	// Bundle validated it already; validating the returned copy again must
	// agree, and must not depend on state left from the first call.
	if err := b.Validate(nil); err != nil {
		t.Errorf("returned bundle does not validate again:\n%v", err)
	}
	// Every call returns a fresh copy: changing one must not change the next.
	if len(b.Sources) == 0 {
		t.Fatal("the seed bundle has no sources")
	}
	b.Sources[0].Title = "changed by the test"
	b2 := loadSeed(t)
	if b2.Sources[0].Title == "changed by the test" {
		t.Error("Bundle returned shared state: a change to one result shows in the next")
	}
}

func TestSeedQuotesAreVerbatim(t *testing.T) {
	b := loadSeed(t)
	text := SourceTexts(b)
	for _, s := range b.Sources {
		if _, ok := text(s.ID); !ok {
			t.Errorf("source %q: no embedded text for file %q", s.ID, s.File)
		}
	}
	for _, p := range VerifyQuotes(b, text) {
		t.Errorf("%s", p)
	}

	t.Run("an altered quote is reported", func(t *testing.T) {
		b := loadSeed(t)
		if len(b.Relations) == 0 || len(b.Actors) == 0 {
			t.Fatal("the seed bundle has no relations or no actors to alter")
		}
		// Alter one word in the middle of a relation quote and one actor
		// quote (if any actor has evidence); both must be reported, and
		// nothing else.
		rq := &b.Relations[len(b.Relations)/2].Evidence[0].Quote
		*rq = alterOneWord(*rq)
		want := []string{`relations[`}
		for i := range b.Actors {
			if len(b.Actors[i].Evidence) > 0 {
				q := &b.Actors[i].Evidence[0].Quote
				*q = alterOneWord(*q)
				want = append(want, `actors[`)
				break
			}
		}
		ps := VerifyQuotes(b, SourceTexts(b))
		if len(ps) != len(want) {
			t.Fatalf("VerifyQuotes after altering %d quote(s) reported %d problem(s): %v", len(want), len(ps), ps)
		}
		slices.Sort(want) // VerifyQuotes reports actors before relations
		for i, p := range ps {
			if !strings.HasPrefix(p.Entry, want[i]) || p.Field != "evidence[0].quote" ||
				!strings.Contains(p.Message, "not in the text") || !strings.HasPrefix(p.File, "seeds/data/") {
				t.Errorf("problem %d = %+v; want %s... evidence[0].quote, a seeds/data file and a message saying the quote is not in the source", i, p, want[i])
			}
		}
	})
}

// alterOneWord changes one letter of the middle word of s, the kind of slip
// a person makes when retyping a quote.
func alterOneWord(s string) string {
	w := strings.Fields(s)
	if len(w) == 0 {
		return "x"
	}
	m := &w[len(w)/2]
	r, size := utf8.DecodeRuneInString(*m)
	if r == 'x' {
		*m = "y" + (*m)[size:]
	} else {
		*m = "x" + (*m)[size:]
	}
	return strings.Join(w, " ")
}

func TestSeedSizeAndEvidence(t *testing.T) {
	b := loadSeed(t)
	if n := len(b.Actors); n < 90 {
		t.Errorf("seed bundle has %d actors, want at least 90", n)
	}
	if n := len(b.Relations); n < 180 {
		t.Errorf("seed bundle has %d relations, want at least 180", n)
	}
	pieces := map[string]bool{}
	for _, s := range b.Sources {
		if s.ID == "pantucci-blog" {
			for _, p := range s.Pieces {
				pieces[p.ID] = true
			}
		}
	}
	if len(pieces) == 0 {
		t.Fatal("source pantucci-blog with its pieces is missing")
	}
	checkEvidence := func(entry string, es []graph.Evidence) {
		if len(es) == 0 {
			t.Errorf("%s has no evidence", entry)
		}
		for j, e := range es {
			if e.Source == "pantucci-blog" && !pieces[e.Piece] {
				t.Errorf("%s evidence[%d] cites pantucci-blog with piece %q; name one of its pieces", entry, j, e.Piece)
			}
			if n := utf8.RuneCountInString(e.Quote); n > 400 {
				t.Errorf("%s evidence[%d]: quote is %d characters; keep it under 400", entry, j, n)
			}
		}
	}
	for i, a := range b.Actors {
		checkEvidence(b.ActorFile(i)+": actor "+a.ID, a.Evidence)
	}
	for i, r := range b.Relations {
		checkEvidence(b.RelationFile(i)+": relation "+r.ID, r.Evidence)
	}
}

func TestSeedContestedCases(t *testing.T) {
	b := loadSeed(t)
	// Two groups claiming one event: contested CLAIMED_BY relations from
	// the same event to aqap and to islamic-state.
	claims := map[string][]string{} // event -> organizations with a contested claim
	for _, r := range b.Relations {
		if r.Type == "CLAIMED_BY" && r.Contested {
			claims[r.From] = append(claims[r.From], r.To)
		}
	}
	found := false
	for _, orgs := range claims {
		if slices.Contains(orgs, "aqap") && slices.Contains(orgs, "islamic-state") {
			found = true
		}
	}
	if !found {
		t.Errorf("no event has contested CLAIMED_BY relations to both aqap and islamic-state; contested claims: %v", claims)
	}

	// A relation that some evidence argues against: kept, contested, with
	// the refuting evidence.
	refuted := 0
	for _, r := range b.Relations {
		for _, e := range r.Evidence {
			if e.Stance == graph.Refutes {
				refuted++
				if !r.Contested {
					t.Errorf("relation %s has refuting evidence but is not contested", r.ID)
				}
				break
			}
		}
	}
	if refuted == 0 {
		t.Error("no relation has evidence with stance refutes")
	}
}

func TestSourceText(t *testing.T) {
	text, ok := SourceText("000_2100fd46e26e1fc8.txt")
	if !ok || !strings.Contains(text, "Cherif Kouachi") {
		t.Errorf("SourceText(000 file) = %d bytes, %v; want the Clarion text", len(text), ok)
	}
	for _, name := range []string{"", "nope.txt", "../data/sources.json", "sources/000_2100fd46e26e1fc8.txt"} {
		if _, ok := SourceText(name); ok {
			t.Errorf("SourceText(%q) found a text; want none", name)
		}
	}
}

func TestVerifyQuotes(t *testing.T) {
	b, err := LoadDir(filepath.Join("testdata", "good"))
	if err != nil {
		t.Fatal(err)
	}
	texts := map[string]string{"ok-src": "Intro.\n\nÖkay A met “B” in  Paris, and left."}
	text := func(id string) (string, bool) { s, ok := texts[id]; return s, ok }
	if ps := VerifyQuotes(b, text); len(ps) != 0 {
		t.Errorf("quotes differing only in white space and quote marks were rejected: %v", ps)
	}

	tests := []struct {
		name  string
		alter func(b *graph.Bundle)
		entry string
		field string
		msg   string
	}{
		{"accent dropped", func(b *graph.Bundle) { b.Relations[0].Evidence[0].Quote = `Okay A met "B" in Paris` },
			`relations[0] "ok-a--met--ok-b"`, "evidence[0].quote", "not in the text"},
		{"ellipsis", func(b *graph.Bundle) { b.Actors[0].Evidence[0].Quote = "Ökay A met … Paris" },
			`actors[0] "ok-a"`, "evidence[0].quote", "not in the text"},
		{"words joined across the text", func(b *graph.Bundle) { b.Actors[0].Evidence[0].Quote = "Intro. Ökay" },
			"", "", ""}, // white space runs match, so this one is found
		{"case changed", func(b *graph.Bundle) { b.Relations[0].Evidence[0].Quote = `ökay A met "B" in Paris` },
			`relations[0] "ok-a--met--ok-b"`, "evidence[0].quote", "not in the text"},
		{"source without text", func(b *graph.Bundle) { b.Relations[0].Evidence[0].Source = "other-src" },
			`relations[0] "ok-a--met--ok-b"`, "evidence[0].source", `source "other-src" has no text`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := LoadDir(filepath.Join("testdata", "good", "bundle.json"))
			if err != nil {
				t.Fatal(err)
			}
			tt.alter(b)
			ps := VerifyQuotes(b, text)
			if tt.entry == "" {
				if len(ps) != 0 {
					t.Errorf("got problems %v, want none", ps)
				}
				return
			}
			if len(ps) != 1 {
				t.Fatalf("got %d problems %v, want 1", len(ps), ps)
			}
			p := ps[0]
			if p.Entry != tt.entry || p.Field != tt.field || !strings.Contains(p.Message, tt.msg) ||
				p.File != filepath.Join("testdata", "good", "bundle.json") {
				t.Errorf("problem = %+v; want file testdata/good/bundle.json, entry %s, field %s, message with %q", p, tt.entry, tt.field, tt.msg)
			}
		})
	}
}

// wantProblem is a problem a broken bundle must produce.
type wantProblem struct {
	entry, field, msg string
}

var brokenCases = []struct {
	file string
	want []wantProblem
}{
	{"unknown-type.json", []wantProblem{
		{`relations[0] "ut-a--knows--ut-b"`, "type", `unknown relation type "KNOWS"`},
		{`relations[2] "ut-b--befriended--ut-a"`, "type", `unknown relation type "befriended"`},
	}},
	{"kind-rules.json", []wantProblem{
		{`actors[4] "kr-bad-kind"`, "kind", `must be person, organization, event or place, not "persn"`},
		{`relations[0] "kr-person--member-of--kr-place"`, "type", "MEMBER_OF goes person|organization -> organization, not person -> place"},
		{`relations[2] "kr-event--occurred-in--kr-person"`, "type", "OCCURRED_IN goes event -> place, not event -> person"},
	}},
	{"dangling-id.json", []wantProblem{
		{`relations[0] "di-a--met--di-ghost"`, "to", `no actor with id "di-ghost"`},
		{`relations[2] "di-nobody--met--di-b"`, "from", `no actor with id "di-nobody"`},
		{`relations[3] "di-b--associate-of--di-a"`, "evidence[0].source", `no source with id "di-no-such-source"`},
	}},
	{"duplicate-id.json", []wantProblem{
		{`sources[1] "dup-src"`, "id", "duplicate source id"},
		{`actors[2] "dup-a"`, "id", "duplicate actor id"},
		{`relations[1] "dup-a--met--dup-b"`, "id", "duplicate relation id"},
	}},
	{"bad-date.json", []wantProblem{
		{`actors[0] "bd-a"`, "", `bad date "2015-13-01"`},
		{`actors[2] "bd-c"`, "", `bad date "15-01-2015"`},
		{`actors[3] "bd-d"`, "end", "1985 is before start 1990"},
		{`relations[0] "bd-b--met--bd-d"`, "", `bad date "2015-02-30"`},
		{`relations[1] "bd-b--associate-of--bd-d"`, "valid_to", "2014-12 is before valid_from 2015"},
		{`relations[2] "bd-d--met--bd-b"`, "", "a date must be a string"},
	}},
	{"missing-evidence.json", []wantProblem{
		{`relations[0] "me-a--met--me-b"`, "evidence", "at least one piece of evidence"},
		{`relations[1] "me-a--associate-of--me-b"`, "evidence", "at least one piece of evidence"},
		{`relations[2] "me-b--met--me-a"`, "evidence[0].quote", "is required"},
		{`relations[2] "me-b--met--me-a"`, "evidence[0].stance", `must be supports or refutes, not "maybe"`},
		{`relations[2] "me-b--met--me-a"`, "evidence[0].claimant", "is required"},
		{`relations[2] "me-b--met--me-a"`, "evidence[0].reliability", "must be a letter A"},
		{`relations[2] "me-b--met--me-a"`, "evidence[0].credibility", "must be 1"},
	}},
	{"unknown-field.json", []wantProblem{
		{`sources[0] "uf-src"`, "", `unknown field "auther"`},
		{`actors[1] "uf-b"`, "", `unknown field "nmae"`},
		{`relations[0] "uf-a--met--uf-c"`, "", `unknown field "evidnce"`},
		{`relations[1] "uf-c--met--uf-a"`, "", `unknown field "qoute"`},
	}},
	{"piece-missing.json", []wantProblem{
		{`actors[0] "pm-a"`, "evidence[0].piece", `source "pm-blog" collects several pieces`},
		{`relations[0] "pm-a--met--pm-b"`, "evidence[0].piece", `source "pm-blog" collects several pieces`},
		{`relations[1] "pm-a--associate-of--pm-b"`, "evidence[0].piece", `source "pm-blog" has no piece "pm-p9"`},
	}},
	{"not-a-bundle.json", []wantProblem{
		{"bundle", "", "a bundle must be a JSON object"},
	}},
}

// checkProblems asserts that err is a *graph.ValidationError holding
// exactly the wanted problems (each in file), in any order.
func checkProblems(t *testing.T, err error, want map[string][]wantProblem) {
	t.Helper()
	var v *graph.ValidationError
	if !errors.As(err, &v) {
		t.Fatalf("error = %v (%T); want a *graph.ValidationError", err, err)
	}
	if code := graph.ErrorCode(err); code != graph.EINVALID {
		t.Errorf("ErrorCode = %q, want %q", code, graph.EINVALID)
	}
	got := slices.Clone(v.Problems)
	n := 0
	for file, ws := range want {
		for _, w := range ws {
			n++
			i := slices.IndexFunc(got, func(p graph.Problem) bool {
				return p.File == file && p.Entry == w.entry && p.Field == w.field && strings.Contains(p.Message, w.msg)
			})
			if i < 0 {
				t.Errorf("missing problem %s: %s.%s: ...%s...", file, w.entry, w.field, w.msg)
				continue
			}
			got = slices.Delete(got, i, i+1)
		}
	}
	for _, p := range got {
		t.Errorf("unexpected problem %s", p)
	}
	if len(v.Problems) != n {
		t.Errorf("%d problems reported, want %d", len(v.Problems), n)
	}
}

func TestLoadDirReportsEveryProblem(t *testing.T) {
	all := map[string][]wantProblem{}
	for _, tt := range brokenCases {
		path := filepath.Join("testdata", "broken", tt.file)
		all[path] = tt.want
		t.Run(strings.TrimSuffix(tt.file, ".json"), func(t *testing.T) {
			b, err := LoadDir(path)
			if b != nil {
				t.Errorf("LoadDir returned a bundle along with the problems")
			}
			checkProblems(t, err, map[string][]wantProblem{path: tt.want})
		})
	}
	// The whole directory at once: every problem of every file, decoding
	// and validation problems together.
	t.Run("directory", func(t *testing.T) {
		_, err := LoadDir(filepath.Join("testdata", "broken"))
		checkProblems(t, err, all)
	})
}

func TestLoadDir(t *testing.T) {
	for _, path := range []string{filepath.Join("testdata", "good"), filepath.Join("testdata", "good", "bundle.json")} {
		b, err := LoadDir(path)
		if err != nil {
			t.Fatalf("LoadDir(%s): %v", path, err)
		}
		if len(b.Sources) != 1 || len(b.Actors) != 2 || len(b.Relations) != 1 {
			t.Errorf("LoadDir(%s) = %d sources, %d actors, %d relations; want 1, 2, 1", path, len(b.Sources), len(b.Actors), len(b.Relations))
		}
		// Validation derived the confidence: B/2 is 0.8*0.8.
		if len(b.Relations) == 1 && b.Relations[0].Confidence != 0.64 {
			t.Errorf("confidence = %v, want 0.64 (derived)", b.Relations[0].Confidence)
		}
	}
	errTests := []struct {
		path, code string
	}{
		{filepath.Join("testdata", "no-such-dir"), graph.ENOTFOUND},
		{"testdata", graph.EINVALID}, // a directory without .json files
	}
	for _, tt := range errTests {
		_, err := LoadDir(tt.path)
		if got := graph.ErrorCode(err); got != tt.code {
			t.Errorf("LoadDir(%s) error %v: code %q, want %q", tt.path, err, got, tt.code)
		}
	}
}
