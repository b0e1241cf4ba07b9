package app

import (
	"context"
	"strings"

	"tiendo/internal/auth"
	"tiendo/internal/derrors"
)

// msgBadSecret refuses an enrolment whose secret did not come from the
// enrolment page.
const msgBadSecret = "Khóa bí mật không hợp lệ. Hãy mở lại trang bật xác thực hai lớp."

// BeginTwoFactor starts by's enrolment of an authenticator from the
// account page (optional for their role): a new secret, for the edge to
// show as a QR code and send back with the first code. Conflict when by
// already has a second factor.
func (a *App) BeginTwoFactor(ctx context.Context, by *auth.User) (secret string, err error) {
	if err := a.checkPermission(by, auth.OwnAccount); err != nil {
		return "", err
	}
	tf, err := a.store.UserTwoFactor(ctx, by.ID)
	if err != nil {
		return "", err
	}
	if tf.Enabled() {
		return "", derrors.New(derrors.Conflict, "Xác thực hai lớp đã được bật.")
	}
	secret, _, err = auth.NewTOTPKey(by.Username)
	return secret, err
}

// EnableTwoFactor turns by's two-factor sign-in on once code, the first
// code of the new secret, checks, and returns the recovery codes to show
// once. An Invalid names the field at fault: "secret" (not from the
// enrolment page) or "code" (wrong: the person tries again).
func (a *App) EnableTwoFactor(ctx context.Context, by *auth.User, secret, code string) (recovery []string, err error) {
	defer derrors.Wrap(&err, "app.EnableTwoFactor")
	if err := a.checkPermission(by, auth.OwnAccount); err != nil {
		return nil, err
	}
	secret = NormalizeTOTPSecret(secret)
	if len(secret) < 16 || len(secret) > 64 {
		return nil, derrors.InvalidFields(map[string]string{"secret": msgBadSecret}, msgBadSecret)
	}
	step, ok := auth.TOTPStep(code, secret, a.signIn.totp.Now())
	if !ok {
		const msg = "Mã chưa đúng. Hãy nhập mã 6 chữ số đang hiện trong ứng dụng (giờ điện thoại phải là giờ tự động)."
		return nil, derrors.InvalidFields(map[string]string{"code": msg}, msg)
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

// DisableTwoFactor turns by's two-factor sign-in off, with a current code;
// Forbidden for roles that must use it, Invalid for a wrong code.
func (a *App) DisableTwoFactor(ctx context.Context, by *auth.User, code string) (err error) {
	defer derrors.Wrap(&err, "app.DisableTwoFactor")
	if err := a.checkPermission(by, auth.OwnAccount); err != nil {
		return err
	}
	if a.signIn.twoFactor[by.Role] {
		return derrors.New(derrors.Forbidden, "Vai trò %s bắt buộc đăng nhập hai lớp nên không tắt được. Nếu mất điện thoại, hãy nhờ quản trị viên đặt lại.", by.Role.Label())
	}
	if err := a.checkOwnSecondFactor(ctx, by, code); err != nil {
		return err
	}
	return a.store.DisableTwoFactor(ctx, by.ID, by.ID)
}

// ReplaceRecoveryCodes gives by new recovery codes (after a code from the
// app), for someone who used or lost the old ones; the old ones stop
// working. Invalid for a wrong code.
func (a *App) ReplaceRecoveryCodes(ctx context.Context, by *auth.User, code string) (recovery []string, err error) {
	defer derrors.Wrap(&err, "app.ReplaceRecoveryCodes")
	if err := a.checkPermission(by, auth.OwnAccount); err != nil {
		return nil, err
	}
	if err := a.checkOwnSecondFactor(ctx, by, code); err != nil {
		return nil, err
	}
	codes, hashes := auth.NewRecoveryCodes()
	if err := a.store.ReplaceRecoveryCodes(ctx, by.ID, by.ID, hashes); err != nil {
		return nil, err
	}
	return codes, nil
}

// checkOwnSecondFactor refuses (Invalid) a code that is not a current
// TOTP code or an unused recovery code of by's.
func (a *App) checkOwnSecondFactor(ctx context.Context, by *auth.User, code string) error {
	tf, err := a.store.UserTwoFactor(ctx, by.ID)
	if err != nil {
		return err
	}
	if !a.checkSecondFactor(ctx, by, tf, strings.TrimSpace(code)) {
		return derrors.InvalidFields(map[string]string{"code": msgBadCode}, msgBadCode)
	}
	return nil
}
