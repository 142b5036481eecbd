// Package analyst is actorgraph's application layer: what the service does
// for an analyst, whatever the transport. Resolving a reference to an
// actor, the paths between two actors with every piece of evidence named,
// actor summaries, networks, exports, and the writes; the network
// analysis (analysis.go: centrality with a yearly series, brokers between
// two sets of actors, communities, the connecting network of several
// actors, each over the graph of the relations that pass a query's filter,
// computed by analyst/netsci, bounded by AnalysisLimits, and with every
// hop of every path it shows carrying its evidence) and the ingestion of
// new reporting live here too: an article
// becomes a source that keeps its text (ingest.go), extraction
// (analyst/extract, with graph/names matching spellings) proposes
// mentions, new actors and relations, and a person accepts or rejects each
// one, every decision recorded in the audit log (review.go).
//
// Both transports call it: the HTTP API (package handlers, the only package
// that knows Gin) parses a request, calls a Service method and encodes the
// answer; the command line (cmd/actorgraph) does the same with flags and
// text. Neither holds a policy of its own, so both answer alike.
//
// Layering. Each layer imports only the layers below it:
//
//	cmd/actorgraph            wires everything; the only code that names a concrete store
//	handlers                  HTTP (Gin); imports analyst, graph, graph/encoding, apikey
//	analyst                   this package; imports graph, graph/encoding, analyst/extract and analyst/netsci, never a store package
//	graph/embedded, graph/neo4j  the stores; import graph
//	graph, graph/encoding, apikey  the domain, its formats, API keys; no project imports but graph
//
// Errors carry the codes of graph/error.go. Each method's comment names the
// codes it returns beyond EUNAVAILABLE and EINTERNAL, which any may.
package analyst
