// Schema of the actorgraph database, applied by Store.Migrate. Every
// statement is idempotent (IF NOT EXISTS) and runs in its own transaction,
// as Neo4j requires for schema commands. Statements end with a semicolon.

// Actor ids are unique; the constraint's range index serves every lookup by
// id and the id-ordered scans of EachActor.
CREATE CONSTRAINT actor_id IF NOT EXISTS
FOR (a:Actor) REQUIRE a.id IS UNIQUE;

// Relation ids are unique across all relationship types. Relationship
// uniqueness constraints (5.7+) hold per type only, so every relation has a
// :RelationKey node with the same id, written and deleted in the same
// transaction as the relationship; its range index also gives EachRelation
// its id order.
CREATE CONSTRAINT relation_key_id IF NOT EXISTS
FOR (k:RelationKey) REQUIRE k.id IS UNIQUE;

CREATE CONSTRAINT source_id IF NOT EXISTS
FOR (s:Source) REQUIRE s.id IS UNIQUE;

// The folded names and aliases (graph.NormalizeName), one per line: a
// trigram text index makes the CONTAINS candidate scans of Resolve and
// SearchActors cheap.
CREATE TEXT INDEX actor_search_text IF NOT EXISTS
FOR (a:Actor) ON (a.search_text);

// The candidate keys of each actor's names (graph/names: Keys), joined
// with spaces: SearchActors finds the actors with any of a query's probe
// keys through this full-text index, whose whitespace analyser keeps each
// key a term as it is.
CREATE FULLTEXT INDEX actor_name_keys IF NOT EXISTS
FOR (a:Actor) ON EACH [a.name_keys]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}};

// Full-text index over names and aliases, for analysts querying Neo4j
// directly (db.index.fulltext.queryNodes('actor_names', 'kouachi~')).
CREATE FULLTEXT INDEX actor_names IF NOT EXISTS
FOR (a:Actor) ON EACH [a.name, a.aliases];

// Ingestion: proposals by id, listed by source and status; audit records
// by their sequence number; the one counter that numbers them.
CREATE CONSTRAINT proposal_id IF NOT EXISTS
FOR (p:Proposal) REQUIRE p.id IS UNIQUE;

CREATE INDEX proposal_source IF NOT EXISTS
FOR (p:Proposal) ON (p.source, p.start);

CREATE INDEX proposal_status IF NOT EXISTS
FOR (p:Proposal) ON (p.status);

CREATE CONSTRAINT audit_seq IF NOT EXISTS
FOR (r:AuditRecord) REQUIRE r.seq IS UNIQUE;

CREATE CONSTRAINT audit_counter_id IF NOT EXISTS
FOR (c:AuditCounter) REQUIRE c.id IS UNIQUE;
