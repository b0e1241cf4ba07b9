package app_test

import (
	"context"
	"errors"
	"testing"

	"tiendo/internal/app"
	"tiendo/internal/auth"
	"tiendo/internal/derrors"
)

func TestChangePassword(t *testing.T) {
	f := newFixture(t)
	a, _ := signInApp(t, f, f.officer)
	ctx := context.Background()
	step, err := a.SignInWithPassword(ctx, app.PasswordSignIn{Username: "chuyenvien", Password: signInPassword, IP: "10.0.0.1", Next: "/"})
	if err != nil {
		t.Fatal(err)
	}
	const newPassword = "Rừng U Minh Hạ tháng Chạp"
	refused := map[string]app.PasswordChange{
		"current":  {Current: "sai", New: newPassword, Confirm: newPassword},
		"new":      {Current: signInPassword, New: "12345678", Confirm: "12345678"},
		"confirm":  {Current: signInPassword, New: newPassword, Confirm: newPassword + "!"},
		"too long": {Current: signInPassword, New: string(make([]byte, app.MaxCredential+1))},
	}
	for name, in := range refused {
		if _, err := a.ChangePassword(ctx, f.officer, in); !errors.Is(err, derrors.Invalid) || derrors.MessageOf(err) == "" {
			t.Errorf("%s: %v, want an Invalid with a message", name, err)
		}
	}
	token, err := a.ChangePassword(ctx, f.officer, app.PasswordChange{Current: signInPassword, New: newPassword, Confirm: newPassword})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.SessionUser(ctx, step.Session); !errors.Is(err, derrors.NotFound) {
		t.Errorf("the old session lived on: %v", err)
	}
	if u, err := a.SessionUser(ctx, token); err != nil || u.ID != f.officer.ID {
		t.Errorf("the new session: %v, %v", u, err)
	}
	if _, err := a.SignInWithPassword(ctx, app.PasswordSignIn{Username: "chuyenvien", Password: newPassword, IP: "10.0.0.1"}); err != nil {
		t.Errorf("sign-in with the new password: %v", err)
	}
	if _, err := a.ChangePassword(ctx, nil, app.PasswordChange{}); !errors.Is(err, derrors.Forbidden) {
		t.Errorf("nobody: %v", err)
	}
	// The rules are told the person's name and e-mail: passwords made of
	// them are refused (both pass for someone else).
	named := *f.officer
	named.FullName, named.Email = "Huỳnh Thị Kim Phượng", "kimphuong.tran@camau.gov.vn"
	for _, pw := range []string{"huynhthikimphuong", "kimphuong.tran"} {
		if err := auth.CheckNewPassword(pw, "chuyenvien"); err != nil {
			t.Fatalf("%q is refused for anyone: %v; pick another", pw, err)
		}
		if _, err := a.ChangePassword(ctx, &named, app.PasswordChange{Current: newPassword, New: pw, Confirm: pw}); derrors.FieldsOf(err)["new"] == "" {
			t.Errorf("new password %q, made of the person's name or e-mail: %v, want refused", pw, err)
		}
	}
	// Guessing the current password: five wrong ones lock the change,
	// even with the right one, as they lock signing in.
	for range 5 {
		if _, err := a.ChangePassword(ctx, f.officer, app.PasswordChange{Current: "đoán", New: signInPassword, Confirm: signInPassword}); !errors.Is(err, derrors.Invalid) {
			t.Fatalf("a wrong current password: %v", err)
		}
	}
	var locked *auth.LockedError
	if _, err := a.ChangePassword(ctx, f.officer, app.PasswordChange{Current: newPassword, New: signInPassword, Confirm: signInPassword}); !errors.As(err, &locked) {
		t.Errorf("the right current password after five wrong ones: %v, want the lock", err)
	}
}

