package embedded

import (
	"slices"
	"strings"
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
		d := decoder[[]byte]{b: e.b}
		if got := d.uv(); got != v || d.bad || d.str() != "x" {
			t.Errorf("uv round trip of %d: got %d (bad %v)", v, got, d.bad)
		}
		ds := recordDecoder(e.b)
		if got := ds.uv(); got != v || ds.bad || ds.str() != "x" {
			t.Errorf("uv round trip of %d from a string: got %d (bad %v)", v, got, ds.bad)
		}
	}
	d := decoder[[]byte]{b: []byte{0x80}}
	if d.uv(); !d.bad {
		t.Error("a truncated uvarint decoded")
	}
}

// TestIDOrderedPrefix checks that comparing node and relation numbers
// agrees with comparing their ids, whatever order they were added in and
// whatever was deleted meanwhile.
func TestIDOrderedPrefix(t *testing.T) {
	ix := newIndex(0, 0)
	for _, id := range []string{"a", "b", "d", "e"} {
		ix.putNode(id, graph.Person, id, nil)
	}
	ix.deleteNode(ix.byID["e"])
	for _, id := range []string{"c", "f", "e", "g"} { // c breaks the order: no prefix past it
		ix.putNode(id, graph.Person, id, nil)
	}
	if ix.nodeSorted != 4 {
		t.Errorf("nodeSorted = %d, want 4", ix.nodeSorted)
	}
	for a := range ix.nodes {
		for b := range ix.nodes {
			if ix.nodes[a].kind == 0 || ix.nodes[b].kind == 0 {
				continue
			}
			if got, want := ix.compareNodes(int32(a), int32(b)), strings.Compare(ix.nodes[a].id, ix.nodes[b].id); got != want {
				t.Errorf("compareNodes(%s, %s) = %d, want %d", ix.nodes[a].id, ix.nodes[b].id, got, want)
			}
		}
	}
	ids := []string{"a--met--b", "a--met--c", "b--met--c", "a--met--d", "c--met--d", "b--met--d"}
	for _, id := range ids {
		if _, err := ix.appendRel([]byte(id), relAttr{}); err != nil {
			t.Fatal(err)
		}
	}
	if ix.relSorted != 3 {
		t.Errorf("relSorted = %d, want 3", ix.relSorted)
	}
	for a := range ids {
		for b := range ids {
			if got, want := ix.compareRels(int32(a), int32(b)), strings.Compare(ids[a], ids[b]); got != want {
				t.Errorf("compareRels(%s, %s) = %d, want %d", ids[a], ids[b], got, want)
			}
		}
	}
}

func TestOrder(t *testing.T) {
	keys := []string{"b", "a", "", "ab", "ab\x00", "ab\x00c", "abcdefgh", "abcdefgh2", "abcdefgh1", "abcdefgi", "\xff", "a--met--b", "a--met--b--2", "a--met--b-", "zz"}
	for range 3 {
		keys = append(keys, keys...)
	}
	o := order(len(keys), func(i int) string { return keys[i] })
	for j := 1; j < len(o); j++ {
		if keys[o[j-1]] > keys[o[j]] {
			t.Fatalf("order: %q before %q", keys[o[j-1]], keys[o[j]])
		}
	}
	seen := make([]bool, len(keys))
	for _, i := range o {
		seen[i] = true
	}
	if slices.Contains(seen, false) {
		t.Fatal("order is not a permutation")
	}
}

// headerByDecoder decodes a relation header with the decoder, field by
// field: the reference for FuzzRelHeader.
func headerByDecoder(v []byte) (h relHeader, ok bool) {
	d := decoder[[]byte]{b: v}
	if d.byte1() != recordVersion {
		return h, false
	}
	h.typ = d.raw()
	h.contested = d.byte1()&1 != 0
	c := d.uv()
	h.validFrom, h.validTo = d.date(), d.date()
	h.from, h.to, h.role = d.raw(), d.raw(), d.raw()
	h.nEvidence = d.count(7)
	if d.bad || c > 1000 {
		return relHeader{}, false
	}
	h.conf = uint16(c)
	h.restOffset = len(v) - len(d.b)
	return h, true
}

