package app

import (
	"context"

	"tiendo/internal/auth"
	"tiendo/internal/derrors"
	"tiendo/internal/figures"
	"tiendo/internal/officialreport"
	"tiendo/internal/plan"
	"tiendo/internal/vntext"
)

// OfficialReportUpstream adds to the official report rep its optional
// part "Kết quả thực hiện các nhiệm vụ cấp trên giao": for each plan
// above whose tasks rep's plan implements, the plan's own part of that
// plan's roll-up (Rollup filtered to rep's plan) for the upstream period
// holding the last day of rep's period — the upstream tasks its tasks are
// linked to, each with those tasks' status, progress and result. An empty
// part (nothing linked) says so in the report.
func (a *App) OfficialReportUpstream(ctx context.Context, by *auth.User, rep *officialreport.Report) (err error) {
	p, period := rep.Plan(), rep.Period()
	defer derrors.Wrap(&err, "app.OfficialReportUpstream(plan %d)", p.ID)
	if err := a.checkPermission(by, auth.ReadPlan); err != nil {
		return err
	}
	counts, err := a.store.PlanLinkCounts(ctx, p.ID)
	if err != nil {
		return err
	}
	rep.Upstream = []officialreport.Upstream{}
	var ups []plan.Plan
	for id := range counts {
		up, err := a.store.Plan(ctx, id)
		if err != nil {
			return err
		}
		ups = append(ups, *up)
	}
	vntext.Sort(ups, func(q plan.Plan) string { return string(rune('9'-q.Level.Rank())) + " " + q.Issuer + " " + q.Code })
	for _, up := range ups {
		periods, err := a.store.Periods(ctx, up.ID)
		if err != nil {
			return err
		}
		upPeriod, ok := figures.PeriodOn(periods, 0, period.End)
		if !ok {
			continue
		}
		r, err := a.Rollup(ctx, by, up.ID, upPeriod.ID, RollupFilter{PlanID: p.ID})
		if err != nil {
			return err
		}
		u := officialreport.Upstream{PlanCode: up.Code, PlanTitle: up.Title, Issuer: up.Issuer, Period: r.Period.Label}
		for _, it := range r.Items {
			if len(it.Linked) == 0 {
				continue
			}
			t := officialreport.UpstreamTask{Number: it.Number, Title: it.Title, Status: it.Status}
			for _, l := range it.Linked {
				t.Parts = append(t.Parts, officialreport.UpstreamPart{Number: l.Number, Title: l.Title,
					Agency: r.AgencyNames[l.AgencyID], Status: l.Status, Progress: l.Progress, Result: l.Result})
			}
			u.Tasks = append(u.Tasks, t)
		}
		if len(u.Tasks) > 0 {
			rep.Upstream = append(rep.Upstream, u)
		}
	}
	return nil
}
