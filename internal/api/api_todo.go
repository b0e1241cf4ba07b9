package api

// TEMPORARY SCAFFOLD: fixes api.New's signature for internal/server; the
// real package replaces this file.

import (
	"log/slog"
	"net/http"

	"tiendo/internal/clock"
	"tiendo/internal/store"
)

// Config is what the JSON API needs.
type Config struct {
	Store *store.Store
	Clock clock.Clock
	Log   *slog.Logger
}

// New returns the handler of every /api/v1/ route.
func New(cfg Config) http.Handler { return http.NotFoundHandler() }
