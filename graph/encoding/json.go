package encoding

import (
	"bufio"
	"encoding/json"
	"io"

	"github.com/actorgraph/actorgraph/graph"
)

// jsonNode is an actor in the JSON formats. Every key is always present;
// missing dates are null.
type jsonNode struct {
	ID          string   `json:"id"`
	Label       string   `json:"label,omitempty"` // cytoscape: the name, for data(label) styles
	Name        string   `json:"name"`
	Kind        string   `json:"kind"`
	Aliases     []string `json:"aliases"`
	Description string   `json:"description"`
	Start       *string  `json:"start"`
	End         *string  `json:"end"`
}

// jsonEdge is a relation in the JSON formats.
type jsonEdge struct {
	ID            string  `json:"id"`
	Key           string  `json:"key,omitempty"` // nodelink: the MultiDiGraph edge key (= id)
	Source        string  `json:"source"`
	Target        string  `json:"target"`
	Type          string  `json:"type"`
	Label         string  `json:"label,omitempty"` // cytoscape: the type, for data(label) styles
	Role          string  `json:"role"`
	Confidence    float64 `json:"confidence"`
	Contested     bool    `json:"contested"`
	Status        string  `json:"status"`
	ValidFrom     *string `json:"valid_from"`
	ValidTo       *string `json:"valid_to"`
	EvidenceCount int     `json:"evidence_count"`
	FirstSource   string  `json:"first_source"`
	FirstQuote    string  `json:"first_quote"`
}

func optDate(d graph.Date) *string {
	if d.IsZero() {
		return nil
	}
	s := d.String()
	return &s
}

func toJSONNode(a *graph.Actor) jsonNode {
	aliases := make([]string, len(a.Aliases))
	for i, s := range a.Aliases {
		aliases[i] = Sanitize(s)
	}
	return jsonNode{
		ID: Sanitize(a.ID), Name: Sanitize(a.Name), Kind: Sanitize(string(a.Kind)), Aliases: aliases,
		Description: Sanitize(a.Description), Start: optDate(a.Start), End: optDate(a.End),
	}
}

func toJSONEdge(e *graph.Edge) jsonEdge {
	return jsonEdge{
		ID: Sanitize(e.ID), Source: Sanitize(e.From), Target: Sanitize(e.To), Type: Sanitize(e.Type),
		Role: Sanitize(e.Role), Confidence: e.Confidence, Contested: e.Contested, Status: string(e.Status),
		ValidFrom: optDate(e.ValidFrom), ValidTo: optDate(e.ValidTo), EvidenceCount: e.EvidenceCount,
		FirstSource: Sanitize(e.FirstSource), FirstQuote: Sanitize(e.FirstQuote),
	}
}

// jsonArrays writes a JSON document of the form
// head [node, node, ...] middle [edge, edge, ...] tail, one element a line.
type jsonArrays struct {
	stream
	enc                *json.Encoder
	head, middle, tail string
	node               func(*graph.Actor) any
	edge               func(*graph.Edge) any
}

func (j *jsonArrays) start() {
	j.enc = json.NewEncoder(j.bw)
	j.bw.WriteString(j.head)
}

func (j *jsonArrays) Node(a graph.Actor) error {
	if err := j.beginNode(); err != nil {
		return err
	}
	if j.nodes > 0 {
		j.bw.WriteByte(',')
	}
	j.nodes++
	return j.fail(j.enc.Encode(j.node(&a)))
}

func (j *jsonArrays) Edge(e graph.Edge) error {
	first, err := j.beginEdge()
	if err != nil {
		return err
	}
	if first {
		j.bw.WriteString(j.middle)
	} else {
		j.bw.WriteByte(',')
	}
	j.edges++
	return j.fail(j.enc.Encode(j.edge(&e)))
}

func (j *jsonArrays) Close() error {
	if ok, err := j.beginClose(); !ok {
		return err
	}
	if j.edges == 0 {
		j.bw.WriteString(j.middle)
	}
	j.bw.WriteString(j.tail)
	return j.finish(nil)
}

func jsonString(s string) string {
	b, _ := json.Marshal(Sanitize(s))
	return string(b)
}

// newNodeLink writes the node-link form that
// networkx.node_link_graph(data, edges="edges") reads into a MultiDiGraph:
//
//	{"directed":true,"multigraph":true,"graph":{"name":...},
//	 "nodes":[{"id":...,"name":...,"kind":...,"aliases":[...],...}],
//	 "edges":[{"id":...,"key":<id>,"source":...,"target":...,"type":...,...}]}
//
// The edge key is the relation id, and the id is also kept as an attribute.
func newNodeLink(w io.Writer, opts Options) Writer {
	j := &jsonArrays{
		stream: newStream(w),
		head:   `{"directed":true,"multigraph":true,"graph":{"name":` + jsonString(opts.Name) + "},\n" + `"nodes":[` + "\n",
		middle: "],\n" + `"edges":[` + "\n",
		tail:   "]}\n",
		node:   func(a *graph.Actor) any { n := toJSONNode(a); return &n },
		edge: func(e *graph.Edge) any {
			x := toJSONEdge(e)
			x.Key = x.ID
			return &x
		},
	}
	j.start()
	return j
}

