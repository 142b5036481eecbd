package interop

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/encoding"
)

// TestStatsMatchReference makes sure the counts every consumer test checks
// against are the server's own.
func TestStatsMatchReference(t *testing.T) {
	tg := setup(t)
	t.Logf("target: %s (%d actors, %d relations)", tg.URL, tg.Stats.Actors, tg.Stats.Relations)
	if tg.Stats.Actors != len(tg.Bundle.Actors) || tg.Stats.Relations != len(tg.Bundle.Relations) {
		t.Fatalf("/v1/stats says %d actors, %d relations; the export holds %d, %d",
			tg.Stats.Actors, tg.Stats.Relations, len(tg.Bundle.Actors), len(tg.Bundle.Relations))
	}
	arabic := false
	for _, a := range tg.Bundle.Actors {
		for _, r := range a.Name {
			if r >= 0x0600 && r <= 0x06FF {
				arabic = true
			}
		}
	}
	if !arabic {
		t.Fatal("no actor with an Arabic name is served; the fixture bundle should add one")
	}
}

// TestNetworkX loads nodelink, graphml and gexf with networkx and compares
// every node and edge with the reference.
func TestNetworkX(t *testing.T) {
	tg := setup(t)
	py := needPython(t, "networkx")
	exp := tg.expectations(t)
	for _, f := range []string{"nodelink", "graphml", "gexf"} {
		t.Run(f, func(t *testing.T) {
			file, _ := tg.save(t, "/v1/export?include_refuted=true&format="+f, "graph."+f)
			if f == "gexf" {
				validateGEXF(t, file)
			}
			out := mustRun(t, nil, py, filepath.Join("interop", "py", "check_nx.py"), f, file, exp)
			t.Log(strings.TrimSpace(out))
		})
	}
}

// validateGEXF checks a GEXF document against the official 1.3 XSD with
// xmllint.
func validateGEXF(t *testing.T, file string) {
	t.Helper()
	xmllint := needCmd(t, "xmllint", "apt-get install -y libxml2-utils")
	xsd := filepath.Join(repoDir(t), "interop", "schemas", "gexf-1.3", "gexf.xsd")
	out, errOut, err := run(t, nil, xmllint, "--noout", "--nonet", "--schema", xsd, file)
	if err != nil || !strings.Contains(errOut, "validates") {
		t.Fatalf("xmllint: %v\n%s%s", err, out, errOut)
	}
}

// TestGEXFSchema validates the whole-graph GEXF against the XSD.
func TestGEXFSchema(t *testing.T) {
	tg := setup(t)
	file, _ := tg.save(t, "/v1/export?include_refuted=true&format=gexf", "graph.gexf")
	validateGEXF(t, file)
}

// TestNode loads cytoscape JSON into Cytoscape.js (headless) and GEXF into
// graphology with graphology-gexf.
func TestNode(t *testing.T) {
	tg := setup(t)
	node := needNodeModules(t)
	exp := tg.expectations(t)
	for _, f := range []string{"cytoscape", "gexf"} {
		t.Run(f, func(t *testing.T) {
			file, _ := tg.save(t, "/v1/export?include_refuted=true&format="+f, "graph."+f)
			out := mustRun(t, nil, node, filepath.Join("interop", "js", "check.js"), f, file, exp)
			t.Log(strings.TrimSpace(out))
		})
	}
}

// svgCounts counts the nodes and edges Graphviz drew in svg, failing the
// test if it is not well-formed.
func svgCounts(t *testing.T, svg string) (nodes, edges int) {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(svg))
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return nodes, edges
		}
		if err != nil {
			t.Fatalf("the SVG is not well-formed: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "g" {
			for _, a := range se.Attr {
				if a.Name.Local == "class" && a.Value == "node" {
					nodes++
				}
				if a.Name.Local == "class" && a.Value == "edge" {
					edges++
				}
			}
		}
	}
}

