// The relations of one actor that pass the filter, by id. The builder fills
// in the relationship types and the filter; $limit is one more than
// Limits.MaxRelations so that the store can tell when it is exceeded.
MATCH (x:Actor {id: $id})-[r/*@types*//*@end*/]-(y:Actor)
WHERE /*@filter*/true/*@end*/
RETURN r, startNode(r).id AS from, endNode(r).id AS to
ORDER BY r.id
LIMIT $limit
