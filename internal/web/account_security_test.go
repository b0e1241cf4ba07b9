package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"tiendo/internal/auth"
)

// TestTwoFactorChangesNeedProof: a session alone (an office PC left
// signed in) cannot take over the second factor. Turning it on needs the
// password; replacing the authenticator, new recovery codes and turning
// it off need the password and a current code (or a recovery code); wrong
// passwords and codes on these forms count toward the sign-in lock, and
// the lock then refuses these forms too.
func TestTwoFactorChangesNeedProof(t *testing.T) {
	a := newApp(t)
	c := a.as("officer")
	d := c.get("/account/2fa").doc()
	secret := strings.ReplaceAll(d.text("code.totp-secret"), " ", "")
	code := func(secret string) string {
		s, err := auth.TOTPCode(secret, a.totp.peek())
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	if r := c.post("/account/2fa", url.Values{"secret": {secret}, "code": {code(secret)}}); r.status != http.StatusUnprocessableEntity {
		t.Errorf("turning 2FA on without the password: %d", r.status)
	}
	r := c.post("/account/2fa", url.Values{"secret": {secret}, "code": {code(secret)}, "password": {testPassword}})
	if r.status != http.StatusOK || r.doc().count("ul.recovery-codes code") != auth.RecoveryCodeCount {
		t.Fatalf("turning 2FA on with the password: %d", r.status)
	}
	recovery := textOf(r.doc().all("ul.recovery-codes code")[0])

	// Someone at the signed-in PC enrols their own authenticator.
	const thief = "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU"
	for _, form := range []url.Values{
		{"secret": {thief}, "code": {code(thief)}},
		{"secret": {thief}, "code": {code(thief)}, "password": {testPassword}},
		{"secret": {thief}, "code": {code(thief)}, "current": {"123456"}},
	} {
		if r := c.post("/account/2fa", form); r.status != http.StatusUnprocessableEntity {
			t.Errorf("replacing the authenticator with %v: %d, want 422", keys(form), r.status)
		}
	}
	for _, form := range []url.Values{{"code": {code(secret)}}, {"password": {testPassword}}} {
		if r := c.post("/account/recovery-codes", form); r.status != http.StatusUnprocessableEntity {
			t.Errorf("new recovery codes with %v: %d, want 422", keys(form), r.status)
		}
		if r := c.post("/account/2fa/disable", form); r.status != http.StatusUnprocessableEntity {
			t.Errorf("turning 2FA off with %v: %d, want 422", keys(form), r.status)
		}
	}
	// The owner's authenticator still signs in; the thief's does not.
	signIn := func(code string) int {
		c := a.anon()
		c.post("/login", url.Values{"username": {"chuyenvien"}, "password": {testPassword}})
		return c.post("/login/2fa", url.Values{"code": {code}}).status
	}
	if s := signIn(code(thief)); s != http.StatusUnauthorized {
		t.Errorf("sign-in with the thief's authenticator: %d", s)
	}
	if s := signIn(code(secret)); s != http.StatusSeeOther {
		t.Errorf("sign-in with the owner's authenticator: %d", s)
	}

	// The owner replaces the phone: a recovery code and the password.
	d = c.get("/account/2fa").doc()
	if d.count("form[action='/account/2fa'] input[name=current]") != 1 || d.count("form[action='/account/2fa'] input[name=password]") != 1 {
		t.Fatal("the page to replace the authenticator asks neither the current code nor the password")
	}
	phone := strings.ReplaceAll(d.text("code.totp-secret"), " ", "")
	r = c.post("/account/2fa", url.Values{"secret": {phone}, "code": {code(phone)}, "current": {recovery}, "password": {testPassword}})
	if r.status != http.StatusOK || r.doc().count("ul.recovery-codes code") != auth.RecoveryCodeCount {
		t.Fatalf("replacing the authenticator with a recovery code and the password: %d", r.status)
	}
	if s := signIn(code(secret)); s != http.StatusUnauthorized {
		t.Errorf("sign-in with the replaced authenticator: %d", s)
	}
	if s := signIn(code(phone)); s != http.StatusSeeOther {
		t.Errorf("sign-in with the new authenticator: %d", s)
	}
	r = c.post("/account/recovery-codes", url.Values{"code": {code(phone)}, "password": {testPassword}})
	if r.status != http.StatusOK || r.doc().count("ul.recovery-codes code") != auth.RecoveryCodeCount {
		t.Errorf("new recovery codes with a code and the password: %d", r.status)
	}

	// Guessing codes on these forms locks them like the sign-in form.
	b := newApp(t)
	co := b.as("coordinator")
	for i := range 5 {
		r := co.post("/account/recovery-codes", url.Values{"code": {"00000" + ids(int64(i))}, "password": {testPassword}})
		if r.status != http.StatusUnprocessableEntity {
			t.Fatalf("wrong code %d: %d", i+1, r.status)
		}
	}
	r = co.post("/account/recovery-codes", url.Values{"code": {b.totp.code(t)}, "password": {testPassword}})
	if r.status != http.StatusTooManyRequests || r.header.Get("Retry-After") == "" ||
		!strings.Contains(r.doc().text("#two-factor .alert-error"), "tạm bị khóa") {
		t.Errorf("the right code after five wrong ones: %d %q", r.status, r.doc().text("#two-factor .alert-error"))
	}
	if r := b.anon().post("/login", url.Values{"username": {"dieuphoi"}, "password": {testPassword}}); r.status != http.StatusTooManyRequests {
		t.Errorf("sign-in after five wrong codes on the account page: %d, want the lock", r.status)
	}
}

// TestPasswordChangeLock: guessing the current password on the account
// page counts toward the sign-in lock, and the lock holds there too —
// even against the right password.
func TestPasswordChangeLock(t *testing.T) {
	a := newApp(t)
	c := a.as("head")
	const fresh = "cá lóc nướng trui mùa nước nổi"
	for i := range 5 {
		r := c.post("/account/password", url.Values{"current": {"đoán thử " + ids(int64(i))}, "new": {fresh}, "confirm": {fresh}})
		if r.status != http.StatusUnprocessableEntity {
			t.Fatalf("wrong current password %d: %d", i+1, r.status)
		}
	}
	r := c.post("/account/password", url.Values{"current": {testPassword}, "new": {fresh}, "confirm": {fresh}})
	if r.status != http.StatusTooManyRequests || r.header.Get("Retry-After") == "" ||
		!strings.Contains(r.doc().text("#password .alert-error"), "tạm bị khóa") {
		t.Fatalf("the right password after five wrong ones: %d %q", r.status, r.doc().text("#password .alert-error"))
	}
	if r := a.anon().post("/login", url.Values{"username": {"lanhdao"}, "password": {fresh}}); r.status == http.StatusSeeOther {
		t.Error("the password was changed behind the lock")
	}
	if !c.signedIn() {
		t.Error("the lock ended the session: it only refuses the forms that check a credential")
	}
}

// keys lists a form's field names, for messages.
func keys(v url.Values) []string {
	var out []string
	for k := range v {
		out = append(out, k)
	}
	return out
}
