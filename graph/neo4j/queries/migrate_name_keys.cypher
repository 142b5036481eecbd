// Actors written before their candidate keys were stored, or with keys of
// another version of graph/names, $batch at a time: Store.Migrate computes
// their keys in Go (names.Keys) and sets them with set_name_keys, until
// this finds none.
MATCH (a:Actor)
WHERE a.name_keys IS NULL OR a.name_keys_version IS NULL OR a.name_keys_version <> $version
RETURN a.id AS id, a.name AS name, a.aliases AS aliases
LIMIT $batch
