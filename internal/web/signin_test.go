package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"tiendo/internal/auth"
)

// accountFlows exercise sign-in, the account page and user administration
// end to end. Each runs in its own test below and, all together on one
// application, in TestScenarios (which checks every route is reached).
var accountFlows = []func(t *testing.T, a *app){
	flowEnrolment, flowOptionalTwoFactor, flowPasswordChange, flowSignOutEverywhere, flowDisableUser, flowAuditPages, flowTokens, flowSSOOff,
	flowUserAdmin, flowUserImport, flowForgotNoMail,
}

func TestSignInEnrolment(t *testing.T)   { flowEnrolment(t, newApp(t)) }
func TestOptionalTwoFactor(t *testing.T) { flowOptionalTwoFactor(t, newApp(t)) }
func TestPasswordChange(t *testing.T)    { flowPasswordChange(t, newApp(t)) }
func TestSignOutEverywhere(t *testing.T) { flowSignOutEverywhere(t, newApp(t)) }
func TestDisableUser(t *testing.T)       { flowDisableUser(t, newApp(t)) }

func (a *app) userID(t *testing.T, username string) int64 {
	t.Helper()
	u, _, err := a.store.UserByName(context.Background(), username)
	if err != nil {
		t.Fatal(err)
	}
	return u.ID
}

// signedIn reports whether c has a live session (the home page answers).
func (c *client) signedIn() bool { return c.get("/").status == http.StatusOK }

