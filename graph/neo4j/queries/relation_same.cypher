// The relation of type $type from $from to $to, or either way when the
// type is $symmetric; the one with the smallest id if several.
MATCH (x:Actor {id: $from})-[r]-(:Actor {id: $to})
WHERE type(r) = $type AND (startNode(r) = x OR $symmetric)
RETURN r.id AS id
ORDER BY id
LIMIT 1
