package notify

import (
	"context"
	"time"
)

// Ledger is the reminder ledger the store keeps: one row per (rule,
// obligation key, recipient), the unique key that makes a reminder go out
// once however many app instances run the reminder job.
//
// The protocol is claim, then send, then mark:
//
//  1. ClaimReminder inserts a pending row per recipient with INSERT … ON
//     CONFLICT DO NOTHING. Only the transaction whose insert creates the row
//     owns it; a second instance running the same job at the same moment
//     inserts nothing (on PostgreSQL its insert waits for the first
//     transaction's commit, then does nothing; on SQLite writers are
//     serialised). In the same transaction it adds the recipient's in-app
//     notice, so a notice exists exactly once per row.
//  2. The owner sends the e-mail, outside any transaction.
//  3. MarkRemindersSent marks the rows sent; on an SMTP error
//     MarkRemindersFailed leaves them pending until retryAt (after
//     maxAttempts they become failed and are no longer tried).
//
// A pending row whose RetryAt has passed can be claimed again, by any
// instance, with an UPDATE … WHERE state = 'pending' AND retry_at <= now,
// which only one concurrent UPDATE can win. A claim sets RetryAt to
// now + the claim timeout, so a run that crashed between claiming and marking
// is taken over after that timeout.
//
// Delivery is therefore at-least-once on a crash, never lost: a crash after
// the SMTP server accepted the message but before the row was marked sent
// sends it once more after the claim timeout. That window is one UPDATE
// long; the alternative (mark sent first, then send) would silently lose
// reminders whenever the SMTP server is down, which is the common failure.
// In-app notices are exactly once (they commit with the claim).
type Ledger interface {
	ClaimReminder(ctx context.Context, c Claim) (claimed []int64, err error)
	MarkRemindersSent(ctx context.Context, m Mark, at time.Time) error
	MarkRemindersFailed(ctx context.Context, m Mark, reason string, retryAt time.Time, maxAttempts int) error
}

// Claim asks the ledger for the right to send one reminder to some users.
type Claim struct {
	Rule   string  // "before-7", "after-1", "overdue-week-3", "digest"
	Key    string  // the obligation's (or digest's) key
	Users  []int64 // recipients
	Holder string  // who claims: a value unique to this run of this instance
	Now    time.Time
	// RetryAt is when the claim may be taken over if this run never marks
	// the rows (it crashed): Now + the claim timeout.
	RetryAt time.Time
	// Notice is added for each user whose row the claim creates (UserID and
	// CreatedAt are filled by the store); not for rows claimed again.
	Notice Notice
}

// Mark names rows a holder claimed, to mark them sent or failed. Rows no
// longer pending or claimed by another holder since are left alone.
type Mark struct {
	Rule, Key, Holder string
	Users             []int64
}

// Send states in the ledger.
const (
	SendPending = "pending" // claimed, not yet sent (or failed and waiting for a retry)
	SendSent    = "sent"    // the SMTP server accepted it (or the user has no e-mail: notice only)
	SendFailed  = "failed"  // given up after the maximum number of attempts
)

// SendRecord is one ledger row, for the admin pages and tests.
type SendRecord struct {
	Rule, Key string
	UserID    int64
	State     string
	Holder    string
	Attempts  int
	CreatedAt time.Time
	RetryAt   time.Time
	SentAt    time.Time // zero unless sent
	LastError string
}
