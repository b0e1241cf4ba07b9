package app

import (
	"context"
	"errors"
	"time"

	"tiendo/internal/auth"
	"tiendo/internal/derrors"
	"tiendo/internal/figcache"
	"tiendo/internal/figures"
	"tiendo/internal/plan"
	"tiendo/internal/vntext"
)

// NationalFigures are the rollup of every active plan on a day — a
// ministry's or the country's view of the provinces' plans.
type NationalFigures struct {
	AsOf time.Time
	// Lines are each plan's line, as its own dashboard counts it for the
	// period it shows that day, in Vietnamese order of the issuer.
	Lines []NationalLine
	// Total is the sums of the lines.
	Total figures.National
	// WithoutPeriod counts the active plans left out because they have no
	// reporting period yet, hence no figures.
	WithoutPeriod int
}

// NationalLine is one plan's line of the rollup with the plan it is of.
type NationalLine struct {
	Plan plan.Plan
	figures.NationalRow
}

// NationalFigures rolls up every active plan's dashboard on day asOf
// (zero: today), each computed with its plan's settings and read through
// the figure cache: every plan's versions in one query, so a read after
// a write recomputes only the plan written to; of each plan only its
// line (figcache.Lines: its kept dashboard's, or the line alone).
func (a *App) NationalFigures(ctx context.Context, by *auth.User, asOf time.Time) (_ *NationalFigures, err error) {
	defer derrors.Wrap(&err, "app.NationalFigures")
	if err := a.checkPermission(by, auth.ReadPlan); err != nil {
		return nil, err
	}
	if asOf.IsZero() {
		asOf = a.Today()
	}
	all, err := a.store.Plans(ctx)
	if err != nil {
		return nil, err
	}
	var plans []plan.Plan
	for _, p := range all {
		if p.Status == plan.PlanActive {
			plans = append(plans, p)
		}
	}
	vntext.Sort(plans, func(p plan.Plan) string { return p.Issuer + " " + p.Code })
	settings, err := a.store.FigureSettingsOfPlans(ctx)
	if err != nil {
		return nil, err
	}
	asks := make([]figcache.Ask, len(plans))
	for i, p := range plans {
		s, ok := settings[p.ID]
		if !ok {
			s = figures.DefaultSettings
		}
		asks[i] = figcache.Ask{PlanID: p.ID, Options: s.Options(figures.Options{AsOf: asOf})}
	}
	ls, errs, err := a.figs.Lines(ctx, asks)
	if err != nil {
		return nil, err
	}
	out := &NationalFigures{AsOf: asOf}
	var kept []*figures.Line
	var keptPlans []plan.Plan
	for i, err := range errs {
		switch {
		case errors.Is(err, figures.ErrNoPeriod):
			out.WithoutPeriod++
		case err != nil:
			return nil, err
		default:
			kept = append(kept, ls[i])
			keptPlans = append(keptPlans, plans[i])
		}
	}
	out.Total = figures.RollupNational(kept)
	for i, row := range out.Total.Plans {
		out.Lines = append(out.Lines, NationalLine{Plan: keptPlans[i], NationalRow: row})
	}
	return out, nil
}
