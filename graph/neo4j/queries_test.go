package neo4j

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

var (
	update = flag.Bool("update", false, "rewrite the golden files in testdata/")
	dump   = flag.String("dump", "", "TestDumpQueries writes every query and template the store can run, and the lint schema, to this directory")
)

// filterCase is one combination of relation filter options.
type filterCase struct {
	name string
	f    graph.RelationFilter
}

// filterCases returns every combination of the filter's options: the type
// selections (none, a list, exclusions, a list minus exclusions, a list
// that exclusions empty), the directions, and each of min_confidence,
// as_of and exclude_contested on or off.
func filterCases(directions bool) []filterCase {
	typeSets := []struct {
		name           string
		types, exclude []string
	}{
		{"all-types", nil, nil},
		{"types", []string{"PERPETRATED", "MET", "MEMBER_OF"}, nil},
		{"exclude", nil, []string{"TRAINED_WITH", "CLAIMED_BY"}},
		{"types-minus-exclude", []string{"MET", "MEMBER_OF"}, []string{"MEMBER_OF"}},
		{"types-all-excluded", []string{"MET"}, []string{"MET"}},
	}
	dirs := []graph.Direction{graph.DirectionAny}
	if directions {
		dirs = []graph.Direction{graph.DirectionAny, graph.DirectionOut, graph.DirectionIn}
	}
	var out []filterCase
	for _, ts := range typeSets {
		for _, d := range dirs {
			for _, conf := range []float64{0, 0.5} {
				for _, asOf := range []string{"", "2015-01"} {
					for _, contested := range []bool{false, true} {
						f := graph.RelationFilter{Types: ts.types, ExcludeTypes: ts.exclude, Direction: d, MinConfidence: conf, ExcludeContested: contested}
						name := fmt.Sprintf("%s direction=%s min_confidence=%g", ts.name, d, conf)
						if asOf != "" {
							f.AsOf = graph.MustDate(asOf)
							name += " as_of=" + asOf
						}
						if contested {
							name += " exclude_contested"
						}
						out = append(out, filterCase{name, f})
					}
				}
			}
		}
	}
	return out
}

// built is one generated query for the golden files and the lint dump.
type built struct {
	name  string // the case
	query string // the template it came from
	st    statement
	none  bool // the filter matches nothing; the store does not run it
}

