package bounce

import "github.com/bouncekit/bounce/catalog"

// Kind says what the input was.
type Kind string

// The kinds of input.
const (
	KindReply     Kind = "reply"      // SMTP reply text, without a message around it
	KindDSN       Kind = "dsn"        // RFC 3464 delivery status notification
	KindNDR       Kind = "ndr"        // a non-standard bounce message of some MTA
	KindAutoReply Kind = "autoreply"  // an RFC 3834 or vacation auto-reply
	KindFeedback  Kind = "feedback"   // an ARF (RFC 5965) complaint report
	KindNotBounce Kind = "not-bounce" // none of the above
)

// Report is what Parse found in one input. It has the same JSON form on
// every surface: the CLI, the JavaScript function, the HTTP API and the page.
type Report struct {
	Kind       Kind        `json:"kind"`
	Format     string      `json:"format,omitempty"`   // e.g. "postfix", "exchange", "rfc3464"
	Source     string      `json:"source,omitempty"`   // input name, set by callers such as the CLI
	Original   *Original   `json:"original,omitempty"` // the returned message, when included
	Recipients []Recipient `json:"recipients"`         // one per failed recipient, in order
}

// Original describes the message that bounced, from the copy or headers a
// bounce returns.
type Original struct {
	Subject   string `json:"subject,omitempty"`
	MessageID string `json:"message_id,omitempty"`
	From      string `json:"from,omitempty"`
	To        string `json:"to,omitempty"`
	Date      string `json:"date,omitempty"`
}

// Recipient is the verdict for one recipient (or, for bare reply text, for
// one reply).
type Recipient struct {
	Recipient   string        `json:"recipient"`   // address; "" if absent
	ReplyCode   int           `json:"reply_code"`  // RFC 5321 code; 0 if absent
	Status      Status        `json:"status"`      // RFC 3463 code; "" if absent
	Class       catalog.Class `json:"class"`       // permanent, temporary, success or unknown
	Reason      string        `json:"reason"`      // a reason name, "undefined" if nothing matched
	Diagnostic  string        `json:"diagnostic"`  // the server's text, unfolded
	Explanation string        `json:"explanation"` // what happened
	Action      string        `json:"action"`      // what to do now
	WhoActs     string        `json:"who_acts"`    // who must act
	Retry       string        `json:"retry"`       // whether and when to retry
	Match       Match         `json:"match"`       // how the verdict was reached

	DSNAction    string `json:"dsn_action,omitempty"`    // DSN Action field: failed, delayed, ...
	RemoteMTA    string `json:"remote_mta,omitempty"`    // host that gave the reply
	ReportingMTA string `json:"reporting_mta,omitempty"` // host that wrote the bounce
	Command      string `json:"command,omitempty"`       // SMTP stage, e.g. "RCPT", "DATA"
	Date         string `json:"date,omitempty"`          // last attempt
}

// Match tells which catalog entry decided a verdict and on what evidence.
type Match struct {
	Entry      string        `json:"entry"`             // catalog entry ID; "" if none
	Provider   string        `json:"provider"`          // the entry's provider
	By         string        `json:"by"`                // "text", "lexicon", "structure", "status", "reply", "stage" or "none"
	Confidence float64       `json:"confidence"`        // 0 to 1
	Evidence   string        `json:"evidence"`          // the exact input text that decided
	Sources    []catalog.Doc `json:"sources,omitempty"` // documents listing the entry

	score float64 // the catalog's ranking key for a text match
}
