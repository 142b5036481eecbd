// The texts of those of the given sources that have one.
UNWIND $ids AS id
MATCH (s:Source {id: id})
WHERE s.text IS NOT NULL
RETURN s.id AS id, s.text AS text
