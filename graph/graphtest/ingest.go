package graphtest

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph"
)

// The ingestion part of the suite: source texts and the quote checks they
// enable, proposals, review decisions and the audit log.

// ingestText is the text of source "src-text" of IngestFixture.
const ingestText = "Ana Lopez joined the Red Front in 2010.\n\nThe Red Front is based in Lyon. " +
	"“We never met Ana,” the Blue Cell said.   Ana Lopez met Jo Bell in Lyon; " +
	"the Blue Cell trained Jo Bell in Marseille. Élodie Durand was born in Lyon."

// IngestFixture returns a small bundle for the ingestion tests: a source
// with a text (src-text) and one without (src-plain), a person, an
// organization, places, a relation quoted from the text and a symmetric
// one. Every call returns a fresh, not yet validated copy.
func IngestFixture() *graph.Bundle {
	ev := func(src, quote string) []graph.Evidence {
		return []graph.Evidence{{Source: src, Quote: quote, Claimant: "The Paper", Stance: graph.Supports, Reliability: "B", Credibility: 2}}
	}
	return &graph.Bundle{
		Format: graph.BundleFormat,
		Sources: []graph.Source{
			{ID: "src-text", Title: "A report with its text", Publication: "The Paper", Date: graph.MustDate("2015-02-01"),
				Reliability: "B", Credibility: 2, Text: ingestText},
			{ID: "src-plain", Title: "A source without text", Publication: "Another Paper"},
		},
		Actors: []graph.Actor{
			{ID: "ana-lopez", Kind: graph.Person, Name: "Ana Lopez"},
			{ID: "jo-bell", Kind: graph.Person, Name: "Jo Bell"},
			{ID: "red-front", Kind: graph.Organization, Name: "Red Front"},
			{ID: "lyon", Kind: graph.Place, Name: "Lyon"},
			{ID: "marseille", Kind: graph.Place, Name: "Marseille"},
		},
		Relations: []graph.Relation{
			{ID: "ana-lopez--member-of--red-front", Type: "MEMBER_OF", From: "ana-lopez", To: "red-front",
				Evidence: ev("src-text", "Ana Lopez joined the Red Front in 2010.")},
			{ID: "ana-lopez--met--jo-bell", Type: "MET", From: "ana-lopez", To: "jo-bell",
				Evidence: ev("src-plain", "They met, says another paper.")},
		},
	}
}

// at is a fixed clock for records: whole milliseconds in UTC, which every
// store keeps exactly.
func at(minute int) time.Time { return time.Date(2025, 3, 1, 12, minute, 0, 0, time.UTC) }

// proposalAt returns a pending proposal of source src whose quote is the
// first occurrence of quote in text, with its sentence the same span.
func proposalAt(t *testing.T, src, text, id string, kind graph.ProposalKind, quote string) graph.Proposal {
	t.Helper()
	i := strings.Index(text, quote)
	if i < 0 {
		t.Fatalf("proposalAt: %q is not in the text", quote)
	}
	start := utf8.RuneCountInString(text[:i])
	end := start + utf8.RuneCountInString(quote)
	p := graph.Proposal{ID: id, Source: src, Kind: kind, Quote: quote, Start: start, End: end,
		SentenceStart: start, SentenceEnd: end, Stance: graph.Supports, Words: []string{"w"}, Score: 0.5,
		Status: graph.Pending, Created: at(0)}
	switch kind {
	case graph.ProposalMention:
		p.Mention = &graph.ProposedMention{ActorID: "ana-lopez", Name: "Ana Lopez", Kind: graph.Person, Text: "Ana Lopez", Why: "name"}
	case graph.ProposalActor:
		p.Actor = &graph.ProposedActor{Name: "Blue Cell", Kind: graph.Organization, Cue: "word Cell", Text: "Blue Cell", Count: 2}
	case graph.ProposalRelation:
		p.Relation = &graph.ProposedRelation{Type: "TRAINED_BY",
			From: graph.ProposalEnd{ID: "jo-bell", Name: "Jo Bell", Kind: graph.Person, Text: "Jo Bell"},
			To:   graph.ProposalEnd{Name: "Blue Cell", Kind: graph.Organization, Text: "Blue Cell"}, Pattern: "Y trained X"}
	}
	return p
}

