package encoding

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// fixture is a small graph with every awkward value: Arabic and accented
// names, quotes, commas, newlines, <, &, backslashes, a "|" in an alias,
// partial dates, a contested relation and an edge to an actor that is not
// among the nodes.
func fixture() ([]graph.Actor, []graph.Edge) {
	actors := []graph.Actor{
		{ID: "abu-bakr-al-baghdadi", Kind: graph.Person, Name: "أبو بكر البغدادي",
			Aliases:     []string{"Abu Bakr al-Baghdadi", "Ibrahim Awad Ibrahim al-Badri"},
			Description: "Leader of the \"Islamic State\".", Start: graph.MustDate("1971"), End: graph.MustDate("2019-10-27")},
		{ID: "cherif-kouachi", Kind: graph.Person, Name: "Chérif Kouachi", Aliases: []string{"Cherif Kouachi"},
			Description: "Attacker, Charlie Hebdo;\nborn in Paris.", Start: graph.MustDate("1982-11-29"), End: graph.MustDate("2015-01-09")},
		{ID: "aqap", Kind: graph.Organization, Name: "al-Qaeda in the Arabian Peninsula",
			Aliases: []string{"AQAP", "Ansar al-Sharia", `a|b \ c`}, Description: "Yemen-based <branch> of al-Qaeda & co."},
		{ID: "charlie-hebdo-attack", Kind: graph.Event, Name: "Charlie Hebdo shooting, Paris", Start: graph.MustDate("2015-01-07")},
		{ID: "yemen", Kind: graph.Place, Name: "Yemen"},
	}
	edges := []graph.Edge{
		{ID: "cherif-kouachi--trained-in--yemen", Type: "TRAINED_IN", From: "cherif-kouachi", To: "yemen",
			ValidFrom: graph.MustDate("2011"), Confidence: 0.64, Status: graph.Supported, EvidenceCount: 1, FirstSource: "clarion-2015-01",
			FirstQuote: "Said and Cherif Kouachi were trained in Yemen in 2011"},
		{ID: "charlie-hebdo-attack--claimed-by--aqap", Type: "CLAIMED_BY", From: "charlie-hebdo-attack", To: "aqap",
			ValidFrom: graph.MustDate("2015-01"), ValidTo: graph.MustDate("2015-02"), Contested: true, Status: graph.Contested, Confidence: 0.312, EvidenceCount: 2,
			FirstSource: "vice-2015-11-14", FirstQuote: "AQAP said: \"we chose the target\", and <laid> the plan & paid\\for it\r\nsecond line"},
		{ID: "cherif-kouachi--member-of--isis", Type: "MEMBER_OF", From: "cherif-kouachi", To: "islamic-state",
			Role: "follower, \"soldier\"", Confidence: 0, Status: graph.Refuted, EvidenceCount: 1, FirstSource: "talkleft-2015-06-28", FirstQuote: "قال إنه ينتمي"},
	}
	return actors, edges
}

func render(t testing.TB, f Format, opts Options, actors []graph.Actor, edges []graph.Edge) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := NewWriter(&buf, f, opts)
	if err != nil {
		t.Fatalf("NewWriter(%s): %v", f, err)
	}
	for _, a := range actors {
		if err := w.Node(a); err != nil {
			t.Fatalf("%s Node: %v", f, err)
		}
	}
	for _, e := range edges {
		if err := w.Edge(e); err != nil {
			t.Fatalf("%s Edge: %v", f, err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatalf("%s Close: %v", f, err)
	}
	return buf.Bytes()
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test ./graph/encoding -update rewrites it)\ngot:\n%s", name, got)
	}
}

