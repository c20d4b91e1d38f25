//go:build unix

package main

import (
	"syscall"
	"time"
)

// cpuTime is the processor time the process has used (user and system),
// which the machine's other work does not inflate as it does wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
