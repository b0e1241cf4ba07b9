package server_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"tiendo/internal/auth"
)

// TestCSRFWithoutOrigin: a POST that carries the session cookie but no
// Origin and no Sec-Fetch-Site (what a forged request from an old or odd
// client looks like) is refused and stores nothing; the same request with a
// same-origin header, and a bearer-token request, pass.
func TestCSRFWithoutOrigin(t *testing.T) {
	f := newFixture(t)
	cookie := f.session()
	tasks, audits := f.count("tasks"), f.count("audit_log")

	w := f.serve(f.createTaskRequest(cookie, nil))
	if w.Code != http.StatusForbidden {
		t.Fatalf("cookie POST without Origin = %d, want 403\n%s", w.Code, w.Body)
	}
	var body struct {
		Error struct{ Code, Message string }
	}
	if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil || body.Error.Code != "cross_origin" || !strings.Contains(body.Error.Message, "nguồn gửi") {
		t.Errorf("body = %s (%v)", w.Body, err)
	}
	if f.count("tasks") != tasks || f.count("audit_log") != audits {
		t.Error("a refused request stored something")
	}

	// The web form routes too.
	r := loginRequest(nil)
	r.URL.Path = "/logout"
	r.AddCookie(&http.Cookie{Name: auth.SessionCookie, Value: cookie})
	if w := f.serve(r); w.Code != http.StatusForbidden || strings.Contains(w.Body.String(), "goroutine") {
		t.Errorf("cookie POST /logout without Origin = %d", w.Code)
	}

	if w := f.serve(f.createTaskRequest(cookie, map[string]string{"Origin": "http://example.com"})); w.Code != http.StatusCreated {
		t.Errorf("same-origin POST = %d, want 201\n%s", w.Code, w.Body)
	}
	token, hash := auth.NewToken()
	if err := f.st.CreateToken(t.Context(), 0, f.user.ID, hash, "tích hợp", today.AddDate(0, 1, 0)); err != nil {
		t.Fatal(err)
	}
	br := f.createTaskRequest("", nil)
	br.Header.Del("Cookie")
	br.Header.Set("Authorization", "Bearer "+token)
	if w := f.serve(br); w.Code != http.StatusCreated {
		t.Errorf("bearer POST = %d, want 201\n%s", w.Code, w.Body)
	}
}
