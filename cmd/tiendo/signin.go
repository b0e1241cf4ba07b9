package main

import (
	"flag"
	"fmt"
	"strings"
	"time"

	"tiendo/internal/auth"
)

// signInFlags holds serve's sign-in settings.
type signInFlags struct {
	require2FA *string
	idle, max  *time.Duration
}

func newSignInFlags(fs *flag.FlagSet) signInFlags {
	dur := func(env string, def time.Duration) time.Duration {
		if d, err := time.ParseDuration(envOr(env, "")); err == nil {
			return d
		}
		return def
	}
	return signInFlags{
		require2FA: fs.String("require-2fa", envOr("TIENDO_REQUIRE_2FA", "admin,coordinator"),
			"roles that must sign in with a TOTP code, comma-separated, or none (env TIENDO_REQUIRE_2FA)"),
		idle: fs.Duration("session-idle", dur("TIENDO_SESSION_IDLE", auth.SessionIdle), "end a web session unused this long (env TIENDO_SESSION_IDLE)"),
		max:  fs.Duration("session-max", dur("TIENDO_SESSION_MAX", auth.SessionTTL), "end a web session this long after sign-in, used or not (env TIENDO_SESSION_MAX)"),
	}
}

// roles parses --require-2fa: a non-nil slice, empty for "none".
func (f signInFlags) roles() ([]auth.Role, error) {
	list := []auth.Role{}
	v := strings.TrimSpace(*f.require2FA)
	if v == "none" || v == "" {
		return list, nil
	}
	for _, s := range strings.Split(v, ",") {
		r := auth.Role(strings.TrimSpace(s))
		if !r.Valid() {
			return nil, fmt.Errorf("--require-2fa %q: %q is not a role (admin, coordinator, head, officer, leader), or say none", v, s)
		}
		list = append(list, r)
	}
	return list, nil
}

// minSessionIdle is the shortest idle limit serve accepts: well above the
// one-minute interval at which an active session's idle deadline moves.
const minSessionIdle = 5 * time.Minute

// limits checks and returns the session lifetimes.
func (f signInFlags) limits() (auth.SessionLimits, error) {
	switch {
	case *f.max < 5*time.Minute:
		return auth.SessionLimits{}, fmt.Errorf("--session-max %s: at least 5m", *f.max)
	case *f.idle < 0 || *f.idle > *f.max:
		return auth.SessionLimits{}, fmt.Errorf("--session-idle %s: between 0 (no idle limit) and --session-max %s", *f.idle, *f.max)
	case *f.idle > 0 && *f.idle < minSessionIdle:
		// A session's idle deadline is moved at most once a minute (so that
		// every page view does not write); an idle limit near that interval
		// would sign out people who are using the site.
		return auth.SessionLimits{}, fmt.Errorf("--session-idle %s: at least %s (or 0 for no idle limit)", *f.idle, minSessionIdle)
	}
	return auth.SessionLimits{Idle: *f.idle, Max: *f.max}, nil
}
