// Actors whose folded name or an alias equals $key exactly (Resolve's
// second tier). The CONTAINS predicate lets the planner use the text index.
MATCH (a:Actor)
WHERE a.search_text CONTAINS $key AND $key IN a.search_keys
RETURN a
ORDER BY a.id