func TestGolden(t *testing.T) {
	actors, edges := fixture()
	tests := []struct {
		name   string
		format Format
		opts   Options
		check  func(t *testing.T, out []byte)
	}{
		{"nodelink.json", NodeLink, Options{Name: "fixture"}, checkNodeLink},
		{"cytoscape.json", Cytoscape, Options{}, checkCytoscape},
		{"ndjson.ndjson", NDJSON, Options{}, checkNDJSON},
		{"graphml.graphml", GraphML, Options{Name: "fixture"}, checkGraphML},
		{"gexf.gexf", GEXF, Options{Name: "fixture", Time: time.Date(2026, 11, 24, 15, 0, 0, 0, time.UTC)}, checkGEXF},
		{"dot.gv", DOT, Options{Name: "fixture \"graph\""}, checkDOT},
		{"nodes.csv", CSV, Options{Part: "nodes"}, checkNodesCSV},
		{"edges.csv", CSV, Options{Part: "edges"}, checkEdgesCSV},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := render(t, tt.format, tt.opts, actors, edges)
			golden(t, tt.name, out)
			tt.check(t, out)
		})
	}
}

// wantNode and wantEdge are the flat attribute maps every format must
// give back for the fixture (aliases joined as in CSV).
func wantNodes() []map[string]string {
	actors, _ := fixture()
	var out []map[string]string
	for _, a := range actors {
		out = append(out, map[string]string{"id": a.ID, "name": a.Name, "kind": string(a.Kind), "aliases": joinAliases(a.Aliases),
			"description": a.Description, "start": a.Start.String(), "end": a.End.String()})
	}
	return out
}

func wantEdges(crlf bool) []map[string]string {
	_, edges := fixture()
	var out []map[string]string
	for _, e := range edges {
		q := e.FirstQuote
		if crlf {
			q = strings.ReplaceAll(q, "\r\n", "\n")
		}
		out = append(out, map[string]string{"id": e.ID, "source": e.From, "target": e.To, "type": e.Type, "role": e.Role,
			"confidence": formatFloat(e.Confidence), "contested": boolString(e.Contested), "status": string(e.Status),
			"valid_from": e.ValidFrom.String(), "valid_to": e.ValidTo.String(), "evidence_count": itoa(e.EvidenceCount),
			"first_source": e.FirstSource, "first_quote": q})
	}
	return out
}

func boolString(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

func itoa(n int) string { return formatFloat(float64(n)) }

// flatJSON turns a decoded JSON object into the flat string map of
// wantNodes/wantEdges.
func flatJSON(m map[string]any, keys []string) map[string]string {
	out := map[string]string{}
	for _, k := range keys {
		switch v := m[k].(type) {
		case nil:
			out[k] = ""
		case string:
			out[k] = v
		case bool:
			out[k] = boolString(v)
		case float64:
			out[k] = formatFloat(v)
		case []any:
			s := make([]string, len(v))
			for i, x := range v {
				s[i] = x.(string)
			}
			out[k] = joinAliases(s)
		default:
			out[k] = "?"
		}
	}
	return out
}

func compare(t *testing.T, what string, got, want []map[string]string) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s read back:\n got %q\nwant %q", what, got, want)
	}
}

func checkNodeLink(t *testing.T, out []byte) {
	var doc struct {
		Directed, Multigraph bool
		Graph                map[string]any
		Nodes, Edges         []map[string]any
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if !doc.Directed || !doc.Multigraph || doc.Graph["name"] != "fixture" {
		t.Errorf("header: directed %v multigraph %v graph %v", doc.Directed, doc.Multigraph, doc.Graph)
	}
	var nodes, edges []map[string]string
	for _, n := range doc.Nodes {
		nodes = append(nodes, flatJSON(n, NodesHeader))
	}
	for _, e := range doc.Edges {
		if e["key"] != e["id"] {
			t.Errorf("edge key %v != id %v", e["key"], e["id"])
		}
		edges = append(edges, flatJSON(e, EdgesHeader))
	}
	compare(t, "nodes", nodes, wantNodes())
	compare(t, "edges", edges, wantEdges(false))
}

func checkCytoscape(t *testing.T, out []byte) {
	var doc struct {
		Elements struct {
			Nodes, Edges []struct{ Data map[string]any }
		}
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	var nodes, edges []map[string]string
	for _, n := range doc.Elements.Nodes {
		if n.Data["label"] != n.Data["name"] {
			t.Errorf("node label %v != name %v", n.Data["label"], n.Data["name"])
		}
		nodes = append(nodes, flatJSON(n.Data, NodesHeader))
	}
	for _, e := range doc.Elements.Edges {
		edges = append(edges, flatJSON(e.Data, EdgesHeader))
	}
	compare(t, "nodes", nodes, wantNodes())
	compare(t, "edges", edges, wantEdges(false))
}

func checkNDJSON(t *testing.T, out []byte) {
	var nodes, edges []map[string]string
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	for i, line := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("line %d is not JSON: %v", i+1, err)
		}
		switch m["type"] {
		case "node":
			if len(edges) > 0 {
				t.Errorf("line %d: node after an edge", i+1)
			}
			nodes = append(nodes, flatJSON(m, NodesHeader))
		case "edge":
			m["type"] = m["relation"]
			edges = append(edges, flatJSON(m, EdgesHeader))
		default:
			t.Errorf("line %d: type %v", i+1, m["type"])
		}
	}
	compare(t, "nodes", nodes, wantNodes())
	compare(t, "edges", edges, wantEdges(false))
}

