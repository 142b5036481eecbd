// A batch of proposals. A duplicate id violates the proposal_id
// constraint.
UNWIND $rows AS row
CREATE (p:Proposal)
SET p = row
RETURN count(p) AS n
