// Replaces the stored proposal $props.id (a decision, or a resolved end).
MATCH (p:Proposal {id: $props.id})
SET p = $props
RETURN count(p) AS n
