package api

import (
	"net/http"

	"tiendo/internal/app"
	"tiendo/internal/auth"
)

// userPatchBody is PATCH /users/{id}'s body: any of the fields; absent
// fields stay; agency_id null means none.
type userPatchBody struct {
	Disabled optional[bool]      `json:"disabled"`
	Role     optional[auth.Role] `json:"role"`
	AgencyID optional[int64]     `json:"agency_id"`
	FullName optional[string]    `json:"full_name"`
	Email    optional[string]    `json:"email"`
}

// userPatch answers PATCH /users/{id}: lock or unlock the account, change
// its role, agency, full name or e-mail (app.UpdateUser), and returns it.
func (a *api) userPatch(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in userPatchBody
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	var p app.UserPatch
	fields := map[string]string{}
	if in.Disabled.Set {
		if in.Disabled.Null {
			fields["disabled"] = "disabled phải là true hoặc false."
		}
		p.Disabled = &in.Disabled.Value
	}
	if in.Role.Set {
		p.Role = &in.Role.Value
	}
	if in.AgencyID.Set {
		p.AgencyID = &in.AgencyID.Value
	}
	if in.FullName.Set {
		p.FullName = &in.FullName.Value
	}
	if in.Email.Set {
		p.Email = &in.Email.Value
	}
	if len(fields) > 0 {
		return invalid(fields)
	}
	acc, err := a.app.UpdateUser(r.Context(), u, id, p)
	if err != nil {
		return err
	}
	names, err := a.app.AgencyNames(r.Context())
	if err != nil {
		return err
	}
	return a.writeJSON(w, http.StatusOK, userView(acc, names))
}
