// The candidates of a search by name: every actor (of $kind, if set) that
// has one of the query's probe keys (graph/names: Query.Probes) among its
// name_keys, found through the full-text index with the whitespace
// analyser. $query is the probes as Lucene terms, each quoted, at most a
// few hundred of them. The store scores the candidates in Go with the
// names scorer, as the embedded store does, so both find the same hits.
CALL db.index.fulltext.queryNodes('actor_name_keys', $query, {}) YIELD node AS a
WHERE $kind = '' OR a.kind = $kind
RETURN a.id AS id, a.name AS name, a.aliases AS aliases, a.kind AS kind, COUNT { (a)--() } AS degree
