// Every relation that passes the filter, in id order, streamed: the key
// nodes' index provides the order, so the server does not sort, and the
// subquery finds each key's relationship by its ends' ids (see
// each_edge.cypher, and why the SEEK hints).
MATCH (k:RelationKey)
WHERE k.id IS NOT NULL
CALL (k) {
  MATCH (x:Actor {id: k.from})-[r/*@types*//*@end*/]->(y:Actor {id: k.to})
  USING INDEX SEEK x:Actor(id) USING INDEX SEEK y:Actor(id)
  WHERE r.id = k.id AND /*@filter*/true/*@end*/
  RETURN r, x, y
}
RETURN r, x.id AS from, y.id AS to
ORDER BY k.id
