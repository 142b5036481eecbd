package neo4j

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/actorgraph/actorgraph/graph"
)

// Ingestion (graph.Ingestion). A source's text is the text property of
// its :Source node, with its length in code points as text_length; the
// json property, which every source listing reads, leaves both out.
// Proposals are :Proposal nodes: the whole proposal as json, and the
// fields lists filter and sort on (source, start, status, kind) as
// properties. Audit records are :AuditRecord nodes (seq, at in Unix
// nanoseconds, json), numbered by one :AuditCounter node that each
// appending transaction locks, so that numbers follow commit order.

// proposalProps maps a proposal to its node's properties.
func proposalProps(p *graph.Proposal) (map[string]any, error) {
	b, err := json.Marshal(p)
	if err != nil {
		return nil, err
	}
	return map[string]any{"id": p.ID, "source": p.Source, "start": int64(p.Start), "status": string(p.Status),
		"kind": string(p.Kind), "json": string(b)}, nil
}

func proposalFromJSON(s string) (graph.Proposal, error) {
	var p graph.Proposal
	if err := json.Unmarshal([]byte(s), &p); err != nil {
		return graph.Proposal{}, fmt.Errorf("neo4j: proposal json: %v", err)
	}
	return p, nil
}

// SourceText returns the text of source id. ENOTFOUND when there is no
// such source or it has no text.
func (s *Store) SourceText(ctx context.Context, id string) (string, error) {
	var text string
	err := s.read(ctx, "source text", func(tx neo4j.ManagedTransaction) error {
		found, err := sourcesByID(ctx, tx, []string{id})
		if err != nil {
			return err
		}
		if _, ok := found[id]; !ok {
			return graph.Errorf(graph.ENOTFOUND, "no source with id %q", id)
		}
		texts, err := sourceTexts(ctx, tx, []string{id})
		if err != nil {
			return err
		}
		var ok bool
		if text, ok = texts[id]; !ok {
			return graph.Errorf(graph.ENOTFOUND, "source %q has no text", id)
		}
		return nil
	})
	return text, err
}

// appendAudit numbers rec and writes it in tx.
func appendAudit(ctx context.Context, tx neo4j.ManagedTransaction, rec graph.AuditRecord) (graph.AuditRecord, error) {
	rec = rec.Clone()
	if rec.Changes == nil {
		rec.Changes = []graph.Change{}
	}
	// The query numbers the record; its json leaves the number out (seq
	// is a property of its own) and auditFromJSON puts it back.
	rec.Seq = 0
	b, err := json.Marshal(&rec)
	if err != nil {
		return rec, err
	}
	seq, found, err := single[int64](ctx, tx, statement{Text: queryText("audit_append"),
		Params: map[string]any{"at": rec.At.UnixNano(), "json": string(b)}}, "seq")
	if err != nil {
		return rec, err
	}
	if !found {
		return rec, fmt.Errorf("neo4j: audit_append returned no record")
	}
	rec.Seq = seq
	return rec, nil
}

// auditFromJSON reads a record, whose json holds every field but Seq.
func auditFromJSON(s string, seq int64) (graph.AuditRecord, error) {
	var r graph.AuditRecord
	if err := json.Unmarshal([]byte(s), &r); err != nil {
		return graph.AuditRecord{}, fmt.Errorf("neo4j: audit json: %v", err)
	}
	r.Seq = seq
	return r, nil
}

// putProposals creates proposals in batches.
func putProposals(ctx context.Context, tx neo4j.ManagedTransaction, ps []graph.Proposal) error {
	rows := make([]map[string]any, 0, len(ps))
	for i := range ps {
		p, err := proposalProps(&ps[i])
		if err != nil {
			return err
		}
		rows = append(rows, p)
	}
	for start := 0; start < len(rows); start += importBatch {
		batch := rows[start:min(start+importBatch, len(rows))]
		n, _, err := single[int64](ctx, tx, statement{Text: queryText("proposals_create"), Params: map[string]any{"rows": batch}}, "n")
		if err != nil {
			return err
		}
		if int(n) != len(batch) {
			return fmt.Errorf("neo4j: proposals_create wrote %d of %d", n, len(batch))
		}
	}
	return nil
}

