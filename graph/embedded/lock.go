package embedded

import (
	"sync"
	"sync/atomic"
	"time"
)

// indexLock guards the in-memory index: readers share it, a writer takes
// it alone for the short in-memory update after its commit. Go's RWMutex
// stops new readers while a writer waits, so one reader that keeps the
// lock long makes the writer wait, and then every reader after it. Two
// things keep holds short:
//
//   - every reader's hold is bounded by the work it does under the lock:
//     plans read one actor's relations or a page of ids, and the long
//     traversals (paths, networks, the top of Stats) step aside (yield)
//     every yieldAfter, or at once when a writer waits; a traversal
//     starts again when a writer meanwhile changed the relations of an
//     actor whose relations it had read (the index records which actors'
//     relations each write changes), and goes on otherwise, since then
//     it finds what it would have found on the changed index;
//   - writers do all their work (validation, the bbolt commit and its
//     fsync) before they take the lock, and only update the index under
//     it.
//
// The searches over every name (SearchActors and the word tier of Resolve)
// still hold the lock for a whole scan; the name index that replaces them
// will not.
//
// With Options.LockHold set, every hold is reported: the benchmark of
// bench/cmd/lockbench measures them on the 1M-actor graph.
type indexLock struct {
	mu      sync.RWMutex
	writers atomic.Int32  // writers waiting for the lock or holding it
	version atomic.Uint64 // bumped by every writer, under the lock
	observe func(LockHold)
}

// LockHold reports one hold of the embedded store's index lock
// (Options.LockHold): which operation held it, whether alone (a writer),
// how long it waited to get it, and how long it held it. A traversal that
// steps aside reports each stretch apart.
//
// Held is wall time: on a busy machine it includes the time the thread
// was not running. HeldCPU is the CPU time the holding thread used
// meanwhile (on Linux), which is the work done under the lock; it is
// exact when the caller keeps its goroutine on one thread
// (runtime.LockOSThread), as bench/cmd/lockbench does.
type LockHold struct {
	Op        string
	Exclusive bool
	Waited    time.Duration
	Held      time.Duration
	HeldCPU   time.Duration
}

// yieldAfter is how long a traversal keeps the read lock before it steps
// aside, even when no writer waits: a writer that comes then waits at most
// this long (and the readers after it, as long again).
const yieldAfter = 5 * time.Millisecond

// hold is one hold of the lock, to release.
type hold struct {
	l         *indexLock
	op        string
	exclusive bool
	asked     time.Time // when the lock was asked for; zero when not observed
	got       time.Time
	gotCPU    time.Duration // the thread's CPU time then
}

func (l *indexLock) rlock(op string) hold {
	h := hold{l: l, op: op}
	if l.observe != nil {
		h.asked = time.Now()
	}
	l.mu.RLock()
	if l.observe != nil {
		h.got, h.gotCPU = time.Now(), threadCPU()
	}
	return h
}

func (l *indexLock) lock(op string) hold {
	h := hold{l: l, op: op, exclusive: true}
	if l.observe != nil {
		h.asked = time.Now()
	}
	l.writers.Add(1)
	l.mu.Lock()
	if l.observe != nil {
		h.got, h.gotCPU = time.Now(), threadCPU()
	}
	return h
}

// release lets the lock go; a writer's release marks the index changed.
func (h *hold) release() {
	var held, cpu time.Duration
	if h.l.observe != nil {
		held, cpu = time.Since(h.got), threadCPU()-h.gotCPU
	}
	if h.exclusive {
		h.l.version.Add(1)
		h.l.mu.Unlock()
		h.l.writers.Add(-1)
	} else {
		h.l.mu.RUnlock()
	}
	if h.l.observe != nil {
		h.l.observe(LockHold{Op: h.op, Exclusive: h.exclusive, Waited: h.got.Sub(h.asked), Held: held, HeldCPU: cpu})
	}
}

// yielder lets a traversal under the read lock step aside: past
// yieldAfter, or when a writer waits, it releases the lock and takes it
// again. When writers changed the index in between, unchanged (given the
// version the traversal last saw) says whether what it found so far still
// holds; nil means it never does. changed reports that it did not, which
// makes what the traversal found unusable.
type yielder struct {
	h         *hold
	version   uint64
	since     time.Time
	unchanged func(since uint64) bool
	changed   bool
}

func newYielder(h *hold, unchanged func(since uint64) bool) *yielder {
	return &yielder{h: h, version: h.l.version.Load(), since: time.Now(), unchanged: unchanged}
}

// maybeYield steps aside if a writer waits or the lock has been held for
// yieldAfter. It returns false when the index changed meanwhile in a way
// that matters to the traversal.
func (y *yielder) maybeYield() bool {
	if y.h.l.writers.Load() == 0 && time.Since(y.since) < yieldAfter {
		return true
	}
	op := y.h.op
	y.h.release()
	*y.h = y.h.l.rlock(op)
	y.since = time.Now()
	if v := y.h.l.version.Load(); v != y.version {
		if y.unchanged == nil || !y.unchanged(y.version) {
			y.changed = true
			return false
		}
		y.version = v
	}
	return true
}
