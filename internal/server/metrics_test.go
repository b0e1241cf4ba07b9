package server_test

import (
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"tiendo/internal/auth"
	"tiendo/internal/clock"
	"tiendo/internal/metrics"
	"tiendo/internal/server"
)

func TestReadyz(t *testing.T) {
	f := newFixture(t)
	var draining atomic.Bool
	h, err := server.New(server.Config{Store: f.st, Clock: clock.Fixed(today), Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Draining: draining.Load})
	if err != nil {
		t.Fatal(err)
	}
	get := func() *httptest.ResponseRecorder {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", "/readyz", nil))
		return w
	}
	if w := get(); w.Code != http.StatusOK || strings.TrimSpace(w.Body.String()) != "ready" {
		t.Fatalf("readyz = %d %q", w.Code, w.Body)
	}
	draining.Store(true)
	if w := get(); w.Code != http.StatusServiceUnavailable {
		t.Errorf("readyz while draining = %d, want 503", w.Code)
	}
	draining.Store(false)
	f.st.Close()
	if w := get(); w.Code != http.StatusServiceUnavailable {
		t.Errorf("readyz with the database closed = %d, want 503", w.Code)
	}
}

// TestMetrics: requests are timed by route pattern (not by path), the
// database pools and job runs are reported, and only local or private
// addresses may read them.
func TestMetrics(t *testing.T) {
	f := newFixture(t)
	m := metrics.New(f.st.PoolStats)
	h, err := server.New(server.Config{Store: f.st, Clock: clock.Fixed(today), Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Metrics: m, TwoFactorRoles: []auth.Role{}})
	if err != nil {
		t.Fatal(err)
	}
	cookie := f.session()
	for _, path := range []string{"/plans", "/plans/" + strconv.FormatInt(f.planID, 10), "/api/v1/plans", "/khong-co"} {
		r := httptest.NewRequest("GET", path, nil)
		r.AddCookie(&http.Cookie{Name: auth.SessionCookie, Value: cookie})
		h.ServeHTTP(httptest.NewRecorder(), r)
	}
	m.Observe("reminders", 2*time.Second, nil)
	m.Observe("backup", time.Second, errors.New("x"))

	r := httptest.NewRequest("GET", "/metrics", nil) // from 192.0.2.1: a public address
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Code != http.StatusNotFound {
		t.Errorf("metrics from a public address: %d", w.Code)
	}
	r = httptest.NewRequest("GET", "/metrics", nil)
	r.RemoteAddr = "127.0.0.1:40000"
	w = httptest.NewRecorder()
	h.ServeHTTP(w, r)
	body := w.Body.String()
	for _, want := range []string{
		`tiendo_http_request_duration_seconds_count{code="2xx",method="GET",route="GET /plans"} 1`,
		`tiendo_http_request_duration_seconds_count{code="2xx",method="GET",route="GET /plans/{id}"} 1`,
		`tiendo_http_request_duration_seconds_count{code="2xx",method="GET",route="GET /api/v1/plans"} 1`,
		`tiendo_http_request_duration_seconds_count{code="4xx",method="GET",route="other"} 1`,
		`tiendo_db_connections_open{pool="write"}`,
		`tiendo_db_connections_open{pool="read"}`,
		`tiendo_job_runs_total{job="reminders",result="ok"} 1`,
		`tiendo_job_runs_total{job="backup",result="error"} 1`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	if strings.Contains(body, `route="/plans/`) {
		t.Error("a raw path became a label")
	}
}
