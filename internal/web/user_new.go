package web

import "net/http"

// userNew shows the form to add an account.
func (h *handler) userNew(w http.ResponseWriter, r *http.Request) error {
	f, err := h.newUserForm(r.Context())
	if err != nil {
		return err
	}
	return h.render(w, r, http.StatusOK, "user_form", &page{Title: "Thêm người dùng", Nav: "users", Data: f})
}
