// The number of actors (of $kind, or all when it is empty).
MATCH (a:Actor)
WHERE $kind = '' OR a.kind = $kind
RETURN count(a) AS total
