// A page of the proposals a filter selects (a null parameter selects
// any), in (source, start, id) order.
MATCH (p:Proposal)
WHERE ($source IS NULL OR p.source = $source)
  AND ($status IS NULL OR p.status = $status)
  AND ($kind IS NULL OR p.kind = $kind)
RETURN p.json AS json
ORDER BY p.source, p.start, p.id
SKIP $offset
LIMIT $limit
