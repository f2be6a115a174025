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
    pastetiming_test.go:166: 2 MB typing: longest main-thread block 40.0 ms (longest long task 0.0 ms) while typing 10 keys and until the verdict
`
	var got []string
	pasteRows(log, func(figure, measured, target string, met verdict) {
		got = append(got, figure+" | "+measured+" | "+target+" | "+string(met))
	})
	want := []string{
		"page: paste to verdict, one-line reply | median 20.5 ms (least 12.0; 30.0 ms to the frame that shows it) | <= 50 ms | yes",
		"page: paste to verdict, an NDR of 65,808 bytes, 2 recipients (AOL, x.eml) | median 160.0 ms (least 140.0; 170.0 ms to the frame that shows it) | <= 150 ms | **no**",
		"page: 2 MB paste, longest main-thread block to the verdict | first 30.5 ms (verdict after 900 ms, by worker); second 60.0 ms (verdict after 400 ms, by worker) | <= 50 ms | **no**",
		"page: typing after a 2 MB paste, longest main-thread block | 40.0 ms | <= 50 ms | yes",
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
	if len(got) != 4 {
		t.Errorf("without a log, %d rows: %v", len(got), got)
	}
}
