package embedded

import (
	"context"
	"encoding/binary"
	"errors"
	"io"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/names"
)

// FileName is the name of the database file in the data directory.
const FileName = "actorgraph.db"

// FormatVersion names the on-disk layout; Open refuses a data directory
// written in another one.
const FormatVersion = "actorgraph-embedded/1"

var (
	bucketMeta      = []byte("meta")
	bucketSources   = []byte("sources")
	bucketActors    = []byte("actors")
	bucketRelations = []byte("relations")
	// Ingestion (ingest.go): source texts by source id; proposals by id,
	// and by source, start and id; audit records by sequence number.
	bucketTexts     = []byte("texts")
	bucketProposals = []byte("proposals")
	bucketBySource  = []byte("proposals-by-source")
	bucketAudit     = []byte("audit")

	keyFormat    = []byte("format")
	keyActors    = []byte("actors")    // count, a capacity hint for the next open
	keyRelations = []byte("relations") // count, likewise
)

// initialMmapSize is the address space bbolt maps for the file at open: 8
// GiB on 64-bit platforms. The mapping is read-only and shared, so it
// costs address space, not memory (pages the file does not have are never
// touched). When a write transaction outgrows the mapping, bbolt must
// remap, and before each remap it copies every key and value that the
// transaction holds out of the old mapping; a bulk import of a million
// relations used to remap a dozen times as the file doubled, which took a
// third of the import. A large mapping also means a writer never waits for
// readers to leave the old one.
const initialMmapSize = min(8<<30, math.MaxInt>>3) // 256 MiB on 32-bit platforms

// pageSize is the bbolt page size of a new store file (an existing one
// keeps its own): 16 KiB rather than the OS page. bbolt writes each dirty
// page of a commit with a call of its own, so a bulk import of millions of
// relations made a quarter of a million write calls with 4 KiB pages; a
// page also carries a fixed cost when a transaction spills its nodes.
// Small writes dirty a few pages either way and wait for the fsync.
const pageSize = 16 << 10

// Options configure Open.
type Options struct {
	// Dir is the data directory; it is created if missing. Required.
	Dir string
	// Limits bound every query; the zero value means graph.DefaultLimits.
	Limits graph.Limits
	// Logger receives storage failures (whose details never reach clients)
	// and open/import timings. Nil discards.
	Logger *slog.Logger
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Seed, when set, is called only when the data directory holds no
	// store yet; its bundle is validated and imported in the same
	// transaction that creates the store.
	Seed func() (*graph.Bundle, error)
	// LockHold, when set, is told of every hold of the index lock: which
	// operation held it, and how long it waited and held it. It is for
	// measuring (bench/cmd/lockbench); it is called with no lock held, from
	// many goroutines at once.
	LockHold func(LockHold)
}

// Store is the embedded graph.Store. See the package documentation.
type Store struct {
	db  *bolt.DB
	lim graph.Limits
	log *slog.Logger
	now func() time.Time

	wmu sync.Mutex // serialises writers, so validation sees what the commit will change
	lk  indexLock  // guards ix: readers share it, writers take it after their commit
	ix  *index

	closed atomic.Bool
	pool   sync.Pool    // of *scratch
	nodes  atomic.Int64 // len(ix.nodes), kept by writers: the size of a scratch, known without the lock
}

var _ graph.Store = (*Store)(nil)

// Open opens (or creates) the store in opts.Dir and builds the in-memory
// index from it. A new store is seeded with opts.Seed. Errors: EINVALID (no
// directory), EUNAVAILABLE (the directory cannot be used, or another process
// holds the store), EINTERNAL (a corrupt or foreign store file), and the
// seed bundle's *graph.ValidationError.
func Open(ctx context.Context, opts Options) (*Store, error) {
	if opts.Dir == "" {
		return nil, graph.Errorf(graph.EINVALID, "the embedded store needs a data directory")
	}
	s := &Store{lim: opts.Limits, log: opts.Logger, now: opts.Now}
	s.lk.observe = opts.LockHold
	if s.lim == (graph.Limits{}) {
		s.lim = graph.DefaultLimits
	}
	if s.log == nil {
		s.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if s.now == nil {
		s.now = time.Now
	}
	start := s.now()
	if err := os.MkdirAll(opts.Dir, 0o750); err != nil {
		s.log.Error("embedded: create data directory", "dir", opts.Dir, "err", err)
		return nil, graph.Errorf(graph.EUNAVAILABLE, "the data directory cannot be created")
	}
	path := filepath.Join(opts.Dir, FileName)
	_, statErr := os.Stat(path)
	created := errors.Is(statErr, os.ErrNotExist)
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: 2 * time.Second, FreelistType: bolt.FreelistMapType,
		InitialMmapSize: initialMmapSize, PageSize: pageSize})
	if err != nil {
		if errors.Is(err, berrors.ErrTimeout) {
			return nil, graph.Errorf(graph.EUNAVAILABLE, "the data directory is in use by another process")
		}
		s.log.Error("embedded: open", "path", path, "err", err)
		return nil, graph.Errorf(graph.EINTERNAL, "the store file in the data directory cannot be opened")
	}
	s.db = db
	if created {
		// Make the new file's directory entry durable too.
		syncDir(opts.Dir)
	}
	if err := s.initialize(ctx, opts.Seed); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.reload(); err != nil {
		db.Close()
		return nil, err
	}
	s.log.Info("embedded store open", "actors", s.ix.actors, "relations", s.ix.relations,
		"took", s.now().Sub(start))
	return s, nil
}

