package analyst

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/analyst/extract"
	"github.com/actorgraph/actorgraph/graph"
)

// Ingestion: an article's text becomes a source that keeps the text, and
// extraction's proposals (package analyst/extract) wait for review
// (review.go). The store writes the source, its proposals and the audit
// record in one transaction, so a failed creation leaves nothing behind.

// NewSource is an article to ingest: what POST /v1/sources and `actorgraph
// ingest` take. Title, Publisher, Published, Reliability and Text are
// required.
type NewSource struct {
	ID          string     `json:"id,omitempty"` // a slug; made from publisher, date and title when empty
	Title       string     `json:"title"`
	Publisher   string     `json:"publisher"`
	Author      string     `json:"author,omitempty"`
	URL         string     `json:"url,omitempty"`
	Published   graph.Date `json:"published"`
	Reliability string     `json:"reliability"`           // Admiralty A (completely reliable) to F (cannot be judged)
	Credibility int        `json:"credibility,omitempty"` // 1 (confirmed) to 6 (cannot be judged)
	Text        string     `json:"text"`
}

// Ingested is a source and what extraction proposes from its text.
type Ingested struct {
	Source    graph.Source     `json:"source"`
	Counts    ProposalCounts   `json:"counts"`
	Proposals []graph.Proposal `json:"proposals"`
	// Replaced says, for a run of extraction on a stored source, what
	// happened to the proposals it had.
	Replaced *graph.ReplaceResult `json:"replaced,omitempty"`
}

// ProposalCounts counts proposals by kind.
type ProposalCounts struct {
	Mentions  int `json:"mentions"`
	Actors    int `json:"actors"`
	Relations int `json:"relations"`
}

func countProposals(ps []graph.Proposal) ProposalCounts {
	var c ProposalCounts
	for i := range ps {
		switch ps[i].Kind {
		case graph.ProposalMention:
			c.Mentions++
		case graph.ProposalActor:
			c.Actors++
		case graph.ProposalRelation:
			c.Relations++
		}
	}
	return c
}

// Bounds of a new source's fields, besides the text's (graph.MaxTextBytes).
const (
	maxTitle = 500
	maxField = 300
	maxURL   = 2000
)

// check returns the problems of a new source, every one at once.
func (in *NewSource) check() error {
	var ps []graph.Problem
	add := func(field, format string, args ...any) {
		ps = append(ps, graph.Problem{Entry: "source", Field: field, Message: fmt.Sprintf(format, args...)})
	}
	if in.ID != "" && !graph.ValidActorID(in.ID) {
		add("id", "must be a lower-case slug such as \"guardian-2017-03-23-westminster\" (or leave it out)")
	}
	for _, f := range []struct {
		name, v string
		max     int
	}{{"title", in.Title, maxTitle}, {"publisher", in.Publisher, maxField}} {
		switch {
		case strings.TrimSpace(f.v) == "":
			add(f.name, "is required")
		case len(f.v) > f.max:
			add(f.name, "is %d bytes; at most %d", len(f.v), f.max)
		case !utf8.ValidString(f.v):
			add(f.name, "is not valid UTF-8")
		}
	}
	if len(in.Author) > maxField || !utf8.ValidString(in.Author) {
		add("author", "must be UTF-8 text of at most %d bytes", maxField)
	}
	if in.URL != "" {
		u, err := url.Parse(in.URL)
		if err != nil || len(in.URL) > maxURL || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			add("url", "must be an http or https address of at most %d bytes", maxURL)
		}
	}
	if in.Published.IsZero() {
		add("published", "is required: the date of the article, YYYY, YYYY-MM or YYYY-MM-DD")
	}
	if len(in.Reliability) != 1 || in.Reliability[0] < 'A' || in.Reliability[0] > 'F' {
		add("reliability", "is required: the Admiralty grading of the source, a letter A (completely reliable) to F (cannot be judged)")
	}
	if in.Credibility != 0 && (in.Credibility < 1 || in.Credibility > 6) {
		add("credibility", "must be 1 (confirmed) to 6 (cannot be judged), or left out")
	}
	if len(ps) > 0 {
		return &graph.ValidationError{Problems: ps}
	}
	return graph.CheckText(in.Text, graph.MaxTextBytes)
}

// slug folds s to a lower-case slug of at most max bytes, cut at a word.
func slug(s string, max int) string {
	var words []string
	n := 0
	for _, w := range strings.Fields(graph.NormalizeName(s)) {
		var b strings.Builder
		for _, r := range w {
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
				b.WriteRune(r)
			}
		}
		if b.Len() == 0 {
			continue
		}
		if n+b.Len()+1 > max && len(words) > 0 {
			break
		}
		words = append(words, b.String())
		n += b.Len() + 1
	}
	out := strings.Join(words, "-")
	if len(out) > max {
		out = strings.TrimRight(out[:max], "-")
	}
	return out
}

