package app

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"tiendo/internal/auth"
	"tiendo/internal/derrors"
)

// UserAccount is one account as administrators see it in the users list:
// how the person signs in, what they hold, and their agency's name.
type UserAccount struct {
	auth.AccountState
	Agency string // the agency's display name; "" for none
}

// msgNoUser names a missing account.
const msgNoUser = "Không có tài khoản #%d."

// UserAccounts lists every account by username, with its agency, second
// factor, last sign-in, live API tokens and unused password link, for
// administrators.
func (a *App) UserAccounts(ctx context.Context, by *auth.User) ([]UserAccount, error) {
	if err := a.checkPermission(by, auth.ManageUsers); err != nil {
		return nil, err
	}
	states, err := a.store.AccountStates(ctx, a.signIn.wall.Now())
	if err != nil {
		return nil, err
	}
	names, err := a.agencyDisplayNames(ctx)
	if err != nil {
		return nil, err
	}
	list := make([]UserAccount, len(states))
	for i, s := range states {
		list[i] = UserAccount{AccountState: s, Agency: names[s.AgencyID]}
	}
	return list, nil
}

// UserAccount reads one account as UserAccounts lists it.
func (a *App) UserAccount(ctx context.Context, by *auth.User, id int64) (*UserAccount, error) {
	if err := a.checkPermission(by, auth.ManageUsers); err != nil {
		return nil, err
	}
	s, err := a.store.AccountState(ctx, id, a.signIn.wall.Now())
	if err != nil {
		return nil, notFoundAs(err, msgNoUser, id)
	}
	acc := &UserAccount{AccountState: s}
	if s.AgencyID != 0 {
		if ag, err := a.store.Agency(ctx, s.AgencyID); err == nil {
			acc.Agency = ag.DisplayName()
		}
	}
	return acc, nil
}

// agencyDisplayNames maps every agency's ID to its display name.
func (a *App) agencyDisplayNames(ctx context.Context) (map[int64]string, error) {
	agencies, err := a.store.Agencies(ctx)
	if err != nil {
		return nil, err
	}
	names := make(map[int64]string, len(agencies))
	for _, ag := range agencies {
		names[ag.ID] = ag.DisplayName()
	}
	return names, nil
}

// DisableUser locks account id: its sessions end now, its API tokens are
// revoked (enabling it again brings none back), and it cannot sign in
// until enabled again. Nothing it did is deleted. An administrator cannot
// lock themselves out (Invalid), nor lock the last active administrator.
func (a *App) DisableUser(ctx context.Context, by *auth.User, id int64) error {
	disabled := true
	_, err := a.UpdateUser(ctx, by, id, UserPatch{Disabled: &disabled})
	return err
}

// EnableUser unlocks account id; its old sessions stay ended and its old
// tokens revoked.
func (a *App) EnableUser(ctx context.Context, by *auth.User, id int64) error {
	disabled := false
	_, err := a.UpdateUser(ctx, by, id, UserPatch{Disabled: &disabled})
	return err
}

// ResetUserTwoFactor removes account id's second factor (a lost or
// replaced phone). Where the role requires one, the person enrols again
// through a password link (IssuePasswordLink): a password alone does not
// let anyone enrol.
func (a *App) ResetUserTwoFactor(ctx context.Context, by *auth.User, id int64) error {
	if err := a.checkPermission(by, auth.ManageUsers); err != nil {
		return err
	}
	return notFoundAs(a.store.DisableTwoFactor(ctx, by.ID, id), msgNoUser, id)
}

// NewUser is an account as an administrator creates it: no password — the
// person sets one through the setup link.
type NewUser struct {
	Username, FullName, Email string
	Role                      auth.Role
	AgencyID                  int64 // heads and officers only
}

// user is in as an auth.User, normalised.
func (in NewUser) user() *auth.User {
	u := &auth.User{Username: in.Username, FullName: in.FullName, Email: in.Email, Role: in.Role, AgencyID: in.AgencyID}
	auth.NormalizeAccount(u)
	return u
}