func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// initialize creates the buckets and imports the seed in one transaction if
// the file holds no store yet, and checks the format otherwise.
func (s *Store) initialize(ctx context.Context, seed func() (*graph.Bundle, error)) error {
	var format []byte
	err := s.db.View(func(tx *bolt.Tx) error {
		if m := tx.Bucket(bucketMeta); m != nil {
			format = append([]byte(nil), m.Get(keyFormat)...)
		}
		return nil
	})
	if err != nil {
		return s.storageErr("check format", err)
	}
	if format != nil {
		if string(format) != FormatVersion {
			return graph.Errorf(graph.EINTERNAL, "the data directory holds store format %q; this version reads %q", format, FormatVersion)
		}
		return s.addBuckets()
	}
	var b *graph.Bundle
	if seed != nil {
		if b, err = seed(); err != nil {
			return err
		}
	}
	var plan *importPlan
	err = s.update(func(tx *bolt.Tx) error {
		for _, name := range allBuckets {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
		if err := tx.Bucket(bucketMeta).Put(keyFormat, []byte(FormatVersion)); err != nil {
			return err
		}
		if b == nil {
			return nil
		}
		var err error
		plan, err = prepareImport(ctx, newIndex(0, 0), b, nil)
		if err != nil {
			return err
		}
		return plan.write(ctx, tx, newIndex(0, 0))
	})
	if err != nil {
		return s.storageErr("initialize", err)
	}
	if plan != nil {
		s.log.Info("embedded store seeded", "sources", plan.result.Sources, "actors", plan.result.Actors, "relations", plan.result.Relations)
	}
	return nil
}

// reload rebuilds the in-memory index from the database.
func (s *Store) reload() error {
	var ix *index
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		ix, err = loadIndex(tx)
		if err == nil {
			releaseMapped(s.db, tx.Size())
		}
		return err
	})
	if err != nil {
		return s.storageErr("load index", err)
	}
	h := s.lk.lock("reload")
	s.ix = ix
	s.nodes.Store(int64(len(ix.nodes)))
	h.release()
	// Loading allocates a lot of short-lived garbage; give it back now
	// rather than carrying it as resident memory.
	debug.FreeOSMemory()
	return nil
}

func getCount(m *bolt.Bucket, key []byte) int {
	if m == nil {
		return 0
	}
	v, n := binary.Uvarint(m.Get(key))
	if n <= 0 || v > 1<<31 {
		return 0
	}
	return int(v)
}

func putCounts(tx *bolt.Tx, actors, relations int) error {
	m := tx.Bucket(bucketMeta)
	if err := m.Put(keyActors, binary.AppendUvarint(nil, uint64(max(actors, 0)))); err != nil {
		return err
	}
	return m.Put(keyRelations, binary.AppendUvarint(nil, uint64(max(relations, 0))))
}

// loadBatch is how many actors' names loadIndex parses before it adds them
// to the names index: enough to make the adding cheap, few enough that the
// batch takes little memory.
const loadBatch = 64 << 10