// flowEnrolment: a coordinator (whose role requires TOTP) without one gets
// neither a session nor an enrolment from the password (issue 18, point
// 14): the administrator's one-time link sets the password and enrols on
// one page, nothing stored while a field is wrong, shows the recovery codes
// once and works once. From then on the account needs a code; codes are
// not replayable.
func flowEnrolment(t *testing.T, a *app) {
	ctx := context.Background()
	id := a.userID(t, "dieuphoi")
	if err := a.store.DisableTwoFactor(ctx, 0, id); err != nil {
		t.Fatal(err)
	}
	// Put the seeded secret back for the flows that follow on this app.
	defer func() {
		if err := a.store.EnableTwoFactor(ctx, 0, id, testTOTPSecret, 0, nil); err != nil {
			t.Fatal(err)
		}
	}()
	c := a.anon()
	r := c.post("/login", url.Values{"username": {"dieuphoi"}, "password": {testPassword}})
	if r.status != http.StatusUnauthorized || !strings.Contains(r.doc().text("p.alert-error"), "đường dẫn thiết lập") {
		t.Fatalf("password of a coordinator without TOTP: %d %q; want a refusal pointing to the setup link", r.status, r.doc().text("p.alert-error"))
	}
	if c.signedIn() {
		t.Fatal("the password alone gave a session")
	}
	if r := c.get("/login/2fa"); r.header.Get("Location") != "/login" {
		t.Errorf("GET /login/2fa without a challenge → %q", r.header.Get("Location"))
	}

	// The administrator issues the link; the coordinator opens it.
	lr := a.as("admin").post("/users/"+strconv.FormatInt(id, 10)+"/password-link", nil)
	link := strings.TrimSpace(textOf(lr.doc().one("textarea.link-url")))
	path := link[strings.Index(link, "/login/link/"):]
	if lr.status != http.StatusOK || !strings.HasPrefix(link, "http") || len(path) < 40 {
		t.Fatalf("password link: %d %q", lr.status, link)
	}
	d := c.get(path).doc()
	if src := attr(d.one("img.totp-qr"), "src"); !strings.HasPrefix(src, "data:image/png;base64,") {
		t.Fatalf("QR code src %.40q", src)
	}
	secret := strings.ReplaceAll(d.text("code.totp-secret"), " ", "")
	if len(secret) < 16 {
		t.Fatalf("secret %q", secret)
	}
	form := func(pw, confirm, code string) url.Values {
		return url.Values{"password": {pw}, "confirm": {confirm}, "secret": {secret}, "code": {code}}
	}
	r = c.post(path, form(testPassword, testPassword, "000000"))
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "Mã chưa đúng") ||
		strings.ReplaceAll(r.doc().text("code.totp-secret"), " ", "") != secret {
		t.Errorf("wrong first code: %d; want 422 with the same secret", r.status)
	}
	next, _ := auth.TOTPCode(secret, a.totp.peek())
	if r := c.post(path, form("abcdefghijkl", "abcdefghijkl", next)); r.status != http.StatusUnprocessableEntity || r.doc().count(".field.invalid") == 0 {
		t.Errorf("weak password: %d", r.status)
	}
	if c.signedIn() {
		t.Fatal("signed in before the link was used")
	}
	r = c.post(path, form(testPassword, testPassword, next))
	if r.status != http.StatusOK {
		t.Fatalf("link used: %d\n%s", r.status, r.body)
	}
	codes := r.doc().all("ul.recovery-codes code")
	if len(codes) != auth.RecoveryCodeCount {
		t.Fatalf("%d recovery codes shown", len(codes))
	}
	if !c.signedIn() {
		t.Fatal("not signed in after enrolment")
	}
	recovery := textOf(codes[0])
	if r := a.anon().get(path); r.status != http.StatusGone || r.doc().count("p.link-gone") != 1 {
		t.Errorf("link opened again: %d", r.status)
	}

	// From now on: password, then a code. A recovery code works once.
	signIn := func(code string) (*client, *response) {
		c := a.anon()
		if r := c.post("/login", url.Values{"username": {"dieuphoi"}, "password": {testPassword}}); r.header.Get("Location") != "/login/2fa" {
			t.Fatalf("second sign-in → %q", r.header.Get("Location"))
		}
		return c, c.post("/login/2fa", url.Values{"code": {code}})
	}
	c2, r := signIn(strings.ToUpper(recovery))
	if r.status != http.StatusSeeOther || !c2.signedIn() {
		t.Fatalf("recovery code: %d", r.status)
	}
	if _, r := signIn(recovery); r.status != http.StatusUnauthorized || !strings.Contains(r.body, "đã được dùng") {
		t.Errorf("recovery code used twice: %d", r.status)
	}
	at := a.totp.peek()
	code, _ := auth.TOTPCode(secret, at)
	c3, r := signIn(code)
	if r.status != http.StatusSeeOther || !c3.signedIn() {
		t.Fatalf("TOTP code: %d", r.status)
	}
	// The same code again (its step is spent): a replay.
	a.totp.set(at.Add(-30 * time.Second))
	if _, r := signIn(code); r.status != http.StatusUnauthorized {
		t.Errorf("replayed code: %d", r.status)
	}
	if r := a.anon().get("/login/2fa"); r.header.Get("Location") != "/login" {
		t.Errorf("GET /login/2fa without a pending sign-in → %q", r.header.Get("Location"))
	}
	if r := a.anon().post("/login/2fa", url.Values{"code": {"123456"}}); r.header.Get("Location") != "/login" {
		t.Errorf("POST /login/2fa without a pending sign-in → %d %q", r.status, r.header.Get("Location"))
	}
}

