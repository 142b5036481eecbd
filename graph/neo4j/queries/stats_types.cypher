// Relations by type, with their evidence and contested counts. Every
// relationship in the database is a relation.
MATCH (:Actor)-[r]->(:Actor)
RETURN type(r) AS type, count(r) AS n, sum(r.evidence_count) AS evidence,
       sum(CASE WHEN r.contested THEN 1 ELSE 0 END) AS contested
