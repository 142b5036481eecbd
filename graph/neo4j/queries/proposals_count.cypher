// How many proposals a filter selects (a null parameter selects any).
MATCH (p:Proposal)
WHERE ($source IS NULL OR p.source = $source)
  AND ($status IS NULL OR p.status = $status)
  AND ($kind IS NULL OR p.kind = $kind)
RETURN count(p) AS n
