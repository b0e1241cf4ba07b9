package web

// TEMPORARY SCAFFOLD: fixes web.New's signature for internal/server; the
// real package (routes.go and handlers) replaces this file.

import (
	"log/slog"
	"net/http"

	"tiendo/internal/clock"
	"tiendo/internal/store"
)

// Config is what the web UI needs.
type Config struct {
	Store         *store.Store
	Clock         clock.Clock
	Log           *slog.Logger
	SecureCookies bool   // mark cookies Secure (served over TLS)
	DevDir        string // when set, templates are read from this directory on every request
}

// New returns the handler of every HTML route (and static files).
func New(cfg Config) (http.Handler, error) { return http.NotFoundHandler(), nil }
