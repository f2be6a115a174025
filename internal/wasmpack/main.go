// Command wasmpack rewrites the data section of a WebAssembly module made by
// the Go linker so that it compresses better, and leaves the rest as it is.
//
//	go run ./internal/wasmpack FILE.wasm
//
// Go's linker starts a new data segment at every run of eight or more zero
// bytes (the padding between symbols), so bounce.wasm has some 50,000
// segments, each with its own header: an offset and a length that differ
// from segment to segment and so compress poorly. wasmpack joins segments
// that are at most maxGap bytes apart, writing the zero bytes between
// them. The memory the module starts with is the same byte for byte; the
// file grows by the zeros (about 0.5 MB raw) and shrinks by some 90 KB gzip
// and 55 KB brotli.
//
// A module whose data section is not what Go writes (a passive segment, an
// offset that is not an i32.const, segments out of order or overlapping) is
// left unchanged.
package main

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"slices"
)

// maxGap is the longest run of zeros that is written out to join two
// segments. A segment header costs 6 to 9 bytes raw, and more than that
// compressed; 64 zeros compress to a byte or two.
const maxGap = 64

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: wasmpack FILE.wasm")
		os.Exit(2)
	}
	name := os.Args[1]
	b, err := os.ReadFile(name)
	if err == nil {
		var out []byte
		var before, after int
		out, before, after, err = pack(b)
		if err == nil && after < before {
			err = os.WriteFile(name, out, 0o644)
		}
		if err == nil {
			fmt.Printf("%s: %d data segments joined into %d\n", name, before, after)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "wasmpack:", err)
		os.Exit(1)
	}
}

// segment is an active data segment: data written at off.
type segment struct {
	off  uint32
	data []byte
}

const (
	secData      = 11
	secDataCount = 12
)

var errFormat = errors.New("not a WebAssembly module")

// pack returns the module b with its data segments joined, and the number
// of segments before and after. A data section it cannot rewrite is kept.
func pack(b []byte) (out []byte, before, after int, err error) {
	if len(b) < 8 || string(b[:4]) != "\x00asm" || binary.LittleEndian.Uint32(b[4:8]) != 1 {
		return nil, 0, 0, errFormat
	}
	out = append(make([]byte, 0, len(b)+len(b)/8), b[:8]...)
	var count []byte // where the data count section's value is, in out
	i := 8
	for i < len(b) {
		id := b[i]
		size, n := binary.Uvarint(b[i+1:])
		if n <= 0 || size > uint64(len(b)-i-1-n) {
			return nil, 0, 0, fmt.Errorf("section %d: bad size", id)
		}
		body := b[i+1+n : i+1+n+int(size)]
		whole := b[i : i+1+n+int(size)]
		i += 1 + n + int(size)
		if id == secDataCount {
			count = whole
			continue // written again once the segments are counted
		}
		if id != secData {
			out = append(out, whole...)
			continue
		}
		segs, ok := readSegments(body)
		if !ok {
			out = appendCount(out, count, -1)
			out = append(out, whole...)
			continue
		}
		joined := join(segs)
		before, after = len(segs), len(joined)
		out = appendCount(out, count, len(joined))
		out = append(out, secData)
		data := writeSegments(joined)
		out = binary.AppendUvarint(out, uint64(len(data)))
		out = append(out, data...)
	}
	return out, before, after, nil
}

// appendCount writes the data count section, which comes just before the
// data section, if the module has one: with n segments, or as it was for
// n < 0.
func appendCount(out, count []byte, n int) []byte {
	if count == nil {
		return out
	}
	if n < 0 {
		return append(out, count...)
	}
	v := binary.AppendUvarint(nil, uint64(n))
	out = append(out, secDataCount)
	out = binary.AppendUvarint(out, uint64(len(v)))
	return append(out, v...)
}

// readSegments reads a data section whose segments are all active, in
// memory 0, at i32.const offsets, and do not overlap. They are returned in
// the order of their offsets (Go writes them section by section).
func readSegments(b []byte) ([]segment, bool) {
	n, k := binary.Uvarint(b)
	if k <= 0 {
		return nil, false
	}
	b = b[k:]
	segs := make([]segment, 0, n)
	for ; n > 0; n-- {
		// flag 0 (active, memory 0), i32.const, the offset, end.
		if len(b) < 2 || b[0] != 0 || b[1] != 0x41 {
			return nil, false
		}
		off, k := sleb32(b[2:])
		if k <= 0 || len(b) < 2+k+1 || b[2+k] != 0x0b || off < 0 {
			return nil, false
		}
		b = b[2+k+1:]
		size, k := binary.Uvarint(b)
		if k <= 0 || size > uint64(len(b)-k) {
			return nil, false
		}
		if uint64(off)+size > 1<<32 {
			return nil, false
		}
		segs = append(segs, segment{uint32(off), b[k : k+int(size)]})
		b = b[k+int(size):]
	}
	if len(b) != 0 {
		return nil, false
	}
	// Segments are written in their order, so where two overlap the later
	// one's bytes are the ones in memory: refuse to reorder those.
	slices.SortStableFunc(segs, func(a, b segment) int { return cmp.Compare(a.off, b.off) })
	for i := 1; i < len(segs); i++ {
		if uint64(segs[i-1].off)+uint64(len(segs[i-1].data)) > uint64(segs[i].off) {
			return nil, false
		}
	}
	return segs, true
}

// join joins segments at most maxGap bytes apart.
func join(segs []segment) []segment {
	var out []segment
	for _, s := range segs {
		if len(out) > 0 {
			last := &out[len(out)-1]
			end := last.off + uint32(len(last.data))
			if s.off-end <= maxGap {
				data := make([]byte, 0, len(last.data)+int(s.off-end)+len(s.data))
				data = append(data, last.data...)
				data = append(data, make([]byte, s.off-end)...)
				last.data = append(data, s.data...)
				continue
			}
		}
		out = append(out, s)
	}
	return out
}

func writeSegments(segs []segment) []byte {
	out := binary.AppendUvarint(nil, uint64(len(segs)))
	for _, s := range segs {
		out = append(out, 0, 0x41)
		out = appendSleb32(out, int32(s.off))
		out = append(out, 0x0b)
		out = binary.AppendUvarint(out, uint64(len(s.data)))
		out = append(out, s.data...)
	}
	return out
}

// sleb32 reads a signed LEB128 number of at most 32 bits.
func sleb32(b []byte) (int32, int) {
	var v int64
	var shift uint
	for i, c := range b {
		if i == 5 {
			return 0, -1
		}
		v |= int64(c&0x7f) << shift
		shift += 7
		if c&0x80 == 0 {
			if shift < 64 && c&0x40 != 0 {
				v |= -1 << shift
			}
			if v < -1<<31 || v >= 1<<31 {
				return 0, -1
			}
			return int32(v), i + 1
		}
	}
	return 0, -1
}

func appendSleb32(b []byte, v int32) []byte {
	x := int64(v)
	for {
		c := byte(x & 0x7f)
		x >>= 7
		if (x == 0 && c&0x40 == 0) || (x == -1 && c&0x40 != 0) {
			return append(b, c)
		}
		b = append(b, c|0x80)
	}
}
