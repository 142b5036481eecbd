// Actors by id, in no particular order; missing ids give no row.
UNWIND $ids AS id
MATCH (a:Actor {id: id})
RETURN a
