// Deletes everything, in batches. Only the live conformance test runs it,
// to give every sub-test an empty database; it needs an auto-commit
// transaction.
MATCH (n)
CALL (n) {
  DETACH DELETE n
} IN TRANSACTIONS OF 10000 ROWS
