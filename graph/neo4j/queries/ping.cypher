// Ping: a round trip to the configured database.
RETURN 1 AS ok
