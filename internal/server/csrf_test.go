package server_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
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

// TestCSRFBearerExemption: the bearer-token exemption from the Origin
// rule holds only where a token is what authenticates — an API route —
// and only for a live token. A cookie request without Origin that adds
// any "Authorization: Bearer …" to a web route (which ignores the header
// and acts on the cookie), or a dead token to an API route, is refused.
func TestCSRFBearerExemption(t *testing.T) {
	f := newFixture(t)
	cookie := f.session()
	token, hash := auth.NewToken()
	if err := f.st.CreateToken(t.Context(), 0, f.user.ID, hash, "tích hợp", today.AddDate(0, 1, 0)); err != nil {
		t.Fatal(err)
	}
	signOut := func(bearer string) *http.Request {
		r := httptest.NewRequest("POST", "/account/sessions/revoke", nil)
		r.AddCookie(&http.Cookie{Name: auth.SessionCookie, Value: cookie})
		r.Header.Set("Authorization", "Bearer "+bearer)
		return r
	}
	for _, bearer := range []string{"x", token} {
		if w := f.serve(signOut(bearer)); w.Code != http.StatusForbidden {
			t.Errorf("cookie POST to a web route with a bearer header (%d chars) and no Origin = %d, want 403", len(bearer), w.Code)
		}
	}
	if n := f.count("sessions"); n != 1 {
		t.Fatalf("%d sessions left; a refused request signed out", n)
	}
	tasks := f.count("tasks")
	r := f.createTaskRequest(cookie, map[string]string{"Authorization": "Bearer not-a-token"})
	if w := f.serve(r); w.Code != http.StatusForbidden || !strings.Contains(w.Body.String(), "cross_origin") {
		t.Errorf("cookie POST to the API with a dead bearer token and no Origin = %d, want 403 cross_origin\n%s", w.Code, w.Body)
	}
	r = f.createTaskRequest(cookie, map[string]string{"Authorization": "Bearer " + token})
	if w := f.serve(r); w.Code != http.StatusCreated {
		t.Errorf("POST to the API with a live bearer token and no Origin = %d, want 201\n%s", w.Code, w.Body)
	}
	if f.count("tasks") != tasks+1 {
		t.Error("tasks: want exactly the bearer one created")
	}
}
