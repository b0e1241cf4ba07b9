package web_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	usecases "tiendo/internal/app"

	"tiendo/internal/auth"
	"tiendo/internal/clock"
	"tiendo/internal/web"
)

// TestLogoutEndsSession checks that signing out kills the session in the
// database, not only the cookie: a copied cookie stops working.
func TestLogoutEndsSession(t *testing.T) {
	a := newApp(t)
	c := a.as("leader")
	u, _ := url.Parse(a.srv.URL)
	var token string
	for _, ck := range c.http.Jar.Cookies(u) {
		if ck.Name == auth.SessionCookie {
			token = ck.Value
		}
	}
	if token == "" {
		t.Fatal("no session cookie after sign-in")
	}
	if r := c.post("/logout", nil); r.status != http.StatusSeeOther {
		t.Fatalf("logout: %d", r.status)
	}
	thief := a.anon()
	thief.http.Jar.SetCookies(u, []*http.Cookie{{Name: auth.SessionCookie, Value: token, Path: "/"}})
	if r := thief.get("/plans"); r.status != http.StatusSeeOther || !strings.HasPrefix(r.header.Get("Location"), "/login") {
		t.Errorf("old session cookie after logout: %d %s", r.status, r.header.Get("Location"))
	}
}

// TestCrossOriginPostRefused checks the CSRF defence: a form posted from
// another site is refused and changes nothing.
func TestCrossOriginPostRefused(t *testing.T) {
	a := newApp(t)
	c := a.as("coordinator")
	before := a.task(a.f.taskLater)
	v := url.Values{"version": {"1"}, "text": {"Bị sửa từ trang khác"}}
	req, _ := http.NewRequest("POST", a.srv.URL+"/tasks/"+ids(a.f.taskLater)+"/edit", strings.NewReader(v.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "https://evil.example")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	if r := c.do(req); r.status != http.StatusForbidden {
		t.Errorf("cross-origin POST: %d", r.status)
	}
	if after := a.task(a.f.taskLater); after.Version != before.Version || after.Text != before.Text {
		t.Error("cross-origin POST changed the task")
	}
}

// TestSessionCookie checks the cookie's protections: HttpOnly, SameSite=Lax,
// and Secure when configured for TLS.
func TestSessionCookie(t *testing.T) {
	a := newApp(t)
	for _, secure := range []bool{false, true} {
		uc := usecases.New(usecases.Config{Store: a.store, Clock: clock.Fixed(testNow)})
		h, err := web.New(web.Config{App: uc, Clock: clock.Fixed(testNow), SecureCookies: secure})
		if err != nil {
			t.Fatal(err)
		}
		v := url.Values{"username": {"lanhdaotinh"}, "password": {testPassword}}
		req := httptest.NewRequest("POST", "/login", strings.NewReader(v.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		res := w.Result()
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("login: %d", res.StatusCode)
		}
		var ck *http.Cookie
		for _, c := range res.Cookies() {
			if c.Name == auth.SessionCookie {
				ck = c
			}
		}
		if ck == nil || !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Secure != secure || ck.Path != "/" {
			t.Errorf("secure=%v: cookie %+v", secure, ck)
		}
	}
}

// TestInternalErrorHidesDetails checks that a failing database gives a
// generic Vietnamese page and a log line, never the driver's message.
func TestInternalErrorHidesDetails(t *testing.T) {
	a := newApp(t)
	c := a.as("leader")
	a.store.Close()
	r := c.get("/plans")
	if r.status != http.StatusInternalServerError {
		t.Fatalf("status %d", r.status)
	}
	d := r.doc()
	if got := d.text("p.alert-error[data-status=500]"); !strings.Contains(got, "Đã có lỗi xảy ra") {
		t.Errorf("message %q", got)
	}
	if low := strings.ToLower(r.body); strings.Contains(low, "sql") || strings.Contains(low, "database") {
		t.Errorf("page shows internals:\n%s", excerpt(r.body))
	}
	if !strings.Contains(a.logText(), "level=ERROR") {
		t.Error("the failure was not logged")
	}
}