func record(action, by string, minute int) graph.AuditRecord {
	return graph.AuditRecord{At: at(minute), By: by, Action: action, Changes: []graph.Change{}}
}

// sameProposal compares proposals, times by instant.
func sameProposal(a, b graph.Proposal) bool {
	if !a.Created.Equal(b.Created) {
		return false
	}
	a.Created, b.Created = time.Time{}, time.Time{}
	if (a.Decision == nil) != (b.Decision == nil) {
		return false
	}
	if a.Decision != nil {
		if !a.Decision.At.Equal(b.Decision.At) {
			return false
		}
		da, db := *a.Decision, *b.Decision
		da.At, db.At = time.Time{}, time.Time{}
		if len(da.Edits) == 0 {
			da.Edits = nil
		}
		if len(db.Edits) == 0 {
			db.Edits = nil
		}
		a.Decision, b.Decision = &da, &db
	}
	for _, p := range []*graph.Proposal{&a, &b} {
		if len(p.Words) == 0 {
			p.Words = nil
		}
		if p.Mention != nil && len(p.Mention.Others) == 0 {
			m := *p.Mention
			m.Others = nil
			p.Mention = &m
		}
	}
	return reflect.DeepEqual(a, b)
}

func audit(t *testing.T, s graph.Store, q graph.AuditQuery) []graph.AuditRecord {
	t.Helper()
	recs, err := s.Audit(t.Context(), q)
	if err != nil {
		t.Fatalf("Audit(%+v): %v", q, err)
	}
	return recs
}

