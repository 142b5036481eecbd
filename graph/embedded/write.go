package embedded

import (
	"context"
	"fmt"
	"strconv"

	bolt "go.etcd.io/bbolt"

	"github.com/actorgraph/actorgraph/graph"
)

// Writes. Each write holds wmu (one writer at a time), validates against
// the index, commits one bbolt transaction (fsync'd: a write is
// acknowledged only once it is durable), and then applies the change to the
// index under the write lock. Readers are never blocked by the fsync, only
// by the short in-memory update.

// commit runs fn in a write transaction and, once it is durable, apply on
// the index, under the index lock. need is what apply adds to the index's
// tables: when they are full, they are copied into larger ones before the
// lock is taken, so that apply never copies tables of millions of entries
// with the lock held. A failed commit leaves the index possibly behind the
// file, so the index is rebuilt from the file.
func (s *Store) commit(op string, need room, fn func(tx *bolt.Tx) error, apply func(ix *index) error) error {
	err := s.update(fn)
	if err != nil {
		if _, failed := err.(commitError); failed {
			s.log.Error("embedded store: commit failed; reloading the index", "op", op, "err", err)
			if rerr := s.reload(); rerr != nil {
				s.log.Error("embedded store: reload after failed commit", "err", rerr)
			}
		}
		return s.storageErr(op, err)
	}
	g := s.ix.grow(need) // off the lock: this writer alone changes the tables
	h := s.lk.lock(op)
	s.ix.install(g)
	s.ix.epoch = s.lk.version.Load() + 1 // the version release leaves, for the index's record of changes
	aerr := apply(s.ix)
	s.nodes.Store(int64(len(s.ix.nodes)))
	h.release()
	if aerr != nil {
		// The data is committed; only the index failed (it is full).
		// Rebuild it from the file, which holds the truth.
		s.log.Error("embedded store: index update failed; reloading", "op", op, "err", aerr)
		if rerr := s.reload(); rerr != nil {
			return s.storageErr(op, rerr)
		}
	}
	return nil
}

