UNWIND $ids AS id
MATCH (s:Source {id: id})
RETURN s.json AS json, s.text_length AS text_length
