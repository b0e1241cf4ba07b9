package app

import (
	"context"
	"strings"
	"time"

	"tiendo/internal/auth"
	"tiendo/internal/plan"
)

// PlanTaskList lists one page of plan f.PlanID's tasks matching f, with
// the total matching and what their statuses are judged on today (f.Now is
// set here: the status filter and the statuses shown agree with the
// dashboard, plan.StatusNow). It is the API's hot path (dashboards poll
// it): two store calls in the usual case, and the question whether the
// plan exists only when nothing matched (NotFound then).
func (a *App) PlanTaskList(ctx context.Context, by *auth.User, f plan.TaskFilter) ([]plan.Task, int, plan.Now, error) {
	if err := a.checkPermission(by, auth.ReadPlan); err != nil {
		return nil, 0, plan.Now{}, err
	}
	now, err := a.statusNow(ctx, f.PlanID, a.Today())
	if err != nil {
		return nil, 0, plan.Now{}, err
	}
	f.Now = now
	tasks, total, err := a.store.Tasks(ctx, f)
	if err != nil {
		return nil, 0, plan.Now{}, notFoundAs(err, "Không có kế hoạch mã %d.", f.PlanID)
	}
	if total == 0 {
		if _, err := a.Plan(ctx, f.PlanID); err != nil {
			return nil, 0, plan.Now{}, err
		}
	}
	return tasks, total, now, nil
}

// TaskListVersion is what plan planID's task lists are a function of
// besides their filter: the plan's facts version and today. The facts
// version moves, by trigger in the writing transaction, with every row a
// list shows or filters on (tasks, their agencies, sections, periods, the
// regime, agencies' names: store.FigureTables), so a page read at
// (version, day) is right for every later reader at the same pair; edges
// keep encoded pages under it (api's task list). Permission as
// PlanTaskList; NotFound when the plan does not exist.
func (a *App) TaskListVersion(ctx context.Context, by *auth.User, planID int64) (version int64, day time.Time, err error) {
	if err := a.checkPermission(by, auth.ReadPlan); err != nil {
		return 0, time.Time{}, err
	}
	v, _, err := a.store.FactsVersion(ctx, planID)
	if err != nil {
		return 0, time.Time{}, notFoundAs(err, "Không có kế hoạch mã %d.", planID)
	}
	return v, a.Today(), nil
}

// TaskSearch is one page of the tasks whose words match a query, across
// plans in plan order (newest first) then document order.
type TaskSearch struct {
	Plan  *plan.Plan // the plan searched; nil for every plan
	Total int        // tasks found in every plan searched
	Page  int        // the page given, within 1 … Pages
	Pages int
	Hits  []TaskHit
}

// TaskHit is a task found, with its plan, the label of its section and
// its status today (plan.StatusNow).
type TaskHit struct {
	Task    plan.Task
	Plan    *plan.Plan
	Section string // "II.1"
	Status  plan.TaskStatus
}

// SearchTasks finds the tasks whose title, text or product hold every
// word of query without regard to diacritics ("dau tu" finds "đầu tư"), in
// plan planID or, when 0, in every plan; it returns page (from 1) of
// pageSize hits; an empty query finds nothing. Each plan is asked for its count first, so a page that
// spans two plans is cut at the right places without reading earlier
// pages.
func (a *App) SearchTasks(ctx context.Context, by *auth.User, query string, planID int64, page, pageSize int) (*TaskSearch, error) {
	if err := a.checkPermission(by, auth.ReadPlan); err != nil {
		return nil, err
	}
	out := &TaskSearch{Page: 1, Pages: 1}
	plans, err := a.searchScope(ctx, planID)
	if err != nil {
		return nil, err
	}
	if planID != 0 {
		out.Plan = &plans[0]
	}
	if strings.TrimSpace(query) == "" {
		return out, nil
	}
	today := a.Today()
	counts := make([]int, len(plans))
	for i, p := range plans {
		_, n, err := a.store.Tasks(ctx, plan.TaskFilter{PlanID: p.ID, Query: query, Limit: 1})
		if err != nil {
			return nil, err
		}
		counts[i] = n
		out.Total += n
	}
	out.Pages = max(1, (out.Total+pageSize-1)/pageSize)
	out.Page = min(max(page, 1), out.Pages)
	skip, want := (out.Page-1)*pageSize, pageSize
	for i := range plans {
		if want == 0 {
			break
		}
		if skip >= counts[i] {
			skip -= counts[i]
			continue
		}
		p := &plans[i]
		tasks, _, err := a.store.Tasks(ctx, plan.TaskFilter{PlanID: p.ID, Query: query, Sort: "order", Offset: skip,
			Limit: want})
		if err != nil {
			return nil, err
		}
		skip = 0
		want -= len(tasks)
		if err := a.addHits(ctx, p, tasks, today, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// searchScope returns the plans to search: plan planID, or all.
func (a *App) searchScope(ctx context.Context, planID int64) ([]plan.Plan, error) {
	if planID == 0 {
		return a.store.Plans(ctx)
	}
	p, err := a.Plan(ctx, planID)
	if err != nil {
		return nil, err
	}
	return []plan.Plan{*p}, nil
}

// addHits adds tasks of plan p to out, with their sections' labels and
// their statuses on today.
func (a *App) addHits(ctx context.Context, p *plan.Plan, tasks []plan.Task, today time.Time, out *TaskSearch) error {
	if len(tasks) == 0 {
		return nil
	}
	sections, err := a.store.Sections(ctx, p.ID)
	if err != nil {
		return err
	}
	now, err := a.statusNow(ctx, p.ID, today)
	if err != nil {
		return err
	}
	labels := make(map[int64]string, len(sections))
	for _, s := range sections {
		labels[s.ID] = s.Label
	}
	for i := range tasks {
		out.Hits = append(out.Hits, TaskHit{Task: tasks[i], Plan: p, Section: labels[tasks[i].SectionID],
			Status: plan.StatusNow(&tasks[i], now)})
	}
	return nil
}
