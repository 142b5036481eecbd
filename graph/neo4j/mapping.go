package neo4j

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/names"
)

// This file maps domain values to the properties the store writes, and the
// driver's values (neo4j.Record, dbtype.Node, dbtype.Relationship,
// dbtype.Path) back to domain values. Mapping errors mean the database
// holds data this package did not write; they are EINTERNAL.

// kindLabels are the labels of the actor kinds, besides :Actor.
var kindLabels = map[graph.Kind]string{
	graph.Person:       "Person",
	graph.Organization: "Organization",
	graph.Event:        "Event",
	graph.Place:        "Place",
}

// searchKeys returns the folded name followed by the folded aliases: what
// Resolve and SearchActors compare queries with (graph.NormalizeName).
func searchKeys(a *graph.Actor) []string {
	keys := make([]string, 0, 1+len(a.Aliases))
	keys = append(keys, graph.NormalizeName(a.Name))
	for _, al := range a.Aliases {
		keys = append(keys, graph.NormalizeName(al))
	}
	return keys
}

// nameKeys returns the candidate keys of an actor's names (names.Keys)
// joined with spaces: the name_keys property, under the full-text index
// actor_name_keys (whitespace analyser) through which SearchActors finds
// candidates.
func nameKeys(name string, aliases []string) string {
	return strings.Join(names.Keys(name, aliases), " ")
}

// evidenceList encodes each piece of evidence as one JSON string, in order.
func evidenceList(es []graph.Evidence) ([]string, error) {
	out := make([]string, len(es))
	for i, e := range es {
		b, err := json.Marshal(e)
		if err != nil {
			return nil, err
		}
		out[i] = string(b)
	}
	return out, nil
}

// actorProps returns the node properties of a. Empty values are left out,
// so that SET a = $props removes what a no longer has.
func actorProps(a *graph.Actor) (map[string]any, error) {
	keys := searchKeys(a)
	p := map[string]any{
		"id":                a.ID,
		"kind":              string(a.Kind),
		"name":              a.Name,
		"search_keys":       keys,
		"search_text":       strings.Join(keys, "\n"),
		"name_keys":         nameKeys(a.Name, a.Aliases),
		"name_keys_version": int64(names.KeysVersion),
	}
	if len(a.Aliases) > 0 {
		p["aliases"] = append([]string(nil), a.Aliases...)
	}
	if a.Description != "" {
		p["description"] = a.Description
	}
	if !a.Start.IsZero() {
		p["start"] = a.Start.String()
	}
	if !a.End.IsZero() {
		p["end"] = a.End.String()
	}
	if len(a.Evidence) > 0 {
		ev, err := evidenceList(a.Evidence)
		if err != nil {
			return nil, err
		}
		p["evidence"] = ev
	}
	return p, nil
}

// relationProps returns the relationship properties of r, which must be
// derived (graph.Relation.Derive). The evidence is kept whole, in order, as
// a list of JSON strings; the first source and quote and the count are
// copied out for edge lists, and the dates as yyyymmdd integers for the
// as_of filter.
func relationProps(r *graph.Relation) (map[string]any, error) {
	ev, err := evidenceList(r.Evidence)
	if err != nil {
		return nil, err
	}
	p := map[string]any{
		"id":             r.ID,
		"contested":      r.Contested,
		"status":         string(graph.StatusOf(r.Evidence)),
		"confidence":     r.Confidence,
		"evidence":       ev,
		"evidence_count": int64(len(r.Evidence)),
	}
	if r.Role != "" {
		p["role"] = r.Role
	}
	if !r.ValidFrom.IsZero() {
		p["valid_from"] = r.ValidFrom.String()
		p["valid_from_first"] = int64(r.ValidFrom.FirstDay())
	}
	if !r.ValidTo.IsZero() {
		p["valid_to"] = r.ValidTo.String()
		p["valid_to_last"] = int64(r.ValidTo.LastDay())
	}
	if len(r.Evidence) > 0 {
		p["first_source"] = r.Evidence[0].Source
		p["first_quote"] = r.Evidence[0].Quote
	}
	return p, nil
}

// sourceProps returns the node properties of s: its id and title, and the
// whole source as JSON, which round-trips pieces and dates exactly.
func sourceProps(s *graph.Source) (map[string]any, error) {
	// The text and its length are properties of their own (text,
	// text_length), which the json leaves out.
	c := *s
	c.Text, c.TextLength = "", 0
	b, err := json.Marshal(&c)
	if err != nil {
		return nil, err
	}
	return map[string]any{"id": s.ID, "title": s.Title, "json": string(b)}, nil
}

// props reads typed properties, remembering the first problem.
type props struct {
	m    map[string]any
	what string
	err  error
}

func (p *props) fail(key, want string, v any) {
	if p.err == nil {
		p.err = fmt.Errorf("neo4j: %s: property %s is %T, want %s", p.what, key, v, want)
	}
}

