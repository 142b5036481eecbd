// Replaces a relation's properties (role, dates, contested, evidence and
// what is derived from them); its id, type and ends do not change.
MATCH (k:RelationKey {id: $id})
MATCH (:Actor {id: k.from})-[r]->(:Actor {id: k.to})
WHERE r.id = $id
SET r = $props
RETURN count(r) AS n
