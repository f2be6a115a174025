package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/bouncekit/bounce"
)

// ClassifyRequest is the JSON body of POST /v1/classify.
type ClassifyRequest struct {
	Text   string `json:"text"`             // the bounce message or reply text
	Source string `json:"source,omitempty"` // copied into the report's "source"; none if empty
}

// BatchRequest is the body of POST /v1/classify/batch.
type BatchRequest struct {
	Items []BatchItem `json:"items"` // at most MaxBatch
}

// BatchItem is one input of a batch.
type BatchItem struct {
	ID     string `json:"id"`               // echoed in the result, to match them up
	Text   string `json:"text"`             // as ClassifyRequest.Text
	Source string `json:"source,omitempty"` // as ClassifyRequest.Source
}

// BatchResponse is the answer to a batch: one result per item, in order.
type BatchResponse struct {
	Items []BatchResult `json:"items"`
}

// BatchResult is one item's result: a report or an error, never both.
type BatchResult struct {
	ID     string         `json:"id"`
	Report *bounce.Report `json:"report,omitempty"`
	Error  *Error         `json:"error,omitempty"`
}

// httpError is an error with its HTTP status and code.
type httpError struct {
	status int
	Error
}

func (e *httpError) write(w http.ResponseWriter) { writeError(w, e.status, e.Code, e.Message) }

var errEmpty = &httpError{http.StatusBadRequest, Error{"empty_text", "the text to classify is empty"}}

// errTooLarge is the answer to any body or input over a limit.
func errTooLarge() *httpError {
	return &httpError{http.StatusRequestEntityTooLarge, Error{"too_large",
		fmt.Sprintf("request body larger than %d bytes (1 MiB)", MaxBody)}}
}

// readBody reads the whole request body, at most MaxBody bytes.
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, *httpError) {
	if b, ok := r.Context().Value(bodyKey{}).([]byte); ok {
		return b, nil // read by the limiter
	}
	if r.ContentLength > MaxBody {
		return nil, errTooLarge()
	}
	b, err := readAll(http.MaxBytesReader(w, r.Body, MaxBody), r.ContentLength)
	if err != nil {
		if tooLarge(err) {
			return nil, errTooLarge()
		}
		return nil, &httpError{http.StatusBadRequest, Error{"bad_body", "cannot read the request body"}}
	}
	return b, nil
}

// readAll is io.ReadAll into a buffer of the body's declared length (and
// one byte more, for the read that finds its end) when it has one:
// io.ReadAll starts at 512 bytes and grows, which for a 50 KB body means
// eight buffers and their copies.
func readAll(rd io.Reader, length int64) ([]byte, error) {
	if length < 0 || length > MaxBody {
		length = 511
	}
	b := make([]byte, 0, length+1)
	for {
		n, err := rd.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err != nil {
			if err == io.EOF {
				err = nil
			}
			return b, err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // as io.ReadAll grows
		}
	}
}

// mediaType returns the request's media type, lower case, and its charset
// parameter.
func mediaType(r *http.Request) (typ, charset string) {
	t, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil {
		return "", ""
	}
	return t, params["charset"]
}

func errUnsupported(t string, allowed string) *httpError {
	if t == "" {
		t = "none"
	}
	return &httpError{http.StatusUnsupportedMediaType, Error{"unsupported_media_type",
		"unsupported Content-Type " + t + "; use " + allowed}}
}

func errCharset(cs string) *httpError {
	return &httpError{http.StatusUnsupportedMediaType, Error{"unsupported_charset",
		"unsupported charset " + strconvQuote(cs) + "; text/plain may be UTF-8, US-ASCII, ISO-8859-1, ISO-8859-15 or Windows-1252, and JSON only UTF-8; send a message in another charset as message/rfc822"}}
}

func strconvQuote(s string) string {
	if len(s) > 64 {
		s = s[:64] + "..."
	}
	return strconv.Quote(s)
}

