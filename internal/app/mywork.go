package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"tiendo/internal/auth"
	"tiendo/internal/derrors"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// "Việc của tôi", the first page after sign-in and GET /me/due: what each
// person has to do today. The store reads the rows (…WorkFacts); reporting
// groups, judges and sorts them (NewAgencyWork, NewCoordinatorWork).

// AgencyWork is "Việc của tôi" of by's agency today, over every active
// plan it has tasks in (planID ≠ 0: that plan only): its reports to send
// (late ones first), returned and waiting, and its tasks overdue or due
// soon. Only an agency's head and officers have one. The answer may be
// shared with other readers (it is kept until the agency's rows move:
// mywork_cache.go): read it, never change it.
func (a *App) AgencyWork(ctx context.Context, by *auth.User, planID int64) (_ *reporting.AgencyWork, err error) {
	defer derrors.Wrap(&err, "app.AgencyWork(plan %d)", planID)
	if by == nil || !by.Role.NeedsAgency() || by.AgencyID == 0 || !auth.Can(by, auth.ReadPlan) {
		return nil, derrors.New(derrors.Forbidden, "Chỉ lãnh đạo và chuyên viên của một cơ quan mới có việc báo cáo của cơ quan.")
	}
	today := a.Today()
	versions, err := a.store.AgencyWorkVersion(ctx, by.AgencyID)
	if err != nil {
		return nil, err
	}
	w := a.work.get(by.AgencyID, today, versions)
	if w == nil {
		if w, err = a.buildAgencyWork(ctx, by.AgencyID, today); err != nil {
			return nil, err
		}
		a.work.put(by.AgencyID, today, versions, w)
	}
	if planID != 0 {
		w = w.OfPlan(planID)
	}
	return w, nil
}

// buildAgencyWork reads and builds the agency's work today: what
// AgencyWork keeps, under the versions read before (mywork_cache.go).
func (a *App) buildAgencyWork(ctx context.Context, agencyID int64, today time.Time) (*reporting.AgencyWork, error) {
	// Read every task that may be due soon under any plan's window; each
	// is then judged on its own plan's (plan.StatusNow).
	f, err := a.store.AgencyWorkFacts(ctx, agencyID, today, today.AddDate(0, 0, reporting.MaxDueSoonDays))
	if err != nil {
		return nil, err
	}
	f.Now = make(map[int64]plan.Now, len(f.Plans))
	for _, id := range f.Plans {
		if f.Now[id], err = a.statusNow(ctx, id, today); err != nil {
			return nil, err
		}
	}
	return reporting.NewAgencyWork(f, today, 0), nil
}

// PlanWork is one plan and the coordinator's work in one of its periods.
type PlanWork struct {
	Plan plan.Plan
	// Work is nil before the plan's first period.
	Work *reporting.CoordinatorWork
}

