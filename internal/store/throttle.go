package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"tiendo/internal/vntext"
)

// LoginRule is the sign-in throttle: more than PerAccount failures for one
// username, or PerIP from one address, within Window lock that username or
// address until Window after the last failure — also against the right
// password, so that guessing cannot go on slowly behind the lock.
type LoginRule struct {
	PerAccount, PerIP int
	Window            time.Duration
}

// DefaultLoginRule locks an account after 5 failures and an address after
// 20 within 15 minutes, for 15 minutes.
var DefaultLoginRule = LoginRule{PerAccount: 5, PerIP: 20, Window: 15 * time.Minute}

// LoginLock says whether and until when sign-in is locked.
type LoginLock struct {
	Until time.Time // zero: not locked
	ByIP  bool      // locked because of the address, not the account
}

// throttleName is the form a username is counted under: "An", " an " and
// "AN" are one account to an attacker, so they are one count.
func throttleName(username string) string {
	return strings.ToLower(strings.TrimSpace(vntext.NFC(username)))
}

// LoginLocked says whether sign-in as username from ip is locked at now.
func (s *Store) LoginLocked(ctx context.Context, username, ip string, now time.Time, rule LoginRule) (lock LoginLock, err error) {
	defer wrap(&err, "store.LoginLocked")
	since := tsArg(now.Add(-rule.Window))
	check := func(col, val string, limit int) (time.Time, error) {
		var n int
		var last time.Time
		err := s.queryRow(ctx, s.r, `SELECT COUNT(*), MAX(at) FROM login_failures WHERE `+col+` = ? AND at > ?`, val, since).
			Scan(&n, timeCol{&last})
		if err != nil || n < limit {
			return time.Time{}, err
		}
		return last.Add(rule.Window), nil
	}
	if lock.Until, err = check("username", throttleName(username), rule.PerAccount); err != nil || !lock.Until.IsZero() {
		return lock, err
	}
	lock.Until, err = check("ip", ip, rule.PerIP)
	lock.ByIP = !lock.Until.IsZero()
	return lock, err
}

// RecordLoginFailure counts a failed sign-in (a wrong password or code, an
// unknown username) and audits it.
func (s *Store) RecordLoginFailure(ctx context.Context, username, ip, reason string, at time.Time) (err error) {
	defer wrap(&err, "store.RecordLoginFailure")
	name := throttleName(username)
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
	_, err = s.exec(ctx, s.w, `DELETE FROM login_failures WHERE username = ?`, throttleName(username))
	return err
}
