// Package app holds tiendo's use cases: one method for each thing a person
// does — create or edit a task, save one part of a report, submit, accept,
// reorganise agencies, read a dashboard, make a token. The web pages
// (internal/web) and the JSON API (internal/api) both call these methods,
// so a page and an API call can never disagree on a rule.
//
// Every use case follows the same steps:
//
//  1. it takes the acting user (by) and plain Go values the edge parsed;
//  2. it validates them (domain rules from plan, reporting, agency…, then
//     what needs the database: the section is the plan's, the agency exists);
//  3. it checks the permission for this record (auth, reporting.Can);
//  4. it writes through one store method, which is one transaction with its
//     audit row, or reads;
//  5. it returns domain values, or a typed error: a kind of internal/derrors
//     (NotFound, Forbidden, Conflict, ReadOnly, Invalid with per-field
//     messages), or a domain rule's own error (*reporting.Error).
//
// The edges map those errors to HTTP once each (web/errors.go,
// api/errors.go). Messages in errors are Vietnamese and name no URL, since
// both edges show them.
package app

import (
	"log/slog"
	"time"

	"tiendo/internal/auth"
	"tiendo/internal/clock"
	"tiendo/internal/figcache"
	"tiendo/internal/reporting"
	"tiendo/internal/store"
)

// Config is what the use cases need.
type Config struct {
	Store *store.Store
	// Clock is "today" (serve --clock fixes it for training); the system
	// clock when nil.
	Clock clock.Clock
	Log   *slog.Logger
	// Figures keeps computed dashboards; nil: a cache of the app's own.
	Figures *figcache.Cache
	// SignIn is how people sign in (sessions, second factor, throttle);
	// zero fields: the defaults (signin_policy.go).
	SignIn SignInPolicy
	// Mail sends the e-mails a person asks for now (a password link);
	// zero: e-mail off (mail.go).
	Mail MailPolicy
}

// App runs the use cases. It is safe for concurrent use and holds nothing
// that changes after New, apart from the figure cache.
type App struct {
	store *store.Store
	clock clock.Clock
	log   *slog.Logger
	figs  *figcache.Cache
	// rollups keeps computed roll-ups of upstream plans (rollup_cache.go).
	rollups *rollupCache
	// work keeps each agency's "Việc của tôi" (mywork_cache.go).
	work workCache
	// national keeps the last national rollup (national.go).
	national nationalMemo
	// signIn is the sign-in policy with its defaults filled.
	signIn signInRules
	mail   MailPolicy
}

// New returns the use cases over cfg.Store.
func New(cfg Config) *App {
	if cfg.Clock == nil {
		cfg.Clock = clock.System{}
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.Figures == nil {
		cfg.Figures = figcache.New(cfg.Store, 0)
	}
	return &App{store: cfg.Store, clock: cfg.Clock, log: cfg.Log, figs: cfg.Figures, rollups: newRollupCache(),
		signIn: newSignInRules(cfg.SignIn), mail: cfg.Mail}
}

// Now is the app's clock's time.
func (a *App) Now() time.Time { return a.clock.Now() }

// Today is the calendar day in Vietnam by the app's clock, at midnight UTC
// (the form dates are stored in).
func (a *App) Today() time.Time { return clock.Today(a.clock) }

// actor is who makes a reporting write, and when.
func (a *App) actor(by *auth.User) reporting.Actor {
	return reporting.Actor{User: by, Now: a.clock.Now()}
}

// userID is by's ID for the audit log; 0 for the system.
func userID(by *auth.User) int64 {
	if by == nil {
		return 0
	}
	return by.ID
}
