//go:build !unix

package main

import "time"

// cpuTime is not measured here: the benchmark reports no cores-used figure.
func cpuTime() time.Duration { return 0 }
