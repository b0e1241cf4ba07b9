// Package web is tiendo's server-rendered user interface: HTML pages in
// Vietnamese for browsing, searching and editing plans, tasks and agencies,
// importing plan documents, and periodic reporting — "Việc của tôi" (the
// home page, by role), agencies' reports from draft to acceptance with
// evidence files, extension requests, each plan's reporting regime (with a
// preview of the periods it gives), and each user's in-app notices (their
// unread count is in every page's header: one indexed count per page).
//
// Reporting routes are gated by role (permissions.go); the rules for one
// report come from internal/reporting (reporting.Can), whose errors carry
// the Vietnamese message fail shows. The report form's parts save on their
// own with a version each; a small script autosaves them (autosave.go).
//
// Every route and the permission it needs is listed in routes.go; each
// handler lives in its own noun_verb.go file, returns an error, and leaves
// status codes and messages for those errors to fail (errors.go).
// Templates and static files are embedded; responses are rendered into a
// buffer first so that a template error never sends half a page.
package web

import (
	"errors"
	"log/slog"
	"net/http"
	"sync"

	"tiendo/internal/app"
	"tiendo/internal/auth"
	"tiendo/internal/clock"
	"tiendo/internal/ratelimit"
	"tiendo/internal/store"
)

// Config is what the web UI needs.
type Config struct {
	// App runs the use cases; the handlers parse, call it and render.
	App           *app.App
	Store         *store.Store
	Clock         clock.Clock
	Log           *slog.Logger
	SecureCookies bool // mark cookies Secure (served over TLS)
	// Sessions are the web sessions' idle and absolute lifetimes;
	// auth.DefaultSessionLimits when zero.
	Sessions auth.SessionLimits
	// TwoFactorRoles must sign in with a TOTP code; nil means admin and
	// coordinator, an empty (non-nil) slice nobody (training setups only).
	TwoFactorRoles []auth.Role
	// TOTPClock is the time TOTP codes are checked against: the real time
	// (clock.System) when nil, whatever Clock says — a training day fixed by
	// --clock must not break the authenticator apps. Tests step it.
	TOTPClock clock.Clock
	// Logins is the sign-in throttle; store.DefaultLoginRule when zero.
	Logins store.LoginRule
	// OIDC turns on single sign-on; nil: off (the routes answer 404).
	OIDC *OIDCConfig
	// Writes limits each user's (or, signed out, each address's) writes;
	// nil: no limit.
	Writes *ratelimit.Limiter
	// DevDir, when set, is the directory of this package's sources
	// (internal/web, or its templates/ folder): templates/ and static/ are
	// then read from it on every request, so that a designer sees changes
	// without rebuilding.
	DevDir string
}

// DefaultTwoFactorRoles are the roles that must sign in with TOTP unless
// configured otherwise: those who can change every agency's data.
var DefaultTwoFactorRoles = []auth.Role{auth.RoleAdmin, auth.RoleCoordinator}

// handler holds what every page handler needs. It is built once by New and
// shared by all requests; nothing in it changes after New returns.
type handler struct {
	app    *app.App
	store  *store.Store
	clock  clock.Clock
	log    *slog.Logger
	secure bool
	limits auth.SessionLimits
	// twoFactor holds the roles that must use a second factor.
	twoFactor map[auth.Role]bool
	totp      clock.Clock
	logins    store.LoginRule
	writes    *ratelimit.Limiter
	oidc      *oidcClient
	ui        *assets // templates and static files (re-read per request in dev mode)
	devDir    string
	// decoyHash is a password hash verified when a username is unknown, so
	// that sign-in takes the same time whether or not the user exists.
	decoyHash func() string
}

// New returns the handler of every HTML route (and static files).
func New(cfg Config) (http.Handler, error) {
	if cfg.Store == nil {
		return nil, errors.New("web: Config.Store is required")
	}
	if cfg.Clock == nil {
		cfg.Clock = clock.System{}
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.Sessions.Max <= 0 {
		cfg.Sessions = auth.DefaultSessionLimits
	}
	if cfg.TwoFactorRoles == nil {
		cfg.TwoFactorRoles = DefaultTwoFactorRoles
	}
	if cfg.TOTPClock == nil {
		cfg.TOTPClock = clock.System{}
	}
	if cfg.Logins.Window <= 0 {
		cfg.Logins = store.DefaultLoginRule
	}
	ui, err := loadAssets(cfg.DevDir)
	if err != nil {
		return nil, err
	}
	if cfg.App == nil {
		cfg.App = app.New(app.Config{Store: cfg.Store, Clock: cfg.Clock, Log: cfg.Log})
	}
	h := &handler{
		app:       cfg.App,
		store:     cfg.Store,
		clock:     cfg.Clock,
		log:       cfg.Log,
		secure:    cfg.SecureCookies,
		limits:    cfg.Sessions,
		twoFactor: map[auth.Role]bool{},
		totp:      cfg.TOTPClock,
		logins:    cfg.Logins,
		writes:    cfg.Writes,
		ui:        ui,
		devDir:    cfg.DevDir,
		decoyHash: sync.OnceValue(func() string {
			s, _ := auth.HashPassword("tiendo-decoy-password")
			return s
		}),
	}
	if cfg.OIDC != nil {
		h.oidc = &oidcClient{cfg: *cfg.OIDC}
	}
	for _, r := range cfg.TwoFactorRoles {
		h.twoFactor[r] = true
	}
	mux := http.NewServeMux()
	h.routes(mux)
	return mux, nil
}

// assets returns the templates and static files to use for one request:
// the embedded ones, or a fresh read of DevDir in development.
func (h *handler) assets() (*assets, error) {
	if h.devDir == "" {
		return h.ui, nil
	}
	return loadAssets(h.devDir)
}
