package graph

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// validBundle is a small bundle that breaks no rule.
func validBundle() *Bundle {
	ev := func(q string) []Evidence {
		return []Evidence{{Source: "news", Quote: q, Claimant: "Reporter", Reliability: "B", Credibility: 2}}
	}
	return &Bundle{
		Format: BundleFormat,
		Sources: []Source{
			{ID: "news", Title: "News"},
			{ID: "blog", Title: "Blog", Pieces: []Piece{{ID: "p1", Title: "One"}, {ID: "p2", Title: "Two"}}},
		},
		Actors: []Actor{
			{ID: "alice", Kind: Person, Name: "Alice", Start: MustDate("1980"), End: MustDate("2015"),
				Evidence: []Evidence{{Source: "blog", Piece: "p1", Quote: "Alice"}}},
			{ID: "bob", Kind: Person, Name: "Bob"},
			{ID: "group", Kind: Organization, Name: "Group"},
			{ID: "attack", Kind: Event, Name: "Attack"},
			{ID: "city", Kind: Place, Name: "City"},
		},
		Relations: []Relation{
			{ID: "alice--met--bob", Type: "MET", From: "alice", To: "bob", Evidence: ev("they met")},
			{ID: "alice--member-of--group", Type: "MEMBER_OF", From: "alice", To: "group", ValidFrom: MustDate("2010"), ValidTo: MustDate("2012"), Evidence: ev("member")},
			{ID: "attack--claimed-by--group", Type: "CLAIMED_BY", From: "attack", To: "group", Evidence: ev("claimed")},
			{ID: "attack--occurred-in--city", Type: "OCCURRED_IN", From: "attack", To: "city",
				Evidence: []Evidence{{Source: "blog", Piece: "p2", Quote: "in the city", Claimant: "Analyst", Reliability: "C", Credibility: 3, Stance: Refutes}}},
		},
	}
}

func TestValidateValid(t *testing.T) {
	b := validBundle()
	if err := b.Validate(nil); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	if c := b.Relations[0].Confidence; c != 0.64 {
		t.Errorf("Validate derived confidence %v, want 0.64", c)
	}
	if r := b.Relations[3]; !r.Contested || r.Evidence[0].Stance != Refutes {
		t.Errorf("refuted relation after Validate: %+v; want contested", r)
	}
	if s := b.Relations[0].Evidence[0].Stance; s != Supports {
		t.Errorf("default stance after Validate = %q, want supports", s)
	}
}

// catalog is an existing graph for Validate.
type catalog struct {
	kinds   map[string]Kind
	sources map[string]Source
}

func (c catalog) ActorKind(id string) (Kind, bool)      { k, ok := c.kinds[id]; return k, ok }
func (c catalog) LookupSource(id string) (Source, bool) { s, ok := c.sources[id]; return s, ok }

func TestValidateAgainstCatalog(t *testing.T) {
	b := &Bundle{Relations: []Relation{{ID: "x--met--y", Type: "MET", From: "x", To: "y",
		Evidence: []Evidence{{Source: "stored", Piece: "p", Quote: "q", Claimant: "c", Reliability: "A", Credibility: 1}}}}}
	err := b.Validate(nil)
	if err == nil || !strings.Contains(err.Error(), `no actor with id "x"`) || !strings.Contains(err.Error(), `no source with id "stored"`) {
		t.Errorf("Validate(nil) of a bundle that refers to stored entries: %v", err)
	}
	c := catalog{kinds: map[string]Kind{"x": Person, "y": Person}, sources: map[string]Source{"stored": {ID: "stored", Title: "S", Pieces: []Piece{{ID: "p"}}}}}
	if err := b.Validate(c); err != nil {
		t.Errorf("Validate(catalog): %v", err)
	}
	c.kinds["y"] = Place
	if err := b.Validate(c); err == nil || !strings.Contains(err.Error(), "MET goes person -> person, not person -> place") {
		t.Errorf("Validate with a stored place at one end: %v", err)
	}
}

func fill(xs []string, v string) {
	for i := range xs {
		xs[i] = v + strconv.Itoa(i)
	}
}

