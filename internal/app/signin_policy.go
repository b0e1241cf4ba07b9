package app

import (
	"sync"
	"time"

	"tiendo/internal/auth"
	"tiendo/internal/clock"
)

// SignInPolicy is how people sign in: how long sessions last, which roles
// must give a second factor, the clock TOTP codes are checked against, and
// the throttle on failures. Zero fields take the defaults.
type SignInPolicy struct {
	// Sessions are the web sessions' idle and absolute lifetimes;
	// auth.DefaultSessionLimits when Max is zero.
	Sessions auth.SessionLimits
	// TwoFactorRoles must sign in with a TOTP code; nil means
	// auth.DefaultTwoFactorRoles, an empty (non-nil) slice nobody
	// (training setups only).
	TwoFactorRoles []auth.Role
	// TOTPClock is the time TOTP codes are checked against: the real time
	// (clock.System) when nil, whatever the app's clock says — a training
	// day fixed by --clock must not break the authenticator apps. Tests
	// step it.
	TOTPClock clock.Clock
	// Logins is the sign-in throttle; auth.DefaultLoginRule when its
	// Window is zero.
	Logins auth.LoginRule
}

// ChallengeTTL is how long the second-factor step of a sign-in may take.
const ChallengeTTL = 5 * time.Minute

// MaxCredential bounds a username, password or code read, so that a huge
// password cannot make Argon2id hash megabytes.
const MaxCredential = 256

// signInRules is a SignInPolicy with its defaults filled, as the use cases
// read it.
type signInRules struct {
	sessions  auth.SessionLimits
	twoFactor map[auth.Role]bool
	totp      clock.Clock
	// wall is the real time, which sign-in locks run on, like TOTP: a
	// training day fixed by --clock must not lock someone out for good.
	wall   clock.Clock
	logins auth.LoginRule
	// decoyHash is a password hash verified when a username is unknown, so
	// that sign-in takes the same time whether or not the user exists. It
	// is made on first use (an Argon2id hash costs 64 MiB and a moment).
	decoyHash func() string
}

func newSignInRules(p SignInPolicy) signInRules {
	r := signInRules{sessions: p.Sessions, twoFactor: map[auth.Role]bool{}, totp: p.TOTPClock,
		wall: clock.System{}, logins: p.Logins,
		decoyHash: sync.OnceValue(func() string {
			s, _ := auth.HashPassword("tiendo-decoy-password")
			return s
		})}
	if r.sessions.Max <= 0 {
		r.sessions = auth.DefaultSessionLimits
	}
	roles := p.TwoFactorRoles
	if roles == nil {
		roles = auth.DefaultTwoFactorRoles
	}
	for _, role := range roles {
		r.twoFactor[role] = true
	}
	if r.totp == nil {
		r.totp = clock.System{}
	}
	if r.logins.Window <= 0 {
		r.logins = auth.DefaultLoginRule
	}
	return r
}

// SessionLimits are the lifetimes of the sessions the app starts, for the
// edge that sets their cookies.
func (a *App) SessionLimits() auth.SessionLimits { return a.signIn.sessions }
