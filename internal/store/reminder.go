package store

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"time"

	"tiendo/internal/notify"
)

// The reminder ledger (table reminder_sends) implements notify.Ledger; the
// protocol and its at-least-once reasoning are documented there. Like
// notices, it is not audited: it is itself the record of what was sent.

// ClaimReminder claims the rows of c's users that this run may send: rows
// it creates (adding each user's in-app notice) and pending rows whose
// RetryAt has passed. It returns the claimed users in ascending order.
// Rows are touched in ascending user order whatever the order of c.Users,
// so two concurrent claims never wait on each other in a cycle.
func (s *Store) ClaimReminder(ctx context.Context, c notify.Claim) (claimed []int64, err error) {
	defer wrap(&err, "store.ClaimReminder(%s, %s)", c.Rule, c.Key)
	users := slices.Clone(c.Users)
	slices.Sort(users)
	users = slices.Compact(users)
	if len(users) == 0 {
		return nil, nil
	}
	// The reminder job runs hourly and finds most reminders in force already
	// sent: a read on the read pool settles that without taking the write
	// lock (the claim below re-checks everything under it).
	var settled int
	if err := s.queryRow(ctx, s.r, `SELECT COUNT(*) FROM reminder_sends WHERE rule = ? AND obligation_key = ?
		AND (state <> 'pending' OR retry_at > ?) AND user_id IN (`+placeholders(len(users))+`)`,
		append([]any{c.Rule, c.Key, tsArg(c.Now)}, int64sToArgs(users)...)...).Scan(&settled); err != nil {
		return nil, err
	}
	if settled == len(users) {
		return nil, nil
	}
	// A few users to a transaction: a claim for many (every coordinator,
	// a run's first claims after a start) would otherwise hold SQLite's one
	// writer while every request that writes waits (issue 21). Each row is
	// claimed on its own by the ledger's protocol, its notice in its
	// transaction; a claim that fails part way leaves the rows it took
	// pending, taken over after the claim timeout like a crashed run's.
	for part := range slices.Chunk(users, claimBatch) {
		var mine []int64
		err := s.Transact(ctx, func(tx *sql.Tx) (err error) {
			mine, err = s.claimPart(ctx, tx, c, part)
			return err
		})
		if err != nil {
			return nil, err
		}
		claimed = append(claimed, mine...)
	}
	return claimed, nil
}

// claimBatch is how many users' rows one claim transaction takes.
const claimBatch = 16

// claimPart claims the rows of c for part (ascending, distinct) in tx:
// the rows it creates, with each user's notice, and the pending rows of
// the others whose retry time has passed. It returns the users claimed,
// ascending. Three statements whatever the number of users: a run
// catching up after a start claims 12,574 rows on the national data
// while requests are served, and claimed them with two or three
// statements each (issue 21). Rows are inserted, and taken over, in
// ascending user order.
func (s *Store) claimPart(ctx context.Context, tx *sql.Tx, c notify.Claim, part []int64) ([]int64, error) {
	var q strings.Builder
	q.WriteString(`INSERT INTO reminder_sends (rule, obligation_key, user_id, state, holder, attempts, created_at, retry_at) VALUES `)
	args := make([]any, 0, 6*len(part))
	for i, u := range part {
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteString(`(?, ?, ?, 'pending', ?, 1, ?, ?)`)
		args = append(args, c.Rule, c.Key, u, c.Holder, tsArg(c.Now), tsArg(c.RetryAt))
	}
	q.WriteString(` ON CONFLICT DO NOTHING RETURNING user_id`)
	created, err := s.queryIDs(ctx, tx, q.String(), args...)
	if err != nil {
		return nil, err
	}
	slices.Sort(created) // RETURNING's order is the database's
	if len(created) > 0 {
		n := c.Notice
		n.CreatedAt = c.Now
		if _, err := s.addNotices(ctx, tx, created, n); err != nil {
			return nil, err
		}
	}
	others := slices.DeleteFunc(slices.Clone(part), func(u int64) bool { _, ok := slices.BinarySearch(created, u); return ok })
	if len(others) == 0 {
		return created, nil
	}
	taken, err := s.queryIDs(ctx, tx, `UPDATE reminder_sends SET holder = ?, attempts = attempts + 1, retry_at = ?
		WHERE rule = ? AND obligation_key = ? AND state = 'pending' AND retry_at <= ? AND user_id IN (`+placeholders(len(others))+`)
		RETURNING user_id`, append([]any{c.Holder, tsArg(c.RetryAt), c.Rule, c.Key, tsArg(c.Now)}, int64sToArgs(others)...)...)
	if err != nil {
		return nil, err
	}
	mine := append(created, taken...)
	slices.Sort(mine)
	return mine, nil
}

