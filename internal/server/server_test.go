package server_test

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tiendo/internal/auth"
	"tiendo/internal/clock"
	"tiendo/internal/plan"
	"tiendo/internal/server"
	"tiendo/internal/store"
)

// today is the fixed day of every test: 20 June 2025, noon in Vietnam.
var today = time.Date(2025, 6, 20, 12, 0, 0, 0, clock.Local)

// password is the coordinator's password (one Argon2id hash per test).
const password = "mật khẩu đủ dài 2025"

// fixture is the application over a fresh SQLite store holding one plan
// with one task section, and a coordinator account.
type fixture struct {
	t       *testing.T
	st      *store.Store
	h       http.Handler
	planID  int64
	section int64
	user    *auth.User
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	f := &fixture{t: t, st: st}

	f.planID, err = st.CreatePlan(ctx, 0, &plan.Draft{
		Plan: plan.Plan{Code: "99/KH-UBND", Title: "Kế hoạch thử", Status: plan.PlanActive},
		Sections: []plan.DraftSection{
			{Section: plan.Section{Kind: plan.KindPart, Number: "III", Label: "III", Title: "NHIỆM VỤ", HoldsTasks: true}, Parent: -1},
		},
		Tasks: []plan.DraftTask{{Section: 0, Task: plan.Task{Title: "Quán triệt", Text: "Quán triệt Nghị quyết."}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	secs, err := st.Sections(ctx, f.planID)
	if err != nil || len(secs) != 1 {
		t.Fatalf("sections: %v, %v", secs, err)
	}
	f.section = secs[0].ID

	hash, err := auth.HashPassword(password)
	if err != nil {
		t.Fatal(err)
	}
	f.user = &auth.User{Username: "dieuphoi", Role: auth.RoleCoordinator}
	if err := st.CreateUser(ctx, 0, f.user, hash); err != nil {
		t.Fatal(err)
	}

	// No second factor here: these tests are about what wraps the
	// application (CSRF, headers); the web package tests sign-in.
	f.h, err = server.New(server.Config{Store: st, Clock: clock.Fixed(today),
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), TwoFactorRoles: []auth.Role{}})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// serve runs one request through the whole application.
func (f *fixture) serve(r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	f.h.ServeHTTP(w, r)
	return w
}

// count returns the number of rows in a table, read straight from the database.
func (f *fixture) count(table string) int {
	f.t.Helper()
	var n int
	err := f.st.Transact(context.Background(), func(tx *sql.Tx) error {
		return tx.QueryRow("SELECT count(*) FROM " + table).Scan(&n)
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return n
}

// session starts a web session for the coordinator through the store and
// returns its cookie value.
func (f *fixture) session() string {
	f.t.Helper()
	token, hash := auth.NewToken()
	if err := f.st.CreateSession(context.Background(), hash, f.user.ID, today.Add(time.Hour)); err != nil {
		f.t.Fatal(err)
	}
	return token
}

func TestHealthz(t *testing.T) {
	f := newFixture(t)
	w := f.serve(httptest.NewRequest("GET", "/healthz", nil))
	if w.Code != http.StatusOK || strings.TrimSpace(w.Body.String()) != "ok" {
		t.Fatalf("healthz = %d %q, want 200 ok", w.Code, w.Body.String())
	}
	if cc := w.Header().Get("Cache-Control"); cc != "no-store" {
		t.Errorf("Cache-Control = %q, want no-store", cc)
	}
	// No sign-in needed: load balancers probe it.
	if w := f.serve(httptest.NewRequest("HEAD", "/healthz", nil)); w.Code != http.StatusOK {
		t.Errorf("HEAD /healthz = %d, want 200", w.Code)
	}

	if err := f.st.Close(); err != nil {
		t.Fatal(err)
	}
	w = f.serve(httptest.NewRequest("GET", "/healthz", nil))
	if w.Code != http.StatusServiceUnavailable {
		t.Fatalf("healthz with the store closed = %d, want 503", w.Code)
	}
	if body := w.Body.String(); strings.Contains(body, "sql") || strings.Contains(body, "closed") {
		t.Errorf("healthz shows internals: %q", body)
	}
}

// checkSecurityHeaders checks the headers every response carries.
func checkSecurityHeaders(t *testing.T, what string, h http.Header) {
	t.Helper()
	csp := h.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("%s: CSP %q lacks %q", what, csp, want)
		}
	}
	for _, bad := range []string{"'unsafe-inline'", "'unsafe-eval'", "*"} {
		if strings.Contains(csp, bad) {
			t.Errorf("%s: CSP %q allows %s", what, csp, bad)
		}
	}
	for name, want := range map[string]string{
		"X-Content-Type-Options": "nosniff",
		"X-Frame-Options":        "DENY",
		"Referrer-Policy":        "same-origin",
	} {
		if got := h.Get(name); got != want {
			t.Errorf("%s: %s = %q, want %q", what, name, got, want)
		}
	}
}

func TestSecurityHeaders(t *testing.T) {
	f := newFixture(t)
	cookie := f.session()
	for _, tc := range []struct {
		method, path string
		cookie       bool
		want         int
	}{
		{"GET", "/healthz", false, http.StatusOK},
		{"GET", "/login", false, http.StatusOK},
		{"GET", "/plans", false, http.StatusSeeOther}, // to the sign-in page
		{"GET", "/plans", true, http.StatusOK},
		{"GET", "/no/such/page", true, http.StatusNotFound},
		{"GET", "/api/v1/plans", false, http.StatusUnauthorized},
		{"GET", "/api/v1/plans", true, http.StatusOK},
		{"GET", "/api/v1/openapi.json", false, http.StatusOK},
		{"GET", "/open/", false, http.StatusOK},
		{"GET", "/audit.xlsx", true, http.StatusOK},     // a download
		{"POST", "/logout", true, http.StatusForbidden}, // refused: no Origin (csrf.go)
	} {
		r := httptest.NewRequest(tc.method, tc.path, nil)
		if tc.cookie {
			r.AddCookie(&http.Cookie{Name: auth.SessionCookie, Value: cookie})
		}
		w := f.serve(r)
		what := fmt.Sprintf("%s %s (cookie %v)", tc.method, tc.path, tc.cookie)
		if w.Code != tc.want {
			t.Errorf("%s = %d, want %d", what, w.Code, tc.want)
		}
		checkSecurityHeaders(t, what, w.Header())
		if hsts := w.Header().Get("Strict-Transport-Security"); hsts != "" {
			t.Errorf("%s over plain HTTP sends HSTS %q", what, hsts)
		}
	}
}

// TestHSTSOverTLS: Strict-Transport-Security only on TLS connections, so a
// provincial server reached over plain HTTP on the LAN is not locked out.
func TestHSTSOverTLS(t *testing.T) {
	f := newFixture(t)
	for _, tc := range []struct {
		name string
		srv  *httptest.Server
		hsts bool
	}{
		{"tls", httptest.NewTLSServer(f.h), true},
		{"plain", httptest.NewServer(f.h), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			defer tc.srv.Close()
			res, err := tc.srv.Client().Get(tc.srv.URL + "/healthz")
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != http.StatusOK {
				t.Fatalf("status %d", res.StatusCode)
			}
			checkSecurityHeaders(t, tc.name, res.Header)
			hsts := res.Header.Get("Strict-Transport-Security")
			if tc.hsts && !strings.HasPrefix(hsts, "max-age=") {
				t.Errorf("HSTS = %q, want max-age=…", hsts)
			}
			if !tc.hsts && hsts != "" {
				t.Errorf("HSTS = %q over plain HTTP, want none", hsts)
			}
		})
	}
}

// TestCrossOriginRefused: a page on another site cannot make a signed-in
// browser (or a visitor's) post forms or API calls: 403, and nothing is
// stored. The same requests from the application's own pages go through,
// which shows the refusals are the CSRF defence and not bad input.
func TestCrossOriginRefused(t *testing.T) {
	crossSite := map[string]string{"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"}
	for _, tc := range []struct {
		name    string
		headers map[string]string
	}{
		{"origin and sec-fetch-site", crossSite},
		{"sec-fetch-site only", map[string]string{"Sec-Fetch-Site": "cross-site"}},
		{"origin only (older browsers)", map[string]string{"Origin": "https://evil.example"}},
		{"same-site but other origin", map[string]string{"Origin": "https://other.example.com", "Sec-Fetch-Site": "same-site"}},
	} {
		t.Run("login/"+tc.name, func(t *testing.T) {
			f := newFixture(t)
			w := f.serve(loginRequest(tc.headers))
			if w.Code != http.StatusForbidden {
				t.Errorf("cross-origin POST /login = %d, want 403", w.Code)
			}
			if c := w.Header().Get("Set-Cookie"); c != "" {
				t.Errorf("cross-origin POST /login sets a cookie: %s", c)
			}
			if n := f.count("sessions"); n != 0 {
				t.Errorf("%d sessions stored, want 0", n)
			}
			checkSecurityHeaders(t, "403", w.Header())
		})
		t.Run("api/"+tc.name, func(t *testing.T) {
			f := newFixture(t)
			cookie := f.session()
			before, audits := f.count("tasks"), f.count("audit_log")
			w := f.serve(f.createTaskRequest(cookie, tc.headers))
			if w.Code != http.StatusForbidden {
				t.Errorf("cross-origin POST /api/v1/plans/%d/tasks = %d, want 403\n%s", f.planID, w.Code, w.Body)
			}
			if n := f.count("tasks"); n != before {
				t.Errorf("tasks: %d, want %d (nothing stored)", n, before)
			}
			if n := f.count("audit_log"); n != audits {
				t.Errorf("audit log: %d entries, want %d", n, audits)
			}
		})
	}

	t.Run("same origin passes", func(t *testing.T) {
		f := newFixture(t)
		for _, h := range []map[string]string{
			{"Sec-Fetch-Site": "same-origin", "Origin": "http://example.com"},
			nil, // curl, scripts: no browser headers
		} {
			w := f.serve(loginRequest(h))
			if w.Code != http.StatusSeeOther || !strings.Contains(w.Header().Get("Set-Cookie"), auth.SessionCookie+"=") {
				t.Errorf("POST /login with %v = %d (Set-Cookie %q), want 303 and a session", h, w.Code, w.Header().Get("Set-Cookie"))
			}
		}
		if n := f.count("sessions"); n != 2 {
			t.Errorf("%d sessions stored, want 2", n)
		}
		before := f.count("tasks")
		w := f.serve(f.createTaskRequest(f.session(), map[string]string{"Sec-Fetch-Site": "same-origin", "Origin": "http://example.com"}))
		if w.Code != http.StatusCreated {
			t.Errorf("same-origin POST tasks = %d, want 201\n%s", w.Code, w.Body)
		}
		if n := f.count("tasks"); n != before+1 {
			t.Errorf("tasks: %d, want %d", n, before+1)
		}
	})
}

// loginRequest posts the coordinator's right credentials with the given headers.
func loginRequest(headers map[string]string) *http.Request {
	form := url.Values{"username": {"dieuphoi"}, "password": {password}}
	r := httptest.NewRequest("POST", "/login", strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for k, v := range headers {
		r.Header.Set(k, v)
	}
	return r
}

// createTaskRequest posts a valid new task with a session cookie and the given headers.
func (f *fixture) createTaskRequest(cookie string, headers map[string]string) *http.Request {
	body := fmt.Sprintf(`{"section_id":%d,"text":"Nhiệm vụ do trang khác gửi tới."}`, f.section)
	r := httptest.NewRequest("POST", fmt.Sprintf("/api/v1/plans/%d/tasks", f.planID), strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	r.AddCookie(&http.Cookie{Name: auth.SessionCookie, Value: cookie})
	for k, v := range headers {
		r.Header.Set(k, v)
	}
	return r
}
