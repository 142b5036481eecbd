// Deletes an actor, its relations and their key nodes.
MATCH (a:Actor {id: $id})
CALL (a) {
  MATCH (a)-[r]-()
  MATCH (k:RelationKey {id: r.id})
  DELETE k
}
DETACH DELETE a
RETURN count(*) AS n