// proposalStates returns the source and status of those of ids that exist.
func proposalStates(ctx context.Context, tx neo4j.ManagedTransaction, ids []string) (map[string][2]string, error) {
	out := map[string][2]string{}
	if len(ids) == 0 {
		return out, nil
	}
	recs, err := collect(ctx, tx, statement{Text: queryText("proposals_by_ids"), Params: map[string]any{"ids": ids}})
	if err != nil {
		return nil, err
	}
	for _, rec := range recs {
		var v [3]string
		for i, k := range []string{"id", "source", "status"} {
			if v[i], err = get[string](rec, k); err != nil {
				return nil, err
			}
		}
		out[v[0]] = [2]string{v[1], v[2]}
	}
	return out, nil
}

// CreateSource stores a new source with its text, its proposals and rec
// in one transaction. EINVALID, ECONFLICT.
func (s *Store) CreateSource(ctx context.Context, src graph.Source, ps []graph.Proposal, rec graph.AuditRecord) (graph.Source, error) {
	src = src.Clone()
	if err := graph.CheckText(src.Text, graph.MaxTextBytes); err != nil {
		return graph.Source{}, err
	}
	b := &graph.Bundle{Format: graph.BundleFormat, Sources: []graph.Source{src}}
	if err := b.Validate(nil); err != nil {
		return graph.Source{}, err
	}
	if err := graph.CheckProposals(src.ID, src.Text, ps, true); err != nil {
		return graph.Source{}, err
	}
	text := src.Text
	src.Text, src.TextLength = "", utf8.RuneCountInString(text)
	err := s.write(ctx, "create source", s.queryTimeout, func(tx neo4j.ManagedTransaction) error {
		found, err := sourcesByID(ctx, tx, []string{src.ID})
		if err != nil {
			return err
		}
		if len(found) > 0 {
			return graph.Errorf(graph.ECONFLICT, "a source with id %q exists; choose another id or leave it out", src.ID)
		}
		ids := make([]string, len(ps))
		for i := range ps {
			ids[i] = ps[i].ID
		}
		taken, err := proposalStates(ctx, tx, ids)
		if err != nil {
			return err
		}
		for id := range taken {
			return graph.Errorf(graph.ECONFLICT, "a proposal with id %q exists", id)
		}
		props, err := sourceProps(&src)
		if err != nil {
			return err
		}
		if _, err := collect(ctx, tx, statement{Text: queryText("source_create"),
			Params: map[string]any{"props": props, "text": text, "text_length": int64(src.TextLength)}}); err != nil {
			return err
		}
		if err := putProposals(ctx, tx, ps); err != nil {
			return err
		}
		_, err = appendAudit(ctx, tx, rec)
		return err
	})
	if err != nil {
		return graph.Source{}, err
	}
	return src, nil
}

// ReplaceProposals replaces the pending proposals of source id with ps,
// keeping the decided ones, and appends rec. ENOTFOUND, EINVALID,
// ECONFLICT.
func (s *Store) ReplaceProposals(ctx context.Context, id string, ps []graph.Proposal, rec graph.AuditRecord) (graph.ReplaceResult, error) {
	var res graph.ReplaceResult
	err := s.write(ctx, "replace proposals", s.queryTimeout, func(tx neo4j.ManagedTransaction) error {
		res = graph.ReplaceResult{}
		found, err := sourcesByID(ctx, tx, []string{id})
		if err != nil {
			return err
		}
		if _, ok := found[id]; !ok {
			return graph.Errorf(graph.ENOTFOUND, "no source with id %q", id)
		}
		texts, err := sourceTexts(ctx, tx, []string{id})
		if err != nil {
			return err
		}
		text, ok := texts[id]
		if !ok {
			return graph.Errorf(graph.EINVALID, "source %q has no text to extract from", id)
		}
		if err := graph.CheckProposals(id, text, ps, true); err != nil {
			return err
		}
		n, _, err := single[int64](ctx, tx, statement{Text: queryText("proposals_delete_pending"), Params: map[string]any{"source": id}}, "n")
		if err != nil {
			return err
		}
		res.Removed = int(n)
		ids := make([]string, len(ps))
		for i := range ps {
			ids[i] = ps[i].ID
		}
		kept, err := proposalStates(ctx, tx, ids)
		if err != nil {
			return err
		}
		var add []graph.Proposal
		for i := range ps {
			if st, ok := kept[ps[i].ID]; ok {
				if st[0] != id {
					return graph.Errorf(graph.ECONFLICT, "proposal %q belongs to source %q", ps[i].ID, st[0])
				}
				res.Decided++
				continue
			}
			add = append(add, ps[i])
		}
		if err := putProposals(ctx, tx, add); err != nil {
			return err
		}
		res.Added = len(add)
		r := rec.Clone()
		r.Changes = append(r.Changes,
			graph.Change{Op: graph.ChangeRemoveProposals, ID: id, After: strconv.Itoa(res.Removed)},
			graph.Change{Op: graph.ChangeAddProposals, ID: id, After: strconv.Itoa(res.Added)})
		res.Record, err = appendAudit(ctx, tx, r)
		return err
	})
	if err != nil {
		return graph.ReplaceResult{}, err
	}
	return res, nil
}

