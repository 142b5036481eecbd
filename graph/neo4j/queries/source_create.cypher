// Creates a source with its text. A duplicate id violates the source_id
// constraint.
CREATE (s:Source)
SET s = $props
SET s.text = $text, s.text_length = $text_length
RETURN s.id AS id
