package encoding

import (
	"bufio"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph"
)

// writeXML writes s escaped for XML character data (attr false) or a
// double-quoted attribute value (attr true). Characters XML 1.0 forbids and
// invalid UTF-8 become U+FFFD (see the package doc). Carriage returns, and
// in attributes tabs and newlines, are written as character references so
// that parsers do not normalise them away.
func writeXML(w *bufio.Writer, s string, attr bool) {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < utf8.RuneSelf && c != '&' && c != '<' && c != '>' && c != '"' {
			i++
			continue
		}
		var esc string
		size := 1
		switch c {
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '"':
			if attr {
				esc = "&quot;"
			}
		case '\r':
			esc = "&#xD;"
		case '\n':
			if attr {
				esc = "&#xA;"
			}
		case '\t':
			if attr {
				esc = "&#x9;"
			}
		default:
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			if (r == utf8.RuneError && size == 1) || !xmlAllowed(r) {
				esc = "\uFFFD"
			}
		}
		if esc == "" {
			i += size
			continue
		}
		w.WriteString(s[last:i])
		w.WriteString(esc)
		i += size
		last = i
	}
	w.WriteString(s[last:])
}

// xmlWriter holds the helpers both XML formats use.
type xmlWriter struct {
	stream
}

func (x *xmlWriter) attr(name, value string) {
	x.bw.WriteByte(' ')
	x.bw.WriteString(name)
	x.bw.WriteString(`="`)
	writeXML(x.bw, value, true)
	x.bw.WriteByte('"')
}

func (x *xmlWriter) text(s string) { writeXML(x.bw, s, false) }

