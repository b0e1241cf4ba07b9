package app

import (
	"context"
	"errors"
	"time"

	"tiendo/internal/derrors"
	"tiendo/internal/figcache"
	"tiendo/internal/figures"
	"tiendo/internal/plan"
)

// The public dashboard (/open) shows every active plan's figures to anyone:
// the dashboard of the period holding today, as the plan's own dashboard
// computes it, read through the figure cache; and the task list behind
// each of its numbers. What it returns names organisations only.

// PublishedPlan is one published plan with its figures today. The
// dashboard is the cache's, shared with other readers: callers must not
// change it.
type PublishedPlan struct {
	Plan      plan.Plan
	Dashboard *figures.Dashboard
}

// PublishedDashboards are the figures of every active plan that has a
// reporting period, in the store's plan order, each with its plan's
// settings, all read through the figure cache at once (one query for every
// plan's versions).
func (a *App) PublishedDashboards(ctx context.Context) (_ []PublishedPlan, err error) {
	defer derrors.Wrap(&err, "app.PublishedDashboards")
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
	settings, err := a.store.FigureSettingsOfPlans(ctx)
	if err != nil {
		return nil, err
	}
	today := a.Today()
	asks := make([]figcache.Ask, len(plans))
	for i, p := range plans {
		s, ok := settings[p.ID]
		if !ok {
			s = figures.DefaultSettings
		}
		asks[i] = figcache.Ask{PlanID: p.ID, Options: s.Options(figures.Options{AsOf: today})}
	}
	ds, errs, err := a.figs.Dashboards(ctx, asks)
	if err != nil {
		return nil, err
	}
	out := make([]PublishedPlan, 0, len(plans))
	for i, err := range errs {
		switch {
		case errors.Is(err, figures.ErrNoPeriod):
			continue // no reporting period yet: nothing to publish
		case err != nil:
			return nil, err
		}
		out = append(out, PublishedPlan{Plan: plans[i], Dashboard: ds[i]})
	}
	return out, nil
}

// PublishedDashboard is plan planID's published figures (see
// PublishedDashboards); NotFound for a plan not published.
func (a *App) PublishedDashboard(ctx context.Context, planID int64) (_ *PublishedPlan, err error) {
	defer derrors.Wrap(&err, "app.PublishedDashboard(plan %d)", planID)
	p, err := a.publishedPlan(ctx, planID)
	if err != nil {
		return nil, err
	}
	d, _, err := a.cachedDashboard(ctx, planID, 0, a.Today())
	if err != nil {
		return nil, err
	}
	return &PublishedPlan{Plan: *p, Dashboard: d}, nil
}

// publishedPlan is plan planID when it is published (active); NotFound
// otherwise.
func (a *App) publishedPlan(ctx context.Context, planID int64) (*plan.Plan, error) {
	p, err := a.Plan(ctx, planID)
	if err != nil {
		return nil, err
	}
	if p.Status != plan.PlanActive {
		return nil, derrors.New(derrors.NotFound, "Kế hoạch mã %d không còn thực hiện nên không công bố dữ liệu mở.", planID)
	}
	return p, nil
}

// PublishedTask is a task as the public task list shows it: what it is,
// who leads it (an organisation), its deadline and its status today.
type PublishedTask struct {
	ID          int64
	Section     string // "III.4.2"
	Title       string
	Lead        string // the lead agency's name; "" when unassigned
	Deadline    string // as the plan writes it ("Quý II/2026", "thường xuyên")
	Due         time.Time
	Status      plan.Status
	OverdueDays int
	Progress    int
}

// PublishedTaskList is the public task list behind one number of a
// published plan's dashboard.
type PublishedTaskList struct {
	PublishedPlan
	Selection figures.Selection
	Section   *plan.Section // the section selected, nil for every one
	Agency    string        // the lead agency selected; "" for any
	Tasks     []PublishedTask
}

// PublishedTasks lists the tasks of published plan planID that sel picks,
// judged and counted exactly as its dashboard does today (figures.TaskRows
// and figures.Select over the same facts), in plan order. A section or an
// agency the plan does not name is NotFound, as is a plan not published.
func (a *App) PublishedTasks(ctx context.Context, planID int64, sel figures.Selection) (_ *PublishedTaskList, err error) {
	defer derrors.Wrap(&err, "app.PublishedTasks(plan %d)", planID)
	p, err := a.publishedPlan(ctx, planID)
	if err != nil {
		return nil, err
	}
	pf, err := a.computeFigures(ctx, planID, 0, a.Today())
	if err != nil {
		return nil, err
	}
	f := figures.InPeriod(pf.Facts, pf.Dashboard.Period)
	out := &PublishedTaskList{PublishedPlan: PublishedPlan{Plan: *p, Dashboard: pf.Dashboard}, Selection: sel}
	names := make(map[int64]string, len(f.Agencies))
	for _, ag := range f.Agencies {
		names[ag.ID] = ag.Name
	}
	labels := make(map[int64]string, len(f.Sections))
	for i := range f.Sections {
		labels[f.Sections[i].ID] = f.Sections[i].Label
		if f.Sections[i].ID == sel.SectionID {
			out.Section = &f.Sections[i]
		}
	}
	if sel.SectionID != 0 && out.Section == nil {
		return nil, derrors.New(derrors.NotFound, "Kế hoạch không có mục mã %d.", sel.SectionID)
	}
	if sel.AgencyID > 0 {
		if out.Agency = names[sel.AgencyID]; out.Agency == "" {
			return nil, derrors.New(derrors.NotFound, "Kế hoạch không nêu cơ quan mã %d.", sel.AgencyID)
		}
	}
	rows := figures.TaskRows(f, pf.Dashboard)
	for _, i := range figures.Select(f, rows, sel) {
		t, r := &f.Tasks[i], rows[i]
		title := t.Title
		if title == "" {
			title = plan.TitleFromText(t.Text)
		}
		out.Tasks = append(out.Tasks, PublishedTask{ID: t.ID, Section: labels[t.SectionID], Title: title,
			Lead: names[t.LeadAgencyID], Deadline: t.Deadline.Text, Due: r.Due, Status: r.Status,
			OverdueDays: r.OverdueDays, Progress: t.Progress})
	}
	return out, nil
}
