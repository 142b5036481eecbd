// A broken query the lint must reject: b is never bound.
MATCH (a:Actor {id: $id})-[r]->(:Actor)
RETURN a, b
