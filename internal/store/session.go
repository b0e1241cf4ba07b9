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

// CreateSession stores a session under the hash of its cookie token.
// It is audited as a sign-in of userID.
func (s *Store) CreateSession(ctx context.Context, tokenHash []byte, userID int64, expires time.Time) (err error) {
	defer wrap(&err, "store.CreateSession(user %d)", userID)
	at := now()
	return s.Transact(ctx, func(tx *sql.Tx) error {
		if _, err := s.exec(ctx, tx, `INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)`,
			tokenHash, userID, tsArg(at), tsArg(expires)); err != nil {
			return err
		}
		return s.audit(ctx, tx, userID, "session.create", "user", userID, map[string]any{"expires_at": tsArg(expires)})
	})
}

// SessionUser returns the user of a live session; ErrNotFound when the
// session is absent or expired or the user is disabled.
func (s *Store) SessionUser(ctx context.Context, tokenHash []byte, now time.Time) (u *auth.User, err error) {
	defer wrap(&err, "store.SessionUser")
	v, err := scanUser(s.queryRow(ctx, s.r, `SELECT `+userCols+` FROM sessions se JOIN users u ON u.id = se.user_id
		WHERE se.token_hash = ? AND se.expires_at > ? AND NOT u.disabled`, tokenHash, tsArg(now)))
	if err != nil {
		return nil, err
	}
	return &v, nil
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
		res, err := s.exec(ctx, tx, `DELETE FROM sessions WHERE expires_at <= ?`, tsArg(now))
		if err != nil {
			return err
		}
		if n, err = res.RowsAffected(); err != nil || n == 0 {
			return err
		}
		return s.audit(ctx, tx, 0, "session.purge", "session", 0, map[string]any{"deleted": n})
	})
	return n, err
}