func testTexts(t *testing.T, open Opener) {
	ctx := t.Context()
	s, m := load(t, open, IngestFixture())
	got, err := s.SourceText(ctx, "src-text")
	if err != nil || got != ingestText {
		t.Errorf("SourceText(src-text) = %q, %v; want the text", got, err)
	}
	_, err = s.SourceText(ctx, "src-plain")
	wantCode(t, err, graph.ENOTFOUND, "SourceText(src-plain), a source without text")
	_, err = s.SourceText(ctx, "no-such-source")
	wantCode(t, err, graph.ENOTFOUND, "SourceText(no-such-source)")
	srcs, err := s.Sources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i, src := range srcs {
		if !sameSource(src, m.sources[i]) {
			t.Errorf("Sources()[%d] = %+v, want %+v (no text, its length in code points)", i, src, m.sources[i])
		}
	}
	one, err := s.Source(ctx, "src-text")
	if err != nil || one.Text != "" || one.TextLength != utf8.RuneCountInString(ingestText) {
		t.Errorf("Source(src-text) = %+v, %v; want no text and text_length %d", one, err, utf8.RuneCountInString(ingestText))
	}

	// Importing the source again without its text keeps the text; with
	// another text is refused, and nothing changes.
	b := IngestFixture()
	b.Sources[0].Text = ""
	if _, err := s.Import(ctx, b); err != nil {
		t.Fatalf("Import without the text: %v", err)
	}
	if got, err := s.SourceText(ctx, "src-text"); err != nil || got != ingestText {
		t.Errorf("SourceText after an import without text = %q, %v; want the text kept", got, err)
	}
	b = IngestFixture()
	b.Sources[0].Text = ingestText + " More."
	b.Actors = append(b.Actors, graph.Actor{ID: "late-actor", Kind: graph.Person, Name: "Late Actor"})
	_, err = s.Import(ctx, b)
	wantCode(t, err, graph.EINVALID, "Import changing a stored text")
	if _, err := s.Actor(ctx, "late-actor"); graph.ErrorCode(err) != graph.ENOTFOUND {
		t.Errorf("a refused import wrote actor late-actor (%v)", err)
	}
	// A source without text may get one.
	b = &graph.Bundle{Format: graph.BundleFormat, Sources: []graph.Source{{ID: "src-plain", Title: "A source without text",
		Publication: "Another Paper", Text: "They met, says another paper. Nothing else."}}}
	if _, err := s.Import(ctx, b); err != nil {
		t.Errorf("Import giving src-plain a text: %v", err)
	}

	// Quotes are checked against the text: on relation create, on add
	// evidence, on import, on actor evidence.
	ev := graph.Evidence{Source: "src-text", Quote: "The Red Front   is based in\nLyon.", Claimant: "The Paper", Reliability: "B", Credibility: 2}
	r, err := s.CreateRelation(ctx, graph.Relation{Type: "BASED_IN", From: "red-front", To: "lyon", Evidence: []graph.Evidence{ev}})
	if err != nil {
		t.Errorf("CreateRelation with a quote differing only in white space: %v", err)
	}
	typo := ev
	typo.Quote = "\"We never met Ana,\" the Blue Cell said." // straight quote marks for typographic ones
	if _, err := s.AddEvidence(ctx, r.ID, typo); err != nil {
		t.Errorf("AddEvidence with straight quote marks for typographic ones: %v", err)
	}
	bad := ev
	bad.Quote = "The Red Front is based in Paris, where it trains recruits."
	_, err = s.CreateRelation(ctx, graph.Relation{Type: "BASED_IN", From: "red-front", To: "marseille", Evidence: []graph.Evidence{bad}})
	wantCode(t, err, graph.EINVALID, "CreateRelation with a quote not in the text")
	if msg := graph.ErrorMessage(err); !strings.Contains(msg, "src-text") || !strings.Contains(msg, "The Red Front is based in Paris") {
		t.Errorf("the error %q should name the source and the quote's first words", msg)
	}
	if rs := allRelations(t, s); len(rs) != 3 {
		t.Errorf("after a refused CreateRelation the store holds %d relations, want 3", len(rs))
	}
	before, _ := s.Relation(ctx, r.ID)
	_, err = s.AddEvidence(ctx, r.ID, bad)
	wantCode(t, err, graph.EINVALID, "AddEvidence with a quote not in the text")
	if after, _ := s.Relation(ctx, r.ID); len(after.Evidence) != len(before.Evidence) {
		t.Errorf("a refused AddEvidence changed the relation: %d pieces, want %d", len(after.Evidence), len(before.Evidence))
	}
	b = &graph.Bundle{Format: graph.BundleFormat, Relations: []graph.Relation{{ID: "red-front--based-in--marseille",
		Type: "BASED_IN", From: "red-front", To: "marseille", Evidence: []graph.Evidence{bad}}}}
	_, err = s.Import(ctx, b)
	wantCode(t, err, graph.EINVALID, "Import of a relation whose quote is not in the text")
	_, err = s.CreateActor(ctx, graph.Actor{ID: "blue-cell", Kind: graph.Organization, Name: "Blue Cell",
		Evidence: []graph.Evidence{{Source: "src-text", Quote: "the Blue Cell is a front"}}})
	wantCode(t, err, graph.EINVALID, "CreateActor with evidence whose quote is not in the text")
	// A source without text checks nothing.
	b = &graph.Bundle{Format: graph.BundleFormat, Sources: []graph.Source{{ID: "src-none", Title: "No text"}},
		Relations: []graph.Relation{{ID: "jo-bell--based-in--lyon", Type: "BASED_IN", From: "jo-bell", To: "lyon",
			Evidence: []graph.Evidence{{Source: "src-none", Quote: "anything", Claimant: "X", Reliability: "C", Credibility: 3}}}}}
	if _, err := s.Import(ctx, b); err != nil {
		t.Errorf("Import citing a source without text: %v", err)
	}
}

// createSource stores src-new with the given proposals.
func createSource(t *testing.T, s graph.Store, text string, ps []graph.Proposal) graph.Source {
	t.Helper()
	src := graph.Source{ID: "src-new", Title: "A new article", Publication: "The Paper", Date: graph.MustDate("2025-02-28"),
		Reliability: "C", Credibility: 3, URL: "https://example.org/new", Text: text}
	got, err := s.CreateSource(t.Context(), src, ps, record(graph.AuditCreateSource, "alice", 1))
	if err != nil {
		t.Fatalf("CreateSource: %v", err)
	}
	return got
}

const newText = "Ana Lopez trained Jo Bell. The Blue Cell trained Jo Bell in 2012, police said. " +
	"The Blue Cell is based in Marseille."

