package web

import (
	"net/http"

	"tiendo/internal/auth"
)

// userRow is one account in the users list.
type userRow struct {
	auth.User
	Agency string
}

// userList shows every account with its role and agency, for administrators.
func (h *handler) userList(w http.ResponseWriter, r *http.Request) error {
	users, err := h.store.Users(r.Context())
	if err != nil {
		return err
	}
	list, err := h.store.Agencies(r.Context())
	if err != nil {
		return err
	}
	names := agencyIndex(list)
	rows := make([]userRow, len(users))
	for i, u := range users {
		rows[i] = userRow{User: u}
		if a := names[u.AgencyID]; a != nil {
			rows[i].Agency = a.DisplayName()
		}
	}
	return h.render(w, r, http.StatusOK, "user_list", &page{Title: "Người dùng", Nav: "users", Data: rows})
}