// TestGraphviz renders the DOT output with dot -Tsvg and requires silence
// on stderr and a well-formed SVG.
func TestGraphviz(t *testing.T) {
	tg := setup(t)
	dot := needCmd(t, "dot", "apt-get install -y graphviz")
	file, _ := tg.save(t, "/v1/export?include_refuted=true&format=dot", "graph.gv")
	svg, errOut, err := run(t, nil, dot, "-Tsvg", file)
	if err != nil || errOut != "" {
		t.Fatalf("dot -Tsvg: %v\nstderr:\n%s", err, errOut)
	}
	nodes, edges := svgCounts(t, svg)
	if nodes != tg.Stats.Actors || edges != tg.Stats.Relations {
		t.Errorf("the SVG draws %d nodes and %d edges, want %d and %d", nodes, edges, tg.Stats.Actors, tg.Stats.Relations)
	}
	for _, name := range mustHave(tg) {
		// Graphviz writes non-ASCII text as it is or as character
		// references; decode the SVG text to compare.
		if !strings.Contains(svgText(t, svg), name) {
			t.Errorf("the SVG does not show %q", name)
		}
	}
}

func mustHave(tg *target) []string {
	var out []string
	for _, a := range tg.Bundle.Actors {
		if a.Name != asciiFold(a.Name) && !strings.ContainsAny(a.Name, "\n") {
			out = append(out, a.Name)
		}
	}
	return out
}

// svgText returns the character data of an SVG, decoded.
func svgText(t *testing.T, svg string) string {
	dec := xml.NewDecoder(strings.NewReader(svg))
	var b strings.Builder
	for {
		tok, err := dec.Token()
		if err != nil {
			return b.String()
		}
		if cd, ok := tok.(xml.CharData); ok {
			b.Write(cd)
			b.WriteByte('\n')
		}
	}
}

// csvGraph reads nodes.csv and edges.csv back into actors and edges.
func csvNodes(t *testing.T, r io.Reader) []graph.Actor {
	t.Helper()
	rows, err := csv.NewReader(r).ReadAll()
	if err != nil {
		t.Fatalf("nodes.csv: %v", err)
	}
	if !reflect.DeepEqual(rows[0], encoding.NodesHeader) {
		t.Fatalf("nodes.csv header %q", rows[0])
	}
	var out []graph.Actor
	for _, r := range rows[1:] {
		a := graph.Actor{ID: r[0], Name: r[1], Kind: graph.Kind(r[2]), Aliases: encoding.SplitAliases(r[3]), Description: r[4]}
		var err1, err2 error
		a.Start, err1 = graph.ParseDate(r[5])
		a.End, err2 = graph.ParseDate(r[6])
		if err1 != nil || err2 != nil {
			t.Fatalf("nodes.csv %s: bad dates %q %q", r[0], r[5], r[6])
		}
		out = append(out, a)
	}
	return out
}

func csvEdges(t *testing.T, r io.Reader) []graph.Edge {
	t.Helper()
	rows, err := csv.NewReader(r).ReadAll()
	if err != nil {
		t.Fatalf("edges.csv: %v", err)
	}
	if !reflect.DeepEqual(rows[0], encoding.EdgesHeader) {
		t.Fatalf("edges.csv header %q", rows[0])
	}
	var out []graph.Edge
	for _, r := range rows[1:] {
		e := graph.Edge{ID: r[0], From: r[1], To: r[2], Type: r[3], Role: r[4], Status: graph.Status(r[7]), FirstSource: r[11], FirstQuote: r[12]}
		var errs [5]error
		e.Confidence, errs[0] = strconv.ParseFloat(r[5], 64)
		e.Contested, errs[1] = strconv.ParseBool(r[6])
		e.ValidFrom, errs[2] = graph.ParseDate(r[8])
		e.ValidTo, errs[3] = graph.ParseDate(r[9])
		e.EvidenceCount, errs[4] = strconv.Atoi(r[10])
		if err := errors.Join(errs[:]...); err != nil {
			t.Fatalf("edges.csv %s: %v", r[0], err)
		}
		out = append(out, e)
	}
	return out
}

