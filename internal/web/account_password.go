package web

import (
	"net/http"

	"tiendo/internal/app"
)

// accountPassword changes the user's own password: the current one first,
// the new one twice. The other sessions end; this one goes on with a new
// token. While the sign-in lock holds the form is refused (429).
func (h *handler) accountPassword(w http.ResponseWriter, r *http.Request) error {
	if err := readForm(w, r, 16<<10); err != nil {
		return err
	}
	token, err := h.app.ChangePassword(r.Context(), h.user(r), app.PasswordChange{Current: r.PostFormValue("current"),
		New: r.PostFormValue("new"), Confirm: r.PostFormValue("confirm"), IP: clientIP(r)})
	if err != nil {
		return h.accountRefused(w, r, "password", err)
	}
	h.setSessionCookie(w, token)
	http.Redirect(w, r, "/account?done=password", http.StatusSeeOther)
	return nil
}
