package neo4j

import (
	"reflect"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/db"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/names"
)

// asDriver converts property values the way they come back from the
// server: lists as []any, integers as int64.
func asDriver(props map[string]any) map[string]any {
	out := make(map[string]any, len(props))
	for k, v := range props {
		switch x := v.(type) {
		case []string:
			l := make([]any, len(x))
			for i, s := range x {
				l[i] = s
			}
			out[k] = l
		case int:
			out[k] = int64(x)
		default:
			out[k] = v
		}
	}
	return out
}

// Evidence whose text must survive byte for byte.
var trickyEvidence = []graph.Evidence{
	{Source: "src-news", Quote: "“Chérif” said:\n\t‘we avenged the Prophet’ — أنور العولقي 🙂 <b>&amp;</b>",
		Claimant: "Chérif Kouachi (BFM TV interview)", Stance: graph.Supports, Reliability: "F", Credibility: 6},
	{Source: "src-blog", Piece: "post-2", Quote: "It's \"not\" that simple\r\n  — see „Anmerkungen“ and «guillemets»",
		Claimant: "Ànalyst", Stance: graph.Refutes, Reliability: "C", Credibility: 4},
	{Source: "src-blog", Piece: "post-1", Quote: "Plain quote with trailing space ", Claimant: "X", Stance: graph.Supports, Reliability: "A", Credibility: 1},
}

func node(elementID string, labels []string, props map[string]any) dbtype.Node {
	return dbtype.Node{ElementId: elementID, Labels: labels, Props: asDriver(props)}
}

func TestActorRoundTrip(t *testing.T) {
	for _, a := range []graph.Actor{
		{ID: "cherif-kouachi", Kind: graph.Person, Name: "Chérif Kouachi", Aliases: []string{"Cherif Kouachi", "أبو"},
			Description: "One of the two brothers.", Start: graph.MustDate("1982-11-29"), End: graph.MustDate("2015-01"),
			Evidence: trickyEvidence},
		{ID: "aqap", Kind: graph.Organization, Name: "Al-Qaeda in the Arabian Peninsula", Start: graph.MustDate("2009")},
		{ID: "paris", Kind: graph.Place, Name: "Paris"},
		{ID: "e", Kind: graph.Event, Name: "—"}, // folds to nothing
	} {
		p, err := actorProps(&a)
		if err != nil {
			t.Fatal(err)
		}
		got, err := actorFromNode(node("4:x:1", []string{"Actor", kindLabels[a.Kind]}, p))
		if err != nil {
			t.Fatalf("actorFromNode(%s): %v", a.ID, err)
		}
		if !reflect.DeepEqual(got, a) {
			t.Errorf("actor round trip:\n got  %#v\n want %#v", got, a)
		}
		keys := p["search_keys"].([]string)
		if keys[0] != graph.NormalizeName(a.Name) || len(keys) != 1+len(a.Aliases) {
			t.Errorf("%s: search_keys %q; want the folded name then the folded aliases", a.ID, keys)
		}
		if p["search_text"] != strings.Join(keys, "\n") {
			t.Errorf("%s: search_text %q", a.ID, p["search_text"])
		}
		// The candidate keys of search, one term each for the whitespace
		// analyser, and never a quote or a backslash (search quotes them).
		nk := names.Keys(a.Name, a.Aliases)
		if p["name_keys"] != strings.Join(nk, " ") || p["name_keys_version"] != int64(names.KeysVersion) {
			t.Errorf("%s: name_keys %q version %v, want %q version %d", a.ID, p["name_keys"], p["name_keys_version"], strings.Join(nk, " "), names.KeysVersion)
		}
		for _, k := range nk {
			if k == "" || strings.ContainsAny(k, " \t\n\"\\") {
				t.Errorf("%s: name key %q cannot be a quoted term", a.ID, k)
			}
		}
		for _, absent := range []string{"aliases", "description", "start", "end", "evidence"} {
			if v, ok := p[absent]; ok && reflect.ValueOf(v).IsZero() {
				t.Errorf("%s: empty property %s is written; it must be left out", a.ID, absent)
			}
		}
	}
}

