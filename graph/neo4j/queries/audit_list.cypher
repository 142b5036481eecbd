// The audit records after sequence $after and at or after $since (epoch
// nanoseconds; null: any), oldest first.
MATCH (r:AuditRecord)
WHERE r.seq > $after AND ($since IS NULL OR r.at >= $since)
RETURN r.json AS json, r.seq AS seq
ORDER BY r.seq
LIMIT $limit
