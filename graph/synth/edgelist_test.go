package synth

import (
	"bytes"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

func TestEdgeListBundle(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		o       EdgeListOptions
		actors  []string
		pairs   [][2]string // from, to of each relation
		typ     string
		wantErr string // substring of the EINVALID message; "" for success
	}{
		{
			name:   "networkx write_edgelist with data",
			in:     "0 1 {}\n0 2 {}\n1 2 {}\n",
			actors: []string{"n0", "n1", "n2"},
			pairs:  [][2]string{{"n0", "n1"}, {"n0", "n2"}, {"n1", "n2"}},
			typ:    "ASSOCIATE_OF",
		},
		{
			name:   "plain pairs, comments, blank lines, duplicates, CRLF",
			in:     "# a comment\n\n5 7\r\n7\t5\n  5 9 1.5\n",
			actors: []string{"n5", "n7", "n9"},
			pairs:  [][2]string{{"n5", "n7"}, {"n7", "n5"}, {"n5", "n9"}},
			typ:    "ASSOCIATE_OF",
		},
		{
			name:   "organizations allied, own prefix",
			in:     "a b\nb c-d\n",
			o:      EdgeListOptions{Type: "ALLIED_WITH", Kind: graph.Organization, Prefix: "org-"},
			actors: []string{"org-a", "org-b", "org-c-d"},
			pairs:  [][2]string{{"org-a", "org-b"}, {"org-b", "org-c-d"}},
			typ:    "ALLIED_WITH",
		},
		{name: "empty input", in: "", actors: nil, pairs: nil},
		{name: "one field", in: "0 1\n2\n", wantErr: "line 2: want two node labels"},
		{name: "self loop", in: "0 1\n3 3\n", wantErr: "line 2: edge joins node \"3\" to itself"},
		{name: "upper case label", in: "Alice bob\n", wantErr: "line 1: node \"Alice\""},
		{name: "punctuation in label", in: "a b\nc d,e\n", wantErr: "line 2: node \"d,e\""},
		{name: "unknown type", in: "0 1\n", o: EdgeListOptions{Type: "KNOWS"}, wantErr: "unknown relation type"},
		{name: "type forbids kind", in: "0 1\n", o: EdgeListOptions{Type: "MEMBER_OF"}, wantErr: "MEMBER_OF does not join a person to a person"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			res, err := EdgeListBundle(&buf, strings.NewReader(tt.in), tt.o)
			if tt.wantErr != "" {
				if graph.ErrorCode(err) != graph.EINVALID || !strings.Contains(graph.ErrorMessage(err), tt.wantErr) {
					t.Fatalf("err = %v, want %s containing %q", err, graph.EINVALID, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			b := decode(t, buf.Bytes())
			if res.Actors != len(tt.actors) || res.Relations != len(tt.pairs) {
				t.Errorf("result %+v, want %d actors and %d relations", res, len(tt.actors), len(tt.pairs))
			}
			if len(b.Actors) != len(tt.actors) || len(b.Relations) != len(tt.pairs) {
				t.Fatalf("bundle has %d actors and %d relations, want %d and %d", len(b.Actors), len(b.Relations), len(tt.actors), len(tt.pairs))
			}
			for i, a := range b.Actors {
				if a.ID != tt.actors[i] {
					t.Errorf("actor %d = %q, want %q", i, a.ID, tt.actors[i])
				}
			}
			for i, r := range b.Relations {
				if r.From != tt.pairs[i][0] || r.To != tt.pairs[i][1] || r.Type != tt.typ {
					t.Errorf("relation %d = %s %s->%s, want %s %s->%s", i, r.Type, r.From, r.To, tt.typ, tt.pairs[i][0], tt.pairs[i][1])
				}
				if r.Contested || !r.ValidFrom.IsZero() || len(r.Evidence) != 1 || r.Evidence[0].Stance != graph.Supports {
					t.Errorf("relation %d: want one supporting piece of evidence, undated and uncontested: %+v", i, r)
				}
			}
		})
	}
}

// FuzzEdgeListBundle checks that any input either is rejected with
// EINVALID or becomes a bundle that decodes and validates, with as many
// relations as the input has edge lines.
func FuzzEdgeListBundle(f *testing.F) {
	for _, s := range []string{"0 1 {}\n1 2 {}\n", "# c\n\na b\n", "1 1\n", "x\n", "a-b c--d\n", "é f\n", "1 2\x00\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		var buf bytes.Buffer
		res, err := EdgeListBundle(&buf, strings.NewReader(in), EdgeListOptions{})
		if err != nil {
			if graph.ErrorCode(err) != graph.EINVALID {
				t.Fatalf("err = %v, want %s", err, graph.EINVALID)
			}
			return
		}
		b, ps := graph.DecodeBundle(bytes.NewReader(buf.Bytes()), "fuzz")
		if len(ps) > 0 {
			t.Fatalf("decode: %v\n%s", ps, buf.Bytes())
		}
		if err := b.Validate(nil); err != nil {
			t.Fatalf("validate: %v", err)
		}
		if len(b.Actors) != res.Actors || len(b.Relations) != res.Relations {
			t.Fatalf("bundle has %d/%d actors/relations, result says %+v", len(b.Actors), len(b.Relations), res)
		}
	})
}
