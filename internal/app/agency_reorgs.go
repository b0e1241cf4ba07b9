package app

import (
	"context"
	"errors"

	"tiendo/internal/agency"
	"tiendo/internal/auth"
	"tiendo/internal/derrors"
)

// Reorganisations lists the reorganisations applied, last first, for
// those who manage agencies.
func (a *App) Reorganisations(ctx context.Context, by *auth.User) ([]agency.ReorgRecord, error) {
	if err := a.checkPermission(by, auth.ManageAgency); err != nil {
		return nil, err
	}
	return a.store.Reorganisations(ctx)
}

// Reorganisation reads applied reorganisation id.
func (a *App) Reorganisation(ctx context.Context, by *auth.User, id int64) (*agency.ReorgRecord, error) {
	if err := a.checkPermission(by, auth.ManageAgency); err != nil {
		return nil, err
	}
	rec, err := a.store.Reorganisation(ctx, id)
	return rec, notFoundAs(err, "Không có việc sắp xếp mã %d.", id)
}

// UndoReorganisation undoes reorganisation id, with those applied in the
// same batch, in one transaction: every row they changed is written back
// as it was. With dryRun it previews the undo. It is refused — a Conflict
// whose message (also under the field "undo") says why — once the next
// reporting period has started by the app's clock, when it was undone
// already, or when what it wrote has changed since.
func (a *App) UndoReorganisation(ctx context.Context, by *auth.User, id int64, dryRun bool) (_ *agency.UndoResult, err error) {
	defer derrors.Wrap(&err, "app.UndoReorganisation(%d)", id)
	if err := a.checkPermission(by, auth.ManageAgency); err != nil {
		return nil, err
	}
	res, err := a.store.UndoReorganisation(ctx, userID(by), id, a.Today(), dryRun)
	var re *agency.ReorgError
	if errors.As(err, &re) {
		fe := re.Fields()
		return nil, &derrors.Error{Kind: derrors.Conflict, Message: fe["undo"], Fields: fe}
	}
	return res, notFoundAs(err, "Không có việc sắp xếp mã %d.", id)
}
