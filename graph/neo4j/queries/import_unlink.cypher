// Before a batch of relations is merged: deletes the stored relationship of
// every id whose type or ends change, so that the merge recreates it. Its
// key node stays and is updated by the merge.
UNWIND $rows AS row
MATCH (k:RelationKey {id: row.id})
WHERE k.type <> row.type OR k.from <> row.from OR k.to <> row.to
MATCH (:Actor {id: k.from})-[r]->(:Actor {id: k.to})
WHERE r.id = k.id
DELETE r
RETURN count(r) AS n
