package app

import (
	"context"

	"tiendo/internal/auth"
	"tiendo/internal/derrors"
)

// UserPatch is a change of an account: nil fields stay as they are.
type UserPatch struct {
	FullName *string
	Email    *string
	Role     *auth.Role
	AgencyID *int64 // 0: none
	Disabled *bool
}

// UpdateUser changes account id as p says, in one transaction with its
// audit rows, and returns it. A role that belongs to no agency drops the
// agency unless p names one. Locking ends the account's sessions; a
// change of role does too, so that a session made under one role's
// sign-in rules does not carry another's rights. Refused: changing one's
// own role or locking oneself (Invalid: so an administrator never leaves
// the province without one by mistake), and wrong fields (Invalid, a
// message per field: full_name, email, role, agency_id). NotFound when
// there is no such account.
func (a *App) UpdateUser(ctx context.Context, by *auth.User, id int64, p UserPatch) (_ *UserAccount, err error) {
	defer derrors.Wrap(&err, "app.UpdateUser(%d)", id)
	if err := a.checkPermission(by, auth.ManageUsers); err != nil {
		return nil, err
	}
	old, err := a.store.User(ctx, id)
	if err != nil {
		return nil, notFoundAs(err, msgNoUser, id)
	}
	u := *old
	if p.FullName != nil {
		u.FullName = *p.FullName
	}
	if p.Email != nil {
		u.Email = *p.Email
	}
	if p.Role != nil {
		u.Role = *p.Role
		if !u.Role.NeedsAgency() && p.AgencyID == nil {
			u.AgencyID = 0
		}
	}
	if p.AgencyID != nil {
		u.AgencyID = *p.AgencyID
	}
	if p.Disabled != nil {
		u.Disabled = *p.Disabled
	}
	auth.NormalizeAccount(&u)
	fields := auth.CheckAccount(&u)
	delete(fields, "username") // not changed here; an old account may predate the rule
	if fields == nil {
		fields = map[string]string{}
	}
	if u.AgencyID != 0 && u.AgencyID != old.AgencyID && fields["agency_id"] == "" {
		if msg, err := a.agencyProblem(ctx, u.AgencyID, a.Today()); err != nil {
			return nil, err
		} else if msg != "" {
			fields["agency_id"] = msg
		}
	}
	if id == by.ID && u.Role != old.Role {
		fields["role"] = "Không thể tự đổi vai trò của chính mình. Hãy nhờ một quản trị viên khác."
	}
	if id == by.ID && u.Disabled && !old.Disabled {
		fields["disabled"] = "Không thể tự khóa tài khoản của chính mình. Hãy nhờ một quản trị viên khác."
	}
	if len(fields) > 0 {
		return nil, derrors.InvalidFields(fields, firstMessage(fields))
	}
	if err := a.store.UpdateAccount(ctx, by.ID, &u); err != nil {
		return nil, notFoundAs(err, msgNoUser, id)
	}
	return a.UserAccount(ctx, by, id)
}

// firstMessage is the message of an Invalid with fields: the only
// field's message, or a general one.
func firstMessage(fields map[string]string) string {
	if len(fields) == 1 {
		for _, m := range fields {
			return m
		}
	}
	return "Dữ liệu chưa hợp lệ; xem thông báo của từng trường. Không có gì thay đổi."
}