// TestTwoFactorOnAccount: an officer (for whom it is optional) turns the
// second factor on (with the password) and off (with the password and a
// code) from the account page; a coordinator cannot turn it off.
func TestTwoFactorOnAccount(t *testing.T) {
	f := newFixture(t)
	a, totp := signInApp(t, f, f.officer)
	ctx := context.Background()
	secret, replacing, err := a.BeginTwoFactor(ctx, f.officer)
	if err != nil || len(secret) < 16 || replacing {
		t.Fatalf("begin = %q %t, %v", secret, replacing, err)
	}
	pw := app.Proof{Password: signInPassword, IP: "10.0.0.1"}
	enrol := func(secret, code string, p app.Proof) ([]string, error) {
		return a.EnableTwoFactor(ctx, f.officer, app.TwoFactorEnrolment{Secret: secret, Code: code, Proof: p})
	}
	if _, err := enrol(secret, "000000", pw); derrors.FieldsOf(err)["code"] == "" {
		t.Errorf("wrong first code: %v, want the code's field", err)
	}
	if _, err := enrol("NGAN", "000000", pw); derrors.FieldsOf(err)["secret"] == "" {
		t.Errorf("short secret: %v, want the secret's field", err)
	}
	if _, err := enrol(secret, totpCode(t, totp, secret), app.Proof{}); derrors.FieldsOf(err)["password"] == "" {
		t.Errorf("without the password: %v, want the password's field", err)
	}
	codes, err := enrol(spaced(secret), totpCode(t, totp, secret), pw)
	if err != nil || len(codes) != auth.RecoveryCodeCount {
		t.Fatalf("enable = %v, %v", codes, err)
	}
	if acc, err := a.Account(ctx, f.officer); err != nil || !acc.TwoFactor.Enabled() || acc.TwoFactorRequired || acc.Agency != "Sở Tài chính" {
		t.Errorf("account = %+v, %v", acc, err)
	}
	if _, replacing, err := a.BeginTwoFactor(ctx, f.officer); err != nil || !replacing {
		t.Errorf("begin again: %t, %v, want a replacement", replacing, err)
	}
	if _, err := a.ReplaceRecoveryCodes(ctx, f.officer, app.Proof{Password: signInPassword, Code: "sai"}); derrors.FieldsOf(err)["code"] == "" {
		t.Errorf("new codes with a wrong code: %v", err)
	}
	if err := a.DisableTwoFactor(ctx, f.officer, app.Proof{Password: signInPassword, Code: "000000"}); derrors.FieldsOf(err)["code"] == "" {
		t.Errorf("disable with a wrong code: %v", err)
	}
	if err := a.DisableTwoFactor(ctx, f.officer, app.Proof{Password: "sai", Code: codes[0]}); derrors.FieldsOf(err)["password"] == "" {
		t.Errorf("disable with a wrong password: %v", err)
	}
	if err := a.DisableTwoFactor(ctx, f.officer, app.Proof{Password: signInPassword, Code: codes[0]}); err != nil {
		t.Errorf("disable with a recovery code: %v", err)
	}
	if err := a.DisableTwoFactor(ctx, f.coordinator, app.Proof{Password: signInPassword, Code: "000000"}); !errors.Is(err, derrors.Forbidden) || derrors.MessageOf(err) == "" {
		t.Errorf("a coordinator turns it off: %v, want Forbidden", err)
	}
}

// TestTwoFactorReplacement: with a second factor on, a new authenticator
// needs the password and a current code (or a recovery code); wrong ones
// count toward the sign-in lock, which then refuses even right ones.
func TestTwoFactorReplacement(t *testing.T) {
	f := newFixture(t)
	a, totp := signInApp(t, f, f.officer)
	ctx := context.Background()
	old, _, _ := a.BeginTwoFactor(ctx, f.officer)
	codes, err := a.EnableTwoFactor(ctx, f.officer, app.TwoFactorEnrolment{Secret: old, Code: totpCode(t, totp, old),
		Proof: app.Proof{Password: signInPassword}})
	if err != nil {
		t.Fatal(err)
	}
	fresh, _, _ := a.BeginTwoFactor(ctx, f.officer)
	replace := func(current, password string) error {
		// Both codes are of the same TOTP time-step: the use case reads its clock once.
		at := totp.step()
		newCode, _ := auth.TOTPCode(fresh, at)
		if current == "now" {
			current, _ = auth.TOTPCode(old, at)
		}
		_, err := a.EnableTwoFactor(ctx, f.officer, app.TwoFactorEnrolment{Secret: fresh, Code: newCode,
			Proof: app.Proof{Password: password, Code: current, IP: "10.0.0.9"}})
		return err
	}
	if err := replace("", signInPassword); derrors.FieldsOf(err)["current"] == "" {
		t.Errorf("without the current code: %v", err)
	}
	if err := replace("now", ""); derrors.FieldsOf(err)["password"] == "" {
		t.Errorf("without the password: %v", err)
	}
	if err := replace(codes[0], signInPassword); err != nil {
		t.Fatalf("with a recovery code and the password: %v", err)
	}
	// Four more wrong codes (five with the empty one) lock the account.
	old = fresh
	fresh, _, _ = a.BeginTwoFactor(ctx, f.officer)
	for range 4 {
		if err := replace("111111", signInPassword); !errors.Is(err, derrors.Invalid) {
			t.Fatalf("a wrong current code: %v", err)
		}
	}
	var locked *auth.LockedError
	if err := replace("now", signInPassword); !errors.As(err, &locked) {
		t.Errorf("the right code after five wrong ones: %v, want the lock", err)
	}
	if _, err := a.SignInWithPassword(ctx, app.PasswordSignIn{Username: "chuyenvien", Password: signInPassword, IP: "10.0.0.1"}); !errors.As(err, &locked) {
		t.Errorf("sign-in after wrong codes on the account page: %v, want the lock", err)
	}
}

