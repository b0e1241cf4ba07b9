package app_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"tiendo/internal/app"
	"tiendo/internal/audit"
	"tiendo/internal/auth"
	"tiendo/internal/clock"
	"tiendo/internal/derrors"
)

// signInPassword is the password the sign-in tests give their users.
const signInPassword = "Đất Mũi Cà Mau 2025 mùa nước nổi"

// stepClock is a TOTP clock the test moves by hand: codes are checked at
// whatever time it was last set to.
type stepClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *stepClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// step moves the clock one TOTP time-step on and returns the new time.
func (c *stepClock) step() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(30 * time.Second)
	return c.t
}

// signInApp is the fixture's app with a TOTP clock the test steps, and
// real password hashes for the users named.
func signInApp(t *testing.T, f *fixture, users ...*auth.User) (*app.App, *stepClock) {
	t.Helper()
	hash, err := auth.HashPassword(signInPassword)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range users {
		if err := f.store.SetPassword(context.Background(), 0, u.ID, hash); err != nil {
			t.Fatal(err)
		}
	}
	totp := &stepClock{t: time.Now()}
	a := app.New(app.Config{Store: f.store, Clock: clock.Fixed(testNow), Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		SignIn: app.SignInPolicy{TOTPClock: totp}})
	return a, totp
}

// totpCode is secret's code at the clock's next step.
func totpCode(t *testing.T, c *stepClock, secret string) string {
	t.Helper()
	code, err := auth.TOTPCode(secret, c.step())
	if err != nil {
		t.Fatal(err)
	}
	return code
}

func TestSignInWithPassword(t *testing.T) {
	f := newFixture(t)
	a, _ := signInApp(t, f, f.officer, f.head)
	ctx := context.Background()
	signIn := func(name, pw, ip string) (app.SignInStep, error) {
		return a.SignInWithPassword(ctx, app.PasswordSignIn{Username: name, Password: pw, IP: ip, Next: "/reports"})
	}

	// A role without a second factor gets a session at once.
	step, err := signIn(" chuyenvien ", signInPassword, "10.0.0.1")
	if err != nil || step.Session == "" || step.Challenge != "" || step.Next != "/reports" {
		t.Fatalf("sign-in = %+v, %v; want a session", step, err)
	}
	if u, err := a.SessionUser(ctx, step.Session); err != nil || u.ID != f.officer.ID {
		t.Fatalf("session user = %v, %v", u, err)
	}

	// A wrong password and an unknown user get the same answer.
	_, wrong := signIn("chuyenvien", "sai mật khẩu", "10.0.0.1")
	_, unknown := signIn("khongco", signInPassword, "10.0.0.1")
	if !errors.Is(wrong, derrors.Forbidden) || derrors.MessageOf(wrong) == "" || derrors.MessageOf(wrong) != derrors.MessageOf(unknown) {
		t.Errorf("wrong password: %v; unknown user: %v; want one Forbidden message", wrong, unknown)
	}

	// Five failures lock the account, even against the right password.
	for range 4 {
		if _, err := signIn("CHUYENVIEN", "sai", "10.0.0.2"); !errors.Is(err, derrors.Forbidden) {
			t.Fatalf("wrong password: %v", err)
		}
	}
	_, err = signIn("chuyenvien", signInPassword, "10.0.0.3")
	var locked *auth.LockedError
	if !errors.As(err, &locked) || locked.Lock.ByIP || !strings.Contains(err.Error(), "Tài khoản tạm bị khóa") {
		t.Errorf("sixth attempt: %v; want the account locked", err)
	}

	// A disabled account cannot sign in.
	if err := f.store.SetUserDisabled(ctx, 0, f.head.ID, true); err != nil {
		t.Fatal(err)
	}
	_, err = signIn("lanhdao", signInPassword, "10.0.0.4")
	if !errors.Is(err, derrors.Forbidden) {
		t.Errorf("disabled user: %v", err)
	}

	// Signing out ends the session.
	if err := a.SignOut(ctx, step.Session); err != nil {
		t.Fatal(err)
	}
	if _, err := a.SessionUser(ctx, step.Session); !errors.Is(err, derrors.NotFound) {
		t.Errorf("session after sign-out: %v", err)
	}
}