// generated returns every query the builder produces, grouped by template.
func generated(t *testing.T) map[string][]built {
	t.Helper()
	out := map[string][]built{}
	add := func(query, name string, st statement, c compiledFilter, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s %s: %v", query, name, err)
		}
		out[query] = append(out[query], built{name: name, query: query, st: st, none: c.None})
	}
	lim := graph.DefaultLimits
	for _, fc := range filterCases(true) {
		for _, mode := range []graph.PathMode{graph.ShortestPath, graph.AllShortest, graph.KShortest} {
			q := graph.PathQuery{From: "cherif-kouachi", To: "aqap", Mode: mode, Filter: fc.f}
			if err := q.Normalize(lim); err != nil {
				t.Fatal(err)
			}
			name := fmt.Sprintf("mode=%s k=%d max_hops=%d %s", mode, q.K, q.MaxHops, fc.name)
			switch mode {
			case graph.ShortestPath:
				st, c, err := buildShortestPaths(q, 1, maxWalks)
				add("paths_shortest", name, st, c, err)
			case graph.AllShortest:
				st, c, err := buildShortestPaths(q, lim.MaxPaths, maxWalks)
				add("paths_shortest", name, st, c, err)
			case graph.KShortest:
				st, c, err := buildPaths(q, 4*q.K, 4*q.K)
				add("paths", name, st, c, err)
			}
		}
		st, c, err := buildActorRelations("cherif-kouachi", fc.f, lim.MaxRelations+1)
		add("actor_relations", fc.name, st, c, err)
		st, c, err = buildRelationCounts("cherif-kouachi", fc.f)
		add("actor_relation_counts", fc.name, st, c, err)
		st, c, err = buildNetworkExpand(fc.f, []string{"cherif-kouachi", "aqap"}, []string{"cherif-kouachi", "aqap", "yemen"}, 11)
		add("network_expand", fc.name, st, c, err)
		st, err = buildPathHops(fc.f, [][]string{{"cherif-kouachi", "yemen"}, {"yemen", "aqap"}})
		add("path_hops", fc.name, st, c, err)
	}
	// The integers formatted into path queries, at their bounds.
	for _, hops := range []int{1, lim.MaxHops} {
		q := graph.PathQuery{From: "a", To: "b", MaxHops: hops}
		for _, n := range []int{1, 4 * lim.MaxK, maxWalks} {
			st, c, err := buildPaths(q, n, 7)
			add("paths", fmt.Sprintf("selector=\"SHORTEST %d\" max_hops=%d", n, hops), st, c, err)
		}
		st, c, err := buildShortestPaths(q, 7, maxWalks)
		add("paths_shortest", fmt.Sprintf("max_hops=%d", hops), st, c, err)
	}
	for _, fc := range filterCases(false) {
		for _, name := range []string{"each_relation", "each_edge"} {
			st, c, err := buildEach(name, fc.f)
			add(name, fc.name, st, c, err)
		}
		st, c, err := buildNetworkEdges(fc.f, []string{"cherif-kouachi", "aqap", "yemen"})
		add("network_edges", fc.name, st, c, err)
	}
	for _, typ := range graph.Vocabulary() {
		for _, name := range []string{"relation_create", "import_relations", "import_relations_new"} {
			text, err := withType(name, typ.Name)
			add(name, typ.Name, statement{Text: text}, compiledFilter{}, err)
		}
	}
	for _, k := range graph.Kinds {
		text, err := fill("import_actors_new", map[string]string{"label": kindLabel(k)})
		add("import_actors_new", string(k), statement{Text: text}, compiledFilter{}, err)
	}
	return out
}

// golden renders the cases of one template for its golden file.
func golden(cases []built) []byte {
	var b bytes.Buffer
	for _, c := range cases {
		fmt.Fprintf(&b, "=== %s\n", c.name)
		if c.none {
			b.WriteString("(the filter matches no relation type: the store answers without running a query)\n\n")
			continue
		}
		b.WriteString(c.st.Text)
		b.WriteString("\n--- params\n")
		params, err := json.Marshal(c.st.Params)
		if err != nil {
			panic(err)
		}
		if c.st.Params == nil {
			params = []byte("{}")
		}
		b.Write(params)
		b.WriteString("\n\n")
	}
	return b.Bytes()
}

// TestQueryBuilding compares every generated query and its parameters with
// testdata/<template>.golden (go test -update rewrites them).
func TestQueryBuilding(t *testing.T) {
	for name, cases := range generated(t) {
		t.Run(name, func(t *testing.T) {
			got := golden(cases)
			path := filepath.Join("testdata", name+".golden")
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
				t.Errorf("%s differs from the builder's output (%d cases); review the change and run go test -update\n%s",
					path, len(cases), firstDiff(string(got), string(want)))
			}
		})
	}
}

func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < max(len(g), len(w)); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n got  %q\n want %q", i+1, gl, wl)
		}
	}
	return ""
}

