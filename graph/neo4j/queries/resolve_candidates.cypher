// Every actor whose folded names contain each word of the folded query: a
// superset of Resolve's third tier (every word of the reference begins a
// word of a name or alias), which the store checks in Go with
// graph.MatchScore, as the embedded store does. $first is the longest
// word, for the text index.
MATCH (a:Actor)
WHERE a.search_text CONTAINS $first
  AND all(w IN $words WHERE a.search_text CONTAINS w)
RETURN a.id AS id, a.name AS name, a.kind AS kind, a.search_keys AS keys
