package handlers

import (
	"bufio"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// serveRaw serves h on a loopback listener wrapped by ProblemListener, as
// cmd/actorgraph does, and returns its address.
func serveRaw(t testing.TB, h http.Handler) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: h, MaxHeaderBytes: 4 << 10, ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ProblemListener(ln))
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String()
}

// rawRequests writes reqs on one connection and reads an answer to each,
// until the server closes the connection.
func rawRequests(t *testing.T, addr string, reqs ...string) []*http.Response {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	br := bufio.NewReader(conn)
	var out []*http.Response
	for _, r := range reqs {
		if _, err := io.WriteString(conn, r); err != nil {
			break
		}
		method, _, _ := strings.Cut(r, " ")
		resp, err := http.ReadResponse(br, &http.Request{Method: method}) // a HEAD answer has no body
		if err != nil {
			t.Fatalf("reading the answer to %.60q: %v", r, err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body = io.NopCloser(strings.NewReader(string(body)))
		out = append(out, resp)
		if resp.Close {
			break
		}
	}
	return out
}

// TestProblemEverywhere is defect 8 of issue 13: a malformed %-escape in
// the path, a NUL in a header, 431 and a static file that does not exist
// answered in text/plain, outside the problem format, and HEAD was not
// supported.
func TestProblemEverywhere(t *testing.T) {
	ui := http.FileServer(http.FS(fstest.MapFS{"index.html": {Data: []byte("<p>explorer</p>")}}))
	addr := serveRaw(t, newAPI(openStore(t), nil, Options{UI: ui}))
	big := strings.Repeat("x", 12<<10)
	tests := []struct {
		name, req string
		status    int
		code      string
		detail    string
	}{
		{"bad escape in the path", "GET /v1/actors/%zz HTTP/1.1\r\nHost: x\r\n\r\n", 400, "invalid_argument", "two hex digits"},
		{"bad escape, name", "GET /v1/actors/Amedy%2 HTTP/1.1\r\nHost: x\r\n\r\n", 400, "invalid_argument", "two hex digits"},
		{"NUL in a header", "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Note: a\x00b\r\n\r\n", 400, "invalid_argument", "header"},
		{"control byte in a header name", "GET /healthz HTTP/1.1\r\nHost: x\r\nX\x01: b\r\n\r\n", 400, "invalid_argument", "header"},
		{"no Host", "GET /healthz HTTP/1.1\r\n\r\n", 400, "invalid_argument", "Host"},
		{"headers too large", "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + big + "\r\n\r\n", 431, "too_large", "headers are larger"},
		{"URL too large", "GET /v1/actors?q=" + big + " HTTP/1.1\r\nHost: x\r\n\r\n", 431, "too_large", "shorter URL"},
		{"unknown transfer coding", "POST /v1/subgraph HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 400, "invalid_argument", "Transfer-Encoding"},
		{"unknown expectation", "GET /healthz HTTP/1.1\r\nHost: x\r\nExpect: 200-ok\r\n\r\n", 417, "invalid_argument", "Expect"},
		{"static file that does not exist", "GET /nothing.js HTTP/1.1\r\nHost: x\r\n\r\n", 404, "not_found", "no file or route GET /nothing.js"},
		{"static directory", "GET /static/ HTTP/1.1\r\nHost: x\r\n\r\n", 404, "not_found", "no file or route"},
		{"HEAD of an unknown route", "HEAD /v1/nothing HTTP/1.1\r\nHost: x\r\n\r\n", 404, "not_found", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// A good request first on the same connection: its answer is
			// left as it is.
			resps := rawRequests(t, addr, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", tt.req)
			if len(resps) != 2 {
				t.Fatalf("%d answers", len(resps))
			}
			if ok := resps[0]; ok.StatusCode != 200 || ok.Header.Get("Content-Type") != "application/json; charset=utf-8" {
				t.Errorf("the good request's answer changed: %d %s", ok.StatusCode, ok.Header.Get("Content-Type"))
			}
			resp := resps[1]
			if resp.StatusCode != tt.status || resp.Header.Get("Content-Type") != "application/problem+json" {
				t.Fatalf("status %d, Content-Type %q; want %d problem+json", resp.StatusCode, resp.Header.Get("Content-Type"), tt.status)
			}
			if tt.req[:4] == "HEAD" {
				return
			}
			var p Problem
			if err := json.NewDecoder(resp.Body).Decode(&p); err != nil {
				t.Fatal(err)
			}
			if p.Status != tt.status || p.Code != tt.code || p.Type != problemTypePrefix+tt.code || !strings.Contains(p.Detail, tt.detail) {
				t.Errorf("problem %+v; want status %d, code %s, detail with %q", p, tt.status, tt.code, tt.detail)
			}
		})
	}
	// The explorer is still served, and HEAD answers every GET.
	for _, tt := range []struct {
		req    string
		status int
		ctype  string
	}{
		{"GET / HTTP/1.1\r\nHost: x\r\n\r\n", 200, "text/html; charset=utf-8"},
		{"HEAD / HTTP/1.1\r\nHost: x\r\n\r\n", 200, "text/html; charset=utf-8"},
		{"HEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\n", 200, "application/json; charset=utf-8"},
		{"HEAD /v1/actors/aqap HTTP/1.1\r\nHost: x\r\n\r\n", 200, "application/json; charset=utf-8"},
		{"HEAD /v1/actors/nobody-at-all HTTP/1.1\r\nHost: x\r\n\r\n", 404, "application/problem+json"},
		{"HEAD /v1/export HTTP/1.1\r\nHost: x\r\n\r\n", 200, "application/json; charset=utf-8"},
		{"HEAD /v1/relations?format=csv HTTP/1.1\r\nHost: x\r\n\r\n", 200, "text/csv; charset=utf-8"},
		{"HEAD /openapi.json HTTP/1.1\r\nHost: x\r\n\r\n", 200, "application/json"},
	} {
		resps := rawRequests(t, addr, tt.req)
		if len(resps) != 1 {
			t.Fatalf("%.30q: %d answers", tt.req, len(resps))
		}
		r := resps[0]
		body, _ := io.ReadAll(r.Body)
		if r.StatusCode != tt.status || r.Header.Get("Content-Type") != tt.ctype {
			t.Errorf("%.40q: %d %q; want %d %q", tt.req, r.StatusCode, r.Header.Get("Content-Type"), tt.status, tt.ctype)
		}
		if tt.req[:4] == "HEAD" && len(body) > 0 {
			t.Errorf("%.40q: HEAD answered a body", tt.req)
		}
	}
}

// TestRewriteBareErrorLeavesAnswersAlone checks that answers of handlers are
// never taken for net/http's own, whatever their status and body.
func TestRewriteBareErrorLeavesAnswersAlone(t *testing.T) {
	for _, b := range []string{
		"HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\nDate: Mon, 01 Jan 2026 00:00:00 GMT\r\n\r\n400 Bad Request",
		"HTTP/1.1 400 Bad Request\r\nContent-Type: application/problem+json\r\nDate: x\r\nContent-Length: 2\r\n\r\n{}",
		"HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n200 OK",
		"HTTP/1.1 404 Not Found\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\nsomething else",
		"HTTP/1.1 417 Expectation Failed\r\nConnection: close\r\nContent-Type: text/plain\r\nDate: x\r\nContent-Length: 0\r\n\r\n",
		"{\"partial\": \"HTTP/1.1 400 Bad Request",
	} {
		if _, ok := rewriteBareError([]byte(b)); ok {
			t.Errorf("rewrote %q", b)
		}
	}
}

// FuzzRawRequest sends raw HTTP/1.1 requests, built from fuzzed parts, to
// the server as cmd/actorgraph runs it (net/http over ProblemListener):
// whatever the bytes, the answer is never a 5xx and every 4xx is a
// problem. It covers what a generator working from openapi.json cannot
// send: malformed request lines, escapes and headers, which net/http
// answers before the router. `go test` runs the seeds; `go test -fuzz
// FuzzRawRequest ./handlers` explores.
func FuzzRawRequest(f *testing.F) {
	for _, s := range [][5]string{
		{"GET", "/v1/actors", "q=kouachi", "Accept", "application/json"},
		{"GET", "/v1/actors/%zz", "", "X-A", "b"},
		{"GET", "/v1/paths", "from=a&to=b&max_hops=999;", "X-A", "b"},
		{"POST", "/v1/subgraph", "", "Content-Type", "text/plain"},
		{"HEAD", "/v1/export", "format=csv", "Accept", "text/csv"},
		{"GET", "/healthz", "", "X-Note", "a\x00b"},
		{"PUT", "/v1/actors/aqap", "", "Expect", "200-ok"},
		{"POST", "/v1/import", "", "Transfer-Encoding", "gzip"},
		{"GET", "/nothing.js", "", "Range", "bytes=99999-"},
		{"OPTIONS", "/v1/stats", "", "Origin", "https://evil.example"},
		{"GET", "/v1/actors/Amedy%20Coulibaly/network", "depth=9&limit=", "Authorization", "Bearer nope"},
	} {
		f.Add(s[0], s[1], s[2], s[3], s[4], `{"seeds":["aqap"]}`)
	}
	ui := http.FileServer(http.FS(fstest.MapFS{"index.html": {Data: []byte("<p>explorer</p>")}}))
	addr := serveRaw(f, newAPI(openStore(f), nil, Options{UI: ui, APIKeys: writeOnly}))
	f.Fuzz(func(t *testing.T, method, path, query, hname, hvalue, body string) {
		target := path
		if query != "" {
			target += "?" + query
		}
		req := method + " " + target + " HTTP/1.1\r\nHost: x\r\n" + hname + ": " + hvalue + "\r\nContent-Length: " +
			strconv.Itoa(len(body)) + "\r\nConnection: close\r\n\r\n" + body
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		conn.SetDeadline(time.Now().Add(10 * time.Second))
		if _, err := io.WriteString(conn, req); err != nil {
			return // the server may close before reading everything
		}
		resp, err := http.ReadResponse(bufio.NewReader(conn), &http.Request{Method: method})
		if err != nil {
			return // no answer (the connection closed): nothing to check
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode >= 500 {
			t.Fatalf("%q: status %d: %s", req, resp.StatusCode, b)
		}
		if resp.StatusCode < 400 {
			return
		}
		if ct := resp.Header.Get("Content-Type"); ct != "application/problem+json" {
			t.Fatalf("%q: status %d with Content-Type %q: %s", req, resp.StatusCode, ct, b)
		}
		if method == http.MethodHead {
			return
		}
		var p Problem
		if err := json.Unmarshal(b, &p); err != nil || p.Status != resp.StatusCode || p.Type != problemTypePrefix+p.Code {
			t.Fatalf("%q: status %d, malformed problem %s (%v)", req, resp.StatusCode, b, err)
		}
		if _, ok := statusOf[p.Code]; !ok {
			t.Fatalf("%q: problem code %q is not in the table", req, p.Code)
		}
	})
}
