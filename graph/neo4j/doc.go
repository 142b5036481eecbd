// Package neo4j is graph.Store on Neo4j 5 (5.26 LTS), through the official
// Go driver v5. Nothing outside cmd/actorgraph knows it; it answers as the
// embedded store does, which the shared conformance suite (graph/graphtest)
// checks against a live server when ACTORGRAPH_TEST_NEO4J_URI is set.
//
// # Mapping
//
//   - An actor is a node labelled :Actor plus its kind (:Person,
//     :Organization, :Event, :Place), with our id in the id property under a
//     uniqueness constraint. Element ids never leave this package.
//   - A relation is a relationship of its vocabulary type (:TRAINED_BY,
//     :CLAIMED_BY, ...) from the stored From to the stored To, with our id in
//     its id property. Neo4j's relationship uniqueness constraints hold per
//     type, so each relation also has a :RelationKey node with the same id,
//     written and deleted in the same transaction, whose constraint makes ids
//     unique across types.
//   - A source is a :Source node.
//
// # Names
//
// An actor node also holds what lookups by name need: its folded names
// (search_keys, and search_text under a text index) for Resolve, which
// stays strict (an id, an equal name or alias, or every word a prefix),
// and the candidate keys of graph/names (name_keys, under the full-text
// index actor_name_keys with the whitespace analyser, and their
// name_keys_version) for SearchActors. A search reads the actors with one
// of the query's probe keys, scores them in Go with the names scorer and
// ranks them as the embedded store does, so both return the same hits,
// order and total. Migrate computes name_keys in Go for actors written
// before them, or under another version of the keys.
//
// # Evidence
//
// Evidence is stored on the relationship itself, as a list of JSON strings,
// one per piece, in order, next to the derived values that queries filter
// on (confidence, contested, evidence_count, the first source and quote, and
// the validity dates as yyyymmdd integers). Evidence nodes keyed by the
// relation id were the alternative; properties win here because:
//
//   - a relation and its evidence are one record: they are written, replaced
//     and deleted in one statement and cannot drift apart;
//   - a path query returns the evidence of every hop with the path, with no
//     second MATCH per hop, and the filters (confidence, contested, dates)
//     apply to the relationship's own properties during the search;
//   - JSON keeps every field exactly, the order of the pieces included, so
//     that a relation round-trips unchanged (mapping_test.go checks this on
//     the driver's own types).
//
// The cost is that Cypher written by hand cannot index into single pieces
// of evidence without parsing the JSON; the API, the export and the
// first_quote/first_source properties cover what analysts ask of them.
//
// # Queries
//
// The Cypher lives in queries/*.cypher, embedded with go:embed. Templates
// mark the parts a query builder fills in (relationship types, filters, k and
// hop bounds, which Cypher 5 does not take as parameters and which are
// validated integers); every other value is a parameter. Every file and every
// generated query is linted in CI by Neo4j's own Cypher front end
// (.ci/cypherlint.sh). Reads run in managed read transactions (routed to
// readers in a cluster), writes in managed write transactions, each with the
// caller's context and a transaction timeout; exports stream through one
// read transaction. Driver errors are translated in errors.go: connectivity
// and timeouts become EUNAVAILABLE, constraint violations ECONFLICT.
package neo4j
