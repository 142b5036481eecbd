package embedded

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// Record encoding.
//
// Actors and relations are stored in a compact binary form rather than JSON:
// it is several times faster to encode and decode (which matters for bulk
// import, for rebuilding the index at open and for streaming exports), and
// the fields that the in-memory index needs come first, so that rebuilding
// and filtered scans never decode evidence they do not need.
//
// Every record starts with a version byte. Strings are a uvarint length and
// the bytes; dates are three uvarints (year, month, day, zero when unknown);
// numbers are uvarints.
//
//	relation: 1 | type | flags | confidence×1000 | valid_from | valid_to | from | to | role | n | evidence×n
//	actor:    1 | kind | name | n | alias×n | description | start | end | n | evidence×n
//	evidence: source | piece | quote | claimant | stance | reliability | credibility
//
// flags bit 0 is Contested; bit 1 says that bits 2-3 hold the Status
// (statusCodes; records written before statuses existed lack it, and their
// status is derived from the stances of their evidence). stance is 0 (empty), 1 (supports), 2 (refutes) or
// 3 followed by the string. Sources, few and small, are stored as JSON.
const recordVersion = 1

var errCorrupt = errors.New("embedded: corrupt record")

// Relation record flags.
const (
	flagContested   = 1
	flagStatus      = 2 // bits 2-3 hold the status
	flagStatusShift = 2
)

// statusCodes are the status values of the flag bits 2-3.
var statusCodes = [...]graph.Status{graph.Supported, graph.Contested, graph.Refuted}

func statusCode(st graph.Status) byte {
	for i, s := range statusCodes {
		if s == st {
			return byte(i)
		}
	}
	return 0
}

type encoder struct{ b []byte }

func (e *encoder) uv(v uint64) { e.b = binary.AppendUvarint(e.b, v) }

func (e *encoder) str(s string) {
	e.b = binary.AppendUvarint(e.b, uint64(len(s)))
	e.b = append(e.b, s...)
}

func (e *encoder) date(d graph.Date) {
	e.uv(uint64(d.Year))
	e.uv(uint64(d.Month))
	e.uv(uint64(d.Day))
}

func (e *encoder) evidence(ev *graph.Evidence) {
	e.str(ev.Source)
	e.str(ev.Piece)
	e.str(ev.Quote)
	e.str(ev.Claimant)
	switch ev.Stance {
	case "":
		e.b = append(e.b, 0)
	case graph.Supports:
		e.b = append(e.b, 1)
	case graph.Refutes:
		e.b = append(e.b, 2)
	default:
		e.b = append(e.b, 3)
		e.str(string(ev.Stance))
	}
	e.str(ev.Reliability)
	e.uv(uint64(ev.Credibility))
}

// confMilli is a derived confidence in thousandths. Derive rounds to three
// places, so the conversion is exact: float64(confMilli(c))/1000 == c.
func confMilli(c float64) uint16 {
	if c <= 0 {
		return 0
	}
	if c >= 1 {
		return 1000
	}
	return uint16(c*1000 + 0.5)
}

func appendRelation(b []byte, r *graph.Relation) []byte {
	e := encoder{b: b}
	e.b = append(e.b, recordVersion)
	e.str(r.Type)
	flags := byte(flagStatus) | statusCode(graph.StatusOf(r.Evidence))<<flagStatusShift
	if r.Contested {
		flags |= flagContested
	}
	e.b = append(e.b, flags)
	e.uv(uint64(confMilli(r.Confidence)))
	e.date(r.ValidFrom)
	e.date(r.ValidTo)
	e.str(r.From)
	e.str(r.To)
	e.str(r.Role)
	e.uv(uint64(len(r.Evidence)))
	for i := range r.Evidence {
		e.evidence(&r.Evidence[i])
	}
	return e.b
}

