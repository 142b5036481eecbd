package interop

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// graphEndpoint is one endpoint that answers with a graph, and how to count
// the nodes and edges of its native JSON answer.
type graphEndpoint struct {
	name, method, path, body string
	// counts reads the native answer.
	counts func(t *testing.T, tg *target, native []byte) (nodes, edges int)
}

var graphEndpoints = []graphEndpoint{
	{"paths", "GET", "/v1/paths?from=amedy-coulibaly&to=aqap&mode=k_shortest&k=3", "", pathCounts},
	{"network", "GET", "/v1/actors/cherif-kouachi/network?depth=2", "", subgraphCounts},
	{"subgraph", "POST", "/v1/subgraph", `{"seeds":["aqap","islamic-state"],"depth":1}`, subgraphCounts},
	{"relations", "GET", "/v1/relations?types=CLAIMED_BY,DIRECTED_BY", "", relationsCounts},
	// The whole graph with every relation: the bundle always holds them
	// all, and include_refuted makes the graph formats hold them too.
	{"export", "GET", "/v1/export?include_refuted=true", "", exportCounts},
	// The connecting network: its actors and the relations of its hops.
	{"connect", "POST", "/v1/analysis/connect", `{"actors":["Amedy Coulibaly","Rachid Kassim","Masood Azhar","Junaid Hussain"]}`, connectCounts},
}

func connectCounts(t *testing.T, _ *target, b []byte) (int, int) {
	type part struct {
		Actors      []struct{ ID string } `json:"actors"`
		Connections []struct {
			Path struct {
				Hops []struct {
					Relation struct{ ID string } `json:"relation"`
				} `json:"hops"`
			} `json:"path"`
		} `json:"connections"`
	}
	var res struct {
		Network part              `json:"network"`
		Others  []part            `json:"others"`
		Gaps    []json.RawMessage `json:"gaps"`
	}
	decodeJSON(t, b, &res)
	if len(res.Gaps) > 0 || len(res.Network.Connections) < 3 {
		t.Fatalf("want a network joining every actor, got %s", b)
	}
	actors, rels := map[string]bool{}, map[string]bool{}
	for _, p := range append(res.Others, res.Network) {
		for _, a := range p.Actors {
			actors[a.ID] = true
		}
		for _, c := range p.Connections {
			for _, h := range c.Path.Hops {
				rels[h.Relation.ID] = true
			}
		}
	}
	return len(actors), len(rels)
}

func pathCounts(t *testing.T, _ *target, b []byte) (int, int) {
	var res struct {
		Paths []struct {
			Actors []struct{ ID string } `json:"actors"`
			Hops   []struct {
				Relation struct{ ID string } `json:"relation"`
			} `json:"hops"`
		} `json:"paths"`
	}
	decodeJSON(t, b, &res)
	if len(res.Paths) < 2 {
		t.Fatalf("want several paths to compare formats on, got %d", len(res.Paths))
	}
	actors, rels := map[string]bool{}, map[string]bool{}
	for _, p := range res.Paths {
		for _, a := range p.Actors {
			actors[a.ID] = true
		}
		for _, h := range p.Hops {
			rels[h.Relation.ID] = true
		}
	}
	return len(actors), len(rels)
}

func subgraphCounts(t *testing.T, _ *target, b []byte) (int, int) {
	var res struct {
		Nodes     []json.RawMessage `json:"nodes"`
		Edges     []json.RawMessage `json:"edges"`
		Truncated bool              `json:"truncated"`
	}
	decodeJSON(t, b, &res)
	if res.Truncated || len(res.Edges) < 5 {
		t.Fatalf("want a whole subgraph of some size, got %d nodes, %d edges (truncated %v)", len(res.Nodes), len(res.Edges), res.Truncated)
	}
	return len(res.Nodes), len(res.Edges)
}

// relationsCounts: the edge list's graph formats carry every actor, so
// that the edges' ends are declared.
func relationsCounts(t *testing.T, tg *target, b []byte) (int, int) {
	var edges []json.RawMessage
	decodeJSON(t, b, &edges)
	if len(edges) < 5 {
		t.Fatalf("want some edges, got %d", len(edges))
	}
	return tg.Stats.Actors, len(edges)
}

func exportCounts(t *testing.T, tg *target, b []byte) (int, int) {
	var res struct {
		Actors    []json.RawMessage `json:"actors"`
		Relations []json.RawMessage `json:"relations"`
	}
	decodeJSON(t, b, &res)
	if len(res.Actors) != tg.Stats.Actors || len(res.Relations) != tg.Stats.Relations {
		t.Fatalf("the export holds %d actors, %d relations; /v1/stats says %d, %d", len(res.Actors), len(res.Relations), tg.Stats.Actors, tg.Stats.Relations)
	}
	return len(res.Actors), len(res.Relations)
}

func decodeJSON(t *testing.T, b []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%v: %.300s", err, b)
	}
}