// TestSignInSecondFactor: a coordinator without a second factor gets no
// session and no enrolment from the right password (issue 18, point 14):
// an administrator's one-time link sets the password and enrols, on one
// page, nothing stored while a field is wrong. From then on a right
// password gives a challenge, not a session, and each code is accepted
// once.
func TestSignInSecondFactor(t *testing.T) {
	f := newFixture(t)
	a, totp := signInApp(t, f, f.coordinator)
	ctx := context.Background()
	signIn := func(pw string) (app.SignInStep, error) {
		return a.SignInWithPassword(ctx, app.PasswordSignIn{Username: "dieuphoi", Password: pw, IP: "10.0.0.1", Next: "/plans"})
	}

	step, err := signIn(signInPassword)
	if !errors.Is(err, derrors.Forbidden) || step.Session != "" || step.Challenge != "" ||
		!strings.Contains(derrors.MessageOf(err), "đường dẫn thiết lập") {
		t.Fatalf("password alone = %+v, %v; want a refusal that points to the setup link", step, err)
	}

	link, err := a.IssuePasswordLink(ctx, f.admin, f.coordinator.ID)
	if err != nil || link.Token == "" || !strings.HasPrefix(link.Path, app.PasswordLinkPath) {
		t.Fatalf("link = %+v, %v", link, err)
	}
	info, err := a.PasswordLinkInfo(ctx, link.Token)
	if err != nil || !info.Enrol || info.User.ID != f.coordinator.ID || info.Purpose != auth.LinkReset {
		t.Fatalf("link info = %+v, %v", info, err)
	}
	secret, err := app.NewEnrolmentSecret("dieuphoi")
	if err != nil {
		t.Fatal(err)
	}
	const newPassword = "Rừng tràm U Minh Hạ mùa khô năm nay"
	use := app.LinkUse{Token: link.Token, Password: newPassword, Confirm: newPassword, Secret: secret}

	// A wrong first code: nothing stored, the link still works.
	bad := use
	bad.Code = "000000"
	if _, err := a.UsePasswordLink(ctx, bad); !errors.Is(err, derrors.Invalid) || derrors.FieldsOf(err)["code"] == "" {
		t.Fatalf("wrong code: %v; want Invalid on code", err)
	}
	if _, err := signIn(newPassword); !errors.Is(err, derrors.Forbidden) {
		t.Fatalf("the new password worked before the link was used: %v", err)
	}
	if _, err := a.PasswordLinkInfo(ctx, link.Token); err != nil {
		t.Fatalf("link after a refusal: %v", err)
	}

	use.Code = totpCode(t, totp, secret)
	done, err := a.UsePasswordLink(ctx, use)
	if err != nil || done.Session == "" || len(done.RecoveryCodes) != auth.RecoveryCodeCount {
		t.Fatalf("link used = %+v, %v", done, err)
	}
	if _, err := a.UsePasswordLink(ctx, use); !errors.Is(err, derrors.NotFound) {
		t.Errorf("link used twice: %v, want NotFound", err)
	}

	// Now the code step: a code once, not twice.
	challenge := func() app.SignInStep {
		t.Helper()
		step, err := signIn(newPassword)
		if err != nil || step.Session != "" || step.Challenge == "" {
			t.Fatalf("password step = %+v, %v; want a challenge", step, err)
		}
		return step
	}
	step = challenge()
	code := totpCode(t, totp, secret)
	if _, err := a.SignInSecondFactor(ctx, app.SecondFactor{Challenge: step.Challenge, Code: code}); err != nil {
		t.Fatal(err)
	}
	step = challenge()
	if _, err := a.SignInSecondFactor(ctx, app.SecondFactor{Challenge: step.Challenge, Code: code}); !errors.Is(err, derrors.Forbidden) {
		t.Errorf("replayed code: %v, want Forbidden", err)
	}
	// A recovery code works once.
	got, err := a.SignInSecondFactor(ctx, app.SecondFactor{Challenge: step.Challenge, Code: strings.ToUpper(done.RecoveryCodes[0])})
	if err != nil || got.Session == "" {
		t.Fatalf("recovery code: %+v, %v", got, err)
	}
	step = challenge()
	if _, err := a.SignInSecondFactor(ctx, app.SecondFactor{Challenge: step.Challenge, Code: done.RecoveryCodes[0]}); !errors.Is(err, derrors.Forbidden) {
		t.Errorf("recovery code again: %v", err)
	}
	// A reset link for an enrolled account sets the password only; the
	// second factor is still asked.
	link, err = a.IssuePasswordLink(ctx, f.admin, f.coordinator.ID)
	if err != nil {
		t.Fatal(err)
	}
	if info, err := a.PasswordLinkInfo(ctx, link.Token); err != nil || info.Enrol {
		t.Fatalf("reset link of an enrolled account = %+v, %v; want no enrolment", info, err)
	}
	after, err := a.UsePasswordLink(ctx, app.LinkUse{Token: link.Token, Password: signInPassword, Confirm: signInPassword})
	if err != nil || after.Session != "" || after.Challenge == "" {
		t.Errorf("reset of an enrolled account = %+v, %v; want the second-factor step", after, err)
	}
}

