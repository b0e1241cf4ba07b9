package api

import (
	"net/http"

	"tiendo/internal/auth"
)

// userList answers GET /users: every account by username, for
// administrators.
func (a *api) userList(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	list, err := a.app.UserAccounts(r.Context(), u)
	if err != nil {
		return err
	}
	names, err := a.app.AgencyNames(r.Context())
	if err != nil {
		return err
	}
	items := make([]userJSON, len(list))
	for i := range list {
		items[i] = userView(&list[i], names)
	}
	return a.writeJSON(w, http.StatusOK, listJSON[userJSON]{Items: items, Total: len(items)})
}
