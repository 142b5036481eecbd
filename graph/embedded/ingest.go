package embedded

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"slices"
	"strconv"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"

	"github.com/actorgraph/actorgraph/graph"
)

// Ingestion: source texts, proposals, review decisions and the audit log
// (graph.Ingestion). Texts are kept by source id in their own bucket, so
// that the sources bucket, which open reads whole, stays small. Proposals
// are JSON by id, with a second bucket keyed by source, start and id (the
// order lists are in) whose values hold the status and kind, so that a
// filtered list decodes only the proposals of its page. Audit records are
// JSON under their sequence number (bbolt's bucket sequence), big-endian,
// so the bucket's order is the log's.

// allBuckets are every bucket of a store file.
var allBuckets = [][]byte{bucketMeta, bucketSources, bucketActors, bucketRelations,
	bucketTexts, bucketProposals, bucketBySource, bucketAudit}

// addBuckets creates the buckets that a file written by an earlier
// version lacks (the ingestion ones); it writes nothing when all exist.
func (s *Store) addBuckets() error {
	missing := false
	err := s.db.View(func(tx *bolt.Tx) error {
		for _, name := range allBuckets {
			if tx.Bucket(name) == nil {
				missing = true
			}
		}
		return nil
	})
	if err != nil || !missing {
		return s.storageErr("check buckets", err)
	}
	return s.storageErr("add buckets", s.update(func(tx *bolt.Tx) error {
		for _, name := range allBuckets {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
		return nil
	}))
}

// storedText reads the text of a source in a read transaction of its own;
// for use outside a write transaction (bbolt must not nest them).
func (s *Store) storedText(id string) (string, bool) {
	var text string
	var ok bool
	_ = s.db.View(func(tx *bolt.Tx) error {
		text, ok = textTx(tx)(id)
		return nil
	})
	return text, ok
}

// textTx returns the texts as tx sees them.
func textTx(tx *bolt.Tx) func(id string) (string, bool) {
	return func(id string) (string, bool) {
		v := tx.Bucket(bucketTexts).Get([]byte(id))
		if v == nil {
			return "", false
		}
		return string(v), true
	}
}

// SourceText returns the text of source id. ENOTFOUND when there is no
// such source or it has no text.
func (s *Store) SourceText(ctx context.Context, id string) (string, error) {
	var text string
	err := snapshot(ctx, s, "source text", func(ix *index) (struct{}, error) {
		src, ok := ix.sources[id]
		switch {
		case !ok:
			return struct{}{}, graph.Errorf(graph.ENOTFOUND, "no source with id %q", clip(id, 120))
		case src.TextLength == 0:
			return struct{}{}, graph.Errorf(graph.ENOTFOUND, "source %q has no text", clip(id, 120))
		}
		return struct{}{}, nil
	}, func(tx *bolt.Tx, _ struct{}) error {
		t, ok := textTx(tx)(id)
		if !ok {
			return errStale
		}
		text = t
		return nil
	})
	return text, err
}

// Status and kind codes of the by-source bucket's values.
var (
	reviewCodes = []graph.ProposalStatus{graph.Pending, graph.Accepted, graph.Rejected}
	kindCodes   = []graph.ProposalKind{graph.ProposalMention, graph.ProposalActor, graph.ProposalRelation}
)

func proposalKey(p *graph.Proposal) []byte {
	k := make([]byte, 0, len(p.Source)+10+len(p.ID))
	k = append(k, p.Source...)
	k = append(k, 0)
	k = binary.BigEndian.AppendUint64(k, uint64(max(p.Start, 0)))
	return append(k, p.ID...)
}

func proposalSummary(p *graph.Proposal) []byte {
	return []byte{byte(slices.Index(reviewCodes, p.Status)), byte(slices.Index(kindCodes, p.Kind))}
}

// putProposal writes p and its by-source entry.
func putProposal(tx *bolt.Tx, p *graph.Proposal) error {
	v, err := json.Marshal(p)
	if err != nil {
		return err
	}
	if err := tx.Bucket(bucketProposals).Put([]byte(p.ID), v); err != nil {
		return err
	}
	return tx.Bucket(bucketBySource).Put(proposalKey(p), proposalSummary(p))
}

// deleteProposal removes p and its by-source entry.
func deleteProposal(tx *bolt.Tx, p *graph.Proposal) error {
	if err := tx.Bucket(bucketProposals).Delete([]byte(p.ID)); err != nil {
		return err
	}
	return tx.Bucket(bucketBySource).Delete(proposalKey(p))
}

// getProposalTx reads one proposal; false when there is none.
func getProposalTx(tx *bolt.Tx, id string) (graph.Proposal, bool, error) {
	v := tx.Bucket(bucketProposals).Get([]byte(id))
	if v == nil {
		return graph.Proposal{}, false, nil
	}
	var p graph.Proposal
	if err := json.Unmarshal(v, &p); err != nil {
		return graph.Proposal{}, false, errCorrupt
	}
	return p, true, nil
}

// appendAudit numbers rec, writes it and returns it.
func appendAudit(tx *bolt.Tx, rec graph.AuditRecord) (graph.AuditRecord, error) {
	b := tx.Bucket(bucketAudit)
	seq, err := b.NextSequence()
	if err != nil {
		return rec, err
	}
	rec = rec.Clone()
	rec.Seq = int64(seq)
	if rec.Changes == nil {
		rec.Changes = []graph.Change{}
	}
	v, err := json.Marshal(&rec)
	if err != nil {
		return rec, err
	}
	return rec, b.Put(binary.BigEndian.AppendUint64(nil, seq), v)
}

// CreateSource stores a new source with its text, its proposals and rec
// in one transaction. EINVALID, ECONFLICT (the id is taken, or a
// proposal's).
func (s *Store) CreateSource(ctx context.Context, src graph.Source, ps []graph.Proposal, rec graph.AuditRecord) (graph.Source, error) {
	src = src.Clone()
	err := s.write(ctx, func(ix *index) error {
		if err := graph.CheckText(src.Text, graph.MaxTextBytes); err != nil {
			return err
		}
		b := &graph.Bundle{Format: graph.BundleFormat, Sources: []graph.Source{src}}
		if err := b.Validate(catalog{ix: ix}); err != nil {
			return err
		}
		if _, ok := ix.sources[src.ID]; ok {
			return graph.Errorf(graph.ECONFLICT, "a source with id %q exists; choose another id or leave it out", src.ID)
		}
		if err := graph.CheckProposals(src.ID, src.Text, ps, true); err != nil {
			return err
		}
		text := src.Text
		src.Text, src.TextLength = "", utf8.RuneCountInString(text)
		return s.commit("create source", room{}, func(tx *bolt.Tx) error {
			for i := range ps {
				if tx.Bucket(bucketProposals).Get([]byte(ps[i].ID)) != nil {
					return graph.Errorf(graph.ECONFLICT, "a proposal with id %q exists", ps[i].ID)
				}
			}
			v, err := encodeSource(&src)
			if err != nil {
				return err
			}
			if err := tx.Bucket(bucketSources).Put([]byte(src.ID), v); err != nil {
				return err
			}
			if err := tx.Bucket(bucketTexts).Put([]byte(src.ID), []byte(text)); err != nil {
				return err
			}
			for i := range ps {
				if err := putProposal(tx, &ps[i]); err != nil {
					return err
				}
			}
			_, err = appendAudit(tx, rec)
			return err
		}, func(ix *index) error {
			ix.sources[src.ID] = src.Clone()
			return nil
		})
	})
	if err != nil {
		return graph.Source{}, err
	}
	return src.Clone(), nil
}

// ReplaceProposals replaces the pending proposals of source id with ps,
// keeping the decided ones, and appends rec. ENOTFOUND, EINVALID,
// ECONFLICT (a proposal id of another source).
func (s *Store) ReplaceProposals(ctx context.Context, id string, ps []graph.Proposal, rec graph.AuditRecord) (graph.ReplaceResult, error) {
	var res graph.ReplaceResult
	err := s.write(ctx, func(ix *index) error {
		src, ok := ix.sources[id]
		if !ok {
			return graph.Errorf(graph.ENOTFOUND, "no source with id %q", clip(id, 120))
		}
		if src.TextLength == 0 {
			return graph.Errorf(graph.EINVALID, "source %q has no text to extract from", id)
		}
		return s.commit("replace proposals", room{}, func(tx *bolt.Tx) error {
			res = graph.ReplaceResult{}
			text, _ := textTx(tx)(id)
			if err := graph.CheckProposals(id, text, ps, true); err != nil {
				return err
			}
			var stale []graph.Proposal
			prefix := append([]byte(id), 0)
			c := tx.Bucket(bucketBySource).Cursor()
			for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
				if len(v) == 2 && reviewCodes[v[0]] == graph.Pending {
					pid := string(k[len(prefix)+8:])
					p, ok, err := getProposalTx(tx, pid)
					if err != nil || !ok {
						return errCorrupt
					}
					stale = append(stale, p)
				}
			}
			for i := range stale {
				if err := deleteProposal(tx, &stale[i]); err != nil {
					return err
				}
			}
			res.Removed = len(stale)
			for i := range ps {
				old, ok, err := getProposalTx(tx, ps[i].ID)
				if err != nil {
					return err
				}
				if ok {
					if old.Source != id {
						return graph.Errorf(graph.ECONFLICT, "proposal %q belongs to source %q", ps[i].ID, old.Source)
					}
					res.Decided++
					continue
				}
				if err := putProposal(tx, &ps[i]); err != nil {
					return err
				}
				res.Added++
			}
			rec.Changes = append(slices.Clone(rec.Changes),
				graph.Change{Op: graph.ChangeRemoveProposals, ID: id, After: strconv.Itoa(res.Removed)},
				graph.Change{Op: graph.ChangeAddProposals, ID: id, After: strconv.Itoa(res.Added)})
			var err error
			res.Record, err = appendAudit(tx, rec)
			return err
		}, func(*index) error { return nil })
	})
	if err != nil {
		return graph.ReplaceResult{}, err
	}
	return res, nil
}

