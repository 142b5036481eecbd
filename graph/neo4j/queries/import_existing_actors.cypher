// Which of a batch of actor ids the database holds already, so that
// Import creates what is new and replaces only what exists.
UNWIND $ids AS id
MATCH (a:Actor {id: id})
RETURN a.id AS id
