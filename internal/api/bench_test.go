package api_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"tiendo/internal/auth"
	"tiendo/internal/clock"
	"tiendo/internal/plan"
	"tiendo/internal/server"
	"tiendo/internal/store"
	"tiendo/internal/store/dbtest"
)

// benchPlan seeds one plan of n tasks in 20 groups: a third completed, the
// rest spread over due dates around today; one in twenty continuous (judged
// per period), one in twenty without a deadline.
func benchPlan(b *testing.B, st *store.Store, n int) int64 {
	b.Helper()
	d := plan.Draft{Plan: plan.Plan{Code: "1000/KH-UBND", Title: "Kế hoạch lớn", Status: plan.PlanActive}}
	d.Sections = append(d.Sections, plan.DraftSection{Section: plan.Section{Kind: plan.KindPart, Number: "III", Label: "III", HoldsTasks: true}, Parent: -1})
	for g := 1; g <= 20; g++ {
		d.Sections = append(d.Sections, plan.DraftSection{Section: plan.Section{Kind: plan.KindGroup,
			Number: fmt.Sprint(g), Label: fmt.Sprintf("III.%d", g), Title: fmt.Sprintf("Nhóm %d", g), HoldsTasks: true}, Parent: 0})
	}
	for i := range n {
		t := plan.Task{
			Title:   fmt.Sprintf("Nhiệm vụ %d", i+1),
			Text:    fmt.Sprintf("Nhiệm vụ số %d: đẩy mạnh chuyển đổi số, phát triển khoa học, công nghệ và đổi mới sáng tạo trong lĩnh vực được giao.", i+1),
			Product: "Báo cáo kết quả thực hiện",
		}
		switch {
		case i%10 != 9:
			t.Deadline = plan.Deadline{Kind: plan.DeadlineDate, Text: "theo ngày", Due: plan.Date(2025, 1, 1).AddDate(0, 0, i%730)}
		case i%20 == 19: // one in twenty continuous (judged per period), one in twenty without a deadline
			t.Deadline = plan.Deadline{Kind: plan.DeadlineContinuous, Text: "thường xuyên"}
		}
		if i%3 == 0 {
			t.CompletedOn = plan.Date(2025, 1, 15)
		}
		d.Tasks = append(d.Tasks, plan.DraftTask{Task: t, Section: 1 + i%20})
	}
	id, err := st.CreatePlan(context.Background(), 0, &d)
	if err != nil {
		b.Fatal(err)
	}
	return id
}

// benchStore is a new store for a benchmark: SQLite in its temporary
// directory, or a fresh PostgreSQL schema with TIENDO_TEST_BACKEND=postgres
// (and TIENDO_TEST_POSTGRES), so that a write's round trips to a server
// are measured too (dbtest.Default).
func benchStore(b *testing.B) *store.Store {
	b.Helper()
	return dbtest.Default(b).Open(b)
}

// benchListServer is the application over a plan of 10,000 tasks, with a
// leader's API token: what both list benchmarks read.
func benchListServer(b *testing.B) (http.Handler, int64, string) {
	b.Helper()
	ctx := context.Background()
	st := benchStore(b)
	planID := benchPlan(b, st, 10_000)
	u := auth.User{Username: "bench", Role: auth.RoleLeader}
	if err := st.CreateUser(ctx, 0, &u, fakeHash); err != nil {
		b.Fatal(err)
	}
	token, hash := auth.NewToken()
	if err := st.CreateToken(ctx, 0, u.ID, hash, "bench", time.Time{}); err != nil {
		b.Fatal(err)
	}
	h, err := server.New(server.Config{Store: st, Clock: clock.Fixed(today)})
	if err != nil {
		b.Fatal(err)
	}
	return h, planID, token
}

// BenchmarkListOpenTasksByDue measures the API's hot path over HTTP (a real
// listener, keep-alive connections) with 16 concurrent clients on a plan of
// 10,000 tasks: GET /plans/{id}/tasks?status=open&sort=due&limit=50.
// It reports req/s and the 99th-percentile latency beside ns/op.
func BenchmarkListOpenTasksByDue(b *testing.B) {
	h, planID, token := benchListServer(b)
	srv := httptest.NewServer(h)
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	url := fmt.Sprintf("%s/api/v1/plans/%d/tasks?status=open&sort=due&limit=50", srv.URL, planID)

	// One request first: a plan's reporting periods are generated on its
	// first use (the statuses of recurring tasks are judged in them), once.
	warm, _ := http.NewRequest("GET", url, nil)
	warm.Header.Set("Authorization", "Bearer "+token)
	if res, err := client.Do(warm); err != nil || res.StatusCode != 200 {
		b.Fatalf("first request: %v", err)
	} else {
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
	}

	var mu sync.Mutex
	var latencies []time.Duration
	b.SetParallelism(max(1, 16/runtime.GOMAXPROCS(0))) // 16 clients, as in the target
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		var mine []time.Duration
		for pb.Next() {
			req, _ := http.NewRequest("GET", url, nil)
			req.Header.Set("Authorization", "Bearer "+token)
			t0 := time.Now()
			res, err := client.Do(req)
			if err != nil {
				b.Error(err)
				return
			}
			_, _ = io.Copy(io.Discard, res.Body)
			res.Body.Close()
			mine = append(mine, time.Since(t0))
			if res.StatusCode != 200 {
				b.Errorf("status %d", res.StatusCode)
				return
			}
		}
		mu.Lock()
		latencies = append(latencies, mine...)
		mu.Unlock()
	})
	elapsed := time.Since(start)
	b.StopTimer()
	if len(latencies) > 0 {
		slices.Sort(latencies)
		p99 := latencies[len(latencies)*99/100]
		b.ReportMetric(float64(p99.Microseconds())/1000, "p99-ms")
		b.ReportMetric(float64(len(latencies))/elapsed.Seconds(), "req/s")
	}
}

// BenchmarkListOpenTasksByDueOne is the same list answered by the handler
// one request at a time, without a network: the server's cost of one
// request (CPU time per request is what a loaded machine measures best).
func BenchmarkListOpenTasksByDueOne(b *testing.B) {
	h, planID, token := benchListServer(b)
	url := fmt.Sprintf("/api/v1/plans/%d/tasks?status=open&sort=due&limit=50", planID)
	do := func() {
		req := httptest.NewRequest("GET", url, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
	do() // the plan's periods are generated on first use
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		do()
	}
}
