// A broken query the lint must reject: KNOWS is not in the vocabulary.
MATCH (x:Actor)-[r:KNOWS]-(y:Actor)
RETURN r
