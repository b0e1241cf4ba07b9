package web

import (
	"errors"
	"html/template"
	"net/http"

	"tiendo/internal/app"
	"tiendo/internal/auth"
	"tiendo/internal/derrors"
)

// passwordLinkForm is the page of a one-time password link: set the
// password and, when the role requires it and there is none yet, enrol
// the authenticator on the same page.
type passwordLinkForm struct {
	Gone     string // the link no longer works: why
	Username string
	FullName string
	Setup    bool // a new account's first sign-in (else a reset)
	Expires  string
	Enrol    bool
	QR       template.URL
	Secret   string // in groups of four; sent back with the first code
	Errors   map[string]string
	Error    string
}

// passwordLinkTitle is the page's title.
func passwordLinkTitle(setup bool) string {
	if setup {
		return "Thiết lập tài khoản"
	}
	return "Đặt lại mật khẩu"
}

// passwordLinkShow shows the page of a link, or why it no longer works.
func (h *handler) passwordLinkShow(w http.ResponseWriter, r *http.Request) error {
	info, err := h.app.PasswordLinkInfo(r.Context(), r.PathValue("token"))
	if errors.Is(err, derrors.NotFound) {
		return h.linkGone(w, r, err)
	}
	if err != nil {
		return err
	}
	f := &passwordLinkForm{Username: info.User.Username, FullName: info.User.FullName, Setup: info.Purpose == auth.LinkSetup,
		Expires: formatDateTime(info.ExpiresAt), Enrol: info.Enrol}
	if f.Enrol {
		secret, err := app.NewEnrolmentSecret(info.User.Username)
		if err != nil {
			return err
		}
		if err := f.setSecret(secret); err != nil {
			return err
		}
	}
	return h.render(w, r, http.StatusOK, "password_link", &page{Title: passwordLinkTitle(f.Setup), Data: f})
}

// setSecret shows secret as a QR code and in groups of four.
func (f *passwordLinkForm) setSecret(secret string) error {
	e, err := enrolForm(f.Username, secret)
	if err != nil {
		return err
	}
	f.QR, f.Secret = e.QR, e.Secret
	return nil
}

// linkGone answers a link that no longer works: 410, with why and what to
// do.
func (h *handler) linkGone(w http.ResponseWriter, r *http.Request, err error) error {
	f := &passwordLinkForm{Gone: derrors.MessageOf(err)}
	return h.render(w, r, http.StatusGone, "password_link", &page{Title: "Đường dẫn không còn dùng được", Data: f})
}

// passwordLinkSubmit uses a link (app.UsePasswordLink): nothing is stored
// while a field is wrong, and the page comes back with the same secret, so
// that the authenticator already scanned still fits. Once done, the
// person is signed in (with the recovery codes shown once after an
// enrolment), or goes on to their second factor.
func (h *handler) passwordLinkSubmit(w http.ResponseWriter, r *http.Request) error {
	if err := readForm(w, r, 16<<10); err != nil {
		return err
	}
	token := r.PathValue("token")
	info, err := h.app.PasswordLinkInfo(r.Context(), token)
	if errors.Is(err, derrors.NotFound) {
		return h.linkGone(w, r, err)
	}
	if err != nil {
		return err
	}
	secret := app.NormalizeTOTPSecret(r.PostFormValue("secret"))
	step, err := h.app.UsePasswordLink(r.Context(), app.LinkUse{Token: token, Password: r.PostFormValue("password"),
		Confirm: r.PostFormValue("confirm"), Secret: secret, Code: r.PostFormValue("code")})
	if err == nil {
		if len(step.RecoveryCodes) > 0 {
			h.setSessionCookie(w, step.Session)
			return h.render(w, r, http.StatusOK, "recovery_codes", &page{Title: "Mã khôi phục",
				Data: recoveryPage{Codes: step.RecoveryCodes, Next: step.Next}})
		}
		return h.continueSignIn(w, r, step)
	}
	f := &passwordLinkForm{Username: info.User.Username, FullName: info.User.FullName, Setup: info.Purpose == auth.LinkSetup,
		Expires: formatDateTime(info.ExpiresAt), Enrol: info.Enrol}
	if f.Enrol {
		if len(secret) < 16 || len(secret) > 64 {
			if secret, err = app.NewEnrolmentSecret(info.User.Username); err != nil {
				return err
			}
		}
		if err := f.setSecret(secret); err != nil {
			return err
		}
	}
	pg := &page{Title: passwordLinkTitle(f.Setup), Data: f}
	switch {
	case errors.Is(err, derrors.Invalid):
		f.Errors = derrors.FieldsOf(err)
		return reshow(http.StatusUnprocessableEntity, "password_link", pg)
	case errors.Is(err, derrors.NotFound):
		return h.linkGone(w, r, err)
	}
	return err
}
