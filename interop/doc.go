// Package interop holds the consumer tests of actorgraph's interchange
// formats: a real server is started in-process and the tools themselves
// (NetworkX, xmllint with the GEXF 1.3 XSD, Cytoscape.js, graphology-gexf,
// Graphviz, Go's encoding/csv, the Python client) load what it serves.
//
// Run them with `go test ./interop/`; .ci/interop.sh installs the tools
// first. Outside CI a test whose tool is missing skips with a message
// naming it; with CI set, a missing tool fails the test.
package interop