// xmlElements decodes out with encoding/xml and returns, for each element
// named node or edge, its XML attributes and its data values keyed by
// keyOf(element attributes of the data element).
type xmlItem struct {
	name  string
	attrs map[string]string
	data  map[string]string
}

func decodeXML(t testing.TB, out []byte, dataElem, dataKey, dataValue string) (items []xmlItem, keys map[string]map[string]string) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(out))
	keys = map[string]map[string]string{}
	var cur *xmlItem
	var dataFor string
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			attrs := map[string]string{}
			for _, a := range tok.Attr {
				attrs[a.Name.Local] = a.Value
			}
			switch tok.Name.Local {
			case "key", "attribute":
				keys[attrs["id"]] = attrs
			case "node", "edge":
				items = append(items, xmlItem{name: tok.Name.Local, attrs: attrs, data: map[string]string{}})
				cur = &items[len(items)-1]
			case dataElem:
				dataFor = attrs[dataKey]
				text.Reset()
				if dataValue != "" && cur != nil {
					cur.data[dataFor] = attrs[dataValue]
				}
			}
		case xml.CharData:
			text.Write(tok)
		case xml.EndElement:
			if tok.Name.Local == dataElem && dataValue == "" && cur != nil {
				cur.data[dataFor] = text.String()
			}
		}
	}
	return items, keys
}

func checkGraphML(t *testing.T, out []byte) {
	items, keys := decodeXML(t, out, "data", "key", "")
	var nodes, edges []map[string]string
	for _, it := range items {
		m := map[string]string{}
		for k, v := range it.data {
			m[keys[k]["attr.name"]] = v
		}
		if it.name == "node" {
			m["id"] = it.attrs["id"]
			nodes = append(nodes, pick(m, NodesHeader))
		} else {
			m["id"], m["source"], m["target"] = it.attrs["id"], it.attrs["source"], it.attrs["target"]
			edges = append(edges, pick(m, EdgesHeader))
		}
	}
	for id, k := range keys {
		if k["attr.type"] == "" || k["attr.name"] == "" || k["for"] == "" {
			t.Errorf("key %s is not fully declared: %v", id, k)
		}
	}
	compare(t, "nodes", nodes, wantNodes())
	compare(t, "edges", edges, wantEdges(false))
}

func pick(m map[string]string, keys []string) map[string]string {
	out := map[string]string{}
	for _, k := range keys {
		out[k] = m[k]
	}
	return out
}

