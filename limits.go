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
)

// ErrTooLarge is returned for input over MaxSize.
var ErrTooLarge = errors.New("bounce: input larger than 16 MiB")

// ErrTooManyRecipients is returned for a report with over MaxRecipients
// recipient records.
var ErrTooManyRecipients = errors.New("bounce: more than 10000 recipients")