// flowOptionalTwoFactor: an officer signs in with a password only, may
// turn TOTP on from the account page (with the password; then needs it),
// renew recovery codes and turn it off (with the password and a code); a
// coordinator may not turn it off, and replaces the authenticator from the
// same page (account_security_test.go has the refusals).
func flowOptionalTwoFactor(t *testing.T, a *app) {
	c := a.as("officer")
	r := c.get("/account")
	if r.status != http.StatusOK || !strings.Contains(r.doc().text(".two-factor-state"), "Chưa bật") {
		t.Fatalf("account page: %d", r.status)
	}
	d := c.get("/account/2fa").doc()
	secret := strings.ReplaceAll(d.text("code.totp-secret"), " ", "")
	if attr(d.one("form[action='/account/2fa'] input[name=secret]"), "value") == "" {
		t.Fatal("enrolment form lacks the secret")
	}
	pw := []string{testPassword}
	if r := c.post("/account/2fa", url.Values{"secret": {secret}, "code": {"999999"}, "password": pw}); r.status != http.StatusUnprocessableEntity {
		t.Errorf("wrong code: %d", r.status)
	}
	code, _ := auth.TOTPCode(secret, a.totp.peek())
	if r := c.post("/account/2fa", url.Values{"secret": {secret}, "code": {code}, "password": pw}); r.status != http.StatusOK || r.doc().count("ul.recovery-codes code") != auth.RecoveryCodeCount {
		t.Fatalf("enable: %d", r.status)
	}
	if r := a.anon().post("/login", url.Values{"username": {"chuyenvien"}, "password": {testPassword}}); r.header.Get("Location") != "/login/2fa" {
		t.Errorf("officer with TOTP on → %q; want the second factor", r.header.Get("Location"))
	}
	code, _ = auth.TOTPCode(secret, a.totp.peek())
	if r := c.post("/account/recovery-codes", url.Values{"code": {code}, "password": pw}); r.status != http.StatusOK || r.doc().count("ul.recovery-codes code") != auth.RecoveryCodeCount {
		t.Errorf("new recovery codes: %d", r.status)
	}
	if r := c.post("/account/2fa/disable", url.Values{"code": {"111111"}, "password": pw}); r.status != http.StatusUnprocessableEntity {
		t.Errorf("disable with a wrong code: %d", r.status)
	}
	code, _ = auth.TOTPCode(secret, a.totp.peek())
	if r := c.post("/account/2fa/disable", url.Values{"code": {code}, "password": pw}); r.header.Get("Location") != "/account?done=2fa-off" {
		t.Errorf("disable: %d %q", r.status, r.header.Get("Location"))
	}
	if r := a.anon().post("/login", url.Values{"username": {"chuyenvien"}, "password": {testPassword}}); r.header.Get("Location") != "/" {
		t.Errorf("officer with TOTP off → %q", r.header.Get("Location"))
	}
	co := a.as("coordinator")
	if r := co.post("/account/2fa/disable", url.Values{"code": {a.totp.code(t)}, "password": pw}); r.status != http.StatusForbidden || !strings.Contains(r.body, "bắt buộc") {
		t.Errorf("coordinator turning TOTP off: %d", r.status)
	}
	if d := co.get("/account/2fa").doc(); d.count("form[action='/account/2fa'] input[name=current]") != 1 {
		t.Error("a coordinator with TOTP on gets no form to replace the authenticator")
	}
}

// flowPasswordChange: the current password is required, the rules apply,
// other sessions end, this one goes on, the new password works.
func flowPasswordChange(t *testing.T, a *app) {
	defer func() { // the seeded password, for the flows that follow on this app
		if err := a.store.SetPassword(context.Background(), 0, a.userID(t, "lanhdao"), passwordHash()); err != nil {
			t.Fatal(err)
		}
	}()
	other := a.as("head")
	c := a.as("head")
	const fresh = "cá lóc nướng trui mùa nước nổi"
	for _, tc := range []struct {
		cur, pw, again, want string
	}{
		{"sai rồi", fresh, fresh, "Mật khẩu hiện tại không đúng"},
		{testPassword, "ngắn", "ngắn", "ít nhất 12"},
		{testPassword, "Password2025!", "Password2025!", "quá phổ biến"},
		{testPassword, "lanhdao-2025-camau", "lanhdao-2025-camau", "tên đăng nhập"},
		{testPassword, fresh, fresh + "x", "không giống nhau"},
	} {
		r := c.post("/account/password", url.Values{"current": {tc.cur}, "new": {tc.pw}, "confirm": {tc.again}})
		if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.doc().text("#password .alert-error"), tc.want) {
			t.Errorf("password %q: %d %q; want %q", tc.pw, r.status, r.doc().text("#password .alert-error"), tc.want)
		}
	}
	r := c.post("/account/password", url.Values{"current": {testPassword}, "new": {fresh}, "confirm": {fresh}})
	if r.header.Get("Location") != "/account?done=password" {
		t.Fatalf("change: %d %q", r.status, r.header.Get("Location"))
	}
	if !c.signedIn() || other.signedIn() {
		t.Errorf("after the change: this session live %t (want true), the other %t (want false)", c.signedIn(), other.signedIn())
	}
	if r := a.anon().post("/login", url.Values{"username": {"lanhdao"}, "password": {fresh}}); r.status != http.StatusSeeOther {
		t.Errorf("sign-in with the new password: %d", r.status)
	}
}