// referenceCSV is the reference graph as CSV can hold it: actors without
// evidence, "\r\n" in text as "\n", edges as Edge summaries.
func referenceCSV(tg *target) ([]graph.Actor, []graph.Edge) {
	nl := func(s string) string { return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n") }
	var actors []graph.Actor
	for _, a := range tg.Bundle.Actors {
		a.Evidence = nil
		a.Description = nl(a.Description)
		if len(a.Aliases) == 0 {
			a.Aliases = nil
		}
		actors = append(actors, a)
	}
	var edges []graph.Edge
	for i := range tg.Bundle.Relations {
		e := graph.EdgeOf(&tg.Bundle.Relations[i])
		e.FirstQuote = nl(e.FirstQuote)
		edges = append(edges, e)
	}
	return actors, edges
}

// TestCSV reads the ZIP and both single parts back with encoding/csv and
// requires the same graph.
func TestCSV(t *testing.T) {
	tg := setup(t)
	wantA, wantE := referenceCSV(tg)
	check := func(t *testing.T, gotA []graph.Actor, gotE []graph.Edge) {
		t.Helper()
		if gotA != nil && !reflect.DeepEqual(gotA, wantA) {
			t.Errorf("nodes differ: got %d, want %d; first got %+v want %+v", len(gotA), len(wantA), gotA[0], wantA[0])
		}
		if gotE != nil && !reflect.DeepEqual(gotE, wantE) {
			t.Errorf("edges differ: got %d, want %d", len(gotE), len(wantE))
			for i := range min(len(gotE), len(wantE)) {
				if !reflect.DeepEqual(gotE[i], wantE[i]) {
					t.Errorf("first difference:\n got %+v\nwant %+v", gotE[i], wantE[i])
					break
				}
			}
		}
	}
	t.Run("zip", func(t *testing.T) {
		body, ctype := tg.get(t, "/v1/export?include_refuted=true&format=csv")
		if ctype != "application/zip" {
			t.Errorf("Content-Type %q, want application/zip", ctype)
		}
		zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
		if err != nil {
			t.Fatalf("not a ZIP: %v", err)
		}
		if len(zr.File) != 2 || zr.File[0].Name != "nodes.csv" || zr.File[1].Name != "edges.csv" {
			t.Fatalf("ZIP entries %v", zr.File)
		}
		n, _ := zr.File[0].Open()
		e, _ := zr.File[1].Open()
		check(t, csvNodes(t, n), csvEdges(t, e))
	})
	t.Run("parts", func(t *testing.T) {
		n, ctype := tg.get(t, "/v1/export?include_refuted=true&format=csv&part=nodes")
		if !strings.HasPrefix(ctype, "text/csv") {
			t.Errorf("Content-Type %q, want text/csv", ctype)
		}
		e, _ := tg.get(t, "/v1/export?include_refuted=true&format=csv&part=edges")
		check(t, csvNodes(t, bytes.NewReader(n)), csvEdges(t, bytes.NewReader(e)))
	})
}

// TestNDJSON reads the NDJSON export line by line: nodes first, then edges,
// each a JSON object, counts as in /v1/stats.
func TestNDJSON(t *testing.T) {
	tg := setup(t)
	body, _ := tg.get(t, "/v1/export?include_refuted=true&format=ndjson")
	sc := bufio.NewScanner(bytes.NewReader(body))
	sc.Buffer(nil, 1<<20)
	nodes, edges := 0, 0
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("line %d: %v", nodes+edges+1, err)
		}
		switch m["type"] {
		case "node":
			if edges > 0 {
				t.Fatalf("node after an edge at line %d", nodes+edges+1)
			}
			nodes++
		case "edge":
			edges++
		default:
			t.Fatalf("line %d has type %v", nodes+edges+1, m["type"])
		}
	}
	if nodes != tg.Stats.Actors || edges != tg.Stats.Relations {
		t.Errorf("%d nodes, %d edges; /v1/stats says %d, %d", nodes, edges, tg.Stats.Actors, tg.Stats.Relations)
	}
}

// TestDefaultExportLeavesOutRefuted checks that a whole-graph export in a
// graph format, asked without include_refuted, holds every actor and every
// relation but those no claim supports, which /v1/stats counts apart.
func TestDefaultExportLeavesOutRefuted(t *testing.T) {
	tg := setup(t)
	if tg.Stats.Refuted == 0 {
		t.Fatal("the reference graph has no refuted relation to leave out")
	}
	body, _ := tg.get(t, "/v1/export?format=ndjson")
	sc := bufio.NewScanner(bytes.NewReader(body))
	sc.Buffer(nil, 1<<20)
	nodes, edges := 0, 0
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatal(err)
		}
		switch {
		case m["type"] == "node":
			nodes++
		case m["status"] == string(graph.Refuted) || m["confidence"] == 0.0:
			t.Errorf("the default export holds %v (status %v, confidence %v)", m["id"], m["status"], m["confidence"])
		default:
			edges++
		}
	}
	if nodes != tg.Stats.Actors || edges != tg.Stats.Relations-tg.Stats.Refuted {
		t.Errorf("%d nodes, %d edges; want %d and %d (all but the %d refuted)", nodes, edges, tg.Stats.Actors, tg.Stats.Relations-tg.Stats.Refuted, tg.Stats.Refuted)
	}
}
