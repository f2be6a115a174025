package main

import (
	"strings"
	"testing"
)

func TestPasteRows(t *testing.T) {
	log := `=== RUN   TestPasteTimings
    pastetiming_test.go:89: paste to verdict, one-line reply: least 12.0 ms, median 20.5 ms; to the frame that shows it: least 20.0 ms, median 30.0 ms (7 pastes, by main)
    pastetiming_test.go:89: paste to verdict, NDR of 65,808 bytes, 2 recipients (AOL, x.eml): least 140.0 ms, median 160.0 ms; to the frame that shows it: least 150.0 ms, median 170.0 ms (7 pastes, by main)
    pastetiming_test.go:140: 2 MB paste (first, 2,059,578 bytes): longest main-thread block 30.5 ms (longest long task 0.0 ms) during paste to verdict; verdict after 900 ms (by worker)
    pastetiming_test.go:140: 2 MB paste (second, 2,059,578 bytes): longest main-thread block 60.0 ms (longest long task 55.0 ms) during paste to verdict; verdict after 400 ms (by worker)
    pastetiming_test.go:149: 2 MB in the paste area, the browser alone (set and lay out, no input event): 900.0 ms
    pastetiming_test.go:170: 2 MB then a small paste: longest main-thread block 19.1 ms (longest long task 0.0 ms) from pasting a one-line reply over the 2 MB bounce to its verdict
    pastetiming_test.go:183: 2 MB keys: longest main-thread block 88.8 ms (longest long task 51.0 ms) while pressing 10 keys in the paste area holding the 2 MB bounce (read-only: they change nothing)
    pastetiming_test.go:290: widget: a 2 MB bounce pasted (first, 2,097,152 bytes): longest main-thread block 45.0 ms (longest long task 40.0 ms) during paste to verdict; verdict after 3000 ms (by worker)
    pastetiming_test.go:204: 2 MB typing: longest main-thread block 40.0 ms (longest long task 0.0 ms) from Clear after a 2 MB paste, typing 10 keys, until the verdict
`
	var got []string
	pasteRows(log, func(figure, measured, target string, met verdict) {
		got = append(got, figure+" | "+measured+" | "+target+" | "+string(met))
	})
	want := []string{
		"page: paste to verdict, one-line reply | median 20.5 ms (least 12.0; 30.0 ms to the frame that shows it) | <= 50 ms | yes",
		"page: paste to verdict, an NDR of 65,808 bytes, 2 recipients (AOL, x.eml) | median 160.0 ms (least 140.0; 170.0 ms to the frame that shows it) | <= 150 ms | **no**",
		"page: 2 MB paste, longest main-thread block to the verdict | first 30.5 ms (verdict after 900 ms, by worker); second 60.0 ms (verdict after 400 ms, by worker) | <= 50 ms | **no**",
		"page: a one-line paste over a 2 MB bounce, longest main-thread block | 19.1 ms | <= 50 ms | yes",
		"page: keys pressed in the paste area holding a 2 MB bounce, longest main-thread block | 88.8 ms | <= 50 ms | **no**",
		"page: Clear after a 2 MB paste, then typing, longest main-thread block | 40.0 ms | <= 50 ms | yes",
		"widget: 2 MB paste, longest main-thread block to the verdict | first 45.0 ms (verdict after 3000 ms, by worker) | <= 50 ms | yes",
		"page: 2 MB in the paste area, the browser's own layout | 900.0 ms | reported | —",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// No log: every row n/a.
	got = nil
	pasteRows("", func(figure, measured, target string, met verdict) {
		if measured != "n/a" || met != unknown {
			t.Errorf("without a log: %s | %s | %s", figure, measured, met)
		}
		got = append(got, figure)
	})
	if len(got) != 7 {
		t.Errorf("without a log, %d rows: %v", len(got), got)
	}
}
