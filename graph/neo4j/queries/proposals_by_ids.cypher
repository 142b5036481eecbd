// The source and status of those of the given proposals that exist.
UNWIND $ids AS id
MATCH (p:Proposal {id: id})
RETURN p.id AS id, p.source AS source, p.status AS status
