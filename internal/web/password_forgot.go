package web

import (
	"net/http"
	"strings"
)

// forgotPage is the "Quên mật khẩu?" page.
type forgotPage struct {
	MailOn bool // e-mail with links is configured; otherwise the page says whom to ask
	Sent   bool
}

// passwordForgotShow asks for the username to send a reset link to, or —
// without e-mail — says to ask an administrator.
func (h *handler) passwordForgotShow(w http.ResponseWriter, r *http.Request) error {
	return h.render(w, r, http.StatusOK, "password_forgot", &page{Title: "Quên mật khẩu", Data: forgotPage{MailOn: h.app.MailOn()}})
}

// passwordForgotSubmit asks app.RequestPasswordReset to e-mail a reset
// link and answers the same, after the same time, whatever the name: the
// page never tells whether an account exists.
func (h *handler) passwordForgotSubmit(w http.ResponseWriter, r *http.Request) error {
	if err := readForm(w, r, 16<<10); err != nil {
		return err
	}
	if err := h.app.RequestPasswordReset(r.Context(), strings.TrimSpace(r.PostFormValue("username"))); err != nil {
		return err
	}
	return h.render(w, r, http.StatusOK, "password_forgot", &page{Title: "Quên mật khẩu", Data: forgotPage{MailOn: h.app.MailOn(), Sent: true}})
}
