package graph

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
)

// DecodeBundle reads one JSON bundle: an object with "format" (required:
// BundleFormat) and the lists "sources", "actors" and "relations" (each
// optional, as in a directory of seed files). It walks the document and
// decodes each entry on its own, so one bad entry does not hide the others:
// every entry that fails to decode (a field of the wrong type, an unknown
// field, a bad date) is reported as a Problem naming file, entry and field,
// in words rather than Go types, and left out of the result.
//
// The problems are also kept in the bundle: Validate reports them first,
// with the problems of the entries that did decode, so an import answers
// with every problem at once and never imports a bundle with an entry left
// out. Entries that refer to an actor or source that failed to decode get
// no problem of their own.
//
// A document that cannot be read to its end (not JSON, not an object,
// cut short) gives the problems found until then and a bundle that reports
// Incomplete; validating its entries would report what is only missing
// because reading stopped.
func DecodeBundle(r io.Reader, file string) (*Bundle, []Problem) {
	d := &bundleDecoder{dec: json.NewDecoder(r), ps: &problems{file: file}, file: file, b: &Bundle{}}
	d.dec.UseNumber() // a top-level number too large for a float64 is still a number
	if err := d.document(); err != nil {
		d.ps.add("bundle", "", "%s", err)
		d.b.incomplete = true
	}
	d.b.decodeProblems = d.ps.list
	if d.b.Format == "" {
		d.b.Format = BundleFormat
	}
	return d.b, d.ps.list
}

// Incomplete reports whether DecodeBundle stopped before the end of the
// document, because it is not JSON or not a bundle object: its problems
// say why, and its entries are at most a part of what was sent.
func (b *Bundle) Incomplete() bool { return b.incomplete }

func (b *Bundle) markBroken(id string) {
	if b.broken == nil {
		b.broken = map[string]bool{}
	}
	b.broken[id] = true
}

type bundleDecoder struct {
	dec  *json.Decoder
	ps   *problems
	file string
	b    *Bundle
}

// bundleShape describes a bundle, for messages.
var bundleShape = fmt.Sprintf(`{"format": %q, "sources": [...], "actors": [...], "relations": [...]}`, BundleFormat)

// document reads the top-level object. Problems of its parts go to d.ps;
// the error returned says why reading had to stop.
func (d *bundleDecoder) document() error {
	tok, err := d.dec.Token()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return fmt.Errorf("the document is empty; a bundle is %s", bundleShape)
		}
		return readError(err)
	}
	if tok != json.Delim('{') {
		return fmt.Errorf("a bundle must be a JSON object %s, not %s", bundleShape, tokenKind(tok))
	}
	format := false
	for d.dec.More() {
		tok, err := d.dec.Token()
		if err != nil {
			return readError(err)
		}
		key, _ := tok.(string)
		switch key {
		case "format":
			format = true
			var raw json.RawMessage
			if err := d.dec.Decode(&raw); err != nil {
				return readError(err)
			}
			if err := json.Unmarshal(raw, &d.b.Format); err != nil || d.b.Format != BundleFormat {
				d.ps.add("bundle", "format", "must be %q, not %s", BundleFormat, truncate(string(raw), 40))
				d.b.Format = ""
			}
		case "sources", "actors", "relations":
			if err := d.list(key); err != nil {
				return err
			}
		default:
			var skip json.RawMessage
			if err := d.dec.Decode(&skip); err != nil {
				return readError(err)
			}
			d.ps.add("bundle", "", "unknown field %q (check the spelling); a bundle is %s", truncate(key, 40), bundleShape)
		}
	}
	if _, err := d.dec.Token(); err != nil { // the closing brace
		return readError(err)
	}
	if _, err := d.dec.Token(); !errors.Is(err, io.EOF) {
		return fmt.Errorf("unexpected data after the bundle's closing brace")
	}
	if !format {
		d.ps.add("bundle", "format", "is required: %q", BundleFormat)
	}
	return nil
}

// list reads the list under key, entry by entry.
func (d *bundleDecoder) list(key string) error {
	tok, err := d.dec.Token()
	if err != nil {
		return readError(err)
	}
	if tok != json.Delim('[') {
		d.ps.add("bundle", key, "must be a list of %s, not %s", key, tokenKind(tok))
		return d.skip(tok)
	}
	for i := 0; d.dec.More(); i++ {
		var m json.RawMessage
		if err := d.dec.Decode(&m); err != nil {
			return readError(err)
		}
		d.entry(key, i, m)
	}
	_, err = d.dec.Token() // ]
	return readError(err)
}

