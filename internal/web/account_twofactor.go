package web

import (
	"errors"
	"net/http"

	"tiendo/internal/app"
	"tiendo/internal/derrors"
)

// accountTwoFactorShow starts enrolment for a signed-in user who has no
// second factor yet (optional for their role): a new secret, shown as a
// QR code; the form sends it back with the first code.
func (h *handler) accountTwoFactorShow(w http.ResponseWriter, r *http.Request) error {
	u := h.user(r)
	secret, err := h.app.BeginTwoFactor(r.Context(), u)
	if errors.Is(err, derrors.Conflict) {
		http.Redirect(w, r, "/account", http.StatusSeeOther)
		return nil
	}
	if err != nil {
		return err
	}
	f, err := enrolForm(u.Username, secret)
	if err != nil {
		return err
	}
	return h.render(w, r, http.StatusOK, "login_2fa_setup", &page{Title: "Bật xác thực hai lớp", Nav: "account", Data: f})
}

// accountTwoFactorEnable turns two-factor sign-in on once the first code
// of the new secret checks, and shows the recovery codes once; a wrong
// code shows the enrolment page again.
func (h *handler) accountTwoFactorEnable(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		return err
	}
	u := h.user(r)
	secret := r.PostFormValue("secret")
	codes, err := h.app.EnableTwoFactor(r.Context(), u, secret, r.PostFormValue("code"))
	if msg := derrors.FieldsOf(err)["code"]; msg != "" {
		f, ferr := enrolForm(u.Username, app.NormalizeTOTPSecret(secret))
		if ferr != nil {
			return ferr
		}
		f.Error = msg
		return reshow(http.StatusUnprocessableEntity, "login_2fa_setup", &page{Title: "Bật xác thực hai lớp", Nav: "account", Data: f})
	}
	if err != nil {
		return h.accountRefused(r, "2fa", err)
	}
	return h.render(w, r, http.StatusOK, "recovery_codes", &page{Title: "Mã khôi phục", Nav: "account", Data: recoveryPage{Codes: codes, Next: "/account?done=2fa-on"}})
}

// accountTwoFactorDisable turns two-factor sign-in off, with a current
// code; refused for roles that must use it.
func (h *handler) accountTwoFactorDisable(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		return err
	}
	if err := h.app.DisableTwoFactor(r.Context(), h.user(r), r.PostFormValue("code")); err != nil {
		return h.accountRefused(r, "2fa", err)
	}
	http.Redirect(w, r, "/account?done=2fa-off", http.StatusSeeOther)
	return nil
}

// accountRecoveryCodes replaces the recovery codes (after a code from the
// app), for someone who used or lost the old ones.
func (h *handler) accountRecoveryCodes(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		return err
	}
	codes, err := h.app.ReplaceRecoveryCodes(r.Context(), h.user(r), r.PostFormValue("code"))
	if err != nil {
		return h.accountRefused(r, "2fa", err)
	}
	return h.render(w, r, http.StatusOK, "recovery_codes", &page{Title: "Mã khôi phục", Nav: "account", Data: recoveryPage{Codes: codes, Next: "/account"}})
}