func TestValidateRules(t *testing.T) {
	long := strings.Repeat("x", MaxQuoteLen+1)
	tests := []struct {
		name   string
		break_ func(b *Bundle)
		entry  string
		field  string
		msg    string
	}{
		// Sources.
		{"source id", func(b *Bundle) { b.Sources[0].ID = "News Paper" }, `sources[0] "News Paper"`, "id", "lower-case slug"},
		{"duplicate source", func(b *Bundle) { b.Sources = append(b.Sources, Source{ID: "news", Title: "Again"}) }, `sources[2] "news"`, "id", "duplicate source id"},
		{"source title", func(b *Bundle) { b.Sources[0].Title = " " }, `sources[0] "news"`, "title", "is required"},
		{"piece id", func(b *Bundle) { b.Sources[1].Pieces[1].ID = "p1" }, `sources[1] "blog"`, "pieces[1].id", "unique lower-case slug"},
		{"piece slug", func(b *Bundle) { b.Sources[1].Pieces[0].ID = "P 1" }, `sources[1] "blog"`, "pieces[0].id", "unique lower-case slug"},
		// Actors.
		{"actor id", func(b *Bundle) { b.Actors[1].ID = "Bob" }, `actors[1] "Bob"`, "id", "lower-case slug"},
		{"duplicate actor", func(b *Bundle) { b.Actors = append(b.Actors, Actor{ID: "bob", Kind: Person, Name: "Bob 2"}) }, `actors[5] "bob"`, "id", "duplicate actor id"},
		{"actor kind", func(b *Bundle) { b.Actors[1].Kind = "human" }, `actors[1] "bob"`, "kind", `not "human"`},
		{"actor name", func(b *Bundle) { b.Actors[1].Name = "" }, `actors[1] "bob"`, "name", "is required"},
		{"actor alias", func(b *Bundle) { b.Actors[1].Aliases = []string{"B", " "} }, `actors[1] "bob"`, "aliases[1]", "must not be empty"},
		{"actor dates", func(b *Bundle) { b.Actors[0].End = MustDate("1979-12") }, `actors[0] "alice"`, "end", "1979-12 is before start 1980"},
		{"actor evidence source", func(b *Bundle) { b.Actors[0].Evidence[0].Source = "" }, `actors[0] "alice"`, "evidence[0].source", "is required"},
		{"actor evidence unknown source", func(b *Bundle) { b.Actors[0].Evidence[0].Source = "tv" }, `actors[0] "alice"`, "evidence[0].source", `no source with id "tv"`},
		{"actor evidence piece", func(b *Bundle) { b.Actors[0].Evidence[0].Piece = "" }, `actors[0] "alice"`, "evidence[0].piece", "collects several pieces"},
		{"actor evidence quote", func(b *Bundle) { b.Actors[0].Evidence[0].Quote = "" }, `actors[0] "alice"`, "evidence[0].quote", "is required"},
		// Relations.
		{"relation id", func(b *Bundle) { b.Relations[0].ID = "Alice met Bob" }, `relations[0] "Alice met Bob"`, "id", "lower-case letters and digits"},
		{"duplicate relation", func(b *Bundle) { b.Relations = append(b.Relations, b.Relations[0]) }, `relations[4] "alice--met--bob"`, "id", "duplicate relation id"},
		{"unknown type", func(b *Bundle) { b.Relations[0].Type = "KNOWS" }, `relations[0] "alice--met--bob"`, "type", `unknown relation type "KNOWS"`},
		{"type case", func(b *Bundle) { b.Relations[0].Type = "met" }, `relations[0] "alice--met--bob"`, "type", `unknown relation type "met"`},
		{"unknown from", func(b *Bundle) { b.Relations[0].From = "carol" }, `relations[0] "alice--met--bob"`, "from", `no actor with id "carol"`},
		{"unknown to", func(b *Bundle) { b.Relations[0].To = "carol" }, `relations[0] "alice--met--bob"`, "to", `no actor with id "carol"`},
		{"self", func(b *Bundle) { b.Relations[0].To = "alice" }, `relations[0] "alice--met--bob"`, "to", "cannot join an actor to itself"},
		{"kinds", func(b *Bundle) { b.Relations[1].To = "city" }, `relations[1] "alice--member-of--group"`, "type", "MEMBER_OF goes person|organization -> organization, not person -> place"},
		{"kinds reversed", func(b *Bundle) { b.Relations[2].From, b.Relations[2].To = "group", "attack" }, `relations[2] "attack--claimed-by--group"`, "type", "CLAIMED_BY goes event -> organization, not organization -> event"},
		{"relation dates", func(b *Bundle) { b.Relations[1].ValidTo = MustDate("2009-12-31") }, `relations[1] "alice--member-of--group"`, "valid_to", "2009-12-31 is before valid_from 2010"},
		{"no evidence", func(b *Bundle) { b.Relations[0].Evidence = nil }, `relations[0] "alice--met--bob"`, "evidence", "at least one piece of evidence"},
		{"evidence unknown source", func(b *Bundle) { b.Relations[0].Evidence[0].Source = "tv" }, `relations[0] "alice--met--bob"`, "evidence[0].source", `no source with id "tv"`},
		{"evidence piece missing", func(b *Bundle) { b.Relations[3].Evidence[0].Piece = "" }, `relations[3] "attack--occurred-in--city"`, "evidence[0].piece", `source "blog" collects several pieces`},
		{"evidence unknown piece", func(b *Bundle) { b.Relations[3].Evidence[0].Piece = "p3" }, `relations[3] "attack--occurred-in--city"`, "evidence[0].piece", `source "blog" has no piece "p3"`},
		{"evidence quote", func(b *Bundle) { b.Relations[0].Evidence[0].Quote = "\n" }, `relations[0] "alice--met--bob"`, "evidence[0].quote", "is required"},
		{"evidence quote length", func(b *Bundle) { b.Relations[0].Evidence[0].Quote = long }, `relations[0] "alice--met--bob"`, "evidence[0].quote", "at most 2000"},
		{"evidence stance", func(b *Bundle) { b.Relations[0].Evidence[0].Stance = "neutral" }, `relations[0] "alice--met--bob"`, "evidence[0].stance", `not "neutral"`},
		{"evidence claimant", func(b *Bundle) { b.Relations[0].Evidence[0].Claimant = "" }, `relations[0] "alice--met--bob"`, "evidence[0].claimant", "is required"},
		{"evidence reliability", func(b *Bundle) { b.Relations[0].Evidence[0].Reliability = "G" }, `relations[0] "alice--met--bob"`, "evidence[0].reliability", "A (completely reliable) to F"},
		{"evidence reliability lower case", func(b *Bundle) { b.Relations[0].Evidence[0].Reliability = "b" }, `relations[0] "alice--met--bob"`, "evidence[0].reliability", "A (completely reliable) to F"},
		{"evidence credibility", func(b *Bundle) { b.Relations[0].Evidence[0].Credibility = 0 }, `relations[0] "alice--met--bob"`, "evidence[0].credibility", "1 (confirmed) to 6"},
		{"evidence credibility high", func(b *Bundle) { b.Relations[0].Evidence[0].Credibility = 7 }, `relations[0] "alice--met--bob"`, "evidence[0].credibility", "1 (confirmed) to 6"},
		// Caps (caps.go): every text and list is bounded, and the problem
		// names the cap.
		{"name length", func(b *Bundle) { b.Actors[1].Name = strings.Repeat("Bob ", 30_000_000/4) }, `actors[1] "bob"`, "name", "is 30000000 bytes long; at most 200 bytes"},
		{"alias length", func(b *Bundle) { b.Actors[1].Aliases = []string{"B", strings.Repeat("b", MaxNameLen+1)} }, `actors[1] "bob"`, "aliases[1]", "at most 200 bytes"},
		{"alias count", func(b *Bundle) { b.Actors[1].Aliases = make([]string, MaxAliases+1); fill(b.Actors[1].Aliases, "B") }, `actors[1] "bob"`, "aliases", "has 51 aliases; at most 50"},
		{"description length", func(b *Bundle) { b.Actors[1].Description = strings.Repeat("d", MaxDescriptionLen+1) }, `actors[1] "bob"`, "description", "at most 2000 bytes"},
		{"actor evidence count", func(b *Bundle) {
			b.Actors[2].Evidence = slices.Repeat([]Evidence{{Source: "news", Quote: "q"}}, MaxEvidence+1)
		}, `actors[2] "group"`, "evidence", "has 101 pieces of evidence; at most 100"},
		{"relation evidence count", func(b *Bundle) { b.Relations[0].Evidence = slices.Repeat(b.Relations[0].Evidence, MaxEvidence+1) }, `relations[0] "alice--met--bob"`, "evidence", "at most 100"},
		{"role length", func(b *Bundle) { b.Relations[0].Role = strings.Repeat("r", MaxFieldLen+1) }, `relations[0] "alice--met--bob"`, "role", "at most 300 bytes"},
		{"claimant length", func(b *Bundle) { b.Relations[0].Evidence[0].Claimant = strings.Repeat("c", MaxFieldLen+1) }, `relations[0] "alice--met--bob"`, "evidence[0].claimant", "at most 300 bytes"},
		{"source title length", func(b *Bundle) { b.Sources[0].Title = strings.Repeat("t", MaxFieldLen+1) }, `sources[0] "news"`, "title", "at most 300 bytes"},
		{"source url length", func(b *Bundle) { b.Sources[0].URL = "https://x.org/" + strings.Repeat("u", MaxURLLen) }, `sources[0] "news"`, "url", "at most 2000 bytes"},
		{"piece title length", func(b *Bundle) { b.Sources[1].Pieces[0].Title = strings.Repeat("t", MaxFieldLen+1) }, `sources[1] "blog"`, "pieces[0].title", "at most 300 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := validBundle()
			tt.break_(b)
			err := b.Validate(nil)
			var v *ValidationError
			if !errors.As(err, &v) {
				t.Fatalf("Validate = %v; want a *ValidationError", err)
			}
			found := false
			for _, p := range v.Problems {
				if p.Entry == tt.entry && p.Field == tt.field && strings.Contains(p.Message, tt.msg) {
					found = true
				}
			}
			if !found {
				t.Errorf("problems %v; want one with entry %s, field %s, message with %q", v.Problems, tt.entry, tt.field, tt.msg)
			}
		})
	}

	// Every problem at once, not only the first: break independent entries
	// of one bundle and expect each problem.
	b := validBundle()
	var want []string
	for _, tt := range tests {
		switch tt.name {
		case "source title", "piece slug", "actor alias", "actor dates", "unknown type", "relation dates", "evidence piece missing", "evidence credibility":
			tt.break_(b)
			want = append(want, tt.entry+"."+tt.field)
		}
	}
	var v *ValidationError
	if err := b.Validate(nil); !errors.As(err, &v) {
		t.Fatalf("Validate = %v", err)
	}
	for _, w := range want {
		found := false
		for _, p := range v.Problems {
			found = found || p.Entry+"."+p.Field == w
		}
		if !found {
			t.Errorf("no problem for %s among %v", w, v.Problems)
		}
	}
}