// Proposals returns a page of the proposals f selects. EINVALID.
func (s *Store) Proposals(ctx context.Context, f graph.ProposalFilter) (graph.ProposalPage, error) {
	if err := f.Normalize(); err != nil {
		return graph.ProposalPage{}, err
	}
	orNil := func(v string) any {
		if v == "" {
			return nil
		}
		return v
	}
	params := map[string]any{"source": orNil(f.Source), "status": orNil(string(f.Status)), "kind": orNil(string(f.Kind))}
	var page graph.ProposalPage
	err := s.read(ctx, "proposals", func(tx neo4j.ManagedTransaction) error {
		page = graph.ProposalPage{Proposals: []graph.Proposal{}}
		n, _, err := single[int64](ctx, tx, statement{Text: queryText("proposals_count"), Params: params}, "n")
		if err != nil {
			return err
		}
		page.Total = int(n)
		pp := map[string]any{"offset": int64(f.Offset), "limit": int64(f.Limit)}
		for k, v := range params {
			pp[k] = v
		}
		recs, err := collect(ctx, tx, statement{Text: queryText("proposals_page"), Params: pp})
		if err != nil {
			return err
		}
		for _, rec := range recs {
			js, err := get[string](rec, "json")
			if err != nil {
				return err
			}
			p, err := proposalFromJSON(js)
			if err != nil {
				return err
			}
			page.Proposals = append(page.Proposals, p)
		}
		return nil
	})
	return page, err
}

func getProposal(ctx context.Context, tx neo4j.ManagedTransaction, id string) (graph.Proposal, error) {
	return readProposal(ctx, tx, queryText("proposal_get"), id)
}

// lockProposal reads a proposal under its write lock, for a decision.
func lockProposal(ctx context.Context, tx neo4j.ManagedTransaction, id string) (graph.Proposal, error) {
	return readProposal(ctx, tx, queryText("proposal_lock"), id)
}

func readProposal(ctx context.Context, tx neo4j.ManagedTransaction, query, id string) (graph.Proposal, error) {
	js, found, err := single[string](ctx, tx, statement{Text: query, Params: map[string]any{"id": id}}, "json")
	if err != nil {
		return graph.Proposal{}, err
	}
	if !found {
		return graph.Proposal{}, graph.Errorf(graph.ENOTFOUND, "no proposal with id %q", id)
	}
	return proposalFromJSON(js)
}

func putProposal(ctx context.Context, tx neo4j.ManagedTransaction, p *graph.Proposal) error {
	props, err := proposalProps(p)
	if err != nil {
		return err
	}
	n, _, err := single[int64](ctx, tx, statement{Text: queryText("proposal_put"), Params: map[string]any{"props": props}}, "n")
	if err == nil && n != 1 {
		err = fmt.Errorf("neo4j: proposal_put changed %d proposals", n)
	}
	return err
}

// Proposal returns one proposal. ENOTFOUND.
func (s *Store) Proposal(ctx context.Context, id string) (graph.Proposal, error) {
	var p graph.Proposal
	err := s.read(ctx, "proposal", func(tx neo4j.ManagedTransaction) error {
		var err error
		p, err = getProposal(ctx, tx, id)
		return err
	})
	return p, err
}

