package app

import (
	"context"
	"errors"
	"strconv"

	"tiendo/internal/agency"
	"tiendo/internal/auth"
	"tiendo/internal/derrors"
)

// Reorganise applies r — a merge, split, rename or dissolution of agencies
// from its effective day — in one transaction, or with dryRun previews it
// (the same work rolled back, so the preview is exact). The undo window is
// counted from today by the app's clock. A malformed r, or one the data
// refuses (an agency ended already, a split's task left to nobody, a
// successor whose report is sent), is an Invalid error whose fields say
// why.
func (a *App) Reorganise(ctx context.Context, by *auth.User, r *agency.Reorganisation, dryRun bool) (_ *agency.ReorgResult, err error) {
	defer derrors.Wrap(&err, "app.Reorganise(%s %v)", r.Kind, r.From)
	if err := a.checkPermission(by, auth.ManageAgency); err != nil {
		return nil, err
	}
	r.Today = a.Today()
	if fe := r.Validate(); len(fe) > 0 {
		return nil, derrors.InvalidFields(fe, "")
	}
	res, err := a.store.Reorganise(ctx, userID(by), r, dryRun)
	return res, reorgRefused(err, false)
}

// ReorganiseAll applies list — a province's mapping — in order, in one
// transaction: all or none; with dryRun it previews them all. A refusal
// is an Invalid error whose fields are named after the position of the
// reorganisation refused: "2.from".
func (a *App) ReorganiseAll(ctx context.Context, by *auth.User, list []*agency.Reorganisation, dryRun bool) (_ []*agency.ReorgResult, err error) {
	defer derrors.Wrap(&err, "app.ReorganiseAll(%d)", len(list))
	if err := a.checkPermission(by, auth.ManageAgency); err != nil {
		return nil, err
	}
	fe := map[string]string{}
	for i, r := range list {
		r.Today = a.Today()
		for k, v := range r.Validate() {
			fe[strconv.Itoa(i)+"."+k] = v
		}
	}
	if len(fe) > 0 {
		return nil, derrors.InvalidFields(fe, "")
	}
	res, err := a.store.ReorganiseAll(ctx, userID(by), list, dryRun)
	return res, reorgRefused(err, true)
}

// reorgRefused turns the data's refusal of a reorganisation into an
// Invalid error with the refusals' messages by field — in a batch, under
// "<index>." —; other errors pass through.
func reorgRefused(err error, batch bool) error {
	var re *agency.ReorgError
	if !errors.As(err, &re) {
		return err
	}
	fe := re.Fields()
	if batch {
		named := make(map[string]string, len(fe))
		for k, v := range fe {
			named[strconv.Itoa(re.Index)+"."+k] = v
		}
		fe = named
	}
	return derrors.InvalidFields(fe, "")
}
