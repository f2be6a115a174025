//go:build !unix && !js

package cputime

import "time"

// User falls back on wall time where getrusage is missing.
func User() time.Duration { return time.Duration(time.Now().UnixNano()) }