func TestDecodeBundle(t *testing.T) {
	const doc = `{"format": "actorgraph-bundle/1",
	 "sources": [{"id": "news", "title": "News"}],
	 "actors": [
	   {"id": "alice", "kind": "person", "name": "Alice", "start": "1980-02-30"},
	   {"id": "bob", "kind": "person", "name": "Bob", "birth": "1980"},
	   {"id": "carol", "kind": "person", "name": "Carol"},
	   {"id": "dave", "kind": "person", "name": ""}
	 ],
	 "relations": [
	   {"id": "carol--met--dave", "type": "MET", "from": "carol", "to": "dave", "evidence": [{"source": "news", "quote": "q", "claimant": "c", "reliability": "A", "credibility": 1}]},
	   {"id": "carol--met--bob", "type": "MET", "from": "carol", "to": "bob", "evidence": [{"source": "news", "quote": "q", "claimant": "c", "reliability": "A", "credibility": "1"}]},
	   {"id": "carol--met--alice", "type": "MET", "from": "carol", "to": "alice", "evidence": [{"source": "news", "quote": "q", "claimant": "c", "reliability": "A", "credibility": 1}]}
	 ]}`
	b, ps := DecodeBundle(strings.NewReader(doc), "people.json")
	want := []Problem{
		{File: "people.json", Entry: `actors[0] "alice"`, Message: `bad date "1980-02-30"`},
		{File: "people.json", Entry: `actors[1] "bob"`, Message: `unknown field "birth"`},
		{File: "people.json", Entry: `relations[1] "carol--met--bob"`, Field: "evidence.credibility", Message: "must be a whole number, not a string"},
	}
	if len(ps) != len(want) {
		t.Fatalf("DecodeBundle problems %v; want %d", ps, len(want))
	}
	for i, p := range ps {
		if p.File != want[i].File || p.Entry != want[i].Entry || p.Field != want[i].Field || !strings.Contains(p.Message, want[i].Message) {
			t.Errorf("problem %d = %+v; want %+v", i, p, want[i])
		}
		if strings.Contains(p.Message, "Go ") || strings.Contains(p.Message, "unmarshal") {
			t.Errorf("problem %d speaks Go: %s", i, p.Message)
		}
	}
	if b.Incomplete() {
		t.Errorf("a document read to its end is Incomplete")
	}
	if len(b.Actors) != 2 || len(b.Relations) != 2 || len(b.Sources) != 1 {
		t.Fatalf("decoded %d actors, %d relations; want the 2 and 2 that decode", len(b.Actors), len(b.Relations))
	}
	// Validate reports the problems of decoding first, then those of the
	// entries that decoded, which name the entry's position in its file,
	// even after entries before it failed to decode. The relation to
	// alice, who failed to decode, gets no problem of its own: alice's
	// says what to fix.
	err := b.Validate(nil)
	var v *ValidationError
	if !errors.As(err, &v) {
		t.Fatalf("Validate = %v", err)
	}
	wantV := append(want, Problem{File: "people.json", Entry: `actors[3] "dave"`, Field: "name", Message: "is required"})
	if len(v.Problems) != len(wantV) {
		t.Fatalf("Validate problems %v; want %v", v.Problems, wantV)
	}
	for i, p := range v.Problems {
		w := wantV[i]
		if p.File != w.File || p.Entry != w.Entry || p.Field != w.Field || !strings.Contains(p.Message, w.Message) {
			t.Errorf("validation problem %d = %+v; want %+v", i, p, w)
		}
	}

	// Documents that are not bundles, or not whole ones, are reported as
	// such; null, {} and a bundle without its format are not empty
	// bundles.
	for _, tt := range []struct {
		doc, field, msg string
		incomplete      bool
	}{
		{`[1, 2]`, "", "a bundle must be a JSON object", true},
		{`null`, "", "must be a JSON object {\"format\": \"actorgraph-bundle/1\", \"sources\": [...], \"actors\": [...], \"relations\": [...]}, not null", true},
		{`"bundle"`, "", "not a string", true},
		{`{}`, "format", `is required: "actorgraph-bundle/1"`, false},
		{`{"actors": []}`, "format", `is required`, false},
		{`{"format": "actorgraph-bundle/1", "actor": []}`, "", `unknown field "actor"`, false},
		{`{"format": "other/2"}`, "format", `must be "actorgraph-bundle/1", not "other/2"`, false},
		{`{"format": 1}`, "format", `must be "actorgraph-bundle/1", not 1`, false},
		{`{"format": "actorgraph-bundle/1", "actors": {"id": "x"}}`, "actors", "must be a list of actors, not an object", false},
		{`{"format": "actorgraph-bundle/1", "relations": null}`, "relations", "must be a list of relations, not null", false},
		{`{"format": "actorgraph-bundle/1"} {}`, "", "unexpected data after", true},
		{`{"format": "actorgraph-bundle/1", "actors": [{"id": "a"},`, "", "ends in the middle", true},
		{`{"format": "actorgraph-bundle/1", "actors": [{"id": "a"} x]}`, "", "not valid JSON at byte", true},
		{``, "", "the document is empty", true},
	} {
		b, ps := DecodeBundle(strings.NewReader(tt.doc), "f.json")
		if len(ps) != 1 || ps[0].File != "f.json" || ps[0].Entry != "bundle" || ps[0].Field != tt.field || !strings.Contains(ps[0].Message, tt.msg) {
			t.Errorf("DecodeBundle(%q) problems %v; want one about the bundle's %q saying %q", tt.doc, ps, tt.field, tt.msg)
		}
		if b.Incomplete() != tt.incomplete {
			t.Errorf("DecodeBundle(%q).Incomplete() = %v", tt.doc, b.Incomplete())
		}
		if b.Validate(nil) == nil {
			t.Errorf("DecodeBundle(%q) validates", tt.doc)
		}
	}
}

