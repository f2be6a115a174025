//go:build !linux && !darwin && !freebsd && !netbsd && !openbsd && !dragonfly

package main

import "io"

// isTerminal reports false where no terminal check is written: the
// progress line is then shown only with -progress always.
func isTerminal(io.Writer) bool { return false }
