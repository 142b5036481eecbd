package encoding

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph"
)

// dotText is what a DOT label shows for s, by the rules of writeDOTString.
func dotText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1, r < 0x20 && r != '\t' && r != '\n' && r != '\r', r >= 0x7f && r < 0xa0:
			b.WriteRune(utf8.RuneError)
		case r == '\r':
			b.WriteByte('\n')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// FuzzWriters puts arbitrary strings (control characters and invalid UTF-8
// included) in every text field and checks that each format still parses
// (encoding/xml, encoding/json, encoding/csv, a DOT string reader) and
// gives back the text as the package doc says it is written.
func FuzzWriters(f *testing.F) {
	f.Add("Chérif \"Kouachi\"", "a|b\\c", "<&>\r\n,\t'", "أبو بكر")
	f.Add("\x00\x01\x1f\x7f", "\xff\xfe", "\uFFFE\uFFFF", "\xed\xa0\x80")
	f.Add("", "]]>", "\"\"\",,,\n\n", "\\")
	f.Fuzz(func(t *testing.T, name, alias, text, other string) {
		a := graph.Actor{ID: other, Kind: graph.Person, Name: name, Aliases: []string{alias, text}, Description: text,
			Start: graph.MustDate("2001-02")}
		e := graph.Edge{ID: name, Type: other, From: other, To: alias, Role: alias, FirstSource: name, FirstQuote: text,
			Confidence: 0.5, EvidenceCount: 2, ValidTo: graph.MustDate("2003"), Status: graph.Status(text)}
		actors, edges := []graph.Actor{a}, []graph.Edge{e}
		wantNode := func(conv func(string) string) map[string]string {
			as := []string{conv(alias), conv(text)}
			return map[string]string{"id": conv(other), "name": conv(name), "kind": "person", "aliases": joinAliases(as),
				"description": conv(text), "start": "2001-02", "end": ""}
		}
		wantEdge := func(conv func(string) string) map[string]string {
			return map[string]string{"id": conv(name), "source": conv(other), "target": conv(alias), "type": conv(other),
				"role": conv(alias), "confidence": "0.5", "contested": "false", "status": conv(text), "valid_from": "", "valid_to": "2003",
				"evidence_count": "2", "first_source": conv(name), "first_quote": conv(text)}
		}
		check := func(format string, gotN, gotE []map[string]string, conv func(string) string) {
			t.Helper()
			compare(t, format+" nodes", gotN, []map[string]string{wantNode(conv)})
			compare(t, format+" edges", gotE, []map[string]string{wantEdge(conv)})
		}

		// JSON formats: text survives, invalid UTF-8 as U+FFFD.
		var nl struct{ Nodes, Edges []map[string]any }
		if err := json.Unmarshal(render(t, NodeLink, Options{Name: name}, actors, edges), &nl); err != nil {
			t.Fatalf("nodelink is not JSON: %v", err)
		}
		if len(nl.Nodes) != 1 || len(nl.Edges) != 1 {
			t.Fatalf("nodelink has %d nodes, %d edges", len(nl.Nodes), len(nl.Edges))
		}
		check("nodelink", []map[string]string{flatJSON(nl.Nodes[0], NodesHeader)}, []map[string]string{flatJSON(nl.Edges[0], EdgesHeader)}, Sanitize)
		var cy struct {
			Elements struct {
				Nodes, Edges []struct{ Data map[string]any }
			}
		}
		if err := json.Unmarshal(render(t, Cytoscape, Options{}, actors, edges), &cy); err != nil {
			t.Fatalf("cytoscape is not JSON: %v", err)
		}
		check("cytoscape", []map[string]string{flatJSON(cy.Elements.Nodes[0].Data, NodesHeader)}, []map[string]string{flatJSON(cy.Elements.Edges[0].Data, EdgesHeader)}, Sanitize)
		lines := strings.Split(strings.TrimSuffix(string(render(t, NDJSON, Options{}, actors, edges)), "\n"), "\n")
		if len(lines) != 2 {
			t.Fatalf("ndjson has %d lines, want 2", len(lines))
		}
		var ln, le map[string]any
		if json.Unmarshal([]byte(lines[0]), &ln) != nil || json.Unmarshal([]byte(lines[1]), &le) != nil {
			t.Fatalf("ndjson lines are not JSON: %q", lines)
		}
		le["type"] = le["relation"]
		check("ndjson", []map[string]string{flatJSON(ln, NodesHeader)}, []map[string]string{flatJSON(le, EdgesHeader)}, Sanitize)

		// XML formats: always well-formed; text as SanitizeXML says.
		items, keys := decodeXML(t, render(t, GraphML, Options{Name: name}, actors, edges), "data", "key", "")
		if len(items) != 2 {
			t.Fatalf("graphml has %d elements", len(items))
		}
		var xn, xe []map[string]string
		for _, it := range items {
			m := map[string]string{}
			for k, v := range it.data {
				m[keys[k]["attr.name"]] = v
			}
			m["id"] = it.attrs["id"]
			if it.name == "node" {
				xn = append(xn, pick(m, NodesHeader))
			} else {
				m["source"], m["target"] = it.attrs["source"], it.attrs["target"]
				xe = append(xe, pick(m, EdgesHeader))
			}
		}
		check("graphml", xn, xe, SanitizeXML)
		items, keys = decodeXML(t, render(t, GEXF, Options{Name: name}, actors, edges), "attvalue", "for", "value")
		xn, xe = nil, nil
		for _, it := range items {
			m := map[string]string{}
			for k, v := range it.data {
				m[strings.TrimSuffix(keys[k]["title"], "_date")] = v
			}
			m["id"] = it.attrs["id"]
			if it.name == "node" {
				xn = append(xn, pick(m, NodesHeader))
			} else {
				m["source"], m["target"] = it.attrs["source"], it.attrs["target"]
				xe = append(xe, pick(m, EdgesHeader))
			}
		}
		check("gexf", xn, xe, SanitizeXML)

		// CSV: RFC 4180 round trip through encoding/csv, in parts and ZIP.
		check("csv", readCSV(t, bytes.NewReader(render(t, CSV, Options{Part: "nodes"}, actors, edges)), NodesHeader),
			readCSV(t, bytes.NewReader(render(t, CSV, Options{Part: "edges"}, actors, edges)), EdgesHeader), csvText)
		z := render(t, CSV, Options{}, actors, edges)
		zr, err := zip.NewReader(bytes.NewReader(z), int64(len(z)))
		if err != nil || len(zr.File) != 2 {
			t.Fatalf("csv zip: %v", err)
		}
		var parts [2][]map[string]string
		for i, h := range [][]string{NodesHeader, EdgesHeader} {
			r, err := zr.File[i].Open()
			if err != nil {
				t.Fatal(err)
			}
			parts[i] = readCSV(t, r, h)
		}
		check("csv zip", parts[0], parts[1], csvText)

		// DOT: every string stays one well-formed quoted string.
		dn, de := parseDOT(t, render(t, DOT, Options{Name: name}, actors, edges))
		check("dot", dn, de, dotText)
	})
}

