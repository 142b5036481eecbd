package encoding

import (
	"bufio"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph"
)

// writeDOTString writes s as a double-quoted DOT string: backslash and
// double quote are escaped with a backslash (so a label's escString reads
// them back as themselves), newlines are written as \n (a centred line
// break in labels), "\r\n" and a lone "\r" count as one newline, and other
// control characters and invalid UTF-8 become U+FFFD. Non-Latin text is
// written as it is (DOT input is UTF-8).
func writeDOTString(w *bufio.Writer, s string) {
	w.WriteByte('"')
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f && c != '"' && c != '\\' {
			i++
			continue
		}
		esc, size := "", 1
		switch {
		case c == '"':
			esc = `\"`
		case c == '\\':
			esc = `\\`
		case c == '\r' && i+1 < len(s) && s[i+1] == '\n':
			esc, size = `\n`, 2
		case c == '\n' || c == '\r':
			esc = `\n`
		case c == '\t':
			i++
			continue
		case c < 0x20 || c == 0x7f:
			esc = "\uFFFD"
		default:
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 || r >= 0x80 && r < 0xa0 {
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
	w.WriteByte('"')
}

// dotShapes gives each actor kind its node shape.
var dotShapes = map[graph.Kind]string{
	graph.Person:       "ellipse",
	graph.Organization: "box",
	graph.Event:        "diamond",
	graph.Place:        "house",
}

var dotColors = map[graph.Kind]string{
	graph.Person:       "#dbeafe",
	graph.Organization: "#fee2e2",
	graph.Event:        "#fef3c7",
	graph.Place:        "#dcfce7",
}

// dotWriter writes a Graphviz digraph. Actors are nodes named by id,
// labelled with their name and shaped by kind (person ellipse,
// organization box, event diamond, place house); relations are edges
// labelled with their type, dashed when contested, dotted when refuted, with the relation id as
// the SVG id and the first quote as the tooltip. Every attribute of the
// data is also an attribute of the node or edge (Graphviz keeps attributes
// it does not know and ignores them when drawing), aliases joined with "|".
type dotWriter struct{ stream }

func newDOT(w io.Writer, opts Options) Writer {
	d := &dotWriter{newStream(w)}
	b := d.bw
	b.WriteString("digraph ")
	writeDOTString(b, opts.Name)
	b.WriteString(" {\n")
	b.WriteString("  graph [charset=\"UTF-8\", rankdir=LR];\n")
	b.WriteString("  node [style=filled, fontname=\"sans-serif\", fontsize=11];\n")
	b.WriteString("  edge [fontname=\"sans-serif\", fontsize=9];\n")
	return d
}

func (d *dotWriter) kv(first bool, key, value string) {
	if !first {
		d.bw.WriteString(", ")
	}
	d.bw.WriteString(key)
	d.bw.WriteByte('=')
	writeDOTString(d.bw, value)
}

func (d *dotWriter) Node(a graph.Actor) error {
	if err := d.beginNode(); err != nil {
		return err
	}
	d.nodes++
	b := d.bw
	b.WriteString("  ")
	writeDOTString(b, a.ID)
	b.WriteString(" [")
	d.kv(true, "label", a.Name)
	if s, ok := dotShapes[a.Kind]; ok {
		d.kv(false, "shape", s)
		d.kv(false, "fillcolor", dotColors[a.Kind])
	}
	if a.Description != "" {
		d.kv(false, "tooltip", a.Description)
	}
	v := nodeValues(&a)
	for i, x := range v {
		d.kv(false, nodeAttributes[i].name, x)
	}
	_, err := b.WriteString("];\n")
	return d.fail(err)
}

func (d *dotWriter) Edge(e graph.Edge) error {
	if _, err := d.beginEdge(); err != nil {
		return err
	}
	d.edges++
	b := d.bw
	b.WriteString("  ")
	writeDOTString(b, e.From)
	b.WriteString(" -> ")
	writeDOTString(b, e.To)
	b.WriteString(" [")
	d.kv(true, "id", e.ID)
	d.kv(false, "label", e.Type)
	switch {
	case e.Status == graph.Refuted:
		b.WriteString(", style=dotted")
	case e.Contested:
		b.WriteString(", style=dashed")
	}
	if e.FirstQuote != "" {
		d.kv(false, "tooltip", e.FirstQuote)
	}
	b.WriteString(", confidence=" + strconv.FormatFloat(e.Confidence, 'f', -1, 64))
	b.WriteString(", contested=" + strconv.FormatBool(e.Contested))
	d.kv(false, "status", string(e.Status))
	b.WriteString(", evidence_count=" + strconv.Itoa(e.EvidenceCount))
	d.kv(false, "type", e.Type)
	d.kv(false, "role", e.Role)
	d.kv(false, "valid_from", dateString(e.ValidFrom))
	d.kv(false, "valid_to", dateString(e.ValidTo))
	d.kv(false, "first_source", e.FirstSource)
	d.kv(false, "first_quote", e.FirstQuote)
	_, err := b.WriteString("];\n")
	return d.fail(err)
}

func (d *dotWriter) Close() error {
	if ok, err := d.beginClose(); !ok {
		return err
	}
	d.bw.WriteString("}\n")
	return d.finish(nil)
}
