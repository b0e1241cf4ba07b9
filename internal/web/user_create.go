package web

import (
	"net/http"

	"tiendo/internal/app"
)

// userCreate adds an account without a password (app.CreateUser) and
// shows its one-time setup link, once.
func (h *handler) userCreate(w http.ResponseWriter, r *http.Request) error {
	f, err := h.newUserForm(r.Context())
	if err != nil {
		return err
	}
	if err := f.read(w, r); err != nil {
		return err
	}
	acc, link, err := h.app.CreateUser(r.Context(), h.user(r), app.NewUser{Username: f.Username, FullName: f.FullName,
		Email: f.Email, Role: f.Role, AgencyID: f.AgencyID})
	if err != nil {
		return f.refused(err, "Thêm người dùng")
	}
	return h.render(w, r, http.StatusOK, "user_link", h.linkPage(r, acc, link, true))
}