func (p *props) str(key string, required bool) string {
	v, ok := p.m[key]
	if !ok || v == nil {
		if required {
			p.fail(key, "a string", nil)
		}
		return ""
	}
	s, ok := v.(string)
	if !ok {
		p.fail(key, "a string", v)
	}
	return s
}

func (p *props) strs(key string) []string {
	v, ok := p.m[key]
	if !ok || v == nil {
		return nil
	}
	var out []string
	switch l := v.(type) {
	case []any:
		for _, x := range l {
			s, ok := x.(string)
			if !ok {
				p.fail(key, "a list of strings", x)
				return nil
			}
			out = append(out, s)
		}
	case []string:
		out = append(out, l...)
	default:
		p.fail(key, "a list of strings", v)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func (p *props) date(key string) graph.Date {
	s := p.str(key, false)
	d, err := graph.ParseDate(s)
	if err != nil && p.err == nil {
		p.err = fmt.Errorf("neo4j: %s: property %s: %v", p.what, key, err)
	}
	return d
}

func (p *props) float(key string) float64 {
	switch v := p.m[key].(type) {
	case float64:
		return v
	case int64:
		return float64(v)
	case nil:
		p.fail(key, "a float", nil)
	default:
		p.fail(key, "a float", v)
	}
	return 0
}

func (p *props) boolean(key string) bool {
	switch v := p.m[key].(type) {
	case bool:
		return v
	case nil:
		return false
	default:
		p.fail(key, "a boolean", v)
	}
	return false
}

func (p *props) evidence(key string) []graph.Evidence {
	list := p.strs(key)
	if len(list) == 0 {
		return nil
	}
	out := make([]graph.Evidence, len(list))
	for i, s := range list {
		if err := json.Unmarshal([]byte(s), &out[i]); err != nil && p.err == nil {
			p.err = fmt.Errorf("neo4j: %s: evidence %d: %v", p.what, i, err)
		}
	}
	return out
}

// actorFromNode maps an :Actor node to an Actor.
func actorFromNode(n dbtype.Node) (graph.Actor, error) {
	p := &props{m: n.Props, what: "actor node"}
	a := graph.Actor{
		ID:          p.str("id", true),
		Kind:        graph.Kind(p.str("kind", true)),
		Name:        p.str("name", true),
		Aliases:     p.strs("aliases"),
		Description: p.str("description", false),
		Start:       p.date("start"),
		End:         p.date("end"),
		Evidence:    p.evidence("evidence"),
	}
	if p.err == nil && !a.Kind.Valid() {
		p.err = fmt.Errorf("neo4j: actor node %q has kind %q", a.ID, a.Kind)
	}
	return a, p.err
}

// relationFromRel maps a relationship to a Relation. from and to are the
// ids of its stored start and end actors, which a dbtype.Relationship
// knows only by element id.
func relationFromRel(rel dbtype.Relationship, from, to string) (graph.Relation, error) {
	p := &props{m: rel.Props, what: "relationship " + rel.Type}
	r := graph.Relation{
		ID:         p.str("id", true),
		Type:       rel.Type,
		From:       from,
		To:         to,
		Role:       p.str("role", false),
		ValidFrom:  p.date("valid_from"),
		ValidTo:    p.date("valid_to"),
		Contested:  p.boolean("contested"),
		Evidence:   p.evidence("evidence"),
		Confidence: p.float("confidence"),
	}
	r.Status = graph.StatusOf(r.Evidence)
	if _, ok := graph.LookupType(r.Type); p.err == nil && !ok {
		p.err = fmt.Errorf("neo4j: relationship %q has type %q outside the vocabulary", r.ID, r.Type)
	}
	return r, p.err
}

// sourceFromJSON decodes a source node's json property.
func sourceFromJSON(s string) (graph.Source, error) {
	var src graph.Source
	if err := json.Unmarshal([]byte(s), &src); err != nil {
		return graph.Source{}, fmt.Errorf("neo4j: source json: %v", err)
	}
	return src, nil
}

// get returns the value of key in rec as a T; a missing key or a value of
// another type is an error, and null gives the zero T.
func get[T any](rec *neo4j.Record, key string) (T, error) {
	var zero T
	v, ok := rec.Get(key)
	if !ok {
		return zero, fmt.Errorf("neo4j: record has no column %s", key)
	}
	if v == nil {
		return zero, nil
	}
	t, ok := v.(T)
	if !ok {
		return zero, fmt.Errorf("neo4j: column %s is %T, want %T", key, v, zero)
	}
	return t, nil
}

// stringList returns the list of strings in column key of rec (null: an
// empty list).
func stringList(rec *neo4j.Record, key string) ([]string, error) {
	list, err := get[[]any](rec, key)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(list))
	for i, v := range list {
		s, ok := v.(string)
		if !ok {
			return nil, fmt.Errorf("neo4j: column %s holds %T, want strings", key, v)
		}
		out[i] = s
	}
	return out, nil
}

// actorFromRecord maps the node in column key.
func actorFromRecord(rec *neo4j.Record, key string) (graph.Actor, error) {
	n, err := get[dbtype.Node](rec, key)
	if err != nil {
		return graph.Actor{}, err
	}
	return actorFromNode(n)
}

// relationFromRecord maps a record with columns r, from and to.
func relationFromRecord(rec *neo4j.Record) (graph.Relation, error) {
	rel, err := get[dbtype.Relationship](rec, "r")
	if err != nil {
		return graph.Relation{}, err
	}
	from, err := get[string](rec, "from")
	if err != nil {
		return graph.Relation{}, err
	}
	to, err := get[string](rec, "to")
	if err != nil {
		return graph.Relation{}, err
	}
	return relationFromRel(rel, from, to)
}

// edgeFromRecord maps a record of each_edge.cypher.
func edgeFromRecord(rec *neo4j.Record) (graph.Edge, error) {
	m := make(map[string]any, len(rec.Keys))
	for i, k := range rec.Keys {
		m[k] = rec.Values[i]
	}
	p := &props{m: m, what: "edge record"}
	e := graph.Edge{
		ID:          p.str("id", true),
		Type:        p.str("type", true),
		From:        p.str("from", true),
		To:          p.str("to", true),
		Role:        p.str("role", false),
		ValidFrom:   p.date("valid_from"),
		ValidTo:     p.date("valid_to"),
		Contested:   p.boolean("contested"),
		Status:      graph.Status(p.str("status", true)),
		Confidence:  p.float("confidence"),
		FirstSource: p.str("first_source", false),
		FirstQuote:  p.str("first_quote", false),
	}
	switch n := m["evidence_count"].(type) {
	case int64:
		e.EvidenceCount = int(n)
	default:
		p.fail("evidence_count", "an integer", n)
	}
	return e, p.err
}

// walk is a path as the database returned it: the actors in order and each
// hop's relation with the direction it was walked in.
type walk struct {
	IDs    []string
	Actors []graph.Actor
	Hops   []graph.Hop
}

// simple reports whether the walk visits no actor twice.
func (w *walk) simple() bool {
	seen := make(map[string]bool, len(w.IDs))
	for _, id := range w.IDs {
		if seen[id] {
			return false
		}
		seen[id] = true
	}
	return true
}

// walkFromPath maps a dbtype.Path. The driver gives a path as Bolt sends
// it: the distinct nodes, the first of which is where the path starts, and
// the relationships in walk order with their stored ends; a walk that comes
// back to a node holds it once in Nodes. So the walk is rebuilt by
// following the relationships from Nodes[0], each hop Forward when its
// relationship starts at the node the walk stands on (compared by element
// id, which never leaves this function).
func walkFromPath(p dbtype.Path) (walk, error) {
	if len(p.Nodes) == 0 {
		return walk{}, fmt.Errorf("neo4j: path has no nodes")
	}
	if len(p.Nodes) > len(p.Relationships)+1 {
		return walk{}, fmt.Errorf("neo4j: path has %d nodes and only %d relationships", len(p.Nodes), len(p.Relationships))
	}
	actors := make(map[string]graph.Actor, len(p.Nodes))
	for _, n := range p.Nodes {
		a, err := actorFromNode(n)
		if err != nil {
			return walk{}, err
		}
		actors[n.ElementId] = a
	}
	n := len(p.Relationships) + 1
	w := walk{IDs: make([]string, 0, n), Actors: make([]graph.Actor, 0, n), Hops: make([]graph.Hop, 0, n-1)}
	here := p.Nodes[0].ElementId
	w.IDs, w.Actors = append(w.IDs, actors[here].ID), append(w.Actors, actors[here])
	for i, rel := range p.Relationships {
		var next string
		switch here {
		case rel.StartElementId:
			next = rel.EndElementId
		case rel.EndElementId:
			next = rel.StartElementId
		default:
			return walk{}, fmt.Errorf("neo4j: path relationship %d does not touch node %d of the walk", i, i)
		}
		a, ok := actors[next]
		if !ok {
			return walk{}, fmt.Errorf("neo4j: path relationship %d leads to a node the path does not hold", i)
		}
		forward := rel.StartElementId == here
		from, to := w.IDs[i], a.ID
		if !forward {
			from, to = to, from
		}
		r, err := relationFromRel(rel, from, to)
		if err != nil {
			return walk{}, err
		}
		w.Hops = append(w.Hops, graph.Hop{Relation: r, From: w.IDs[i], To: a.ID, Forward: forward})
		w.IDs, w.Actors = append(w.IDs, a.ID), append(w.Actors, a)
		here = next
	}
	return w, nil
}
