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
}

// TestTwoFactorOnAccount: an officer (for whom it is optional) turns the
// second factor on and off from the account page; a coordinator cannot
// turn it off.
func TestTwoFactorOnAccount(t *testing.T) {
	f := newFixture(t)
	a, totp := signInApp(t, f)
	ctx := context.Background()
	secret, err := a.BeginTwoFactor(ctx, f.officer)
	if err != nil || len(secret) < 16 {
		t.Fatalf("begin = %q, %v", secret, err)
	}
	_, err = a.EnableTwoFactor(ctx, f.officer, secret, "000000")
	if derrors.FieldsOf(err)["code"] == "" {
		t.Errorf("wrong first code: %v, want the code's field", err)
	}
	if _, err := a.EnableTwoFactor(ctx, f.officer, "NGAN", "000000"); derrors.FieldsOf(err)["secret"] == "" {
		t.Errorf("short secret: %v, want the secret's field", err)
	}
	codes, err := a.EnableTwoFactor(ctx, f.officer, spaced(secret), totpCode(t, totp, secret))
	if err != nil || len(codes) != auth.RecoveryCodeCount {
		t.Fatalf("enable = %v, %v", codes, err)
	}
	if acc, err := a.Account(ctx, f.officer); err != nil || !acc.TwoFactor.Enabled() || acc.TwoFactorRequired || acc.Agency != "Sở Tài chính" {
		t.Errorf("account = %+v, %v", acc, err)
	}
	if _, err := a.BeginTwoFactor(ctx, f.officer); !errors.Is(err, derrors.Conflict) {
		t.Errorf("begin again: %v, want Conflict", err)
	}
	if _, err := a.ReplaceRecoveryCodes(ctx, f.officer, "sai"); !errors.Is(err, derrors.Invalid) {
		t.Errorf("new codes with a wrong code: %v", err)
	}
	if err := a.DisableTwoFactor(ctx, f.officer, "000000"); !errors.Is(err, derrors.Invalid) {
		t.Errorf("disable with a wrong code: %v", err)
	}
	if err := a.DisableTwoFactor(ctx, f.officer, codes[0]); err != nil {
		t.Errorf("disable with a recovery code: %v", err)
	}
	if err := a.DisableTwoFactor(ctx, f.coordinator, "000000"); !errors.Is(err, derrors.Forbidden) || derrors.MessageOf(err) == "" {
		t.Errorf("a coordinator turns it off: %v, want Forbidden", err)
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
