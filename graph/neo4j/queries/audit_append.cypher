// Appends one audit record, numbered by the counter node, which the
// transaction holds locked until it ends: records are numbered in commit
// order, without gaps.
MERGE (c:AuditCounter {id: 'audit'})
ON CREATE SET c.seq = 0
SET c.seq = c.seq + 1
CREATE (r:AuditRecord {seq: c.seq, at: $at, json: $json})
RETURN r.seq AS seq