// Decide applies a review decision and its writes in one transaction.
// ENOTFOUND, ECONFLICT, EINVALID.
func (s *Store) Decide(ctx context.Context, r graph.Review) (graph.ReviewResult, error) {
	if err := graph.CheckReview(&r); err != nil {
		return graph.ReviewResult{}, err
	}
	var res graph.ReviewResult
	err := s.write(ctx, "decide", s.queryTimeout, func(tx neo4j.ManagedTransaction) error {
		res = graph.ReviewResult{}
		p := r.Proposal.Clone()
		rec := r.Record.Clone()
		old, err := lockProposal(ctx, tx, p.ID)
		if err != nil {
			return err
		}
		if old.Status != graph.Pending {
			return decidedAlready(&old)
		}
		p.Source, p.Start = old.Source, old.Start
		rec.Changes = append(rec.Changes, graph.Change{Op: graph.ChangeSetStatus, ID: p.ID, Before: string(old.Status), After: string(p.Status)})
		if r.Actor != nil {
			a, err := s.createActorTx(ctx, tx, r.Actor.Clone())
			if err != nil {
				return err
			}
			res.Actor = &a
			rec.Changes = append(rec.Changes, graph.Change{Op: graph.ChangeCreateActor, ID: a.ID})
		}
		if r.Relation != nil {
			rel, merged, err := mergeRelation(ctx, tx, r.Relation.Clone())
			if err != nil {
				return err
			}
			res.Relation, res.Merged = &rel, merged
			p.Decision.Relation = rel.ID
			if merged {
				rec.Changes = append(rec.Changes, graph.Change{Op: graph.ChangeAddEvidence, ID: rel.ID, After: strconv.Itoa(len(rel.Evidence))})
			} else {
				rec.Changes = append(rec.Changes, graph.Change{Op: graph.ChangeCreateRelation, ID: rel.ID})
			}
		}
		for i := range r.Resolve {
			q := r.Resolve[i].Clone()
			if q.ID == p.ID {
				continue
			}
			cur, err := getProposal(ctx, tx, q.ID)
			if graph.ErrorCode(err) == graph.ENOTFOUND {
				continue
			}
			if err != nil {
				return err
			}
			if cur.Status != graph.Pending {
				continue
			}
			q.Source, q.Start = cur.Source, cur.Start
			if err := putProposal(ctx, tx, &q); err != nil {
				return err
			}
			res.Resolved = append(res.Resolved, q.ID)
			rec.Changes = append(rec.Changes, graph.Change{Op: graph.ChangeResolveProposal, ID: q.ID, After: p.Decision.Actor})
		}
		if res.Record, err = appendAudit(ctx, tx, rec); err != nil {
			return err
		}
		p.Decision.Audit = res.Record.Seq
		if err := putProposal(ctx, tx, &p); err != nil {
			return err
		}
		res.Proposal = p
		return nil
	})
	if err != nil {
		return graph.ReviewResult{}, err
	}
	return res, nil
}

// decidedAlready is the conflict of a second decision on p.
func decidedAlready(p *graph.Proposal) error {
	if p.Decision != nil {
		return graph.Errorf(graph.ECONFLICT, "proposal %q was %s by %s at %s", p.ID, p.Status, p.Decision.By, p.Decision.At.UTC().Format("2006-01-02 15:04:05Z"))
	}
	return graph.Errorf(graph.ECONFLICT, "proposal %q is %s already", p.ID, p.Status)
}

// createActorTx validates and creates an actor in tx (CreateActor's work).
func (s *Store) createActorTx(ctx context.Context, tx neo4j.ManagedTransaction, a graph.Actor) (graph.Actor, error) {
	b := &graph.Bundle{Format: graph.BundleFormat, Actors: []graph.Actor{a}}
	cat, err := loadCatalog(ctx, tx, nil, evidenceSources(a.Evidence))
	if err != nil {
		return graph.Actor{}, err
	}
	if err := b.Validate(cat); err != nil {
		return graph.Actor{}, err
	}
	if _, err := getActor(ctx, tx, a.ID); err == nil {
		return graph.Actor{}, graph.Errorf(graph.ECONFLICT, "an actor with id %q exists; choose another id, or name that actor", a.ID)
	} else if graph.ErrorCode(err) != graph.ENOTFOUND {
		return graph.Actor{}, err
	}
	p, err := actorProps(&b.Actors[0])
	if err != nil {
		return graph.Actor{}, err
	}
	recs, err := collect(ctx, tx, statement{Text: queryText("actor_create"), Params: map[string]any{"props": p}})
	if err != nil {
		return graph.Actor{}, err
	}
	if len(recs) != 1 {
		return graph.Actor{}, fmt.Errorf("neo4j: actor_create returned %d records", len(recs))
	}
	return actorFromRecord(recs[0], "a")
}

