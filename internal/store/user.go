package store

import (
	"context"
	"database/sql"
	"slices"
	"strings"

	"tiendo/internal/auth"
	"tiendo/internal/vntext"
)

const userCols = `u.id, u.username, u.full_name, u.email, u.role, u.agency_id, u.disabled, u.created_at`

func scanUser(sc scanner, extra ...any) (auth.User, error) {
	var u auth.User
	err := sc.Scan(append([]any{&u.ID, &u.Username, &u.FullName, &u.Email, &u.Role, idCol{&u.AgencyID},
		&u.Disabled, timeCol{&u.CreatedAt}}, extra...)...)
	return u, err
}

func normUser(u *auth.User) {
	u.Username = strings.TrimSpace(vntext.NFC(u.Username))
	u.FullName = strings.TrimSpace(vntext.NFC(u.FullName))
	u.Email = strings.TrimSpace(vntext.NFC(u.Email))
}

// CreateUser stores a new user with an Argon2id password hash; ErrDuplicate when the username is taken.
// It sets u.ID and u.CreatedAt. The hash is not written to the audit log.
func (s *Store) CreateUser(ctx context.Context, actor int64, u *auth.User, passwordHash string) (err error) {
	defer wrap(&err, "store.CreateUser(%q)", u.Username)
	normUser(u)
	at := now()
	return s.Transact(ctx, func(tx *sql.Tx) error {
		id, err := s.insert(ctx, tx, `INSERT INTO users (username, full_name, email, role, agency_id, password_hash, disabled, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			u.Username, u.FullName, u.Email, string(u.Role), refArg(u.AgencyID), passwordHash, u.Disabled, tsArg(at))
		if err != nil {
			return err
		}
		u.ID, u.CreatedAt = id, at
		return s.audit(ctx, tx, actor, "user.create", "user", id, map[string]any{
			"username": u.Username, "full_name": u.FullName, "email": u.Email, "role": u.Role,
			"agency_id": u.AgencyID, "disabled": u.Disabled,
		})
	})
}

// UserByName reads a user and its password hash by username.
func (s *Store) UserByName(ctx context.Context, username string) (u *auth.User, hash string, err error) {
	defer wrap(&err, "store.UserByName(%q)", username)
	username = strings.TrimSpace(vntext.NFC(username))
	v, err := scanUser(s.queryRow(ctx, s.r, `SELECT `+userCols+`, u.password_hash FROM users u WHERE u.username = ?`, username), &hash)
	if err != nil {
		return nil, "", err
	}
	return &v, hash, nil
}

// User reads one user.
func (s *Store) User(ctx context.Context, id int64) (u *auth.User, err error) {
	defer wrap(&err, "store.User(%d)", id)
	v, err := scanUser(s.queryRow(ctx, s.r, `SELECT `+userCols+` FROM users u WHERE u.id = ?`, id))
	if err != nil {
		return nil, err
	}
	return &v, nil
}

// Users lists every user by username.
func (s *Store) Users(ctx context.Context) (list []auth.User, err error) {
	defer wrap(&err, "store.Users")
	rows, err := s.query(ctx, s.r, `SELECT `+userCols+` FROM users u`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, u)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// Byte order in Go, the same on both databases whatever PostgreSQL's collation.
	slices.SortFunc(list, func(a, b auth.User) int { return strings.Compare(a.Username, b.Username) })
	return list, nil
}

// SetPassword replaces a user's password hash (a reset by an admin, or the
// user's own change) and ends the user's sessions, so that a stolen
// session does not outlive the new password.
func (s *Store) SetPassword(ctx context.Context, actor, userID int64, passwordHash string) (err error) {
	defer wrap(&err, "store.SetPassword(%d)", userID)
	return s.Transact(ctx, func(tx *sql.Tx) error {
		res, err := s.exec(ctx, tx, `UPDATE users SET password_hash = ? WHERE id = ?`, passwordHash, userID)
		if err != nil {
			return err
		}
		if err := mustAffect(res); err != nil {
			return err
		}
		if _, err := s.exec(ctx, tx, `DELETE FROM sessions WHERE user_id = ?`, userID); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "user.password", "user", userID, nil)
	})
}

// SetUserDisabled disables (or enables again) an account. Disabling ends
// its sessions and sign-ins in progress and revokes its live API tokens,
// in the same transaction: enabling the account again revives none of
// them (SessionUser and TokenUser also check the flag).
func (s *Store) SetUserDisabled(ctx context.Context, actor, userID int64, disabled bool) (err error) {
	defer wrap(&err, "store.SetUserDisabled(%d, %t)", userID, disabled)
	return s.Transact(ctx, func(tx *sql.Tx) error {
		return s.setUserDisabled(ctx, tx, actor, userID, disabled)
	})
}

// setUserDisabled is SetUserDisabled inside tx (UpdateAccount locks and
// unlocks through it too).
func (s *Store) setUserDisabled(ctx context.Context, tx *sql.Tx, actor, userID int64, disabled bool) error {
	res, err := s.exec(ctx, tx, `UPDATE users SET disabled = ? WHERE id = ?`, disabled, userID)
	if err != nil {
		return err
	}
	if err := mustAffect(res); err != nil {
		return err
	}
	detail := map[string]any{"disabled": disabled}
	if disabled {
		// Not only refused from now on (SessionUser checks the flag):
		// gone, so that enabling the account again does not revive them.
		if err := s.endSignIns(ctx, tx, userID); err != nil {
			return err
		}
		res, err := s.exec(ctx, tx, `UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL`, tsArg(now()), userID)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n > 0 {
			detail["tokens_revoked"] = n
		}
	}
	return s.audit(ctx, tx, actor, "user.disable", "user", userID, detail)
}

// mustAffect is ErrNotFound when a statement touched no row.
func mustAffect(res sql.Result) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return ErrNotFound
	}
	return nil
}
