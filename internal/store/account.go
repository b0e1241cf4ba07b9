package store

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"time"

	"tiendo/internal/auth"
)

// Accounts as administrators manage them (the users page, /api/v1/users,
// bulk creation) and the one-time password links of table password_links:
// only the SHA-256 of a link's token is stored (auth.HashToken), like
// sessions'.

// AccountStates lists every account with what the users list shows: its
// second factor, last sign-in, live API tokens (at now) and unused
// password link, by username.
func (s *Store) AccountStates(ctx context.Context, now time.Time) (list []auth.AccountState, err error) {
	defer wrap(&err, "store.AccountStates")
	rows, err := s.query(ctx, s.r, `SELECT `+userCols+`, u.password_hash <> '', u.totp_enabled_at IS NOT NULL, u.last_sign_in_at,
		(SELECT COUNT(*) FROM api_tokens tk WHERE tk.user_id = u.id AND tk.revoked_at IS NULL
			AND (tk.expires_at IS NULL OR tk.expires_at > ?)),
		(SELECT MAX(pl.expires_at) FROM password_links pl WHERE pl.user_id = u.id AND pl.used_at IS NULL AND pl.expires_at > ?)
		FROM users u`, tsArg(now), tsArg(now))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var a auth.AccountState
		var u auth.User
		if u, err = scanUser(rows, &a.HasPassword, &a.TwoFactor, timeCol{&a.LastSignIn}, &a.Tokens, timeCol{&a.LinkExpires}); err != nil {
			return nil, err
		}
		a.User = u
		list = append(list, a)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	slices.SortFunc(list, func(a, b auth.AccountState) int { return strings.Compare(a.Username, b.Username) })
	return list, nil
}

// AccountState reads one account as AccountStates does.
func (s *Store) AccountState(ctx context.Context, id int64, now time.Time) (a auth.AccountState, err error) {
	defer wrap(&err, "store.AccountState(%d)", id)
	u, err := scanUser(s.queryRow(ctx, s.r, `SELECT `+userCols+`, u.password_hash <> '', u.totp_enabled_at IS NOT NULL, u.last_sign_in_at,
		(SELECT COUNT(*) FROM api_tokens tk WHERE tk.user_id = u.id AND tk.revoked_at IS NULL
			AND (tk.expires_at IS NULL OR tk.expires_at > ?)),
		(SELECT MAX(pl.expires_at) FROM password_links pl WHERE pl.user_id = u.id AND pl.used_at IS NULL AND pl.expires_at > ?)
		FROM users u WHERE u.id = ?`, tsArg(now), tsArg(now), id),
		&a.HasPassword, &a.TwoFactor, timeCol{&a.LastSignIn}, &a.Tokens, timeCol{&a.LinkExpires})
	a.User = u
	return a, err
}

// NewAccount is one account to create: the user (without a password)
// and the hash of its setup link's token.
type NewAccount struct {
	User     *auth.User
	LinkHash []byte
}

// CreateAccounts creates accounts in one transaction — all or none —
// each without a password and with a setup link that works until expires,
// and audits each. It sets each User's ID and CreatedAt. ErrDuplicate
// when a username is taken (the app checks first; this is the race).
func (s *Store) CreateAccounts(ctx context.Context, actor int64, list []NewAccount, expires time.Time) (err error) {
	defer wrap(&err, "store.CreateAccounts(%d)", len(list))
	at := now()
	return s.Transact(ctx, func(tx *sql.Tx) error {
		for _, a := range list {
			u := a.User
			normUser(u)
			id, err := s.insert(ctx, tx, `INSERT INTO users (username, full_name, email, role, agency_id, password_hash, disabled, created_at)
				VALUES (?, ?, ?, ?, ?, '', ?, ?) RETURNING id`,
				u.Username, u.FullName, u.Email, string(u.Role), refArg(u.AgencyID), u.Disabled, tsArg(at))
			if err != nil {
				return err
			}
			u.ID, u.CreatedAt = id, at
			if err := s.audit(ctx, tx, actor, "user.create", "user", id, map[string]any{
				"username": u.Username, "full_name": u.FullName, "email": u.Email, "role": u.Role,
				"agency_id": u.AgencyID, "disabled": u.Disabled,
			}); err != nil {
				return err
			}
			if err := s.addPasswordLink(ctx, tx, actor, id, a.LinkHash, auth.LinkSetup, at, expires); err != nil {
				return err
			}
		}
		return nil
	})
}

