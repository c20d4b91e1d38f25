// Command scopeplan turns Zoom's OAuth scope documentation into a
// queryable catalog and plans least-privilege scope requests.
package main

import (
	"context"
	"os"
	"os/signal"
)

func main() {
	// An interrupt cancels the context every command runs under; a second
	// one stops the process at once.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	go func() {
		<-ctx.Done()
		stop()
	}()
	code := runContext(ctx, os.Args[1:], newStreams(os.Stdin, os.Stdout, os.Stderr))
	stop()
	os.Exit(code)
}