type cyNode struct {
	Data jsonNode `json:"data"`
}

type cyEdge struct {
	Data jsonEdge `json:"data"`
}

// newCytoscape writes Cytoscape.js elements in the grouped form that
// cytoscape({elements}) accepts as it is, and that Cytoscape desktop
// imports as .cyjs:
//
//	{"elements":{"nodes":[{"data":{"id":...,"label":<name>,...}}],
//	             "edges":[{"data":{"id":...,"source":...,"target":...,"label":<type>,...}}]}}
//
// so cytoscape({container, elements: doc.elements}) renders it. label
// repeats the name (nodes) and the type (edges) for data(label) styles.
func newCytoscape(w io.Writer, opts Options) Writer {
	j := &jsonArrays{
		stream: newStream(w),
		head:   `{"elements":{"nodes":[` + "\n",
		middle: "],\n" + `"edges":[` + "\n",
		tail:   "]}}\n",
		node: func(a *graph.Actor) any {
			n := toJSONNode(a)
			n.Label = n.Name
			return &cyNode{Data: n}
		},
		edge: func(e *graph.Edge) any {
			x := toJSONEdge(e)
			x.Label = x.Type
			return &cyEdge{Data: x}
		},
	}
	j.start()
	return j
}

type ndNode struct {
	Type string `json:"type"` // "node"
	jsonNode
}

type ndEdge struct {
	Type     string `json:"type"`     // "edge"
	Relation string `json:"relation"` // the relation type, since "type" says what the line is
	jsonEdge
}

// newNDJSON writes one JSON object per line: {"type":"node",...} for each
// actor, then {"type":"edge","relation":<relation type>,...} for each
// relation. The relation type is under "relation" because "type" says what
// the line holds.
func newNDJSON(w io.Writer, _ Options) Writer {
	j := &jsonArrays{
		stream: newStream(w),
		node:   func(a *graph.Actor) any { return &ndNode{Type: "node", jsonNode: toJSONNode(a)} },
		edge: func(e *graph.Edge) any {
			x := toJSONEdge(e)
			return &ndEdge{Type: "edge", Relation: x.Type, jsonEdge: x}
		},
	}
	j.start()
	return &ndjsonWriter{j}
}

// ndjsonWriter drops the separators of jsonArrays: lines need none.
type ndjsonWriter struct{ j *jsonArrays }

func (n *ndjsonWriter) Node(a graph.Actor) error {
	if err := n.j.beginNode(); err != nil {
		return err
	}
	n.j.nodes++
	return n.j.fail(n.j.enc.Encode(n.j.node(&a)))
}

func (n *ndjsonWriter) Edge(e graph.Edge) error {
	if _, err := n.j.beginEdge(); err != nil {
		return err
	}
	n.j.edges++
	return n.j.fail(n.j.enc.Encode(n.j.edge(&e)))
}

func (n *ndjsonWriter) Close() error {
	if ok, err := n.j.beginClose(); !ok {
		return err
	}
	return n.j.finish(nil)
}

// JSONArray streams JSON arrays through a buffer, one value at a time,
// without escaping <, > and & (quotes are text, not HTML). Nothing reaches
// w before the buffer fills (32 KiB), so an early error can still become an
// error answer instead of a cut-off document.
type JSONArray struct {
	bw  *bufio.Writer
	enc *json.Encoder
	n   int
}

// NewJSONArray starts writing to w with head, which opens the first array
// (such as "[" or `{"actors":[`).
func NewJSONArray(w io.Writer, head string) *JSONArray {
	bw := bufio.NewWriterSize(w, 32<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	bw.WriteString(head)
	return &JSONArray{bw: bw, enc: enc}
}

// Add appends v to the current array.
func (a *JSONArray) Add(v any) error {
	if a.n > 0 {
		a.bw.WriteByte(',')
	}
	a.n++
	return a.enc.Encode(v)
}

// Next closes the current array and opens another: "]," + head.
func (a *JSONArray) Next(head string) {
	a.bw.WriteString("]," + head)
	a.n = 0
}

// Close writes tail, which closes the last array, and flushes.
func (a *JSONArray) Close(tail string) error {
	a.bw.WriteString(tail)
	return a.bw.Flush()
}
