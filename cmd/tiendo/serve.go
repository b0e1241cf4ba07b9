package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"tiendo/internal/app"
	"tiendo/internal/auth"
	"tiendo/internal/backup"
	"tiendo/internal/clock"
	"tiendo/internal/demo"
	"tiendo/internal/jobs"
	"tiendo/internal/metrics"
	"tiendo/internal/notify"
	"tiendo/internal/notify/smtp"
	"tiendo/internal/reporting"
	"tiendo/internal/server"
	"tiendo/internal/store"
)

// cmdServe runs the web application until ctx is cancelled, then shuts down
// gracefully, letting in-flight requests finish.
func cmdServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("serve", stderr)
	db := dbFlag(fs)
	addr := fs.String("addr", envOr("TIENDO_ADDR", "127.0.0.1:8080"), "listen address (env TIENDO_ADDR)")
	withDemo := fs.Bool("demo", false, "load the demo data (agencies, reference plan, one account per role) into a new database")
	fixed := fs.String("clock", envOr("TIENDO_CLOCK", ""), "fix today's date, YYYY-MM-DD, for training and demos (env TIENDO_CLOCK)")
	devDir := fs.String("dev-templates", "", "reload templates from this directory on every request (development)")
	baseURL := fs.String("base-url", envOr("TIENDO_BASE_URL", ""), "public address used in e-mail links, e.g. https://tiendo.camau.gov.vn (env TIENDO_BASE_URL)")
	mail := smtp.Flags(fs, os.Getenv)
	backups := backupFlags(fs)
	tlsf := newTLSFlags(fs)
	signin := newSignInFlags(fs)
	writeLimit := newWriteLimitFlags(fs)
	sso := newOIDCFlags(fs)
	maxActive := maxActiveFlag(fs)
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	active, err := maxActive(*db)
	if err != nil {
		return err
	}
	oidcCfg, err := sso.config(*baseURL)
	if err != nil {
		return err
	}
	writes, err := writeLimit.limiter()
	if err != nil {
		return err
	}
	twoFactor, err := signin.roles()
	if err != nil {
		return err
	}
	sessions, err := signin.limits()
	if err != nil {
		return err
	}
	tlsCfg, err := tlsf.config()
	if err != nil {
		return err
	}
	if err := backups.check(*db); err != nil {
		return err
	}
	mailCfg, err := mail()
	if err != nil {
		return err
	}
	clk, err := parseClock(*fixed)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	limitMemory()

	s, err := store.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	for _, f := range store.ExposedFiles(*db) {
		log.Warn("the database file is readable by other users of this machine; it holds password hashes and "+
			"second-factor secrets: make it the owner's alone (chmod 600)", "file", f)
	}
	var demoAccounts []demo.Account // printed, with the setup links, once the server listens
	if *withDemo {
		if demoAccounts, err = loadDemo(ctx, s, clock.Today(clk), twoFactor, stdout); err != nil {
			return err
		}
	}

	// Reminders judge days by clk (so --clock shows a training day's
	// reminders); the scheduler and its leases always use the real clock.
	var mailer notify.Sender
	if mailCfg.Enabled() {
		if mailer, err = smtp.NewMailer(mailCfg); err != nil {
			return err
		}
	}
	jobsApp := app.New(app.Config{Store: s, Clock: clk, Log: log})
	// The reminder job gives way to this instance's requests before each
	// plan it reads and each delivery, waiting at most reminderGiveWay each time.
	traffic := server.NewTraffic(reminderGiveWay)
	rem := &notify.Reminder{Source: jobsApp.ReminderSource(traffic.GiveWay), Ledger: s, Outbox: s, Mailer: mailer, Clock: clk,
		Digest: notify.DigestRule{Enabled: true, Day: time.Monday}, BaseURL: *baseURL, Log: log, GiveWay: traffic.GiveWay}
	m := metrics.New(s.PoolStats)
	sched := &jobs.Scheduler{Store: s, Clock: clock.System{}, Log: log, Observe: m.Observe}
	sched.Every("reminders", time.Hour, rem.Run)
	// The flow's e-mails (report sent, returned, accepted; extension
	// decided) are queued in the step's transaction and sent within a minute.
	sched.Every("mail", time.Minute, rem.SendOutbox)
	sched.Every("sessions", time.Hour, func(ctx context.Context, now time.Time) error {
		_, err := s.DeleteExpiredSessions(ctx, now)
		return err
	})
	if *backups.dir != "" {
		b := &backup.Schedule{Store: s, Dir: *backups.dir, Keep: *backups.keep, Log: log}
		sched.Every("backup", *backups.every, b.Run)
	}
	jobsCtx, stopJobs := context.WithCancel(ctx)
	defer stopJobs()
	jobsDone := make(chan error, 1)
	go func() { jobsDone <- sched.Run(jobsCtx) }()

	var draining atomic.Bool
	h, err := server.New(server.Config{Store: s, Clock: clk, Log: log, DevDir: *devDir, SecureCookies: tlsCfg != nil,
		Sessions: sessions, TwoFactorRoles: twoFactor, Writes: writes, OIDC: oidcCfg,
		Metrics: m, Draining: draining.Load, Mailer: mailer, BaseURL: *baseURL, MaxActive: active, Traffic: traffic})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := newHTTPServer(h, log, defaultTimeouts)
	srv.TLSConfig = tlsCfg
	scheme := "http"
	if tlsCfg != nil {
		scheme = "https"
	}
	started := fmt.Sprintf("tiendo đang chạy tại %s://%s (cơ sở dữ liệu: %s)\n", scheme, ln.Addr(), s.Dialect())
	if len(demoAccounts) > 0 {
		// The demo's passwords and setup links, once the server listens
		// (after the start-up log lines), framed so that they stand out,
		// and kept in a file only this machine's owner can read.
		base := *baseURL
		if base == "" {
			base = scheme + "://" + ln.Addr().String()
		}
		links, err := demoLinks(ctx, s, demoAccounts, base)
		if err != nil {
			return err
		}
		file, ferr := writeDemoAccounts(*db, demoAccounts, links)
		if ferr != nil {
			log.Warn("could not write the demo accounts to a file", "err", ferr)
		}
		started += demoAccountsBlock(demoAccounts, base, file) + links
	}
	fmt.Fprint(stdout, started)
	errc := make(chan error, 1)
	go func() {
		if tlsCfg != nil {
			errc <- srv.ServeTLS(ln, "", "")
			return
		}
		errc <- srv.Serve(ln)
	}()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	draining.Store(true) // /readyz turns 503 while requests in flight finish
	shutdown, cancel := context.WithTimeout(context.Background(), defaultTimeouts.shutdown)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return err
	}
	stopJobs()
	if err := <-jobsDone; err != nil && !errors.Is(err, context.Canceled) {
		log.Warn("jobs stopped with an error", "err", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// loadDemo fills a new database with the demo data and returns the
// accounts, for serve to print once it listens; on a database that
// already holds plans it says so and changes nothing. Accounts whose role
// must sign in with a second factor (twoFactor, nil meaning the default
// roles) come back without a password: a password alone never enrols one,
// so they get a one-time setup link (demoLinks) instead.
func loadDemo(ctx context.Context, s *store.Store, today time.Time, twoFactor []auth.Role, stdout io.Writer) ([]demo.Account, error) {
	plans, err := s.Plans(ctx)
	if err != nil {
		return nil, err
	}
	if len(plans) > 0 {
		fmt.Fprintln(stdout, "Cơ sở dữ liệu đã có dữ liệu: không nạp lại dữ liệu mẫu (tài khoản mẫu đã được in ra và ghi vào tệp khi tạo).")
		return nil, nil
	}
	res, err := demo.Load(ctx, s)
	if err != nil {
		return nil, err
	}
	p, err := s.Plan(ctx, res.PlanID)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(stdout, "Đã nạp dữ liệu mẫu: %s (mã %d) với %d nhiệm vụ (%d nhiệm vụ có cơ quan chủ trì nêu trong văn bản, %d nhiệm vụ được phân công mẫu).\n",
		p.Name(), res.PlanID, res.Tasks, res.Assigned, res.SampleAssigned)
	sample, err := demo.LoadReports(ctx, s, res.PlanID, today)
	if err != nil {
		return nil, err
	}
	if len(sample.Periods) > 0 {
		fmt.Fprintf(stdout, "Báo cáo mẫu (%s): %d đã tiếp nhận, %d chờ tiếp nhận, %d bị trả lại, %d đang soạn, %d chưa lập; %d gửi muộn.\n",
			strings.Join(sample.Periods, ", "), sample.ByState[reporting.StateAccepted], sample.ByState[reporting.StateSubmitted],
			sample.ByState[reporting.StateReturned], sample.ByState[reporting.StateDraft], sample.ByState[reporting.StateNotStarted], sample.Late)
	}
	if twoFactor == nil {
		twoFactor = auth.DefaultTwoFactorRoles
	}
	accounts := slices.Clone(res.Accounts)
	for i, a := range accounts {
		if slices.Contains(twoFactor, a.Role) {
			accounts[i].Password = ""
		}
	}
	return accounts, nil
}

// parseClock returns the system clock, or a clock fixed at noon (Vietnam
// time) of the given day.
func parseClock(day string) (clock.Clock, error) {
	if day == "" {
		return clock.System{}, nil
	}
	t, err := time.ParseInLocation("2006-01-02", day, clock.Local)
	if err != nil {
		return nil, fmt.Errorf("--clock %q: want a date as YYYY-MM-DD", day)
	}
	return clock.Fixed(t.Add(12 * time.Hour)), nil
}

// timeouts bound every phase of a request, so that a slow or stalled
// client (a slow-loris attack, a dead mobile link) cannot hold a
// connection, and how long shutdown waits for requests in flight.
type timeouts struct {
	readHeader, read, write, idle, shutdown time.Duration
}

// defaultTimeouts: headers in 10 s; bodies and answers in 2 minutes (plan
// uploads and official-report downloads over slow provincial links).
var defaultTimeouts = timeouts{readHeader: 10 * time.Second, read: 2 * time.Minute, write: 2 * time.Minute,
	idle: 2 * time.Minute, shutdown: 20 * time.Second}

// reminderGiveWay is the longest the reminder job waits for this
// instance's requests before each delivery (server.Traffic): a first run
// on the national data (4,244 deliveries) then finishes within about seven
// minutes under unbroken load, and at full speed whenever requests pause.
const reminderGiveWay = 100 * time.Millisecond

// newHTTPServer is the HTTP server with its timeouts.
func newHTTPServer(h http.Handler, log *slog.Logger, t timeouts) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: t.readHeader,
		ReadTimeout:       t.read,
		WriteTimeout:      t.write,
		IdleTimeout:       t.idle,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
}
