// Removes the pending proposals of one source.
MATCH (p:Proposal {source: $source, status: 'pending'})
DELETE p
RETURN count(p) AS n