func checkGEXF(t *testing.T, out []byte) {
	items, keys := decodeXML(t, out, "attvalue", "for", "value")
	var nodes, edges []map[string]string
	for _, it := range items {
		m := map[string]string{}
		for k, v := range it.data {
			if keys[k] == nil {
				t.Errorf("attvalue for undeclared attribute %q", k)
			}
			m[strings.TrimSuffix(keys[k]["title"], "_date")] = v
		}
		m["id"] = it.attrs["id"]
		if it.name == "node" {
			if it.attrs["label"] != m["name"] {
				t.Errorf("node %s label %q != name %q", m["id"], it.attrs["label"], m["name"])
			}
			nodes = append(nodes, pick(m, NodesHeader))
		} else {
			m["source"], m["target"] = it.attrs["source"], it.attrs["target"]
			edges = append(edges, pick(m, EdgesHeader))
		}
	}
	compare(t, "nodes", nodes, wantNodes())
	compare(t, "edges", edges, wantEdges(false))
	// Partial dates widen to whole days on the element.
	for _, it := range items {
		if it.attrs["id"] == "charlie-hebdo-attack--claimed-by--aqap" && (it.attrs["start"] != "2015-01-01" || it.attrs["end"] != "2015-02-28") {
			t.Errorf("spell of the claim: start %q end %q, want 2015-01-01 and 2015-02-28", it.attrs["start"], it.attrs["end"])
		}
		if it.attrs["id"] == "abu-bakr-al-baghdadi" && (it.attrs["start"] != "1971-01-01" || it.attrs["end"] != "2019-10-27") {
			t.Errorf("spell of al-Baghdadi: start %q end %q", it.attrs["start"], it.attrs["end"])
		}
	}
}

// parseDOTString reads a DOT double-quoted string at the start of s and
// returns its value as a label would show it (\" and \\ unescaped, \n a
// newline) and the rest of s.
func parseDOTString(s string) (string, string, bool) {
	if !strings.HasPrefix(s, `"`) {
		return "", s, false
	}
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			if i+1 >= len(s) {
				return "", s, false
			}
			i++
			switch s[i] {
			case 'n':
				b.WriteByte('\n')
			case '"', '\\':
				b.WriteByte(s[i])
			default:
				return "", s, false
			}
		case '"':
			return b.String(), s[i+1:], true
		case '\n':
			return "", s, false
		default:
			b.WriteByte(s[i])
		}
	}
	return "", s, false
}

// parseDOTAttrs reads `key=value, key="value", ...]` and returns the map.
func parseDOTAttrs(t *testing.T, s string) map[string]string {
	t.Helper()
	m := map[string]string{}
	for {
		s = strings.TrimLeft(s, " ,")
		if strings.HasPrefix(s, "];") {
			return m
		}
		eq := strings.IndexByte(s, '=')
		if eq < 0 {
			t.Fatalf("bad DOT attribute list at %q", s)
		}
		k := s[:eq]
		s = s[eq+1:]
		if strings.HasPrefix(s, `"`) {
			v, rest, ok := parseDOTString(s)
			if !ok {
				t.Fatalf("bad DOT string at %q", s)
			}
			m[k], s = v, rest
		} else {
			end := strings.IndexAny(s, ",]")
			m[k], s = s[:end], s[end:]
		}
	}
}

func parseDOT(t *testing.T, out []byte) (nodes, edges []map[string]string) {
	lines := strings.Split(string(out), "\n")
	if !strings.HasPrefix(lines[0], "digraph ") || lines[len(lines)-2] != "}" {
		t.Fatalf("not a digraph: %q ... %q", lines[0], lines[len(lines)-2])
	}
	for _, line := range lines[1 : len(lines)-2] {
		line = strings.TrimPrefix(line, "  ")
		if strings.HasPrefix(line, "graph [") || strings.HasPrefix(line, "node [") || strings.HasPrefix(line, "edge [") {
			continue
		}
		id, rest, ok := parseDOTString(line)
		if !ok {
			t.Fatalf("bad DOT line %q", line)
		}
		if strings.HasPrefix(rest, " -> ") {
			to, rest2, ok := parseDOTString(rest[4:])
			if !ok {
				t.Fatalf("bad DOT edge %q", line)
			}
			m := parseDOTAttrs(t, strings.TrimPrefix(rest2, " ["))
			m["source"], m["target"] = id, to
			edges = append(edges, pick(m, EdgesHeader))
			continue
		}
		m := parseDOTAttrs(t, strings.TrimPrefix(rest, " ["))
		m["id"] = id
		nodes = append(nodes, pick(m, NodesHeader))
	}
	return nodes, edges
}

func checkDOT(t *testing.T, out []byte) {
	nodes, edges := parseDOT(t, out)
	compare(t, "nodes", nodes, wantNodes())
	compare(t, "edges", edges, wantEdges(true))
}