// write runs fn as the store's one writer: it checks that the store is
// open and ctx live, takes the writer mutex (released when fn returns),
// checks again (the wait may have been long), and hands fn the index, which
// no other writer changes meanwhile. fn commits through commit.
func (s *Store) write(ctx context.Context, fn func(ix *index) error) error {
	if err := s.begin(ctx); err != nil {
		return err
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if err := s.begin(ctx); err != nil {
		return err
	}
	return fn(s.ix)
}

func actorEntry(id string) string    { return fmt.Sprintf("actor %q", clip(id, 120)) }
func relationEntry(id string) string { return fmt.Sprintf("relation %q", clip(id, 300)) }

// checkActor validates one actor for a write, its evidence included, with
// the same rules as an import; text gives the stored texts that quotes are
// checked against (nil: none).
func checkActor(ix *index, a *graph.Actor, text func(string) (string, bool)) error {
	b := &graph.Bundle{Format: graph.BundleFormat, Actors: []graph.Actor{*a}}
	err := b.Validate(catalog{ix: ix, text: text})
	if ve, ok := err.(*graph.ValidationError); ok {
		for i := range ve.Problems {
			ve.Problems[i].Entry = actorEntry(a.ID)
		}
	}
	return err
}

// CreateActor adds a new actor. EINVALID (bad fields or evidence),
// ECONFLICT (id taken).
func (s *Store) CreateActor(ctx context.Context, a graph.Actor) (graph.Actor, error) {
	a = a.Clone()
	err := s.write(ctx, func(ix *index) error {
		if err := checkActor(ix, &a, s.storedText); err != nil {
			return err
		}
		if _, ok := ix.byID[a.ID]; ok {
			return graph.Errorf(graph.ECONFLICT, "an actor with id %q exists; choose another id or update it", a.ID)
		}
		val := appendActor(nil, &a)
		return s.commit("create actor", room{nodes: 1}, func(tx *bolt.Tx) error {
			if err := tx.Bucket(bucketActors).Put([]byte(a.ID), val); err != nil {
				return err
			}
			return putCounts(tx, ix.actors+1, ix.relations)
		}, func(ix *index) error {
			ix.putNode(a.ID, a.Kind, a.Name, a.Aliases)
			return nil
		})
	})
	if err != nil {
		return graph.Actor{}, err
	}
	return a.Clone(), nil
}

// UpdateActor applies p and returns the result. ENOTFOUND, EINVALID.
func (s *Store) UpdateActor(ctx context.Context, id string, p graph.ActorPatch) (graph.Actor, error) {
	var a graph.Actor
	err := s.write(ctx, func(ix *index) error {
		if _, ok := ix.byID[id]; !ok {
			return notFoundActor(id)
		}
		return s.commit("update actor", room{}, func(tx *bolt.Tx) error {
			old, ok, err := getActorTx(tx, id)
			if err != nil {
				return err
			}
			if !ok {
				return notFoundActor(id)
			}
			a = p.Apply(old)
			// The patch leaves the evidence alone: its quotes are not
			// checked again.
			if err := checkActor(ix, &a, nil); err != nil {
				return err
			}
			return tx.Bucket(bucketActors).Put([]byte(id), appendActor(nil, &a))
		}, func(ix *index) error {
			ix.putNode(a.ID, a.Kind, a.Name, a.Aliases)
			return nil
		})
	})
	if err != nil {
		return graph.Actor{}, err
	}
	return a.Clone(), nil
}

// DeleteActor removes an actor. With cascade it removes the actor's
// relations too; without, an actor that still has relations gives
// ECONFLICT naming how many. ENOTFOUND.
func (s *Store) DeleteActor(ctx context.Context, id string, cascade bool) error {
	return s.write(ctx, func(ix *index) error {
		n, ok := ix.byID[id]
		if !ok {
			return notFoundActor(id)
		}
		rels := make([]int32, 0, len(ix.adj[n]))
		for _, h := range ix.adj[n] {
			rels = append(rels, h.rel())
		}
		if len(rels) > 0 && !cascade {
			return graph.Errorf(graph.ECONFLICT, "actor %q still has %d relation(s); delete them first or delete with cascade", id, len(rels))
		}
		evidence := 0
		return s.commit("delete actor", room{}, func(tx *bolt.Tx) error {
			rb := tx.Bucket(bucketRelations)
			for _, r := range rels {
				key := ix.relID(r)
				if v := rb.Get(key); v != nil {
					var h relHeader
					if err := decodeRelHeader(v, &h); err != nil {
						return err
					}
					evidence += h.nEvidence
				}
				if err := rb.Delete(key); err != nil {
					return err
				}
			}
			if err := tx.Bucket(bucketActors).Delete([]byte(id)); err != nil {
				return err
			}
			return putCounts(tx, ix.actors-1, ix.relations-len(rels))
		}, func(ix *index) error {
			ix.deleteNodeRels(n, rels)
			ix.evidence -= evidence
			ix.deleteNode(n)
			return nil
		})
	})
}

// CreateRelation adds a relation. An empty ID gets graph.RelationID(from,
// type, to), or that id with the first free suffix --2, --3 ... when it is
// taken. Confidence and Contested are derived from the evidence. EINVALID
// (id, type, kinds of the ends, a missing end named as the field, dates,
// evidence), ECONFLICT (id taken).
func (s *Store) CreateRelation(ctx context.Context, r graph.Relation) (graph.Relation, error) {
	r = r.Clone()
	err := s.write(ctx, func(ix *index) error {
		auto := r.ID == ""
		if auto {
			r.ID = graph.RelationID(r.From, r.Type, r.To)
		}
		if err := checkRelation(ix, &r); err != nil {
			return err
		}
		if err := graph.NewQuotes(catalog{ix: ix, text: s.storedText}.StoredText).Check(relationEntry(r.ID), r.Evidence); err != nil {
			return err
		}
		r.Derive()
		var rid string
		return s.commit("create relation", room{rels: 1}, func(tx *bolt.Tx) error {
			rb := tx.Bucket(bucketRelations)
			if auto {
				base := r.ID
				for i := 2; rb.Get([]byte(r.ID)) != nil; i++ {
					r.ID = base + "--" + strconv.Itoa(i)
				}
				if !graph.ValidRelationID(r.ID) {
					return graph.AsValidationError(relationEntry(r.ID), []graph.Problem{{Field: "id", Message: "the generated id is too long; give an id"}})
				}
			} else if rb.Get([]byte(r.ID)) != nil {
				return graph.Errorf(graph.ECONFLICT, "a relation with id %q exists; choose another id or leave it empty", r.ID)
			}
			rid = r.ID
			if err := rb.Put([]byte(r.ID), appendRelation(nil, &r)); err != nil {
				return err
			}
			return putCounts(tx, ix.actors, ix.relations+1)
		}, func(ix *index) error {
			_, err := ix.addRel([]byte(rid), attrOfRelation(ix, &r))
			ix.evidence += len(r.Evidence)
			return err
		})
	})
	if err != nil {
		return graph.Relation{}, err
	}
	return r.Clone(), nil
}

// checkRelation validates a relation for a single write.
func checkRelation(ix *index, r *graph.Relation) error {
	entry := relationEntry(r.ID)
	problems := graph.CheckRelation(r, ix.kindOf)
	if err := graph.CheckEvidenceList(entry, r.Evidence, ix.lookupSource); err != nil {
		for _, p := range err.(*graph.ValidationError).Problems {
			p.Entry = ""
			problems = append(problems, p)
		}
	}
	return graph.AsValidationError(entry, problems)
}

func attrOfRelation(ix *index, r *graph.Relation) relAttr {
	return attrOf(ix.byID[r.From], ix.byID[r.To], typeCode(r.Type), confMilli(r.Confidence), r.Contested, r.ValidFrom, r.ValidTo)
}

// modifyRelation reads relation id, lets change modify it, validates,
// writes it back and updates the index.
func (s *Store) modifyRelation(ctx context.Context, op, id string, change func(tx *bolt.Tx, r *graph.Relation) error) (graph.Relation, error) {
	var r graph.Relation
	err := s.write(ctx, func(ix *index) error {
		var oldEvidence int
		return s.commit(op, room{}, func(tx *bolt.Tx) error {
			old, ok, err := getRelationTx(tx, id)
			if err != nil {
				return err
			}
			if !ok {
				return notFoundRelation(id)
			}
			oldEvidence = len(old.Evidence)
			r = old
			if err := change(tx, &r); err != nil {
				return err
			}
			if err := checkRelation(ix, &r); err != nil {
				return err
			}
			return tx.Bucket(bucketRelations).Put([]byte(id), appendRelation(nil, &r))
		}, func(ix *index) error {
			if n := ix.findRel(ix.byID[r.From], r.ID); n >= 0 {
				a := attrOfRelation(ix, &r)
				ix.setAttrs(n, a)
			}
			ix.evidence += len(r.Evidence) - oldEvidence
			return nil
		})
	})
	if err != nil {
		return graph.Relation{}, err
	}
	return r.Clone(), nil
}

// UpdateRelation applies p (role, validity dates, contested) and
// recomputes the derived fields. ENOTFOUND, EINVALID.
func (s *Store) UpdateRelation(ctx context.Context, id string, p graph.RelationPatch) (graph.Relation, error) {
	return s.modifyRelation(ctx, "update relation", id, func(_ *bolt.Tx, r *graph.Relation) error {
		*r = p.Apply(*r)
		return nil
	})
}

// AddEvidence appends a piece of evidence to a relation and returns the
// relation with its confidence recomputed by graph.Relation.Derive (a
// refuting piece also marks it contested). Its quote must be in the text
// of its source, when the source has one. ENOTFOUND, EINVALID.
func (s *Store) AddEvidence(ctx context.Context, relationID string, e graph.Evidence) (graph.Relation, error) {
	return s.modifyRelation(ctx, "add evidence", relationID, func(tx *bolt.Tx, r *graph.Relation) error {
		if err := graph.NewQuotes(textTx(tx)).Check(relationEntry(relationID), []graph.Evidence{e}); err != nil {
			return err
		}
		r.Evidence = append(r.Evidence, e)
		r.Derive()
		return nil
	})
}

// DeleteRelation removes a relation and its evidence. ENOTFOUND.
func (s *Store) DeleteRelation(ctx context.Context, id string) error {
	return s.write(ctx, func(ix *index) error {
		var h relHeader
		var from string
		return s.commit("delete relation", room{}, func(tx *bolt.Tx) error {
			rb := tx.Bucket(bucketRelations)
			v := rb.Get([]byte(id))
			if v == nil {
				return notFoundRelation(id)
			}
			if err := decodeRelHeader(v, &h); err != nil {
				return err
			}
			from = string(h.from)
			if err := rb.Delete([]byte(id)); err != nil {
				return err
			}
			return putCounts(tx, ix.actors, ix.relations-1)
		}, func(ix *index) error {
			if n, ok := ix.byID[from]; ok {
				if r := ix.findRel(n, id); r >= 0 {
					ix.deleteRel(r)
				}
			}
			ix.evidence -= h.nEvidence
			return nil
		})
	})
}
