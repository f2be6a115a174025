//go:build js && wasm

package ui

import (
	"errors"
	"syscall/js"

	"github.com/bouncekit/bounce"
	"github.com/bouncekit/bounce/catalog"
)

// ReportFromValue reads a report from v, a plain JavaScript object in the
// JSON schema of the CLI and the HTTP API (what ReportValue makes, or the
// parsed body of POST /v1/classify), so that a report classified elsewhere
// goes through the same Render. Missing fields are left empty; a value
// that is not an object with a recipients array (or null) is an error.
// The WebAssembly build has no encoding/json, so the fields are read one
// by one.
func ReportFromValue(v js.Value) (*bounce.Report, error) {
	if v.Type() != js.TypeObject {
		return nil, errNotReport
	}
	recips := v.Get("recipients")
	if !recips.IsNull() && !recips.IsUndefined() && !js.Global().Get("Array").Call("isArray", recips).Bool() {
		return nil, errNotReport
	}
	rep := &bounce.Report{
		Kind:   bounce.Kind(str(v, "kind")),
		Format: str(v, "format"),
		Source: str(v, "source"),
	}
	if o := v.Get("original"); o.Type() == js.TypeObject {
		rep.Original = &bounce.Original{
			Subject: str(o, "subject"), MessageID: str(o, "message_id"),
			From: str(o, "from"), To: str(o, "to"), Date: str(o, "date"),
		}
	}
	if recips.Type() != js.TypeObject {
		return rep, nil
	}
	n := recips.Length()
	rep.Recipients = make([]bounce.Recipient, 0, n)
	for i := 0; i < n; i++ {
		r := recips.Index(i)
		if r.Type() != js.TypeObject {
			return nil, errNotReport
		}
		st, _ := bounce.ParseStatus(str(r, "status"))
		m := r.Get("match")
		rec := bounce.Recipient{
			Recipient: str(r, "recipient"), ReplyCode: num(r, "reply_code"), Status: st,
			Class: catalog.Class(str(r, "class")), Reason: str(r, "reason"),
			Diagnostic: str(r, "diagnostic"), Explanation: str(r, "explanation"),
			Action: str(r, "action"), WhoActs: str(r, "who_acts"), Retry: str(r, "retry"),
			DSNAction: str(r, "dsn_action"), RemoteMTA: str(r, "remote_mta"),
			ReportingMTA: str(r, "reporting_mta"), Command: str(r, "command"), Date: str(r, "date"),
		}
		if m.Type() == js.TypeObject {
			rec.Match = bounce.Match{
				Entry: str(m, "entry"), Provider: str(m, "provider"), By: str(m, "by"),
				Evidence: str(m, "evidence"),
			}
			if c := m.Get("confidence"); c.Type() == js.TypeNumber {
				rec.Match.Confidence = c.Float()
			}
			if s := m.Get("sources"); s.Type() == js.TypeObject {
				for j := 0; j < s.Length(); j++ {
					d := s.Index(j)
					if d.Type() == js.TypeObject {
						rec.Match.Sources = append(rec.Match.Sources, catalog.Doc{ID: str(d, "id"), Title: str(d, "title"), URL: str(d, "url")})
					}
				}
			}
		}
		rep.Recipients = append(rep.Recipients, rec)
	}
	return rep, nil
}

var errNotReport = errors.New("bounce: not a report: want an object with a recipients array")

// str returns the string field name of v, or "" when it is not a string.
func str(v js.Value, name string) string {
	if f := v.Get(name); f.Type() == js.TypeString {
		return f.String()
	}
	return ""
}

// num returns the integer field name of v, or 0 when it is not a number.
func num(v js.Value, name string) int {
	if f := v.Get(name); f.Type() == js.TypeNumber {
		return f.Int()
	}
	return 0
}