func readCSV(t testing.TB, r io.Reader, header []string) []map[string]string {
	t.Helper()
	rows, err := csv.NewReader(r).ReadAll()
	if err != nil {
		t.Fatalf("CSV: %v", err)
	}
	if len(rows) == 0 || !reflect.DeepEqual(rows[0], header) {
		t.Fatalf("CSV header %q, want %q", rows, header)
	}
	var out []map[string]string
	for _, row := range rows[1:] {
		m := map[string]string{}
		for i, k := range header {
			m[k] = row[i]
		}
		out = append(out, m)
	}
	return out
}

func checkNodesCSV(t *testing.T, out []byte) {
	compare(t, "nodes", readCSV(t, bytes.NewReader(out), NodesHeader), wantNodes())
}

func checkEdgesCSV(t *testing.T, out []byte) {
	compare(t, "edges", readCSV(t, bytes.NewReader(out), EdgesHeader), wantEdges(true))
}

func TestCSVZip(t *testing.T) {
	actors, edges := fixture()
	for _, tt := range []struct {
		name          string
		actors        []graph.Actor
		edges         []graph.Edge
		nNodes, nEdge int
	}{
		{"graph", actors, edges, len(actors), len(edges)},
		{"no edges", actors, nil, len(actors), 0},
		{"empty", nil, nil, 0, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out := render(t, CSV, Options{}, tt.actors, tt.edges)
			zr, err := zip.NewReader(bytes.NewReader(out), int64(len(out)))
			if err != nil {
				t.Fatalf("not a ZIP: %v", err)
			}
			if len(zr.File) != 2 || zr.File[0].Name != "nodes.csv" || zr.File[1].Name != "edges.csv" {
				t.Fatalf("entries %v, want nodes.csv, edges.csv", zr.File)
			}
			for i, header := range [][]string{NodesHeader, EdgesHeader} {
				f, err := zr.File[i].Open()
				if err != nil {
					t.Fatal(err)
				}
				rows := readCSV(t, f, header)
				want := []int{tt.nNodes, tt.nEdge}[i]
				if len(rows) != want {
					t.Errorf("%s has %d rows, want %d", zr.File[i].Name, len(rows), want)
				}
				if tt.name == "graph" {
					compare(t, zr.File[i].Name, rows, [][]map[string]string{wantNodes(), wantEdges(true)}[i])
				}
			}
		})
	}
}

// TestEmpty checks that a graph with nothing in it is still a valid
// document in every format.
func TestEmpty(t *testing.T) {
	for _, f := range Formats {
		t.Run(string(f), func(t *testing.T) {
			out := render(t, f, Options{Part: map[Format]string{CSV: "edges"}[f]}, nil, nil)
			switch f {
			case NodeLink, Cytoscape:
				var v map[string]any
				if err := json.Unmarshal(out, &v); err != nil {
					t.Errorf("empty %s is not JSON: %v\n%s", f, err, out)
				}
			case GraphML, GEXF:
				decodeXML(t, out, "x", "", "")
			case NDJSON:
				if len(out) != 0 {
					t.Errorf("empty ndjson = %q", out)
				}
			case DOT:
				if n, e := parseDOT(t, out); len(n)+len(e) != 0 {
					t.Errorf("empty dot has elements")
				}
			case CSV:
				if string(out) != strings.Join(EdgesHeader, ",")+"\n" {
					t.Errorf("empty edges.csv = %q", out)
				}
			}
		})
	}
}