// FuzzRelHeader checks decodeRelHeader, which reads by positions with one
// error check at the end, against the decoder on any bytes: the same
// header, or corrupt for both. The seeds are real records and their
// truncations.
func FuzzRelHeader(f *testing.F) {
	r := graph.Relation{ID: "a--met--b", Type: "MET", From: "a", To: "b", Role: "host", Confidence: 0.48,
		ValidFrom: graph.Date{Year: 2011, Month: 3}, ValidTo: graph.Date{Year: 2015},
		Evidence: []graph.Evidence{{Source: "s", Piece: "p", Quote: "they met", Claimant: "c", Reliability: "B", Credibility: 3}}}
	rec := appendRelation(nil, &r)
	for n := 0; n <= len(rec); n++ {
		f.Add(rec[:n])
	}
	f.Fuzz(func(t *testing.T, v []byte) {
		var got relHeader
		err := decodeRelHeader(v, &got)
		want, ok := headerByDecoder(v)
		if (err == nil) != ok {
			t.Fatalf("decodeRelHeader(%x): err %v; the decoder says ok %v", v, err, ok)
		}
		if ok && (string(got.typ) != string(want.typ) || got.contested != want.contested || got.conf != want.conf ||
			got.validFrom != want.validFrom || got.validTo != want.validTo || string(got.from) != string(want.from) ||
			string(got.to) != string(want.to) || string(got.role) != string(want.role) ||
			got.nEvidence != want.nEvidence || got.restOffset != want.restOffset) {
			t.Fatalf("decodeRelHeader(%x) = %+v, the decoder gives %+v", v, got, want)
		}
		if c, err := confOfRecord(v); ok && (err != nil || c != got.conf) {
			t.Fatalf("confOfRecord(%x) = %d, %v; the header has %d", v, c, err, got.conf)
		}
		if ok && got.status == "" { // a record without the status bits: derived from its evidence
			st, err := statusOfRecord(v, &got)
			full, derr := decodeRelation("x", v)
			if derr == nil && (err != nil || st != full.Status) {
				t.Fatalf("statusOfRecord(%x) = %q, %v; the record's evidence says %q", v, st, err, full.Status)
			}
		}
		if ok && got.nEvidence > 0 {
			src, quote, err := firstEvidence(v, &got)
			d := decoder[[]byte]{b: v[got.restOffset:]}
			wsrc, _, wquote := d.raw(), d.raw(), d.raw()
			if (err == nil) == d.bad || err == nil && (string(src) != string(wsrc) || string(quote) != string(wquote)) {
				t.Fatalf("firstEvidence(%x) = %q, %q, %v; the decoder gives %q, %q (bad %v)", v, src, quote, err, wsrc, wquote, d.bad)
			}
		}
	})
}

// TestRecordStatus checks that a written record carries its status in
// its flags, and that a record written before statuses were recorded (no
// status bits) gets it from its evidence.
func TestRecordStatus(t *testing.T) {
	for _, st := range []graph.Stance{graph.Supports, graph.Refutes} {
		r := graph.Relation{ID: "a--met--b", Type: "MET", From: "a", To: "b",
			Evidence: []graph.Evidence{{Source: "s", Quote: "q", Stance: graph.Supports}, {Source: "s", Quote: "r", Stance: st}}}
		r.Derive()
		rec := appendRelation(nil, &r)
		var h relHeader
		if err := decodeRelHeader(rec, &h); err != nil {
			t.Fatal(err)
		}
		if h.status != r.Status {
			t.Errorf("header status %q, want %q", h.status, r.Status)
		}
		legacy := slices.Clone(rec)
		legacy[2+len(r.Type)] &^= 0xfe // keep only the contested bit, as version-1 records written before statuses did
		if err := decodeRelHeader(legacy, &h); err != nil {
			t.Fatal(err)
		}
		if got, err := statusOfRecord(legacy, &h); h.status != "" || err != nil || got != r.Status {
			t.Errorf("legacy record: header status %q, derived %q, %v; want %q from the evidence", h.status, got, err, r.Status)
		}
	}
}
