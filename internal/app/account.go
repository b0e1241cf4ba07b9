package app

import (
	"context"

	"tiendo/internal/auth"
	"tiendo/internal/derrors"
)

// Account is what a person sees of their own account.
type Account struct {
	User              *auth.User
	Agency            string // the agency's display name; "" for none
	TwoFactor         auth.TwoFactor
	TwoFactorRequired bool // the role must sign in with a second factor
}

// Account reads by's own account: who they are and how they sign in.
func (a *App) Account(ctx context.Context, by *auth.User) (*Account, error) {
	if err := a.checkPermission(by, auth.OwnAccount); err != nil {
		return nil, err
	}
	tf, err := a.store.UserTwoFactor(ctx, by.ID)
	if err != nil {
		return nil, err
	}
	acc := &Account{User: by, TwoFactor: tf, TwoFactorRequired: a.signIn.twoFactor[by.Role]}
	if by.AgencyID != 0 {
		// The name is a courtesy: an agency that cannot be read leaves it blank.
		if ag, err := a.store.Agency(ctx, by.AgencyID); err == nil {
			acc.Agency = ag.DisplayName()
		}
	}
	return acc, nil
}

// PasswordChange is a person's change of their own password.
type PasswordChange struct {
	Current, New, Confirm string
	IP                    string // a wrong current password counts toward the sign-in lock from here
}

// ChangePassword changes by's own password: the current one first (a
// borrowed, still signed-in PC is not enough), the new one twice, by the
// password rules (told by's name and e-mail, so that a password made of
// them is refused). Every session of by ends; the returned token is a new
// session for the browser that asked. Each refusal is an Invalid with the
// message to show; a wrong current password counts as a sign-in failure,
// and while the sign-in lock holds the change is refused with an
// *auth.LockedError, even with the right password, so that a session
// holder cannot guess the password here past the lock.
func (a *App) ChangePassword(ctx context.Context, by *auth.User, in PasswordChange) (session string, err error) {
	defer derrors.Wrap(&err, "app.ChangePassword")
	if err := a.checkPermission(by, auth.OwnAccount); err != nil {
		return "", err
	}
	invalid := func(field, msg string) error {
		return derrors.InvalidFields(map[string]string{field: msg}, msg)
	}
	if len(in.Current) > MaxCredential || len(in.New) > MaxCredential {
		return "", invalid("new", "Mật khẩu quá dài (tối đa 256 ký tự).")
	}
	if err := a.checkSignInLock(ctx, by.Username, in.IP); err != nil {
		return "", err
	}
	_, hash, err := a.store.UserByName(ctx, by.Username)
	if err != nil {
		return "", err
	}
	if ok, err := auth.VerifyPassword(in.Current, hash); err != nil {
		return "", err
	} else if !ok {
		if err := a.recordSignInFailure(ctx, by.Username, in.IP, "password change"); err != nil {
			return "", err
		}
		return "", invalid("current", "Mật khẩu hiện tại không đúng.")
	}
	if err := auth.CheckNewPassword(in.New, by.Username, by.FullName, by.Email); err != nil {
		return "", invalid("new", "Mật khẩu mới chưa dùng được: "+err.Error()+".")
	}
	if in.New != in.Confirm {
		return "", invalid("confirm", "Hai lần nhập mật khẩu mới không giống nhau.")
	}
	newHash, err := auth.HashPassword(in.New)
	if err != nil {
		return "", err
	}
	// SetPassword ends every session of the user, this one included; a
	// fresh one keeps this browser signed in.
	if err := a.store.SetPassword(ctx, by.ID, by.ID, newHash); err != nil {
		return "", err
	}
	return a.startSession(ctx, by)
}
