package app

import (
	"context"
	"errors"
	"strings"

	"tiendo/internal/auth"
	"tiendo/internal/derrors"
	"tiendo/internal/reorgimport"
)

// ReadReorgMapping reads a province's reorganisation mapping (.xlsx)
// against the register: the reorganisations it decides, and the rows it
// cannot read or match (Mapping.Errors). Nothing is stored; ReorganiseAll
// previews and applies what it decides. A file that is not a mapping
// sheet is an Invalid error that says why.
func (a *App) ReadReorgMapping(ctx context.Context, by *auth.User, data []byte) (*reorgimport.Mapping, error) {
	if err := a.checkPermission(by, auth.ManageAgency); err != nil {
		return nil, err
	}
	register, err := a.store.Agencies(ctx)
	if err != nil {
		return nil, err
	}
	m, err := reorgimport.Parse(data, register)
	if errors.Is(err, reorgimport.ErrFile) {
		return nil, derrors.New(derrors.Invalid, "%s", strings.TrimPrefix(err.Error(), reorgimport.ErrFile.Error()+": "))
	}
	return m, err
}
