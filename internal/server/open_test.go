package server_test

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestOpenDataMounted: /open redirects to /open/, which answers without a
// login and carries the security headers of every response.
func TestOpenDataMounted(t *testing.T) {
	f := newFixture(t)
	rec := httptest.NewRecorder()
	f.h.ServeHTTP(rec, httptest.NewRequest("GET", "/open", nil))
	if rec.Code != http.StatusMovedPermanently || rec.Header().Get("Location") != "/open/" {
		t.Fatalf("GET /open: %d → %q", rec.Code, rec.Header().Get("Location"))
	}
	for _, p := range []string{"/open/", "/open/catalog.jsonld"} {
		rec = httptest.NewRecorder()
		f.h.ServeHTTP(rec, httptest.NewRequest("GET", p, nil))
		if rec.Code != http.StatusOK || rec.Header().Get("Content-Security-Policy") == "" {
			t.Errorf("GET %s: %d, CSP %q", p, rec.Code, rec.Header().Get("Content-Security-Policy"))
		}
	}
}
