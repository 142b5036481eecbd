package embedded

import (
	"bytes"
	"context"

	bolt "go.etcd.io/bbolt"

	"github.com/actorgraph/actorgraph/graph"
)

// Streaming. EachActor, EachRelation and EachEdge walk the bbolt buckets,
// whose keys are the ids, so id order comes for free. They read a chunk of
// entries per short read transaction and call fn outside it: a slow
// consumer (an HTTP client downloading an export) then never holds a
// transaction open, which would stop writers from growing the file, and
// memory stays flat. The walk is not one snapshot: an entry written or
// deleted during the walk may or may not be seen, but each entry is seen
// whole and at most once.

const chunkSize = 1024

// scan calls each for up to chunkSize entries after the key after (all of
// them from the first when after is nil) in one read transaction, and
// returns the last key seen, or nil at the end.
func (s *Store) scan(bucket []byte, after []byte, each func(k, v []byte) error) ([]byte, error) {
	var last []byte
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucket).Cursor()
		var k, v []byte
		if after == nil {
			k, v = c.First()
		} else {
			k, v = c.Seek(after)
			if k != nil && bytes.Equal(k, after) {
				k, v = c.Next()
			}
		}
		for n := 0; k != nil && n < chunkSize; k, v = c.Next() {
			if err := each(k, v); err != nil {
				return err
			}
			last = k
			n++
		}
		if k == nil {
			last = nil // the end
		} else {
			last = append([]byte(nil), last...)
		}
		return nil
	})
	return last, err
}

// EachActor calls fn for every actor, in id order, streaming. It stops at
// and returns fn's first error.
func (s *Store) EachActor(ctx context.Context, fn func(graph.Actor) error) error {
	if err := s.begin(ctx); err != nil {
		return err
	}
	batch := make([]graph.Actor, 0, chunkSize)
	var after []byte
	for {
		batch = batch[:0]
		next, err := s.scan(bucketActors, after, func(k, v []byte) error {
			a, err := decodeActor(string(k), v)
			batch = append(batch, a)
			return err
		})
		if err != nil {
			return s.storageErr("each actor", err)
		}
		for _, a := range batch {
			if err := fn(a); err != nil {
				return err
			}
		}
		if next == nil {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return ctxError{err}
		}
		after = next
	}
}

// headerAttr is the relAttr of a decoded header, for filtering.
func headerAttr(h *relHeader) relAttr {
	return attrOf(0, 0, typeCode(h.typ), h.conf, h.contested, h.validFrom, h.validTo)
}

// EachRelation calls fn for every relation that passes f, with all its
// evidence, in id order, streaming (f.Direction is ignored: there is no
// end to stand on). It stops at and returns fn's first error. EINVALID.
func (s *Store) EachRelation(ctx context.Context, f graph.RelationFilter, fn func(graph.Relation) error) error {
	if err := s.begin(ctx); err != nil {
		return err
	}
	cf, err := compileFilter(f)
	if err != nil {
		return err
	}
	batch := make([]graph.Relation, 0, chunkSize)
	var after []byte
	var h relHeader
	for {
		batch = batch[:0]
		next, err := s.scan(bucketRelations, after, func(k, v []byte) error {
			if !cf.all {
				if err := decodeRelHeader(v, &h); err != nil {
					return err
				}
				a := headerAttr(&h)
				if !cf.match(&a) {
					return nil
				}
			}
			r, err := decodeRelation(string(k), v)
			batch = append(batch, r)
			return err
		})
		if err != nil {
			return s.storageErr("each relation", err)
		}
		for _, r := range batch {
			if err := fn(r); err != nil {
				return err
			}
		}
		if next == nil {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return ctxError{err}
		}
		after = next
	}
}

// span is a string's place in a batch's byte buffer.
type span struct{ off, n int32 }

type rawEdge struct {
	id, from, to, role, src, quote span
}

// EachEdge streams graph.Edge summaries of the relations that pass f, in
// id order. It decodes only the relation's header and the source and quote
// of its first piece of evidence, and turns a whole chunk's strings into
// one allocation. Same order and errors as EachRelation.
func (s *Store) EachEdge(ctx context.Context, f graph.RelationFilter, fn func(graph.Edge) error) error {
	if err := s.begin(ctx); err != nil {
		return err
	}
	cf, err := compileFilter(f)
	if err != nil {
		return err
	}
	edges := make([]graph.Edge, 0, chunkSize)
	raws := make([]rawEdge, 0, chunkSize)
	var buf []byte
	put := func(b []byte) span {
		sp := span{int32(len(buf)), int32(len(b))}
		buf = append(buf, b...)
		return sp
	}
	var after []byte
	var h relHeader
	for {
		edges, raws, buf = edges[:0], raws[:0], buf[:0]
		next, err := s.scan(bucketRelations, after, func(k, v []byte) error {
			if err := decodeRelHeader(v, &h); err != nil {
				return err
			}
			a := headerAttr(&h)
			if !cf.match(&a) {
				return nil
			}
			src, quote, err := firstEvidence(v, &h)
			if err != nil {
				return err
			}
			e := graph.Edge{
				Type: typeNameOf(h.typ), ValidFrom: h.validFrom, ValidTo: h.validTo, Contested: h.contested,
				Confidence: float64(h.conf) / 1000, EvidenceCount: h.nEvidence,
			}
			edges = append(edges, e)
			raws = append(raws, rawEdge{id: put(k), from: put(h.from), to: put(h.to), role: put(h.role), src: put(src), quote: put(quote)})
			return nil
		})
		if err != nil {
			return s.storageErr("each edge", err)
		}
		str := string(buf)
		get := func(sp span) string { return str[sp.off : sp.off+sp.n] }
		for i := range edges {
			e, r := &edges[i], &raws[i]
			e.ID, e.From, e.To, e.Role, e.FirstSource, e.FirstQuote = get(r.id), get(r.from), get(r.to), get(r.role), get(r.src), get(r.quote)
			if err := fn(*e); err != nil {
				return err
			}
		}
		if next == nil {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return ctxError{err}
		}
		after = next
	}
}

func typeNameOf(b []byte) string {
	if t, ok := typeByName[string(b)]; ok {
		return typeNames[t]
	}
	return string(b)
}
