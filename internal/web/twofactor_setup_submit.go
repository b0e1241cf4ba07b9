package web

import (
	"errors"
	"net/http"

	"tiendo/internal/app"
	"tiendo/internal/derrors"
)

// recoveryPage shows new recovery codes, once.
type recoveryPage struct {
	Codes []string
	Next  string
}

// twoFactorSetupSubmit checks the first code of a new authenticator,
// turns two-factor sign-in on, starts the session and shows the recovery
// codes once (they are stored hashed and cannot be shown again).
func (h *handler) twoFactorSetupSubmit(w http.ResponseWriter, r *http.Request) error {
	if err := readForm(w, r, 16<<10); err != nil {
		return err
	}
	c, u, token, ok, err := h.challenge(r)
	if err != nil || !ok || !c.Enrolment() {
		return backToLogin(w, r, err)
	}
	step, err := h.app.SignInEnrol(r.Context(), app.SecondFactor{Challenge: token, Code: r.PostFormValue("code"), IP: clientIP(r)})
	switch {
	case errors.Is(err, derrors.Forbidden):
		f, ferr := enrolForm(u.Username, c.Secret)
		if ferr != nil {
			return ferr
		}
		f.Error = derrors.MessageOf(err)
		return reshow(http.StatusUnprocessableEntity, "login_2fa_setup", &page{Title: "Bật xác thực hai lớp", Data: f})
	case errors.Is(err, derrors.NotFound):
		return backToLogin(w, r, nil)
	case err != nil:
		return err
	}
	h.clearChallenge(w)
	h.setSessionCookie(w, step.Session)
	return h.render(w, r, http.StatusOK, "recovery_codes", &page{Title: "Mã khôi phục", Data: recoveryPage{Codes: step.RecoveryCodes, Next: step.Next}})
}
