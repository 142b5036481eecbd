// A batch of sources; an existing id is replaced.
UNWIND $rows AS row
MERGE (s:Source {id: row.id})
SET s = row.props
RETURN count(s) AS n
