// A batch of new actors of one kind (the builder sets the kind's label),
// each row the node's properties: Import has checked that no id is taken,
// so the nodes are created, not merged, and the actor_id constraint still
// guards against a race.
UNWIND $rows AS row
CREATE (a:Actor:/*@label*/Person/*@end*/)
SET a = row
RETURN count(a) AS n
