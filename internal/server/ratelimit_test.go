package server_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"tiendo/internal/auth"
	"tiendo/internal/clock"
	"tiendo/internal/ratelimit"
	"tiendo/internal/server"
)

// TestWriteRateLimit: past the burst, a user's writes get 429 with
// Retry-After and store nothing, in the API and the web UI alike; reads
// and other users are not affected.
func TestWriteRateLimit(t *testing.T) {
	f := newFixture(t)
	now := today
	limiter := ratelimit.New(1, 3, func() time.Time { return now })
	h, err := server.New(server.Config{Store: f.st, Clock: clock.Fixed(today), Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		TwoFactorRoles: []auth.Role{}, Writes: limiter})
	if err != nil {
		t.Fatal(err)
	}
	f.h = h
	token, hash := auth.NewToken()
	if err := f.st.CreateToken(t.Context(), 0, f.user.ID, hash, "tích hợp", time.Time{}); err != nil {
		t.Fatal(err)
	}
	create := func() *http.Response {
		r := f.createTaskRequest("", nil)
		r.Header.Del("Cookie")
		r.Header.Set("Authorization", "Bearer "+token)
		return f.serve(r).Result()
	}
	for i := range 3 {
		if res := create(); res.StatusCode != http.StatusCreated {
			t.Fatalf("write %d: %d", i+1, res.StatusCode)
		}
	}
	tasks := f.count("tasks")
	res := create()
	if res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") != "1" {
		t.Fatalf("fourth write: %d, Retry-After %q", res.StatusCode, res.Header.Get("Retry-After"))
	}
	var body struct {
		Error struct{ Code, Message string }
	}
	json.NewDecoder(res.Body).Decode(&body)
	if body.Error.Code != "rate_limited" || !strings.Contains(body.Error.Message, "giây") {
		t.Errorf("body %+v", body)
	}
	if f.count("tasks") != tasks {
		t.Error("a limited write stored something")
	}
	// Reads go on.
	r := f.createTaskRequest("", nil)
	r.Method, r.Body = "GET", nil
	r.Header.Set("Authorization", "Bearer "+token)
	if w := f.serve(r); w.Code == http.StatusTooManyRequests {
		t.Error("a read was limited")
	}
	// The web UI shares the limit: the sign-in form is counted by address.
	for i := range 3 {
		if w := f.serve(loginRequest(nil)); w.Code != http.StatusSeeOther {
			t.Fatalf("sign-in %d: %d", i+1, w.Code)
		}
	}
	w := f.serve(loginRequest(nil))
	if w.Code != http.StatusTooManyRequests || !strings.Contains(w.Body.String(), "quá nhiều thao tác") {
		t.Errorf("fourth sign-in: %d", w.Code)
	}
	// A second later, one more write.
	now = now.Add(time.Second)
	if res := create(); res.StatusCode != http.StatusCreated {
		t.Errorf("write after waiting: %d", res.StatusCode)
	}
}