func TestSignInWithIdentity(t *testing.T) {
	f := newFixture(t)
	a, _ := signInApp(t, f)
	ctx := context.Background()
	const issuer = "https://sso.camau.gov.vn"
	id := app.SSOIdentity{Issuer: issuer, Subject: "sub-1", Claim: "preferred_username", Name: "chuyenvien"}
	step, err := a.SignInWithIdentity(ctx, id, "/")
	if err != nil || step.User.ID != f.officer.ID || step.Session == "" {
		t.Fatalf("first sign-in = %+v, %v", step, err)
	}
	// Later by subject, whatever the claim says.
	id.Name = ""
	if step, err := a.SignInWithIdentity(ctx, id, "/"); err != nil || step.User.ID != f.officer.ID {
		t.Fatalf("by subject = %+v, %v", step, err)
	}
	refusals := map[string]app.SSOIdentity{
		"another provider account, same name": {Issuer: issuer, Subject: "sub-2", Claim: "preferred_username", Name: "chuyenvien"},
		"no tiendo user":                      {Issuer: issuer, Subject: "sub-3", Claim: "preferred_username", Name: "nguoila"},
		"no claim":                            {Issuer: issuer, Subject: "sub-4", Claim: "email"},
	}
	for name, id := range refusals {
		if _, err := a.SignInWithIdentity(ctx, id, "/"); !errors.Is(err, derrors.Forbidden) || derrors.MessageOf(err) == "" {
			t.Errorf("%s: %v, want a Forbidden with a message", name, err)
		}
	}
	if err := f.store.SetUserDisabled(ctx, 0, f.officer.ID, true); err != nil {
		t.Fatal(err)
	}
	if _, err := a.SignInWithIdentity(ctx, app.SSOIdentity{Issuer: issuer, Subject: "sub-1"}, "/"); !errors.Is(err, derrors.Forbidden) {
		t.Errorf("disabled user: %v", err)
	}
}

// TestSignInWithIdentityRefusedWritesNothing: a sign-in refused — a
// disabled user's first one, an e-mail address the provider has not
// verified — stores no link and no audit row (every check before the
// write); a verified address of an enabled user is linked.
func TestSignInWithIdentityRefusedWritesNothing(t *testing.T) {
	f := newFixture(t)
	a, _ := signInApp(t, f)
	ctx := context.Background()
	const issuer = "https://sso.camau.gov.vn"
	thuky := &auth.User{Username: "thuky", FullName: "Võ Thư Ký", Email: "thuky@camau.gov.vn", Role: auth.RoleOfficer, AgencyID: f.officer.AgencyID}
	if err := f.store.CreateUser(ctx, 0, thuky, "argon2id-not-used-here"); err != nil {
		t.Fatal(err)
	}
	rows := func() int {
		list, err := f.store.AuditSearch(ctx, audit.Filter{Limit: 100_000})
		if err != nil {
			t.Fatal(err)
		}
		return len(list)
	}
	linked := func(u *auth.User) bool {
		ok, err := f.store.UserHasIdentity(ctx, issuer, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	if err := f.store.SetUserDisabled(ctx, 0, f.officer.ID, true); err != nil {
		t.Fatal(err)
	}
	before := rows()
	if _, err := a.SignInWithIdentity(ctx, app.SSOIdentity{Issuer: issuer, Subject: "sub-9", Claim: "preferred_username", Name: "chuyenvien"}, "/"); !errors.Is(err, derrors.Forbidden) {
		t.Errorf("a disabled user's first sign-in: %v", err)
	}
	if linked(f.officer) || rows() != before {
		t.Error("the refused sign-in of a disabled user wrote a link or an audit row")
	}
	unverified := app.SSOIdentity{Issuer: issuer, Subject: "sub-10", Claim: "email", Name: "thuky@camau.gov.vn"}
	if _, err := a.SignInWithIdentity(ctx, unverified, "/"); !errors.Is(err, derrors.Forbidden) || !strings.Contains(derrors.MessageOf(err), "xác minh") {
		t.Errorf("an unverified address: %v", err)
	}
	if linked(thuky) || rows() != before {
		t.Error("the refused sign-in with an unverified address wrote a link or an audit row")
	}
	unverified.EmailVerified = true
	if step, err := a.SignInWithIdentity(ctx, unverified, "/"); err != nil || step.User.ID != thuky.ID || !linked(thuky) {
		t.Errorf("a verified address: %+v, %v", step, err)
	}
}