// utf8Charset reports whether a JSON body's charset parameter is absent
// or UTF-8 (JSON has no other).
func utf8Charset(cs string) bool {
	cs = strings.ToLower(strings.TrimSpace(cs))
	return cs == "" || cs == "utf-8" || cs == "utf8"
}

// decodeJSON decodes one JSON value, and nothing after it, into v.
func decodeJSON(b []byte, v any) *httpError {
	dec := json.NewDecoder(bytes.NewReader(b))
	err := dec.Decode(v)
	if err == nil {
		if _, err2 := dec.Token(); err2 != io.EOF {
			err = errors.New("data after the JSON value")
		}
	}
	if err != nil {
		var te *json.UnmarshalTypeError
		msg := "the body is not valid JSON"
		if errors.As(err, &te) && te.Field != "" {
			msg = "field " + te.Field + " has the wrong type"
		}
		return &httpError{http.StatusBadRequest, Error{"bad_json", msg}}
	}
	return nil
}

// classifyText reads the body of POST /v1/classify: the text and source.
func classifyText(w http.ResponseWriter, r *http.Request) ([]byte, string, *httpError) {
	t, cs := mediaType(r)
	switch t {
	case "text/plain", "message/rfc822", "application/json":
	default:
		return nil, "", errUnsupported(t, "text/plain, message/rfc822 or application/json")
	}
	if t == "application/json" && !utf8Charset(cs) {
		return nil, "", errCharset(cs)
	}
	var dec string
	if t == "text/plain" && !utf8Charset(cs) {
		if _, err := bounce.DecodeText(cs, nil); err != nil {
			return nil, "", errCharset(cs)
		}
	}
	b, herr := readBody(w, r)
	if herr != nil {
		return nil, "", herr
	}
	switch {
	case t == "application/json":
		var req ClassifyRequest
		if herr := decodeJSON(b, &req); herr != nil {
			return nil, "", herr
		}
		return []byte(req.Text), req.Source, nil
	case t == "text/plain" && !utf8Charset(cs):
		// QUIRK: the charset of a text/plain body is that of the whole
		// text; a message whose parts name their own charsets is sent as
		// message/rfc822, whose bytes are read as they are.
		dec, _ = bounce.DecodeText(cs, b)
		return []byte(dec), "", nil
	}
	return b, "", nil
}

func classify(w http.ResponseWriter, r *http.Request) {
	text, source, herr := classifyText(w, r)
	if herr != nil {
		herr.write(w)
		return
	}
	rep, herr := parse(text, source)
	if herr == nil {
		herr = fits(rep, MaxResponse)
	}
	if herr != nil {
		herr.write(w)
		return
	}
	writeReport(w, rep)
}

// fits returns an error unless the JSON of rep takes at most budget bytes.
func fits(rep *bounce.Report, budget int) *httpError {
	if !rep.JSONFits(budget) {
		return errOutput()
	}
	return nil
}

func errOutput() *httpError {
	return &httpError{http.StatusUnprocessableEntity, Error{"output_too_large",
		fmt.Sprintf("the answer would be larger than %d bytes (16 MiB) of JSON", MaxResponse)}}
}

// writeReport writes one report as `bounce classify -json` prints it.
func writeReport(w http.ResponseWriter, rep *bounce.Report) {
	b := append(rep.AppendJSON(nil), '\n')
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(http.StatusOK)
	w.Write(b)
}

// parse classifies one text as `bounce classify -json` does.
func parse(text []byte, source string) (*bounce.Report, *httpError) {
	if len(bytes.TrimSpace(text)) == 0 {
		return nil, errEmpty
	}
	rep, err := bounce.ParseBytes(text)
	if err != nil {
		return nil, parseError(err)
	}
	rep.Source = source
	return rep, nil
}

