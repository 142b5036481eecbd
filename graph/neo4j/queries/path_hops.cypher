// Every relation that passes the filter and can be walked from pair[0] to
// pair[1], as one-hop paths, so that the store picks each hop's relation
// (highest confidence, then smallest id) among all of them.
UNWIND $pairs AS pair
MATCH p = (x:Actor {id: pair[0]})-[r/*@types*//*@end*/]-(y:Actor {id: pair[1]})
WHERE /*@filter*/true/*@end*/
RETURN p