// sourceID makes a source id from the publisher, date and title:
// "the-guardian-2017-03-23-westminster-attack".
func (in *NewSource) sourceID() string {
	parts := []string{slug(in.Publisher, 16), in.Published.String(), slug(in.Title, 24)}
	var keep []string
	for _, p := range parts {
		if p != "" {
			keep = append(keep, p)
		}
	}
	id := strings.Join(keep, "-")
	if !graph.ValidActorID(id) {
		id = "source-" + in.Published.String()
	}
	return id
}

// proposalID names a proposal of a source by what it proposes, so that
// extraction run again gives the same proposal the same id, and a decided
// one is recognised and kept. A relation is named by its type and the
// spans of its ends, not by the actors they resolved to, so that a
// relation whose new-actor end was accepted as an actor since keeps its
// id.
func proposalID(source string, p *graph.Proposal) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s|%d|%d|%s", p.Kind, p.Start, p.End, p.Stance)
	switch {
	case p.Mention != nil:
		fmt.Fprintf(h, "|%s|%d|%d", p.Mention.ActorID, p.Mention.Start, p.Mention.End)
	case p.Actor != nil:
		fmt.Fprintf(h, "|%s|%s|%d", p.Actor.Kind, p.Actor.Name, p.Actor.Start)
	case p.Relation != nil:
		r := p.Relation
		fmt.Fprintf(h, "|%s|%d|%d|%d|%d", r.Type, r.From.Start, r.From.End, r.To.Start, r.To.End)
	}
	return source + "." + hex.EncodeToString(h.Sum(nil))[:12]
}

// extractFor runs extraction on a source's text and makes the proposals to
// store: ids, source, creation time; one of two proposals that would get
// the same id is dropped.
func (s *Service) extractFor(ctx context.Context, src *graph.Source, text string) ([]graph.Proposal, error) {
	g, err := s.gazetteer(ctx)
	if err != nil {
		return nil, err
	}
	res, err := extract.Extract(ctx, g.g, text, extract.Options{Matcher: g.m, Published: src.Date})
	if err != nil {
		return nil, err
	}
	now := s.now().UTC()
	out := make([]graph.Proposal, 0, len(res.Proposals))
	seen := map[string]bool{}
	for _, p := range res.Proposals {
		p.ID = proposalID(src.ID, &p)
		if seen[p.ID] {
			continue
		}
		seen[p.ID] = true
		p.Source, p.Created, p.Status = src.ID, now, graph.Pending
		out = append(out, p)
	}
	return out, nil
}

// CreateSource stores a new source with its text, runs extraction on it
// and stores the proposals, all in one transaction, recorded in the audit
// log as done by by. Without an id the source gets one made from its
// publisher, date and title (with a numeric suffix when that is taken).
// EINVALID (every problem of the fields; the text: empty, not UTF-8,
// binary), ETOOLARGE (a text over graph.MaxTextBytes), ECONFLICT (the id
// given is taken).
func (s *Service) CreateSource(ctx context.Context, by string, in NewSource) (*Ingested, error) {
	if err := in.check(); err != nil {
		return nil, err
	}
	auto := in.ID == ""
	base := in.ID
	if auto {
		base = in.sourceID()
	}
	src := graph.Source{ID: base, Title: strings.TrimSpace(in.Title), Publication: strings.TrimSpace(in.Publisher),
		Author: strings.TrimSpace(in.Author), URL: in.URL, Date: in.Published, Reliability: in.Reliability,
		Credibility: in.Credibility, Text: in.Text}
	for attempt := 2; ; attempt++ {
		if auto {
			if _, err := s.store.Source(ctx, src.ID); err == nil {
				src.ID = base + "-" + strconv.Itoa(attempt)
				continue
			} else if graph.ErrorCode(err) != graph.ENOTFOUND {
				return nil, err
			}
		}
		ps, err := s.extractFor(ctx, &src, in.Text)
		if err != nil {
			return nil, err
		}
		rec := graph.AuditRecord{At: s.now().UTC(), By: by, Action: graph.AuditCreateSource, Source: src.ID, Changes: []graph.Change{
			{Op: graph.ChangeCreateSource, ID: src.ID},
			{Op: graph.ChangeAddProposals, ID: src.ID, After: strconv.Itoa(len(ps))},
		}}
		stored, err := s.store.CreateSource(ctx, src, ps, rec)
		if graph.ErrorCode(err) == graph.ECONFLICT && auto && attempt < 50 {
			src.ID = base + "-" + strconv.Itoa(attempt) // taken meanwhile
			continue
		}
		if err != nil {
			return nil, err
		}
		s.srcs.drop()
		return &Ingested{Source: stored, Counts: countProposals(ps), Proposals: ps}, nil
	}
}

