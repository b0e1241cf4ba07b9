package app

import (
	"context"
	"errors"

	"tiendo/internal/derrors"
	"tiendo/internal/plan"
)

// Open data (/open) publishes the figures of every active plan without
// login: the same figures as the dashboard on today's date, so the files
// cannot disagree with it. Nobody acts, so these use cases take no user;
// what they return names organisations only (the figures name no person).

// PublishedFigures computes plan planID's figures for open data: today,
// the period containing it, the plan's settings. Only an active plan with
// a reporting period is published; any other is NotFound.
func (a *App) PublishedFigures(ctx context.Context, planID int64) (_ *PlanFigures, err error) {
	defer derrors.Wrap(&err, "app.PublishedFigures(plan %d)", planID)
	if _, err := a.publishedPlan(ctx, planID); err != nil {
		return nil, err
	}
	return a.computeFigures(ctx, planID, 0, a.Today())
}

// PublishedPlans computes the figures of every published plan (see
// PublishedFigures), in the store's plan order.
func (a *App) PublishedPlans(ctx context.Context) ([]*PlanFigures, error) {
	plans, err := a.store.Plans(ctx)
	if err != nil {
		return nil, err
	}
	var out []*PlanFigures
	for _, p := range plans {
		if p.Status != plan.PlanActive {
			continue
		}
		x, err := a.PublishedFigures(ctx, p.ID)
		if errors.Is(err, derrors.NotFound) { // no period yet, or gone since the list was read
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, nil
}
