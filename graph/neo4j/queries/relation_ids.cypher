// The ids taken by relations with the conventional id $base or $base
// followed by a suffix, to number a new relation of the same triple.
MATCH (k:RelationKey)
WHERE k.id STARTS WITH $base
RETURN k.id AS id