// CreateUser creates an account without a password and returns it with
// its one-time setup link (PasswordLinkTTL): the person sets their
// password there and, where the role requires it, enrols a second factor.
// When e-mail is on and the account has an address, the link is also
// e-mailed (IssuedLink.Mailed). Invalid with a message per field
// (username, full_name, email, role, agency_id) when a field is wrong or
// the username is taken; nothing is stored then.
func (a *App) CreateUser(ctx context.Context, by *auth.User, in NewUser) (_ *UserAccount, _ IssuedLink, err error) {
	defer derrors.Wrap(&err, "app.CreateUser")
	if err := a.checkPermission(by, auth.ManageUsers); err != nil {
		return nil, IssuedLink{}, err
	}
	u := in.user()
	if err := a.checkNewUsers(ctx, []*auth.User{u}, false); err != nil {
		return nil, IssuedLink{}, err
	}
	links, err := a.createAccounts(ctx, by, []*auth.User{u})
	if err != nil {
		return nil, IssuedLink{}, err
	}
	acc, err := a.UserAccount(ctx, by, u.ID)
	if err != nil {
		return nil, IssuedLink{}, err
	}
	return acc, links[0], nil
}

// checkNewUsers checks accounts to create (newUserProblems): an Invalid
// whose fields are "username", "role"…, or with indexed "<i>.username"…
// (i from 0).
func (a *App) checkNewUsers(ctx context.Context, list []*auth.User, indexed bool) error {
	problems, err := a.newUserProblems(ctx, list)
	if err != nil || len(problems) == 0 {
		return err
	}
	fields := map[string]string{}
	for i, p := range problems {
		for k, v := range p {
			if indexed {
				k = strconv.Itoa(i) + "." + k
			}
			fields[k] = v
		}
	}
	return derrors.InvalidFields(fields, "Chưa tạo được tài khoản; xem thông báo của từng trường. Không có gì được lưu.")
}

// newUserProblems checks accounts to create, each by itself, then its
// agency and whether its username is free (also within list): the
// problems of each account at fault, by its index and field.
func (a *App) newUserProblems(ctx context.Context, list []*auth.User) (map[int]map[string]string, error) {
	problems := map[int]map[string]string{}
	add := func(i int, field, msg string) {
		if problems[i] == nil {
			problems[i] = map[string]string{}
		}
		if problems[i][field] == "" {
			problems[i][field] = msg
		}
	}
	names := make([]string, len(list))
	for i, u := range list {
		names[i] = u.Username
		for k, v := range auth.CheckAccount(u) {
			add(i, k, v)
		}
	}
	taken, err := a.store.UsersByName(ctx, names)
	if err != nil {
		return nil, err
	}
	seen := map[string]int{}
	for i, u := range list {
		key := strings.ToLower(u.Username)
		if problems[i]["username"] != "" {
			continue
		}
		if _, ok := taken[key]; ok {
			add(i, "username", "Tên đăng nhập “"+u.Username+"” đã có người dùng; hãy chọn tên khác.")
		} else if j, ok := seen[key]; ok {
			add(i, "username", "Tên đăng nhập “"+u.Username+"” trùng với một dòng trước trong cùng danh sách (người thứ "+strconv.Itoa(j+1)+").")
		} else {
			seen[key] = i
		}
	}
	today := a.Today()
	for i, u := range list {
		if u.AgencyID == 0 || problems[i]["agency_id"] != "" {
			continue
		}
		if msg, err := a.agencyProblem(ctx, u.AgencyID, today); err != nil {
			return nil, err
		} else if msg != "" {
			add(i, "agency_id", msg)
		}
	}
	return problems, nil
}

// agencyProblem refuses an agency that does not exist or has ended
// (merged, dissolved): the message, or "".
func (a *App) agencyProblem(ctx context.Context, id int64, today time.Time) (string, error) {
	ag, err := a.store.Agency(ctx, id)
	switch {
	case errors.Is(err, derrors.NotFound):
		return "Không có cơ quan #" + strconv.FormatInt(id, 10) + ".", nil
	case err != nil:
		return "", err
	case !ag.ActiveOn(today):
		return ag.DisplayName() + " đã thôi hoạt động (sáp nhập, giải thể); hãy chọn cơ quan kế tục.", nil
	}
	return "", nil
}
