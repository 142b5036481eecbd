// Package embedded is the default graph.Store: no server, the data in one
// bbolt file in the data directory, and an in-memory index built for
// traversal.
//
// # Durability
//
// Every write is one bbolt transaction, committed with fsync before the
// method returns: an acknowledged write survives a crash or power loss. An
// import is one transaction too, so it lands whole or not at all. The file
// is the truth; at open the index is rebuilt from it.
//
// # The index
//
// Actors are numbered densely (int32) in load order. Each node has a slice
// of 8-byte half-edges (neighbour, relation index, an "I am the stored
// From" bit and a "symmetric type" bit); at open and after big imports the
// slices are carved out of one backing array, CSR-like, so the lists are
// contiguous. Relations are a table of 20-byte attributes holding exactly
// what filtering needs (ends, type code, confidence in thousandths,
// validity as yyyymmdd, contested flag) and their ids in a chunked byte
// arena. Nodes keep their id; their names and aliases are in a
// names.Index (graph/names) under the node's number, which search and
// resolution use: candidates from keys, scored with the names scorer, and
// the index compacts beside itself, never holding the lock for long.
//
// Full actors and relations (names, descriptions, evidence) are not held in
// memory: they are read from the file when a result is materialised, which
// costs a B-tree lookup per returned item (microseconds; results are small:
// a few paths, a capped network, a page of hits). This keeps memory flat
// and independent of how much evidence the graph carries; at 1M actors and
// 5M relations the index needs roughly 100 bytes per relation. Pages of the
// file read while rebuilding are handed back to the kernel (Linux), so they
// do not count as resident memory either.
//
// Traversals use pooled scratch arrays with generation stamps (visit
// marks, distances), never maps: starting a search costs an increment, not
// a clear.
//
// # Concurrency
//
// Readers share a sync.RWMutex over the index and read the file in bbolt
// read transactions. A writer holds a writer mutex (one writer at a time),
// validates against the index, commits, and only then applies the change
// to the index under the write lock: readers never wait for an fsync. A
// reader that finds a record gone (a writer committed between its index
// lookup and its file read) retries the query. Two helpers hold this
// protocol so that no method spells it out: every read goes through
// snapshot (a plan on the index under its read lock, released by a deferred
// unlock, then a bbolt read transaction without the lock, retried while a
// writer intervenes), and every write through write (the writer mutex, the
// open and context checks, then commit).
//
// # Query semantics
//
// The method docs spell out the semantics that both stores share: search
// ranking, name resolution tiers, path modes and their order, hop choice
// among parallel relations, direction with symmetric types, and which
// nodes a capped network keeps.
package embedded
