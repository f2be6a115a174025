package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"syscall"
	"time"

	"github.com/bouncekit/bounce/api"
)

// serveCmd serves the HTTP API and the static site until SIGINT or SIGTERM.
func serveCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlags("serve", "serve [-addr 127.0.0.1:8080] [-dir build/web] [-concurrency N]", stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "listen on this host:port; the PORT environment variable overrides the port")
	dir := fs.String("dir", "build/web", "serve the static site from this directory beside the API")
	concurrent := fs.Int("concurrency", defaultConcurrency(), "classify at most this many requests at once; up to 64 more wait, others get 503")
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return 2
	}
	listen, err := listenAddr(*addr, os.Getenv("PORT"))
	if err != nil {
		fmt.Fprintf(stderr, "bounce: serve: -addr %q: %v\n", *addr, err)
		return 2
	}
	if *concurrent < 1 {
		fmt.Fprintf(stderr, "bounce: serve: -concurrency must be at least 1\n")
		return 2
	}
	opts := api.Options{MaxConcurrent: *concurrent, MaxQueue: serveQueue, QueueWait: serveQueueWait}
	if st, err := os.Stat(*dir); err == nil && st.IsDir() {
		opts.Static = os.DirFS(*dir)
	} else {
		fmt.Fprintf(stderr, "bounce: serve: no directory %s; serving the API only\n", *dir)
	}
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		fmt.Fprintf(stderr, "bounce: serve: %v\n", err)
		return 1
	}
	ln = jsonErrorListener{ln}
	srv := &http.Server{
		Handler:           api.Gzip(api.New(opts)),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		// "OPTIONS *" reaches the API, which answers it with CORS.
		DisableGeneralOptionsHandler: true,
	}
	ctx, stop := serveContext()
	defer stop()
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	what := "the API"
	if opts.Static != nil {
		what += " and " + *dir
	}
	fmt.Fprintf(stdout, "bounce: serving %s on http://%s/\n", what, ln.Addr())
	select {
	case err := <-done:
		fmt.Fprintf(stderr, "bounce: serve: %v\n", err)
		return 1
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shut); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		fmt.Fprintf(stderr, "bounce: serve: %v\n", err)
		return 1
	}
	return 0
}

// The queue of bounce serve: requests beyond -concurrency that may wait,
// and for how long, before they get 503.
const (
	serveQueue     = 64
	serveQueueWait = 10 * time.Second
)

// defaultConcurrency is two classifications per CPU.
func defaultConcurrency() int { return 2 * runtime.GOMAXPROCS(0) }

// serveContext returns the context whose end stops the server: SIGINT or
// SIGTERM. Tests replace it.
var serveContext = func() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

// listenAddr returns addr with its port replaced by port, if not empty.
func listenAddr(addr, port string) (string, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return "", err
	}
	if port == "" {
		return addr, nil
	}
	return net.JoinHostPort(host, port), nil
}
