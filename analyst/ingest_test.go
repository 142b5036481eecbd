package analyst_test

import (
	"strings"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/analyst"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/embedded"
	"github.com/actorgraph/actorgraph/seeds"
)

// clock is a settable clock for the tests.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

// newSeedService returns a Service over a fresh embedded store seeded with
// the seed graph, and its clock.
func newSeedService(t *testing.T) (*analyst.Service, *clock) {
	t.Helper()
	st, err := embedded.Open(t.Context(), embedded.Options{Dir: t.TempDir(), Seed: seeds.Bundle})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	c := &clock{t: time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)}
	return analyst.New(analyst.Deps{Store: st, Now: c.now}), c
}

// article is a new article about seed actors and one new person, with the
// spellings of the issue ("Coulibaby", "Boumeddine").
const article = `New details emerge on the Paris network

Investigators said on Tuesday that Hayat Boumeddine travelled to Syria in January 2015, days before the attacks. Amedy Coulibaby had married her in 2009.

According to the prosecutor, Karim Benyahia, a Belgian recruiter, trained Amedy Coulibaly in Brussels in 2013.`

func newArticle() analyst.NewSource {
	return analyst.NewSource{Title: "New details emerge on the Paris network", Publisher: "The Daily Example",
		Published: graph.MustDate("2016-03-01"), Reliability: "B", Credibility: 2, URL: "https://example.org/paris", Text: article}
}

// find returns the first proposal that pass keep.
func find(t *testing.T, ps []graph.Proposal, what string, keep func(p *graph.Proposal) bool) graph.Proposal {
	t.Helper()
	for i := range ps {
		if keep(&ps[i]) {
			return ps[i]
		}
	}
	t.Fatalf("no proposal %s among %d", what, len(ps))
	return graph.Proposal{}
}

func relationProposal(typ, from string) func(p *graph.Proposal) bool {
	return func(p *graph.Proposal) bool {
		return p.Kind == graph.ProposalRelation && p.Relation.Type == typ && (p.Relation.From.ID == from || p.Relation.From.Name == from)
	}
}