// Proposals returns a page of the proposals f selects, in (source, start,
// id) order, and how many it selects. EINVALID.
func (s *Store) Proposals(ctx context.Context, f graph.ProposalFilter) (graph.ProposalPage, error) {
	if err := f.Normalize(); err != nil {
		return graph.ProposalPage{}, err
	}
	if err := s.begin(ctx); err != nil {
		return graph.ProposalPage{}, err
	}
	var page graph.ProposalPage
	err := s.view("proposals", func(tx *bolt.Tx) error {
		page = graph.ProposalPage{Proposals: []graph.Proposal{}}
		var prefix []byte
		if f.Source != "" {
			prefix = append([]byte(f.Source), 0)
		}
		c := tx.Bucket(bucketBySource).Cursor()
		k, v := c.First()
		if prefix != nil {
			k, v = c.Seek(prefix)
		}
		for n := 0; k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			if n++; n%4096 == 0 && ctx.Err() != nil {
				return ctxError{ctx.Err()}
			}
			if len(v) != 2 || int(v[0]) >= len(reviewCodes) || int(v[1]) >= len(kindCodes) {
				return errCorrupt
			}
			if f.Status != "" && reviewCodes[v[0]] != f.Status || f.Kind != "" && kindCodes[v[1]] != f.Kind {
				continue
			}
			page.Total++
			if page.Total <= f.Offset || len(page.Proposals) == f.Limit {
				continue
			}
			sep := bytes.IndexByte(k, 0)
			p, ok, err := getProposalTx(tx, string(k[sep+9:]))
			if err != nil || !ok {
				return errCorrupt
			}
			page.Proposals = append(page.Proposals, p)
		}
		return nil
	})
	return page, err
}