func TestOrderAndClose(t *testing.T) {
	actors, edges := fixture()
	for _, f := range Formats {
		t.Run(string(f), func(t *testing.T) {
			w, err := NewWriter(io.Discard, f, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if err := w.Node(actors[0]); err != nil {
				t.Fatal(err)
			}
			if err := w.Edge(edges[0]); err != nil {
				t.Fatal(err)
			}
			if err := w.Node(actors[1]); graph.ErrorCode(err) != graph.EINTERNAL {
				t.Errorf("Node after Edge: %v, want EINTERNAL", err)
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			if err := w.Edge(edges[1]); graph.ErrorCode(err) != graph.EINTERNAL {
				t.Errorf("Edge after Close: %v, want EINTERNAL", err)
			}
		})
	}
}

type failWriter struct{ n int }

func (f *failWriter) Write(p []byte) (int, error) {
	if f.n -= len(p); f.n < 0 {
		return 0, errors.New("disk full")
	}
	return len(p), nil
}

// TestWriteError checks that an error of the underlying writer comes back
// from the writer rather than being lost.
func TestWriteError(t *testing.T) {
	actors, edges := fixture()
	for _, f := range Formats {
		t.Run(string(f), func(t *testing.T) {
			w, err := NewWriter(&failWriter{n: 10}, f, Options{})
			if err != nil {
				t.Fatal(err)
			}
			var got error
			for i := 0; i < 2000 && got == nil; i++ {
				got = w.Node(actors[i%len(actors)])
			}
			for i := 0; i < 2000 && got == nil; i++ {
				got = w.Edge(edges[i%len(edges)])
			}
			if got == nil {
				got = w.Close()
			}
			if got == nil || !strings.Contains(got.Error(), "disk full") {
				t.Errorf("error = %v, want the writer's disk full", got)
			}
		})
	}
}

func TestParseAndNewWriterErrors(t *testing.T) {
	for _, s := range Formats {
		if f, err := Parse(string(s)); err != nil || f != s {
			t.Errorf("Parse(%q) = %q, %v", s, f, err)
		}
	}
	for _, s := range []string{"", "JSON", "xml", "csv "} {
		if _, err := Parse(s); graph.ErrorCode(err) != graph.EINVALID {
			t.Errorf("Parse(%q) error %v, want EINVALID", s, err)
		}
	}
	if _, err := NewWriter(io.Discard, CSV, Options{Part: "both"}); graph.ErrorCode(err) != graph.EINVALID {
		t.Errorf("CSV part both: %v, want EINVALID", err)
	}
	if _, err := NewWriter(io.Discard, "pdf", Options{}); graph.ErrorCode(err) != graph.EINVALID {
		t.Errorf("format pdf: %v, want EINVALID", err)
	}
}

func TestMedia(t *testing.T) {
	tests := []struct {
		f          Format
		opts       Options
		ctype, ext string
	}{
		{NodeLink, Options{}, "application/json", ".nodelink.json"},
		{Cytoscape, Options{}, "application/json", ".cyjs.json"},
		{GraphML, Options{}, "application/graphml+xml; charset=utf-8", ".graphml"},
		{GEXF, Options{}, "application/gexf+xml; charset=utf-8", ".gexf"},
		{DOT, Options{}, "text/vnd.graphviz; charset=utf-8", ".gv"},
		{CSV, Options{}, "application/zip", ".zip"},
		{CSV, Options{Part: "edges"}, "text/csv; charset=utf-8", ".csv"},
		{NDJSON, Options{}, "application/x-ndjson", ".ndjson"},
	}
	for _, tt := range tests {
		if got := tt.f.ContentType(tt.opts); got != tt.ctype {
			t.Errorf("%s ContentType = %q, want %q", tt.f, got, tt.ctype)
		}
		if got := tt.f.Extension(tt.opts); got != tt.ext {
			t.Errorf("%s Extension = %q, want %q", tt.f, got, tt.ext)
		}
	}
	for accept, want := range map[string]Format{
		"application/gexf+xml":                     GEXF,
		"text/html, application/graphml+xml;q=0.9": GraphML,
		"text/vnd.graphviz":                        DOT,
		"application/x-ndjson":                     NDJSON,
		"text/csv":                                 CSV,
		"application/json":                         "",
		"*/*":                                      "",
		"":                                         "",
	} {
		got, ok := FromAccept(accept)
		if got != want || ok != (want != "") {
			t.Errorf("FromAccept(%q) = %q, %v; want %q", accept, got, ok, want)
		}
	}
}

func TestAliases(t *testing.T) {
	for _, as := range [][]string{nil, {"a"}, {"a", "b"}, {`a|b`, `c\d`, `\`}, {"|", "||"}, {"x\\"}} {
		got := SplitAliases(joinAliases(as))
		if len(as) == 0 && len(got) == 0 {
			continue
		}
		if !reflect.DeepEqual(got, as) {
			t.Errorf("SplitAliases(joinAliases(%q)) = %q", as, got)
		}
	}
}
