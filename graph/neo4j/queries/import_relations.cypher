// A batch of relations of one type (the builder sets it); an existing id is
// replaced, evidence included.
UNWIND $rows AS row
MATCH (x:Actor {id: row.from})
MATCH (y:Actor {id: row.to})
MERGE (k:RelationKey {id: row.id})
SET k.type = row.type, k.from = row.from, k.to = row.to
MERGE (x)-[r:/*@type*/MET/*@end*/ {id: row.id}]->(y)
SET r = row.props
RETURN count(r) AS n
