MATCH (a:Actor {id: $id})
RETURN COUNT { (a)--() } AS degree
