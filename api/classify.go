package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
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
	if r.ContentLength > MaxBody {
		return nil, errTooLarge()
	}
	b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBody))
	if err != nil {
		if tooLarge(err) {
			return nil, errTooLarge()
		}
		return nil, &httpError{http.StatusBadRequest, Error{"bad_body", "cannot read the request body"}}
	}
	return b, nil
}

// mediaType returns the request's media type, lower case, without parameters.
func mediaType(r *http.Request) string {
	t, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil {
		return ""
	}
	return t
}

func errUnsupported(t string, allowed string) *httpError {
	if t == "" {
		t = "none"
	}
	return &httpError{http.StatusUnsupportedMediaType, Error{"unsupported_media_type",
		"unsupported Content-Type " + t + "; use " + allowed}}
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

func classify(w http.ResponseWriter, r *http.Request) {
	var req ClassifyRequest
	switch t := mediaType(r); t {
	case "text/plain", "message/rfc822":
		b, herr := readBody(w, r)
		if herr != nil {
			herr.write(w)
			return
		}
		req.Text = string(b)
	case "application/json":
		b, herr := readBody(w, r)
		if herr != nil {
			herr.write(w)
			return
		}
		if herr := decodeJSON(b, &req); herr != nil {
			herr.write(w)
			return
		}
	default:
		errUnsupported(t, "text/plain, message/rfc822 or application/json").write(w)
		return
	}
	rep, herr := parse(req.Text, req.Source)
	if herr != nil {
		herr.write(w)
		return
	}
	writeJSON(w, http.StatusOK, rep)
}

// parse classifies one text as `bounce classify -json` does.
func parse(text, source string) (*bounce.Report, *httpError) {
	if strings.TrimSpace(text) == "" {
		return nil, errEmpty
	}
	rep, err := bounce.ParseString(text)
	switch {
	case errors.Is(err, bounce.ErrTooLarge):
		return nil, errTooLarge()
	case errors.Is(err, bounce.ErrTooManyRecipients):
		return nil, &httpError{http.StatusUnprocessableEntity, Error{"too_many_recipients", err.Error()}}
	case err != nil:
		return nil, &httpError{http.StatusUnprocessableEntity, Error{"unparsable", err.Error()}}
	}
	rep.Source = source
	return rep, nil
}

func batch(w http.ResponseWriter, r *http.Request) {
	if t := mediaType(r); t != "application/json" {
		errUnsupported(t, "application/json").write(w)
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
	if req.Items == nil {
		writeError(w, http.StatusBadRequest, "bad_json", `the body needs "items": [{"id", "text"}, ...]`)
		return
	}
	if len(req.Items) > MaxBatch {
		writeError(w, http.StatusBadRequest, "too_many_items",
			fmt.Sprintf("%d items; a batch holds at most %d", len(req.Items), MaxBatch))
		return
	}
	resp := BatchResponse{Items: make([]BatchResult, len(req.Items))}
	for i, it := range req.Items {
		resp.Items[i].ID = it.ID
		rep, herr := parse(it.Text, it.Source)
		if herr != nil {
			e := herr.Error
			resp.Items[i].Error = &e
			continue
		}
		resp.Items[i].Report = rep
	}
	writeJSON(w, http.StatusOK, resp)
}
