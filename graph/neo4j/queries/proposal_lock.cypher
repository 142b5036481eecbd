// One proposal, read under its write lock (taken by writing a property
// with its own value): a second decision on it waits for the first to
// commit, then reads the decided proposal and is refused.
MATCH (p:Proposal {id: $id})
SET p.status = p.status
RETURN p.json AS json
