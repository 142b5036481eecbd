// The kinds of the given actors, for validating writes that refer to them.
UNWIND $ids AS id
MATCH (a:Actor {id: id})
RETURN a.id AS id, a.kind AS kind
