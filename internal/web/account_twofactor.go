package web

import (
	"errors"
	"net/http"

	"tiendo/internal/app"
	"tiendo/internal/auth"
	"tiendo/internal/derrors"
)

// accountTwoFactorPage is the account page's enrolment form: the first
// authenticator, or a new phone replacing the one in use (then the form
// also asks for a current code). Either way it asks for the password.
type accountTwoFactorPage struct {
	twoFactorForm
	Replacing bool
}

// accountTwoFactorShow starts enrolling an authenticator from the account
// page: a new secret, shown as a QR code; the form sends it back with the
// first code and the proof (app.EnableTwoFactor).
func (h *handler) accountTwoFactorShow(w http.ResponseWriter, r *http.Request) error {
	u := h.user(r)
	secret, replacing, err := h.app.BeginTwoFactor(r.Context(), u)
	if err != nil {
		return err
	}
	f, err := enrolForm(u.Username, secret)
	if err != nil {
		return err
	}
	return h.render(w, r, http.StatusOK, "account_2fa", accountTwoFactorTitle(&accountTwoFactorPage{twoFactorForm: f, Replacing: replacing}))
}

// accountTwoFactorTitle wraps the form in the layout's page.
func accountTwoFactorTitle(p *accountTwoFactorPage) *page {
	title := "Bật xác thực hai lớp"
	if p.Replacing {
		title = "Đổi ứng dụng xác thực"
	}
	return &page{Title: title, Nav: "account", Data: p}
}

// accountTwoFactorEnable turns two-factor sign-in on, or replaces the
// authenticator, and shows the new recovery codes once; a refusal shows
// the same secret's form again with why.
func (h *handler) accountTwoFactorEnable(w http.ResponseWriter, r *http.Request) error {
	if err := readForm(w, r, 16<<10); err != nil {
		return err
	}
	u := h.user(r)
	secret := r.PostFormValue("secret")
	codes, err := h.app.EnableTwoFactor(r.Context(), u, app.TwoFactorEnrolment{Secret: secret, Code: r.PostFormValue("code"),
		Proof: app.Proof{Password: r.PostFormValue("password"), Code: r.PostFormValue("current"), IP: clientIP(r)}})
	if err == nil {
		return h.render(w, r, http.StatusOK, "recovery_codes", &page{Title: "Mã khôi phục", Nav: "account", Data: recoveryPage{Codes: codes, Next: "/account?done=2fa-on"}})
	}
	status, msg, ok := proofFailure(w, err)
	if !ok || derrors.FieldsOf(err)["secret"] != "" {
		return h.accountRefused(w, r, "2fa", err)
	}
	acc, aerr := h.app.Account(r.Context(), u)
	if aerr != nil {
		return aerr
	}
	f, ferr := enrolForm(u.Username, app.NormalizeTOTPSecret(secret))
	if ferr != nil {
		return ferr
	}
	f.Error = msg
	return reshow(status, "account_2fa", accountTwoFactorTitle(&accountTwoFactorPage{twoFactorForm: f, Replacing: acc.TwoFactor.Enabled()}))
}

// accountTwoFactorDisable turns two-factor sign-in off, with the password
// and a current code; refused for roles that must use it.
func (h *handler) accountTwoFactorDisable(w http.ResponseWriter, r *http.Request) error {
	if err := readForm(w, r, 16<<10); err != nil {
		return err
	}
	if err := h.app.DisableTwoFactor(r.Context(), h.user(r), proofOf(r)); err != nil {
		return h.accountRefused(w, r, "2fa", err)
	}
	http.Redirect(w, r, "/account?done=2fa-off", http.StatusSeeOther)
	return nil
}

// accountRecoveryCodes replaces the recovery codes (with the password and
// a current code), for someone who used or lost the old ones.
func (h *handler) accountRecoveryCodes(w http.ResponseWriter, r *http.Request) error {
	if err := readForm(w, r, 16<<10); err != nil {
		return err
	}
	codes, err := h.app.ReplaceRecoveryCodes(r.Context(), h.user(r), proofOf(r))
	if err != nil {
		return h.accountRefused(w, r, "2fa", err)
	}
	return h.render(w, r, http.StatusOK, "recovery_codes", &page{Title: "Mã khôi phục", Nav: "account", Data: recoveryPage{Codes: codes, Next: "/account"}})
}

// proofOf reads the password and current code of an account form.
func proofOf(r *http.Request) app.Proof {
	return app.Proof{Password: r.PostFormValue("password"), Code: r.PostFormValue("code"), IP: clientIP(r)}
}

// proofFailure is the status and message of a refused credential on an
// account form: the sign-in lock (429, with Retry-After) or a wrong
// password or code (422); ok is false for any other error.
func proofFailure(w http.ResponseWriter, err error) (status int, msg string, ok bool) {
	var locked *auth.LockedError
	if errors.As(err, &locked) {
		w.Header().Set("Retry-After", retryAfter(locked.Lock.Until))
		return http.StatusTooManyRequests, locked.Error(), true
	}
	if errors.Is(err, derrors.Invalid) {
		return http.StatusUnprocessableEntity, derrors.MessageOf(err), true
	}
	return 0, "", false
}
