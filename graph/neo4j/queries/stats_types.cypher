// Relations by type, with their evidence, contested and refuted (no
// supporting claim: confidence 0) counts. Every relationship in the
// database is a relation.
MATCH (:Actor)-[r]->(:Actor)
RETURN type(r) AS type, count(r) AS n, sum(r.evidence_count) AS evidence,
       sum(CASE WHEN r.contested THEN 1 ELSE 0 END) AS contested,
       sum(CASE WHEN r.confidence = 0 THEN 1 ELSE 0 END) AS refuted