// fetch sends the endpoint's request with ?format= (or none) and returns
// the body and content type, failing on any status but 200.
func (e graphEndpoint) fetch(t *testing.T, tg *target, format string) ([]byte, string) {
	t.Helper()
	path := e.path
	if format != "" {
		sep := "?"
		if strings.Contains(path, "?") {
			sep = "&"
		}
		path += sep + "format=" + format
	}
	body, ctype, err := tg.request(e.method, path, e.body)
	if err != nil {
		t.Fatal(err)
	}
	return body, ctype
}

// TestEveryGraphEndpointEveryFormat asks each graph endpoint for each
// interchange format and has the format's own consumer count what it got:
// NetworkX for nodelink, GraphML and GEXF (which xmllint also validates
// against the GEXF 1.3 XSD), Graphviz for DOT, and Go's readers for
// Cytoscape JSON, CSV and NDJSON. The counts must equal the endpoint's
// native JSON answer.
func TestEveryGraphEndpointEveryFormat(t *testing.T) {
	tg := setup(t)
	py := needPython(t, "networkx")
	dot := needCmd(t, "dot", "apt-get install -y graphviz")
	for _, e := range graphEndpoints {
		t.Run(e.name, func(t *testing.T) {
			native, ctype := e.fetch(t, tg, "")
			if !strings.HasPrefix(ctype, "application/json") {
				t.Fatalf("native answer is %s", ctype)
			}
			wantN, wantE := e.counts(t, tg, native)
			for _, f := range []string{"nodelink", "cytoscape", "graphml", "gexf", "dot", "csv", "ndjson"} {
				t.Run(f, func(t *testing.T) {
					body, ctype := e.fetch(t, tg, f)
					file := filepath.Join(t.TempDir(), e.name+"."+f)
					if err := os.WriteFile(file, body, 0o644); err != nil {
						t.Fatal(err)
					}
					var n, m int
					switch f {
					case "nodelink", "graphml", "gexf":
						if f == "gexf" {
							validateGEXF(t, file)
						}
						out := mustRun(t, []string{"PYTHONDONTWRITEBYTECODE=1"}, py, filepath.Join("interop", "py", "count_nx.py"), f, file)
						if _, err := fmt.Sscan(out, &n, &m); err != nil {
							t.Fatalf("count_nx.py printed %q", out)
						}
					case "cytoscape":
						var cy struct {
							Elements struct {
								Nodes []json.RawMessage `json:"nodes"`
								Edges []json.RawMessage `json:"edges"`
							} `json:"elements"`
						}
						decodeJSON(t, body, &cy)
						n, m = len(cy.Elements.Nodes), len(cy.Elements.Edges)
					case "dot":
						svg, errOut, err := run(t, nil, dot, "-Tsvg", file)
						if err != nil || errOut != "" {
							t.Fatalf("dot -Tsvg: %v\nstderr:\n%s", err, errOut)
						}
						n, m = svgCounts(t, svg)
					case "csv":
						if e.name == "relations" {
							n, m = 0, csvRows(t, bytes.NewReader(body), "edges")
						} else {
							n, m = zipCSVCounts(t, body)
						}
					case "ndjson":
						n, m = ndjsonCounts(t, body)
					}
					wantN := wantN
					if e.name == "relations" && (f == "csv" || f == "ndjson") {
						// The edge list streams its edges alone in these
						// two: edges.csv (as part=edges), NDJSON edges.
						wantN = 0
					}
					if n != wantN || m != wantE {
						t.Errorf("%s (%s): %d nodes, %d edges; the native answer has %d, %d", f, ctype, n, m, wantN, wantE)
					}
				})
			}
		})
	}
}

// zipCSVCounts reads the CSV ZIP: data rows of nodes.csv and edges.csv.
func zipCSVCounts(t *testing.T, b []byte) (nodes, edges int) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("not a ZIP: %v", err)
	}
	rows := map[string]int{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		rows[f.Name] = csvRows(t, rc, f.Name)
		rc.Close()
	}
	if len(rows) != 2 {
		t.Fatalf("the ZIP holds %v, want nodes.csv and edges.csv", rows)
	}
	return rows["nodes.csv"], rows["edges.csv"]
}

// csvRows reads a CSV with encoding/csv and returns its data rows.
func csvRows(t *testing.T, r io.Reader, name string) int {
	t.Helper()
	recs, err := csv.NewReader(r).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if len(recs) == 0 {
		t.Fatalf("%s has no header", name)
	}
	return len(recs) - 1
}

// ndjsonCounts counts the node and edge lines; nodes must come first.
func ndjsonCounts(t *testing.T, b []byte) (nodes, edges int) {
	t.Helper()
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var line struct{ Type string }
		decodeJSON(t, sc.Bytes(), &line)
		switch line.Type {
		case "node":
			if edges > 0 {
				t.Fatal("a node after an edge")
			}
			nodes++
		case "edge":
			edges++
		default:
			t.Fatalf("line of type %q", line.Type)
		}
	}
	return nodes, edges
}
