package handlers

import (
	"bytes"
	"net"
	"net/http"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// ProblemListener returns ln with the answers that net/http writes by
// itself, before a request reaches the router, rewritten as problems
// (application/problem+json) like every other error answer:
//
//   - 400 Bad Request for a request it cannot parse: a malformed
//     %-escape in the path, a NUL or other control byte in a header, no
//     Host header... (code invalid_argument);
//   - 431 Request Header Fields Too Large past http.Server.MaxHeaderBytes
//     (too_large);
//   - 501 Not Implemented for an unknown transfer coding, which is
//     answered 400 (invalid_argument) instead: it is the client's to fix,
//     and a 5xx would page whoever watches server errors;
//   - 417 Expectation Failed for an Expect header other than
//     100-continue (invalid_argument).
//
// net/http writes these straight to the connection in plain text, so the
// only place to change them is the connection; the server must Serve on
// this listener (cmd/actorgraph does). They are recognised by their exact
// shape, which no answer of a handler has: a status line, then only
// "Content-Type: text/plain; charset=utf-8" and "Connection: close" and a
// body repeating the status (or, for 417, "Connection: close", a Date and
// "Content-Length: 0"). These answers carry no request id: the request was
// never read.
func ProblemListener(ln net.Listener) net.Listener { return problemListener{ln} }

type problemListener struct{ net.Listener }

func (l problemListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &problemConn{Conn: c}, nil
}

// problemConn rewrites net/http's own error answers (see ProblemListener).
type problemConn struct{ net.Conn }

func (c *problemConn) Write(b []byte) (int, error) {
	if p, ok := rewriteBareError(b); ok {
		if _, err := c.Conn.Write(p); err != nil {
			return 0, err
		}
		return len(b), nil
	}
	return c.Conn.Write(b)
}

// bareErrorHeaders are the headers of net/http's plain-text error answers.
const bareErrorHeaders = "\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n"

// rewriteBareError returns the problem+json answer that replaces b, when b
// is one of net/http's own error answers.
func rewriteBareError(b []byte) ([]byte, bool) {
	const proto = "HTTP/1.1 "
	if len(b) < len(proto)+3 || !bytes.HasPrefix(b, []byte(proto)) {
		return nil, false
	}
	status, err := strconv.Atoi(string(b[len(proto) : len(proto)+3]))
	if err != nil || status < 400 || status > 599 {
		return nil, false
	}
	statusLine, rest, ok := bytes.Cut(b[len(proto):], []byte("\r\n"))
	if !ok {
		return nil, false
	}
	var detail string
	switch {
	case status == http.StatusExpectationFailed:
		// Connection, Date and an empty body, written through the
		// response writer.
		if !bytes.Contains(rest, []byte("Connection: close\r\n")) || !bytes.HasSuffix(rest, []byte("Content-Length: 0\r\n\r\n")) ||
			bytes.Count(rest, []byte("\r\n")) != 4 {
			return nil, false
		}
		detail = "the Expect header asks for something this server does not do; only \"Expect: 100-continue\" is understood"
	default:
		head, body, ok := bytes.Cut(b, []byte(bareErrorHeaders))
		if !ok || len(head) != len(proto)+len(statusLine) {
			return nil, false
		}
		text := string(body)
		switch {
		case status == http.StatusNotImplemented && text == "Unsupported transfer encoding":
			status = http.StatusBadRequest
			detail = "the request's Transfer-Encoding is not one this server understands; send the body with a Content-Length or as chunked"
		case text == string(statusLine):
			detail = bareDetail(status, text)
		default:
			return nil, false
		}
	}
	code := graph.EINVALID
	if status == http.StatusRequestHeaderFieldsTooLarge {
		code = graph.ETOOLARGE
	}
	p := Problem{Type: problemTypePrefix + code, Title: http.StatusText(status), Status: status, Detail: detail, Code: code}
	var buf bytes.Buffer
	writeJSON(&buf, p)
	out := make([]byte, 0, 200+buf.Len())
	out = append(out, proto...)
	out = strconv.AppendInt(out, int64(status), 10)
	out = append(out, ' ')
	out = append(out, http.StatusText(status)...)
	out = append(out, "\r\nContent-Type: application/problem+json\r\nConnection: close\r\nContent-Length: "...)
	out = strconv.AppendInt(out, int64(buf.Len()), 10)
	out = append(out, "\r\n\r\n"...)
	return append(out, buf.Bytes()...), true
}

// bareDetail says what to fix for one of net/http's own error answers,
// whose text is "400 Bad Request" or "400 Bad Request: <why>".
func bareDetail(status int, text string) string {
	if status == http.StatusRequestHeaderFieldsTooLarge {
		return "the request line and headers are larger than this server accepts; send a shorter URL or fewer or shorter headers"
	}
	_, why, _ := strings.Cut(text, ": ")
	switch {
	case why == "":
		return "the request cannot be parsed as HTTP: check the request line (a \"%\" in the path must be followed by two hex digits; write \"%\" itself as %25) and that no header holds a control character such as NUL"
	case strings.HasPrefix(why, "invalid header"), strings.HasPrefix(why, "malformed MIME header"):
		return "a header of the request is malformed (" + why + "): header names are tokens and values hold no control characters such as NUL"
	}
	return "the request cannot be parsed as HTTP: " + why
}
