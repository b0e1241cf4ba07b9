package app

import (
	"context"
	"strings"
	"time"

	"tiendo/internal/auth"
	"tiendo/internal/derrors"
)

// msgBadSecret refuses an enrolment whose secret did not come from the
// enrolment page.
const msgBadSecret = "Khóa bí mật không hợp lệ. Hãy mở lại trang bật xác thực hai lớp."

// Proof is what a signed-in person gives, besides their session, to change
// how they sign in: the session alone (an office PC left signed in) must
// not be enough to take the second factor over and lock the owner out.
type Proof struct {
	// Password is the account's password, always asked.
	Password string
	// Code is a current TOTP code or an unused recovery code, asked when a
	// second factor is on.
	Code string
	// IP is the client's address: wrong passwords and codes count toward
	// the sign-in lock under it and the username, as on the sign-in form.
	IP string
}

// TwoFactorEnrolment is the form that turns two-factor sign-in on, or
// replaces the authenticator: the new secret (from BeginTwoFactor), the
// first code it gives, and the proof.
type TwoFactorEnrolment struct {
	Secret, Code string
	Proof
}

// BeginTwoFactor starts by's enrolment of an authenticator from the
// account page — the first one (optional for some roles), or a new phone
// replacing the one in use: a new secret, for the edge to show as a QR
// code and send back with the first code. Replacing reports whether a
// second factor is on already, so that the form also asks for a current
// code.
func (a *App) BeginTwoFactor(ctx context.Context, by *auth.User) (secret string, replacing bool, err error) {
	if err := a.checkPermission(by, auth.OwnAccount); err != nil {
		return "", false, err
	}
	tf, err := a.store.UserTwoFactor(ctx, by.ID)
	if err != nil {
		return "", false, err
	}
	secret, _, err = auth.NewTOTPKey(by.Username)
	return secret, tf.Enabled(), err
}

// EnableTwoFactor turns by's two-factor sign-in on, or replaces the
// authenticator, once the proof holds (the password; and a current code
// or recovery code when a second factor is on already) and in.Code, the
// first code of the new secret, checks; it returns the new recovery codes
// to show once (the old ones stop working). An Invalid names the field at
// fault: "password", "current" (the current code), "secret" (not from the
// enrolment page) or "code" (the new code: the person tries again); an
// *auth.LockedError while sign-in is locked.
func (a *App) EnableTwoFactor(ctx context.Context, by *auth.User, in TwoFactorEnrolment) (recovery []string, err error) {
	defer derrors.Wrap(&err, "app.EnableTwoFactor")
	if err := a.checkPermission(by, auth.OwnAccount); err != nil {
		return nil, err
	}
	secret := NormalizeTOTPSecret(in.Secret)
	if len(secret) < 16 || len(secret) > 64 {
		return nil, derrors.InvalidFields(map[string]string{"secret": msgBadSecret}, msgBadSecret)
	}
	tf, err := a.store.UserTwoFactor(ctx, by.ID)
	if err != nil {
		return nil, err
	}
	at := a.signIn.totp.Now()
	if err := a.checkPassword(ctx, by, in.Proof); err != nil {
		return nil, err
	}
	step, ok := auth.TOTPStep(in.Code, secret, at)
	if !ok {
		const msg = "Mã của ứng dụng mới chưa đúng. Hãy nhập mã 6 chữ số đang hiện trong ứng dụng vừa quét (giờ điện thoại phải là giờ tự động)."
		return nil, derrors.InvalidFields(map[string]string{"code": msg}, msg)
	}
	// The current factor is checked last: a code is spent by the check,
	// and should not be spent on a form refused for another reason.
	if tf.Enabled() {
		if err := a.checkCode(ctx, by, tf, in.Proof, at, "current"); err != nil {
			return nil, err
		}
	}
	codes, hashes := auth.NewRecoveryCodes()
	if err := a.store.EnableTwoFactor(ctx, by.ID, by.ID, secret, step, hashes); err != nil {
		return nil, err
	}
	return codes, nil
}

// NormalizeTOTPSecret is a secret as typed or sent back (groups of four,
// any case) in the form authenticators and the store use.
func NormalizeTOTPSecret(s string) string {
	return strings.ToUpper(strings.ReplaceAll(s, " ", ""))
}

