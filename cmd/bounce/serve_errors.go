package main

import (
	"bytes"
	"encoding/json"
	"net"
	"net/http"
	"strconv"
)

// jsonErrorListener wraps the listener of bounce serve so that the answers
// net/http writes by itself, before any handler runs, are JSON with CORS
// like every other answer: 400 for a malformed request, 431 for headers
// over the limit, 501 for an unknown Transfer-Encoding and 505 for an
// unsupported HTTP version. net/http offers no hook for them: it writes each
// as one Write on the connection, of the form
//
//	HTTP/1.1 <code> <text>\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n<text>
//
// and closes the connection. jsonConn recognises exactly that form (no
// answer of the API's handlers has that header block) and writes the same
// status as JSON instead; any other write passes through unchanged.
type jsonErrorListener struct{ net.Listener }

func (l jsonErrorListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &jsonConn{Conn: c}, nil
}

type jsonConn struct{ net.Conn }

// cannedHeaders is the header block of net/http's own error answers.
const cannedHeaders = "\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n"

func (c *jsonConn) Write(p []byte) (int, error) {
	if b, ok := jsonCanned(p); ok {
		if _, err := c.Conn.Write(b); err != nil {
			return 0, err
		}
		return len(p), nil
	}
	return c.Conn.Write(p)
}

// jsonCanned rewrites one of net/http's plain-text error answers as JSON.
func jsonCanned(p []byte) ([]byte, bool) {
	if !bytes.HasPrefix(p, []byte("HTTP/1.1 ")) || len(p) < 13 {
		return nil, false
	}
	i := bytes.Index(p, []byte(cannedHeaders))
	if i < 0 || bytes.Contains(p[:i], []byte("\r\n")) {
		return nil, false
	}
	code, err := strconv.Atoi(string(p[9:12]))
	if err != nil || code < 400 || code > 599 {
		return nil, false
	}
	var name string
	switch code {
	case http.StatusBadRequest:
		name = "bad_request"
	case http.StatusRequestHeaderFieldsTooLarge:
		name = "headers_too_large"
	case http.StatusNotImplemented:
		name = "not_implemented"
	case http.StatusHTTPVersionNotSupported:
		name = "http_version_not_supported"
	default:
		name = "bad_request"
	}
	body, _ := json.Marshal(struct {
		Error struct {
			Code    string `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
	}{Error: struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	}{name, string(p[i+len(cannedHeaders):])}})
	body = append(body, '\n')
	var b bytes.Buffer
	b.WriteString("HTTP/1.1 " + strconv.Itoa(code) + " " + http.StatusText(code) + "\r\n")
	b.WriteString("Content-Type: application/json\r\nCache-Control: no-store\r\n")
	b.WriteString("Access-Control-Allow-Origin: *\r\nX-Content-Type-Options: nosniff\r\n")
	b.WriteString("Content-Security-Policy: default-src 'none'; frame-ancestors 'none'\r\n")
	b.WriteString("Connection: close\r\nContent-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n")
	b.Write(body)
	return b.Bytes(), true
}