// UpdateAccount writes u's full name, e-mail, role, agency and disabled
// flag, auditing what changed. Locking the account ends its sessions and
// pending sign-ins as SetUserDisabled does; a change of role ends its
// sessions too, so that nobody keeps a session made under another role's
// sign-in rules (a role that must use a second factor). ErrNotFound when
// there is no such user.
func (s *Store) UpdateAccount(ctx context.Context, actor int64, u *auth.User) (err error) {
	defer wrap(&err, "store.UpdateAccount(%d)", u.ID)
	normUser(u)
	return s.Transact(ctx, func(tx *sql.Tx) error {
		old, err := scanUser(s.queryRow(ctx, tx, `SELECT `+userCols+` FROM users u WHERE u.id = ?`, u.ID))
		if err != nil {
			return err
		}
		c := changes{}
		c.add("full_name", old.FullName, u.FullName)
		c.add("email", old.Email, u.Email)
		c.add("role", old.Role, u.Role)
		c.add("agency_id", old.AgencyID, u.AgencyID)
		if len(c) > 0 {
			if _, err := s.exec(ctx, tx, `UPDATE users SET full_name = ?, email = ?, role = ?, agency_id = ? WHERE id = ?`,
				u.FullName, u.Email, string(u.Role), refArg(u.AgencyID), u.ID); err != nil {
				return err
			}
			if old.Role != u.Role {
				if err := s.endSignIns(ctx, tx, u.ID); err != nil {
					return err
				}
			}
			if err := s.audit(ctx, tx, actor, "user.update", "user", u.ID, map[string]any{"changes": c}); err != nil {
				return err
			}
		}
		if old.Disabled != u.Disabled {
			return s.setUserDisabled(ctx, tx, actor, u.ID, u.Disabled)
		}
		u.CreatedAt = old.CreatedAt
		return nil
	})
}

// endSignIns ends userID's sessions and pending second-factor steps.
func (s *Store) endSignIns(ctx context.Context, tx *sql.Tx, userID int64) error {
	if _, err := s.exec(ctx, tx, `DELETE FROM sessions WHERE user_id = ?`, userID); err != nil {
		return err
	}
	_, err := s.exec(ctx, tx, `DELETE FROM login_challenges WHERE user_id = ?`, userID)
	return err
}

// CreatePasswordLink stores a one-time password link for userID under the
// hash of its token, working from at until expires, and ends the user's
// earlier unused links: only the newest link works. actor 0 is the
// command line or the person's own e-mail request.
func (s *Store) CreatePasswordLink(ctx context.Context, actor, userID int64, tokenHash []byte, purpose auth.LinkPurpose, at, expires time.Time) (err error) {
	defer wrap(&err, "store.CreatePasswordLink(user %d)", userID)
	return s.Transact(ctx, func(tx *sql.Tx) error {
		return s.addPasswordLink(ctx, tx, actor, userID, tokenHash, purpose, at, expires)
	})
}