func TestIngestAndReview(t *testing.T) {
	svc, clk := newSeedService(t)
	ctx := t.Context()
	in, err := svc.CreateSource(ctx, "alice", newArticle())
	if err != nil {
		t.Fatalf("CreateSource: %v", err)
	}
	src := in.Source
	if src.ID != "the-daily-2016-03-01-new-details-emerge-on" || src.TextLength != len([]rune(article)) || src.Reliability != "B" {
		t.Errorf("CreateSource made source %+v", src)
	}
	if text, err := svc.SourceText(ctx, src.ID); err != nil || text != article {
		t.Errorf("SourceText = %q, %v", text, err)
	}
	// Mentions find the spellings through graph/names.
	for _, id := range []string{"hayat-boumeddiene", "amedy-coulibaly", "syria"} {
		find(t, in.Proposals, "mentioning "+id, func(p *graph.Proposal) bool { return p.Kind == graph.ProposalMention && p.Mention.ActorID == id })
	}
	runes := []rune(article)
	for _, p := range in.Proposals {
		if p.Status != graph.Pending || p.Source != src.ID || !strings.HasPrefix(p.ID, src.ID+".") || string(runes[p.Start:p.End]) != p.Quote {
			t.Errorf("proposal %+v: want pending, of the source, its quote at its span", p)
		}
	}
	if in.Counts.Mentions == 0 || in.Counts.Relations == 0 || in.Counts.Actors == 0 {
		t.Errorf("counts %+v", in.Counts)
	}
	page, err := svc.SourceProposals(ctx, src.ID, graph.ProposalFilter{})
	if err != nil || page.Total != len(in.Proposals) {
		t.Errorf("SourceProposals = %d, %v; want %d", page.Total, err, len(in.Proposals))
	}

	// A relation between known actors becomes a relation, found in a path
	// with its quote.
	clk.t = clk.t.Add(time.Minute)
	travel := find(t, in.Proposals, "TRAVELLED_TO", relationProposal("TRAVELLED_TO", "hayat-boumeddiene"))
	res, err := svc.Accept(ctx, "bob", travel.ID, analyst.Edits{})
	if err != nil {
		t.Fatalf("Accept(TRAVELLED_TO): %v", err)
	}
	if res.Relation == nil || res.Relation.Type != "TRAVELLED_TO" || res.Relation.To != "syria" {
		t.Fatalf("Accept(TRAVELLED_TO) = %+v", res)
	}
	ev := res.Relation.Evidence[len(res.Relation.Evidence)-1]
	if ev.Source != src.ID || ev.Quote != travel.Quote || ev.Claimant != "Investigators" || ev.Reliability != "B" || ev.Credibility != 2 {
		t.Errorf("the evidence of the accepted relation: %+v", ev)
	}
	if res.Proposal.Status != graph.Accepted || res.Proposal.Decision.By != "bob" || !res.Proposal.Decision.At.Equal(clk.t) {
		t.Errorf("the decided proposal: %+v %+v", res.Proposal.Status, res.Proposal.Decision)
	}
	ans, err := svc.Paths(ctx, graph.PathQuery{From: "Hayat Boumeddiene", To: "Syria", MaxHops: 1})
	if err != nil || len(ans.Paths) == 0 {
		t.Fatalf("Paths after accepting: %+v, %v", ans, err)
	}
	quoted := false
	for _, p := range ans.Paths {
		for _, h := range p.Hops {
			for _, e := range h.Relation.Evidence {
				quoted = quoted || e.Quote == travel.Quote && e.SourceTitle == src.Title
			}
		}
	}
	if !quoted {
		t.Errorf("no path hop carries the accepted quote with its source named")
	}

	// A decision is final.
	_, err = svc.Accept(ctx, "carol", travel.ID, analyst.Edits{})
	wantCode(t, err, graph.ECONFLICT, "Accept twice")
	if !strings.Contains(graph.ErrorMessage(err), "bob") {
		t.Errorf("the conflict %q should say who decided", graph.ErrorMessage(err))
	}

	// A relation to a new actor waits for the actor.
	trained := find(t, in.Proposals, "TRAINED_BY", relationProposal("TRAINED_BY", "amedy-coulibaly"))
	_, err = svc.Accept(ctx, "bob", trained.ID, analyst.Edits{})
	wantCode(t, err, graph.EINVALID, "Accept a relation to a new actor")
	actorP := find(t, in.Proposals, "the actor Karim Benyahia", func(p *graph.Proposal) bool {
		return p.Kind == graph.ProposalActor && p.Actor.Name == "Karim Benyahia"
	})
	if msg := graph.ErrorMessage(err); !strings.Contains(msg, actorP.ID) {
		t.Errorf("the error %q should name the actor proposal %s", msg, actorP.ID)
	}
	_, err = svc.Accept(ctx, "bob", actorP.ID, analyst.Edits{Type: "MEMBER_OF"})
	wantCode(t, err, graph.EINVALID, "Accept an actor proposal with a relation's edit")
	res, err = svc.Accept(ctx, "bob", actorP.ID, analyst.Edits{Aliases: []string{"Benyahia"}})
	if err != nil {
		t.Fatalf("Accept(actor): %v", err)
	}
	if res.Actor == nil || res.Actor.ID != "karim-benyahia" || res.Actor.Kind != graph.Person || len(res.Resolved) == 0 {
		t.Fatalf("Accept(actor) = %+v", res)
	}
	if a, err := svc.Resolve(ctx, "Karim Benyahia"); err != nil || a.ID != "karim-benyahia" {
		t.Errorf("Resolve(Karim Benyahia) = %+v, %v", a, err)
	}
	got, err := svc.Proposal(ctx, trained.ID)
	if err != nil || got.Relation.To.ID != "karim-benyahia" || got.Status != graph.Pending {
		t.Fatalf("the relation proposal naming the new actor was not resolved: %+v, %v", got.Relation, err)
	}
	// Accepted with edits: a date, a grading, a narrower quote.
	qs := strings.Index(string(runes[got.SentenceStart:got.SentenceEnd]), "Karim")
	qStart := got.SentenceStart + len([]rune(string(runes[got.SentenceStart:got.SentenceStart+qs])))
	qEnd := got.SentenceEnd
	bad := got.SentenceEnd + 5
	_, err = svc.Accept(ctx, "bob", trained.ID, analyst.Edits{QuoteStart: &qStart, QuoteEnd: &bad})
	wantCode(t, err, graph.EINVALID, "Accept with a quote span outside the sentence")
	res, err = svc.Accept(ctx, "bob", trained.ID, analyst.Edits{Credibility: 3, QuoteStart: &qStart, QuoteEnd: &qEnd,
		ValidFrom: ptr(graph.MustDate("2013-06"))})
	if err != nil {
		t.Fatalf("Accept(TRAINED_BY with edits): %v", err)
	}
	if r := res.Relation; r == nil || r.From != "amedy-coulibaly" || r.To != "karim-benyahia" || r.ValidFrom != graph.MustDate("2013-06") ||
		!strings.HasPrefix(r.Evidence[0].Quote, "Karim Benyahia, a Belgian recruiter") || r.Evidence[0].Credibility != 3 {
		t.Errorf("Accept(TRAINED_BY with edits) = %+v", res.Relation)
	}
	if len(res.Proposal.Decision.Edits) != 3 {
		t.Errorf("the decision's edits: %+v; want credibility, quote, valid_from", res.Proposal.Decision.Edits)
	}

	// Rejections need a reason.
	mention := find(t, in.Proposals, "the mention of Syria", func(p *graph.Proposal) bool {
		return p.Kind == graph.ProposalMention && p.Mention.ActorID == "syria"
	})
	_, err = svc.Reject(ctx, "carol", mention.ID, "  ")
	wantCode(t, err, graph.EINVALID, "Reject without a reason")
	if _, err := svc.Reject(ctx, "carol", mention.ID, "only a destination"); err != nil {
		t.Fatalf("Reject: %v", err)
	}

	// Extraction again: pending proposals replaced, decided ones kept.
	again, err := svc.Extract(ctx, "dave", src.ID)
	if err != nil {
		t.Fatalf("Extract: %v", err)
	}
	if again.Replaced == nil || again.Replaced.Decided != 3 {
		t.Errorf("Extract again: %+v; want the 3 decided relations and mention kept", again.Replaced)
	}
	for _, p := range again.Proposals {
		if p.ID == travel.ID || p.ID == mention.ID || p.ID == trained.ID || p.Status != graph.Pending {
			t.Errorf("Extract again lists %s (%s) among the pending", p.ID, p.Status)
		}
		if p.Kind == graph.ProposalMention && p.Mention.ActorID == "karim-benyahia" && p.Mention.Start == actorP.Actor.Start {
			t.Errorf("Extract again proposes the accepted actor as a mention where it was accepted: %+v", p.Mention)
		}
	}
	if got, _ := svc.Proposal(ctx, mention.ID); got.Status != graph.Rejected || got.Decision.Reason != "only a destination" {
		t.Errorf("a rejected proposal after extracting again: %+v", got)
	}
	_, err = svc.Extract(ctx, "dave", "no-such-source")
	wantCode(t, err, graph.ENOTFOUND, "Extract(no such source)")

	// The audit log: who, when, what.
	recs, err := svc.Audit(ctx, graph.AuditQuery{})
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, r := range recs {
		actions = append(actions, r.By+" "+r.Action)
	}
	want := []string{"alice source.create", "bob proposal.accept", "bob proposal.accept", "bob proposal.accept", "carol proposal.reject", "dave source.extract"}
	if strings.Join(actions, ",") != strings.Join(want, ",") {
		t.Errorf("audit: %v, want %v", actions, want)
	}
	if recs, _ := svc.Audit(ctx, graph.AuditQuery{Since: clk.t.Add(time.Second)}); len(recs) != 0 {
		t.Errorf("Audit(since later) = %d records", len(recs))
	}
}

