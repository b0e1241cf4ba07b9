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

	"tiendo/internal/app"
	"tiendo/internal/clock"
	"tiendo/internal/ratelimit"
)

// Config is what the web UI needs.
type Config struct {
	// App runs the use cases; the handlers parse, call it and render.
	App           *app.App
	Clock         clock.Clock
	Log           *slog.Logger
	SecureCookies bool // mark cookies Secure (served over TLS)
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

// handler holds what every page handler needs. It is built once by New and
// shared by all requests; nothing in it changes after New returns.
type handler struct {
	app    *app.App
	clock  clock.Clock
	log    *slog.Logger
	secure bool
	writes *ratelimit.Limiter
	oidc   *oidcClient
	ui     *assets // templates and static files (re-read per request in dev mode)
	devDir string
}

// New returns the handler of every HTML route (and static files).
func New(cfg Config) (http.Handler, error) {
	if cfg.App == nil {
		return nil, errors.New("web: Config.App is required")
	}
	if cfg.Clock == nil {
		cfg.Clock = clock.System{}
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	ui, err := loadAssets(cfg.DevDir)
	if err != nil {
		return nil, err
	}
	h := &handler{
		app:    cfg.App,
		clock:  cfg.Clock,
		log:    cfg.Log,
		secure: cfg.SecureCookies,
		writes: cfg.Writes,
		ui:     ui,
		devDir: cfg.DevDir,
	}
	if cfg.OIDC != nil {
		h.oidc = &oidcClient{cfg: *cfg.OIDC}
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
