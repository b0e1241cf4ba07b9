package web_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/zitadel/oidc/v3/example/server/exampleop"
	"github.com/zitadel/oidc/v3/example/server/storage"

	"tiendo/internal/audit"
	"tiendo/internal/auth"
)

// Single sign-on against a real OpenID provider: the example OpenID
// Provider of zitadel/oidc (an OpenID-certified library), run in the test
// on a loopback port with its in-memory storage. Its web client has
// idTokenUserinfoClaimsAssertion off, so, as several providers do in the
// code flow (OpenID Connect Core §5.4), the ID token carries sub and no
// profile or e-mail claim: preferred_username, email and email_verified
// come only from its userinfo endpoint. The browser is an HTTP client
// with a cookie jar following every redirect: tiendo → the provider's
// sign-in form → the provider's callback → tiendo's.

// opUsers is the provider's user register (storage.UserStore).
type opUsers map[string]*storage.User

func (u opUsers) GetUserByID(id string) *storage.User { return u[id] }
func (u opUsers) ExampleClientID() string             { return "service" }
func (u opUsers) GetUserByUsername(name string) *storage.User {
	for _, x := range u {
		if x.Username == name {
			return x
		}
	}
	return nil
}

// realOP is the running provider and what it was asked.
type realOP struct {
	srv      *httptest.Server
	userinfo atomic.Int32 // requests to its userinfo endpoint
}

// newRealOP starts the example provider in front of users, with tiendo's
// client registered for redirect, and an app signing in through it by claim.
func newRealOP(t *testing.T, users opUsers, claim string) (*realOP, *app) {
	t.Helper()
	op := &realOP{}
	var h http.Handler
	op.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/userinfo") {
			op.userinfo.Add(1)
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(op.srv.Close)
	a := newOIDCApp(t, op.srv.URL, claim)
	st := storage.NewStorageWithClients(users, map[string]*storage.Client{
		oidcClientID: storage.WebClient(oidcClientID, oidcClientSecret, a.srv.URL+"/login/oidc/callback"),
	})
	h = exampleop.SetupServer(op.srv.URL, st, nil, false)
	return op, a
}

// signIn goes through the whole code flow as a browser with c's cookies,
// typing username and password into the provider's form; it returns the
// last answer (tiendo's page after the callback) and its body.
func (op *realOP) signIn(t *testing.T, a *app, c *client, username, next string) (*http.Response, string) {
	t.Helper()
	browser := &http.Client{Jar: c.http.Jar}
	res, err := browser.Get(a.srv.URL + "/login/oidc?next=" + url.QueryEscape(next))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	id := res.Request.URL.Query().Get("authRequestID")
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Request.URL.String(), op.srv.URL+"/login/username") || id == "" {
		t.Fatalf("tiendo did not send the browser to the provider's sign-in form: %d %s", res.StatusCode, res.Request.URL)
	}
	res, err = browser.PostForm(op.srv.URL+"/login/username", url.Values{"username": {username}, "password": {"mat-khau-sso"}, "id": {id}})
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if !strings.HasPrefix(res.Request.URL.String(), a.srv.URL) {
		t.Fatalf("the provider did not send the browser back to tiendo: %d %s\n%s", res.StatusCode, res.Request.URL, body)
	}
	return res, string(body)
}

// auditCount counts the audit log: a refused sign-in must leave it as it was.
func auditCount(t *testing.T, a *app) int {
	t.Helper()
	rows, err := a.store.AuditSearch(context.Background(), audit.Filter{Limit: 100_000})
	if err != nil {
		t.Fatal(err)
	}
	return len(rows)
}

