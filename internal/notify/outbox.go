package notify

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"
)

// outboxBatch bounds the e-mails one SendOutbox run takes; the next run
// (a minute later) takes the rest.
const outboxBatch = 200

// SendOutbox sends the queued flow e-mails (Outbox) that are due at now,
// each through the ledger's claim → send → mark protocol, like reminders:
// once across instances, retried after an SMTP failure, and — with e-mail
// off — marked done (their in-app notices were written with the step).
// It is meant to run every minute from the jobs scheduler. Nothing to do
// when Outbox is nil.
func (r *Reminder) SendOutbox(ctx context.Context, now time.Time) error {
	if r.Outbox == nil {
		return nil
	}
	run := r.newRun(now)
	mails, err := r.Outbox.PendingMail(ctx, now, outboxBatch)
	if err != nil {
		return fmt.Errorf("notify: reading the outbox: %w", err)
	}
	var errs []error
	for _, m := range mails {
		if err := ctx.Err(); err != nil {
			return errors.Join(append(errs, err)...)
		}
		d := delivery{rule: m.Rule, key: m.Key, kind: m.Kind, to: m.To, link: m.Link,
			text: rendered{Subject: m.Subject, Body: m.Body}}
		errs = append(errs, run.deliver(ctx, d))
	}
	if run.sent+run.failed > 0 {
		run.log.Log(ctx, slog.LevelInfo, "flow e-mails", "sent", run.sent, "failed", run.failed)
	}
	return errors.Join(errs...)
}
