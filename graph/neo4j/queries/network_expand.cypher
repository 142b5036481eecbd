// One breadth-first level of a network: the actors not yet $visited that
// are one walkable, filtered relation away from the $frontier, by id, at
// most $limit of them.
UNWIND $frontier AS fid
MATCH (x:Actor {id: fid})-[r/*@types*//*@end*/]-(y:Actor)
WHERE /*@filter*/true/*@end*/ AND NOT y.id IN $visited
RETURN DISTINCT y.id AS id
ORDER BY id
LIMIT $limit
