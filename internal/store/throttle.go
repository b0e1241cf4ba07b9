package store

import (
	"context"
	"database/sql"
	"time"

	"tiendo/internal/auth"
)

// Failed sign-ins are counted per username (in the form auth.ThrottleKey
// gives) and per address; auth.LoginRule judges the counts.

// LoginFailures counts the failed sign-ins as username and from ip after
// since, with the latest of each.
func (s *Store) LoginFailures(ctx context.Context, username, ip string, since time.Time) (f auth.LoginFailures, err error) {
	defer wrap(&err, "store.LoginFailures")
	count := func(col, val string, n *int, last *time.Time) error {
		return s.queryRow(ctx, s.r, `SELECT COUNT(*), MAX(at) FROM login_failures WHERE `+col+` = ? AND at > ?`, val, tsArg(since)).
			Scan(n, timeCol{last})
	}
	if err := count("username", auth.ThrottleKey(username), &f.Account, &f.AccountLast); err != nil {
		return f, err
	}
	err = count("ip", ip, &f.IP, &f.IPLast)
	return f, err
}

// RecordLoginFailure counts a failed sign-in (a wrong password or code, an
// unknown username) and audits it.
func (s *Store) RecordLoginFailure(ctx context.Context, username, ip, reason string, at time.Time) (err error) {
	defer wrap(&err, "store.RecordLoginFailure")
	name := auth.ThrottleKey(username)
	if len(name) > 256 {
		name = name[:256]
	}
	return s.Transact(ctx, func(tx *sql.Tx) error {
		if _, err := s.exec(ctx, tx, `INSERT INTO login_failures (at, username, ip) VALUES (?, ?, ?)`, tsArg(at), name, ip); err != nil {
			return err
		}
		return s.audit(ctx, tx, 0, "login.fail", "login", 0, map[string]any{"username": name, "ip": ip, "reason": reason})
	})
}

// ClearLoginFailures forgets an account's failures after it signs in, so
// that a user who mistyped a few times starts again from zero. The
// address's count stays: it guards against trying many accounts.
func (s *Store) ClearLoginFailures(ctx context.Context, username string) (err error) {
	defer wrap(&err, "store.ClearLoginFailures")
	_, err = s.exec(ctx, s.w, `DELETE FROM login_failures WHERE username = ?`, auth.ThrottleKey(username))
	return err
}