// parseError maps the library's errors to answers.
func parseError(err error) *httpError {
	unprocessable := func(code string) *httpError {
		return &httpError{http.StatusUnprocessableEntity, Error{code, err.Error()}}
	}
	switch {
	case errors.Is(err, bounce.ErrTooLarge):
		return errTooLarge()
	case errors.Is(err, bounce.ErrTooManyRecipients):
		return unprocessable("too_many_recipients")
	case errors.Is(err, bounce.ErrTooManyParts):
		return unprocessable("too_many_parts")
	case errors.Is(err, bounce.ErrTooManyMessages):
		return unprocessable("too_many_messages")
	case errors.Is(err, bounce.ErrOutputTooLarge):
		return unprocessable("output_too_large")
	}
	return unprocessable("unparsable")
}

func batch(w http.ResponseWriter, r *http.Request) {
	if t, cs := mediaType(r); t != "application/json" {
		errUnsupported(t, "application/json").write(w)
		return
	} else if !utf8Charset(cs) {
		errCharset(cs).write(w)
		return
	}
	b, herr := readBody(w, r)
	if herr != nil {
		herr.write(w)
		return
	}
	var req BatchRequest
	if herr := decodeJSON(b, &req); herr != nil {
		herr.write(w)
		return
	}
	b = nil
	if req.Items == nil {
		writeError(w, http.StatusBadRequest, "bad_json", `the body needs "items": [{"id", "text"}, ...]`)
		return
	}
	if len(req.Items) > MaxBatch {
		writeError(w, http.StatusBadRequest, "too_many_items",
			fmt.Sprintf("%d items; a batch holds at most %d", len(req.Items), MaxBatch))
		return
	}
	// Every item is classified before the first byte is sent, so that a
	// request over a limit gets its status; the reports are then written
	// one at a time, never the whole answer at once.
	results := make([]BatchResult, len(req.Items))
	records, budget := 0, MaxResponse
	for i := range req.Items {
		if r.Context().Err() != nil {
			return // the client has gone
		}
		it := &req.Items[i]
		results[i].ID = it.ID
		rep, herr := parse([]byte(it.Text), it.Source)
		it.Text = ""
		if herr != nil {
			e := herr.Error
			results[i].Error = &e
			budget -= 64 + len(e.Code) + 2*len(e.Message) + 6*len(it.ID)
			continue
		}
		if records += len(rep.Recipients); records > bounce.MaxRecipients {
			writeError(w, http.StatusUnprocessableEntity, "too_many_recipients",
				fmt.Sprintf("the batch's reports hold more than %d recipient records together", bounce.MaxRecipients))
			return
		}
		n := rep.JSONLen(budget)
		if budget -= n + 32 + 6*len(it.ID); budget < 0 {
			errOutput().write(w)
			return
		}
		results[i].Report = rep
	}
	writeBatch(w, results)
}

// writeBatch streams {"items": [...]} as encoding/json would write
// BatchResponse, one item at a time.
func writeBatch(w http.ResponseWriter, results []BatchResult) {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	const chunk = 32 << 10
	buf := make([]byte, 0, 2*chunk)
	buf = append(buf, `{"items":[`...)
	for i := range results {
		res := &results[i]
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, `{"id":`...)
		buf = appendJSONValue(buf, res.ID)
		switch {
		case res.Report != nil:
			buf = append(buf, `,"report":`...)
			buf = res.Report.AppendJSON(buf)
			res.Report = nil
		case res.Error != nil:
			buf = append(buf, `,"error":`...)
			buf = appendJSONValue(buf, res.Error)
		}
		buf = append(buf, '}')
		if len(buf) >= chunk {
			if _, err := w.Write(buf); err != nil {
				return
			}
			buf = buf[:0]
		}
	}
	buf = append(buf, "]}\n"...)
	w.Write(buf)
}

// appendJSONValue appends v as encoding/json writes it without HTML
// escaping.
func appendJSONValue(b []byte, v any) []byte {
	var sb bytes.Buffer
	enc := json.NewEncoder(&sb)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
	return append(b, bytes.TrimSuffix(sb.Bytes(), []byte("\n"))...)
}
