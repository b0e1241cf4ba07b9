package app

import (
	"context"
	"errors"

	"tiendo/internal/agency"
	"tiendo/internal/derrors"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// The reads every page and endpoint shares. The route already checked that
// the person may read plans (auth.ReadPlan); records that need more (a
// report, a file, an extension request) have use cases of their own that
// check reporting's view rule.

// Plans lists every plan, newest first.
func (a *App) Plans(ctx context.Context) ([]plan.Plan, error) { return a.store.Plans(ctx) }

// Plan reads plan id.
func (a *App) Plan(ctx context.Context, id int64) (*plan.Plan, error) {
	p, err := a.store.Plan(ctx, id)
	return p, notFoundAs(err, "Không có kế hoạch mã %d.", id)
}

// Sections lists plan planID's sections in document order.
func (a *App) Sections(ctx context.Context, planID int64) ([]plan.Section, error) {
	return a.store.Sections(ctx, planID)
}

// Section reads section id.
func (a *App) Section(ctx context.Context, id int64) (*plan.Section, error) {
	s, err := a.store.Section(ctx, id)
	return s, notFoundAs(err, "Không có mục mã %d.", id)
}

// Agencies lists every agency, ended ones included, in Vietnamese order.
func (a *App) Agencies(ctx context.Context) ([]agency.Agency, error) { return a.store.Agencies(ctx) }

// Agency reads agency id.
func (a *App) Agency(ctx context.Context, id int64) (*agency.Agency, error) {
	ag, err := a.store.Agency(ctx, id)
	return ag, notFoundAs(err, "Không có cơ quan mã %d.", id)
}

// AgencyNames maps every agency's ID to its name.
func (a *App) AgencyNames(ctx context.Context) (map[int64]string, error) {
	return a.store.AgencyNames(ctx)
}

// UserNames maps every account's ID to the name people know it by: the
// full name, else the username.
func (a *App) UserNames(ctx context.Context) (map[int64]string, error) {
	users, err := a.store.Users(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]string, len(users))
	for _, u := range users {
		out[u.ID] = u.FullName
		if u.FullName == "" {
			out[u.ID] = u.Username
		}
	}
	return out, nil
}

// Periods lists plan planID's reporting periods in order.
func (a *App) Periods(ctx context.Context, planID int64) ([]reporting.Period, error) {
	return a.store.Periods(ctx, planID)
}

// Period reads reporting period id.
func (a *App) Period(ctx context.Context, id int64) (*reporting.Period, error) {
	p, err := a.store.Period(ctx, id)
	return p, notFoundAs(err, "Không có kỳ báo cáo mã %d.", id)
}

// notFoundAs gives a NotFound err the message that names what is missing;
// other errors pass through.
func notFoundAs(err error, format string, args ...any) error {
	if errors.Is(err, derrors.NotFound) {
		return derrors.New(derrors.NotFound, format, args...)
	}
	return err
}
