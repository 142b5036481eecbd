// Every shortest path from $from to $to, for shortest and all_shortest: the
// distinct actor id lists of the shortest walks (parallel relations give
// several walks along one list), in id order, at most $limit of them, with
// how many distinct lists and walks there were among the first $cap walks,
// so that the store can tell a complete answer from a truncated one. A
// shortest walk never repeats an actor. The builder fills in the types,
// the filter and the hop bound as in paths.cypher.
MATCH p = ALL SHORTEST (a:Actor {id: $from})
  ((x)-[r/*@types*//*@end*/]-(y) WHERE /*@filter*/true/*@end*/){1,/*@max_hops*/4/*@end*/}
  (b:Actor {id: $to})
WITH [n IN nodes(p) | n.id] AS ids
LIMIT $cap
WITH ids, count(*) AS walks
ORDER BY ids
WITH collect(ids) AS paths, sum(walks) AS walks
RETURN paths[..$limit] AS paths, size(paths) AS n, walks
