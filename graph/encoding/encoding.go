// Package encoding writes graphs in the interchange formats that notebooks
// and visualisation tools load as they are: NetworkX node-link JSON,
// Cytoscape.js elements, GraphML, GEXF 1.3, Graphviz DOT, CSV and NDJSON.
//
// Every format streams: a Writer takes nodes, then edges, and writes as it
// goes, so exporting a large graph keeps memory flat.
package encoding

import (
	"io"

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
	// Name labels the graph where the format has a place for it.
	Name string
}

// Writer streams one graph. Callers write every node before the first edge,
// then Close, which writes the trailer. Edges may name nodes that were not
// written (as in a whole-graph export streamed in two passes); writers must
// not hold nodes or edges in memory.
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

// NewWriter returns a Writer of format f over w.
func NewWriter(w io.Writer, f Format, opts Options) (Writer, error) {
	return nil, graph.Errorf(graph.EINVALID, "format %q is not implemented yet", f)
}
