package web

import (
	"errors"
	"net/http"
	"strings"

	"tiendo/internal/auth"
	"tiendo/internal/clock"
	"tiendo/internal/store"
)

// msgBadCode is shown for a wrong, expired or already used code.
const msgBadCode = "Mã xác thực không đúng, đã hết hạn hoặc đã được dùng. Hãy nhập mã 6 chữ số mới nhất trong ứng dụng xác thực, hoặc một mã khôi phục chưa dùng."

// twoFactorSubmit checks the second factor — a TOTP code (each time-step
// accepted once) or a one-time recovery code — and starts the session.
// Wrong codes count toward the sign-in lock like wrong passwords.
func (h *handler) twoFactorSubmit(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		return err
	}
	c, u, tokenHash, ok, err := h.challenge(r)
	if err != nil || !ok || c.Secret != "" {
		return backToLogin(w, r, err)
	}
	form := twoFactorForm{Username: u.Username, Error: msgBadCode}
	if locked, err := h.loginLocked(w, r, u.Username, loginForm{Username: u.Username}); locked || err != nil {
		// The lock ends this attempt at signing in altogether.
		if derr := h.endChallenge(w, r, tokenHash); derr != nil {
			return derr
		}
		return err
	}
	tf, err := h.store.UserTwoFactor(r.Context(), u.ID)
	if err != nil {
		return err
	}
	if h.checkSecondFactor(r, u, tf, strings.TrimSpace(r.PostFormValue("code"))) {
		if err := h.endChallenge(w, r, tokenHash); err != nil {
			return err
		}
		if err := h.store.ClearLoginFailures(r.Context(), u.Username); err != nil {
			return err
		}
		return h.finishSession(w, r, u, c.Next)
	}
	if err := h.store.RecordLoginFailure(r.Context(), u.Username, clientIP(r), "second factor", clock.System{}.Now()); err != nil {
		return err
	}
	return reshow(http.StatusUnauthorized, "login_2fa", &page{Title: "Xác thực hai lớp", Data: form})
}

// checkSecondFactor accepts a TOTP code not used before, or an unused
// recovery code (spent by the check).
func (h *handler) checkSecondFactor(r *http.Request, u *auth.User, tf store.TwoFactor, code string) bool {
	if code == "" || len(code) > 64 || !tf.Enabled() {
		return false
	}
	if step, ok := auth.TOTPStep(code, tf.Secret, h.totp.Now()); ok {
		err := h.store.UseTOTPStep(r.Context(), u.ID, step)
		if err != nil && !errors.Is(err, store.ErrConflict) {
			h.log.Error("web: recording a TOTP step", "user", u.ID, "err", err)
		}
		return err == nil
	}
	err := h.store.UseRecoveryCode(r.Context(), u.ID, auth.HashRecoveryCode(code))
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		h.log.Error("web: spending a recovery code", "user", u.ID, "err", err)
	}
	return err == nil
}