// TestBuilderProperties checks what the golden files only show: the
// filter's pieces appear exactly when their option is set, nothing but
// vocabulary names reach the query text, and no marker is left.
func TestBuilderProperties(t *testing.T) {
	for _, cases := range generated(t) {
		for _, c := range cases {
			text, p := c.st.Text, c.st.Params
			if strings.Contains(text, "/*@") {
				t.Errorf("%s %s: a marker is left in the query:\n%s", c.query, c.name, text)
			}
			for key, frag := range map[string]string{
				"min_confidence": "r.confidence >= $min_confidence",
				"as_of_first":    "$as_of_first",
				"symmetric":      "$symmetric",
			} {
				if _, ok := p[key]; ok != strings.Contains(text, frag) {
					t.Errorf("%s %s: parameter %s set %v but query has %q %v", c.query, c.name, key, ok, frag, !ok)
				}
			}
		}
	}
	for _, n := range []int{0, -1, maxWalksBound + 1} {
		if _, _, err := buildPaths(graph.PathQuery{From: "a", To: "b", MaxHops: 3}, n, 1); err == nil {
			t.Errorf("buildPaths accepted SHORTEST %d", n)
		}
	}
	for _, hops := range []int{0, -1, maxHopsBound + 1} {
		if _, _, err := buildPaths(graph.PathQuery{From: "a", To: "b", MaxHops: hops}, 1, 1); err == nil {
			t.Errorf("buildPaths accepted max hops %d", hops)
		}
		if _, _, err := buildShortestPaths(graph.PathQuery{From: "a", To: "b", MaxHops: hops}, 1, 1); err == nil {
			t.Errorf("buildShortestPaths accepted max hops %d", hops)
		}
	}
	for _, bad := range []graph.RelationFilter{
		{Types: []string{"MET]->() DETACH DELETE (n) //"}},
		{ExcludeTypes: []string{"met"}},
		{Direction: "sideways"},
		{MinConfidence: 2},
	} {
		if _, err := compileFilter(bad, true); graph.ErrorCode(err) != graph.EINVALID {
			t.Errorf("compileFilter(%+v) = %v, want EINVALID", bad, err)
		}
	}
	if _, err := withType("relation_create", "MET]->(x) DELETE x //"); graph.ErrorCode(err) != graph.EINVALID {
		t.Errorf("withType accepted a type outside the vocabulary: %v", err)
	}
	if _, err := fill("paths", map[string]string{"types": ""}); err == nil {
		t.Error("fill accepted a template with markers left unfilled")
	}
	if _, err := fill("actor_get", map[string]string{"types": ""}); err == nil {
		t.Error("fill accepted a value for a marker the template lacks")
	}
}

// queryUses collects the string literals passed as the first argument of
// the functions that name queries and fragments, in the package's non-test
// Go files.
func queryUses(t *testing.T) map[string]bool {
	t.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	namers := map[string]bool{"queryText": true, "fill": true, "withType": true, "withFilter": true,
		"buildEach": true, "statements": true, "fragment": true}
	uses := map[string]bool{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			fn, ok := call.Fun.(*ast.Ident)
			if !ok || !namers[fn.Name] {
				return true
			}
			lit, ok := call.Args[0].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true // a variable: the literal is found where it is set
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil {
				t.Fatal(err)
			}
			uses[s] = true
			return true
		})
	}
	return uses
}

// TestEveryQueryIsUsed lists queries/*.cypher and checks that the store's
// code names each of them (and each filter fragment), and names no query
// that does not exist.
func TestEveryQueryIsUsed(t *testing.T) {
	uses := queryUses(t)
	files, err := filepath.Glob("queries/*.cypher")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(queries) {
		t.Fatalf("queries/ holds %d files, the embedded set %d", len(files), len(queries))
	}
	known := map[string]bool{}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".cypher")
		known[name] = true
		if name == "filters" {
			continue // used through its fragments
		}
		if !uses[name] {
			t.Errorf("%s is not used by the store", f)
		}
	}
	for _, m := range marker.FindAllStringSubmatch(queries["filters"], -1) {
		known[m[1]] = true
		if !uses[m[1]] {
			t.Errorf("queries/filters.cypher: fragment %s is not used by the builder", m[1])
		}
	}
	for u := range uses {
		if !known[u] {
			t.Errorf("the code names query or fragment %q, which queries/ does not have", u)
		}
	}
}

