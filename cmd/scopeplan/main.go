// Command scopeplan turns Zoom's OAuth scope documentation into a
// queryable catalog and plans least-privilege scope requests.
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], newStreams(os.Stdin, os.Stdout, os.Stderr)))
}
