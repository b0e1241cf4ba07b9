package app

import (
	"context"
	"errors"

	"tiendo/internal/agency"
	"tiendo/internal/auth"
	"tiendo/internal/derrors"
)

// msgAgencyChanged answers an edit made on a version of the agency that
// someone else has saved over since.
const msgAgencyChanged = "Cơ quan đã được người khác sửa. Hãy tải lại trang và sửa lại."

// CheckAgency says what is wrong with ag as an entry of the register,
// without storing anything: for a form that has problems of its own to
// show (a date it could not read) beside these. ag is normalised
// (agency.Normalize). For an edit (ag.ID set) the fields a person edits
// are checked over the stored agency; NotFound when there is none.
func (a *App) CheckAgency(ctx context.Context, by *auth.User, ag *agency.Agency) (map[string]string, error) {
	if err := a.checkPermission(by, auth.ManageAgency); err != nil {
		return nil, err
	}
	next, err := a.agencyEdited(ctx, ag)
	if err != nil {
		return nil, err
	}
	return a.checkRegisterEntry(ctx, next)
}

// CreateAgency adds ag to the register once it passes the register's
// rules (agency.Check): an Invalid error names every problem by field.
// It sets ag's ID and version.
func (a *App) CreateAgency(ctx context.Context, by *auth.User, ag *agency.Agency) (err error) {
	defer derrors.Wrap(&err, "app.CreateAgency(%q)", ag.Name)
	if err := a.checkPermission(by, auth.ManageAgency); err != nil {
		return err
	}
	ag.ID, ag.Version, ag.SuccessorID = 0, 0, 0 // a successor is a reorganisation's to set
	fe, err := a.checkRegisterEntry(ctx, ag)
	if err != nil {
		return err
	}
	if fe != nil {
		return derrors.InvalidFields(fe, "")
	}
	return nameTaken(a.store.CreateAgency(ctx, userID(by), ag))
}

// UpdateAgency saves the corrections made to agency ed.ID on its version
// ed.Version: its names, aliases, kind, parent and validity, taken from ed
// (the successor is a reorganisation's to set, and stays). A Conflict when
// the agency was saved since that version; Invalid as CreateAgency.
func (a *App) UpdateAgency(ctx context.Context, by *auth.User, ed *agency.Agency) (_ *agency.Agency, err error) {
	defer derrors.Wrap(&err, "app.UpdateAgency(%d)", ed.ID)
	if err := a.checkPermission(by, auth.ManageAgency); err != nil {
		return nil, err
	}
	next, err := a.agencyEdited(ctx, ed)
	if err != nil {
		return nil, err
	}
	fe, err := a.checkRegisterEntry(ctx, next)
	if err != nil {
		return nil, err
	}
	if fe != nil {
		return nil, derrors.InvalidFields(fe, "")
	}
	err = a.store.UpdateAgency(ctx, userID(by), next)
	if errors.Is(err, derrors.Conflict) {
		return nil, derrors.New(derrors.Conflict, msgAgencyChanged)
	}
	if err := nameTaken(err); err != nil {
		return nil, err
	}
	return next, nil
}

// agencyEdited is ag for a new agency; for an edit, the stored agency
// with the fields a person edits taken from ag, at the version ag was
// read.
func (a *App) agencyEdited(ctx context.Context, ag *agency.Agency) (*agency.Agency, error) {
	if ag.ID == 0 {
		return ag, nil
	}
	cur, err := a.Agency(ctx, ag.ID)
	if err != nil {
		return nil, err
	}
	cur.Name, cur.ShortName, cur.Aliases, cur.Kind = ag.Name, ag.ShortName, ag.Aliases, ag.Kind
	cur.ParentID, cur.ValidFrom, cur.ValidTo, cur.Version = ag.ParentID, ag.ValidFrom, ag.ValidTo, ag.Version
	return cur, nil
}

// checkRegisterEntry normalises ag and checks it against the register.
func (a *App) checkRegisterEntry(ctx context.Context, ag *agency.Agency) (map[string]string, error) {
	register, err := a.store.Agencies(ctx)
	if err != nil {
		return nil, err
	}
	agency.Normalize(ag)
	return agency.Check(ag, register), nil
}

// nameTaken puts the store's Duplicate (an agency in existence has the
// name, taken between the check and the write) beside the name.
func nameTaken(err error) error {
	if errors.Is(err, derrors.Duplicate) {
		return derrors.InvalidFields(map[string]string{"name": agency.NameTakenMessage}, "")
	}
	return err
}
