package encoding

import (
	"archive/zip"
	"compress/flate"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph"
)

// NodesHeader and EdgesHeader are the documented CSV headers.
var (
	NodesHeader = []string{"id", "name", "kind", "aliases", "description", "start", "end"}
	EdgesHeader = []string{"id", "source", "target", "type", "role", "confidence", "contested", "status",
		"valid_from", "valid_to", "evidence_count", "first_source", "first_quote"}
)

// csvWriter writes nodes.csv and edges.csv (RFC 4180 quoting, byte for
// byte as encoding/csv writes it, "\n" line ends, UTF-8 without BOM). With
// Options.Part empty they are the two entries of a ZIP, written one after
// the other (nodes.csv is complete before edges.csv starts); with Part
// "nodes" or "edges" the output is that one CSV and the other kind of
// element is skipped. aliases are joined with "|" (see SplitAliases), dates
// keep their precision, contested is true/false, status is supported,
// contested or refuted, and confidence is a decimal.
//
// Rows are appended to a byte buffer field by field (no []string row, no
// per-field strings for numbers and dates) and handed to the output in
// large writes: an edge list of millions of rows is the main use.
type csvWriter struct {
	stream
	part string
	zw   *zip.Writer
	out  io.Writer // the buffered output, or the current ZIP entry
	buf  []byte    // rows not yet written to out
	opts Options
}

// csvFlushAt is how many bytes of rows csvWriter gathers before writing.
const csvFlushAt = 60 << 10

func newCSV(w io.Writer, opts Options) Writer {
	c := &csvWriter{stream: newStream(w), part: opts.Part, opts: opts, buf: make([]byte, 0, csvFlushAt+4096)}
	switch c.part {
	case "":
		c.zw = zip.NewWriter(c.bw)
		c.zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
			return flate.NewWriter(out, flate.BestSpeed)
		})
		c.fail(c.entry("nodes.csv", NodesHeader))
	case "nodes":
		c.out = c.bw
		c.header(NodesHeader)
	case "edges":
		c.out = c.bw
		c.header(EdgesHeader)
	}
	return c
}

func (c *csvWriter) header(h []string) {
	for i, f := range h {
		if i > 0 {
			c.buf = append(c.buf, ',')
		}
		c.buf = appendCSVField(c.buf, f)
	}
	c.buf = append(c.buf, '\n')
}

// flush writes the gathered rows to out.
func (c *csvWriter) flush() error {
	if len(c.buf) == 0 || c.out == nil {
		return nil
	}
	_, err := c.out.Write(c.buf)
	c.buf = c.buf[:0]
	return c.fail(err)
}

// row ends a row and writes the rows out when enough have gathered.
func (c *csvWriter) row() error {
	c.buf = append(c.buf, '\n')
	if len(c.buf) < csvFlushAt {
		return nil
	}
	return c.flush()
}

// entry starts a ZIP entry holding a CSV with header.
func (c *csvWriter) entry(name string, header []string) error {
	if err := c.flush(); err != nil {
		return err
	}
	h := &zip.FileHeader{Name: name, Method: zip.Deflate}
	if !c.opts.Time.IsZero() {
		h.Modified = c.opts.Time.UTC()
	}
	f, err := c.zw.CreateHeader(h)
	if err != nil {
		return err
	}
	c.out = f
	c.header(header)
	return nil
}

// csvText is s as the CSV formats write it: valid UTF-8, with "\r\n" and
// "\r" turned into "\n".
func csvText(s string) string {
	s = Sanitize(s)
	if strings.IndexByte(s, '\r') < 0 {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// csvPlain marks the ASCII bytes that neither need a field quoted nor
// change under csvText.
var csvPlain = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = c != '\n' && c != '\r' && c != '"' && c != ','
	}
	return t
}()

// Byte-parallel tests on eight bytes at a time.
const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// csvPlainString reports whether every byte of s is csvPlain. Eight bytes
// at a time it tests for a byte below 0x20 (LF, CR and the other control
// characters, which then take the exact byte-wise test), a quote, a comma
// or a byte of a multi-byte character; (x-ones)&^x has the high bit of
// each zero byte of x set, and v-0x20.. that of each byte below 0x20
// (for bytes below 0x80).
func csvPlainString(s string) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		v := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		q, c := v^(ones*'"'), v^(ones*',')
		if (v|(v-ones*0x20)|((q-ones)&^q)|((c-ones)&^c))&highs != 0 {
			break // the exact test decides
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || !csvPlain[c] {
			return false
		}
	}
	return true
}

// appendCSVText appends csvText(s) as a CSV field.
func appendCSVText(b []byte, s string) []byte {
	if !csvPlainString(s) {
		return appendCSVField(b, csvText(s))
	}
	// ASCII without specials: quoted only for a leading space, or when it
	// is `\.`, as encoding/csv does.
	if len(s) > 0 && (s[0] == ' ' || s[0] == '\t' || s[0] == '\v' || s[0] == '\f') || s == `\.` {
		return appendQuoted(b, s)
	}
	return append(b, s...)
}

