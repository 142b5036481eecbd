// A batch of new relations of one type (the builder sets it): Import has
// checked that no id is taken, so the relationship and its key node are
// created, not merged; the relation_key_id constraint still guards
// against a race.
UNWIND $rows AS row
MATCH (x:Actor {id: row.from})
MATCH (y:Actor {id: row.to})
CREATE (x)-[r:/*@type*/MET/*@end*/]->(y)
SET r = row.props
CREATE (:RelationKey {id: row.props.id, type: row.type, from: row.from, to: row.to})
RETURN count(r) AS n
