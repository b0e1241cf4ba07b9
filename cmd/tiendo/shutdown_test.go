package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"tiendo/internal/auth"
)

// TestServerTimeouts: a client that sends half a request line and then
// nothing (slow loris) is cut off after the header timeout.
func TestServerTimeouts(t *testing.T) {
	srv := newHTTPServer(http.NotFoundHandler(), slog.New(slog.NewTextHandler(io.Discard, nil)),
		timeouts{readHeader: 200 * time.Millisecond, read: time.Second, write: time.Second, idle: time.Second})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	defer srv.Close()
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprint(conn, "GET / HTTP/1.1\r\nHost: tiendo\r\nX-Slow: ")
	start := time.Now()
	conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	io.Copy(io.Discard, conn) // returns when the server closes the connection
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("a stalled client held the connection for %s (header timeout 200 ms)", d)
	}
	if defaultTimeouts.readHeader <= 0 || defaultTimeouts.read <= 0 || defaultTimeouts.write <= 0 || defaultTimeouts.idle <= 0 {
		t.Errorf("a default timeout is unset: %+v", defaultTimeouts)
	}
}

// TestGracefulShutdown: stopping serve (SIGTERM) while a request's body is
// still arriving lets that request finish and its write land; new
// connections are refused; serve returns cleanly.
func TestGracefulShutdown(t *testing.T) {
	db := tempDB(t)
	if r := runCmd(t, "mat-khau-rat-dai-2026\n", "user", "add", "--db", db, "--username", "lan", "--role", "leader", "--password-stdin"); r.err != nil {
		t.Fatal(r.err)
	}
	sv := startServe(t, "--db", db)
	conn, err := net.Dial("tcp", sv.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	form := url.Values{"username": {"lan"}, "password": {"mat-khau-rat-dai-2026"}}.Encode()
	fmt.Fprintf(conn, "POST /login HTTP/1.1\r\nHost: %s\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n%s",
		sv.addr, len(form), form[:5])
	time.Sleep(100 * time.Millisecond) // the server is reading the body
	sv.cancel()                        // SIGTERM
	time.Sleep(300 * time.Millisecond)
	if c, err := net.DialTimeout("tcp", sv.addr, time.Second); err == nil {
		c.Close()
		t.Error("a new connection was accepted during shutdown")
	}
	fmt.Fprint(conn, form[5:])
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("the request in flight got no answer: %v", err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || !strings.Contains(res.Header.Get("Set-Cookie"), auth.SessionCookie) {
		t.Fatalf("the request in flight: %d %q", res.StatusCode, res.Header.Get("Set-Cookie"))
	}
	select {
	case err := <-sv.done:
		sv.done <- err
		if err != nil {
			t.Fatalf("serve returned %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not return")
	}
	// The sign-in it answered is stored.
	s := openStore(t, db)
	entries, err := s.AuditEntries(context.Background(), 1)
	if err != nil || len(entries) != 1 || entries[0].Action != "session.create" {
		t.Errorf("last audit entry %+v (%v); want the session of the request in flight", entries, err)
	}
}