func TestStatements(t *testing.T) {
	st := statements("schema")
	if len(st) != 11 {
		t.Fatalf("schema.cypher splits into %d statements, want 11: %q", len(st), st)
	}
	for _, s := range st {
		if !strings.HasPrefix(s, "CREATE ") || strings.Contains(s, ";") || !strings.Contains(s, "IF NOT EXISTS") {
			t.Errorf("schema statement %q: want one idempotent CREATE ... IF NOT EXISTS", s)
		}
	}
}

// lintSchema is what the Cypher lint needs to know of the database: the
// labels, relationship types and property keys this package writes.
type lintSchema struct {
	Labels            []string `json:"labels"`
	RelationshipTypes []string `json:"relationshipTypes"`
	PropertyKeys      []string `json:"propertyKeys"`
}

// schemaForLint derives the schema from the code: the kind labels, the
// vocabulary, and the property keys of the maps the mappers write.
func schemaForLint(t *testing.T) lintSchema {
	t.Helper()
	s := lintSchema{Labels: []string{"Actor", "RelationKey", "Source", "Proposal", "AuditRecord", "AuditCounter"}}
	for _, l := range kindLabels {
		s.Labels = append(s.Labels, l)
	}
	for _, typ := range graph.Vocabulary() {
		s.RelationshipTypes = append(s.RelationshipTypes, typ.Name)
	}
	a := graph.Actor{ID: "a", Kind: graph.Person, Name: "A", Aliases: []string{"x"}, Description: "d",
		Start: graph.MustDate("2000"), End: graph.MustDate("2001"), Evidence: []graph.Evidence{{Source: "s", Quote: "q"}}}
	r := graph.Relation{ID: "r", Type: "MET", Role: "x", ValidFrom: graph.MustDate("2000"), ValidTo: graph.MustDate("2001"),
		Evidence: []graph.Evidence{{Source: "s", Quote: "q"}}}
	ap, err := actorProps(&a)
	if err != nil {
		t.Fatal(err)
	}
	rp, err := relationProps(&r)
	if err != nil {
		t.Fatal(err)
	}
	sp, err := sourceProps(&graph.Source{ID: "s", Title: "t"})
	if err != nil {
		t.Fatal(err)
	}
	pp, err := proposalProps(&graph.Proposal{ID: "p"})
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]bool{"type": true, "from": true, "to": true, // the :RelationKey node's
		"text": true, "text_length": true, // a :Source node's text
		"seq": true, "at": true} // the :AuditRecord and :AuditCounter nodes'
	for _, m := range []map[string]any{ap, rp, sp, pp} {
		for k := range m {
			keys[k] = true
		}
	}
	for k := range keys {
		s.PropertyKeys = append(s.PropertyKeys, k)
	}
	slices.Sort(s.Labels)
	slices.Sort(s.PropertyKeys)
	return s
}

// TestDumpQueries writes, for .ci/neo4j.sh and the Cypher lint, every
// distinct generated query to DIR/<template>-<n>.cypher and the schema the
// lint checks against to DIR/schema.json. It runs only with -dump DIR.
func TestDumpQueries(t *testing.T) {
	if *dump == "" {
		t.Skip("run with -dump DIR to write the generated queries for the Cypher lint")
	}
	if err := os.MkdirAll(*dump, 0o755); err != nil {
		t.Fatal(err)
	}
	n := 0
	seen := map[string]bool{}
	for name, cases := range generated(t) {
		i := 0
		for _, c := range cases {
			if c.none || seen[c.st.Text] {
				continue
			}
			seen[c.st.Text] = true
			i++
			body := fmt.Sprintf("// %s: %s\n%s\n", name, c.name, c.st.Text)
			if err := os.WriteFile(filepath.Join(*dump, fmt.Sprintf("%s-%03d.cypher", name, i)), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
			n++
		}
	}
	schema, err := json.MarshalIndent(schemaForLint(t), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(*dump, "schema.json"), schema, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %d generated queries and schema.json to %s", n, *dump)
}