// MarkRemindersSent marks m's rows sent at at, those still pending and
// held by m.Holder.
func (s *Store) MarkRemindersSent(ctx context.Context, m notify.Mark, at time.Time) (err error) {
	defer wrap(&err, "store.MarkRemindersSent(%s, %s)", m.Rule, m.Key)
	if len(m.Users) == 0 {
		return nil
	}
	return s.Transact(ctx, func(tx *sql.Tx) error {
		_, err := s.exec(ctx, tx, `UPDATE reminder_sends SET state = 'sent', sent_at = ?, last_error = ''
			WHERE rule = ? AND obligation_key = ? AND holder = ? AND state = 'pending' AND user_id IN (`+placeholders(len(m.Users))+`)`,
			append([]any{tsArg(at), m.Rule, m.Key, m.Holder}, int64sToArgs(m.Users)...)...)
		return err
	})
}

// MarkRemindersFailed records a failed send of m's rows: they stay pending,
// claimable again from retryAt, or become failed once they have been
// attempted maxAttempts times.
func (s *Store) MarkRemindersFailed(ctx context.Context, m notify.Mark, reason string, retryAt time.Time, maxAttempts int) (err error) {
	defer wrap(&err, "store.MarkRemindersFailed(%s, %s)", m.Rule, m.Key)
	if len(m.Users) == 0 {
		return nil
	}
	return s.Transact(ctx, func(tx *sql.Tx) error {
		_, err := s.exec(ctx, tx, `UPDATE reminder_sends
			SET last_error = ?, retry_at = ?, state = CASE WHEN attempts >= ? THEN 'failed' ELSE 'pending' END
			WHERE rule = ? AND obligation_key = ? AND holder = ? AND state = 'pending' AND user_id IN (`+placeholders(len(m.Users))+`)`,
			append([]any{reason, tsArg(retryAt), maxAttempts, m.Rule, m.Key, m.Holder}, int64sToArgs(m.Users)...)...)
		return err
	})
}

// ReminderSends lists ledger rows, newest first: those of one obligation
// key, or all when key is ""; at most limit (1–1000, else 200).
func (s *Store) ReminderSends(ctx context.Context, key string, limit int) (list []notify.SendRecord, err error) {
	defer wrap(&err, "store.ReminderSends(%q)", key)
	if limit <= 0 || limit > 1000 {
		limit = 200
	}
	const cols = `rule, obligation_key, user_id, state, holder, attempts, created_at, retry_at, sent_at, last_error`
	q, args := `SELECT `+cols+` FROM reminder_sends ORDER BY created_at DESC, rule, obligation_key, user_id LIMIT ?`, []any{limit}
	if key != "" {
		q = `SELECT ` + cols + ` FROM reminder_sends WHERE obligation_key = ? ORDER BY created_at DESC, rule, user_id LIMIT ?`
		args = []any{key, limit}
	}
	rows, err := s.query(ctx, s.r, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var r notify.SendRecord
		if err := rows.Scan(&r.Rule, &r.Key, &r.UserID, &r.State, &r.Holder, &r.Attempts,
			timeCol{&r.CreatedAt}, timeCol{&r.RetryAt}, timeCol{&r.SentAt}, &r.LastError); err != nil {
			return nil, err
		}
		list = append(list, r)
	}
	return list, rows.Err()
}

func int64sToArgs(ids []int64) []any {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return args
}

// AgencyRecipients lists the active heads and officers of an agency as
// reminder recipients, for the reporting side's notify.Source.
func (s *Store) AgencyRecipients(ctx context.Context, agencyID int64) (list []notify.Recipient, err error) {
	defer wrap(&err, "store.AgencyRecipients(%d)", agencyID)
	return s.recipients(ctx, `SELECT id, username, full_name, email, role FROM users
		WHERE agency_id = ? AND NOT disabled AND role IN ('head', 'officer') ORDER BY id`, agencyID)
}

// CoordinatorRecipients lists the active coordinators (role coordinator),
// who are copied on overdue reminders, for notify.Source.
func (s *Store) CoordinatorRecipients(ctx context.Context) (list []notify.Recipient, err error) {
	defer wrap(&err, "store.CoordinatorRecipients")
	return s.recipients(ctx, `SELECT id, username, full_name, email, role FROM users
		WHERE role = 'coordinator' AND NOT disabled ORDER BY id`)
}

// recipients reads users as recipients, named by full name (user name when
// it is empty).
func (s *Store) recipients(ctx context.Context, query string, args ...any) (list []notify.Recipient, err error) {
	rows, err := s.query(ctx, s.r, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var r notify.Recipient
		var username string
		if err := rows.Scan(&r.UserID, &username, &r.Name, &r.Email, &r.Role); err != nil {
			return nil, err
		}
		if r.Name == "" {
			r.Name = username
		}
		list = append(list, r)
	}
	return list, rows.Err()
}
