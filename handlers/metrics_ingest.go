package handlers

import (
	"context"

	"github.com/actorgraph/actorgraph/graph"
)

// The ingestion methods of the instrumented store (metrics.go).

func (i *instrumented) SourceText(ctx context.Context, id string) (_ string, err error) {
	start := i.now()
	defer func() { i.done(ctx, "source_text", start, err) }()
	return i.s.SourceText(ctx, id)
}

func (i *instrumented) CreateSource(ctx context.Context, src graph.Source, ps []graph.Proposal, rec graph.AuditRecord) (_ graph.Source, err error) {
	start := i.now()
	defer func() { i.done(ctx, "create_source", start, err) }()
	return i.s.CreateSource(ctx, src, ps, rec)
}

func (i *instrumented) ReplaceProposals(ctx context.Context, id string, ps []graph.Proposal, rec graph.AuditRecord) (_ graph.ReplaceResult, err error) {
	start := i.now()
	defer func() { i.done(ctx, "replace_proposals", start, err) }()
	return i.s.ReplaceProposals(ctx, id, ps, rec)
}

func (i *instrumented) Proposals(ctx context.Context, f graph.ProposalFilter) (_ graph.ProposalPage, err error) {
	start := i.now()
	defer func() { i.done(ctx, "proposals", start, err) }()
	return i.s.Proposals(ctx, f)
}

func (i *instrumented) Proposal(ctx context.Context, id string) (_ graph.Proposal, err error) {
	start := i.now()
	defer func() { i.done(ctx, "proposal", start, err) }()
	return i.s.Proposal(ctx, id)
}

func (i *instrumented) Decide(ctx context.Context, r graph.Review) (_ graph.ReviewResult, err error) {
	start := i.now()
	defer func() { i.done(ctx, "decide", start, err) }()
	return i.s.Decide(ctx, r)
}

func (i *instrumented) Audit(ctx context.Context, q graph.AuditQuery) (_ []graph.AuditRecord, err error) {
	start := i.now()
	defer func() { i.done(ctx, "audit", start, err) }()
	return i.s.Audit(ctx, q)
}