// flowSignOutEverywhere ends this and every other session of the user.
func flowSignOutEverywhere(t *testing.T, a *app) {
	c1, c2, someoneElse := a.as("leader"), a.as("leader"), a.as("officer")
	if r := c1.post("/account/sessions/revoke", nil); r.header.Get("Location") != "/login" {
		t.Fatalf("sign out everywhere → %d %q", r.status, r.header.Get("Location"))
	}
	if c1.signedIn() || c2.signedIn() {
		t.Error("a session survived signing out everywhere")
	}
	if !someoneElse.signedIn() {
		t.Error("another user's session ended")
	}
}

// flowDisableUser: the admin locks an account — its sessions and API token
// stop at once (the token is revoked: unlocking does not bring it back), it
// cannot sign in — unlocks it, and resets a second factor.
func flowDisableUser(t *testing.T, a *app) {
	ctx := context.Background()
	head := a.userID(t, "lanhdao")
	victim := a.as("head")
	token, hash := auth.NewToken()
	if err := a.store.CreateToken(ctx, 0, head, hash, "tích hợp", time.Time{}); err != nil {
		t.Fatal(err)
	}
	api := func() int {
		req, _ := http.NewRequest("GET", a.srv.URL+"/api/v1/plans", nil)
		req.Header.Set("Authorization", "Bearer "+token)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	admin := a.as("admin")
	if r := admin.get("/users"); r.doc().count("form[action='/users/"+ids(head)+"/disable']") != 1 {
		t.Fatal("users page has no lock button")
	}
	if r := admin.post("/users/"+ids(head)+"/disable", nil); r.header.Get("Location") != "/users?done=disabled" {
		t.Fatalf("disable: %d", r.status)
	}
	if victim.signedIn() || api() != http.StatusUnauthorized {
		t.Error("a disabled user's session or token still works")
	}
	if r := a.anon().post("/login", url.Values{"username": {"lanhdao"}, "password": {testPassword}}); r.status != http.StatusUnauthorized {
		t.Errorf("disabled user signs in: %d", r.status)
	}
	if !strings.Contains(admin.get("/users").doc().text("tr[data-user='"+ids(head)+"'] .state"), "Đã khóa") {
		t.Error("users page does not show the lock")
	}
	if r := admin.post("/users/"+ids(head)+"/enable", nil); r.header.Get("Location") != "/users?done=enabled" {
		t.Fatalf("enable: %d", r.status)
	}
	if !a.as("head").signedIn() {
		t.Error("enabled user cannot sign in")
	}
	if api() != http.StatusUnauthorized {
		t.Error("enabling the user brought back the token revoked when disabled")
	}
	if victim.signedIn() {
		t.Error("enabling revived the old session")
	}
	self := a.userID(t, "quantri")
	if r := admin.post("/users/"+ids(self)+"/disable", nil); r.status != http.StatusUnprocessableEntity {
		t.Errorf("admin disabling themselves: %d", r.status)
	}
	coord := a.userID(t, "dieuphoi")
	if r := admin.post("/users/"+ids(coord)+"/reset-2fa", nil); r.header.Get("Location") != "/users?done=2fa-reset" {
		t.Fatalf("reset 2FA: %d", r.status)
	}
	if r := a.anon().post("/login", url.Values{"username": {"dieuphoi"}, "password": {testPassword}}); r.status != http.StatusUnauthorized {
		t.Errorf("coordinator after a reset: %d; want refused until a setup link is used", r.status)
	}
	// Put the seeded secret back for the flows that follow on this app.
	if err := a.store.EnableTwoFactor(ctx, 0, coord, testTOTPSecret, 0, nil); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/disable", "/enable", "/reset-2fa"} {
		if r := a.as("officer").post("/users/"+ids(head)+p, nil); r.status != http.StatusForbidden {
			t.Errorf("officer POST /users/{id}%s: %d", p, r.status)
		}
	}
}

