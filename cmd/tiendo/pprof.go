//go:build pprof

package main

import (
	"log"
	"net/http"
	_ "net/http/pprof" // the profiles, on their own listener
	"os"
)

// A binary built with -tags pprof serves Go's profiles on the address in
// TIENDO_PPROF (e.g. 127.0.0.1:6060), apart from the application's own
// listener and routes, so that a load run can be profiled where the time
// goes (docs/PERFORMANCE.md). Release builds leave this file out.
func init() {
	addr := os.Getenv("TIENDO_PPROF")
	if addr == "" {
		return
	}
	go func() { log.Println(http.ListenAndServe(addr, nil)) }()
}
