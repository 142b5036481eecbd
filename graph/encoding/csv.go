package encoding

import (
	"archive/zip"
	"compress/flate"
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// NodesHeader and EdgesHeader are the documented CSV headers.
var (
	NodesHeader = []string{"id", "name", "kind", "aliases", "description", "start", "end"}
	EdgesHeader = []string{"id", "source", "target", "type", "role", "confidence", "contested",
		"valid_from", "valid_to", "evidence_count", "first_source", "first_quote"}
)

// csvWriter writes nodes.csv and edges.csv (RFC 4180 quoting by
// encoding/csv, "\n" line ends, UTF-8 without BOM). With Options.Part
// empty they are the two entries of a ZIP, written one after the other
// (nodes.csv is complete before edges.csv starts); with Part "nodes" or
// "edges" the output is that one CSV and the other kind of element is
// skipped. aliases are joined with "|" (see SplitAliases), dates keep their
// precision, contested is true/false, and confidence is a decimal.
type csvWriter struct {
	stream
	part string
	zw   *zip.Writer
	cw   *csv.Writer
	opts Options
	row  []string
}

func newCSV(w io.Writer, opts Options) Writer {
	c := &csvWriter{stream: newStream(w), part: opts.Part, opts: opts, row: make([]string, 0, 12)}
	switch c.part {
	case "":
		c.zw = zip.NewWriter(c.bw)
		c.zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
			return flate.NewWriter(out, flate.BestSpeed)
		})
		c.fail(c.entry("nodes.csv", NodesHeader))
	case "nodes":
		c.cw = csv.NewWriter(c.bw)
		c.fail(c.cw.Write(NodesHeader))
	case "edges":
		c.cw = csv.NewWriter(c.bw)
		c.fail(c.cw.Write(EdgesHeader))
	}
	return c
}

// entry starts a ZIP entry holding a CSV with header.
func (c *csvWriter) entry(name string, header []string) error {
	if c.cw != nil {
		c.cw.Flush()
		if err := c.cw.Error(); err != nil {
			return err
		}
	}
	h := &zip.FileHeader{Name: name, Method: zip.Deflate}
	if !c.opts.Time.IsZero() {
		h.Modified = c.opts.Time.UTC()
	}
	f, err := c.zw.CreateHeader(h)
	if err != nil {
		return err
	}
	c.cw = csv.NewWriter(f)
	return c.cw.Write(header)
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

func (c *csvWriter) Node(a graph.Actor) error {
	if err := c.beginNode(); err != nil {
		return err
	}
	c.nodes++
	if c.part == "edges" {
		return nil
	}
	c.row = append(c.row[:0], csvText(a.ID), csvText(a.Name), csvText(string(a.Kind)), csvText(joinAliases(a.Aliases)),
		csvText(a.Description), dateString(a.Start), dateString(a.End))
	return c.fail(c.cw.Write(c.row))
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
	c.row = append(c.row[:0], csvText(e.ID), csvText(e.From), csvText(e.To), csvText(e.Type), csvText(e.Role),
		strconv.FormatFloat(e.Confidence, 'f', -1, 64), strconv.FormatBool(e.Contested),
		dateString(e.ValidFrom), dateString(e.ValidTo), strconv.Itoa(e.EvidenceCount),
		csvText(e.FirstSource), csvText(e.FirstQuote))
	return c.fail(c.cw.Write(c.row))
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
		c.cw.Flush()
		if err := c.cw.Error(); err != nil {
			return c.finish(err)
		}
		return c.finish(c.zw.Close())
	}
	c.cw.Flush()
	return c.finish(c.cw.Error())
}