func ptr[T any](v T) *T { return &v }

func wantCode(t *testing.T, err error, code, what string) {
	t.Helper()
	if got := graph.ErrorCode(err); got != code {
		t.Errorf("%s: error %v has code %q, want %q", what, err, got, code)
	}
}

// TestIngestBadInput: every bad input gets a clear error and writes
// nothing; other scripts and accents give plain proposals.
func TestIngestBadInput(t *testing.T) {
	svc, _ := newSeedService(t)
	ctx := t.Context()
	count := func() (int, int, int) {
		srcs, _ := svc.Sources(ctx)
		page, _ := svc.Proposals(ctx, graph.ProposalFilter{})
		recs, _ := svc.Audit(ctx, graph.AuditQuery{})
		return len(srcs), page.Total, len(recs)
	}
	s0, p0, a0 := count()
	for _, c := range []struct {
		name string
		edit func(*analyst.NewSource)
		code string
		want string // in the message
	}{
		{"empty text", func(n *analyst.NewSource) { n.Text = "" }, graph.EINVALID, "empty"},
		{"white space only", func(n *analyst.NewSource) { n.Text = " \n\t " }, graph.EINVALID, "empty"},
		{"binary", func(n *analyst.NewSource) { n.Text = "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" }, graph.EINVALID, "UTF-8"},
		{"NUL bytes", func(n *analyst.NewSource) { n.Text = "text\x00with NUL" }, graph.EINVALID, "NUL"},
		{"too large", func(n *analyst.NewSource) { n.Text = strings.Repeat("Word ", graph.MaxTextBytes/5+1) }, graph.ETOOLARGE, "bytes"},
		{"no title, publisher or grading", func(n *analyst.NewSource) { n.Title, n.Publisher, n.Reliability = "", "", "" }, graph.EINVALID, "3 problems"},
		{"bad grading", func(n *analyst.NewSource) { n.Reliability, n.Credibility = "G", 9 }, graph.EINVALID, "reliability"},
		{"no date", func(n *analyst.NewSource) { n.Published = graph.Date{} }, graph.EINVALID, "published"},
		{"bad url", func(n *analyst.NewSource) { n.URL = "javascript:alert(1)" }, graph.EINVALID, "url"},
		{"bad id", func(n *analyst.NewSource) { n.ID = "Not A Slug" }, graph.EINVALID, "slug"},
		{"id taken", func(n *analyst.NewSource) { n.ID = "vice-2015-11-14" }, graph.ECONFLICT, "vice-2015-11-14"},
	} {
		in := newArticle()
		c.edit(&in)
		_, err := svc.CreateSource(ctx, "alice", in)
		wantCode(t, err, c.code, c.name)
		if msg := graph.ErrorMessage(err); !strings.Contains(msg, c.want) {
			t.Errorf("%s: message %q does not say %q", c.name, msg, c.want)
		}
		if s, p, a := count(); s != s0 || p != p0 || a != a0 {
			t.Errorf("%s: the failure wrote %d sources, %d proposals, %d records", c.name, s-s0, p-p0, a-a0)
		}
	}
	for _, c := range []struct{ name, text string }{
		{"Arabic", "أعلن تنظيم الدولة الإسلامية مسؤوليته عن الهجوم في باريس. وقال المتحدث إن الهجوم كان انتقاما."},
		{"French", "Chérif Kouachi a été formé au Yémen par AQPA en 2011, selon les enquêteurs. Amedy Coulibaly a prêté allégeance à l'État islamique."},
		{"one word", "Kouachi"},
	} {
		in := newArticle()
		in.Title, in.Text = c.name+" article", c.text
		got, err := svc.CreateSource(ctx, "alice", in)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		runes := []rune(c.text)
		for _, p := range got.Proposals {
			if string(runes[p.Start:p.End]) != p.Quote {
				t.Errorf("%s: proposal %s quote %q is not the text at %d..%d", c.name, p.ID, p.Quote, p.Start, p.End)
			}
		}
	}
	// Same title and date: the second gets a suffixed id.
	a, err := svc.CreateSource(ctx, "alice", newArticle())
	if err != nil {
		t.Fatal(err)
	}
	b, err := svc.CreateSource(ctx, "alice", newArticle())
	if err != nil || b.Source.ID != a.Source.ID+"-2" {
		t.Errorf("the same article twice: ids %q and %q, %v", a.Source.ID, b.Source.ID, err)
	}
}