// skip reads the rest of a value whose first token was tok.
func (d *bundleDecoder) skip(tok json.Token) error {
	depth := 0
	if tok == json.Delim('{') || tok == json.Delim('[') {
		depth = 1
	}
	for depth > 0 {
		t, err := d.dec.Token()
		if err != nil {
			return readError(err)
		}
		switch t {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
	}
	return nil
}

// entry decodes entry i of list key into the bundle, or reports why it
// cannot be decoded.
func (d *bundleDecoder) entry(key string, i int, m json.RawMessage) {
	b := d.b
	var err error
	switch key {
	case "sources":
		var s Source
		if err = decodeStrict(m, &s); err == nil {
			b.Sources = append(b.Sources, s)
			b.sourceFiles = append(b.sourceFiles, d.file)
			b.sourceIndex = append(b.sourceIndex, i)
			return
		}
	case "actors":
		var a Actor
		if err = decodeStrict(m, &a); err == nil {
			b.Actors = append(b.Actors, a)
			b.actorFiles = append(b.actorFiles, d.file)
			b.actorIndex = append(b.actorIndex, i)
			return
		}
	case "relations":
		var r Relation
		if err = decodeStrict(m, &r); err == nil {
			b.Relations = append(b.Relations, r)
			b.relationFiles = append(b.relationFiles, d.file)
			b.relationIndex = append(b.relationIndex, i)
			return
		}
	}
	id, hasID := idHint(m)
	entry := fmt.Sprintf("%s[%d]", key, i)
	if hasID {
		entry += fmt.Sprintf(" %q", truncate(id, 80))
		if key != "relations" {
			b.markBroken(id)
		}
	}
	field, msg := DescribeJSONError(err)
	d.ps.add(entry, field, "%s", msg)
}

func decodeStrict(m json.RawMessage, v any) error {
	dec := json.NewDecoder(bytes.NewReader(m))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

// idHint extracts the "id" of an undecodable entry, for the problem report
// and so that entries referring to it are not reported too.
func idHint(m json.RawMessage) (string, bool) {
	var x struct {
		ID string `json:"id"`
	}
	if json.Unmarshal(m, &x) == nil && x.ID != "" {
		return x.ID, true
	}
	return "", false
}

// readError describes an error that stops reading the document; nil for
// nil.
func readError(err error) error {
	if err == nil {
		return nil
	}
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		return fmt.Errorf("not valid JSON at byte %d: %s", se.Offset, strings.TrimPrefix(se.Error(), "json: "))
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return fmt.Errorf("the document ends in the middle of the JSON")
	}
	if _, msg := DescribeJSONError(err); msg != "" {
		return fmt.Errorf("the document cannot be read: %s", msg)
	}
	return fmt.Errorf("the document cannot be read")
}

// tokenKind names the JSON value that tok starts, for messages.
func tokenKind(tok json.Token) string {
	switch v := tok.(type) {
	case nil:
		return "null"
	case bool:
		return "true or false"
	case float64, json.Number:
		return "a number"
	case string:
		return "a string"
	case json.Delim:
		switch v {
		case '[':
			return "a list"
		case '{':
			return "an object"
		}
	}
	return "something else"
}

// DescribeJSONError turns an error of decoding JSON into a Go value into
// words for the person who wrote the JSON: the field it concerns (a path
// such as "evidence.credibility"; "" for the value as a whole) and what is
// wrong, naming JSON types rather than Go ones, e.g. ("aliases", "must be a
// list, not a string"). Domain errors (a bad date) keep their message.
func DescribeJSONError(err error) (field, msg string) {
	var (
		ute *json.UnmarshalTypeError
		se  *json.SyntaxError
		e   *Error
	)
	switch {
	case err == nil:
		return "", ""
	case errors.As(err, &e):
		return "", e.Message
	case errors.As(err, &ute):
		return ute.Field, fmt.Sprintf("must be %s, not %s", jsonTypeOf(ute.Type), jsonValueOf(ute.Value))
	case errors.As(err, &se):
		return "", fmt.Sprintf("not valid JSON at byte %d", se.Offset)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "", "the JSON ends too early"
	}
	text := strings.TrimPrefix(err.Error(), "json: ")
	if name, ok := strings.CutPrefix(text, "unknown field "); ok {
		return "", fmt.Sprintf("unknown field %s (check the spelling)", truncate(name, 60))
	}
	return "", text
}

// jsonTypeOf names the JSON a Go type is decoded from.
func jsonTypeOf(t reflect.Type) string {
	if t == nil {
		return "another type"
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t {
	case reflect.TypeFor[Date]():
		return `a date such as "2015-01-07"`
	case reflect.TypeFor[Kind]():
		return "a kind (person, organization, event or place)"
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		if e := t.Elem(); e.Kind() == reflect.String {
			return "a list of strings"
		}
		return "a list"
	case reflect.Struct, reflect.Map:
		return "an object"
	}
	return "another type"
}

// jsonValueOf rewords the Value of a json.UnmarshalTypeError ("string",
// "number 1.5", "array", "object", "bool").
func jsonValueOf(v string) string {
	switch {
	case v == "array":
		return "a list"
	case v == "object":
		return "an object"
	case v == "string":
		return "a string"
	case v == "bool":
		return "true or false"
	case v == "number":
		return "a number"
	case strings.HasPrefix(v, "number "):
		return strings.TrimPrefix(v, "number ")
	}
	return v
}
