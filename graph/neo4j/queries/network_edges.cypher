// Every relation that passes the filter with both ends among $ids.
UNWIND $ids AS xid
MATCH (x:Actor {id: xid})-[r/*@types*//*@end*/]->(y:Actor)
WHERE y.id IN $ids AND /*@filter*/true/*@end*/
RETURN r, x.id AS from, y.id AS to
ORDER BY r.id
