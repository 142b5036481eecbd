package synth

import (
	"bufio"
	"bytes"
	"io"
	"math/rand/v2"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// EdgeListOptions says how EdgeListBundle turns an edge list into a bundle.
// The zero value makes every node a person and every edge ASSOCIATE_OF.
type EdgeListOptions struct {
	Type   string     // relation type of every edge; default ASSOCIATE_OF
	Kind   graph.Kind // kind of every actor; default person
	Prefix string     // prepended to each node label to make its actor id; default "n"
	Seed   int64      // seeds the evidence grading
}

// EdgeListResult counts what EdgeListBundle wrote.
type EdgeListResult struct {
	Actors    int
	Relations int
}

// EdgeListBundle reads a plain edge list from r and writes it to w as a
// bundle. The list has one edge per line, "u v", as networkx's
// write_edgelist writes it: fields after the second (networkx's "{}" data
// dictionary, a weight) are ignored, and so are blank lines and lines
// starting with '#'. Node u becomes the actor o.Prefix+u (so node 42 is
// "n42"), named "Node u", in order of first appearance; edge number i
// (from 0) becomes the relation "<from>--<type>--<to>--<i in base 36>" with
// one piece of synthetic evidence citing SourceID. Duplicate edges stay
// separate relations.
//
// The edges are held as pairs of integers until the actors are written,
// about 8 bytes per edge. EINVALID when the type does not allow the kind
// at both ends, a line has fewer than two fields, a label does not make a
// valid actor id (lower-case letters, digits and single hyphens), or an
// edge joins a node to itself; the message names the line. Otherwise r's
// and w's errors as they are.
func EdgeListBundle(w io.Writer, r io.Reader, o EdgeListOptions) (EdgeListResult, error) {
	if o.Type == "" {
		o.Type = "ASSOCIATE_OF"
	}
	if o.Kind == "" {
		o.Kind = graph.Person
	}
	if o.Prefix == "" {
		o.Prefix = "n"
	}
	t, ok := graph.LookupType(o.Type)
	if !ok {
		return EdgeListResult{}, graph.Errorf(graph.EINVALID, "unknown relation type %q", o.Type)
	}
	if !o.Kind.Valid() || !t.Allows(o.Kind, o.Kind) {
		return EdgeListResult{}, graph.Errorf(graph.EINVALID, "%s does not join a %s to a %s", t.Name, o.Kind, o.Kind)
	}
	kebab := strings.ToLower(strings.ReplaceAll(t.Name, "_", "-"))
	c := &combo{typ: t.Name, kebab: kebab, words: strings.ReplaceAll(kebab, "-", " ")}

	index := map[string]int32{}
	var labels []string
	var edges []int32
	node := func(label []byte, line int) (int32, error) {
		if i, ok := index[string(label)]; ok {
			return i, nil
		}
		id := o.Prefix + string(label)
		if !graph.ValidActorID(id) {
			return 0, graph.Errorf(graph.EINVALID, "line %d: node %q does not make a valid actor id (lower-case letters, digits and single hyphens)", line, truncate(string(label), 40))
		}
		i := int32(len(labels))
		index[string(label)] = i
		labels = append(labels, string(label))
		return i, nil
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for line := 1; sc.Scan(); line++ {
		f := bytes.Fields(sc.Bytes())
		if len(f) == 0 || f[0][0] == '#' {
			continue
		}
		if len(f) < 2 {
			return EdgeListResult{}, graph.Errorf(graph.EINVALID, "line %d: want two node labels, \"u v\"", line)
		}
		u, err := node(f[0], line)
		if err != nil {
			return EdgeListResult{}, err
		}
		v, err := node(f[1], line)
		if err != nil {
			return EdgeListResult{}, err
		}
		if u == v {
			return EdgeListResult{}, graph.Errorf(graph.EINVALID, "line %d: edge joins node %q to itself", line, truncate(labels[u], 40))
		}
		edges = append(edges, u, v)
	}
	if err := sc.Err(); err != nil {
		return EdgeListResult{}, err
	}

	out := newOut(w)
	out.header("Edge list converted by graph/synth")
	for i, l := range labels {
		if i > 0 {
			out.b = append(out.b, ',')
		}
		out.b = append(out.b, `{"id":`...)
		out.str(o.Prefix + l)
		out.b = append(out.b, `,"kind":`...)
		out.str(string(o.Kind))
		out.b = append(out.b, `,"name":`...)
		out.str("Node " + l)
		out.b = append(out.b, '}')
		if err := out.flush(false); err != nil {
			return EdgeListResult{}, err
		}
	}
	out.b = append(out.b, "],\"relations\":["...)
	rng := rand.New(rand.NewPCG(uint64(o.Seed), 0x65646730))
	for i := 0; i < len(edges); i += 2 {
		if i > 0 {
			out.b = append(out.b, ',')
		}
		out.relation(rng, i/2, c, o.Prefix+labels[edges[i]], o.Prefix+labels[edges[i+1]], false)
		if err := out.flush(false); err != nil {
			return EdgeListResult{}, err
		}
	}
	out.b = append(out.b, "]}\n"...)
	if err := out.flush(true); err != nil {
		return EdgeListResult{}, err
	}
	return EdgeListResult{Actors: len(labels), Relations: len(edges) / 2}, nil
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