// appendCSVField appends s as one field exactly as encoding/csv's Writer
// writes it with Comma ',' and UseCRLF false.
func appendCSVField(b []byte, s string) []byte {
	if !csvNeedsQuotes(s) {
		return append(b, s...)
	}
	return appendQuoted(b, s)
}

// csvNeedsQuotes is encoding/csv's rule: a field is quoted when it holds a
// comma, quote, CR or LF, starts with a space character, or is `\.`.
func csvNeedsQuotes(s string) bool {
	if s == "" {
		return false
	}
	if s == `\.` {
		return true
	}
	if strings.ContainsAny(s, "\n\r\",") {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}

// appendQuoted appends s in double quotes, doubling the quotes inside; CR
// and LF go through as they are.
func appendQuoted(b []byte, s string) []byte {
	b = append(b, '"')
	for {
		i := strings.IndexByte(s, '"')
		if i < 0 {
			break
		}
		b = append(b, s[:i+1]...)
		b = append(b, '"')
		s = s[i+1:]
	}
	b = append(b, s...)
	return append(b, '"')
}

func (c *csvWriter) Node(a graph.Actor) error {
	if err := c.beginNode(); err != nil {
		return err
	}
	c.nodes++
	if c.part == "edges" {
		return nil
	}
	b := appendCSVText(c.buf, a.ID)
	b = append(b, ',')
	b = appendCSVText(b, a.Name)
	b = append(b, ',')
	b = appendCSVText(b, string(a.Kind))
	b = append(b, ',')
	b = appendCSVText(b, joinAliases(a.Aliases))
	b = append(b, ',')
	b = appendCSVText(b, a.Description)
	b = append(b, ',')
	b = appendCSVField(b, dateString(a.Start))
	b = append(b, ',')
	b = appendCSVField(b, dateString(a.End))
	c.buf = b
	return c.row()
}

func (c *csvWriter) Edge(e graph.Edge) error {
	first, err := c.beginEdge()
	if err != nil {
		return err
	}
	c.edges++
	if first && c.part == "" {
		if err := c.fail(c.entry("edges.csv", EdgesHeader)); err != nil {
			return err
		}
	}
	if c.part == "nodes" {
		return nil
	}
	b := appendCSVText(c.buf, e.ID)
	b = append(b, ',')
	b = appendCSVText(b, e.From)
	b = append(b, ',')
	b = appendCSVText(b, e.To)
	b = append(b, ',')
	b = appendCSVText(b, e.Type)
	b = append(b, ',')
	b = appendCSVText(b, e.Role)
	b = append(b, ',')
	b = appendConfidence(b, e.Confidence)
	b = append(b, ',')
	b = strconv.AppendBool(b, e.Contested)
	b = append(b, ',')
	b = appendCSVText(b, string(e.Status))
	b = append(b, ',')
	b = e.ValidFrom.AppendString(b) // digits and '-': never quoted
	b = append(b, ',')
	b = e.ValidTo.AppendString(b)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(e.EvidenceCount), 10)
	b = append(b, ',')
	b = appendCSVText(b, e.FirstSource)
	b = append(b, ',')
	b = appendCSVText(b, e.FirstQuote)
	c.buf = b
	return c.row()
}

func (c *csvWriter) Close() error {
	if ok, err := c.beginClose(); !ok {
		return err
	}
	if c.part == "" {
		if c.edges == 0 {
			if err := c.entry("edges.csv", EdgesHeader); err != nil {
				return c.finish(err)
			}
		}
		if err := c.flush(); err != nil {
			return c.finish(err)
		}
		return c.finish(c.zw.Close())
	}
	return c.finish(c.flush())
}

// appendConfidence appends c as strconv.AppendFloat(b, c, 'f', -1, 64)
// does. A derived confidence is a whole number of thousandths in [0, 1];
// for those the shortest decimal that reads back as c is the thousandths
// with trailing zeros dropped, written here directly. Anything else goes
// to strconv.
func appendConfidence(b []byte, c float64) []byte {
	if c >= 0 && c <= 1 {
		k := int(c*1000 + 0.5)
		if float64(k)/1000 == c {
			switch k {
			case 0:
				if math.Signbit(c) {
					break
				}
				return append(b, '0')
			case 1000:
				return append(b, '1')
			default:
				d := [5]byte{'0', '.', byte('0' + k/100), byte('0' + k/10%10), byte('0' + k%10)}
				n := 5
				for d[n-1] == '0' {
					n--
				}
				return append(b, d[:n]...)
			}
		}
	}
	return strconv.AppendFloat(b, c, 'f', -1, 64)
}
