package jobs

import (
	"context"
	"time"
)

// Lease is the right of one app instance (Holder) to run a job until Until.
// Between runs it records when the job may run next, anywhere.
type Lease struct {
	Name   string
	Holder string
	Until  time.Time
}

// LeaseStore keeps leases in the database shared by every instance; the
// store implements it. Each method is one atomic conditional write, so that
// two instances never both believe they hold a lease.
type LeaseStore interface {
	// AcquireLease takes the lease for holder until until when it is free
	// (absent, until ≤ now, or already holder's) and returns it as it
	// stands, taken or not.
	AcquireLease(ctx context.Context, name, holder string, now, until time.Time) (Lease, bool, error)
	// RenewLease extends holder's lease; false when holder lost it.
	RenewLease(ctx context.Context, name, holder string, until time.Time) (bool, error)
	// ReleaseLease sets holder's lease to end at until (when the job may
	// next run), if holder still holds it.
	ReleaseLease(ctx context.Context, name, holder string, until time.Time) error
}
