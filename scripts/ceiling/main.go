// Command ceiling is a plain Go net/http handler serving 1 KB: the
// machine's ceiling, measured beside every load run in the same run
// (scripts/speed.sh, docs/PERFORMANCE.md), since absolute figures on a
// shared machine vary two- to three-fold between runs.
//
//	go run ./scripts/ceiling 127.0.0.1:18311
package main

import (
	"bytes"
	"log"
	"net/http"
	"os"
)

func main() {
	if len(os.Args) != 2 {
		log.Fatal("usage: ceiling ADDRESS")
	}
	body := bytes.Repeat([]byte("x"), 1024)
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		_, _ = w.Write(body)
	})
	log.Fatal(http.ListenAndServe(os.Args[1], nil))
}
