package web

import "net/http"

// userPasswordLink issues a one-time password link for an account
// (app.IssuePasswordLink) and shows it once: the setup link of an account
// not yet set up, or a reset link. Earlier links of the account stop
// working.
func (h *handler) userPasswordLink(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	link, err := h.app.IssuePasswordLink(r.Context(), h.user(r), id)
	if err != nil {
		return err
	}
	acc, err := h.app.UserAccount(r.Context(), h.user(r), id)
	if err != nil {
		return err
	}
	return h.render(w, r, http.StatusOK, "user_link", h.linkPage(r, acc, link, false))
}
