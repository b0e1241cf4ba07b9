package web

import (
	"html/template"
	"net/http"
	"strings"

	"tiendo/internal/auth"
)

// twoFactorForm is the data of the second-factor pages.
type twoFactorForm struct {
	Username string
	Error    string
	QR       template.URL // enrolment (account page): the QR code, a data: URL made here (html/template would refuse a plain string)
	Secret   string       // enrolment (account page): the secret in groups of four, to type by hand
}

// twoFactorShow asks for the code of the user's authenticator app (or a
// recovery code) after a right password.
func (h *handler) twoFactorShow(w http.ResponseWriter, r *http.Request) error {
	_, u, _, ok, err := h.challenge(r)
	if err != nil || !ok {
		return backToLogin(w, r, err)
	}
	return h.render(w, r, http.StatusOK, "login_2fa", &page{Title: "Xác thực hai lớp", Data: twoFactorForm{Username: u.Username}})
}

// recoveryPage shows new recovery codes, once.
type recoveryPage struct {
	Codes []string
	Next  string
}

// enrolForm is the enrolment page's data for secret.
func enrolForm(username, secret string) (twoFactorForm, error) {
	qr, err := auth.TOTPQR(auth.TOTPURL(username, secret))
	if err != nil {
		return twoFactorForm{}, err
	}
	var groups []string
	for i := 0; i < len(secret); i += 4 {
		groups = append(groups, secret[i:min(i+4, len(secret))])
	}
	return twoFactorForm{Username: username, QR: template.URL(qr), Secret: strings.Join(groups, " ")}, nil
}

// backToLogin sends someone without a pending sign-in to the sign-in page.
func backToLogin(w http.ResponseWriter, r *http.Request, err error) error {
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/login", http.StatusSeeOther)
	return nil
}
