// Deletes a relation, with its evidence (held in the relationship), and its
// key node.
MATCH (k:RelationKey {id: $id})
OPTIONAL MATCH (:Actor {id: k.from})-[r]->(:Actor {id: k.to})
WHERE r.id = $id
DELETE r, k
RETURN count(k) AS n
