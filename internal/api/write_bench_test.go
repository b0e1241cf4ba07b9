package api_test

import (
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// BenchmarkPatchTaskHTTP is W3 in process (issue 21): 16 clients PATCH
// random tasks among 500 of a 10,000-task plan, without a version (last
// writer wins), changing the product and the deadline — what
// scripts/wrk/patch_task.lua sends. Writes queue for SQLite's one
// writer, so the time inside the write transaction is what bounds it.
func BenchmarkPatchTaskHTTP(b *testing.B) {
	srv, _, _, token := benchTaskServer(b)
	var n atomic.Int64
	parallelHTTP(b, srv.URL, func() *http.Request {
		i := n.Add(1)
		body := fmt.Sprintf(`{"product":"Sản phẩm cập nhật lần %d","deadline_text":"tháng %d/2027"}`, i, i%12+1)
		req, _ := http.NewRequest("PATCH", fmt.Sprintf("%s/api/v1/tasks/%d", srv.URL, 101+rand.IntN(500)), strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/json")
		return req
	})
}

// BenchmarkEntrySaveHTTP is the deadline mix's entry write in process: 16
// agencies' heads, one client each, save random lines of their report (60
// lines) with PUT /reports/{id}/entries/{task}, without a version.
func BenchmarkEntrySaveHTTP(b *testing.B) {
	const clients = 16
	f := benchReports(b, clients, 60)
	srv := httptest.NewServer(f.h)
	defer srv.Close()
	var n atomic.Int64
	parallelHTTP(b, srv.URL, func() *http.Request {
		i := n.Add(1)
		a := int(i % clients) // the agencies in turn
		task := f.lines[a][rand.IntN(len(f.lines[a]))]
		body := fmt.Sprintf(`{"status":"in_progress","percent":%d,"result":"Kết quả đạt được lần %d."}`, i%100, i)
		req, _ := http.NewRequest("PUT", fmt.Sprintf("%s/api/v1/reports/%d/entries/%d", srv.URL, f.ids[a], task), strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+f.tokens[a])
		req.Header.Set("Content-Type", "application/json")
		return req
	})
}

// cpuTime is the CPU time this process (clients and server) has used: on
// a shared, loaded machine the CPU a request costs varies less than its
// wall-clock time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// parallelHTTP sends the requests next makes from 16 clients over
// keep-alive connections and reports req/s and the 99th-percentile
// latency, and the CPU time per request (cpuTime); every answer must be a 2xx.
func parallelHTTP(b *testing.B, url string, next func() *http.Request) {
	b.Helper()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	var mu sync.Mutex
	var latencies []time.Duration
	b.SetParallelism(max(1, 16/runtime.GOMAXPROCS(0)))
	b.ResetTimer()
	start, cpu0 := time.Now(), cpuTime()
	b.RunParallel(func(pb *testing.PB) {
		var mine []time.Duration
		for pb.Next() {
			req := next()
			t0 := time.Now()
			res, err := client.Do(req)
			if err != nil {
				b.Error(err)
				return
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			mine = append(mine, time.Since(t0))
			if res.StatusCode/100 != 2 {
				b.Errorf("%s %s: status %d: %s", req.Method, req.URL.Path, res.StatusCode, body)
				return
			}
		}
		mu.Lock()
		latencies = append(latencies, mine...)
		mu.Unlock()
	})
	elapsed, cpu := time.Since(start), cpuTime()-cpu0
	b.StopTimer()
	reportLoad(b, latencies, elapsed, cpu)
}

// reportLoad reports the CPU time per op, the 99th-percentile latency and
// the requests per second of a load of len(latencies) requests that took
// elapsed and cpu (cpuTime).
func reportLoad(b *testing.B, latencies []time.Duration, elapsed, cpu time.Duration) {
	b.ReportMetric(float64(cpu.Microseconds())/float64(b.N), "cpu-µs/op")
	if len(latencies) > 0 {
		slices.Sort(latencies)
		b.ReportMetric(float64(latencies[len(latencies)*99/100].Microseconds())/1000, "p99-ms")
		b.ReportMetric(float64(len(latencies))/elapsed.Seconds(), "req/s")
	}
}
