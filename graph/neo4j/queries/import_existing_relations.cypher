// Which of a batch of relation ids the database holds already (through
// their key nodes), so that Import creates what is new and replaces only
// what exists.
UNWIND $ids AS id
MATCH (k:RelationKey {id: id})
RETURN k.id AS id
