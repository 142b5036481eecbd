// One relation by id, found through its key node and its stored ends.
MATCH (k:RelationKey {id: $id})
MATCH (x:Actor {id: k.from})-[r]->(y:Actor {id: k.to})
WHERE r.id = $id
RETURN r, x.id AS from, y.id AS to