// mergeRelation appends want's evidence to the stored relation of the same
// type and ends (graph.SameRelation), or creates want with the
// conventional id; it reports whether it merged.
func mergeRelation(ctx context.Context, tx neo4j.ManagedTransaction, want graph.Relation) (graph.Relation, bool, error) {
	if _, ok := graph.LookupType(want.Type); !ok {
		return graph.Relation{}, false, graph.AsValidationError("relation", []graph.Problem{{Field: "type",
			Message: fmt.Sprintf("unknown relation type %q; see the vocabulary (GET /v1/relation-types)", want.Type)}})
	}
	id, found, err := single[string](ctx, tx, statement{Text: queryText("relation_same"), Params: map[string]any{
		"type": want.Type, "from": want.From, "to": want.To, "symmetric": graph.IsSymmetric(want.Type)}}, "id")
	if err != nil {
		return graph.Relation{}, false, err
	}
	cat, err := loadCatalog(ctx, tx, []string{want.From, want.To}, evidenceSources(want.Evidence))
	if err != nil {
		return graph.Relation{}, false, err
	}
	if found {
		x, err := getRelation(ctx, tx, id)
		if err != nil {
			return graph.Relation{}, false, err
		}
		entry := fmt.Sprintf("relation %q", id)
		if err := graph.CheckEvidenceList(entry, want.Evidence, cat.LookupSource); err != nil {
			return graph.Relation{}, false, err
		}
		if err := graph.NewQuotes(cat.StoredText).Check(entry, want.Evidence); err != nil {
			return graph.Relation{}, false, err
		}
		x.Evidence = append(x.Evidence, want.Evidence...)
		x.Derive()
		return x, true, putRelation(ctx, tx, &x)
	}
	if want.ID, err = freeRelationID(ctx, tx, &want); err != nil {
		return graph.Relation{}, false, err
	}
	b := &graph.Bundle{Format: graph.BundleFormat, Relations: []graph.Relation{want}}
	if err := b.Validate(cat); err != nil {
		return graph.Relation{}, false, err
	}
	rel := b.Relations[0]
	text, err := withType("relation_create", rel.Type)
	if err != nil {
		return graph.Relation{}, false, err
	}
	p, err := relationProps(&rel)
	if err != nil {
		return graph.Relation{}, false, err
	}
	recs, err := collect(ctx, tx, statement{Text: text, Params: map[string]any{
		"id": rel.ID, "type": rel.Type, "from": rel.From, "to": rel.To, "props": p}})
	if err != nil {
		return graph.Relation{}, false, err
	}
	if len(recs) != 1 {
		return graph.Relation{}, false, fmt.Errorf("neo4j: relation_create returned %d records", len(recs))
	}
	out, err := relationFromRecord(recs[0])
	return out, false, err
}

// Audit returns the audit records q selects, oldest first. EINVALID.
func (s *Store) Audit(ctx context.Context, q graph.AuditQuery) ([]graph.AuditRecord, error) {
	if err := q.Normalize(); err != nil {
		return nil, err
	}
	var since any
	if !q.Since.IsZero() {
		since = q.Since.UnixNano()
	}
	var out []graph.AuditRecord
	err := s.read(ctx, "audit", func(tx neo4j.ManagedTransaction) error {
		out = []graph.AuditRecord{}
		recs, err := collect(ctx, tx, statement{Text: queryText("audit_list"),
			Params: map[string]any{"after": q.After, "since": since, "limit": int64(q.Limit)}})
		if err != nil {
			return err
		}
		for _, rec := range recs {
			js, err := get[string](rec, "json")
			if err != nil {
				return err
			}
			seq, err := get[int64](rec, "seq")
			if err != nil {
				return err
			}
			r, err := auditFromJSON(js, seq)
			if err != nil {
				return err
			}
			out = append(out, r)
		}
		return nil
	})
	return out, err
}
