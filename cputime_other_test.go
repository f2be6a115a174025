//go:build !unix

package bounce

import "time"

// cpuTime falls back on wall time where getrusage is missing (js/wasm).
func cpuTime() time.Duration { return time.Duration(time.Now().UnixNano()) }
