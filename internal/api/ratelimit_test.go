package api_test

import (
	"io"
	"log/slog"
	"net/http"
	"testing"
	"time"

	"tiendo/internal/auth"
	"tiendo/internal/clock"
	"tiendo/internal/ratelimit"
	"tiendo/internal/server"
)

// TestRateLimitedWritesAreDocumented: past the write limit, every kind of
// write answers 429 rate_limited with Retry-After, as the document says of
// each write (the contract check validates each answer), and stores nothing.
func TestRateLimitedWritesAreDocumented(t *testing.T) {
	e := newEnv(t)
	now := today
	h, err := server.New(server.Config{Store: e.st, Clock: clock.Fixed(today), Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Writes: ratelimit.New(0.5, 1, func() time.Time { return now })})
	if err != nil {
		t.Fatal(err)
	}
	e.h = h
	// The coordinator's one write of the burst goes through…
	if r := e.do("PATCH", "/tasks/{T1}", auth.RoleCoordinator, `{"product":"Báo cáo"}`, nil); r.Status != http.StatusOK {
		t.Fatalf("first write: %d %s", r.Status, r.Raw)
	}
	before := e.task("T1").Version
	// …then each write is refused, whatever the route.
	for _, w := range []struct{ method, path, body string }{
		{"PATCH", "/tasks/{T1}", `{"product":"Khác"}`},
		{"POST", "/plans/{P1}/tasks", `{"section_id":{III.1},"text":"Việc mới."}`},
		{"POST", "/plans/{P1}/amendments", `{"number":"1/QĐ","effective":"2025-07-01","remove":[{T6}]}`},
		{"POST", "/plans/{P2}/replacement", `{"replaces":{P1}}`},
		{"POST", "/agencies/reorganisations", `{"kind":"dissolve","from":[{NV}],"effective":"2025-07-01","decision":"1/QĐ"}`},
		{"POST", "/extensions/999/decide", `{"approve":true}`},
		{"POST", "/reports/999/accept", ""},
	} {
		r := e.do(w.method, w.path, auth.RoleCoordinator, w.body, nil)
		if r.Status != http.StatusTooManyRequests || r.Header.Get("Retry-After") != "2" {
			t.Errorf("%s %s: %d, Retry-After %q", w.method, w.path, r.Status, r.Header.Get("Retry-After"))
			continue
		}
		checkError(t, r, "rate_limited")
	}
	// An officer's burst is their own; their second delete is refused.
	e.do("DELETE", "/files/999", auth.RoleOfficer, "", nil)
	if r := e.do("DELETE", "/files/999", auth.RoleOfficer, "", nil); r.Status != http.StatusTooManyRequests {
		t.Errorf("DELETE /files past the limit: %d", r.Status)
	}
	if v := e.task("T1").Version; v != before {
		t.Errorf("a refused write changed the task: version %d → %d", before, v)
	}
	// Reads are not limited.
	if r := e.do("GET", "/tasks/{T1}", auth.RoleCoordinator, "", nil); r.Status != http.StatusOK {
		t.Errorf("a read past the write limit: %d", r.Status)
	}
}
