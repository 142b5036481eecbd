// Every actor whose folded names contain each word of the folded query: a
// superset of the actors with a non-zero graph.MatchScore, which the store
// then computes in Go so that both stores rank alike. $first is the longest
// word, for the text index.
MATCH (a:Actor)
WHERE a.search_text CONTAINS $first
  AND all(w IN $words WHERE a.search_text CONTAINS w)
  AND ($kind = '' OR a.kind = $kind)
RETURN a.id AS id, a.name AS name, a.kind AS kind, a.search_keys AS keys, COUNT { (a)--() } AS degree