func formatFloat(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// attribute declares one attribute of nodes or edges in GraphML and GEXF.
type attribute struct {
	id, name, typ string // typ in GraphML terms: string, double, boolean, int
}

var nodeAttributes = []attribute{
	{"name", "name", "string"},
	{"kind", "kind", "string"},
	{"aliases", "aliases", "string"},
	{"description", "description", "string"},
	{"start", "start", "string"},
	{"end", "end", "string"},
}

var edgeAttributes = []attribute{
	{"type", "type", "string"},
	{"role", "role", "string"},
	{"confidence", "confidence", "double"},
	{"contested", "contested", "boolean"},
	{"status", "status", "string"},
	{"valid_from", "valid_from", "string"},
	{"valid_to", "valid_to", "string"},
	{"evidence_count", "evidence_count", "int"},
	{"first_source", "first_source", "string"},
	{"first_quote", "first_quote", "string"},
}

// nodeValues returns a's attribute values in nodeAttributes order; empty
// strings are left out of the XML formats.
func nodeValues(a *graph.Actor) [6]string {
	return [6]string{a.Name, string(a.Kind), joinAliases(a.Aliases), a.Description, dateString(a.Start), dateString(a.End)}
}

func edgeValues(e *graph.Edge) [10]string {
	return [10]string{e.Type, e.Role, formatFloat(e.Confidence), strconv.FormatBool(e.Contested), string(e.Status),
		dateString(e.ValidFrom), dateString(e.ValidTo), strconv.Itoa(e.EvidenceCount), e.FirstSource, e.FirstQuote}
}

// graphMLWriter writes GraphML with typed <key> declarations, written
// before the graph, for every attribute. Node keys have ids n_<name>, edge
// keys e_<name>; attr.name is the plain name, which networkx and Gephi use.
// A "label" key (the actor's name, the relation's type) is there for Gephi.
// Empty values are left out (GraphML has no null).
type graphMLWriter struct{ xmlWriter }

func newGraphML(w io.Writer, opts Options) Writer {
	g := &graphMLWriter{xmlWriter{newStream(w)}}
	b := g.bw
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">` + "\n")
	key := func(prefix, for_ string, a attribute) {
		b.WriteString(`<key id="` + prefix + a.id + `" for="` + for_ + `" attr.name="` + a.name + `" attr.type="` + a.typ + `"/>` + "\n")
	}
	key("n_", "node", attribute{"label", "label", "string"})
	for _, a := range nodeAttributes {
		key("n_", "node", a)
	}
	key("e_", "edge", attribute{"label", "label", "string"})
	for _, a := range edgeAttributes {
		key("e_", "edge", a)
	}
	b.WriteString(`<graph`)
	g.attr("id", opts.Name)
	b.WriteString(` edgedefault="directed">` + "\n")
	return g
}

func (g *graphMLWriter) data(key, value string) {
	if value == "" {
		return
	}
	g.bw.WriteString(`<data key="`)
	g.bw.WriteString(key)
	g.bw.WriteString(`">`)
	g.text(value)
	g.bw.WriteString("</data>")
}

func (g *graphMLWriter) Node(a graph.Actor) error {
	if err := g.beginNode(); err != nil {
		return err
	}
	g.nodes++
	g.bw.WriteString("<node")
	g.attr("id", a.ID)
	g.bw.WriteString(">")
	g.data("n_label", a.Name)
	for i, v := range nodeValues(&a) {
		g.data("n_"+nodeAttributes[i].id, v)
	}
	_, err := g.bw.WriteString("</node>\n")
	return g.fail(err)
}

func (g *graphMLWriter) Edge(e graph.Edge) error {
	if _, err := g.beginEdge(); err != nil {
		return err
	}
	g.edges++
	g.bw.WriteString("<edge")
	g.attr("id", e.ID)
	g.attr("source", e.From)
	g.attr("target", e.To)
	g.bw.WriteString(">")
	g.data("e_label", e.Type)
	for i, v := range edgeValues(&e) {
		g.data("e_"+edgeAttributes[i].id, v)
	}
	_, err := g.bw.WriteString("</edge>\n")
	return g.fail(err)
}

func (g *graphMLWriter) Close() error {
	if ok, err := g.beginClose(); !ok {
		return err
	}
	g.bw.WriteString("</graph>\n</graphml>\n")
	return g.finish(nil)
}

// gexfWriter writes GEXF 1.3 (http://gexf.net/1.3) in dynamic mode with
// timeformat="date": an actor with a start or end date, and a relation with
// valid_from or valid_to, carry start/end on the element, partial dates
// widened to whole days (start: the first day, end: the last day the date
// covers), so Gephi's timeline plays the network over time. Undated
// elements exist at all times. The dates as written in the data stay in
// attributes: start_date and end_date on nodes (start and end would clash
// with the GEXF element attributes in readers such as networkx),
// valid_from and valid_to on edges. An edge's label and kind are its type;
// Gephi keeps parallel edges apart by kind.
type gexfWriter struct {
	xmlWriter
}

func gexfType(t string) string {
	if t == "int" {
		return "integer"
	}
	return t
}

func newGEXF(w io.Writer, opts Options) Writer {
	g := &gexfWriter{xmlWriter{newStream(w)}}
	b := g.bw
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">` + "\n")
	b.WriteString("<meta")
	if !opts.Time.IsZero() {
		g.attr("lastmodifieddate", opts.Time.UTC().Format("2006-01-02"))
	}
	b.WriteString("><creator>actorgraph</creator><description>")
	g.text(opts.Name)
	b.WriteString("</description></meta>\n")
	b.WriteString(`<graph defaultedgetype="directed" mode="dynamic" timeformat="date">` + "\n")
	b.WriteString(`<attributes class="node" mode="static">` + "\n")
	for _, a := range nodeAttributes {
		id := a.id
		if id == "start" || id == "end" {
			id += "_date"
		}
		b.WriteString(`<attribute id="` + id + `" title="` + id + `" type="` + gexfType(a.typ) + `"/>` + "\n")
	}
	b.WriteString("</attributes>\n")
	b.WriteString(`<attributes class="edge" mode="static">` + "\n")
	for _, a := range edgeAttributes {
		b.WriteString(`<attribute id="` + a.id + `" title="` + a.name + `" type="` + gexfType(a.typ) + `"/>` + "\n")
	}
	b.WriteString("</attributes>\n<nodes>\n")
	return g
}

func (g *gexfWriter) span(from, to graph.Date) {
	if !from.IsZero() {
		g.attr("start", dayString(from.FirstDay()))
	}
	if !to.IsZero() {
		g.attr("end", dayString(to.LastDay()))
	}
}

func (g *gexfWriter) attvalues(ids []attribute, values []string, rename func(string) string) {
	g.bw.WriteString("<attvalues>")
	for i, v := range values {
		if v == "" {
			continue
		}
		g.bw.WriteString(`<attvalue for="`)
		g.bw.WriteString(rename(ids[i].id))
		g.bw.WriteString(`" value="`)
		writeXML(g.bw, v, true)
		g.bw.WriteString(`"/>`)
	}
	g.bw.WriteString("</attvalues>")
}

func nodeAttrID(id string) string {
	if id == "start" || id == "end" {
		return id + "_date"
	}
	return id
}

func same(id string) string { return id }

func (g *gexfWriter) Node(a graph.Actor) error {
	if err := g.beginNode(); err != nil {
		return err
	}
	g.nodes++
	g.bw.WriteString("<node")
	g.attr("id", a.ID)
	g.attr("label", a.Name)
	g.span(a.Start, a.End)
	g.bw.WriteString(">")
	v := nodeValues(&a)
	g.attvalues(nodeAttributes, v[:], nodeAttrID)
	_, err := g.bw.WriteString("</node>\n")
	return g.fail(err)
}

func (g *gexfWriter) Edge(e graph.Edge) error {
	first, err := g.beginEdge()
	if err != nil {
		return err
	}
	if first {
		g.bw.WriteString("</nodes>\n<edges>\n")
	}
	g.edges++
	g.bw.WriteString("<edge")
	g.attr("id", e.ID)
	g.attr("source", e.From)
	g.attr("target", e.To)
	g.attr("label", e.Type)
	if e.Type != "" {
		g.attr("kind", e.Type)
	}
	g.span(e.ValidFrom, e.ValidTo)
	g.bw.WriteString(">")
	v := edgeValues(&e)
	g.attvalues(edgeAttributes, v[:], same)
	_, err = g.bw.WriteString("</edge>\n")
	return g.fail(err)
}

func (g *gexfWriter) Close() error {
	if ok, err := g.beginClose(); !ok {
		return err
	}
	if g.edges == 0 {
		g.bw.WriteString("</nodes>\n<edges>\n")
	}
	g.bw.WriteString("</edges>\n</graph>\n</gexf>\n")
	return g.finish(nil)
}
