package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"tiendo/internal/auth"
)

// Sessions are kept in the database (app instances hold no state) under
// the SHA-256 hash of the cookie token (auth.HashToken), so a copy of the
// database does not hand out live sessions.

// CreateSession stores a session under the hash of its cookie token that
// ends at expires, with no idle limit. It is audited as a sign-in of userID.
func (s *Store) CreateSession(ctx context.Context, tokenHash []byte, userID int64, expires time.Time) (err error) {
	defer wrap(&err, "store.CreateSession(user %d)", userID)
	return s.createSession(ctx, tokenHash, userID, expires, time.Time{}, 0, nil)
}

// StartSession stores a session that begins at start and ends after
// lim.Max, or earlier when unused for lim.Idle. detail goes to the audit
// entry of the sign-in (how the user signed in).
func (s *Store) StartSession(ctx context.Context, tokenHash []byte, userID int64, start time.Time, lim auth.SessionLimits, detail map[string]any) (err error) {
	defer wrap(&err, "store.StartSession(user %d)", userID)
	expires := start.Add(lim.Max)
	var idleUntil time.Time
	if lim.Idle > 0 {
		idleUntil = earliest(start.Add(lim.Idle), expires)
	}
	return s.createSession(ctx, tokenHash, userID, expires, idleUntil, int64(lim.Idle/time.Second), detail)
}

func (s *Store) createSession(ctx context.Context, tokenHash []byte, userID int64, expires, idleUntil time.Time, idleSecs int64, detail map[string]any) error {
	at := now()
	if detail == nil {
		detail = map[string]any{}
	}
	detail["expires_at"] = tsArg(expires)
	if idleSecs > 0 {
		detail["idle_seconds"] = idleSecs
	}
	return s.Transact(ctx, func(tx *sql.Tx) error {
		if _, err := s.exec(ctx, tx, `INSERT INTO sessions (token_hash, user_id, created_at, expires_at, idle_until, idle_secs) VALUES (?, ?, ?, ?, ?, ?)`,
			tokenHash, userID, tsArg(at), tsArg(expires), tsArg(idleUntil), idleSecs); err != nil {
			return err
		}
		if _, err := s.exec(ctx, tx, `UPDATE users SET last_sign_in_at = ? WHERE id = ?`, tsArg(at), userID); err != nil {
			return err
		}
		return s.audit(ctx, tx, userID, "session.create", "user", userID, detail)
	})
}

// sessionTouchEvery is how far the idle deadline may lag behind the last
// use before SessionUser moves it: one write a minute per active session,
// not one per request.
const sessionTouchEvery = time.Minute

// SessionUser returns the user of a live session and moves its idle
// deadline; ErrNotFound when the session is absent, past its absolute or
// idle limit, or the user is disabled.
func (s *Store) SessionUser(ctx context.Context, tokenHash []byte, now time.Time) (u *auth.User, err error) {
	defer wrap(&err, "store.SessionUser")
	var expires, idleUntil time.Time
	var idleSecs int64
	v, err := scanUser(s.queryRow(ctx, s.r, `SELECT `+userCols+`, se.expires_at, se.idle_until, se.idle_secs
		FROM sessions se JOIN users u ON u.id = se.user_id
		WHERE se.token_hash = ? AND se.expires_at > ? AND NOT u.disabled`, tokenHash, tsArg(now)),
		timeCol{&expires}, timeCol{&idleUntil}, &idleSecs)
	if err != nil {
		return nil, err
	}
	if idleSecs > 0 {
		if !idleUntil.After(now) {
			return nil, ErrNotFound
		}
		idle := time.Duration(idleSecs) * time.Second
		if next := earliest(now.Add(idle), expires); next.Sub(idleUntil) >= sessionTouchEvery {
			if _, err := s.exec(ctx, s.w, `UPDATE sessions SET idle_until = ? WHERE token_hash = ? AND idle_until < ?`,
				tsArg(next), tokenHash, tsArg(next)); err != nil {
				return nil, err
			}
		}
	}
	return &v, nil
}

// DeleteUserSessions ends every session of userID but the one whose token
// hash is keep (nil: all of them) — "sign out everywhere", and what a
// password change does to the other devices. It returns how many ended.
func (s *Store) DeleteUserSessions(ctx context.Context, actor, userID int64, keep []byte) (n int64, err error) {
	defer wrap(&err, "store.DeleteUserSessions(%d)", userID)
	err = s.Transact(ctx, func(tx *sql.Tx) error {
		res, err := s.exec(ctx, tx, `DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?`, userID, keepArg(keep))
		if err != nil {
			return err
		}
		if n, err = res.RowsAffected(); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "session.delete_all", "user", userID, map[string]any{"deleted": n, "kept_current": keep != nil})
	})
	return n, err
}

// keepArg is a token hash that matches no session when keep is nil.
func keepArg(keep []byte) []byte {
	if keep == nil {
		return []byte{}
	}
	return keep
}

// DeleteSession ends a session. Ending a session that is already gone is
// not an error (a second sign-out, an expired cookie).
func (s *Store) DeleteSession(ctx context.Context, tokenHash []byte) (err error) {
	defer wrap(&err, "store.DeleteSession")
	return s.Transact(ctx, func(tx *sql.Tx) error {
		var userID int64
		err := s.queryRow(ctx, tx, `DELETE FROM sessions WHERE token_hash = ? RETURNING user_id`, tokenHash).Scan(&userID)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, userID, "session.delete", "user", userID, nil)
	})
}

// DeleteExpiredSessions removes sessions expired before now and returns how
// many; a periodic job calls it so the table does not grow forever.
func (s *Store) DeleteExpiredSessions(ctx context.Context, now time.Time) (n int64, err error) {
	defer wrap(&err, "store.DeleteExpiredSessions")
	err = s.Transact(ctx, func(tx *sql.Tx) error {
		res, err := s.exec(ctx, tx, `DELETE FROM sessions WHERE expires_at <= ? OR (idle_secs > 0 AND idle_until <= ?)`, tsArg(now), tsArg(now))
		if err != nil {
			return err
		}
		if n, err = res.RowsAffected(); err != nil {
			return err
		}
		// Sign-in failures older than a day no longer lock anything; sign-in
		// challenges live minutes.
		if _, err := s.exec(ctx, tx, `DELETE FROM login_failures WHERE at <= ?`, tsArg(now.Add(-24*time.Hour))); err != nil {
			return err
		}
		if _, err := s.exec(ctx, tx, `DELETE FROM login_challenges WHERE expires_at <= ?`, tsArg(now)); err != nil {
			return err
		}
		if n == 0 {
			return nil
		}
		return s.audit(ctx, tx, 0, "session.purge", "session", 0, map[string]any{"deleted": n})
	})
	return n, err
}

// earliest is the earlier of two times.
func earliest(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}
