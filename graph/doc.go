// Package graph is actorgraph's domain: actors, sourced relations, the
// relation vocabulary, the bundle interchange format, the query options and
// the Store interface that every storage backend implements; and what
// ingestion keeps (proposal.go: the proposals extracted from a source's
// text, review decisions, the audit log) and the checks of texts and of
// quotes against them (text.go).
//
// The package depends on nothing but the standard library and x/text, so the
// rest of the program can talk about the graph without knowing how it is
// stored or served. Errors returned by a Store carry one of the codes in
// error.go; callers branch on ErrorCode, never on error text.
//
// Layering: graph imports nothing of the project. The stores
// (graph/embedded, graph/neo4j) import graph and implement Store; nothing
// but cmd/actorgraph, which wires the program, names them. The application
// layer (package analyst) holds what the service does over a Store, and the
// transports (handlers for HTTP, cmd/actorgraph for the command line) call
// it. Store messages describe the data and never a transport's endpoints or
// parameters. analyst's TestLayers checks these rules on the import graph.
package graph