// flowAuditPages reads the audit page and its export (audit_test.go has the filters).
func flowAuditPages(t *testing.T, a *app) {
	c := a.as("admin")
	if r := c.get("/audit?object=user"); r.status != http.StatusOK || !strings.Contains(r.body, "Đăng nhập") {
		t.Errorf("audit page: %d", r.status)
	}
	if r := c.get("/audit.xlsx?object=user"); r.status != http.StatusOK {
		t.Errorf("audit export: %d", r.status)
	}
}

// TestLoginThrottle: five wrong passwords lock the account — even the right
// password is then refused, with the time the lock ends — and twenty
// failures lock the address for every account.
func TestLoginThrottle(t *testing.T) {
	a := newApp(t)
	try := func(user, pw string) *response {
		return a.anon().post("/login", url.Values{"username": {user}, "password": {pw}})
	}
	for i := range 5 {
		if r := try("chuyenvien", "sai mật khẩu "+ids(int64(i))); r.status != http.StatusUnauthorized {
			t.Fatalf("failure %d: %d", i+1, r.status)
		}
	}
	r := try("chuyenvien", testPassword)
	if r.status != http.StatusTooManyRequests || !strings.Contains(r.doc().text(".alert-error"), "Tài khoản tạm bị khóa đăng nhập đến ") || r.header.Get("Retry-After") == "" {
		t.Fatalf("right password on a locked account: %d %q", r.status, r.doc().text(".alert-error"))
	}
	if r := try("CHUYENVIEN ", testPassword); r.status != http.StatusTooManyRequests {
		t.Errorf("the same account spelled otherwise: %d", r.status)
	}
	// Another account from the same address still signs in …
	if r := try("lanhdao", testPassword); r.status != http.StatusSeeOther {
		t.Fatalf("another account: %d", r.status)
	}
	// … until the address has failed 20 times (unknown names count too).
	for i := range 15 {
		try("khong-co-"+ids(int64(i)), "x")
	}
	r = try("lanhdaotinh", testPassword)
	if r.status != http.StatusTooManyRequests || !strings.Contains(r.doc().text(".alert-error"), "Máy của bạn") {
		t.Fatalf("after 20 failures from one address: %d %q", r.status, r.doc().text(".alert-error"))
	}
	// The second factor counts too: wrong codes lock like wrong passwords.
	b := newApp(t)
	c := b.anon()
	c.post("/login", url.Values{"username": {"quantri"}, "password": {testPassword}})
	for range 5 {
		if r := c.post("/login/2fa", url.Values{"code": {"000000"}}); r.status != http.StatusUnauthorized {
			t.Fatalf("wrong code: %d", r.status)
		}
	}
	if r := c.post("/login/2fa", url.Values{"code": {b.totp.code(t)}}); r.status != http.StatusTooManyRequests {
		t.Errorf("right code after five wrong ones: %d", r.status)
	}
}

// flowSSOOff: without a provider configured, the single-sign-on routes do
// not exist (oidc_test.go signs in through one).
func flowSSOOff(t *testing.T, a *app) {
	for _, p := range []string{"/login/oidc", "/login/oidc/callback?code=x&state=y"} {
		if r := a.anon().get(p); r.status != http.StatusNotFound {
			t.Errorf("GET %s with SSO off: %d", p, r.status)
		}
	}
}
