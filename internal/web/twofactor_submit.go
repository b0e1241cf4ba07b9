package web

import (
	"errors"
	"net/http"

	"tiendo/internal/app"
	"tiendo/internal/auth"
	"tiendo/internal/derrors"
)

// twoFactorSubmit checks the second factor — a TOTP code (each time-step
// accepted once) or a one-time recovery code — and starts the session.
// Wrong codes count toward the sign-in lock like wrong passwords; a lock
// ends this attempt at signing in and shows the sign-in page.
func (h *handler) twoFactorSubmit(w http.ResponseWriter, r *http.Request) error {
	if err := readForm(w, r, 16<<10); err != nil {
		return err
	}
	c, u, token, ok, err := h.challenge(r)
	if err != nil || !ok || c.Enrolment() {
		return backToLogin(w, r, err)
	}
	step, err := h.app.SignInSecondFactor(r.Context(), app.SecondFactor{Challenge: token, Code: r.PostFormValue("code"), IP: clientIP(r)})
	var locked *auth.LockedError
	switch {
	case err == nil:
		h.clearChallenge(w)
		return h.continueSignIn(w, r, step)
	case errors.As(err, &locked):
		h.clearChallenge(w)
		return h.loginRefused(w, loginForm{Username: u.Username}, err)
	case errors.Is(err, derrors.Forbidden):
		return reshow(http.StatusUnauthorized, "login_2fa", &page{Title: "Xác thực hai lớp",
			Data: twoFactorForm{Username: u.Username, Error: derrors.MessageOf(err)}})
	case errors.Is(err, derrors.NotFound):
		return backToLogin(w, r, nil)
	}
	return err
}
