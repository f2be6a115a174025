package main

import (
	"bytes"
	"encoding/binary"
	"testing"
)

// module builds a WebAssembly module with a custom section, the sections
// given and a data section of segs (written in that order).
func module(count bool, segs []segment, raw ...[]byte) []byte {
	b := []byte("\x00asm\x01\x00\x00\x00")
	b = append(b, 0, 4, 3, 'a', 'b', 'c') // a custom section "abc"
	if count {
		b = append(b, secDataCount, 1, byte(len(segs)))
	}
	data := writeSegments(segs)
	for _, r := range raw {
		data = r
	}
	b = append(b, secData)
	b = binary.AppendUvarint(b, uint64(len(data)))
	b = append(b, data...)
	return append(b, 0, 2, 1, 'z') // and one after it
}

// memory is the memory image the data section of module b writes.
func memory(t *testing.T, b []byte) []byte {
	t.Helper()
	var mem []byte
	i := 8
	for i < len(b) {
		id := b[i]
		size, n := binary.Uvarint(b[i+1:])
		body := b[i+1+n : i+1+n+int(size)]
		i += 1 + n + int(size)
		if id != secData {
			continue
		}
		cnt, k := binary.Uvarint(body)
		body = body[k:]
		for ; cnt > 0; cnt-- {
			off, k := sleb32(body[2:])
			body = body[2+k+1:]
			size, k := binary.Uvarint(body)
			end := int(off) + int(size)
			if end > len(mem) {
				mem = append(mem, make([]byte, end-len(mem))...)
			}
			copy(mem[off:], body[k:k+int(size)])
			body = body[k+int(size):]
		}
	}
	return mem
}

func TestPack(t *testing.T) {
	segs := []segment{
		{1 << 20, []byte("far away, past any gap")},
		{100, []byte("second")},
		{0, []byte("first")},
		{100 + 6 + maxGap, []byte("just within the gap")},
		{300, []byte("over the gap")},
		{1<<20 + 22 + 8, []byte("x")},
	}
	for _, count := range []bool{false, true} {
		in := module(count, segs)
		out, before, after, err := pack(in)
		if err != nil {
			t.Fatal(err)
		}
		// first..second are 95 apart; second..within is maxGap; "over the
		// gap" is further; the last two are 8 apart.
		if before != 6 || after != 4 {
			t.Errorf("count %v: %d segments joined into %d, want 6 into 4", count, before, after)
		}
		if !bytes.Equal(memory(t, in), memory(t, out)) {
			t.Errorf("count %v: the memory image changed", count)
		}
		if !bytes.Contains(out, []byte{0, 4, 3, 'a', 'b', 'c'}) || !bytes.HasSuffix(out, []byte{0, 2, 1, 'z'}) {
			t.Errorf("count %v: other sections changed", count)
		}
		if count && !bytes.Contains(out, []byte{secDataCount, 1, 4}) {
			t.Errorf("the data count section does not say 4")
		}
		again, _, _, err := pack(out)
		if err != nil || !bytes.Equal(again, out) {
			t.Errorf("count %v: packing twice changes the module again", count)
		}
	}
}

func TestPackKeepsWhatItCannotRead(t *testing.T) {
	overlap := []segment{{0, []byte("0123456789")}, {5, []byte("abc")}}
	passive := binary.AppendUvarint(nil, 1)
	passive = append(passive, 1, 3, 'a', 'b', 'c') // flag 1: passive
	for name, in := range map[string][]byte{
		"overlap": module(true, overlap),
		"passive": module(true, nil, passive),
	} {
		out, _, after, err := pack(in)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if after != 0 || !bytes.Equal(out, in) {
			t.Errorf("%s: the module was changed", name)
		}
	}
	if _, _, _, err := pack([]byte("\x7fELF not wasm")); err == nil {
		t.Error("no error for a file that is not WebAssembly")
	}
	bad := module(false, []segment{{0, []byte("abc")}})
	if _, _, _, err := pack(bad[:len(bad)-8]); err == nil {
		t.Error("no error for a truncated module")
	}
}
