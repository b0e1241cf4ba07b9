package store

import (
	"context"
	"database/sql"
	"strings"

	"tiendo/internal/auth"
)

// UserByIdentity returns the user linked to the single-sign-on account
// (issuer, subject); ErrNotFound when none is linked.
func (s *Store) UserByIdentity(ctx context.Context, issuer, subject string) (u *auth.User, err error) {
	defer wrap(&err, "store.UserByIdentity")
	v, err := scanUser(s.queryRow(ctx, s.r, `SELECT `+userCols+` FROM user_identities i JOIN users u ON u.id = i.user_id
		WHERE i.issuer = ? AND i.subject = ?`, issuer, subject))
	if err != nil {
		return nil, err
	}
	return &v, nil
}

// UserByEmail returns the user with this e-mail address (case ignored);
// ErrNotFound when none, ErrConflict when several share it.
func (s *Store) UserByEmail(ctx context.Context, email string) (u *auth.User, err error) {
	defer wrap(&err, "store.UserByEmail")
	rows, err := s.query(ctx, s.r, `SELECT `+userCols+` FROM users u WHERE LOWER(u.email) = ? AND u.email <> ''`, strings.ToLower(strings.TrimSpace(email)))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []auth.User
	for rows.Next() {
		v, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, v)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	switch len(list) {
	case 0:
		return nil, ErrNotFound
	case 1:
		return &list[0], nil
	}
	return nil, ErrConflict
}

// LinkIdentity links the single-sign-on account (issuer, subject) to
// userID, once: a second link of the same account is ErrDuplicate.
func (s *Store) LinkIdentity(ctx context.Context, issuer, subject string, userID int64) (err error) {
	defer wrap(&err, "store.LinkIdentity(%d)", userID)
	return s.Transact(ctx, func(tx *sql.Tx) error {
		if _, err := s.exec(ctx, tx, `INSERT INTO user_identities (issuer, subject, user_id, created_at) VALUES (?, ?, ?, ?)`,
			issuer, subject, userID, tsArg(now())); err != nil {
			return err
		}
		return s.audit(ctx, tx, userID, "user.sso_link", "user", userID, map[string]any{"issuer": issuer, "subject": subject})
	})
}

// UserHasIdentity reports whether userID is already linked to an account
// of issuer.
func (s *Store) UserHasIdentity(ctx context.Context, issuer string, userID int64) (ok bool, err error) {
	defer wrap(&err, "store.UserHasIdentity(%d)", userID)
	err = s.queryRow(ctx, s.r, `SELECT EXISTS (SELECT 1 FROM user_identities WHERE issuer = ? AND user_id = ?)`, issuer, userID).Scan(&ok)
	return ok, err
}
