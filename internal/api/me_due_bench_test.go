package api_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"tiendo/internal/auth"
	"tiendo/internal/clock"
	"tiendo/internal/gen"
	"tiendo/internal/server"
)

// BenchmarkMeDueHTTP is the deadline mix's "Việc của tôi" read in process
// (issue 21): 16 clients, each an agency's head, GET /me/due in turn over
// generated data (4 provinces and the national programme, 200 agencies,
// 4,000 tasks, 8 quarters of reports), nothing written meanwhile. It
// reports the CPU per read (clients and server), p99 and req/s.
func BenchmarkMeDueHTTP(b *testing.B) {
	ctx := context.Background()
	st := benchStore(b)
	day := time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)
	if _, err := gen.Run(ctx, st, gen.Config{Provinces: 4, Agencies: 200, Tasks: 4000, Quarters: 8, Seed: 1,
		Today: day, Password: "Mật-khẩu-thử-nghiệm-42", National: true}); err != nil {
		b.Fatal(err)
	}
	users, err := st.Users(ctx)
	if err != nil {
		b.Fatal(err)
	}
	var tokens []string
	seen := map[int64]bool{}
	for _, u := range users {
		if u.Role != auth.RoleHead || u.Disabled || seen[u.AgencyID] || len(tokens) == 16 {
			continue
		}
		seen[u.AgencyID] = true
		t, hash := auth.NewToken()
		if _, err := st.CreateScopedToken(ctx, 0, u.ID, hash, "bench", auth.ScopeReport, time.Time{}); err != nil {
			b.Fatal(err)
		}
		tokens = append(tokens, t)
	}
	h, err := server.New(server.Config{Store: st, Clock: clock.Fixed(day.Add(5 * time.Hour))})
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	var n atomic.Int64
	parallelHTTP(b, srv.URL, func() *http.Request {
		req, _ := http.NewRequest("GET", srv.URL+"/api/v1/me/due", nil)
		req.Header.Set("Authorization", "Bearer "+tokens[n.Add(1)%int64(len(tokens))])
		return req
	})
}
