// Replaces an actor's properties; its id and kind do not change.
MATCH (a:Actor {id: $id})
SET a = $props
RETURN a
