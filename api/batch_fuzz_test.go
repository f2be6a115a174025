package api

import (
	"bytes"
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzBatch sends POST /v1/classify/batch with items made of the fuzzer's
// texts (split at NUL bytes) and IDs, or its raw bytes as the body: the
// answer must be 200 with one result per item in order (the ID echoed, a
// report or an error, never both), or a documented JSON error; a 200
// answer is the streamed form of BatchResponse, byte for byte what
// encoding/json writes.
func FuzzBatch(f *testing.F) {
	f.Add([]byte("550 5.1.1 user unknown\x00421 4.7.0 try later\x00 "), "a,b,c", false)
	f.Add([]byte(strings.Repeat("550\n", 3000)+"\x00"+strings.Repeat("550\n", 3000)), "x", false)
	f.Add([]byte(`{"items": [{"id": "a", "text": "550"}]}`), "", true)
	f.Add([]byte(`{"items": [`), "", true)
	f.Add([]byte("From x\nA: b\n\nFrom y\nB: c\n\n550 5.1.1 no\x00--b\n--b\n"), "<id>,\u2028", false)
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "*", "*.eml"))
	for i, file := range files {
		if i%16 != 0 {
			continue
		}
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, "m", false)
	}
	h := New(Options{})
	f.Fuzz(func(t *testing.T, data []byte, ids string, raw bool) {
		body := data
		var req BatchRequest
		if !raw {
			idList := strings.Split(ids, ",")
			for i, text := range bytes.Split(data, []byte{0}) {
				req.Items = append(req.Items, BatchItem{ID: idList[i%len(idList)], Text: string(text)})
			}
			body, _ = json.Marshal(req)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("POST", "/v1/classify/batch", bytes.NewReader(body)).WithContext(t.Context()))
		res := rec.Result()
		b := rec.Body.Bytes()
		if res.Header.Get("Content-Type") != "application/json" || !json.Valid(b) {
			t.Fatalf("%d %q: not JSON: %.300s", res.StatusCode, res.Header.Get("Content-Type"), b)
		}
		if res.StatusCode != 200 {
			var e struct{ Error *Error }
			if !documented[res.StatusCode] || json.Unmarshal(b, &e) != nil || e.Error == nil || e.Error.Code == "" {
				t.Fatalf("%d: %.300s", res.StatusCode, b)
			}
			return
		}
		var got BatchResponse
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatal(err)
		}
		if raw {
			json.Unmarshal(body, &req)
		}
		if len(got.Items) != len(req.Items) {
			t.Fatalf("%d results for %d items", len(got.Items), len(req.Items))
		}
		want := BatchResponse{Items: make([]BatchResult, len(req.Items))}
		for i, it := range req.Items {
			g := got.Items[i]
			if g.ID != it.ID || (g.Report == nil) == (g.Error == nil) {
				t.Fatalf("item %d: id %q (want %q), report %v, error %v", i, g.ID, it.ID, g.Report != nil, g.Error)
			}
			want.Items[i].ID = it.ID
			if rep, herr := parse([]byte(it.Text), it.Source); herr != nil {
				want.Items[i].Error = &herr.Error
			} else {
				want.Items[i].Report = rep
			}
		}
		var wb bytes.Buffer
		enc := json.NewEncoder(&wb)
		enc.SetEscapeHTML(false)
		enc.Encode(want)
		if !bytes.Equal(b, wb.Bytes()) {
			t.Fatalf("streamed answer differs from encoding/json's:\n%.300s\n%.300s", b, wb.Bytes())
		}
	})
}
