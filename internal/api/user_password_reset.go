package api

import (
	"net/http"

	"tiendo/internal/auth"
)

// passwordResetJSON is a one-time password link just issued.
type passwordResetJSON struct {
	ResetURL  string `json:"reset_url"`
	ExpiresAt string `json:"expires_at"`
}

// userPasswordReset answers POST /users/{id}/password-reset: a one-time
// link (24 hours) for the person to set a new password — the setup link of
// an account never set up — which ends the account's earlier links. It
// is e-mailed too when e-mail is on and the account has an address.
func (a *api) userPasswordReset(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	link, err := a.app.IssuePasswordLink(r.Context(), u, id)
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	return a.writeJSON(w, http.StatusOK, passwordResetJSON{ResetURL: a.linkURL(r, link.Path), ExpiresAt: *nullTime(link.ExpiresAt)})
}
