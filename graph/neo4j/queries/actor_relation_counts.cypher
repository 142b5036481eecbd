// The relations of one actor that pass the filter, counted by type and by
// whether the actor is the stored start: properties of the relationship
// only, never its evidence. The builder fills in the types and the filter.
MATCH (x:Actor {id: $id})-[r/*@types*//*@end*/]-(:Actor)
WHERE /*@filter*/true/*@end*/
RETURN type(r) AS type, startNode(r) = x AS out, count(r) AS n
