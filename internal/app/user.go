package app

import (
	"context"

	"tiendo/internal/auth"
	"tiendo/internal/derrors"
)

// UserAccount is one account as administrators see it in the users list.
type UserAccount struct {
	auth.User
	Agency    string // the agency's display name; "" for none
	TwoFactor bool   // signs in with a second factor
}

// UserAccounts lists every account by username, with its agency and
// whether it has a second factor, for administrators.
func (a *App) UserAccounts(ctx context.Context, by *auth.User) ([]UserAccount, error) {
	if err := a.checkPermission(by, auth.ManageUsers); err != nil {
		return nil, err
	}
	users, err := a.store.Users(ctx)
	if err != nil {
		return nil, err
	}
	agencies, err := a.store.Agencies(ctx)
	if err != nil {
		return nil, err
	}
	names := make(map[int64]string, len(agencies))
	for _, ag := range agencies {
		names[ag.ID] = ag.DisplayName()
	}
	list := make([]UserAccount, len(users))
	for i, u := range users {
		tf, err := a.store.UserTwoFactor(ctx, u.ID)
		if err != nil {
			return nil, err
		}
		list[i] = UserAccount{User: u, Agency: names[u.AgencyID], TwoFactor: tf.Enabled()}
	}
	return list, nil
}

// DisableUser locks account id: its sessions end now, its API tokens are
// revoked (enabling it again brings none back), and it cannot sign in
// until enabled again. Nothing it did is deleted. An administrator cannot lock
// themselves out (Invalid).
func (a *App) DisableUser(ctx context.Context, by *auth.User, id int64) error {
	if err := a.checkPermission(by, auth.ManageUsers); err != nil {
		return err
	}
	if id == by.ID {
		return derrors.New(derrors.Invalid, "Không thể tự khóa tài khoản của chính mình. Hãy nhờ một quản trị viên khác.")
	}
	return a.store.SetUserDisabled(ctx, by.ID, id, true)
}

// EnableUser unlocks account id; its old sessions stay ended and its old
// tokens revoked.
func (a *App) EnableUser(ctx context.Context, by *auth.User, id int64) error {
	if err := a.checkPermission(by, auth.ManageUsers); err != nil {
		return err
	}
	return a.store.SetUserDisabled(ctx, by.ID, id, false)
}

// ResetUserTwoFactor removes account id's second factor (a lost or
// replaced phone); where the role requires one, the next sign-in enrols
// again.
func (a *App) ResetUserTwoFactor(ctx context.Context, by *auth.User, id int64) error {
	if err := a.checkPermission(by, auth.ManageUsers); err != nil {
		return err
	}
	return a.store.DisableTwoFactor(ctx, by.ID, id)
}