// TestExportCarriesTexts: an export is a backup of the sources' texts too:
// imported into an empty store, every text comes back, and a quote that
// is not in its text is refused there.
func TestExportCarriesTexts(t *testing.T) {
	svc, _ := newSeedService(t)
	ctx := t.Context()
	in, err := svc.CreateSource(ctx, "alice", newArticle())
	if err != nil {
		t.Fatal(err)
	}
	var buf strings.Builder
	if err := svc.WriteBundle(ctx, &buf); err != nil {
		t.Fatal(err)
	}
	b, problems := graph.DecodeBundle(strings.NewReader(buf.String()), "export")
	if len(problems) > 0 {
		t.Fatalf("the export does not decode: %v", problems)
	}
	st, err := embedded.Open(ctx, embedded.Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	other := analyst.New(analyst.Deps{Store: st})
	if _, err := other.Import(ctx, b); err != nil {
		t.Fatalf("importing the export: %v", err)
	}
	for _, id := range []string{in.Source.ID, "vice-2015-11-14", "pantucci-blog"} {
		want, _ := svc.SourceText(ctx, id)
		got, err := other.SourceText(ctx, id)
		if err != nil || got != want || got == "" {
			t.Errorf("SourceText(%s) after export and import: %d bytes, %v; want %d bytes", id, len(got), err, len(want))
		}
	}
	_, err = other.AddEvidence(ctx, "hayat-boumeddiene--spouse-of--amedy-coulibaly", graph.Evidence{Source: in.Source.ID,
		Quote: "Coulibaly married her in Paris", Claimant: "x", Reliability: "B", Credibility: 2})
	wantCode(t, err, graph.EINVALID, "AddEvidence with a quote not in the imported text")
}