// DisableTwoFactor turns by's two-factor sign-in off, with the password
// and a current code (or a recovery code); Forbidden for roles that must
// use it, Invalid naming "password" or "code" for a wrong one, an
// *auth.LockedError while sign-in is locked.
func (a *App) DisableTwoFactor(ctx context.Context, by *auth.User, p Proof) (err error) {
	defer derrors.Wrap(&err, "app.DisableTwoFactor")
	if err := a.checkPermission(by, auth.OwnAccount); err != nil {
		return err
	}
	if a.signIn.twoFactor[by.Role] {
		return derrors.New(derrors.Forbidden, "Vai trò %s bắt buộc đăng nhập hai lớp nên không tắt được. Nếu mất điện thoại, hãy nhờ quản trị viên đặt lại.", by.Role.Label())
	}
	if err := a.checkOwnSecondFactor(ctx, by, p); err != nil {
		return err
	}
	return a.store.DisableTwoFactor(ctx, by.ID, by.ID)
}

// ReplaceRecoveryCodes gives by new recovery codes, with the password and
// a current code (or a recovery code), for someone who used or lost the
// old ones; the old ones stop working. Invalid naming "password" or
// "code" for a wrong one, an *auth.LockedError while sign-in is locked.
func (a *App) ReplaceRecoveryCodes(ctx context.Context, by *auth.User, p Proof) (recovery []string, err error) {
	defer derrors.Wrap(&err, "app.ReplaceRecoveryCodes")
	if err := a.checkPermission(by, auth.OwnAccount); err != nil {
		return nil, err
	}
	if err := a.checkOwnSecondFactor(ctx, by, p); err != nil {
		return nil, err
	}
	codes, hashes := auth.NewRecoveryCodes()
	if err := a.store.ReplaceRecoveryCodes(ctx, by.ID, by.ID, hashes); err != nil {
		return nil, err
	}
	return codes, nil
}

// checkOwnSecondFactor checks the proof of a change to by's second
// factor: the password, then a current TOTP code or an unused recovery
// code of by's (field "code").
func (a *App) checkOwnSecondFactor(ctx context.Context, by *auth.User, p Proof) error {
	tf, err := a.store.UserTwoFactor(ctx, by.ID)
	if err != nil {
		return err
	}
	at := a.signIn.totp.Now()
	if err := a.checkPassword(ctx, by, p); err != nil {
		return err
	}
	return a.checkCode(ctx, by, tf, p, at, "code")
}

// checkPassword refuses, while the sign-in lock holds, with an
// *auth.LockedError; then checks by's password, counting a wrong one
// toward the lock (Invalid naming "password").
func (a *App) checkPassword(ctx context.Context, by *auth.User, p Proof) error {
	if err := a.checkSignInLock(ctx, by.Username, p.IP); err != nil {
		return err
	}
	if p.Password == "" || len(p.Password) > MaxCredential {
		const msg = "Hãy nhập mật khẩu đăng nhập của bạn để xác nhận."
		return derrors.InvalidFields(map[string]string{"password": msg}, msg)
	}
	_, hash, err := a.store.UserByName(ctx, by.Username)
	if err != nil {
		return err
	}
	ok, err := auth.VerifyPassword(p.Password, hash)
	if err != nil {
		return err
	}
	if !ok {
		if err := a.recordSignInFailure(ctx, by.Username, p.IP, "account: password"); err != nil {
			return err
		}
		const msg = "Mật khẩu không đúng."
		return derrors.InvalidFields(map[string]string{"password": msg}, msg)
	}
	return nil
}

// checkCode checks the proof's code against by's second factor tf, at the
// TOTP time at; a wrong code counts toward the sign-in lock and is an
// Invalid naming field.
func (a *App) checkCode(ctx context.Context, by *auth.User, tf auth.TwoFactor, p Proof, at time.Time, field string) error {
	if a.checkSecondFactor(ctx, by, tf, strings.TrimSpace(p.Code), at) {
		return nil
	}
	if err := a.recordSignInFailure(ctx, by.Username, p.IP, "account: second factor"); err != nil {
		return err
	}
	return derrors.InvalidFields(map[string]string{field: msgBadCode}, msgBadCode)
}
