// Relations written before statuses were stored get theirs from the stances
// of their evidence (graph.StatusOf: each piece is the JSON of a
// graph.Evidence, where an empty stance supports), $batch at a time;
// Store.Migrate repeats it until it sets none.
MATCH ()-[r]->()
WHERE r.status IS NULL AND r.evidence IS NOT NULL
WITH r LIMIT $batch
SET r.status = CASE
    WHEN all(e IN r.evidence WHERE e CONTAINS '"stance":"refutes"') THEN 'refuted'
    WHEN any(e IN r.evidence WHERE e CONTAINS '"stance":"refutes"') THEN 'contested'
    ELSE 'supported' END
RETURN count(r) AS n