func TestRelationRoundTrip(t *testing.T) {
	for _, r := range []graph.Relation{
		{ID: "said-kouachi--sibling-of--cherif-kouachi", Type: "SIBLING_OF", From: "said-kouachi", To: "cherif-kouachi",
			Evidence: []graph.Evidence{{Source: "src-news", Quote: "the Kouachi brothers", Claimant: "A. Reporter", Reliability: "B", Credibility: 2}}},
		{ID: "charlie-hebdo-attack--directed-by--aqap", Type: "DIRECTED_BY", From: "charlie-hebdo-attack", To: "aqap", Role: "commander",
			ValidFrom: graph.MustDate("2011"), ValidTo: graph.MustDate("2015-01-07"), Evidence: trickyEvidence},
	} {
		r.Derive()
		p, err := relationProps(&r)
		if err != nil {
			t.Fatal(err)
		}
		rel := dbtype.Relationship{ElementId: "5:x:9", StartElementId: "4:x:1", EndElementId: "4:x:2", Type: r.Type, Props: asDriver(p)}
		got, err := relationFromRel(rel, r.From, r.To)
		if err != nil {
			t.Fatalf("relationFromRel(%s): %v", r.ID, err)
		}
		if !reflect.DeepEqual(got, r) {
			t.Errorf("relation round trip:\n got  %#v\n want %#v", got, r)
		}
		if !r.ValidFrom.IsZero() && (p["valid_from_first"] != int64(r.ValidFrom.FirstDay()) || p["valid_to_last"] != int64(r.ValidTo.LastDay())) {
			t.Errorf("%s: date bounds %v..%v", r.ID, p["valid_from_first"], p["valid_to_last"])
		}
		if p["evidence_count"] != int64(len(r.Evidence)) || p["first_source"] != r.Evidence[0].Source || p["first_quote"] != r.Evidence[0].Quote {
			t.Errorf("%s: edge summary properties %v %v %v", r.ID, p["evidence_count"], p["first_source"], p["first_quote"])
		}
		// The edge list reads the summary columns, not the evidence.
		rec := &neo4j.Record{
			Keys: []string{"id", "type", "from", "to", "role", "valid_from", "valid_to", "contested", "status", "confidence", "evidence_count", "first_source", "first_quote"},
			Values: []any{p["id"], r.Type, r.From, r.To, p["role"], p["valid_from"], p["valid_to"], p["contested"], p["status"], p["confidence"],
				p["evidence_count"], p["first_source"], p["first_quote"]},
		}
		e, err := edgeFromRecord(rec)
		if err != nil {
			t.Fatalf("edgeFromRecord: %v", err)
		}
		if want := graph.EdgeOf(&r); e != want {
			t.Errorf("edge:\n got  %+v\n want %+v", e, want)
		}
	}
}

func TestSourceRoundTrip(t *testing.T) {
	src := graph.Source{ID: "src-blog", Title: "Posts tagged “Al Qaeda”", Author: "An Analyst", Date: graph.MustDate("2018"),
		DateNote: "collects pieces", URL: "https://example.org/x?a=1&b=2", File: "004.txt",
		Pieces:      []graph.Piece{{ID: "post-1", Title: "First", Publication: "The Blog", Date: graph.MustDate("2016-09")}, {ID: "post-2", Title: "Second"}},
		Reliability: "B", Credibility: 2, Text: "The text, which the json leaves out.", TextLength: 36}
	p, err := sourceProps(&src)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(p["json"].(string), "leaves out") {
		t.Errorf("the source's json holds its text: %s", p["json"])
	}
	rec := &db.Record{Keys: []string{"json", "text_length"}, Values: []any{p["json"], int64(36)}}
	got, err := sourceFromRecord(rec)
	if err != nil {
		t.Fatal(err)
	}
	src.Text = "" // read through SourceText
	if !reflect.DeepEqual(got, src) {
		t.Errorf("source round trip:\n got  %#v\n want %#v", got, src)
	}
}

func TestRelationFromRecord(t *testing.T) {
	r := graph.Relation{ID: "a--met--b", Type: "MET", From: "a", To: "b",
		Evidence: []graph.Evidence{{Source: "s", Quote: "q", Claimant: "c", Reliability: "A", Credibility: 1}}}
	r.Derive()
	p, _ := relationProps(&r)
	rel := dbtype.Relationship{ElementId: "5:x:1", StartElementId: "4:x:1", EndElementId: "4:x:2", Type: "MET", Props: asDriver(p)}
	got, err := relationFromRecord(&neo4j.Record{Keys: []string{"r", "from", "to"}, Values: []any{rel, "a", "b"}})
	if err != nil || !reflect.DeepEqual(got, r) {
		t.Errorf("relationFromRecord = %+v, %v; want %+v", got, err, r)
	}
	for name, rec := range map[string]*neo4j.Record{
		"missing column": {Keys: []string{"r", "from"}, Values: []any{rel, "a"}},
		"node for r":     {Keys: []string{"r", "from", "to"}, Values: []any{dbtype.Node{}, "a", "b"}},
		"int for from":   {Keys: []string{"r", "from", "to"}, Values: []any{rel, int64(1), "b"}},
	} {
		if _, err := relationFromRecord(rec); err == nil {
			t.Errorf("relationFromRecord(%s) succeeded", name)
		}
	}
}