func newProposals(t *testing.T) []graph.Proposal {
	return []graph.Proposal{
		proposalAt(t, "src-new", newText, "src-new.m1", graph.ProposalMention, "Ana Lopez"),
		proposalAt(t, "src-new", newText, "src-new.a1", graph.ProposalActor, "The Blue Cell trained Jo Bell in 2012, police said."),
		proposalAt(t, "src-new", newText, "src-new.r1", graph.ProposalRelation, "The Blue Cell trained Jo Bell in 2012"),
		proposalAt(t, "src-new", newText, "src-new.r2", graph.ProposalRelation, "The Blue Cell is based in Marseille."),
	}
}

func testProposals(t *testing.T, open Opener) {
	ctx := t.Context()
	s, _ := load(t, open, IngestFixture())
	ps := newProposals(t)
	src := createSource(t, s, newText, ps)
	if src.Text != "" || src.TextLength != utf8.RuneCountInString(newText) || src.ID != "src-new" {
		t.Errorf("CreateSource = %+v; want src-new without its text, of length %d", src, utf8.RuneCountInString(newText))
	}
	if got, err := s.Source(ctx, "src-new"); err != nil || !sameSource(got, src) {
		t.Errorf("Source(src-new) = %+v, %v; want %+v", got, err, src)
	}
	if got, err := s.SourceText(ctx, "src-new"); err != nil || got != newText {
		t.Errorf("SourceText(src-new) = %q, %v", got, err)
	}
	page, err := s.Proposals(ctx, graph.ProposalFilter{Source: "src-new"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"src-new.m1", "src-new.a1", "src-new.r1", "src-new.r2"} // by start, then id
	if page.Total != 4 || len(page.Proposals) != 4 {
		t.Fatalf("Proposals(src-new) = %d of %d, want 4", len(page.Proposals), page.Total)
	}
	for i, p := range page.Proposals {
		if p.ID != want[i] {
			t.Errorf("Proposals(src-new)[%d] = %s, want %s", i, p.ID, want[i])
		}
	}
	for _, p := range ps {
		got, err := s.Proposal(ctx, p.ID)
		if err != nil || !sameProposal(got, p) {
			t.Errorf("Proposal(%s):\n got  %+v, %v\n want %+v", p.ID, got, err, p)
		}
	}
	_, err = s.Proposal(ctx, "no-such-proposal")
	wantCode(t, err, graph.ENOTFOUND, "Proposal(no-such-proposal)")
	recs := audit(t, s, graph.AuditQuery{})
	if len(recs) != 1 || recs[0].Seq != 1 || recs[0].By != "alice" || recs[0].Action != graph.AuditCreateSource || !recs[0].At.Equal(at(1)) {
		t.Errorf("Audit after CreateSource = %+v; want one record, seq 1, by alice", recs)
	}

	// Filters and pages.
	for _, c := range []struct {
		f    graph.ProposalFilter
		want []string
	}{
		{graph.ProposalFilter{Kind: graph.ProposalRelation}, []string{"src-new.r1", "src-new.r2"}},
		{graph.ProposalFilter{Status: graph.Pending, Kind: graph.ProposalActor}, []string{"src-new.a1"}},
		{graph.ProposalFilter{Status: graph.Accepted}, nil},
		{graph.ProposalFilter{Source: "src-text"}, nil},
		{graph.ProposalFilter{Limit: 2, Offset: 1}, []string{"src-new.a1", "src-new.r1"}},
		{graph.ProposalFilter{Offset: 10}, nil},
	} {
		page, err := s.Proposals(ctx, c.f)
		if err != nil {
			t.Errorf("Proposals(%+v): %v", c.f, err)
			continue
		}
		var got []string
		for _, p := range page.Proposals {
			got = append(got, p.ID)
		}
		wantTotal := len(c.want)
		if c.f.Limit == 2 || c.f.Offset == 10 {
			wantTotal = 4
		}
		if !reflect.DeepEqual(got, c.want) || page.Total != wantTotal {
			t.Errorf("Proposals(%+v) = %v of %d, want %v of %d", c.f, got, page.Total, c.want, wantTotal)
		}
	}
	for _, f := range []graph.ProposalFilter{{Status: "maybe"}, {Kind: "event"}, {Limit: graph.MaxPage + 1}, {Offset: -1}} {
		_, err := s.Proposals(ctx, f)
		wantCode(t, err, graph.EINVALID, fmt.Sprintf("Proposals(%+v)", f))
	}

	// A refused source writes nothing: no source, no proposal, no record.
	badSource := func(name, code string, src graph.Source, ps []graph.Proposal) {
		t.Helper()
		_, err := s.CreateSource(ctx, src, ps, record(graph.AuditCreateSource, "alice", 2))
		wantCode(t, err, code, "CreateSource: "+name)
		if _, err := s.Source(ctx, src.ID); src.ID != "src-new" && graph.ErrorCode(err) != graph.ENOTFOUND {
			t.Errorf("CreateSource (%s) failed but stored the source (%v)", name, err)
		}
		if page, _ := s.Proposals(ctx, graph.ProposalFilter{}); page.Total != 4 {
			t.Errorf("CreateSource (%s) failed but the store holds %d proposals, want 4", name, page.Total)
		}
		if recs := audit(t, s, graph.AuditQuery{}); len(recs) != 1 {
			t.Errorf("CreateSource (%s) failed but the store holds %d audit records, want 1", name, len(recs))
		}
	}
	other := graph.Source{ID: "src-other", Title: "Another article", Text: newText}
	shifted := proposalAt(t, "src-other", newText, "src-other.m1", graph.ProposalMention, "Ana Lopez")
	shifted.Start++
	badSource("id taken", graph.ECONFLICT, graph.Source{ID: "src-new", Title: "Again", Text: newText}, nil)
	badSource("a quote that is not the text at its span", graph.EINVALID, other, []graph.Proposal{shifted})
	wrongSource := proposalAt(t, "src-new", newText, "src-other.m2", graph.ProposalMention, "Ana Lopez")
	badSource("a proposal of another source", graph.EINVALID, other, []graph.Proposal{wrongSource})
	badSource("no text", graph.EINVALID, graph.Source{ID: "src-other", Title: "No text"}, nil)
	badSource("binary text", graph.EINVALID, graph.Source{ID: "src-other", Title: "Binary", Text: "PK\x03\x04\x00\x00binary"}, nil)
	badSource("bad grading", graph.EINVALID, graph.Source{ID: "src-other", Title: "Graded", Reliability: "Z", Text: newText}, nil)
	badSource("bad id", graph.EINVALID, graph.Source{ID: "Src Other", Title: "Bad id", Text: newText}, nil)

	// Replacing the pending proposals keeps the decided ones.
	rej := ps[0].Clone()
	rej.Status = graph.Rejected
	rej.Decision = &graph.ProposalDecision{By: "bob", At: at(3), Reason: "not a mention"}
	if _, err := s.Decide(ctx, graph.Review{Proposal: rej, Record: record(graph.AuditReject, "bob", 3)}); err != nil {
		t.Fatalf("Decide (reject): %v", err)
	}
	again := []graph.Proposal{ps[0], ps[2], proposalAt(t, "src-new", newText, "src-new.r3", graph.ProposalRelation, "Ana Lopez trained Jo Bell.")}
	res, err := s.ReplaceProposals(ctx, "src-new", again, record(graph.AuditExtract, "carol", 4))
	if err != nil {
		t.Fatalf("ReplaceProposals: %v", err)
	}
	if res.Removed != 3 || res.Added != 2 || res.Decided != 1 || res.Record.Seq != 3 {
		t.Errorf("ReplaceProposals = %+v; want 3 removed, 2 added, 1 decided kept, record 3", res)
	}
	page, _ = s.Proposals(ctx, graph.ProposalFilter{Source: "src-new"})
	var ids []string
	for _, p := range page.Proposals {
		ids = append(ids, p.ID+":"+string(p.Status))
	}
	if want := []string{"src-new.m1:rejected", "src-new.r3:pending", "src-new.r1:pending"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("after ReplaceProposals: %v, want %v", ids, want)
	}
	if got, _ := s.Proposal(ctx, "src-new.m1"); got.Decision == nil || got.Decision.By != "bob" || got.Decision.Reason != "not a mention" {
		t.Errorf("the decided proposal lost its decision: %+v", got.Decision)
	}
	_, err = s.ReplaceProposals(ctx, "no-such-source", nil, record(graph.AuditExtract, "carol", 5))
	wantCode(t, err, graph.ENOTFOUND, "ReplaceProposals(no-such-source)")
	_, err = s.ReplaceProposals(ctx, "src-plain", nil, record(graph.AuditExtract, "carol", 5))
	wantCode(t, err, graph.EINVALID, "ReplaceProposals of a source without text")
	_, err = s.ReplaceProposals(ctx, "src-new", []graph.Proposal{shifted}, record(graph.AuditExtract, "carol", 5))
	wantCode(t, err, graph.EINVALID, "ReplaceProposals with a proposal of another source")
	if page, _ := s.Proposals(ctx, graph.ProposalFilter{}); page.Total != 3 {
		t.Errorf("a refused ReplaceProposals changed the proposals: %d, want 3", page.Total)
	}
	if recs := audit(t, s, graph.AuditQuery{}); len(recs) != 3 {
		t.Errorf("the store holds %d audit records, want 3", len(recs))
	}
}

// decided returns p decided by who at minute.
func decided(p graph.Proposal, status graph.ProposalStatus, by string, minute int) graph.Proposal {
	p = p.Clone()
	p.Status = status
	p.Decision = &graph.ProposalDecision{By: by, At: at(minute)}
	return p
}

func testReview(t *testing.T, open Opener) {
	ctx := t.Context()
	s, _ := load(t, open, IngestFixture())
	ps := newProposals(t)
	createSource(t, s, newText, ps)
	evNew := func(quote string) graph.Evidence {
		return graph.Evidence{Source: "src-new", Quote: quote, Claimant: "police", Stance: graph.Supports, Reliability: "C", Credibility: 3}
	}
	nrec := func() int { return len(audit(t, s, graph.AuditQuery{})) }

	// A decision that fails writes nothing: here a valid new actor with a
	// relation whose quote is not in the text.
	blue := graph.Actor{ID: "blue-cell", Kind: graph.Organization, Name: "Blue Cell",
		Evidence: []graph.Evidence{{Source: "src-new", Quote: "The Blue Cell is based in Marseille."}}}
	acc := decided(ps[1], graph.Accepted, "alice", 2)
	acc.Decision.Actor = "blue-cell"
	r1 := ps[2].Clone()
	r1.Relation.To.ID = "blue-cell"
	_, err := s.Decide(ctx, graph.Review{Proposal: acc, Actor: &blue, Resolve: []graph.Proposal{r1},
		Relation: &graph.Relation{Type: "BASED_IN", From: "blue-cell", To: "marseille", Evidence: []graph.Evidence{evNew("based in Paris")}},
		Record:   record(graph.AuditAccept, "alice", 2)})
	wantCode(t, err, graph.EINVALID, "Decide with a quote not in the text")
	if _, err := s.Actor(ctx, "blue-cell"); graph.ErrorCode(err) != graph.ENOTFOUND {
		t.Errorf("a failed decision created its actor (%v)", err)
	}
	if got, _ := s.Proposal(ctx, ps[1].ID); got.Status != graph.Pending || got.Decision != nil {
		t.Errorf("a failed decision changed the proposal: %s %+v", got.Status, got.Decision)
	}
	if got, _ := s.Proposal(ctx, r1.ID); got.Relation.To.ID != "" {
		t.Errorf("a failed decision resolved a proposal: %+v", got.Relation.To)
	}
	if n := nrec(); n != 1 {
		t.Errorf("a failed decision left %d audit records, want 1", n)
	}
	taken := blue
	taken.ID = "red-front"
	_, err = s.Decide(ctx, graph.Review{Proposal: acc, Actor: &taken, Record: record(graph.AuditAccept, "alice", 2)})
	wantCode(t, err, graph.ECONFLICT, "Decide creating an actor whose id is taken")

	// Accepting an actor creates it and resolves the proposals naming it.
	res, err := s.Decide(ctx, graph.Review{Proposal: acc, Actor: &blue, Resolve: []graph.Proposal{r1}, Record: record(graph.AuditAccept, "alice", 2)})
	if err != nil {
		t.Fatalf("Decide (accept actor): %v", err)
	}
	if res.Actor == nil || !sameActor(*res.Actor, blue) || res.Relation != nil || !reflect.DeepEqual(res.Resolved, []string{r1.ID}) {
		t.Errorf("Decide (accept actor) = %+v", res)
	}
	if got, err := s.Actor(ctx, "blue-cell"); err != nil || !sameActor(got, blue) {
		t.Errorf("Actor(blue-cell) = %+v, %v", got, err)
	}
	checkResolve(t, s, "Blue Cell", []string{"blue-cell"})
	if got, _ := s.Proposal(ctx, r1.ID); got.Status != graph.Pending || got.Relation.To.ID != "blue-cell" {
		t.Errorf("the relation proposal naming the new actor was not resolved: %s %+v", got.Status, got.Relation.To)
	}
	got, _ := s.Proposal(ctx, acc.ID)
	if got.Status != graph.Accepted || got.Decision == nil || got.Decision.By != "alice" || got.Decision.Actor != "blue-cell" || got.Decision.Audit != res.Record.Seq {
		t.Errorf("the accepted proposal: %s %+v (record %d)", got.Status, got.Decision, res.Record.Seq)
	}
	wantOps := []string{graph.ChangeSetStatus, graph.ChangeCreateActor, graph.ChangeResolveProposal}
	if ops := changeOps(res.Record); !reflect.DeepEqual(ops, wantOps) || res.Record.Seq != 2 {
		t.Errorf("the record of an actor accepted: seq %d, changes %v; want 2, %v", res.Record.Seq, ops, wantOps)
	}

	// A proposal is decided once.
	_, err = s.Decide(ctx, graph.Review{Proposal: decided(ps[1], graph.Rejected, "bob", 3), Record: record(graph.AuditReject, "bob", 3)})
	wantCode(t, err, graph.ECONFLICT, "Decide on a decided proposal")
	_, err = s.Decide(ctx, graph.Review{Proposal: decided(graph.Proposal{ID: "no-such"}, graph.Rejected, "bob", 3), Record: record(graph.AuditReject, "bob", 3)})
	wantCode(t, err, graph.ENOTFOUND, "Decide on no proposal")
	_, err = s.Decide(ctx, graph.Review{Proposal: decided(ps[3], graph.Pending, "bob", 3), Record: record(graph.AuditReject, "bob", 3)})
	wantCode(t, err, graph.EINVALID, "Decide to pending")
	if n := nrec(); n != 2 {
		t.Errorf("refused decisions left %d audit records, want 2", n)
	}

	// Accepting a relation with no such relation stored creates it.
	acc = decided(r1, graph.Accepted, "alice", 4)
	rel := graph.Relation{Type: "TRAINED_BY", From: "jo-bell", To: "blue-cell", ValidFrom: graph.MustDate("2012"),
		Evidence: []graph.Evidence{evNew("The Blue Cell trained Jo Bell in 2012")}}
	res, err = s.Decide(ctx, graph.Review{Proposal: acc, Relation: &rel, Record: record(graph.AuditAccept, "alice", 4)})
	if err != nil {
		t.Fatalf("Decide (accept relation): %v", err)
	}
	wantRel := rel.Clone()
	wantRel.ID = "jo-bell--trained-by--blue-cell"
	wantRel.Derive()
	if res.Merged || res.Relation == nil || !sameRelation(*res.Relation, wantRel) {
		t.Errorf("Decide (accept relation) = %+v, want a new relation %+v", res, wantRel)
	}
	if stored, err := s.Relation(ctx, wantRel.ID); err != nil || !sameRelation(stored, wantRel) {
		t.Errorf("Relation(%s) = %+v, %v", wantRel.ID, stored, err)
	}
	if got, _ := s.Proposal(ctx, acc.ID); got.Decision == nil || got.Decision.Relation != wantRel.ID {
		t.Errorf("the accepted relation proposal does not name its relation: %+v", got.Decision)
	}
	if ops := changeOps(res.Record); !reflect.DeepEqual(ops, []string{graph.ChangeSetStatus, graph.ChangeCreateRelation}) {
		t.Errorf("the record of a relation created: %v", ops)
	}
	pr, err := s.Paths(ctx, graph.PathQuery{From: "ana-lopez", To: "blue-cell", MaxHops: 3})
	if err != nil || len(pr.Paths) == 0 {
		t.Errorf("Paths(ana-lopez, blue-cell) after the acceptance: %+v, %v; want a path", pr.Paths, err)
	}

	// Accepting a relation that exists adds its evidence, for a symmetric
	// type in either order.
	acc = decided(ps[3], graph.Accepted, "bob", 5)
	met := graph.Relation{Type: "MET", From: "jo-bell", To: "ana-lopez", Evidence: []graph.Evidence{evNew("Ana Lopez trained Jo Bell.")}}
	res, err = s.Decide(ctx, graph.Review{Proposal: acc, Relation: &met, Record: record(graph.AuditAccept, "bob", 5)})
	if err != nil {
		t.Fatalf("Decide (accept relation, symmetric, stored the other way): %v", err)
	}
	if !res.Merged || res.Relation == nil || res.Relation.ID != "ana-lopez--met--jo-bell" || len(res.Relation.Evidence) != 2 {
		t.Errorf("Decide (existing symmetric relation) = merged %v, %+v; want evidence added to ana-lopez--met--jo-bell", res.Merged, res.Relation)
	}
	if ops := changeOps(res.Record); !reflect.DeepEqual(ops, []string{graph.ChangeSetStatus, graph.ChangeAddEvidence}) {
		t.Errorf("the record of evidence added: %v", ops)
	}
	stored, _ := s.Relation(ctx, "ana-lopez--met--jo-bell")
	if len(stored.Evidence) != 2 || stored.Evidence[1].Source != "src-new" {
		t.Errorf("the stored relation after the merge: %+v", stored.Evidence)
	}
	if rs := allRelations(t, s); len(rs) != 3 {
		t.Errorf("the store holds %d relations, want 3 (a merge makes none)", len(rs))
	}

	// Rejecting records the reason.
	res, err = s.Decide(ctx, graph.Review{Proposal: func() graph.Proposal {
		p := decided(ps[0], graph.Rejected, "carol", 6)
		p.Decision.Reason = "wrong person"
		return p
	}(), Record: func() graph.AuditRecord {
		r := record(graph.AuditReject, "carol", 6)
		r.Reason, r.Proposal, r.Source = "wrong person", ps[0].ID, "src-new"
		return r
	}()})
	if err != nil {
		t.Fatalf("Decide (reject): %v", err)
	}
	if res.Proposal.Status != graph.Rejected || res.Record.Reason != "wrong person" || res.Record.Proposal != ps[0].ID {
		t.Errorf("Decide (reject) = %+v", res)
	}

	// The audit log, oldest first, by time and by sequence.
	recs := audit(t, s, graph.AuditQuery{})
	var seqs []int64
	for _, r := range recs {
		seqs = append(seqs, r.Seq)
	}
	if !reflect.DeepEqual(seqs, []int64{1, 2, 3, 4, 5}) {
		t.Errorf("Audit() seqs = %v, want 1..5", seqs)
	}
	if len(recs) == 5 && (recs[4].By != "carol" || recs[4].Reason != "wrong person" || !recs[4].At.Equal(at(6)) || changeOps(recs[4])[0] != graph.ChangeSetStatus) {
		t.Errorf("Audit()[4] = %+v", recs[4])
	}
	for _, c := range []struct {
		q    graph.AuditQuery
		want []int64
	}{
		{graph.AuditQuery{Since: at(4)}, []int64{3, 4, 5}},
		{graph.AuditQuery{After: 3}, []int64{4, 5}},
		{graph.AuditQuery{Limit: 2}, []int64{1, 2}},
		{graph.AuditQuery{Since: at(2), After: 2, Limit: 1}, []int64{3}},
		{graph.AuditQuery{Since: at(7)}, nil},
	} {
		var got []int64
		for _, r := range audit(t, s, c.q) {
			got = append(got, r.Seq)
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("Audit(%+v) = %v, want %v", c.q, got, c.want)
		}
	}
	for _, q := range []graph.AuditQuery{{Limit: graph.MaxPage + 1}, {After: -1}} {
		_, err := s.Audit(ctx, q)
		wantCode(t, err, graph.EINVALID, fmt.Sprintf("Audit(%+v)", q))
	}
}

func changeOps(r graph.AuditRecord) []string {
	var out []string
	for _, c := range r.Changes {
		out = append(out, c.Op)
	}
	return out
}
