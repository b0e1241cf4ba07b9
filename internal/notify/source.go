package notify

import (
	"context"
	"time"

	"tiendo/internal/auth"
)

// Obligation is one thing an agency owes by a date and may be reminded of:
// today the periodic report of one agency for one period of one plan.
type Obligation struct {
	// Key names the obligation in the reminder ledger, stable across runs
	// and instances, e.g. "report:<plan>:<period>:<agency>".
	Key        string
	AgencyID   int64
	AgencyName string    // shown in messages: "Kính gửi: Sở Tài chính"
	Label      string    // what is owed: "Báo cáo Quý II/2026 — Kế hoạch 99/KH-UBND"
	Due        time.Time // the due day, midnight UTC (the store's form of dates)
	Done       bool      // submitted or accepted: no reminder
	Returned   bool      // returned by the coordinator for correction (listed apart in digests)
	Link       string    // path inside the application, e.g. "/reports/12"
	// Rules are the reminder rules of the obligation's reporting regime;
	// nil means the reminder job's defaults.
	Rules *Rules
}

// Recipient is a person who may be sent reminders.
type Recipient struct {
	UserID int64
	Name   string
	Email  string // empty: in-app notice only
	Role   auth.Role
}

// Source is what the reporting side tells the reminder job: what is owed,
// and who answers for it. The reporting store implements it.
type Source interface {
	// Obligations lists the obligations worth looking at today: at least
	// every obligation not done whose due day is within the longest
	// "before" rule ahead or already past (done ones may be included; the
	// rules skip them).
	Obligations(ctx context.Context, today time.Time) ([]Obligation, error)
	// Recipients lists the active (not disabled) users of an agency, with
	// their roles: officers are reminded, heads are reminded when the
	// obligation is overdue and receive the weekly digest.
	Recipients(ctx context.Context, agencyID int64) ([]Recipient, error)
	// Coordinators lists who follows o for the coordinating agency (the
	// Sở KH&CN's coordinators for the reference plan): they are copied on
	// overdue reminders. Given o so that a plan may name its own.
	Coordinators(ctx context.Context, o Obligation) ([]Recipient, error)
}
