// The most connected actors.
MATCH (a:Actor)
WITH a, COUNT { (a)--() } AS degree
ORDER BY degree DESC, a.id
LIMIT $top
RETURN a.id AS id, a.name AS name, a.kind AS kind, degree
