package main

import (
	"os"
	"runtime/debug"
)

// serveMemoryLimit is the Go heap's soft limit for `tiendo serve` when
// GOMEMLIMIT does not set one. The server is to stay within 200 MB of
// resident memory on the national data (issue 6 and 21): its live heap
// is about 80 MB there, and with the collector's default target (twice
// the live heap) the peak after an instance's first national read went
// past 200 MB. Under this limit the collector runs sooner as the heap
// nears it; SQLite's page caches (4 MiB per connection) and the program
// itself are the rest. It is soft: a heap that needs more gets it, at the
// price of more collection.
const serveMemoryLimit = 150 << 20

// limitMemory sets serveMemoryLimit unless the environment set a limit.
func limitMemory() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(serveMemoryLimit)
	}
}
