// Every actor in id order; the id constraint's index provides the order.
MATCH (a:Actor)
WHERE a.id IS NOT NULL
RETURN a
ORDER BY a.id
