MATCH (s:Source)
WHERE s.id IS NOT NULL
RETURN s.json AS json, s.text_length AS text_length
ORDER BY s.id