// Proposal returns one proposal. ENOTFOUND.
func (s *Store) Proposal(ctx context.Context, id string) (graph.Proposal, error) {
	if err := s.begin(ctx); err != nil {
		return graph.Proposal{}, err
	}
	var p graph.Proposal
	err := s.view("proposal", func(tx *bolt.Tx) error {
		var ok bool
		var err error
		p, ok, err = getProposalTx(tx, id)
		if err == nil && !ok {
			err = graph.Errorf(graph.ENOTFOUND, "no proposal with id %q", clip(id, 300))
		}
		return err
	})
	return p, err
}

// sameRelation returns the live relation of the index with type typ from
// from to to (either way for a symmetric type) with the smallest id, or -1.
func (ix *index) sameRelation(typ, from, to string) int32 {
	n, ok1 := ix.byID[from]
	m, ok2 := ix.byID[to]
	if !ok1 || !ok2 {
		return -1
	}
	code, sym := typeCode(typ), graph.IsSymmetric(typ)
	best := int32(-1)
	for _, h := range ix.adj[n] {
		r := h.rel()
		if h.nbr != m || ix.rels[r].typ != code || !h.out() && !sym {
			continue
		}
		if best < 0 || ix.compareRels(r, best) < 0 {
			best = r
		}
	}
	return best
}