// TestDecodeEntryMessages checks that an entry of the wrong shape is
// described in JSON's words, with the field, and that the other entries are
// still decoded and checked.
func TestDecodeEntryMessages(t *testing.T) {
	const doc = `{"format": "actorgraph-bundle/1",
	 "sources": [{"id": "news", "title": "News"}, ["not", "an", "object"], {"id": "blog", "title": 7}],
	 "actors": [
	   {"id": "a", "kind": "person", "name": "A", "aliases": "A1"},
	   {"id": "b", "kind": "person", "name": "B", "aliases": [1]},
	   {"id": "c", "kind": "person", "name": "C", "start": 1999},
	   {"id": "d", "kind": "person", "name": ""},
	   7
	 ],
	 "relations": [
	   {"id": "a--met--d", "type": "MET", "from": "a", "to": "d", "evidence": {"source": "news"}},
	   {"id": "d--met--e", "type": "MET", "from": "d", "to": "e", "evidence": [{"source": "blog", "quote": "q", "claimant": "c", "reliability": "A", "credibility": 1}]},
	   {"id": "d--met--x", "type": "MET", "from": "d", "to": "x", "evidence": [{"source": "news", "quote": "q", "claimant": "c", "reliability": "A", "credibility": 1.5}]}
	 ]}`
	b, _ := DecodeBundle(strings.NewReader(doc), "")
	var v *ValidationError
	if err := b.Validate(nil); !errors.As(err, &v) {
		t.Fatalf("Validate = %v", err)
	}
	want := []string{
		`sources[1]: must be an object, not a list`,
		`sources[2] "blog".title: must be a string, not a number`,
		`actors[0] "a".aliases: must be a list of strings, not a string`,
		`actors[1] "b".aliases: must be a string, not a number`,
		`actors[2] "c": a date must be a string such as "2015-01-07"`,
		`actors[4]: must be an object, not a number`,
		`relations[0] "a--met--d".evidence: must be a list, not an object`,
		`relations[2] "d--met--x".evidence.credibility: must be a whole number, not 1.5`,
		`actors[3] "d".name: is required`,
		`relations[1] "d--met--e".to: no actor with id "e"`,
	}
	var got []string
	for _, p := range v.Problems {
		got = append(got, p.String())
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestAppendKeepsFiles(t *testing.T) {
	dec := func(doc, file string) *Bundle {
		b, ps := DecodeBundle(strings.NewReader(doc), file)
		if len(ps) != 0 {
			t.Fatalf("%s: %v", file, ps)
		}
		return b
	}
	// A bundle built in code, then two files appended.
	all := &Bundle{Actors: []Actor{{ID: "coded", Kind: Person, Name: "In code"}}}
	all.Append(dec(`{"format": "actorgraph-bundle/1", "actors": [{"id": "a1", "kind": "person", "name": ""}]}`, "one.json"))
	all.Append(dec(`{"format": "actorgraph-bundle/1", "sources": [{"id": "s", "title": "S"}], "actors": [{"id": "b1", "kind": "person", "name": "B"}, {"id": "b2", "kind": "person", "name": " "}],
	  "relations": [{"id": "b1--met--zz", "type": "MET", "from": "b1", "to": "zz", "evidence": [{"source": "s", "quote": "q", "claimant": "c", "reliability": "A", "credibility": 1}]}]}`, "two.json"))
	if all.Format != BundleFormat {
		t.Errorf("Append left format %q", all.Format)
	}
	if f := all.ActorFile(0); f != "" {
		t.Errorf("ActorFile(0) of an actor built in code = %q, want none", f)
	}
	if f := all.ActorFile(2); f != "two.json" {
		t.Errorf("ActorFile(2) = %q, want two.json", f)
	}
	if f := all.RelationFile(0); f != "two.json" {
		t.Errorf("RelationFile(0) = %q, want two.json", f)
	}
	if f := all.ActorFile(99); f != "" {
		t.Errorf("ActorFile(out of range) = %q", f)
	}
	var v *ValidationError
	if err := all.Validate(nil); !errors.As(err, &v) {
		t.Fatalf("Validate = %v", err)
	}
	want := []string{
		`one.json: actors[0] "a1".name: is required`,
		`two.json: actors[1] "b2".name: is required`,
		`two.json: relations[0] "b1--met--zz".to: no actor with id "zz"`,
	}
	if len(v.Problems) != len(want) {
		t.Fatalf("problems %v; want %v", v.Problems, want)
	}
	for i, p := range v.Problems {
		if p.String() != want[i] {
			t.Errorf("problem %d = %q, want %q", i, p, want[i])
		}
	}
}

func TestBundleJSONRoundTrip(t *testing.T) {
	b := validBundle()
	if err := b.Validate(nil); err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	back, ps := DecodeBundle(strings.NewReader(string(data)), "round.json")
	if len(ps) != 0 {
		t.Fatalf("re-decoding an encoded bundle: %v", ps)
	}
	if err := back.Validate(nil); err != nil {
		t.Fatal(err)
	}
	again, _ := json.Marshal(back)
	if string(again) != string(data) {
		t.Errorf("bundle JSON round trip differs:\n%s\n%s", data, again)
	}
}

// bigBundle has n relations among a few hundred actors, with problems
// sprinkled over it: duplicate ids (near and far from the first), unknown
// ends and types, bad evidence, several problems in one relation.
func bigBundle(n int) *Bundle {
	b := &Bundle{Format: BundleFormat, Sources: []Source{{ID: "news", Title: "News"}}}
	for i := range 300 {
		b.Actors = append(b.Actors, Actor{ID: fmt.Sprintf("p%d", i), Kind: Person, Name: fmt.Sprintf("P %d", i)})
	}
	for i := range n {
		r := Relation{ID: fmt.Sprintf("r%d", i), Type: "MET", From: fmt.Sprintf("p%d", i%300), To: fmt.Sprintf("p%d", (i*7+1)%300),
			Evidence: []Evidence{{Source: "news", Quote: "q", Claimant: "c", Reliability: "B", Credibility: 2}}}
		if r.From == r.To {
			r.To = "p299"
		}
		switch {
		case i%5003 == 17:
			r.ID = fmt.Sprintf("r%d", i-1) // duplicate of the one before
		case i%7919 == 5:
			r.ID = "r3" // duplicate of an early one
			r.Type = "NO_SUCH_TYPE"
		case i%6007 == 11:
			r.To = "nobody"
			r.Evidence[0].Source = "nowhere"
		case i%4001 == 3:
			r.Evidence = nil
		}
		b.Relations = append(b.Relations, r)
	}
	return b
}

// TestValidateParallel checks that validating a big bundle in chunks on
// several goroutines reports what one pass does, in the same order.
func TestValidateParallel(t *testing.T) {
	defer func(c int) { validateChunk = c }(validateChunk)
	validate := func(chunk int) []Problem {
		validateChunk = chunk
		b := bigBundle(50_000)
		var ve *ValidationError
		if err := b.Validate(nil); !errors.As(err, &ve) {
			t.Fatalf("chunk %d: %v, want a ValidationError", chunk, err)
		}
		for i := range b.Relations {
			if r := &b.Relations[i]; len(r.Evidence) > 0 && r.Confidence == 0 {
				t.Fatalf("chunk %d: relation %d not derived", chunk, i)
			}
		}
		return ve.Problems
	}
	want := validate(1 << 30)
	if len(want) < 40 {
		t.Fatalf("only %d problems", len(want))
	}
	for _, chunk := range []int{1000, 7777, 16 << 10} {
		got := validate(chunk)
		if len(got) != len(want) {
			t.Fatalf("chunk %d: %d problems, want %d", chunk, len(got), len(want))
		}
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("chunk %d: problem %d is %v, want %v", chunk, i, got[i], want[i])
			}
		}
	}
}

