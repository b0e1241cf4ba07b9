package auth

import "time"

// TwoFactor is a user's TOTP state.
type TwoFactor struct {
	Secret    string    // base32; "" when not enabled
	EnabledAt time.Time // zero when not enabled
	Recovery  int       // unused recovery codes left
}

// Enabled reports whether the user signs in with a second factor.
func (t TwoFactor) Enabled() bool { return t.Secret != "" }

// LoginChallenge is a sign-in half done: the password was right, the
// second factor is still to come. It is not a session: nothing but the
// two-factor steps accept it.
type LoginChallenge struct {
	UserID int64
	Next   string // where to go once signed in
	Secret string // a TOTP secret being enrolled; "" when the user has one
}

// Enrolment reports whether the challenge enrols a new authenticator (the
// role requires a second factor and the user has none yet).
func (c LoginChallenge) Enrolment() bool { return c.Secret != "" }

// DefaultTwoFactorRoles are the roles that must sign in with TOTP unless
// configured otherwise: those who can change every agency's data.
var DefaultTwoFactorRoles = []Role{RoleAdmin, RoleCoordinator}
