// Connection paths from $from to $to. The builder sets the selector
// (SHORTEST k or ALL SHORTEST), the relationship types, the filter and the
// hop bound, which Cypher does not accept as parameters; the filter applies
// to every hop during the search. x is the actor each hop is walked from.
MATCH p = /*@selector*/SHORTEST 1/*@end*/ (a:Actor {id: $from})
  ((x)-[r/*@types*//*@end*/]-(y) WHERE /*@filter*/true/*@end*/){1,/*@max_hops*/4/*@end*/}
  (b:Actor {id: $to})
RETURN p
LIMIT $limit
