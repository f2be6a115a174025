package api

import (
	"context"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"
)

// limiter bounds the classify requests of one handler: at most concurrent
// classifications run at once, and at most concurrent+queue requests are
// in hand (their bodies read or being read) at all. A request beyond
// that, or one that waits longer than wait for its turn, gets 503 with
// Retry-After, so memory stays bounded whatever clients send or fail to
// read.
type limiter struct {
	slots   chan struct{}
	inHand  atomic.Int64
	maxHand int64
	wait    time.Duration
}

func newLimiter(concurrent, queue int, wait time.Duration) *limiter {
	if concurrent <= 0 {
		return nil
	}
	if wait <= 0 {
		wait = 10 * time.Second
	}
	return &limiter{slots: make(chan struct{}, concurrent), maxHand: int64(concurrent + max(queue, 0)), wait: wait}
}

// wrap applies the limit to h. A nil limiter leaves h as it is.
func (l *limiter) wrap(h http.HandlerFunc) http.HandlerFunc {
	if l == nil {
		return h
	}
	return func(w http.ResponseWriter, r *http.Request) {
		if l.inHand.Add(1) > l.maxHand {
			l.inHand.Add(-1)
			busy(w)
			return
		}
		defer l.inHand.Add(-1)
		// The body is read before the turn is taken (within the server's
		// read timeout), so that slow senders hold no classification slot.
		body, herr := readBody(w, r)
		if herr != nil {
			herr.write(w)
			return
		}
		r = withBody(r, body)
		t := time.NewTimer(l.wait)
		defer t.Stop()
		select {
		case l.slots <- struct{}{}:
		case <-t.C:
			busy(w)
			return
		case <-r.Context().Done():
			return
		}
		defer func() { <-l.slots }()
		h(w, r)
	}
}

// busy answers 503 with Retry-After.
func busy(w http.ResponseWriter) {
	w.Header().Set("Retry-After", strconv.Itoa(retryAfter))
	writeError(w, http.StatusServiceUnavailable, "busy", "the server is classifying as much as it may at once; retry after "+strconv.Itoa(retryAfter)+" s")
}

// retryAfter is the Retry-After of a 503, in seconds.
const retryAfter = 1

type bodyKey struct{}

// withBody gives r the body read already, for readBody.
func withBody(r *http.Request, body []byte) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), bodyKey{}, body))
}

// WithBody returns r carrying its whole body, read already, which the
// API's handlers then take as it is instead of reading r.Body: a caller
// that holds the body in one piece (the Worker, which JavaScript hands it)
// saves a copy. The handlers do not change body. A body longer than MaxBody
// is not taken (r is returned as it is): the handlers read r.Body and
// answer 413.
func WithBody(r *http.Request, body []byte) *http.Request {
	if len(body) > MaxBody {
		return r
	}
	return withBody(r, body)
}
