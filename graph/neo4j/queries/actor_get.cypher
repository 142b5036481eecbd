MATCH (a:Actor {id: $id})
RETURN a
