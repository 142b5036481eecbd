// Package encoding writes graphs in the interchange formats that notebooks
// and visualisation tools load as they are: NetworkX node-link JSON,
// Cytoscape.js elements, GraphML, GEXF 1.3, Graphviz DOT, CSV and NDJSON.
//
// Every format streams: a Writer takes nodes, then edges, and writes as it
// goes, so exporting a large graph keeps memory flat. Output is buffered in
// a small fixed buffer that Close flushes.
//
// Every format carries, on actors, id, name, kind, aliases, description,
// start and end; on relations, id, source, target, type, role, confidence,
// contested, status (supported, contested or refuted), valid_from, valid_to, evidence_count, first_source and
// first_quote. Dates keep their precision ("2015", "2015-01",
// "2015-01-07") except where a format needs whole days (GEXF time spells).
//
// # Text that a format cannot carry
//
// Strings are written as valid UTF-8 in every format: each byte of an
// invalid UTF-8 sequence becomes U+FFFD. XML 1.0 (GraphML, GEXF) cannot
// carry the C0 control characters other than tab, newline and carriage
// return, nor U+FFFE and U+FFFF, even as character references; the XML
// writers replace each of them with U+FFFD, so the output is always
// well-formed. Tab, newline and carriage return survive XML parsing (they are
// written as character references where a parser would normalise them).
// CSV writes "\r\n" and a lone "\r" inside a value as "\n", as CSV readers
// read them back anyway. DOT replaces control characters other than tab and
// newline with U+FFFD and writes newlines as the escape \n. JSON formats
// escape control characters, so they survive. Sanitize and SanitizeXML
// return a string as the formats write it.
//
// # Recipes
//
// Open in Gephi (File > Open; Window > Timeline plays the dated relations):
//
//	curl -o actorgraph.gexf 'http://localhost:8080/v1/export?format=gexf'
//
// Load in NetworkX (a MultiDiGraph keyed by actor and relation ids):
//
//	G = nx.node_link_graph(requests.get(url + "/v1/export?format=nodelink").json(), edges="edges")
//
// Render with Cytoscape.js:
//
//	fetch("/v1/actors/aqap/network?format=cytoscape").then(r => r.json()).then(d => cytoscape({container, elements: d.elements}))
//
// Render with Graphviz:
//
//	curl -s 'http://localhost:8080/v1/actors/aqap/network?format=dot' | dot -Tsvg -o aqap.svg
//
// In Cytoscape.js nodes and edges share one id space; actor ids cannot
// contain "--" and relation ids made by graph.RelationID always do, so
// they only clash if a relation was given a hand-made id equal to an
// actor's.
package encoding

import (
	"io"
	"time"

	"github.com/actorgraph/actorgraph/graph"
)

// Format names an interchange format, as in ?format= on the HTTP API.
type Format string

const (
	NodeLink  Format = "nodelink"  // networkx.node_link_graph(data, edges="edges")
	Cytoscape Format = "cytoscape" // Cytoscape.js elements JSON
	GraphML   Format = "graphml"
	GEXF      Format = "gexf" // GEXF 1.3
	DOT       Format = "dot"  // Graphviz
	CSV       Format = "csv"  // nodes.csv + edges.csv in a ZIP, or one of them with Options.Part
	NDJSON    Format = "ndjson"
)

// Formats lists every format in a stable order.
var Formats = []Format{NodeLink, Cytoscape, GraphML, GEXF, DOT, CSV, NDJSON}

// Options tune a Writer.
type Options struct {
	// Part selects one CSV stream: "nodes" or "edges". Empty gives a ZIP
	// holding nodes.csv and edges.csv. Other formats ignore it.
	Part string
	// Name labels the graph where the format has a place for it; empty
	// gives "actorgraph".
	Name string
	// Time stamps the output where the format has a place for it (GEXF
	// meta lastmodifieddate, the ZIP entries' modification time). The zero
	// Time leaves it out, so the output depends on the graph alone.
	Time time.Time
}

// Writer streams one graph. Callers write every node before the first edge,
// then Close, which writes the trailer. Edges may name nodes that were not
// written (as in a whole-graph export streamed in two passes); writers must
// not hold nodes or edges in memory.
//
// A Node after an Edge, or any call after Close, returns EINTERNAL: it is a
// bug of the caller. Errors of the underlying io.Writer are returned as
// they are. Close does not close the underlying io.Writer.
type Writer interface {
	Node(a graph.Actor) error
	Edge(e graph.Edge) error
	Close() error
}

// Parse returns the format named s. EINVALID lists the known formats.
func Parse(s string) (Format, error) {
	for _, f := range Formats {
		if string(f) == s {
			return f, nil
		}
	}
	return "", graph.Errorf(graph.EINVALID, "unknown format %q; use one of nodelink, cytoscape, graphml, gexf, dot, csv, ndjson, json", s)
}

// NewWriter returns a Writer of format f over w. EINVALID for an unknown
// format or, for CSV, a Part other than "", "nodes" and "edges".
func NewWriter(w io.Writer, f Format, opts Options) (Writer, error) {
	if opts.Name == "" {
		opts.Name = "actorgraph"
	}
	switch f {
	case NodeLink:
		return newNodeLink(w, opts), nil
	case Cytoscape:
		return newCytoscape(w, opts), nil
	case NDJSON:
		return newNDJSON(w, opts), nil
	case GraphML:
		return newGraphML(w, opts), nil
	case GEXF:
		return newGEXF(w, opts), nil
	case DOT:
		return newDOT(w, opts), nil
	case CSV:
		switch opts.Part {
		case "", "nodes", "edges":
			return newCSV(w, opts), nil
		}
		return nil, graph.Errorf(graph.EINVALID, "part must be nodes or edges (or empty for a ZIP of both), not %q", opts.Part)
	}
	return nil, graph.Errorf(graph.EINVALID, "unknown format %q; use one of nodelink, cytoscape, graphml, gexf, dot, csv, ndjson, json", f)
}
