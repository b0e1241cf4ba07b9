package api_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"tiendo/internal/store/dbtest"
)

// BenchmarkFlowHTTP is the deadline mix's flow writes in process (issue
// 21): 16 agencies' heads submit their reports (60 lines each) and the
// coordinator returns each at once, over HTTP, 16 clients at a time, one
// agency each — an op is one submit or one return, the API's default
// answer (the summary). It reports the CPU time per op of the process
// (clients and server: cpuTime; PostgreSQL's own is not in it), the 99th
// percentile and the ops per second, on SQLite and, with
// TIENDO_TEST_POSTGRES set, PostgreSQL.
func BenchmarkFlowHTTP(b *testing.B) {
	for _, d := range []struct {
		name string
		open func(testing.TB) *dbtest.DB
	}{{"sqlite", dbtest.SQLite}, {"postgres", dbtest.Postgres}} {
		b.Run(d.name, func(b *testing.B) {
			const clients = 16
			f := benchReportsOn(b, d.open(b).Open(b), clients, 60)
			srv := httptest.NewServer(f.h)
			defer srv.Close()
			client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 2 * clients}}
			post := func(path, token, body string) error {
				req, _ := http.NewRequest("POST", srv.URL+"/api/v1"+path, strings.NewReader(body))
				req.Header.Set("Authorization", "Bearer "+token)
				if body != "" {
					req.Header.Set("Content-Type", "application/json")
				}
				res, err := client.Do(req)
				if err != nil {
					return err
				}
				raw, _ := io.ReadAll(res.Body)
				res.Body.Close()
				if res.StatusCode != http.StatusOK {
					return fmt.Errorf("POST %s: %d %s", path, res.StatusCode, raw)
				}
				return nil
			}
			var left atomic.Int64
			left.Store(int64(b.N))
			var mu sync.Mutex
			var latencies []time.Duration
			var wg sync.WaitGroup
			b.ResetTimer()
			start, cpu0 := time.Now(), cpuTime()
			for i := range clients {
				wg.Go(func() {
					var mine []time.Duration
					for n := 0; left.Add(-1) >= 0; n++ {
						path, token, body := fmt.Sprintf("/reports/%d/submit", f.ids[i]), f.tokens[i], ""
						if n%2 == 1 {
							path, token, body = fmt.Sprintf("/reports/%d/return", f.ids[i]), f.coordToken, `{"reason":"Đo tải."}`
						}
						t0 := time.Now()
						if err := post(path, token, body); err != nil {
							b.Error(err)
							return
						}
						mine = append(mine, time.Since(t0))
					}
					mu.Lock()
					latencies = append(latencies, mine...)
					mu.Unlock()
				})
			}
			wg.Wait()
			elapsed, cpu := time.Since(start), cpuTime()-cpu0
			b.StopTimer()
			reportLoad(b, latencies, elapsed, cpu)
		})
	}
}
