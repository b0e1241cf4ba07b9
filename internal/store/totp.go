package store

import (
	"context"
	"database/sql"
	"time"

	"tiendo/internal/auth"
)

// UserTwoFactor returns userID's TOTP state. The secret is stored as is:
// the authenticator needs it to compute codes; a copy of the database
// therefore holds it (docs/SECURITY.md says so), as with every TOTP system.
func (s *Store) UserTwoFactor(ctx context.Context, userID int64) (t auth.TwoFactor, err error) {
	defer wrap(&err, "store.UserTwoFactor(%d)", userID)
	err = s.queryRow(ctx, s.r, `SELECT u.totp_secret, u.totp_enabled_at,
		(SELECT COUNT(*) FROM recovery_codes rc WHERE rc.user_id = u.id AND rc.used_at IS NULL)
		FROM users u WHERE u.id = ?`, userID).Scan(&t.Secret, timeCol{&t.EnabledAt}, &t.Recovery)
	return t, err
}

// EnableTwoFactor turns TOTP on for userID with secret, whose code for
// step was just typed (so that step cannot be used again), and replaces
// the recovery codes.
func (s *Store) EnableTwoFactor(ctx context.Context, actor, userID int64, secret string, step int64, recovery [][]byte) (err error) {
	defer wrap(&err, "store.EnableTwoFactor(%d)", userID)
	return s.Transact(ctx, func(tx *sql.Tx) error {
		res, err := s.exec(ctx, tx, `UPDATE users SET totp_secret = ?, totp_enabled_at = ?, totp_last_step = ? WHERE id = ?`,
			secret, tsArg(now()), step, userID)
		if err != nil {
			return err
		}
		if err := mustAffect(res); err != nil {
			return err
		}
		if err := s.replaceRecoveryCodes(ctx, tx, userID, recovery); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "user.2fa_enable", "user", userID, nil)
	})
}

// DisableTwoFactor turns TOTP off for userID and drops the recovery codes:
// the user's own choice (where the role allows) or an admin's reset for a
// lost phone; the next sign-in then enrols again where the role needs it.
func (s *Store) DisableTwoFactor(ctx context.Context, actor, userID int64) (err error) {
	defer wrap(&err, "store.DisableTwoFactor(%d)", userID)
	return s.Transact(ctx, func(tx *sql.Tx) error {
		res, err := s.exec(ctx, tx, `UPDATE users SET totp_secret = '', totp_enabled_at = NULL, totp_last_step = 0 WHERE id = ?`, userID)
		if err != nil {
			return err
		}
		if err := mustAffect(res); err != nil {
			return err
		}
		if _, err := s.exec(ctx, tx, `DELETE FROM recovery_codes WHERE user_id = ?`, userID); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "user.2fa_disable", "user", userID, nil)
	})
}

// UseTOTPStep records that userID signed in with the code of step;
// ErrConflict when that step (or a later one) was already used — a
// replayed code.
func (s *Store) UseTOTPStep(ctx context.Context, userID, step int64) (err error) {
	defer wrap(&err, "store.UseTOTPStep(%d)", userID)
	res, err := s.exec(ctx, s.w, `UPDATE users SET totp_last_step = ? WHERE id = ? AND totp_last_step < ? AND totp_secret <> ''`, step, userID, step)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		if err == nil {
			err = ErrConflict
		}
		return err
	}
	return nil
}

// UseRecoveryCode spends one of userID's recovery codes; ErrNotFound when
// the code is not one of them or was already used.
func (s *Store) UseRecoveryCode(ctx context.Context, userID int64, codeHash []byte) (err error) {
	defer wrap(&err, "store.UseRecoveryCode(%d)", userID)
	return s.Transact(ctx, func(tx *sql.Tx) error {
		res, err := s.exec(ctx, tx, `UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL`,
			tsArg(now()), userID, codeHash)
		if err != nil {
			return err
		}
		if err := mustAffect(res); err != nil {
			return err
		}
		return s.audit(ctx, tx, userID, "user.recovery_code", "user", userID, nil)
	})
}

// ReplaceRecoveryCodes gives userID a new set of recovery codes; the old
// ones stop working.
func (s *Store) ReplaceRecoveryCodes(ctx context.Context, actor, userID int64, recovery [][]byte) (err error) {
	defer wrap(&err, "store.ReplaceRecoveryCodes(%d)", userID)
	return s.Transact(ctx, func(tx *sql.Tx) error {
		if err := s.replaceRecoveryCodes(ctx, tx, userID, recovery); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "user.recovery_codes", "user", userID, map[string]any{"count": len(recovery)})
	})
}

func (s *Store) replaceRecoveryCodes(ctx context.Context, tx *sql.Tx, userID int64, recovery [][]byte) error {
	if _, err := s.exec(ctx, tx, `DELETE FROM recovery_codes WHERE user_id = ?`, userID); err != nil {
		return err
	}
	for _, h := range recovery {
		if _, err := s.exec(ctx, tx, `INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)`, userID, h); err != nil {
			return err
		}
	}
	return nil
}

// CreateLoginChallenge stores a challenge under the hash of its cookie token.
func (s *Store) CreateLoginChallenge(ctx context.Context, tokenHash []byte, c auth.LoginChallenge, expires time.Time) (err error) {
	defer wrap(&err, "store.CreateLoginChallenge(%d)", c.UserID)
	_, err = s.exec(ctx, s.w, `INSERT INTO login_challenges (token_hash, user_id, next, secret, expires_at) VALUES (?, ?, ?, ?, ?)`,
		tokenHash, c.UserID, c.Next, c.Secret, tsArg(expires))
	return err
}

// LoginChallengeByHash returns a live challenge; ErrNotFound when absent,
// expired or its user disabled.
func (s *Store) LoginChallengeByHash(ctx context.Context, tokenHash []byte, now time.Time) (c auth.LoginChallenge, err error) {
	defer wrap(&err, "store.LoginChallenge")
	err = s.queryRow(ctx, s.r, `SELECT c.user_id, c.next, c.secret FROM login_challenges c JOIN users u ON u.id = c.user_id
		WHERE c.token_hash = ? AND c.expires_at > ? AND NOT u.disabled`, tokenHash, tsArg(now)).Scan(&c.UserID, &c.Next, &c.Secret)
	return c, err
}

// DeleteLoginChallenge ends a challenge (used, or abandoned).
func (s *Store) DeleteLoginChallenge(ctx context.Context, tokenHash []byte) (err error) {
	defer wrap(&err, "store.DeleteLoginChallenge")
	_, err = s.exec(ctx, s.w, `DELETE FROM login_challenges WHERE token_hash = ?`, tokenHash)
	return err
}
