package notify

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"

	"tiendo/internal/clock"
)

// Defaults of the Reminder's timing settings.
const (
	// defaultClaimTimeout is how long a claimed reminder waits for its
	// sender before another run may take it over. Far longer than one SMTP
	// conversation (30 s), so that a slow send is not sent twice.
	defaultClaimTimeout = 15 * time.Minute
	// defaultRetryDelay is the wait after an SMTP failure: the next hourly
	// run tries again.
	defaultRetryDelay = 10 * time.Minute
	// defaultMaxAttempts: after this many failed attempts (about a day and
	// a half of hourly runs) a reminder is marked failed; its in-app notice
	// was delivered at the first attempt anyway.
	defaultMaxAttempts = 36
)

// Reminder is the reminder job (đôn đốc): on each run it asks Source what is
// owed, works out with the Rules which reminders and digests are in force
// today, and delivers each through the Ledger — an in-app notice and an
// e-mail — once per rule, obligation and recipient. It is meant to run
// every hour or so from the jobs scheduler; running it more often, or on
// several instances at once, sends nothing twice (see Ledger).
type Reminder struct {
	Source Source
	Ledger Ledger
	// Outbox holds the flow's queued e-mails (SendOutbox); nil: none.
	Outbox Outbox
	Mailer Sender // nil: e-mail off, in-app notices only
	// Clock says which day the rules judge (serve --clock fixes it for
	// training); nil: the day of Run's now. Run's now itself, the wall
	// clock, stamps the ledger.
	Clock clock.Clock
	// Rules apply to obligations that carry none; nil: DefaultRules().
	Rules  *Rules
	Digest DigestRule
	// BaseURL is the application's address as people reach it, e.g.
	// "https://tiendo.camau.gov.vn", to put links in e-mails; "" for none.
	BaseURL string
	// Holder names this instance in the ledger (a run adds a random
	// suffix); "": host name and process ID.
	Holder       string
	ClaimTimeout time.Duration // 0: 15 minutes
	RetryDelay   time.Duration // 0: 10 minutes
	MaxAttempts  int           // 0: 36
	Log          *slog.Logger  // nil: discard
	// GiveWay, when set, is called before the run reads what is owed and
	// before each delivery, and returns when the run may go on: serve
	// passes server.Traffic's, so that a run catching up on thousands of
	// reminders gives way to the requests of its instance. An error (the
	// context ended) stops the run. nil: the run goes straight on.
	GiveWay func(context.Context) error
}

// Run delivers the reminders and digests in force at now. It goes on after
// a failed delivery (one agency's mail server refusing a message does not
// hold up the others) and returns the failures joined; a cancelled ctx stops
// it between deliveries.
func (r *Reminder) Run(ctx context.Context, now time.Time) error {
	run := r.newRun(now)
	if err := run.turn(ctx); err != nil {
		return err
	}
	obligations, err := r.Source.Obligations(ctx, run.today)
	if err != nil {
		return fmt.Errorf("notify: reading obligations: %w", err)
	}
	var errs []error
	for _, o := range obligations {
		if err := ctx.Err(); err != nil {
			return errors.Join(append(errs, err)...)
		}
		rules := run.rules
		if o.Rules != nil {
			rules = *o.Rules
		}
		due, ok := rules.Check(o, run.today)
		if !ok {
			continue
		}
		if err := run.turn(ctx); err != nil {
			return errors.Join(append(errs, err)...)
		}
		d, err := run.reminderDelivery(ctx, due)
		if err == nil {
			err = run.deliver(ctx, d)
		}
		errs = append(errs, err)
	}
	for _, dg := range r.Digest.Due(obligations, run.today) {
		if err := run.turn(ctx); err != nil {
			return errors.Join(append(errs, err)...)
		}
		d, err := run.digestDelivery(ctx, dg)
		if err == nil {
			err = run.deliver(ctx, d)
		}
		errs = append(errs, err)
	}
	level := slog.LevelDebug // an hourly run that sends nothing is not news
	if run.sent+run.failed > 0 {
		level = slog.LevelInfo
	}
	run.log.Log(ctx, level, "reminders", "day", run.today.Format(time.DateOnly), "sent", run.sent, "failed", run.failed)
	return errors.Join(errs...)
}

// run is the state of one Run: settings with their defaults filled, and a
// cache of each agency's people.
type run struct {
	*Reminder
	now, today   time.Time
	rules        Rules
	holder       string
	claimTimeout time.Duration
	retryDelay   time.Duration
	maxAttempts  int
	log          *slog.Logger
	people       map[int64][]Recipient
	sent, failed int
}

func (r *Reminder) newRun(now time.Time) *run {
	clk := r.Clock
	if clk == nil {
		clk = clock.Fixed(now)
	}
	x := &run{Reminder: r, now: now, today: clock.Today(clk), rules: DefaultRules(),
		holder: r.Holder, claimTimeout: r.ClaimTimeout, retryDelay: r.RetryDelay,
		maxAttempts: r.MaxAttempts, log: r.Log, people: map[int64][]Recipient{}}
	if r.Rules != nil {
		x.rules = *r.Rules
	}
	if x.holder == "" {
		host, _ := os.Hostname()
		x.holder = fmt.Sprintf("%s-%d", host, os.Getpid())
	}
	x.holder += "/" + randomHex(6) // each run its own claims
	if x.claimTimeout <= 0 {
		x.claimTimeout = defaultClaimTimeout
	}
	if x.retryDelay <= 0 {
		x.retryDelay = defaultRetryDelay
	}
	if x.maxAttempts <= 0 {
		x.maxAttempts = defaultMaxAttempts
	}
	if x.log == nil {
		x.log = slog.New(slog.DiscardHandler)
	}
	return x
}

// turn returns when the run may take its next step (Reminder.GiveWay), or
// ctx's error.
func (x *run) turn(ctx context.Context) error {
	if x.GiveWay == nil {
		return ctx.Err()
	}
	return x.GiveWay(ctx)
}

// agencyPeople returns an agency's recipients, asking Source once per run.
func (x *run) agencyPeople(ctx context.Context, agencyID int64) ([]Recipient, error) {
	if p, ok := x.people[agencyID]; ok {
		return p, nil
	}
	p, err := x.Source.Recipients(ctx, agencyID)
	if err != nil {
		return nil, fmt.Errorf("notify: recipients of agency %d: %w", agencyID, err)
	}
	x.people[agencyID] = p
	return p, nil
}

// url is the absolute form of an application path, "" when BaseURL is unset.
func (x *run) url(path string) string {
	if x.BaseURL == "" || path == "" {
		return ""
	}
	return trimSlash(x.BaseURL) + path
}

func trimSlash(s string) string {
	for len(s) > 0 && s[len(s)-1] == '/' {
		s = s[:len(s)-1]
	}
	return s
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // never fails (crypto/rand, Go ≥ 1.24)
	return hex.EncodeToString(b)
}
