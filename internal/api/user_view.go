package api

import (
	"net/http"

	"tiendo/internal/app"
	"tiendo/internal/auth"
)

// userJSON is an account as administrators read it: never a password or a
// token, but how the person signs in and what they hold.
type userJSON struct {
	ID            int64     `json:"id"`
	Username      string    `json:"username"`
	FullName      string    `json:"full_name"`
	Email         string    `json:"email"`
	Role          auth.Role `json:"role"`
	RoleLabel     string    `json:"role_label"`
	AgencyID      *int64    `json:"agency_id"`
	AgencyName    string    `json:"agency_name"`
	Disabled      bool      `json:"disabled"`
	HasPassword   bool      `json:"has_password"`
	TwoFactor     bool      `json:"two_factor"`
	LastSignInAt  *string   `json:"last_sign_in_at"`
	Tokens        int       `json:"tokens"`
	LinkExpiresAt *string   `json:"link_expires_at"`
	CreatedAt     *string   `json:"created_at"`
}

// userView is acc as JSON; names are the agencies' full names (the API
// names agencies in full everywhere).
func userView(acc *app.UserAccount, names map[int64]string) userJSON {
	id := acc.AgencyID
	return userJSON{ID: acc.ID, Username: acc.Username, FullName: acc.FullName, Email: acc.Email, Role: acc.Role,
		RoleLabel: acc.Role.Label(), AgencyID: nullID(&id), AgencyName: names[acc.AgencyID], Disabled: acc.Disabled,
		HasPassword: acc.HasPassword, TwoFactor: acc.TwoFactor, LastSignInAt: nullTime(acc.LastSignIn),
		Tokens: acc.Tokens, LinkExpiresAt: nullTime(acc.LinkExpires), CreatedAt: nullTime(acc.CreatedAt)}
}

// userCreatedJSON is a new account with its one-time setup link, given
// instead of a password.
type userCreatedJSON struct {
	userJSON
	SetupURL       string `json:"setup_url"`
	SetupExpiresAt string `json:"setup_expires_at"`
}

// linkURL is a password link's absolute address: the configured base
// address (serve --base-url), else the one this request came to.
func (a *api) linkURL(r *http.Request, path string) string {
	if base := a.app.BaseURL(); base != "" {
		return base + path
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host + path
}
