package store

import (
	"context"
	"database/sql"
	"time"

	"tiendo/internal/auth"
)

// API bearer tokens are kept, like sessions, as SHA-256 hashes (auth.HashToken).

// tokenTouchEvery is how stale last_used_at may get before TokenUser
// writes it again: often enough to tell a live token from a forgotten one,
// rarely enough that API reads do not turn into writes.
const tokenTouchEvery = time.Minute

// CreateToken stores an API bearer token's hash for a user; a zero expires never expires.
func (s *Store) CreateToken(ctx context.Context, actor, userID int64, tokenHash []byte, name string, expires time.Time) (err error) {
	defer wrap(&err, "store.CreateToken(user %d)", userID)
	at := now()
	return s.Transact(ctx, func(tx *sql.Tx) error {
		id, err := s.insert(ctx, tx, `INSERT INTO api_tokens (token_hash, user_id, name, created_at, expires_at)
			VALUES (?, ?, ?, ?, ?) RETURNING id`, tokenHash, userID, name, tsArg(at), tsArg(expires))
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "token.create", "token", id, map[string]any{
			"user_id": userID, "name": name, "expires_at": tsArg(expires),
		})
	})
}

// TokenUser returns the user of a live API token and records its last use;
// ErrNotFound when absent, expired or revoked, or the user is disabled.
// last_used_at is written at most once a minute per token, so a busy API
// client costs a write a minute, not one per request.
func (s *Store) TokenUser(ctx context.Context, tokenHash []byte, now time.Time) (u *auth.User, err error) {
	defer wrap(&err, "store.TokenUser")
	var tokenID int64
	var lastUsed time.Time
	v, err := scanUser(s.queryRow(ctx, s.r, `SELECT `+userCols+`, tk.id, tk.last_used_at
		FROM api_tokens tk JOIN users u ON u.id = tk.user_id
		WHERE tk.token_hash = ? AND tk.revoked_at IS NULL AND (tk.expires_at IS NULL OR tk.expires_at > ?)
		AND NOT u.disabled`, tokenHash, tsArg(now)), &tokenID, timeCol{&lastUsed})
	if err != nil {
		return nil, err
	}
	if lastUsed.IsZero() || now.Sub(lastUsed) >= tokenTouchEvery {
		// The condition makes concurrent requests write once between them.
		if _, err := s.exec(ctx, s.w, `UPDATE api_tokens SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at <= ?)`,
			tsArg(now), tokenID, tsArg(now.Add(-tokenTouchEvery))); err != nil {
			return nil, err
		}
	}
	return &v, nil
}

// RevokeToken revokes the API token with this hash; ErrNotFound when there
// is no such live token.
func (s *Store) RevokeToken(ctx context.Context, actor int64, tokenHash []byte) (err error) {
	defer wrap(&err, "store.RevokeToken")
	at := now()
	return s.Transact(ctx, func(tx *sql.Tx) error {
		var id int64
		if err := s.queryRow(ctx, tx, `UPDATE api_tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL RETURNING id`,
			tsArg(at), tokenHash).Scan(&id); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "token.revoke", "token", id, nil)
	})
}
