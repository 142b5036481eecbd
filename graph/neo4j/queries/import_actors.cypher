// A batch of actors; an existing id is replaced, its kind label included.
UNWIND $rows AS row
MERGE (a:Actor {id: row.id})
SET a = row.props
REMOVE a:Person:Organization:Event:Place
FOREACH (_ IN CASE WHEN row.props.kind = 'person' THEN [1] ELSE [] END | SET a:Person)
FOREACH (_ IN CASE WHEN row.props.kind = 'organization' THEN [1] ELSE [] END | SET a:Organization)
FOREACH (_ IN CASE WHEN row.props.kind = 'event' THEN [1] ELSE [] END | SET a:Event)
FOREACH (_ IN CASE WHEN row.props.kind = 'place' THEN [1] ELSE [] END | SET a:Place)
RETURN count(a) AS n
