package web

import (
	"net/http"

	"tiendo/internal/auth"
)

// startSession is where every way of signing in (password, single sign-on)
// ends once it knows who u is: it stores a new session, hands the browser
// its cookie and goes on to next (already checked by safeNext).
func (h *handler) startSession(w http.ResponseWriter, r *http.Request, u *auth.User, next string) error {
	token, tokenHash := auth.NewToken()
	if err := h.store.CreateSession(r.Context(), tokenHash, u.ID, h.clock.Now().Add(auth.SessionTTL)); err != nil {
		return err
	}
	h.setSessionCookie(w, token)
	http.Redirect(w, r, next, http.StatusSeeOther)
	return nil
}
