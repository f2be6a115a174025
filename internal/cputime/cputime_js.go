//go:build js

package cputime

import (
	"syscall/js"
	"time"
)

// User returns the user CPU time of the process that runs the program
// (Node's process.cpuUsage, in microseconds), as the unix version does,
// so that a ratio of two measurements does not depend on what else runs
// on the machine; wall time where there is no process (a browser).
func User() time.Duration {
	p := js.Global().Get("process")
	if p.Type() != js.TypeObject || p.Get("cpuUsage").Type() != js.TypeFunction {
		return time.Duration(time.Now().UnixNano())
	}
	return time.Duration(p.Call("cpuUsage").Get("user").Float()) * time.Microsecond
}
