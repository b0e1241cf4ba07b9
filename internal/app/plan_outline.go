package app

import (
	"context"

	"tiendo/internal/auth"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// MaxOutlineTasks bounds how many tasks a plan's outline lists; larger
// plans are browsed through search and the filtered lists.
const MaxOutlineTasks = 3000

// PlanCount is a plan of the register with its number of tasks.
type PlanCount struct {
	plan.Plan
	Tasks int
}

// PlansWithTaskCounts lists every plan, newest first, with how many tasks
// it has (kept on the plan's row: one cheap read each).
func (a *App) PlansWithTaskCounts(ctx context.Context, by *auth.User) ([]PlanCount, error) {
	if err := a.checkPermission(by, auth.ReadPlan); err != nil {
		return nil, err
	}
	plans, err := a.store.Plans(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]PlanCount, len(plans))
	for i, p := range plans {
		_, n, err := a.store.Tasks(ctx, plan.TaskFilter{PlanID: p.ID, Limit: 1})
		if err != nil {
			return nil, err
		}
		out[i] = PlanCount{Plan: p, Tasks: n}
	}
	return out, nil
}

// PlanOutline is a plan with what its page shows: its tree of sections,
// its tasks in document order (at most MaxOutlineTasks of Total), the
// documents it cites, its reporting regime, its amendments and the plan
// that replaced it.
type PlanOutline struct {
	Plan       *plan.Plan
	Sections   []plan.Section
	Tasks      []plan.Task
	Total      int
	References []plan.Reference
	Regime     *reporting.Regime // the defaults when none was saved
	Amendments []plan.Amendment  // oldest first
	ReplacedBy *plan.Plan        // nil unless the plan was replaced
	// Now is what the tasks' statuses are judged on today (plan.StatusNow).
	Now plan.Now
}

// ReadPlanOutline reads plan id with its tree, tasks and decisions.
func (a *App) ReadPlanOutline(ctx context.Context, by *auth.User, id int64) (_ *PlanOutline, err error) {
	if err := a.checkPermission(by, auth.ReadPlan); err != nil {
		return nil, err
	}
	o := &PlanOutline{}
	if o.Plan, err = a.Plan(ctx, id); err != nil {
		return nil, err
	}
	if o.Sections, err = a.store.Sections(ctx, id); err != nil {
		return nil, err
	}
	if o.Tasks, o.Total, err = a.planTasks(ctx, id, MaxOutlineTasks); err != nil {
		return nil, err
	}
	if o.Now, err = a.statusNow(ctx, id, a.Today()); err != nil {
		return nil, err
	}
	if o.References, err = a.store.PlanReferences(ctx, id); err != nil {
		return nil, err
	}
	if o.Regime, err = a.store.Regime(ctx, id); err != nil {
		return nil, err
	}
	if o.Amendments, err = a.store.PlanAmendments(ctx, id); err != nil {
		return nil, err
	}
	if o.Plan.Status == plan.PlanReplaced {
		all, err := a.store.Plans(ctx)
		if err != nil {
			return nil, err
		}
		for i := range all {
			if all[i].ReplacesID == id {
				o.ReplacedBy = &all[i]
			}
		}
	}
	return o, nil
}

// planTasks reads up to limit tasks of plan planID in document order, page
// by page (the store caps a page); total counts them all.
func (a *App) planTasks(ctx context.Context, planID int64, limit int) ([]plan.Task, int, error) {
	var all []plan.Task
	for {
		page, total, err := a.store.Tasks(ctx, plan.TaskFilter{PlanID: planID, Sort: "order", Offset: len(all), Limit: limit - len(all)})
		if err != nil {
			return nil, 0, err
		}
		all = append(all, page...)
		if len(page) == 0 || len(all) >= total || len(all) >= limit {
			return all, total, nil
		}
	}
}

// PlanSections lists plan id's sections in document order (parents before
// children), each with its task count. NotFound when there is no such plan.
func (a *App) PlanSections(ctx context.Context, by *auth.User, id int64) ([]plan.Section, error) {
	if err := a.checkPermission(by, auth.ReadPlan); err != nil {
		return nil, err
	}
	sections, err := a.store.Sections(ctx, id)
	if err != nil {
		return nil, notFoundAs(err, "Không có kế hoạch mã %d.", id)
	}
	if len(sections) == 0 {
		// An empty tree and a missing plan look alike; only then ask which.
		if _, err := a.Plan(ctx, id); err != nil {
			return nil, err
		}
	}
	return sections, nil
}

// PlanAmendments lists plan id's amendments, oldest first, with the tasks
// each added, changed and removed. NotFound when there is no such plan.
func (a *App) PlanAmendments(ctx context.Context, by *auth.User, id int64) ([]plan.Amendment, error) {
	if err := a.checkPermission(by, auth.ReadPlan); err != nil {
		return nil, err
	}
	if _, err := a.Plan(ctx, id); err != nil {
		return nil, err
	}
	return a.store.PlanAmendments(ctx, id)
}

// AmendmentBasis is what an amendment of a plan is made from: the plan,
// its sections that hold tasks (where a task may be added) and its tasks
// in the plan now (those that may be changed or removed).
type AmendmentBasis struct {
	Plan     *plan.Plan
	Sections []plan.Section
	Tasks    []plan.Task
}

// maxAmendableTasks bounds the tasks an amendment form offers.
const maxAmendableTasks = 5000

// ReadAmendmentBasis reads what amending plan id starts from; ReadOnly
// for a plan replaced or closed.
func (a *App) ReadAmendmentBasis(ctx context.Context, by *auth.User, id int64) (*AmendmentBasis, error) {
	if err := a.checkPermission(by, auth.EditPlan); err != nil {
		return nil, err
	}
	p, err := a.writablePlan(ctx, id)
	if err != nil {
		return nil, err
	}
	b := &AmendmentBasis{Plan: p}
	secs, err := a.store.Sections(ctx, id)
	if err != nil {
		return nil, err
	}
	for _, s := range secs {
		if s.HoldsTasks {
			b.Sections = append(b.Sections, s)
		}
	}
	tasks, _, err := a.planTasks(ctx, id, maxAmendableTasks)
	if err != nil {
		return nil, err
	}
	for _, t := range tasks {
		if t.RemovedOn.IsZero() {
			b.Tasks = append(b.Tasks, t)
		}
	}
	return b, nil
}
