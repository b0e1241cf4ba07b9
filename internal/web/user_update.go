package web

import (
	"net/http"

	"tiendo/internal/app"
)

// userUpdate saves the account form (app.UpdateUser): full name, e-mail,
// role and agency. A change of role ends the person's sessions.
func (h *handler) userUpdate(w http.ResponseWriter, r *http.Request) error {
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
	if err := f.read(w, r); err != nil {
		return err
	}
	f.Username = acc.Username // not editable
	if f.Self {
		f.Role = acc.Role // the select is disabled: nothing comes back
		f.AgencyID = acc.AgencyID
	}
	_, err = h.app.UpdateUser(r.Context(), h.user(r), id, app.UserPatch{FullName: &f.FullName, Email: &f.Email,
		Role: &f.Role, AgencyID: &f.AgencyID})
	if err != nil {
		return f.refused(err, "Sửa tài khoản "+acc.Username)
	}
	http.Redirect(w, r, "/users?done=updated", http.StatusSeeOther)
	return nil
}
