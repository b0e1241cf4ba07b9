package main

import (
	"os"
	"runtime/debug"
)

// serveMemoryLimit is the Go heap's soft limit for `tiendo serve` when
// GOMEMLIMIT does not set one. The server is to stay within 200 MB of
// resident memory on the national data (issue 6 and 21): its live heap
// is 60–80 MB there, and with the collector's default target (twice the
// live heap) the peak over an instance's first national read under load
// went to 200–320 MB. Under this limit the collector runs sooner as the
// heap nears it; SQLite's page caches (4 MiB per connection, outside the
// Go heap) and the program's mapped text (about 30 MB) are the rest — at
// 150 MiB the peak was still 198–207 MB, and at 120 MiB it sat at the
// line (180–204 MB over a round's runs); at 110 MiB it was 185–189 MB,
// the mix's p99 a few milliseconds higher. It is soft: a heap that needs
// more gets it, at the price of more collection.
const serveMemoryLimit = 110 << 20

// limitMemory sets serveMemoryLimit unless the environment set a limit.
func limitMemory() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(serveMemoryLimit)
	}
}
