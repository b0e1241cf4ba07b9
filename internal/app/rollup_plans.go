package app

import (
	"context"

	"tiendo/internal/auth"
	"tiendo/internal/derrors"
	"tiendo/internal/plan"
	"tiendo/internal/vntext"
)

// UpstreamPlan is a plan other plans' tasks link to, with how many.
type UpstreamPlan struct {
	Plan   plan.Plan
	Linked int // tasks linked to its tasks now
}

// UpstreamPlansLinked lists the plans with tasks linked to them — the
// plans a roll-up is read for — from the top level down, by issuer.
func (a *App) UpstreamPlansLinked(ctx context.Context, by *auth.User) (_ []UpstreamPlan, err error) {
	defer derrors.Wrap(&err, "app.UpstreamPlansLinked")
	if err := a.checkPermission(by, auth.ReadPlan); err != nil {
		return nil, err
	}
	counts, err := a.store.UpstreamPlanLinks(ctx)
	if err != nil {
		return nil, err
	}
	plans, err := a.store.Plans(ctx)
	if err != nil {
		return nil, err
	}
	var out []UpstreamPlan
	for _, p := range plans {
		if n := counts[p.ID]; n > 0 {
			out = append(out, UpstreamPlan{Plan: p, Linked: n})
		}
	}
	vntext.Sort(out, func(u UpstreamPlan) string {
		return string(rune('9'-u.Plan.Level.Rank())) + " " + u.Plan.Issuer + " " + u.Plan.Code
	})
	return out, nil
}
