package store

import (
	"context"
	"database/sql"
	"time"

	"tiendo/internal/jobs"
)

// Job leases (table job_leases) implement jobs.LeaseStore: a job runs on
// the instance that holds its lease, and a lease is taken with one
// conditional write, so two instances never hold it at once. The SQL is the
// same on SQLite and PostgreSQL (INSERT … ON CONFLICT DO NOTHING, then an
// UPDATE whose WHERE re-checks the lease): on PostgreSQL a concurrent
// UPDATE of the same row waits and re-evaluates the WHERE on the committed
// row, on SQLite writers are serialised. Leases are not audited (they change
// every minute and mean nothing to people).

// AcquireLease takes the lease of job name for holder until until, when it
// is free: absent, expired (until ≤ now) or already holder's. It returns
// whether holder got it and the lease as it now stands (so that a loser
// knows when to try again).
func (s *Store) AcquireLease(ctx context.Context, name, holder string, now, until time.Time) (l jobs.Lease, ok bool, err error) {
	defer wrap(&err, "store.AcquireLease(%q)", name)
	err = s.Transact(ctx, func(tx *sql.Tx) error {
		res, err := s.exec(ctx, tx, `INSERT INTO job_leases (name, holder, until) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
			name, holder, tsArg(until))
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return err
		}
		if n == 0 {
			res, err = s.exec(ctx, tx, `UPDATE job_leases SET holder = ?, until = ? WHERE name = ? AND (until <= ? OR holder = ?)`,
				holder, tsArg(until), name, tsArg(now), holder)
			if err != nil {
				return err
			}
			if n, err = res.RowsAffected(); err != nil {
				return err
			}
		}
		ok = n == 1
		l, err = s.lease(ctx, tx, name)
		return err
	})
	return l, ok, err
}

// RenewLease extends holder's lease of job name to until while a job runs;
// false when holder no longer holds it (it expired and another instance
// took it).
func (s *Store) RenewLease(ctx context.Context, name, holder string, until time.Time) (ok bool, err error) {
	defer wrap(&err, "store.RenewLease(%q)", name)
	err = s.Transact(ctx, func(tx *sql.Tx) error {
		res, err := s.exec(ctx, tx, `UPDATE job_leases SET until = ? WHERE name = ? AND holder = ?`, tsArg(until), name, holder)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		ok = n == 1
		return err
	})
	return ok, err
}

// ReleaseLease ends holder's run of job name: the lease stays in holder's
// name but only until until — the time the job may next run anywhere (its
// start + interval, or now to hand it over at once). Nothing happens when
// holder no longer holds the lease.
func (s *Store) ReleaseLease(ctx context.Context, name, holder string, until time.Time) (err error) {
	defer wrap(&err, "store.ReleaseLease(%q)", name)
	return s.Transact(ctx, func(tx *sql.Tx) error {
		_, err := s.exec(ctx, tx, `UPDATE job_leases SET until = ? WHERE name = ? AND holder = ?`, tsArg(until), name, holder)
		return err
	})
}

// Leases lists every job lease by name, for the admin pages and tests.
func (s *Store) Leases(ctx context.Context) (list []jobs.Lease, err error) {
	defer wrap(&err, "store.Leases")
	rows, err := s.query(ctx, s.r, `SELECT name, holder, until FROM job_leases ORDER BY name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var l jobs.Lease
		if err := rows.Scan(&l.Name, &l.Holder, timeCol{&l.Until}); err != nil {
			return nil, err
		}
		list = append(list, l)
	}
	return list, rows.Err()
}

func (s *Store) lease(ctx context.Context, q querier, name string) (l jobs.Lease, err error) {
	err = s.queryRow(ctx, q, `SELECT name, holder, until FROM job_leases WHERE name = ?`, name).Scan(&l.Name, &l.Holder, timeCol{&l.Until})
	return l, err
}