func TestSSOWithARealProvider(t *testing.T) {
	users := opUsers{}
	for _, u := range []*storage.User{
		{ID: "op-101", Username: "chuyenvien", Email: "chuyenvien@camau.gov.vn", EmailVerified: true},
		{ID: "op-102", Username: "lanhdaotinh", Email: "lanhdaotinh@camau.gov.vn", EmailVerified: true},
		{ID: "op-103", Username: "nguoila", Email: "nguoila@example.org", EmailVerified: true},
	} {
		u.Password, u.FirstName, u.LastName = "mat-khau-sso", "Người", "Dùng"
		users[u.ID] = u
	}
	op, a := newRealOP(t, users, "preferred_username")
	ctx := context.Background()

	// §16: the ID token names nobody; the claim comes from userinfo.
	c := a.anon()
	res, _ := op.signIn(t, a, c, "chuyenvien", "/reports")
	if res.Request.URL.Path != "/reports" || res.StatusCode != http.StatusOK || !c.signedIn() {
		t.Fatalf("signing in through the provider: %d at %s", res.StatusCode, res.Request.URL)
	}
	if op.userinfo.Load() == 0 {
		t.Error("the provider's userinfo endpoint was never asked: the test does not test what it says")
	}
	if !strings.Contains(c.get("/account").body, "chuyenvien") {
		t.Error("signed in, but not as chuyenvien")
	}
	// Linked by subject from then on.
	if linked, err := a.store.UserHasIdentity(ctx, op.srv.URL, a.userID(t, "chuyenvien")); err != nil || !linked {
		t.Errorf("chuyenvien is not linked to the provider's account: %v", err)
	}

	// Someone the register lacks is refused, and nothing is written.
	before := auditCount(t, a)
	if res, body := op.signIn(t, a, a.anon(), "nguoila", "/"); res.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "chưa có trong tiendo") {
		t.Errorf("an unknown person: %d at %s", res.StatusCode, res.Request.URL)
	}

	// §17: a disabled user is refused before anything is written: no link,
	// no audit row, so enabling the account later starts afresh.
	leader := a.userID(t, "lanhdaotinh")
	if err := a.store.SetUserDisabled(ctx, 0, leader, true); err != nil {
		t.Fatal(err)
	}
	before = auditCount(t, a)
	c = a.anon()
	if res, body := op.signIn(t, a, c, "lanhdaotinh", "/"); res.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "đã bị khóa") || c.signedIn() {
		t.Errorf("a disabled user: %d at %s", res.StatusCode, res.Request.URL)
	}
	if linked, _ := a.store.UserHasIdentity(ctx, op.srv.URL, leader); linked {
		t.Error("the refused sign-in of a disabled user linked the provider's account")
	}
	if n := auditCount(t, a); n != before {
		t.Errorf("the refused sign-in wrote %d audit rows", n-before)
	}
	if err := a.store.SetUserDisabled(ctx, 0, leader, false); err != nil {
		t.Fatal(err)
	}
	c = a.anon()
	if res, _ := op.signIn(t, a, c, "lanhdaotinh", "/"); res.StatusCode != http.StatusOK || !c.signedIn() {
		t.Errorf("enabled again: %d at %s", res.StatusCode, res.Request.URL)
	}
}

