package api

import (
	"net/http"
	"strconv"

	"tiendo/internal/app"
	"tiendo/internal/auth"
)

// userCreateBody is POST /users's body. There is no password: the answer
// carries a one-time setup link instead.
type userCreateBody struct {
	Username string    `json:"username"`
	FullName string    `json:"full_name"`
	Email    string    `json:"email"`
	Role     auth.Role `json:"role"`
	AgencyID *int64    `json:"agency_id"`
}

// userCreate answers POST /users: 201 with the account, its Location and
// setup_url, the one-time link (24 hours) where the person sets a
// password and, where the role requires it, enrols a second factor. The
// link is shown once; only its hash is stored.
func (a *api) userCreate(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	var in userCreateBody
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	nu := app.NewUser{Username: in.Username, FullName: in.FullName, Email: in.Email, Role: in.Role}
	if in.AgencyID != nil {
		nu.AgencyID = *in.AgencyID
	}
	acc, link, err := a.app.CreateUser(r.Context(), u, nu)
	if err != nil {
		return err
	}
	names, err := a.app.AgencyNames(r.Context())
	if err != nil {
		return err
	}
	w.Header().Set("Location", Prefix+"/users/"+strconv.FormatInt(acc.ID, 10))
	w.Header().Set("Cache-Control", "no-store")
	return a.writeJSON(w, http.StatusCreated, userCreatedJSON{userJSON: userView(acc, names),
		SetupURL: a.linkURL(r, link.Path), SetupExpiresAt: *nullTime(link.ExpiresAt)})
}
