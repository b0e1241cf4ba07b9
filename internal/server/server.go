// Package server composes the HTTP application: the web UI, the JSON API,
// health checks, and the protections every request goes through (CSRF by
// origin, security headers, panic recovery, request logging).
package server

import (
	"context"
	"log/slog"
	"net/http"
	"runtime/debug"
	"tiendo/internal/figcache"
	"time"

	"tiendo/internal/api"
	"tiendo/internal/app"
	"tiendo/internal/auth"
	"tiendo/internal/clock"
	"tiendo/internal/metrics"
	"tiendo/internal/notify"
	"tiendo/internal/opendata"
	"tiendo/internal/ratelimit"
	"tiendo/internal/store"
	"tiendo/internal/web"
)

// Config is what the application needs to serve.
type Config struct {
	Store         *store.Store
	Clock         clock.Clock
	Log           *slog.Logger
	SecureCookies bool   // set when served over TLS
	DevDir        string // reload templates from this directory (development)

	// Sign-in settings for the web UI (web.Config has their meaning).
	Sessions       auth.SessionLimits
	TwoFactorRoles []auth.Role
	TOTPClock      clock.Clock
	Logins         auth.LoginRule
	OIDC           *web.OIDCConfig

	// Metrics is what /metrics shows; made here when nil.
	Metrics *metrics.Metrics
	// Draining, when it returns true, makes /readyz answer 503 so that a
	// load balancer stops sending requests before the instance stops.
	Draining func() bool

	// Writes limits each user's writes in the UI and the API together;
	// nil: no limit.
	Writes *ratelimit.Limiter

	// MaxActive is how many requests of the application (UI, API, open
	// data) work at once; the others wait their turn (admit.go). Health
	// checks and metrics always answer at once. 0: no limit.
	MaxActive int

	// Traffic counts the application's requests in flight, for the
	// background work that gives way to them (serve's reminder job); nil:
	// not counted.
	Traffic *Traffic

	// Mailer sends the e-mails people wait for (password links); nil: off.
	// BaseURL is the public address put in links (serve --base-url).
	Mailer  notify.Sender
	BaseURL string
}

// New returns the application's root handler.
func New(cfg Config) (http.Handler, error) {
	if cfg.Clock == nil {
		cfg.Clock = clock.System{}
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	// One dashboard cache, owned by the use cases that the pages, the API
	// and the open data share, so a figure computed for one is served to
	// the others.
	figs := figcache.New(cfg.Store, 0)
	uc := app.New(app.Config{Store: cfg.Store, Clock: cfg.Clock, Log: cfg.Log, Figures: figs,
		SignIn: app.SignInPolicy{Sessions: cfg.Sessions, TwoFactorRoles: cfg.TwoFactorRoles, TOTPClock: cfg.TOTPClock, Logins: cfg.Logins},
		Mail:   app.MailPolicy{Sender: cfg.Mailer, BaseURL: cfg.BaseURL}})
	ui, err := web.New(web.Config{App: uc, Clock: cfg.Clock, Log: cfg.Log, SecureCookies: cfg.SecureCookies, DevDir: cfg.DevDir, Writes: cfg.Writes, OIDC: cfg.OIDC})
	if err != nil {
		return nil, err
	}
	css, err := web.StaticURL("app.css") // the public pages wear the UI's stylesheet
	if err != nil {
		return nil, err
	}
	open, err := opendata.New(opendata.Config{App: uc, Log: cfg.Log, Stylesheet: css})
	if err != nil {
		return nil, err
	}
	if cfg.Metrics == nil {
		cfg.Metrics = metrics.New(cfg.Store.PoolStats)
	}
	work := http.NewServeMux()
	work.Handle("/api/v1/", api.New(api.Config{App: uc, Clock: cfg.Clock, Log: cfg.Log, Writes: cfg.Writes}))
	work.Handle("GET /open", http.RedirectHandler("/open/", http.StatusMovedPermanently))
	work.Handle("/open/", open) // open data: no login
	work.Handle("/", ui)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", healthz(cfg.Store))
	mux.HandleFunc("GET /readyz", readyz(cfg.Store, cfg.Draining))
	mux.Handle("GET /metrics", cfg.Metrics.Handler())
	g := newGate(cfg.MaxActive)
	cfg.Metrics.Admission(g.Active, g.Waiting)
	app := g.Wrap(work)
	if cfg.Traffic != nil {
		app = cfg.Traffic.Wrap(app)
	}
	mux.Handle("/", app)

	// Browsers send Origin / Sec-Fetch-Site on every cross-site request;
	// CrossOriginProtection refuses unsafe methods from other origins, which
	// is the CSRF defence for cookie sessions. Bearer-token clients send
	// neither header and pass; requireOrigin (csrf.go) refuses a request
	// that rides on a session cookie without either header, unless it is
	// an API request carrying a live token.
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(forbidCrossSite))
	liveToken := func(ctx context.Context, token string) bool {
		_, _, err := uc.TokenUser(ctx, token)
		return err == nil
	}
	var h http.Handler = cop.Handler(requireOrigin(liveToken, mux))
	h = securityHeaders(h)
	h = cfg.Metrics.Middleware(h)
	h = recoverer(cfg.Log, h)
	return h, nil
}

// healthz answers 200 when the database answers, 503 otherwise.
func healthz(s *store.Store) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		if err := s.Ping(ctx); err != nil {
			w.WriteHeader(http.StatusServiceUnavailable)
			w.Write([]byte("database unavailable\n"))
			return
		}
		w.Write([]byte("ok\n"))
	}
}

// readyz answers 200 when this instance should get traffic: the database
// answers and the instance is not shutting down; 503 otherwise. /healthz
// says whether it is alive at all.
func readyz(s *store.Store, draining func() bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		if draining != nil && draining() {
			w.WriteHeader(http.StatusServiceUnavailable)
			w.Write([]byte("shutting down\n"))
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := s.Ping(ctx); err != nil {
			w.WriteHeader(http.StatusServiceUnavailable)
			w.Write([]byte("database unavailable\n"))
			return
		}
		w.Write([]byte("ready\n"))
	}
}

// securityHeaders sets the headers every response carries. The UI uses no
// inline scripts, so the policy forbids them.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		if r.TLS != nil {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		next.ServeHTTP(w, r)
	})
}

// recoverer turns a panic in a handler into a logged 500 without internals.
func recoverer(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				log.Error("panic serving request", "method", r.Method, "path", r.URL.Path, "panic", v, "stack", string(debug.Stack()))
				http.Error(w, "Lỗi máy chủ. Vui lòng thử lại sau.", http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}
