//go:build unix

package cputime

import (
	"syscall"
	"time"
)

// User returns the user CPU time the process has used (all threads),
// so that a ratio of two measurements does not depend on what else runs
// on the machine. System time is left out: it is mostly the kernel
// handing the heap fresh pages, which depends on what the runtime gave
// back to it before, not on the parser.
func User() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return time.Duration(time.Now().UnixNano())
	}
	return time.Duration(ru.Utime.Nano())
}
