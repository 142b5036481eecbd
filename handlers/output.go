package handlers

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/gin-gonic/gin"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/encoding"
)

// writeJSON writes v as JSON without escaping <, > and & (quotes are text,
// not HTML).
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// respond writes v as the JSON answer with the status, in one write with
// its Content-Length.
func (s *server) respond(c *gin.Context, status int, v any) {
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer func() {
		if buf.Cap() <= 1<<20 {
			bufPool.Put(buf)
		}
	}()
	if err := writeJSON(buf, v); err != nil {
		s.fail(c, fmt.Errorf("encoding the answer: %w", err))
		return
	}
	h := c.Writer.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	c.Status(status)
	if _, err := c.Writer.Write(buf.Bytes()); err != nil {
		s.log.Debug("writing a response", "request_id", c.GetString(requestIDKey), "error", err.Error())
	}
}

// format is the representation a graph-returning endpoint answers with:
// its native JSON, or one of graph/encoding's formats.
type format struct {
	native bool
	enc    encoding.Format
	opts   encoding.Options
}

// negotiate picks the format: ?format= first (json is the native JSON),
// then the Accept header, then native JSON. defaultPart is the CSV part
// when the request does not name one ("" gives a ZIP of nodes.csv and
// edges.csv, "edges" an edge list).
func negotiate(c *gin.Context, defaultPart string) (format, error) {
	q := queryOf(c)
	name := strings.ToLower(q.Get("format"))
	part := q.Get("part")
	var f format
	switch name {
	case "json":
		f.native = true
	case "":
		enc, ok := encoding.FromAccept(c.GetHeader("Accept"))
		if !ok {
			f.native = true
		} else {
			f.enc = enc
		}
	default:
		enc, err := encoding.Parse(name)
		if err != nil {
			return f, err
		}
		f.enc = enc
	}
	if part != "" && (f.native || f.enc != encoding.CSV) {
		return f, graph.Errorf(graph.EINVALID, "part applies to format=csv only")
	}
	if f.enc == encoding.CSV {
		if part == "" {
			part = defaultPart
		}
		f.opts.Part = part
	}
	return f, nil
}

// graphWriter starts an answer in format f: it sets the headers and
// returns the encoding writer. name names the download where the format is
// a file (Content-Disposition), such as "actorgraph-export".
func (s *server) graphWriter(c *gin.Context, f format, name string, attach bool) (encoding.Writer, error) {
	opts := f.opts
	opts.Name = name
	w, err := encoding.NewWriter(c.Writer, f.enc, opts)
	if err != nil {
		return nil, err
	}
	h := c.Writer.Header()
	h.Set("Content-Type", f.enc.ContentType(opts))
	if attach || f.enc == encoding.CSV && opts.Part == "" {
		h.Set("Content-Disposition", `attachment; filename="`+name+f.enc.Extension(opts)+`"`)
	}
	c.Status(http.StatusOK)
	return w, nil
}

// writeSubgraph answers with nodes and edges in an encoding format.
func (s *server) writeSubgraph(c *gin.Context, f format, name string, nodes []graph.Actor, edges []graph.Edge) {
	w, err := s.graphWriter(c, f, name, false)
	if err != nil {
		s.fail(c, err)
		return
	}
	for _, a := range nodes {
		if err := w.Node(a); err != nil {
			s.fail(c, err)
			return
		}
	}
	for _, e := range edges {
		if err := w.Edge(e); err != nil {
			s.fail(c, err)
			return
		}
	}
	if err := w.Close(); err != nil {
		s.fail(c, err)
	}
}