// csvReference is a field as encoding/csv writes it (Comma ',', UseCRLF
// false), without the line end.
func csvReference(t testing.TB, s string) string {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	if err := w.Write([]string{s}); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	return strings.TrimSuffix(b.String(), "\n")
}

// FuzzCSVField checks that the CSV writer's field appender writes every
// string byte for byte as encoding/csv does, before and after csvText.
func FuzzCSVField(f *testing.F) {
	for _, s := range []string{"", "a", " a", "\ta", "a,b", `a"b`, "a\nb", "a\r\nb", "\r", `\.`, "\u00a0x", "\u0085", "\xff", "é", "a b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := string(appendCSVField([]byte("x"), s)), "x"+csvReference(t, s); got != want {
			t.Errorf("appendCSVField(%q) = %q, want %q", s, got, want)
		}
		if got, want := string(appendCSVText([]byte("x"), s)), "x"+csvReference(t, csvText(s)); got != want {
			t.Errorf("appendCSVText(%q) = %q, want %q", s, got, want)
		}
	})
}

func TestAppendConfidence(t *testing.T) {
	check := func(c float64) {
		if got, want := string(appendConfidence(nil, c)), strconv.FormatFloat(c, 'f', -1, 64); got != want {
			t.Errorf("appendConfidence(%v) = %q, want %q", c, got, want)
		}
	}
	for k := 0; k <= 1000; k++ {
		check(float64(k) / 1000)
		check(math.Round(float64(k)/1000*1000) / 1000) // as graph.Relation.Derive rounds
		check(math.Nextafter(float64(k)/1000, 2))
		check(math.Nextafter(float64(k)/1000, -1))
	}
	for _, c := range []float64{math.Copysign(0, -1), -0.5, 1.5, 0.0005, 0.9995, math.NaN(), math.Inf(1), 1e-300, 0.1 + 0.2} {
		check(c)
	}
}

func FuzzAppendConfidence(f *testing.F) {
	f.Add(0.64)
	f.Fuzz(func(t *testing.T, c float64) {
		if got, want := string(appendConfidence(nil, c)), strconv.FormatFloat(c, 'f', -1, 64); got != want {
			t.Errorf("appendConfidence(%v) = %q, want %q", c, got, want)
		}
	})
}
