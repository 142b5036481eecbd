MATCH (s:Source)
WHERE s.id IS NOT NULL
RETURN s.json AS json
ORDER BY s.id