func (s *Store) addPasswordLink(ctx context.Context, tx *sql.Tx, actor, userID int64, tokenHash []byte, purpose auth.LinkPurpose, at, expires time.Time) error {
	if _, err := s.exec(ctx, tx, `UPDATE password_links SET used_at = ? WHERE user_id = ? AND used_at IS NULL`,
		tsArg(at), userID); err != nil {
		return err
	}
	id, err := s.insert(ctx, tx, `INSERT INTO password_links (token_hash, user_id, purpose, created_at, created_by, expires_at)
		VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, tokenHash, userID, string(purpose), tsArg(at), refArg(actor), tsArg(expires))
	if err != nil {
		return err
	}
	return s.audit(ctx, tx, actor, "user.password_link", "user", userID, map[string]any{
		"link_id": id, "purpose": purpose, "expires_at": tsArg(expires)})
}

// PasswordLink reads the link under tokenHash and its user when it still
// works at now; ErrNotFound when there is none, it was used or ended, it
// expired, or its user is locked.
func (s *Store) PasswordLink(ctx context.Context, tokenHash []byte, now time.Time) (l auth.PasswordLink, u *auth.User, err error) {
	defer wrap(&err, "store.PasswordLink")
	v, err := scanUser(s.queryRow(ctx, s.r, `SELECT `+userCols+`, pl.id, pl.purpose, pl.created_at, pl.expires_at
		FROM password_links pl JOIN users u ON u.id = pl.user_id
		WHERE pl.token_hash = ? AND pl.used_at IS NULL AND pl.expires_at > ? AND NOT u.disabled`, tokenHash, tsArg(now)),
		&l.ID, &l.Purpose, timeCol{&l.CreatedAt}, timeCol{&l.ExpiresAt})
	if err != nil {
		return l, nil, err
	}
	l.UserID = v.ID
	return l, &v, nil
}

// Enrolment is a second factor set up while a password link is used: the
// TOTP secret, the time-step of the code typed (not accepted again) and
// the recovery codes' hashes.
type Enrolment struct {
	Secret   string
	Step     int64
	Recovery [][]byte
}

// RedeemPasswordLink uses the link under tokenHash, once: in one
// transaction it marks the link (and any other unused link of its user)
// used, sets the password, ends the user's sessions and, with enrol, turns
// its second factor on; each audited under the user. It returns the user.
// ErrNotFound when the link no longer works at now (used — also by a
// concurrent request —, expired, its user locked).
func (s *Store) RedeemPasswordLink(ctx context.Context, tokenHash []byte, now time.Time, passwordHash string, enrol *Enrolment) (u *auth.User, err error) {
	defer wrap(&err, "store.RedeemPasswordLink")
	err = s.Transact(ctx, func(tx *sql.Tx) error {
		var linkID, userID int64
		var purpose string
		if err := s.queryRow(ctx, tx, `UPDATE password_links SET used_at = ?
			WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? RETURNING id, user_id, purpose`,
			tsArg(now), tokenHash, tsArg(now)).Scan(&linkID, &userID, &purpose); err != nil {
			return err
		}
		v, err := scanUser(s.queryRow(ctx, tx, `SELECT `+userCols+` FROM users u WHERE u.id = ?`, userID))
		if err != nil {
			return err
		}
		if v.Disabled {
			return ErrNotFound
		}
		u = &v
		if _, err := s.exec(ctx, tx, `UPDATE password_links SET used_at = ? WHERE user_id = ? AND used_at IS NULL`,
			tsArg(now), userID); err != nil {
			return err
		}
		if _, err := s.exec(ctx, tx, `UPDATE users SET password_hash = ? WHERE id = ?`, passwordHash, userID); err != nil {
			return err
		}
		if err := s.endSignIns(ctx, tx, userID); err != nil {
			return err
		}
		if err := s.audit(ctx, tx, userID, "user.password", "user", userID, map[string]any{
			"link_id": linkID, "purpose": purpose}); err != nil {
			return err
		}
		if enrol == nil {
			return nil
		}
		if _, err := s.exec(ctx, tx, `UPDATE users SET totp_secret = ?, totp_enabled_at = ?, totp_last_step = ? WHERE id = ?`,
			enrol.Secret, tsArg(now), enrol.Step, userID); err != nil {
			return err
		}
		if err := s.replaceRecoveryCodes(ctx, tx, userID, enrol.Recovery); err != nil {
			return err
		}
		return s.audit(ctx, tx, userID, "user.2fa_enable", "user", userID, map[string]any{"link_id": linkID})
	})
	return u, err
}

// UsersByName reads the accounts whose usernames are among names, compared
// without case (usernames are ASCII), keyed by the lower-case name, for
// checking new accounts before they are written.
func (s *Store) UsersByName(ctx context.Context, names []string) (found map[string]auth.User, err error) {
	defer wrap(&err, "store.UsersByName(%d)", len(names))
	found = map[string]auth.User{}
	for chunk := range slices.Chunk(names, 500) {
		args := make([]any, len(chunk))
		for i, n := range chunk {
			args[i] = strings.ToLower(n)
		}
		rows, err := s.query(ctx, s.r, `SELECT `+userCols+` FROM users u WHERE LOWER(u.username) IN (`+placeholders(len(chunk))+`)`, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			u, err := scanUser(rows)
			if err != nil {
				rows.Close()
				return nil, err
			}
			found[strings.ToLower(u.Username)] = u
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return found, nil
}
