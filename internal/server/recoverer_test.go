package server

import (
	"bytes"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestRecoverer: a panic in a handler becomes a 500 with a message a person
// can act on; the panic and its stack go to the log, never to the client.
func TestRecoverer(t *testing.T) {
	const secret = "SELECT password_hash FROM users WHERE id = 7"
	for _, tc := range []struct {
		name   string
		panic  any
		logged string // what the log must show of the panic
	}{
		{"string", secret, "SELECT password_hash"},
		{"error", errors.New(secret), "SELECT password_hash"},
		{"runtime error", nil, "nil map"}, // a nil map write, as real bugs do
	} {
		t.Run(tc.name, func(t *testing.T) {
			var logs bytes.Buffer
			h := recoverer(slog.New(slog.NewTextHandler(&logs, nil)), http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if tc.panic == nil {
					var m map[string]int
					m[secret]++
				}
				panic(tc.panic)
			}))
			w := httptest.NewRecorder()
			h.ServeHTTP(w, httptest.NewRequest("POST", "/tasks/7/edit", nil))
			if w.Code != http.StatusInternalServerError {
				t.Errorf("status %d, want 500", w.Code)
			}
			body := w.Body.String()
			if !strings.Contains(body, "Lỗi máy chủ") {
				t.Errorf("body %q: want the Vietnamese server-error message", body)
			}
			for _, leak := range []string{"SELECT", "password", "panic", "goroutine", ".go:", "nil map"} {
				if strings.Contains(body, leak) {
					t.Errorf("body %q shows internals (%q)", body, leak)
				}
			}
			log := logs.String()
			for _, want := range []string{"level=ERROR", "method=POST", "path=/tasks/7/edit", tc.logged, "stack="} {
				if !strings.Contains(log, want) {
					t.Errorf("log lacks %q:\n%s", want, log)
				}
			}
		})
	}
}

// TestRecovererPassesThrough: without a panic the handler's answer is untouched.
func TestRecovererPassesThrough(t *testing.T) {
	var logs bytes.Buffer
	h := recoverer(slog.New(slog.NewTextHandler(&logs, nil)), http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Test", "1")
		w.WriteHeader(http.StatusTeapot)
		w.Write([]byte("ấm trà"))
	}))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
	if w.Code != http.StatusTeapot || w.Body.String() != "ấm trà" || w.Header().Get("X-Test") != "1" {
		t.Errorf("got %d %q %v", w.Code, w.Body, w.Header())
	}
	if logs.Len() != 0 {
		t.Errorf("logged %q", logs.String())
	}
}

// TestRecovererAbortHandler: http.ErrAbortHandler is net/http's way to
// abort a response; it is passed on, not turned into a 500.
func TestRecovererAbortHandler(t *testing.T) {
	var logs bytes.Buffer
	h := recoverer(slog.New(slog.NewTextHandler(&logs, nil)), http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		panic(http.ErrAbortHandler)
	}))
	w := httptest.NewRecorder()
	defer func() {
		if v := recover(); v != http.ErrAbortHandler {
			t.Errorf("recovered %v, want http.ErrAbortHandler re-panicked", v)
		}
		if w.Code == http.StatusInternalServerError || w.Body.Len() != 0 {
			t.Errorf("wrote %d %q for an aborted response", w.Code, w.Body)
		}
		if logs.Len() != 0 {
			t.Errorf("logged an abort as an error: %q", logs.String())
		}
	}()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
}
