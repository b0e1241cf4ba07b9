package web

import (
	"net/http"
)

// userDisable locks an account: its sessions end now, its API tokens stop
// working, and it cannot sign in until enabled again (app.DisableUser; an
// admin cannot lock themselves out).
func (h *handler) userDisable(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := h.app.DisableUser(r.Context(), h.user(r), id); err != nil {
		return err
	}
	http.Redirect(w, r, "/users?done=disabled", http.StatusSeeOther)
	return nil
}

// userEnable unlocks an account.
func (h *handler) userEnable(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := h.app.EnableUser(r.Context(), h.user(r), id); err != nil {
		return err
	}
	http.Redirect(w, r, "/users?done=enabled", http.StatusSeeOther)
	return nil
}

// userResetTwoFactor removes a user's second factor (a lost or replaced
// phone); where the role requires one, the next sign-in enrols again.
func (h *handler) userResetTwoFactor(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := h.app.ResetUserTwoFactor(r.Context(), h.user(r), id); err != nil {
		return err
	}
	http.Redirect(w, r, "/users?done=2fa-reset", http.StatusSeeOther)
	return nil
}
