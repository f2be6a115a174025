// Package cputime reads the user CPU time of the process, for benchmarks
// that report a rate per second of CPU time besides wall time: a ratio of
// two such measurements (native and js/wasm, run minutes apart) does not
// depend on what else runs on the machine.
package cputime
