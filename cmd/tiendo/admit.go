package main

import (
	"flag"
	"fmt"
	"runtime"
	"strconv"
)

// maxActiveFlag is serve's --max-active: how many requests work at once
// (server.Config.MaxActive). The default, four per CPU, keeps both cores
// busy while requests wait for the disk or the database, and is small
// enough that a request is not slowed by thirty others sharing the CPU
// (docs/PERFORMANCE.md, "admission").
func maxActiveFlag(fs *flag.FlagSet) *int {
	n := 4 * runtime.GOMAXPROCS(0)
	if v, err := strconv.Atoi(envOr("TIENDO_MAX_ACTIVE", "")); err == nil {
		n = v
	}
	return fs.Int("max-active", n, "requests that work at once, the others wait their turn; 0 for no limit (env TIENDO_MAX_ACTIVE)")
}

// checkMaxActive refuses a negative --max-active.
func checkMaxActive(n int) error {
	if n < 0 {
		return fmt.Errorf("--max-active %d: a number of requests, 0 for no limit", n)
	}
	return nil
}
