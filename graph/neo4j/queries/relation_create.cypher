// Creates one relation and its key node; the builder sets the type. A
// duplicate id violates the relation_key_id constraint.
MATCH (x:Actor {id: $from})
MATCH (y:Actor {id: $to})
CREATE (:RelationKey {id: $id, type: $type, from: $from, to: $to})
CREATE (x)-[r:/*@type*/MET/*@end*/]->(y)
SET r = $props
RETURN r, x.id AS from, y.id AS to
