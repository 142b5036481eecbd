// Sets the candidate keys that Store.Migrate computed for a batch of
// actors (migrate_name_keys).
UNWIND $rows AS row
MATCH (a:Actor {id: row.id})
SET a.name_keys = row.keys, a.name_keys_version = $version
RETURN count(a) AS n
