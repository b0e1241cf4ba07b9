package app

import (
	"context"
	"errors"
	"io"
	"strings"

	"tiendo/internal/auth"
	"tiendo/internal/derrors"
	"tiendo/internal/userimport"
)

// UserSheet is a sheet of accounts read and checked, nothing stored: each
// row with its problems (the sheet's and the register's), and how many
// rows have any. Accounts are created only from a sheet without problems.
type UserSheet struct {
	Rows []userimport.Row
	Bad  int
}

// ReadUserSheet reads an .xlsx of accounts to create (userimport) and
// checks every row as CreateUsers will: its fields, its agency, and
// whether its username is free, in the register and in the sheet. Invalid
// when the file is not a readable sheet of accounts.
func (a *App) ReadUserSheet(ctx context.Context, by *auth.User, data []byte) (_ *UserSheet, err error) {
	defer derrors.Wrap(&err, "app.ReadUserSheet")
	if err := a.checkPermission(by, auth.ManageUsers); err != nil {
		return nil, err
	}
	agencies, err := a.store.Agencies(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := userimport.Parse(data, agencies, a.Today())
	if errors.Is(err, userimport.ErrFile) {
		return nil, derrors.New(derrors.Invalid, "%s", strings.TrimPrefix(err.Error(), userimport.ErrFile.Error()+": "))
	}
	if err != nil {
		return nil, err
	}
	list := make([]*auth.User, len(rows))
	for i := range rows {
		list[i] = &rows[i].User
	}
	problems, err := a.newUserProblems(ctx, list)
	if err != nil {
		return nil, err
	}
	sheet := &UserSheet{Rows: rows}
	for i := range rows {
		for k, v := range problems[i] {
			if rows[i].Errors[k] == "" {
				rows[i].Errors[k] = v
			}
		}
		if len(rows[i].Errors) > 0 {
			sheet.Bad++
		}
	}
	return sheet, nil
}

// CreatedUser is an account just created with its setup link.
type CreatedUser struct {
	Account *UserAccount
	Link    IssuedLink
}

// CreateUsers creates accounts in one transaction — all of them, or none
// when any is wrong (Invalid with fields "<i>.username"…, i from 0) — each
// without a password and with its setup link (e-mailed when e-mail is on
// and the account has an address).
func (a *App) CreateUsers(ctx context.Context, by *auth.User, in []NewUser) (_ []CreatedUser, err error) {
	defer derrors.Wrap(&err, "app.CreateUsers(%d)", len(in))
	if err := a.checkPermission(by, auth.ManageUsers); err != nil {
		return nil, err
	}
	if len(in) == 0 || len(in) > userimport.MaxRows {
		return nil, derrors.New(derrors.Invalid, "Danh sách phải có từ 1 đến %d người dùng.", userimport.MaxRows)
	}
	list := make([]*auth.User, len(in))
	for i, u := range in {
		list[i] = u.user()
	}
	if err := a.checkNewUsers(ctx, list, true); err != nil {
		return nil, err
	}
	links, err := a.createAccounts(ctx, by, list)
	if err != nil {
		return nil, err
	}
	names, err := a.agencyDisplayNames(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]CreatedUser, len(list))
	for i, u := range list {
		acc := &UserAccount{AccountState: auth.AccountState{User: *u, LinkExpires: links[i].ExpiresAt}, Agency: names[u.AgencyID]}
		out[i] = CreatedUser{Account: acc, Link: links[i]}
	}
	return out, nil
}

// WriteUserTemplate writes the .xlsx to fill for CreateUsers, with the
// roles and the agencies in existence today to choose from.
func (a *App) WriteUserTemplate(ctx context.Context, by *auth.User, w io.Writer) error {
	if err := a.checkPermission(by, auth.ManageUsers); err != nil {
		return err
	}
	agencies, err := a.store.Agencies(ctx)
	if err != nil {
		return err
	}
	return userimport.WriteTemplate(w, agencies, a.Today())
}
