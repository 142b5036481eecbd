// The k shortest walks from $from to $to, for k_shortest: as actor id
// lists, which the store folds into loopless paths. The builder sets the
// selector (SHORTEST n), the relationship types, the filter and the hop
// bound, which Cypher does not accept as parameters; the filter applies to
// every hop during the search. x is the actor each hop is walked from.
MATCH p = /*@selector*/SHORTEST 1/*@end*/ (a:Actor {id: $from})
  ((x)-[r/*@types*//*@end*/]-(y) WHERE /*@filter*/true/*@end*/){1,/*@max_hops*/4/*@end*/}
  (b:Actor {id: $to})
RETURN [n IN nodes(p) | n.id] AS ids
LIMIT $limit
