package web

import (
	"net/http"

	"tiendo/internal/app"
)

// accountPassword changes the user's own password: the current one first,
// the new one twice. The other sessions end; this one goes on with a new
// token.
func (h *handler) accountPassword(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		return err
	}
	token, err := h.app.ChangePassword(r.Context(), h.user(r), app.PasswordChange{Current: r.PostFormValue("current"),
		New: r.PostFormValue("new"), Confirm: r.PostFormValue("confirm"), IP: clientIP(r)})
	if err != nil {
		return h.accountRefused(r, "password", err)
	}
	h.setSessionCookie(w, token)
	http.Redirect(w, r, "/account?done=password", http.StatusSeeOther)
	return nil
}
