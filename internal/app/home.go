package app

import (
	"context"
	"errors"
	"time"

	"tiendo/internal/agency"
	"tiendo/internal/auth"
	"tiendo/internal/derrors"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// The first page after sign-in is a home for each role: the agency's
// reports and tasks for its head and officers (AgencyWork), everything
// waiting on the coordinator (CoordinatorInbox, above the period desk),
// and each active plan in figures for the province's leaders (LeaderHome).

// CoordinatorInbox is what waits on the coordinator across every period
// of every active plan, with the names to show it by.
type CoordinatorInbox struct {
	reporting.Inbox
	Plans    map[int64]plan.Plan // the active plans, by ID
	Agencies map[int64]agency.Agency
	Tasks    map[int64]string // the title of each extension request's task
	Today    time.Time
}

// CoordinatorInbox reads what waits on the coordinator (and the admin):
// reports to accept or return, returned ones not yet sent again, reports
// missing past their due day, and extension requests to decide, in every
// started period of every active plan.
func (a *App) CoordinatorInbox(ctx context.Context, by *auth.User) (_ *CoordinatorInbox, err error) {
	defer derrors.Wrap(&err, "app.CoordinatorInbox")
	if err := a.checkPermission(by, auth.ReviewReport); err != nil {
		return nil, err
	}
	plans, err := a.store.Plans(ctx)
	if err != nil {
		return nil, err
	}
	today := a.Today()
	in := &CoordinatorInbox{Today: today, Plans: map[int64]plan.Plan{}, Agencies: map[int64]agency.Agency{}, Tasks: map[int64]string{}}
	var reports []reporting.Report
	var pending []reporting.Extension
	for _, p := range plans {
		if p.Status != plan.PlanActive {
			continue
		}
		in.Plans[p.ID] = p
		list, _, err := a.store.Reports(ctx, reporting.ReportFilter{PlanID: p.ID, Today: today, Limit: reporting.MaxReportLimit})
		if err != nil {
			return nil, err
		}
		reports = append(reports, list...)
		ext, err := a.store.Extensions(ctx, reporting.ExtensionFilter{PlanID: p.ID, State: reporting.ExtensionPending})
		if err != nil {
			return nil, err
		}
		pending = append(pending, ext...)
	}
	in.Inbox = *reporting.NewInbox(reports, pending, today)
	ags, err := a.store.Agencies(ctx)
	if err != nil {
		return nil, err
	}
	for _, ag := range ags {
		in.Agencies[ag.ID] = ag
	}
	for _, e := range in.Extensions {
		t, err := a.store.Task(ctx, e.TaskID)
		if err != nil {
			return nil, err
		}
		in.Tasks[e.TaskID] = t.Title
		if t.Title == "" {
			in.Tasks[e.TaskID] = plan.TitleFromText(t.Text)
		}
	}
	return in, nil
}

// LeaderPlan is one active plan on the leaders' home: the reports
// received in its current period and its figures today.
type LeaderPlan struct {
	PlanWork
	// Dashboard is the plan's figures today, through the figure cache;
	// nil before the plan's first reporting period.
	Dashboard *NamedDashboard
}

// LeaderHome is the province leaders' home: every active plan, newest
// first, with its task status, trend, overdue tasks (from its dashboard)
// and the reports received in its current period.
func (a *App) LeaderHome(ctx context.Context, by *auth.User) (_ []LeaderPlan, err error) {
	defer derrors.Wrap(&err, "app.LeaderHome")
	rows, err := a.ActivePlansWork(ctx, by)
	if err != nil {
		return nil, err
	}
	out := make([]LeaderPlan, 0, len(rows))
	for _, w := range rows {
		lp := LeaderPlan{PlanWork: w}
		if w.Work != nil {
			lp.Dashboard, err = a.NamedPlanDashboard(ctx, by, w.Plan.ID, 0, a.Today())
			if errors.Is(err, derrors.NotFound) {
				lp.Dashboard, err = nil, nil
			}
			if err != nil {
				return nil, err
			}
		}
		out = append(out, lp)
	}
	return out, nil
}

// CoordinatorHome is the coordinator's home: what waits across every
// period (Inbox), then one period of one plan in detail (Desk).
type CoordinatorHome struct {
	Inbox *CoordinatorInbox
	Desk  *CoordinatorDesk
}

// CoordinatorHome reads the coordinator's home; planID and periodID
// choose the desk's plan and period as CoordinatorDesk does.
func (a *App) CoordinatorHome(ctx context.Context, by *auth.User, planID, periodID int64) (*CoordinatorHome, error) {
	in, err := a.CoordinatorInbox(ctx, by)
	if err != nil {
		return nil, err
	}
	d, err := a.CoordinatorDesk(ctx, by, planID, periodID)
	if err != nil {
		return nil, err
	}
	return &CoordinatorHome{Inbox: in, Desk: d}, nil
}
