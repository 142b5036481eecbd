// A page of every actor (of $kind) by id, with degrees: SearchActors with
// an empty text.
MATCH (a:Actor)
WHERE a.id IS NOT NULL AND ($kind = '' OR a.kind = $kind)
RETURN a, COUNT { (a)--() } AS degree
ORDER BY a.id
SKIP $offset
LIMIT $limit
