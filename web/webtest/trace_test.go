//go:build !js

package webtest

import (
	"encoding/json"
	"sync"

	"github.com/chromedp/cdproto/tracing"
	"github.com/chromedp/chromedp"
)

// A Chromium trace of the page's main thread, for the paste timings: on a
// loaded machine a task's wall time includes the time the thread waited
// for a core, and its thread time (the trace's tdur) does not, so the
// second says what the page's own code costs.

type traceEvent struct {
	Name string  `json:"name"`
	Ph   string  `json:"ph"`
	Dur  float64 `json:"dur"`  // µs, wall
	Tdur float64 `json:"tdur"` // µs, on the thread's CPU
	Pid  int     `json:"pid"`
	Tid  int     `json:"tid"`
	Args struct {
		Name string `json:"name"`
	} `json:"args"`
}

type trace struct {
	mu     sync.Mutex
	on     bool
	events []traceEvent
	done   chan struct{}
}

// tasks sums up the tasks run on a renderer's main thread while a trace
// ran, in ms: the longest by wall time (and its thread time), and the
// longest thread time of any task.
type tasks struct{ Wall, WallThread, Thread float64 }

// startTrace starts tracing the tasks of the browser's threads.
func (s *session) startTrace() *trace {
	s.t.Helper()
	tr := &trace{on: true, done: make(chan struct{})}
	chromedp.ListenTarget(s.ctx, func(ev any) {
		tr.mu.Lock()
		defer tr.mu.Unlock()
		if !tr.on {
			return
		}
		switch e := ev.(type) {
		case *tracing.EventDataCollected:
			for _, v := range e.Value {
				var te traceEvent
				if json.Unmarshal(v, &te) == nil {
					tr.events = append(tr.events, te)
				}
			}
		case *tracing.EventTracingComplete:
			tr.on = false
			close(tr.done)
		}
	})
	s.run(tracing.Start().WithTransferMode(tracing.TransferModeReportEvents).
		WithTraceConfig(&tracing.TraceConfig{IncludedCategories: []string{"toplevel", "__metadata"}}))
	return tr
}

// stop ends the trace and sums up the tasks of the renderers' main
// threads (CrRendererMain).
func (tr *trace) stop(s *session) tasks {
	s.t.Helper()
	s.run(tracing.End())
	<-tr.done
	main := map[[2]int]bool{}
	for _, e := range tr.events {
		if e.Ph == "M" && e.Name == "thread_name" && e.Args.Name == "CrRendererMain" {
			main[[2]int{e.Pid, e.Tid}] = true
		}
	}
	var r tasks
	for _, e := range tr.events {
		if e.Ph != "X" || e.Name != "RunTask" && e.Name != "ThreadControllerImpl::RunTask" || !main[[2]int{e.Pid, e.Tid}] {
			continue
		}
		if e.Dur/1000 > r.Wall {
			r.Wall, r.WallThread = e.Dur/1000, e.Tdur/1000
		}
		r.Thread = max(r.Thread, e.Tdur/1000)
	}
	return r
}