// FuzzDecodeBundle checks that any document decodes without a panic, that
// every problem is in JSON's words rather than Go's, and that a document
// with a problem never validates (so it is never imported in part).
func FuzzDecodeBundle(f *testing.F) {
	for _, s := range []string{
		`{"format": "actorgraph-bundle/1", "actors": [{"id": "a", "kind": "person", "name": "A"}]}`,
		`{"format": "actorgraph-bundle/1", "actors": [{"id": "a", "kind": 3}], "relations": [{"id": "x", "evidence": {}}]}`,
		`{"format": "actorgraph-bundle/1", "sources": [[1]], "zz": null}`,
		`null`, `{}`, `[]`, `{"format": "actorgraph-bundle/1"} 1`, `{"actors": [`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		b, ps := DecodeBundle(strings.NewReader(doc), "f.json")
		for _, p := range ps {
			if strings.Contains(p.Message, "Go ") || strings.Contains(p.Message, "unmarshal") || strings.Contains(p.Message, "struct {") {
				t.Errorf("problem in Go's words: %s", p)
			}
		}
		if len(ps) > 0 && b.Validate(nil) == nil {
			t.Errorf("%q: %d problems, yet the bundle validates", doc, len(ps))
		}
		if b.Incomplete() && len(ps) == 0 {
			t.Errorf("%q: incomplete without a problem", doc)
		}
	})
}
