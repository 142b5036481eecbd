package embedded

import (
	"bytes"
	"context"
	"strings"

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

// edgeChunkSize is the chunk of EachEdge, whose edges are small.
const edgeChunkSize = 4096

// scan calls each for up to chunkSize entries after the key after (all of
// them from the first when after is nil) in one read transaction, and
// returns the last key seen, or nil at the end.
func (s *Store) scan(bucket []byte, after []byte, each func(k, v []byte) error) ([]byte, error) {
	return s.scanN(bucket, after, chunkSize, each)
}

// scanN is scan for up to n entries.
func (s *Store) scanN(bucket []byte, after []byte, max int, each func(k, v []byte) error) ([]byte, error) {
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
		for n := 0; k != nil && n < max; k, v = c.Next() {
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

// record reports whether the relation record v passes the filter, decoding
// as little of it as the filter needs (h is scratch space).
func (f *filter) record(v []byte, h *relHeader) (bool, error) {
	switch {
	case f.all:
		return true, nil
	case f.confOnly:
		c, err := confOfRecord(v)
		return c >= f.minConf, err
	}
	if err := decodeRelHeader(v, h); err != nil {
		return false, err
	}
	a := headerAttr(h)
	return f.match(&a), nil
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
			if pass, err := cf.record(v, &h); !pass || err != nil {
				return err
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

// span is a record's place in a chunk's byte buffer.
type span struct{ off, n int32 }

// rawEdge is a relation copied out of the file: its key and value.
type rawEdge struct{ key, val span }

// edgeScratch is what reading a chunk of edges reuses from one chunk to
// the next.
type edgeScratch struct {
	raws []rawEdge
	size int // bytes the last chunk copied, to size the next one's buffer
}

// edgeChunk is one chunk of EachEdge: the edges, and whether the walk is
// over after them (next == nil) or failed.
type edgeChunk struct {
	edges []graph.Edge
	next  []byte
	err   error
}

// EachEdge streams graph.Edge summaries of the relations that pass f, in
// id order. It decodes only the relation's header and the source and quote
// of its first piece of evidence. A goroutine reads the next chunk (in its
// own short read transaction) while fn consumes the current one, so that
// reading the file and, say, formatting CSV use two cores; at most three
// chunks are in memory. Same order and errors as EachRelation.
func (s *Store) EachEdge(ctx context.Context, f graph.RelationFilter, fn func(graph.Edge) error) error {
	if err := s.begin(ctx); err != nil {
		return err
	}
	cf, err := compileFilter(f)
	if err != nil {
		return err
	}
	chunks := make(chan edgeChunk, 1)
	free := make(chan []graph.Edge, 3) // edge slices fn is done with
	done := make(chan struct{})
	defer close(done)
	go func() {
		defer close(chunks)
		var after []byte
		var sc edgeScratch
		for {
			var edges []graph.Edge
			select {
			case edges = <-free:
			default:
				edges = make([]graph.Edge, 0, edgeChunkSize)
			}
			c := s.edgeChunk(cf, after, edges[:0], &sc)
			if c.err == nil && c.next != nil && ctx.Err() != nil {
				c.err = ctxError{ctx.Err()}
			}
			select {
			case chunks <- c:
			case <-done:
				return
			}
			if c.err != nil || c.next == nil {
				return
			}
			after = c.next
		}
	}()
	for c := range chunks {
		if c.err != nil {
			return c.err
		}
		if err := ctx.Err(); err != nil {
			return ctxError{err}
		}
		for i := range c.edges {
			if err := fn(c.edges[i]); err != nil {
				return err
			}
		}
		select {
		case free <- c.edges:
		default:
		}
	}
	return nil
}

// edgeChunk reads the edges of up to edgeChunkSize relations after the key
// after into edges. In the read transaction it only copies the records
// that pass the filter into one buffer; it decodes them from that buffer
// as one string after the transaction, so that the edges' strings are
// substrings of it (one copy, one allocation per chunk).
func (s *Store) edgeChunk(cf *filter, after []byte, edges []graph.Edge, sc *edgeScratch) edgeChunk {
	raws := sc.raws[:0]
	defer func() { sc.raws = raws }()
	// The records are copied into a strings.Builder, whose String does
	// not copy them again.
	var buf strings.Builder
	buf.Grow(max(sc.size+sc.size/8, 64<<10))
	put := func(b []byte) span {
		sp := span{int32(buf.Len()), int32(len(b))}
		buf.Write(b)
		return sp
	}
	var h relHeader
	next, err := s.scanN(bucketRelations, after, edgeChunkSize, func(k, v []byte) error {
		if pass, err := cf.record(v, &h); !pass || err != nil {
			return err
		}
		raws = append(raws, rawEdge{key: put(k), val: put(v)})
		return nil
	})
	if err == nil {
		str := buf.String()
		sc.size = len(str)
		get := func(sp span) string { return str[sp.off : sp.off+sp.n] }
		var hs relHeaderOf[string]
		for i := range raws {
			v := get(raws[i].val)
			if err = decodeRelHeader(v, &hs); err != nil {
				break
			}
			var src, quote string
			if src, quote, err = firstEvidence(v, &hs); err != nil {
				break
			}
			var status graph.Status
			if status, err = statusOfRecord(v, &hs); err != nil {
				break
			}
			edges = append(edges, graph.Edge{ID: get(raws[i].key), Type: typeNameOf(hs.typ), From: hs.from, To: hs.to, Role: hs.role,
				ValidFrom: hs.validFrom, ValidTo: hs.validTo, Contested: hs.contested, Status: status, Confidence: float64(hs.conf) / 1000,
				EvidenceCount: hs.nEvidence, FirstSource: src, FirstQuote: quote})
		}
	}
	if err != nil {
		return edgeChunk{err: s.storageErr("each edge", err)}
	}
	return edgeChunk{edges: edges, next: next}
}

// typeNameOf returns the interned vocabulary spelling of a type name, so
// that decoding does not allocate one string per relation.
func typeNameOf[T text](b T) string {
	if t := typeCode(b); t != typeUnknown {
		return typeNames[t]
	}
	return string(b)
}

// Export streams the whole graph, sources with their texts, from one bbolt
// read transaction, so what it streams is one state of the graph: writes committed meanwhile are not
// in it, and every relation's ends and cited sources are. Every record is
// decoded from the transaction's pages and handed to w inside it; the
// transaction lasts as long as the export, so a slow consumer keeps it
// open. That costs no writer anything but space: bbolt cannot reuse the
// pages that writes free meanwhile, so the file grows by what they write,
// and a writer would wait for the export only to grow the file's mapping
// past initialMmapSize (8 GiB). ctx is checked every chunkSize records.
func (s *Store) Export(ctx context.Context, w graph.BundleWriter) error {
	if err := s.begin(ctx); err != nil {
		return err
	}
	var werr error // w's error, returned as it is
	err := s.db.View(func(tx *bolt.Tx) error {
		each := func(bucket []byte, fn func(k, v []byte) error) error {
			c := tx.Bucket(bucket).Cursor()
			n := 0
			for k, v := c.First(); k != nil; k, v = c.Next() {
				if n++; n%chunkSize == 0 {
					if err := ctx.Err(); err != nil {
						return ctxError{err}
					}
				}
				if err := fn(k, v); err != nil {
					return err
				}
			}
			return nil
		}
		text := textTx(tx)
		err := each(bucketSources, func(_, v []byte) error {
			src, err := decodeSource(v)
			if err != nil {
				return err
			}
			if src.TextLength > 0 {
				t, ok := text(src.ID)
				if !ok {
					return errCorrupt
				}
				src.Text = t
			}
			if werr = w.Source(src); werr != nil {
				return werr
			}
			return nil
		})
		if err != nil {
			return err
		}
		err = each(bucketActors, func(k, v []byte) error {
			a, err := decodeActor(string(k), v)
			if err != nil {
				return err
			}
			if werr = w.Actor(a); werr != nil {
				return werr
			}
			return nil
		})
		if err != nil {
			return err
		}
		return each(bucketRelations, func(k, v []byte) error {
			r, err := decodeRelation(string(k), v)
			if err != nil {
				return err
			}
			if werr = w.Relation(r); werr != nil {
				return werr
			}
			return nil
		})
	})
	if werr != nil {
		return werr
	}
	return s.storageErr("export", err)
}
