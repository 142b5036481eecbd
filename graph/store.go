package graph

import "context"

// Store is the graph's storage and query engine. Both backends, the
// embedded store (graph/embedded) and Neo4j (graph/neo4j), implement it, and
// graph/graphtest holds the conformance suite that checks them alike.
//
// Quotes are checked where evidence is written, here in the store, because
// every write path passes through it (the HTTP API and the command line
// through package analyst, but also seeding at open, and the stores' own
// imports), and because the store holds the texts: the check reads the
// text in the transaction that writes the quote. Evidence whose source has
// a stored text must quote it word for word (Quotes: white space and
// typographic quote marks aside), or the write is EINVALID naming the
// source and the quote's first words.
//
// Every method honours ctx cancellation and deadlines. Errors carry the
// codes of error.go; every method may also return EUNAVAILABLE when the
// backend cannot be reached and EINTERNAL for anything unexpected.
// Returned values are copies: callers may keep and modify them.
type Store interface {
	// Actor returns the actor with the given id. ENOTFOUND.
	Actor(ctx context.Context, id string) (Actor, error)

	// Resolve accepts an actor id or a name or alias and returns the one
	// actor it denotes, in three tiers, each used only when the one before
	// matches nothing: the actor whose id is ref; the actors with a name
	// or alias equal to ref after NormalizeName; the actors with a name or
	// alias of which every word of ref begins a word (MatchScore at least
	// ScoreWordsAlias). One actor in a tier is the answer. ENOTFOUND when
	// nothing matches; *AmbiguousError (EAMBIGUOUS) listing the candidates
	// by id (at most Limits.MaxSearch) when several do. It never guesses:
	// spellings are for SearchActors.
	Resolve(ctx context.Context, ref string) (Actor, error)

	// SearchActors ranks the actors whose name or an alias matches q.Text
	// as graph/names scores it (transliterations, typos, word order,
	// missing or extra words), by score, then degree (descending), then
	// id, each hit saying what matched and why. Both stores find exactly
	// the hits that scoring every actor would, with the same total
	// (SearchResult). An empty text lists every actor by id. EINVALID for
	// bad options or a query past the caps of names.Parse.
	SearchActors(ctx context.Context, q SearchQuery) (SearchResult, error)

	// Relation returns one relation with all its evidence. ENOTFOUND.
	Relation(ctx context.Context, id string) (Relation, error)

	// ActorRelations returns the relations of actor id that pass f, sorted
	// by id. Direction out means id is the stored From. ENOTFOUND,
	// EINVALID, ETOOLARGE past Limits.MaxRelations.
	ActorRelations(ctx context.Context, id string, f RelationFilter) ([]Relation, error)

	// RelationCounts counts the relations of actor id that pass f, by type
	// and direction, sorted by type, without reading any evidence: it
	// answers for an actor with any number of relations. ENOTFOUND,
	// EINVALID.
	RelationCounts(ctx context.Context, id string, f RelationFilter) ([]TypeCount, error)

	// Paths finds connection paths (see PathQuery). ENOTFOUND for an
	// unknown endpoint; EINVALID for options out of bounds.
	Paths(ctx context.Context, q PathQuery) (PathResult, error)

	// Network returns the subgraph within q.Depth of the seeds, capped at
	// q.Limit nodes. ENOTFOUND for an unknown seed; EINVALID.
	Network(ctx context.Context, q NetworkQuery) (Subgraph, error)

	// EachActor calls fn for every actor, in id order, without holding the
	// whole list in memory. It stops at and returns fn's first error.
	EachActor(ctx context.Context, fn func(Actor) error) error

	// EachRelation calls fn for every relation that passes f, in id order,
	// streaming. It stops at and returns fn's first error. EINVALID.
	EachRelation(ctx context.Context, f RelationFilter, fn func(Relation) error) error

	// EachEdge is EachRelation for edge lists: it streams Edge summaries,
	// which a store can produce without reading every piece of evidence.
	// Same order and errors as EachRelation.
	EachEdge(ctx context.Context, f RelationFilter, fn func(Edge) error) error

	// Export streams the whole graph, for a backup: w.Source for every
	// source, then w.Actor for every actor, then w.Relation for every
	// relation with all its evidence, each in id order, without holding
	// the graph in memory. Writes may go on meanwhile. What it streams is
	// one consistent state of the graph, or at the least (a store that
	// cannot read one snapshot says so in its documentation) a bundle that
	// imports: every relation's ends and every source its evidence cites
	// are in it. It stops at and returns w's first error.
	Export(ctx context.Context, w BundleWriter) error

	// Sources lists every source by id; Source returns one (ENOTFOUND).
	Sources(ctx context.Context) ([]Source, error)
	Source(ctx context.Context, id string) (Source, error)

	// Stats counts actors by kind, relations by type, and lists the top
	// most connected actors.
	Stats(ctx context.Context, top int) (Stats, error)

	// CreateActor adds a new actor. EINVALID (bad fields, evidence, a
	// quote not in its source's text), ECONFLICT (id taken).
	CreateActor(ctx context.Context, a Actor) (Actor, error)

	// UpdateActor applies p and returns the result. ENOTFOUND, EINVALID.
	UpdateActor(ctx context.Context, id string, p ActorPatch) (Actor, error)

	// DeleteActor removes an actor. With cascade it removes the actor's
	// relations too; without it, an actor that still has relations gives
	// ECONFLICT. ENOTFOUND.
	DeleteActor(ctx context.Context, id string, cascade bool) error

	// CreateRelation adds a relation; an empty ID gets RelationID(from,
	// type, to), with a numeric suffix if that is taken. EINVALID (type,
	// kinds, evidence, a quote not in its source's text), ENOTFOUND (an
	// end does not exist: reported as EINVALID naming the end), ECONFLICT
	// (id taken).
	CreateRelation(ctx context.Context, r Relation) (Relation, error)

	// UpdateRelation applies p. ENOTFOUND, EINVALID.
	UpdateRelation(ctx context.Context, id string, p RelationPatch) (Relation, error)

	// DeleteRelation removes a relation and its evidence. ENOTFOUND.
	DeleteRelation(ctx context.Context, id string) error

	// AddEvidence appends a piece of evidence to a relation and returns the
	// relation with its confidence recomputed. ENOTFOUND, EINVALID (the
	// evidence, a quote not in its source's text).
	AddEvidence(ctx context.Context, relationID string, e Evidence) (Relation, error)

	// Import validates b against itself and the stored graph, then writes
	// it in one transaction: everything lands or nothing does. Entries
	// whose id exists are replaced (so importing twice changes nothing);
	// a source without a text keeps its stored text, and a stored text
	// cannot be changed. Quotes are checked against the bundle's texts and
	// the stored ones. *ValidationError (EINVALID) listing every problem.
	Import(ctx context.Context, b *Bundle) (ImportResult, error)

	// Ingestion keeps source texts, proposals, review decisions and the
	// audit log (proposal.go).
	Ingestion

	// Ping reports whether the store is reachable. EUNAVAILABLE.
	Ping(ctx context.Context) error

	// Close releases the store's resources.
	Close() error
}

// BundleWriter receives the parts of a whole-graph export (Store.Export):
// every source, then every actor, then every relation, in that order.
type BundleWriter interface {
	Source(Source) error
	Actor(Actor) error
	Relation(Relation) error
}