func appendActor(b []byte, a *graph.Actor) []byte {
	e := encoder{b: b}
	e.b = append(e.b, recordVersion)
	e.str(string(a.Kind))
	e.str(a.Name)
	e.uv(uint64(len(a.Aliases)))
	for _, al := range a.Aliases {
		e.str(al)
	}
	e.str(a.Description)
	e.date(a.Start)
	e.date(a.End)
	e.uv(uint64(len(a.Evidence)))
	for i := range a.Evidence {
		e.evidence(&a.Evidence[i])
	}
	return e.b
}

// decoder reads a record, held as bytes (aliasing the file: strings are
// copied out) or as a string (copied out of the file once: strings are
// substrings of it, so decoding a record allocates once rather than once
// per field). On malformed input it sets bad and returns zero values from
// then on; callers check bad once at the end.
type decoder[T text] struct {
	b   T
	bad bool
}

// recordDecoder copies v out of the file into one string to decode.
func recordDecoder(v []byte) decoder[string] { return decoder[string]{b: string(v)} }

func (d *decoder[T]) fail() {
	d.bad = true
	var zero T
	d.b = zero
}

func (d *decoder[T]) byte1() byte {
	if len(d.b) == 0 {
		d.fail()
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *decoder[T]) uv() uint64 {
	v, p := uvAt(d.b, 0)
	if p < 0 {
		d.fail()
		return 0
	}
	d.b = d.b[p:]
	return v
}

// count reads a length and checks that at least min bytes per element
// remain, so that a corrupt count cannot make us allocate gigabytes.
func (d *decoder[T]) count(min int) int {
	n := d.uv()
	if n > uint64(len(d.b)/min) {
		d.fail()
		return 0
	}
	return int(n)
}

func (d *decoder[T]) raw() T {
	n := d.uv()
	if n > uint64(len(d.b)) {
		d.fail()
		var zero T
		return zero
	}
	s := d.b[:n]
	d.b = d.b[n:]
	return s
}

func (d *decoder[T]) str() string { return string(d.raw()) }

func (d *decoder[T]) date() graph.Date {
	y, m, day := d.uv(), d.uv(), d.uv()
	if y > 9999 || m > 12 || day > 31 {
		d.fail()
		return graph.Date{}
	}
	return graph.Date{Year: int(y), Month: int(m), Day: int(day)}
}

// typeName returns the interned vocabulary spelling of a type name, so that
// decoding does not allocate one string per relation.
func (d *decoder[T]) typeName() string {
	return typeNameOf(d.raw())
}

func (d *decoder[T]) stance() graph.Stance {
	switch d.byte1() {
	case 0:
		return ""
	case 1:
		return graph.Supports
	case 2:
		return graph.Refutes
	case 3:
		return graph.Stance(d.str())
	}
	d.fail()
	return ""
}

func (d *decoder[T]) evidence(ev *graph.Evidence) {
	ev.Source = d.str()
	ev.Piece = d.str()
	ev.Quote = d.str()
	ev.Claimant = d.str()
	ev.Stance = d.stance()
	ev.Reliability = d.str()
	ev.Credibility = int(d.uv())
}

func (d *decoder[T]) evidenceList() []graph.Evidence {
	n := d.count(7)
	if n == 0 {
		return nil
	}
	out := make([]graph.Evidence, n)
	for i := range out {
		d.evidence(&out[i])
	}
	return out
}

func decodeRelation(id string, v []byte) (graph.Relation, error) {
	return decodeRelationString(id, string(v))
}

// decodeRelationKey decodes the relation stored under key k with value v,
// copying both out of the file in one allocation.
func decodeRelationKey(k, v []byte) (graph.Relation, error) {
	var b strings.Builder
	b.Grow(len(k) + len(v))
	b.Write(k)
	b.Write(v)
	s := b.String()
	return decodeRelationString(s[:len(k)], s[len(k):])
}

// decodeRelationString decodes a relation record copied out of the file:
// its strings are substrings of v.
func decodeRelationString(id, v string) (graph.Relation, error) {
	d := decoder[string]{b: v}
	if d.byte1() != recordVersion {
		return graph.Relation{}, errCorrupt
	}
	r := graph.Relation{ID: id}
	r.Type = d.typeName()
	flags := d.byte1()
	r.Contested = flags&1 != 0
	r.Confidence = float64(d.uv()) / 1000
	r.ValidFrom = d.date()
	r.ValidTo = d.date()
	r.From = d.str()
	r.To = d.str()
	r.Role = d.str()
	r.Evidence = d.evidenceList()
	if r.Evidence == nil {
		r.Evidence = []graph.Evidence{}
	}
	if d.bad {
		return graph.Relation{}, errCorrupt
	}
	r.Status = graph.StatusOf(r.Evidence)
	return r, nil
}

// text is a record held as bytes (read in a transaction, aliasing the
// file) or as a string (copied out of it).
type text interface{ ~[]byte | ~string }

// relHeaderOf is what the index keeps of a relation, its strings aliasing
// the record.
type relHeaderOf[T text] struct {
	typ        T
	contested  bool
	status     graph.Status // "" in a record written before statuses: see statusOfRecord
	conf       uint16
	validFrom  graph.Date
	validTo    graph.Date
	from, to   T
	role       T
	nEvidence  int
	restOffset int // where the evidence list starts
}

type relHeader = relHeaderOf[[]byte]

// uvAt reads the uvarint at b[p:] and returns it with the position after
// it, or p = -1 when b is malformed there or p is -1 already (so that a
// chain of reads needs one check at its end; rawAt and dateAt likewise).
func uvAt[T text](b T, p int) (uint64, int) {
	if uint(p) < uint(len(b)) && b[p] < 0x80 {
		return uint64(b[p]), p + 1
	}
	return uvAtLong(b, p)
}

func uvAtLong[T text](b T, p int) (uint64, int) {
	if p < 0 {
		return 0, -1
	}
	var x uint64
	var shift uint
	for i := 0; i < binary.MaxVarintLen64 && p+i < len(b); i++ {
		c := b[p+i]
		if c < 0x80 {
			if i == binary.MaxVarintLen64-1 && c > 1 {
				return 0, -1 // overflows 64 bits
			}
			return x | uint64(c)<<shift, p + i + 1
		}
		x |= uint64(c&0x7f) << shift
		shift += 7
	}
	return 0, -1
}

// rawAt reads the length-prefixed bytes at b[p:], like uvAt.
func rawAt[T text](b T, p int) (T, int) {
	n, p := uvAt(b, p)
	if p < 0 || n > uint64(len(b)-p) {
		var zero T
		return zero, -1
	}
	q := p + int(n)
	return b[p:q], q
}

// dateAt reads a date at b[p:], like uvAt.
func dateAt[T text](b T, p int) (graph.Date, int) {
	y, p := uvAt(b, p)
	m, p := uvAt(b, p)
	d, p := uvAt(b, p)
	if p < 0 || y > 9999 || m > 12 || d > 31 {
		return graph.Date{}, -1
	}
	return graph.Date{Year: int(y), Month: int(m), Day: int(d)}, p
}

// decodeRelHeader decodes the fields before the evidence without
// allocating. It is on the path of every scan (opening the store, edge
// exports), hence positions instead of a decoder.
func decodeRelHeader[T text](v T, h *relHeaderOf[T]) error {
	if len(v) < 2 || v[0] != recordVersion {
		return errCorrupt
	}
	// A malformed field sets p to -1, and every reader after it passes the
	// -1 on: the check at the end covers them all.
	var p int
	h.typ, p = rawAt(v, 1)
	if p < 0 || p >= len(v) {
		return errCorrupt
	}
	flags := v[p]
	h.contested = flags&flagContested != 0
	h.status = ""
	if flags&flagStatus != 0 {
		if code := int(flags>>flagStatusShift) & 3; code < len(statusCodes) {
			h.status = statusCodes[code]
		}
	}
	c, p := uvAt(v, p+1)
	h.validFrom, p = dateAt(v, p)
	h.validTo, p = dateAt(v, p)
	h.from, p = rawAt(v, p)
	h.to, p = rawAt(v, p)
	h.role, p = rawAt(v, p)
	n, p := uvAt(v, p)
	if p < 0 || c > 1000 || n > uint64((len(v)-p)/7) {
		return errCorrupt
	}
	h.conf = uint16(c)
	h.nEvidence = int(n)
	h.restOffset = p
	return nil
}

// confOfRecord returns the confidence of a relation record, in
// thousandths, reading only the type and flags before it: the filter of
// scans that test the confidence alone (the default one, which leaves out
// relations of confidence 0) needs no more.
func confOfRecord(v []byte) (uint16, error) {
	if len(v) < 2 || v[0] != recordVersion {
		return 0, errCorrupt
	}
	_, p := rawAt(v, 1) // type
	if p < 0 || p >= len(v) {
		return 0, errCorrupt
	}
	c, p := uvAt(v, p+1) // after the flags
	if p < 0 || c > 1000 {
		return 0, errCorrupt
	}
	return uint16(c), nil
}

// statusOfRecord returns the status of the relation record v, whose header
// h is decoded: from the flags, or, for a record written before statuses
// were recorded, from the stances of its evidence.
func statusOfRecord[T text](v T, h *relHeaderOf[T]) (graph.Status, error) {
	if h.status != "" {
		return h.status, nil
	}
	d := decoder[T]{b: v[h.restOffset:]}
	es := make([]graph.Evidence, h.nEvidence)
	for i := range es {
		d.evidence(&es[i])
	}
	if d.bad {
		return "", errCorrupt
	}
	return graph.StatusOf(es), nil
}

// firstEvidence returns the source and quote of the first piece of
// evidence, given a header decoded from the same record.
func firstEvidence[T text](v T, h *relHeaderOf[T]) (source, quote T, err error) {
	if h.nEvidence == 0 {
		return source, quote, nil
	}
	source, p := rawAt(v, h.restOffset)
	_, p = rawAt(v, p) // piece
	quote, p = rawAt(v, p)
	if p < 0 {
		return source, quote, errCorrupt
	}
	return source, quote, nil
}

func decodeActor(id string, v []byte) (graph.Actor, error) {
	d := recordDecoder(v)
	if d.byte1() != recordVersion {
		return graph.Actor{}, errCorrupt
	}
	a := graph.Actor{ID: id}
	a.Kind = internKind(d.raw())
	a.Name = d.str()
	if n := d.count(1); n > 0 {
		a.Aliases = make([]string, n)
		for i := range a.Aliases {
			a.Aliases[i] = d.str()
		}
	}
	a.Description = d.str()
	a.Start = d.date()
	a.End = d.date()
	a.Evidence = d.evidenceList()
	if d.bad {
		return graph.Actor{}, errCorrupt
	}
	return a, nil
}

// actorHeader is what the index keeps of an actor: its kind, name and
// aliases (aliasing the record).
type actorHeader struct {
	kind    []byte
	name    []byte
	aliases [][]byte
}

func decodeActorHeader(v []byte, h *actorHeader) error {
	d := decoder[[]byte]{b: v}
	if d.byte1() != recordVersion {
		return errCorrupt
	}
	h.kind = d.raw()
	h.name = d.raw()
	n := d.count(1)
	h.aliases = h.aliases[:0]
	for range n {
		h.aliases = append(h.aliases, d.raw())
	}
	if d.bad {
		return errCorrupt
	}
	return nil
}

func internKind[T text](b T) graph.Kind {
	for _, k := range graph.Kinds {
		if string(k) == string(b) {
			return k
		}
	}
	return graph.Kind(b)
}

// encodeSource encodes a source without its text, which the texts bucket
// holds.
func encodeSource(s *graph.Source) ([]byte, error) {
	c := *s
	c.Text = ""
	return json.Marshal(&c)
}

func decodeSource(v []byte) (graph.Source, error) {
	var s graph.Source
	if err := json.Unmarshal(v, &s); err != nil {
		return graph.Source{}, errCorrupt
	}
	return s, nil
}
