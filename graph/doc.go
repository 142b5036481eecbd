// Package graph is actorgraph's domain: actors, sourced relations, the
// relation vocabulary, the bundle interchange format, the query options and
// the Store interface that every storage backend implements.
//
// The package depends on nothing but the standard library and x/text, so the
// rest of the program can talk about the graph without knowing how it is
// stored or served. Errors returned by a Store carry one of the codes in
// error.go; callers branch on ErrorCode, never on error text.
package graph