// Decide applies a review decision and its writes in one transaction.
// ENOTFOUND, ECONFLICT, EINVALID.
func (s *Store) Decide(ctx context.Context, r graph.Review) (graph.ReviewResult, error) {
	if err := graph.CheckReview(&r); err != nil {
		return graph.ReviewResult{}, err
	}
	var res graph.ReviewResult
	err := s.write(ctx, func(ix *index) error {
		var (
			actor       *graph.Actor
			rel         *graph.Relation
			merged      int32 = -1
			oldEvidence int
		)
		return s.commit("decide", room{nodes: 1, rels: 1}, func(tx *bolt.Tx) error {
			res = graph.ReviewResult{}
			p := r.Proposal.Clone()
			rec := r.Record.Clone()
			old, ok, err := getProposalTx(tx, p.ID)
			if err != nil {
				return err
			}
			if !ok {
				return graph.Errorf(graph.ENOTFOUND, "no proposal with id %q", clip(p.ID, 300))
			}
			if old.Status != graph.Pending {
				return decidedAlready(&old)
			}
			p.Source, p.Start = old.Source, old.Start // its by-source key stays
			rec.Changes = append(rec.Changes, graph.Change{Op: graph.ChangeSetStatus, ID: p.ID, Before: string(old.Status), After: string(p.Status)})
			texts := textTx(tx)
			if r.Actor != nil {
				a := r.Actor.Clone()
				if err := checkActor(ix, &a, texts); err != nil {
					return err
				}
				if _, taken := ix.byID[a.ID]; taken {
					return graph.Errorf(graph.ECONFLICT, "an actor with id %q exists; choose another id, or name that actor", a.ID)
				}
				if err := tx.Bucket(bucketActors).Put([]byte(a.ID), appendActor(nil, &a)); err != nil {
					return err
				}
				actor = &a
				res.Actor = &a
				rec.Changes = append(rec.Changes, graph.Change{Op: graph.ChangeCreateActor, ID: a.ID})
			}
			if r.Relation != nil {
				want := r.Relation.Clone()
				quotes := graph.NewQuotes(texts)
				if found := ix.sameRelation(want.Type, want.From, want.To); found >= 0 {
					id := string(ix.relID(found))
					x, ok, err := getRelationTx(tx, id)
					if err != nil || !ok {
						return errCorrupt
					}
					oldEvidence = len(x.Evidence)
					entry := relationEntry(id)
					if err := graph.CheckEvidenceList(entry, want.Evidence, ix.lookupSource); err != nil {
						return err
					}
					if err := quotes.Check(entry, want.Evidence); err != nil {
						return err
					}
					x.Evidence = append(x.Evidence, want.Evidence...)
					x.Derive()
					rel, merged, res.Merged = &x, found, true
					rec.Changes = append(rec.Changes, graph.Change{Op: graph.ChangeAddEvidence, ID: id, After: strconv.Itoa(len(x.Evidence))})
				} else {
					rb := tx.Bucket(bucketRelations)
					base := graph.RelationID(want.From, want.Type, want.To)
					want.ID = base
					for i := 2; rb.Get([]byte(want.ID)) != nil; i++ {
						want.ID = base + "--" + strconv.Itoa(i)
					}
					kindOf := func(id string) (graph.Kind, bool) {
						if actor != nil && id == actor.ID {
							return actor.Kind, true
						}
						return ix.kindOf(id)
					}
					entry := relationEntry(want.ID)
					problems := graph.CheckRelation(&want, kindOf)
					if err := graph.AsValidationError(entry, problems); err != nil {
						return err
					}
					if err := graph.CheckEvidenceList(entry, want.Evidence, ix.lookupSource); err != nil {
						return err
					}
					if err := quotes.Check(entry, want.Evidence); err != nil {
						return err
					}
					want.Derive()
					rel = &want
					rec.Changes = append(rec.Changes, graph.Change{Op: graph.ChangeCreateRelation, ID: want.ID})
				}
				if err := tx.Bucket(bucketRelations).Put([]byte(rel.ID), appendRelation(nil, rel)); err != nil {
					return err
				}
				res.Relation = rel
				p.Decision.Relation = rel.ID
			}
			for i := range r.Resolve {
				q := r.Resolve[i].Clone()
				cur, ok, err := getProposalTx(tx, q.ID)
				if err != nil {
					return err
				}
				if !ok || cur.Status != graph.Pending || q.ID == p.ID {
					continue
				}
				q.Source, q.Start = cur.Source, cur.Start
				if err := deleteProposal(tx, &cur); err != nil {
					return err
				}
				if err := putProposal(tx, &q); err != nil {
					return err
				}
				res.Resolved = append(res.Resolved, q.ID)
				rec.Changes = append(rec.Changes, graph.Change{Op: graph.ChangeResolveProposal, ID: q.ID, After: p.Decision.Actor})
			}
			if res.Record, err = appendAudit(tx, rec); err != nil {
				return err
			}
			p.Decision.Audit = res.Record.Seq
			if err := putProposal(tx, &p); err != nil {
				return err
			}
			if actor != nil || rel != nil {
				if err := putCounts(tx, ix.actors+boolInt(actor != nil), ix.relations+boolInt(rel != nil && merged < 0)); err != nil {
					return err
				}
			}
			res.Proposal = p
			return nil
		}, func(ix *index) error {
			if actor != nil {
				ix.putNode(actor.ID, actor.Kind, actor.Name, actor.Aliases)
			}
			if rel == nil {
				return nil
			}
			a := attrOfRelation(ix, rel)
			if merged >= 0 {
				ix.setAttrs(merged, a)
				ix.evidence += len(rel.Evidence) - oldEvidence
				return nil
			}
			_, err := ix.addRel([]byte(rel.ID), a)
			ix.evidence += len(rel.Evidence)
			return err
		})
	})
	if err != nil {
		return graph.ReviewResult{}, err
	}
	return res, nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// decidedAlready is the conflict of a second decision on p.
func decidedAlready(p *graph.Proposal) error {
	if p.Decision != nil {
		return graph.Errorf(graph.ECONFLICT, "proposal %q was %s by %s at %s", p.ID, p.Status, p.Decision.By, p.Decision.At.UTC().Format("2006-01-02 15:04:05Z"))
	}
	return graph.Errorf(graph.ECONFLICT, "proposal %q is %s already", p.ID, p.Status)
}

// Audit returns the audit records q selects, oldest first. EINVALID.
func (s *Store) Audit(ctx context.Context, q graph.AuditQuery) ([]graph.AuditRecord, error) {
	if err := q.Normalize(); err != nil {
		return nil, err
	}
	if err := s.begin(ctx); err != nil {
		return nil, err
	}
	var out []graph.AuditRecord
	err := s.view("audit", func(tx *bolt.Tx) error {
		out = []graph.AuditRecord{}
		c := tx.Bucket(bucketAudit).Cursor()
		n := 0
		for k, v := c.Seek(binary.BigEndian.AppendUint64(nil, uint64(q.After)+1)); k != nil && len(out) < q.Limit; k, v = c.Next() {
			if n++; n%4096 == 0 && ctx.Err() != nil {
				return ctxError{ctx.Err()}
			}
			var r graph.AuditRecord
			if err := json.Unmarshal(v, &r); err != nil {
				return errCorrupt
			}
			if q.Match(&r) {
				out = append(out, r)
			}
		}
		return nil
	})
	return out, err
}