func TestMappingRejectsForeignData(t *testing.T) {
	good := map[string]any{"id": "a", "kind": "person", "name": "A"}
	with := func(k string, v any) map[string]any {
		m := map[string]any{}
		for kk, vv := range good {
			m[kk] = vv
		}
		if v == nil {
			delete(m, k)
		} else {
			m[k] = v
		}
		return m
	}
	for name, props := range map[string]map[string]any{
		"no id":         with("id", nil),
		"kind group":    with("kind", "group"),
		"name number":   with("name", int64(3)),
		"bad date":      with("start", "2015-13"),
		"aliases mixed": with("aliases", []any{"x", int64(1)}),
		"evidence junk": with("evidence", []any{"{not json"}),
	} {
		if _, err := actorFromNode(dbtype.Node{Props: props}); err == nil {
			t.Errorf("actorFromNode(%s) succeeded", name)
		}
	}
	if _, err := actorFromNode(dbtype.Node{Props: good}); err != nil {
		t.Errorf("actorFromNode(minimal actor): %v", err)
	}
	rel := dbtype.Relationship{Type: "KNOWS", Props: map[string]any{"id": "r", "confidence": 0.5, "evidence": []any{}}}
	if _, err := relationFromRel(rel, "a", "b"); err == nil {
		t.Error("relationFromRel accepted a type outside the vocabulary")
	}
	rel.Type = "MET"
	rel.Props["confidence"] = "high"
	if _, err := relationFromRel(rel, "a", "b"); err == nil {
		t.Error("relationFromRel accepted a string confidence")
	}
}

// testPath builds the dbtype.Path of a walk a -> b -> c -> d whose
// relationships are stored a->b (walked forward), c->b (walked backward)
// and c->d (forward), the way the driver returns it: relationships keep
// their stored direction.
func testPath(t *testing.T) (dbtype.Path, []graph.Relation) {
	t.Helper()
	ids := []string{"a", "b", "c", "d"}
	var nodes []dbtype.Node
	for i, id := range ids {
		a := graph.Actor{ID: id, Kind: graph.Person, Name: strings.ToUpper(id)}
		p, err := actorProps(&a)
		if err != nil {
			t.Fatal(err)
		}
		nodes = append(nodes, node("4:db:"+string(rune('0'+i)), []string{"Actor", "Person"}, p))
	}
	ev := []graph.Evidence{{Source: "s", Quote: "q", Claimant: "c", Reliability: "B", Credibility: 2}}
	rels := []graph.Relation{
		{ID: "a--met--b", Type: "MET", From: "a", To: "b", Evidence: ev},
		{ID: "c--recruited-by--b", Type: "RECRUITED_BY", From: "c", To: "b", Evidence: ev},
		{ID: "c--associate-of--d", Type: "ASSOCIATE_OF", From: "c", To: "d", Evidence: ev},
	}
	elem := map[string]string{"a": nodes[0].ElementId, "b": nodes[1].ElementId, "c": nodes[2].ElementId, "d": nodes[3].ElementId}
	var drels []dbtype.Relationship
	for i := range rels {
		rels[i].Derive()
		p, err := relationProps(&rels[i])
		if err != nil {
			t.Fatal(err)
		}
		drels = append(drels, dbtype.Relationship{ElementId: "5:db:" + rels[i].ID, StartElementId: elem[rels[i].From],
			EndElementId: elem[rels[i].To], Type: rels[i].Type, Props: asDriver(p)})
	}
	return dbtype.Path{Nodes: nodes, Relationships: drels}, rels
}

