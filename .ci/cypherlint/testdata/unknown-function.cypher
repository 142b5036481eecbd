// A broken query the lint must reject: no such function.
MATCH (a:Actor)
RETURN toSlug(a.name) AS slug
