package web

import "net/http"

// userEdit shows the form to change an account's name, e-mail, role and
// agency.
func (h *handler) userEdit(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	acc, err := h.app.UserAccount(r.Context(), h.user(r), id)
	if err != nil {
		return err
	}
	f, err := h.newUserForm(r.Context())
	if err != nil {
		return err
	}
	f.fill(&acc.User)
	f.Self = id == h.user(r).ID
	return h.render(w, r, http.StatusOK, "user_form", &page{Title: "Sửa tài khoản " + acc.Username, Nav: "users", Data: f})
}
