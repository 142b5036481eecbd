MATCH (p:Proposal {id: $id})
RETURN p.json AS json