// CoordinatorWork is the coordinator's "Việc của tôi" for plan planID in
// period periodID (0: the period holding today, else the last started,
// else the first): who has not sent, what waits for review, and the
// completeness and timeliness of each agency. An unknown plan or period is
// NotFound; a period of another plan is Invalid (field "period").
func (a *App) CoordinatorWork(ctx context.Context, by *auth.User, planID, periodID int64) (_ *PlanWork, err error) {
	defer derrors.Wrap(&err, "app.CoordinatorWork(plan %d, period %d)", planID, periodID)
	if err := checkWorkOverview(by); err != nil {
		return nil, err
	}
	p, err := a.Plan(ctx, planID)
	if err != nil {
		return nil, err
	}
	if periodID != 0 {
		per, err := a.Period(ctx, periodID)
		if err != nil {
			return nil, err
		}
		if per.PlanID != planID {
			return nil, derrors.InvalidFields(map[string]string{"period": "Kỳ báo cáo này thuộc kế hoạch khác."},
				fmt.Sprintf("Kỳ báo cáo mã %d không thuộc kế hoạch đã chọn.", periodID))
		}
	}
	w, err := a.buildCoordinatorWork(ctx, planID, periodID, a.Today())
	if errors.Is(err, errWorkNoPeriod) {
		w, err = nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &PlanWork{Plan: *p, Work: w}, nil
}

// ActivePlansWork is every active plan (newest first) with the
// coordinator's work in its current period: the province's leaders'
// overview, and the coordinator's over every plan.
func (a *App) ActivePlansWork(ctx context.Context, by *auth.User) (_ []PlanWork, err error) {
	defer derrors.Wrap(&err, "app.ActivePlansWork")
	if err := checkWorkOverview(by); err != nil {
		return nil, err
	}
	plans, err := a.store.Plans(ctx)
	if err != nil {
		return nil, err
	}
	today := a.Today()
	var out []PlanWork
	for _, p := range plans {
		if p.Status != plan.PlanActive {
			continue
		}
		w, err := a.buildCoordinatorWork(ctx, p.ID, 0, today)
		if errors.Is(err, errWorkNoPeriod) {
			w, err = nil, nil
		}
		if err != nil {
			return nil, err
		}
		out = append(out, PlanWork{Plan: p, Work: w})
	}
	return out, nil
}

// CoordinatorDesk is the coordinator's "Việc của tôi" page: one period of
// one plan, with what it takes to switch to another.
type CoordinatorDesk struct {
	ActivePlans []plan.Plan // to switch between, newest first
	// Plan is the plan shown: the one asked for, else the newest active
	// plan, else the newest plan; nil when there is none.
	Plan    *plan.Plan
	Started []reporting.Period // the plan's periods started by today, newest first
	// Work is the period's work; nil before the plan's first period.
	Work *reporting.CoordinatorWork
	// PendingExtensions counts the plan's extension requests waiting for
	// a decision.
	PendingExtensions int
}

// CoordinatorDesk reads the coordinator's page for plan planID (0: the
// newest active plan) and period periodID (0: as CoordinatorWork). An
// unknown plan, or a period that is not one of the plan's, is NotFound.
func (a *App) CoordinatorDesk(ctx context.Context, by *auth.User, planID, periodID int64) (_ *CoordinatorDesk, err error) {
	defer derrors.Wrap(&err, "app.CoordinatorDesk(plan %d, period %d)", planID, periodID)
	if err := a.checkPermission(by, auth.ReviewReport); err != nil {
		return nil, err
	}
	plans, err := a.store.Plans(ctx)
	if err != nil {
		return nil, err
	}
	d := &CoordinatorDesk{}
	for i := range plans {
		if plans[i].Status == plan.PlanActive {
			d.ActivePlans = append(d.ActivePlans, plans[i])
		}
	}
	if d.Plan, err = deskPlan(plans, planID); d.Plan == nil || err != nil {
		return d, err
	}
	today := a.Today()
	all, err := a.store.Periods(ctx, d.Plan.ID)
	if err != nil {
		return nil, err
	}
	for i := len(all) - 1; i >= 0; i-- {
		if all[i].Started(today) {
			d.Started = append(d.Started, all[i])
		}
	}
	d.Work, err = a.buildCoordinatorWork(ctx, d.Plan.ID, periodID, today)
	if errors.Is(err, errWorkNoPeriod) || errors.Is(err, derrors.NotFound) && len(d.Started) == 0 {
		d.Work, err = nil, nil // no period has started yet
	}
	if err != nil {
		return nil, err
	}
	pending, err := a.store.Extensions(ctx, reporting.ExtensionFilter{PlanID: d.Plan.ID, State: reporting.ExtensionPending})
	if err != nil {
		return nil, err
	}
	d.PendingExtensions = len(pending)
	return d, nil
}

// deskPlan picks the plan asked for (NotFound when it is not in plans),
// else the newest active plan, else the newest plan; nil when plans is
// empty.
func deskPlan(plans []plan.Plan, id int64) (*plan.Plan, error) {
	i := slices.IndexFunc(plans, func(p plan.Plan) bool {
		return id != 0 && p.ID == id || id == 0 && p.Status == plan.PlanActive
	})
	switch {
	case i >= 0:
		return &plans[i], nil
	case id != 0:
		return nil, derrors.New(derrors.NotFound, "Không có kế hoạch mã %d.", id)
	case len(plans) > 0:
		return &plans[0], nil
	}
	return nil, nil
}

// errWorkNoPeriod is buildCoordinatorWork's answer for a plan without periods: there is
// no work to show yet, which callers say with a nil Work.
var errWorkNoPeriod = errors.New("app: the plan has no reporting period yet")

// buildCoordinatorWork builds the coordinator's work of plan planID in period periodID
// (0: reporting.PickPeriod's choice). NotFound when periodID is not one of
// the plan's periods; errWorkNoPeriod when the plan has none.
func (a *App) buildCoordinatorWork(ctx context.Context, planID, periodID int64, today time.Time) (*reporting.CoordinatorWork, error) {
	f, err := a.store.CoordinatorWorkFacts(ctx, planID, today)
	if err != nil {
		return nil, notFoundAs(err, "Không có kế hoạch mã %d.", planID)
	}
	w, ok := reporting.NewCoordinatorWork(f, periodID, today)
	switch {
	case ok:
		return w, nil
	case len(f.Periods) == 0:
		return nil, errWorkNoPeriod
	}
	return nil, derrors.New(derrors.NotFound, "Kế hoạch mã %d không có kỳ báo cáo mã %d.", planID, periodID)
}

// checkWorkOverview refuses (Forbidden) an agency's head or officer the
// figures of every agency: they are for the coordinator, the
// administrators and the province's leaders.
func checkWorkOverview(by *auth.User) error {
	if by == nil || !auth.Can(by, auth.ReadPlan) || by.Role.NeedsAgency() {
		return derrors.New(derrors.Forbidden, "Chỉ cơ quan điều phối và lãnh đạo tỉnh xem được tình hình báo cáo của mọi cơ quan.")
	}
	return nil
}
