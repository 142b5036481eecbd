// Predicate fragments of the relation filter (graph.RelationFilter). The
// query builder copies the text between a /*@name*/ marker and the next
// /*@end*/ into the WHERE clause of the traversal templates, joined with AND.
// In every template r is the relationship and x the actor the walk stands on.
// This file is a complete query only so that the linter checks the
// fragments; the store never runs it.
MATCH (x:Actor)-[r]-(:Actor)
WHERE /*@min_confidence*/r.confidence >= $min_confidence/*@end*/
  AND /*@exclude_refuted*/r.confidence > 0/*@end*/
  AND /*@exclude_contested*/NOT r.contested/*@end*/
  AND /*@as_of*/coalesce(r.valid_from_first, 0) <= $as_of_last AND coalesce(r.valid_to_last, 99991231) >= $as_of_first/*@end*/
  AND /*@direction_out*/(startNode(r) = x OR type(r) IN $symmetric)/*@end*/
  AND /*@direction_in*/(endNode(r) = x OR type(r) IN $symmetric)/*@end*/
RETURN count(r) AS n
