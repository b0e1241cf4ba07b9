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

// CreateToken stores an API bearer token's hash for a user with the full
// scope; a zero expires never expires.
func (s *Store) CreateToken(ctx context.Context, actor, userID int64, tokenHash []byte, name string, expires time.Time) (err error) {
	_, err = s.CreateScopedToken(ctx, actor, userID, tokenHash, name, auth.ScopeFull, expires)
	return err
}

// CreateScopedToken stores an API bearer token's hash for a user, limited
// to scope, and returns its ID; a zero expires never expires (the edges
// always set one). ErrConflict when the user is disabled: a locked
// account gets no token (its tokens were revoked when it was locked),
// ErrNotFound when there is no such user.
func (s *Store) CreateScopedToken(ctx context.Context, actor, userID int64, tokenHash []byte, name string, scope auth.TokenScope, expires time.Time) (id int64, err error) {
	defer wrap(&err, "store.CreateToken(user %d)", userID)
	at := now()
	err = s.Transact(ctx, func(tx *sql.Tx) error {
		var disabled bool
		if err := s.qrow(ctx, tx, `SELECT disabled FROM users WHERE id = ?`, userID).Scan(&disabled); err != nil {
			return err
		}
		if disabled {
			return ErrConflict
		}
		id, err = s.insert(ctx, tx, `INSERT INTO api_tokens (token_hash, user_id, name, scope, created_at, expires_at)
			VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, tokenHash, userID, name, string(scope), tsArg(at), tsArg(expires))
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "token.create", "token", id, map[string]any{
			"user_id": userID, "name": name, "scope": scope, "expires_at": tsArg(expires),
		})
	})
	return id, err
}

// TokenUser returns the user of a live API token and records its last use;
// ErrNotFound when absent, expired or revoked, or the user is disabled.
func (s *Store) TokenUser(ctx context.Context, tokenHash []byte, now time.Time) (u *auth.User, err error) {
	u, _, err = s.TokenUserScope(ctx, tokenHash, now)
	return u, err
}

// TokenUserScope is TokenUser with the token's scope. last_used_at is
// written at most once a minute per token, so a busy API client costs a
// write a minute, not one per request. On PostgreSQL the token's user is
// kept between requests (watch.go): a token revoked or expired, or a user
// disabled or changed, announces itself and is read again.
func (s *Store) TokenUserScope(ctx context.Context, tokenHash []byte, now time.Time) (u *auth.User, scope auth.TokenScope, err error) {
	defer wrap(&err, "store.TokenUser")
	k := watchKey{kind: watchToken, name: string(tokenHash)}
	at := s.watch.begin()
	var t *tokenHolder
	if v, ok := s.watch.get(k); ok {
		t = v.(*tokenHolder)
	} else {
		t = &tokenHolder{}
		t.user, err = scanUser(s.queryRow(ctx, s.r, `SELECT `+userCols+`, tk.id, tk.last_used_at, tk.scope, tk.expires_at
			FROM api_tokens tk JOIN users u ON u.id = tk.user_id
			WHERE tk.token_hash = ? AND tk.revoked_at IS NULL AND (tk.expires_at IS NULL OR tk.expires_at > ?)
			AND NOT u.disabled`, tokenHash, tsArg(now)), &t.id, timeCol{&t.lastUsed}, &t.scope, timeCol{&t.expires})
		if err != nil {
			return nil, "", err
		}
		s.watch.put(k, at, t)
	}
	if !t.expires.IsZero() && !t.expires.After(now) {
		return nil, "", sql.ErrNoRows
	}
	if t.lastUsed.IsZero() || now.Sub(t.lastUsed) >= tokenTouchEvery {
		// The condition makes concurrent requests write once between them.
		if _, err := s.exec(ctx, s.w, `UPDATE api_tokens SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at <= ?)`,
			tsArg(now), t.id, tsArg(now.Add(-tokenTouchEvery))); err != nil {
			return nil, "", err
		}
		touched := *t
		touched.lastUsed = now
		t = &touched
		s.watch.put(k, at, t) // what is kept is never changed: a new one replaces it
	}
	v := t.user
	return &v, t.scope, nil
}

// tokenHolder is what TokenUserScope reads of a live token.
type tokenHolder struct {
	user     auth.User
	id       int64
	scope    auth.TokenScope
	lastUsed time.Time
	expires  time.Time // zero: never
}

// Tokens lists userID's API tokens, newest first.
func (s *Store) Tokens(ctx context.Context, userID int64) (list []auth.Token, err error) {
	defer wrap(&err, "store.Tokens(%d)", userID)
	rows, err := s.query(ctx, s.r, `SELECT id, user_id, name, scope, created_at, expires_at, last_used_at, revoked_at
		FROM api_tokens WHERE user_id = ? ORDER BY id DESC`, userID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var t auth.Token
		if err := rows.Scan(&t.ID, &t.UserID, &t.Name, &t.Scope, timeCol{&t.CreatedAt}, timeCol{&t.ExpiresAt},
			timeCol{&t.LastUsed}, timeCol{&t.RevokedAt}); err != nil {
			return nil, err
		}
		list = append(list, t)
	}
	return list, rows.Err()
}

// RevokeTokenID revokes token id; owner, when not 0, must be its user (a
// user revokes only their own tokens: another's is ErrNotFound, as if it
// did not exist). Revoking a revoked token is ErrNotFound too.
func (s *Store) RevokeTokenID(ctx context.Context, actor, owner, id int64) (err error) {
	defer wrap(&err, "store.RevokeTokenID(%d)", id)
	return s.Transact(ctx, func(tx *sql.Tx) error {
		res, err := s.exec(ctx, tx, `UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL AND (? = 0 OR user_id = ?)`,
			tsArg(now()), id, owner, owner)
		if err != nil {
			return err
		}
		if err := mustAffect(res); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "token.revoke", "token", id, nil)
	})
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
