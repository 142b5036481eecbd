// A batch of sources; an existing id is replaced. A row without a text
// (row.text null) keeps the stored text and its length: texts never
// change, Bundle.Validate refuses another one.
UNWIND $rows AS row
MERGE (s:Source {id: row.id})
WITH s, row, s.text AS text, s.text_length AS text_length
SET s = row.props
SET s.text = coalesce(row.text, text), s.text_length = coalesce(row.text_length, text_length)
RETURN count(s) AS n
