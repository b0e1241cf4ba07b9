package server_test

import (
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"tiendo/internal/auth"
	"tiendo/internal/clock"
	"tiendo/internal/server"
)

// TestAdmission: with serve --max-active 1, a request that holds the one
// turn (here a sign-in whose body never arrives) makes the next request of
// the application wait, while the health checks and the metrics answer at
// once; the metrics show the queue; the waiting request is served when the
// turn frees.
func TestAdmission(t *testing.T) {
	f := newFixture(t)
	h, err := server.New(server.Config{Store: f.st, Clock: clock.Fixed(today), Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		TwoFactorRoles: []auth.Role{}, MaxActive: 1})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()

	stuck, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(stuck, "POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nusername=")

	metric := func() string {
		res, err := http.Get(srv.URL + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return string(b)
	}
	waitFor := func(what, want string) {
		t.Helper()
		for deadline := time.Now().Add(10 * time.Second); !strings.Contains(metric(), want); time.Sleep(5 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("metrics never showed %s (%s)", want, what)
			}
		}
	}
	waitFor("the stuck sign-in holds the turn", "tiendo_http_requests_active 1")

	done := make(chan int, 1)
	go func() {
		res, err := http.Get(srv.URL + "/open/")
		if err != nil {
			done <- 0
			return
		}
		res.Body.Close()
		done <- res.StatusCode
	}()
	waitFor("the open data page waits", "tiendo_http_requests_waiting 1")
	for _, path := range []string{"/healthz", "/readyz"} {
		res, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Errorf("%s while the application is full = %d, want 200 at once", path, res.StatusCode)
		}
	}
	select {
	case code := <-done:
		t.Fatalf("/open/ answered %d while the one turn was held", code)
	default:
	}

	stuck.Close() // the sign-in fails on its cut body and frees the turn
	select {
	case code := <-done:
		if code != http.StatusOK {
			t.Errorf("/open/ after its wait = %d, want 200", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("/open/ was never served after the turn freed")
	}
	waitFor("the queue empties", "tiendo_http_requests_waiting 0")
}
