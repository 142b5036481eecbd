package encoding

import (
	"mime"
	"strings"
)

// ContentType returns the HTTP Content-Type of f's output with opts. CSV is
// a ZIP (nodes.csv and edges.csv) unless opts.Part picks one stream.
func (f Format) ContentType(opts Options) string {
	switch f {
	case NodeLink, Cytoscape:
		return "application/json"
	case GraphML:
		return "application/graphml+xml; charset=utf-8"
	case GEXF:
		return "application/gexf+xml; charset=utf-8"
	case DOT:
		return "text/vnd.graphviz; charset=utf-8"
	case CSV:
		if opts.Part != "" {
			return "text/csv; charset=utf-8"
		}
		return "application/zip"
	case NDJSON:
		return "application/x-ndjson"
	}
	return "application/octet-stream"
}

// Extension returns the file-name extension, with its dot, for f's output
// with opts, as in Content-Disposition: ".nodelink.json", ".cyjs.json",
// ".graphml", ".gexf", ".gv", ".zip" (or ".csv" with opts.Part), ".ndjson".
// The two JSON formats get distinct double extensions so that downloads of
// both do not overwrite each other.
func (f Format) Extension(opts Options) string {
	switch f {
	case NodeLink:
		return ".nodelink.json"
	case Cytoscape:
		return ".cyjs.json"
	case GraphML:
		return ".graphml"
	case GEXF:
		return ".gexf"
	case DOT:
		return ".gv"
	case CSV:
		if opts.Part != "" {
			return ".csv"
		}
		return ".zip"
	case NDJSON:
		return ".ndjson"
	}
	return ""
}

// mediaTypes maps media types a client may put in Accept to a format.
// application/json is absent: it means each endpoint's native JSON.
var mediaTypes = map[string]Format{
	"application/graphml+xml": GraphML,
	"application/gexf+xml":    GEXF,
	"text/vnd.graphviz":       DOT,
	"text/csv":                CSV,
	"application/zip":         CSV,
	"application/x-ndjson":    NDJSON,
	"application/ndjson":      NDJSON,
	"application/jsonl":       NDJSON,
}

// FromAccept returns the first format named in an Accept header, in the
// header's order (q-values are not weighed), and false when the header
// names none (for example only application/json or */*, which mean the
// endpoint's native JSON). The JSON formats nodelink and cytoscape have
// no media type of their own and can only be asked for with ?format=;
// text/csv gives the CSV ZIP unless the caller also sets Options.Part.
func FromAccept(accept string) (Format, bool) {
	for _, part := range strings.Split(accept, ",") {
		mt, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		if f, ok := mediaTypes[mt]; ok {
			return f, true
		}
	}
	return "", false
}