func TestWalkFromPath(t *testing.T) {
	p, rels := testPath(t)
	rec := &neo4j.Record{Keys: []string{"p"}, Values: []any{p}}
	dp, err := get[dbtype.Path](rec, "p")
	if err != nil {
		t.Fatal(err)
	}
	w, err := walkFromPath(dp)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(w.IDs, []string{"a", "b", "c", "d"}) || !w.simple() {
		t.Errorf("walk ids %v (simple %v)", w.IDs, w.simple())
	}
	wantHops := []graph.Hop{
		{Relation: rels[0], From: "a", To: "b", Forward: true},
		{Relation: rels[1], From: "b", To: "c", Forward: false},
		{Relation: rels[2], From: "c", To: "d", Forward: true},
	}
	if !reflect.DeepEqual(w.Hops, wantHops) {
		t.Errorf("hops:\n got  %+v\n want %+v", w.Hops, wantHops)
	}
	for i, a := range w.Actors {
		if a.ID != w.IDs[i] || a.Name != strings.ToUpper(a.ID) || a.Kind != graph.Person {
			t.Errorf("actor %d = %+v", i, a)
		}
	}

	// A walk that comes back to an actor is not a path. The driver holds
	// each node of a path once (as Bolt sends it), so the walk a-b-a-c has
	// three nodes and three relationships; a live SHORTEST k query returned
	// such walks, which the store first took for malformed paths.
	ba := dbtype.Relationship{ElementId: "5:db:b--met--a", StartElementId: p.Nodes[1].ElementId, EndElementId: p.Nodes[0].ElementId,
		Type: "MET", Props: p.Relationships[0].Props}
	ac := dbtype.Relationship{ElementId: "5:db:a--met--c", StartElementId: p.Nodes[0].ElementId, EndElementId: p.Nodes[2].ElementId,
		Type: "MET", Props: p.Relationships[0].Props}
	loop := dbtype.Path{Nodes: p.Nodes[:3], Relationships: []dbtype.Relationship{p.Relationships[0], ba, ac}}
	w, err = walkFromPath(loop)
	if err != nil || w.simple() || !reflect.DeepEqual(w.IDs, []string{"a", "b", "a", "c"}) {
		t.Errorf("walk a-b-a-c: ids %v, simple %v, %v; want a, b, a, c and a walk that is not simple", w.IDs, w.simple(), err)
	}
	if len(w.Hops) != 3 || !w.Hops[1].Forward || w.Hops[1].From != "b" || w.Hops[1].To != "a" || !w.Hops[2].Forward {
		t.Errorf("walk a-b-a-c hops: %+v", w.Hops)
	}

	// Malformed paths are errors.
	broken := p
	broken.Relationships = append([]dbtype.Relationship(nil), p.Relationships...)
	broken.Relationships[1].StartElementId = "4:db:elsewhere"
	if _, err := walkFromPath(broken); err == nil {
		t.Error("walkFromPath accepted a relationship that does not join its nodes")
	}
	if _, err := walkFromPath(dbtype.Path{Nodes: p.Nodes[:2], Relationships: p.Relationships}); err == nil {
		t.Error("walkFromPath accepted a path whose relationships lead to nodes it does not hold")
	}
	if _, err := walkFromPath(dbtype.Path{Nodes: p.Nodes, Relationships: p.Relationships[:1]}); err == nil {
		t.Error("walkFromPath accepted a path with more nodes than its relationships reach")
	}
}

func TestSortSeqs(t *testing.T) {
	seqs := [][]string{{"a", "x", "y", "b"}, {"a", "z", "b"}, {"a", "c", "b"}, {"a", "b"}}
	sortSeqs(seqs)
	var got []string
	for _, ids := range seqs {
		got = append(got, strings.Join(ids, ""))
	}
	if want := []string{"ab", "acb", "azb", "axyb"}; !reflect.DeepEqual(got, want) {
		t.Errorf("sortSeqs = %v, want %v (shortest first, then ids)", got, want)
	}
	if simple([]string{"a", "b", "a"}) || !simple([]string{"a", "b", "c"}) {
		t.Error("simple is wrong about a-b-a or a-b-c")
	}
}

func TestBetterRelation(t *testing.T) {
	a := graph.Relation{ID: "b", Confidence: 0.8}
	b := graph.Relation{ID: "a", Confidence: 0.8}
	c := graph.Relation{ID: "c", Confidence: 0.9}
	if !betterRelation(&b, &a) || betterRelation(&a, &b) {
		t.Error("equal confidence: the smaller id must win")
	}
	if !betterRelation(&c, &b) || betterRelation(&b, &c) {
		t.Error("the higher confidence must win")
	}
}

// TestExportedComplete checks what Export leaves out so that its bundle
// imports although the transaction is not a snapshot: an entry whose end or
// cited source it has not streamed.
func TestExportedComplete(t *testing.T) {
	var e exported
	e.source("news")
	for _, id := range []string{"b", "a", "c"} { // out of order: sortActors sorts
		e.actor(id)
	}
	e.sortActors()
	ev := func(src string) []graph.Evidence { return []graph.Evidence{{Source: "news"}, {Source: src}} }
	for _, tt := range []struct {
		r    graph.Relation
		want bool
	}{
		{graph.Relation{From: "a", To: "c", Evidence: ev("news")}, true},
		{graph.Relation{From: "a", To: "late", Evidence: ev("news")}, false},
		{graph.Relation{From: "early", To: "b", Evidence: ev("news")}, false},
		{graph.Relation{From: "a", To: "b", Evidence: ev("new-source")}, false},
	} {
		if got := e.complete(&tt.r); got != tt.want {
			t.Errorf("complete(%s -> %s citing %v) = %v", tt.r.From, tt.r.To, tt.r.Evidence, got)
		}
	}
	if e.cited(ev("new-source")) || !e.cited(nil) {
		t.Errorf("cited")
	}
}
