//go:build unix

package figcache_test

import (
	"syscall"
	"time"
)

// processCPU is the CPU time the process has used so far (user and
// system, every thread): on a shared machine the benchmarks report it
// beside the wall time, which other processes' load stretches.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
