package encoding

import (
	"bufio"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph"
)

// bufSize is the output buffer of every writer: output reaches the
// underlying writer in chunks of this size.
const bufSize = 32 << 10

// stream is the state every writer shares: the buffered output and where
// in the node-then-edge sequence it is.
type stream struct {
	bw     *bufio.Writer
	nodes  int // nodes written
	edges  int // edges written
	closed bool
	err    error // first write error; sticks
}

func newStream(w io.Writer) stream { return stream{bw: bufio.NewWriterSize(w, bufSize)} }

var (
	errOrder  = graph.Errorf(graph.EINTERNAL, "encoding: a node was written after an edge")
	errClosed = graph.Errorf(graph.EINTERNAL, "encoding: write after Close")
)

// beginNode checks that a node may be written now.
func (s *stream) beginNode() error {
	switch {
	case s.err != nil:
		return s.err
	case s.closed:
		return errClosed
	case s.edges > 0:
		return errOrder
	}
	return nil
}

// beginEdge checks that an edge may be written now and reports whether it
// is the first.
func (s *stream) beginEdge() (first bool, err error) {
	switch {
	case s.err != nil:
		return false, s.err
	case s.closed:
		return false, errClosed
	}
	return s.edges == 0, nil
}

// beginClose reports whether Close still has work to do.
func (s *stream) beginClose() (bool, error) {
	if s.closed {
		return false, s.err
	}
	s.closed = true
	return s.err == nil, s.err
}

// finish flushes the buffer and remembers the first error.
func (s *stream) finish(err error) error {
	if err == nil {
		err = s.bw.Flush()
	}
	if err != nil && s.err == nil {
		s.err = err
	}
	return err
}

// fail remembers err (if any) so that later calls return it.
func (s *stream) fail(err error) error {
	if err != nil && s.err == nil {
		s.err = err
	}
	return err
}

// Sanitize returns s as the JSON and CSV formats write it: valid UTF-8,
// every byte of an invalid sequence replaced with U+FFFD.
func Sanitize(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteRune(utf8.RuneError)
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// xmlAllowed reports whether r is a character XML 1.0 allows.
func xmlAllowed(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r < 0x20:
		return false
	case r >= 0xD800 && r <= 0xDFFF, r == 0xFFFE, r == 0xFFFF:
		return false
	}
	return r <= utf8.MaxRune
}

// SanitizeXML returns s as the XML formats (GraphML, GEXF) write it and an
// XML parser reads it back: Sanitize's replacement of invalid UTF-8, and
// U+FFFD for every character XML 1.0 forbids.
func SanitizeXML(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || !xmlAllowed(r) {
			b.WriteRune(utf8.RuneError)
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// joinAliases joins aliases with "|" for the formats that hold them in one
// string (CSV, GraphML, GEXF, DOT). A "|" or "\" inside an alias is
// escaped with a backslash, so SplitAliases gives back the list.
func joinAliases(as []string) string {
	switch len(as) {
	case 0:
		return ""
	case 1:
		if !strings.ContainsAny(as[0], `|\`) {
			return as[0]
		}
	}
	var b strings.Builder
	for i, a := range as {
		if i > 0 {
			b.WriteByte('|')
		}
		for j := 0; j < len(a); j++ {
			if a[j] == '|' || a[j] == '\\' {
				b.WriteByte('\\')
			}
			b.WriteByte(a[j])
		}
	}
	return b.String()
}

// SplitAliases reverses the "|" joining of aliases in the CSV, GraphML,
// GEXF and DOT formats: "a|b" gives [a b], "\|" is a literal "|" and "\\"
// a literal backslash. The empty string gives no aliases.
func SplitAliases(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	var cur strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' && i+1 < len(s):
			i++
			cur.WriteByte(s[i])
		case c == '|':
			out = append(out, cur.String())
			cur.Reset()
		default:
			cur.WriteByte(c)
		}
	}
	return append(out, cur.String())
}

// dateString is d's partial-date form, or "".
func dateString(d graph.Date) string { return d.String() }

// dayString formats a yyyymmdd integer from Date.FirstDay/LastDay as
// yyyy-mm-dd.
func dayString(n int32) string {
	var b [10]byte
	y, m, d := int(n/10000), int(n/100%100), int(n%100)
	b[0], b[1], b[2], b[3] = byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10)
	b[4] = '-'
	b[5], b[6] = byte('0'+m/10), byte('0'+m%10)
	b[7] = '-'
	b[8], b[9] = byte('0'+d/10), byte('0'+d%10)
	return string(b[:])
}
