package web

import (
	"net/http"
)

// userDisable locks an account: its sessions end now, its API tokens stop
// working (the store checks the flag on every use), and it cannot sign in
// until enabled again. Nothing it did is deleted. An admin cannot lock
// themselves out.
func (h *handler) userDisable(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if id == actorID(r) {
		h.message(w, r, http.StatusUnprocessableEntity, "Không thể tự khóa tài khoản của chính mình. Hãy nhờ một quản trị viên khác.")
		return nil
	}
	if err := h.store.SetUserDisabled(r.Context(), actorID(r), id, true); err != nil {
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
	if err := h.store.SetUserDisabled(r.Context(), actorID(r), id, false); err != nil {
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
	if err := h.store.DisableTwoFactor(r.Context(), actorID(r), id); err != nil {
		return err
	}
	http.Redirect(w, r, "/users?done=2fa-reset", http.StatusSeeOther)
	return nil
}