// TestSSOEmailMustBeVerified: with --oidc-claim email, an address the
// provider has not verified names nobody (§18); a verified one does.
func TestSSOEmailMustBeVerified(t *testing.T) {
	users := opUsers{
		"op-201": {ID: "op-201", Username: "ke-mao-danh", Email: "thuky@camau.gov.vn", EmailVerified: false},
		"op-202": {ID: "op-202", Username: "thuky.sso", Email: "thuky@camau.gov.vn", EmailVerified: true},
	}
	for _, u := range users {
		u.Password = "mat-khau-sso"
	}
	op, a := newRealOP(t, users, "email")
	ctx := context.Background()
	officer, _, err := a.store.UserByName(ctx, "chuyenvien")
	if err != nil {
		t.Fatal(err)
	}
	thuky := auth.User{Username: "thuky", FullName: "Võ Thư Ký", Email: "thuky@camau.gov.vn", Role: auth.RoleOfficer, AgencyID: officer.AgencyID}
	if err := a.store.CreateUser(ctx, 0, &thuky, "$argon2id$v=19$m=65536,t=3,p=2$c2FsdHNhbHRzYWx0$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5"); err != nil {
		t.Fatal(err)
	}

	before := auditCount(t, a)
	c := a.anon()
	res, body := op.signIn(t, a, c, "ke-mao-danh", "/")
	if res.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "chưa được hệ thống đăng nhập một lần xác minh") || c.signedIn() {
		t.Errorf("an unverified address: %d at %s", res.StatusCode, res.Request.URL)
	}
	if linked, _ := a.store.UserHasIdentity(ctx, op.srv.URL, thuky.ID); linked || auditCount(t, a) != before {
		t.Error("the refused sign-in with an unverified address wrote something")
	}

	c = a.anon()
	if res, _ := op.signIn(t, a, c, "thuky.sso", "/"); res.StatusCode != http.StatusOK || !c.signedIn() {
		t.Fatalf("a verified address: %d at %s", res.StatusCode, res.Request.URL)
	}
	if !strings.Contains(c.get("/account").body, "thuky") {
		t.Error("signed in, but not as thuky")
	}
}

// TestBrowserSSO: in Chromium, a person presses the single-sign-on button,
// signs in on the provider's own page and lands in tiendo signed in; an
// address the provider has not verified is refused with the reason on the
// sign-in page.
func TestBrowserSSO(t *testing.T) {
	users := opUsers{
		"op-301": {ID: "op-301", Username: "thuky.sso", Email: "thuky@camau.gov.vn", EmailVerified: true, Password: "mat-khau-sso"},
		"op-302": {ID: "op-302", Username: "ke-mao-danh", Email: "thuky@camau.gov.vn", EmailVerified: false, Password: "mat-khau-sso"},
	}
	_, a := newRealOP(t, users, "email")
	officer, _, err := a.store.UserByName(context.Background(), "chuyenvien")
	if err != nil {
		t.Fatal(err)
	}
	thuky := auth.User{Username: "thuky", FullName: "Võ Thư Ký", Email: "thuky@camau.gov.vn", Role: auth.RoleOfficer, AgencyID: officer.AgencyID}
	if err := a.store.CreateUser(context.Background(), 0, &thuky, "$argon2id$v=19$m=65536,t=3,p=2$c2FsdHNhbHRzYWx0$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5"); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, a)
	through := func(username string) {
		b.do("single sign-on as "+username,
			chromedp.Navigate(a.srv.URL+"/login"),
			chromedp.Click(chromedp.CSS("a.sso-login")),
			chromedp.WaitVisible(chromedp.CSS("#username")),
			chromedp.SendKeys(chromedp.CSS("#username"), username),
			chromedp.SendKeys(chromedp.CSS("#password"), "mat-khau-sso"),
			chromedp.Submit(chromedp.CSS("#password")),
			chromedp.WaitVisible(chromedp.CSS("main")),
		)
	}
	through("ke-mao-danh")
	if msg := b.text("main"); !strings.Contains(msg, "chưa được hệ thống đăng nhập một lần xác minh") {
		t.Errorf("the refusal of an unverified address says: %q", msg)
	}
	b.do("phone", chromedp.EmulateViewport(390, 844)) // the provider's page is wider than a phone
	b.shot("sso-refused-390")
	b.do("wide", chromedp.EmulateViewport(1366, 900))
	b.shot("sso-refused-1366")
	b.do("phone", chromedp.EmulateViewport(390, 844))
	through("thuky.sso")
	if path, err := chromedp.Run(b.ctx, chromedp.Evaluate[string]("location.pathname")); err != nil || path != "/" {
		t.Fatalf("after signing in through the provider: at %q, %v", path, err)
	}
	if b.count("nav.main-nav a[href='/']") != 1 { // folded in the phone's menu: present, not shown
		t.Error("signed in, but no navigation")
	}
	b.shot("sso-signed-in-390")
}
