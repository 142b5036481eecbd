// Creates one actor. Labels cannot be parameters, so the kind label is set
// by one FOREACH per kind. A duplicate id violates the actor_id constraint.
CREATE (a:Actor)
SET a = $props
FOREACH (_ IN CASE WHEN $props.kind = 'person' THEN [1] ELSE [] END | SET a:Person)
FOREACH (_ IN CASE WHEN $props.kind = 'organization' THEN [1] ELSE [] END | SET a:Organization)
FOREACH (_ IN CASE WHEN $props.kind = 'event' THEN [1] ELSE [] END | SET a:Event)
FOREACH (_ IN CASE WHEN $props.kind = 'place' THEN [1] ELSE [] END | SET a:Place)
RETURN a
