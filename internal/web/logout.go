package web

import (
	"net/http"

	"tiendo/internal/auth"
)

// logout ends the session in the database (so a copied cookie dies with it)
// and clears the cookie.
func (h *handler) logout(w http.ResponseWriter, r *http.Request) error {
	if c, err := r.Cookie(auth.SessionCookie); err == nil {
		if err := h.app.SignOut(r.Context(), c.Value); err != nil {
			return err
		}
	}
	h.clearSessionCookie(w)
	http.Redirect(w, r, "/login", http.StatusSeeOther)
	return nil
}
