package web

import (
	"net/http"
)

// accountSignOutEverywhere ends every session of the user — this browser's
// and those on other devices (a PC left signed in elsewhere, a lost phone).
func (h *handler) accountSignOutEverywhere(w http.ResponseWriter, r *http.Request) error {
	if err := h.app.SignOutEverywhere(r.Context(), h.user(r)); err != nil {
		return err
	}
	h.clearSessionCookie(w)
	http.Redirect(w, r, "/login", http.StatusSeeOther)
	return nil
}