// Extract runs extraction again on stored source id: its pending proposals
// are replaced by the new ones, its decided ones kept (a new proposal
// identical to a decided one is left out). ENOTFOUND (no such source),
// EINVALID (it has no text).
func (s *Service) Extract(ctx context.Context, by, id string) (*Ingested, error) {
	src, err := s.store.Source(ctx, id)
	if err != nil {
		return nil, err
	}
	text, err := s.store.SourceText(ctx, id)
	if graph.ErrorCode(err) == graph.ENOTFOUND {
		return nil, graph.Errorf(graph.EINVALID, "source %q has no text to extract from (a source imported from a bundle without its text has none)", id)
	}
	if err != nil {
		return nil, err
	}
	ps, err := s.extractFor(ctx, &src, text)
	if err != nil {
		return nil, err
	}
	if ps, err = s.dropDecided(ctx, id, ps); err != nil {
		return nil, err
	}
	rec := graph.AuditRecord{At: s.now().UTC(), By: by, Action: graph.AuditExtract, Source: id, Changes: []graph.Change{}}
	res, err := s.store.ReplaceProposals(ctx, id, ps, rec)
	if err != nil {
		return nil, err
	}
	page, err := s.store.Proposals(ctx, graph.ProposalFilter{Source: id, Status: graph.Pending, Limit: graph.MaxPage})
	if err != nil {
		return nil, err
	}
	return &Ingested{Source: src, Counts: countProposals(page.Proposals), Proposals: page.Proposals, Replaced: &res}, nil
}

// dropDecided leaves out of ps the mentions of actors that a decided actor
// proposal of the source made or named at the same words: once "Karim
// Benyahia" is accepted as an actor, extraction finds him as a mention
// there, which says nothing new. (Proposals with the id of a decided one
// are left out by the store.)
func (s *Service) dropDecided(ctx context.Context, source string, ps []graph.Proposal) ([]graph.Proposal, error) {
	type span struct {
		start, end int
		actor      string
	}
	decided := map[span]bool{}
	for _, st := range []graph.ProposalStatus{graph.Accepted, graph.Rejected} {
		for offset := 0; ; offset += graph.MaxPage {
			page, err := s.store.Proposals(ctx, graph.ProposalFilter{Source: source, Status: st, Kind: graph.ProposalActor, Limit: graph.MaxPage, Offset: offset})
			if err != nil {
				return nil, err
			}
			for _, q := range page.Proposals {
				if q.Actor != nil && q.Decision != nil && q.Decision.Actor != "" {
					decided[span{q.Actor.Start, q.Actor.End, q.Decision.Actor}] = true
				}
			}
			if offset+graph.MaxPage >= page.Total {
				break
			}
		}
	}
	if len(decided) == 0 {
		return ps, nil
	}
	out := ps[:0:0]
	for _, p := range ps {
		if p.Mention != nil && decided[span{p.Mention.Start, p.Mention.End, p.Mention.ActorID}] {
			continue
		}
		out = append(out, p)
	}
	return out, nil
}

// SourceText returns the text of source id. ENOTFOUND (no such source, or
// it has no text).
func (s *Service) SourceText(ctx context.Context, id string) (string, error) {
	return s.store.SourceText(ctx, id)
}

// Proposals returns a page of the proposals f selects (by source, status,
// kind), in source and text order. EINVALID.
func (s *Service) Proposals(ctx context.Context, f graph.ProposalFilter) (graph.ProposalPage, error) {
	return s.store.Proposals(ctx, f)
}

// SourceProposals is Proposals for one source, which must exist.
// ENOTFOUND, EINVALID.
func (s *Service) SourceProposals(ctx context.Context, id string, f graph.ProposalFilter) (graph.ProposalPage, error) {
	if _, err := s.store.Source(ctx, id); err != nil {
		return graph.ProposalPage{}, err
	}
	f.Source = id
	return s.store.Proposals(ctx, f)
}

// Proposal returns one proposal. ENOTFOUND.
func (s *Service) Proposal(ctx context.Context, id string) (graph.Proposal, error) {
	return s.store.Proposal(ctx, id)
}

// Audit returns the audit records q selects, oldest first. EINVALID.
func (s *Service) Audit(ctx context.Context, q graph.AuditQuery) ([]graph.AuditRecord, error) {
	return s.store.Audit(ctx, q)
}
