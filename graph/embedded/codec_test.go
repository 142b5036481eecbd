package embedded

import (
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

func TestTypeCode(t *testing.T) {
	for i, name := range typeNames {
		if got := typeCode([]byte(name)); got != uint8(i) {
			t.Errorf("typeCode(%q) = %d, want %d", name, got, i)
		}
		if got := typeNameOf([]byte(name)); got != name {
			t.Errorf("typeNameOf(%q) = %q", name, got)
		}
	}
	for _, name := range []string{"", "M", "MET_", "met", "MEMBER_OF ", "UNKNOWN_TYPE", "XET"} {
		if _, known := graph.LookupType(name); known {
			continue
		}
		if got := typeCode([]byte(name)); got != typeUnknown {
			t.Errorf("typeCode(%q) = %d, want unknown", name, got)
		}
		if got := typeNameOf([]byte(name)); got != name {
			t.Errorf("typeNameOf(%q) = %q", name, got)
		}
	}
}

func TestDecoderVarints(t *testing.T) {
	for _, v := range []uint64{0, 1, 127, 128, 300, 1 << 20, 1<<63 + 5} {
		e := encoder{}
		e.uv(v)
		e.str("x")
		d := decoder{b: e.b}
		if got := d.uv(); got != v || d.bad || d.str() != "x" {
			t.Errorf("uv round trip of %d: got %d (bad %v)", v, got, d.bad)
		}
	}
	d := decoder{b: []byte{0x80}}
	if d.uv(); !d.bad {
		t.Error("a truncated uvarint decoded")
	}
}
