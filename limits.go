package bounce

import "errors"

// Limits on input, the same on every surface (library, CLI, JavaScript
// function, HTTP API). Input over a limit is refused with an error, never
// silently cut.
const (
	// MaxSize is the largest input Parse reads, in bytes.
	MaxSize = 16 << 20
	// MaxRecipients is the largest number of recipient records in a report.
	MaxRecipients = 10000
	// MaxDepth is the deepest MIME nesting Parse descends into.
	MaxDepth = 32
	// MaxParts is the largest number of MIME parts (multipart children
	// and attached messages, at every level) Parse reads in one message.
	MaxParts = 1000
	// MaxMessages is the largest number of messages Parse reads from an
	// mbox (messages joined at "From " lines).
	MaxMessages = 10000
	// MaxOutput is the largest report Parse returns, counted as the bytes
	// of its JSON form (Report.AppendJSON). A report can be larger than
	// its input when many records repeat one long diagnostic.
	MaxOutput = 32 << 20
	// MaxDiagnostic is the most of a diagnostic text a record keeps and
	// the reason is decided from, in bytes (cut at a character): a
	// server's reply is far shorter, and a bounce whose prose serves as
	// the diagnostic names the cause near its start. It keeps the work per
	// record bounded when many records share one long text.
	MaxDiagnostic = 8 << 10
)

// ErrTooLarge is returned for input over MaxSize.
var ErrTooLarge = errors.New("bounce: input larger than 16 MiB")

// ErrTooManyRecipients is returned for a report with over MaxRecipients
// recipient records.
var ErrTooManyRecipients = errors.New("bounce: more than 10000 recipients")

// ErrTooManyParts is returned for a message with over MaxParts MIME parts.
var ErrTooManyParts = errors.New("bounce: more than 1000 MIME parts in a message")

// ErrTooManyMessages is returned for an mbox of over MaxMessages messages.
var ErrTooManyMessages = errors.New("bounce: more than 10000 messages in an mbox")

// ErrOutputTooLarge is returned for a report whose JSON form would exceed
// MaxOutput bytes.
var ErrOutputTooLarge = errors.New("bounce: report larger than 32 MiB as JSON")
