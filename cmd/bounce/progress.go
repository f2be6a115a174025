package main

import (
	"bufio"
	"fmt"
	"io"
	"time"
)

// progress draws one line on standard error while classify works: inputs
// done of all, messages, messages per second and the time left (from the
// bytes read, so an mbox counts by its size). It is drawn only after
// delay, at most five times a second, and erased at the end and before
// any other line is written.
type progress struct {
	w          io.Writer
	flush      func() error
	start      time.Time
	delay      time.Duration
	last       time.Time
	drawn      bool
	inputs     int
	doneInputs int
	msgs       int
	total      int64 // bytes of all inputs; -1 when unknown (standard input)
	doneBytes  int64
	now        func() time.Time
}

func newProgress(w io.Writer, out *bufio.Writer, ins []input, delay time.Duration) *progress {
	p := &progress{w: w, flush: out.Flush, delay: delay, inputs: len(ins), now: time.Now}
	for _, in := range ins {
		if in.size < 0 {
			p.total = -1
			break
		}
		p.total += in.size
	}
	p.start = p.now()
	return p
}

// done counts a task's messages and redraws the line when it is time.
func (p *progress) done(t *task, msgs int) {
	p.msgs += msgs
	p.doneBytes += t.bytes
	if t.last {
		p.doneInputs++
	}
	now := p.now()
	if now.Sub(p.start) < p.delay || !p.last.IsZero() && now.Sub(p.last) < 200*time.Millisecond {
		return
	}
	p.last = now
	p.flush() // the records so far, before the line
	elapsed := now.Sub(p.start).Seconds()
	rate := float64(p.msgs) / max(elapsed, 1e-3)
	line := fmt.Sprintf("bounce: %d/%d inputs, %d messages, %.0f msgs/s", p.doneInputs, p.inputs, p.msgs, rate)
	if p.total > 0 && p.doneBytes > 0 {
		left := elapsed * float64(p.total-p.doneBytes) / float64(p.doneBytes)
		line += fmt.Sprintf(", %d%%, ETA %s", 100*p.doneBytes/p.total, time.Duration(left*float64(time.Second)).Round(time.Second))
	}
	fmt.Fprintf(p.w, "\r\x1b[K%s", line)
	p.drawn = true
}

// clear erases the line, if drawn.
func (p *progress) clear() {
	if p.drawn {
		p.flush()
		fmt.Fprint(p.w, "\r\x1b[K")
		p.drawn = false
	}
}