// spaced is secret in groups of four, as the enrolment page shows it.
func spaced(secret string) string {
	var b []byte
	for i := range len(secret) {
		if i > 0 && i%4 == 0 {
			b = append(b, ' ')
		}
		b = append(b, secret[i])
	}
	return string(b)
}

func TestTokenUseCases(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	for field, in := range map[string]app.TokenRequest{
		"name":  {Scope: auth.ScopeRead, Days: 30},
		"scope": {Name: "Phần mềm tổng hợp", Scope: "all", Days: 30},
		"days":  {Name: "Phần mềm tổng hợp", Scope: auth.ScopeRead, Days: 7},
	} {
		if _, err := f.app.CreateToken(ctx, f.officer, in); derrors.FieldsOf(err)[field] == "" {
			t.Errorf("bad %s: %v", field, err)
		}
	}
	token, err := f.app.CreateToken(ctx, f.officer, app.TokenRequest{Name: " Phần mềm tổng hợp ", Scope: auth.ScopeReport, Days: 90})
	if err != nil {
		t.Fatal(err)
	}
	u, scope, err := f.app.TokenUser(ctx, token)
	if err != nil || u.ID != f.officer.ID || scope != auth.ScopeReport {
		t.Fatalf("token user = %v %s %v", u, scope, err)
	}
	list, err := f.app.Tokens(ctx, f.officer)
	if err != nil || len(list) != 1 || list[0].Name != "Phần mềm tổng hợp" || !list[0].Live(testNow) {
		t.Fatalf("tokens = %+v, %v", list, err)
	}
	if err := f.app.RevokeToken(ctx, f.head, list[0].ID); !errors.Is(err, derrors.NotFound) {
		t.Errorf("another user revokes it: %v, want NotFound", err)
	}
	if err := f.app.RevokeToken(ctx, f.officer, list[0].ID); err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.app.TokenUser(ctx, token); !errors.Is(err, derrors.NotFound) {
		t.Errorf("revoked token: %v", err)
	}
	// A user locked while a page was open gets no token, and locking
	// revokes the tokens made before.
	live, err := f.app.CreateToken(ctx, f.head, app.TokenRequest{Name: "Tích hợp", Scope: auth.ScopeRead, Days: 30})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.app.DisableUser(ctx, f.admin, f.head.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.app.CreateToken(ctx, f.head, app.TokenRequest{Name: "Tích hợp 2", Scope: auth.ScopeRead, Days: 30}); !errors.Is(err, derrors.Forbidden) {
		t.Errorf("a token for a locked user: %v, want Forbidden", err)
	}
	if err := f.app.EnableUser(ctx, f.admin, f.head.ID); err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.app.TokenUser(ctx, live); !errors.Is(err, derrors.NotFound) {
		t.Errorf("a token made before the lock, after unlocking: %v, want revoked", err)
	}
}

// TestUserAdministration: only admins list, lock and unlock accounts and
// reset a second factor; locking ends the account's sessions; nobody
// locks themselves out.
func TestUserAdministration(t *testing.T) {
	f := newFixture(t)
	a, _ := signInApp(t, f, f.officer)
	ctx := context.Background()
	if _, err := a.UserAccounts(ctx, f.coordinator); !errors.Is(err, derrors.Forbidden) {
		t.Errorf("coordinator lists users: %v", err)
	}
	if err := a.DisableUser(ctx, f.coordinator, f.officer.ID); !errors.Is(err, derrors.Forbidden) {
		t.Errorf("coordinator locks a user: %v", err)
	}
	if err := a.DisableUser(ctx, f.admin, f.admin.ID); !errors.Is(err, derrors.Invalid) {
		t.Errorf("admin locks themselves: %v", err)
	}
	step, err := a.SignInWithPassword(ctx, app.PasswordSignIn{Username: "chuyenvien", Password: signInPassword, IP: "10.0.0.1"})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.DisableUser(ctx, f.admin, f.officer.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := a.SessionUser(ctx, step.Session); !errors.Is(err, derrors.NotFound) {
		t.Errorf("session of a locked user: %v", err)
	}
	list, err := a.UserAccounts(ctx, f.admin)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range list {
		if u.ID == f.officer.ID && (!u.Disabled || u.Agency != "Sở Tài chính") {
			t.Errorf("listed %+v", u)
		}
	}
	if err := a.EnableUser(ctx, f.admin, f.officer.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := a.SessionUser(ctx, step.Session); !errors.Is(err, derrors.NotFound) {
		t.Errorf("unlocking revived a session: %v", err)
	}
	if err := a.ResetUserTwoFactor(ctx, f.admin, 99999); !errors.Is(err, derrors.NotFound) {
		t.Errorf("reset of no user: %v", err)
	}
	if err := a.SignOutEverywhere(ctx, nil); !errors.Is(err, derrors.Forbidden) {
		t.Errorf("nobody signs out everywhere: %v", err)
	}
}