// loadIndex reads sources, actors and relations and builds the index.
func loadIndex(tx *bolt.Tx) (*index, error) {
	ix := newIndex(getCount(tx.Bucket(bucketMeta), keyActors), getCount(tx.Bucket(bucketMeta), keyRelations))
	for _, name := range [][]byte{bucketMeta, bucketSources, bucketActors, bucketRelations} {
		if tx.Bucket(name) == nil {
			return nil, errCorrupt
		}
	}
	err := tx.Bucket(bucketSources).ForEach(func(k, v []byte) error {
		src, err := decodeSource(v)
		if err != nil {
			return err
		}
		ix.sources[src.ID] = src
		return nil
	})
	if err != nil {
		return nil, err
	}
	var ah actorHeader
	var aliases []string
	var batch names.Batch
	c := tx.Bucket(bucketActors).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if err := decodeActorHeader(v, &ah); err != nil {
			return nil, err
		}
		aliases = aliases[:0]
		for _, a := range ah.aliases {
			aliases = append(aliases, string(a))
		}
		n := ix.numberNode(string(k), internKind(ah.kind))
		batch.Add(uint32(n), string(ah.name), aliases)
		if batch.Len() == loadBatch {
			ix.names.AddBatch(&batch)
		}
	}
	ix.names.AddBatch(&batch)
	ix.names.Compact()
	var rh relHeader
	c = tx.Bucket(bucketRelations).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if err := decodeRelHeader(v, &rh); err != nil {
			return nil, err
		}
		from, ok1 := ix.byID[string(rh.from)]
		to, ok2 := ix.byID[string(rh.to)]
		if !ok1 || !ok2 {
			return nil, errCorrupt
		}
		a := attrOf(from, to, typeCode(rh.typ), rh.conf, rh.contested, rh.validFrom, rh.validTo)
		if _, err := ix.appendRel(k, a); err != nil {
			return nil, err
		}
		ix.evidence += rh.nEvidence
	}
	ix.rebuildAdj()
	return ix, nil
}

// update runs fn in a write transaction. An error from fn rolls back and is
// returned as is; a failed commit is wrapped in commitError.
func (s *Store) update(fn func(tx *bolt.Tx) error) error {
	var fnErr error
	err := s.db.Update(func(tx *bolt.Tx) error {
		fnErr = fn(tx)
		return fnErr
	})
	if err == nil || fnErr != nil {
		return err
	}
	return commitError{err}
}

type commitError struct{ err error }

func (e commitError) Error() string { return "commit: " + e.err.Error() }
func (e commitError) Unwrap() error { return e.err }

// storageErr turns an error from the storage layer into a domain error:
// domain errors pass through, cancellation becomes EUNAVAILABLE, and
// anything else is logged and reported without its details.
func (s *Store) storageErr(op string, err error) error {
	if err == nil {
		return nil
	}
	var ge *graph.Error
	var ve *graph.ValidationError
	var ae *graph.AmbiguousError
	var ce ctxError
	switch {
	case errors.As(err, &ge), errors.As(err, &ve), errors.As(err, &ae), errors.As(err, &ce):
		return err
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return ctxError{err}
	case errors.Is(err, berrors.ErrDatabaseNotOpen), errors.Is(err, berrors.ErrTimeout):
		return graph.Errorf(graph.EUNAVAILABLE, "the store is closed")
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EIO), errors.Is(err, syscall.EDQUOT):
		s.log.Error("embedded store: disk failure", "op", op, "err", err)
		return graph.Errorf(graph.EUNAVAILABLE, "the store cannot write to its disk; nothing was changed")
	}
	s.log.Error("embedded store failure", "op", op, "err", err)
	return graph.Errorf(graph.EINTERNAL, "internal storage error")
}

// ctxError reports a cancelled or timed-out call. It is a graph.Error with
// code EUNAVAILABLE for ErrorCode, and unwraps to the context error too.
type ctxError struct{ err error }

func (e ctxError) Error() string   { return e.domain().Error() }
func (e ctxError) Unwrap() []error { return []error{e.domain(), e.err} }
func (e ctxError) domain() *graph.Error {
	return graph.Errorf(graph.EUNAVAILABLE, "the request was cancelled or timed out")
}

// begin checks that the store is open and ctx still live.
func (s *Store) begin(ctx context.Context) error {
	if s.closed.Load() {
		return graph.Errorf(graph.EUNAVAILABLE, "the store is closed")
	}
	if err := ctx.Err(); err != nil {
		return ctxError{err}
	}
	return nil
}

// Ping reports whether the store is open and its file readable.
// EUNAVAILABLE.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.begin(ctx); err != nil {
		return err
	}
	return s.storageErr("ping", s.db.View(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketMeta) == nil {
			return errCorrupt
		}
		return nil
	}))
}

// Close closes the database file. Later calls return EUNAVAILABLE.
func (s *Store) Close() error {
	if s.closed.Swap(true) {
		return nil
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if err := s.db.Close(); err != nil {
		s.log.Error("embedded store: close", "err", err)
		return graph.Errorf(graph.EINTERNAL, "the store did not close cleanly")
	}
	return nil
}
