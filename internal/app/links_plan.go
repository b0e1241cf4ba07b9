package app

import (
	"context"

	"tiendo/internal/auth"
	"tiendo/internal/derrors"
	"tiendo/internal/plan"
	"tiendo/internal/rollup"
	"tiendo/internal/store"
	"tiendo/internal/vntext"
)

// The links of a whole plan to one upstream plan, a page of tasks at a
// time: each task's links now and the upstream tasks suggested for it, for
// the coordinator to confirm.

// PlanLinks is one page of a plan's tasks with their links to an upstream
// plan.
type PlanLinks struct {
	Plan      plan.Plan
	Upstream  *plan.Plan  // the upstream plan shown; nil when the plan has none to link to
	Upstreams []plan.Plan // the plans its tasks may link to
	// Counts are, per upstream plan, how many of the plan's tasks link to it.
	Counts map[int64]int
	Rows   []PlanLinkRow
	Total  int // tasks the filter keeps
	Filter PlanLinksFilter
}

// PlanLinkRow is one task with its links to the upstream plan shown and
// the suggestions for it (those not linked already).
type PlanLinkRow struct {
	Task      plan.Task
	Number    int
	Current   []Candidate
	Suggested []Candidate
}

// PlanLinksFilter chooses the page of tasks.
type PlanLinksFilter struct {
	Query         string // words of the task, without diacritics
	Unlinked      bool   // only tasks not linked to the upstream plan shown
	Limit, Offset int    // Limit ≤ 0: 25
}

// PlanLinks reads plan planID's tasks with their links to upstream plan
// upID (0: the first the plan may link to) and suggestions, the page f
// asks for. NotFound for an unknown plan; an upstream plan the plan's
// tasks may not link to is Invalid (field "upstream").
func (a *App) PlanLinks(ctx context.Context, by *auth.User, planID, upID int64, f PlanLinksFilter) (_ *PlanLinks, err error) {
	defer derrors.Wrap(&err, "app.PlanLinks(%d → %d)", planID, upID)
	if err := a.checkPermission(by, auth.ReadPlan); err != nil {
		return nil, err
	}
	p, err := a.Plan(ctx, planID)
	if err != nil {
		return nil, err
	}
	if f.Limit <= 0 || f.Limit > 200 {
		f.Limit = 25
	}
	x := &PlanLinks{Plan: *p, Filter: f}
	if x.Upstreams, err = a.upstreamPlans(ctx, p); err != nil {
		return nil, err
	}
	if x.Counts, err = a.store.PlanLinkCounts(ctx, planID); err != nil {
		return nil, err
	}
	for i := range x.Upstreams {
		if upID == 0 && i == 0 || x.Upstreams[i].ID == upID {
			x.Upstream = &x.Upstreams[i]
		}
	}
	if x.Upstream == nil {
		if upID != 0 {
			return nil, derrors.InvalidFields(map[string]string{"upstream": "Nhiệm vụ của kế hoạch này không liên kết được với kế hoạch đã chọn (kế hoạch cấp trên phải đang có hiệu lực, cùng cấp hoặc cấp trên)."}, "")
		}
		return x, nil
	}
	tasks, err := a.store.PlanTasks(ctx, planID)
	if err != nil {
		return nil, err
	}
	up, err := a.store.PlanTasks(ctx, x.Upstream.ID)
	if err != nil {
		return nil, err
	}
	links, err := a.store.PlanLinks(ctx, planID, x.Upstream.ID)
	if err != nil {
		return nil, err
	}
	numbers, upNumbers := rollup.Numbers(tasks), rollup.Numbers(up)
	upByID := make(map[int64]*plan.Task, len(up))
	for i := range up {
		upByID[up[i].ID] = &up[i]
	}
	sg := rollup.NewSuggester(up)
	var kept []*plan.Task
	for i := range tasks {
		t := &tasks[i]
		if numbers[t.ID] == 0 || f.Unlinked && len(links[t.ID]) > 0 || f.Query != "" && !vntext.Contains(t.Title+" "+t.Text, f.Query) {
			continue
		}
		kept = append(kept, t)
	}
	x.Total = len(kept)
	if f.Offset > len(kept) {
		f.Offset = len(kept)
	}
	kept = kept[f.Offset:min(len(kept), f.Offset+f.Limit)]
	for _, t := range kept {
		row := PlanLinkRow{Task: *t, Number: numbers[t.ID]}
		linked := map[int64]bool{}
		for _, l := range links[t.ID] {
			u := upByID[l.UpstreamTaskID]
			if u == nil {
				continue
			}
			linked[u.ID] = true
			row.Current = append(row.Current, Candidate{TaskID: u.ID, Number: upNumbers[u.ID], Title: rollup.TitleOf(u)})
		}
		for _, c := range suggestions(sg, up, t) {
			if !linked[c.TaskID] {
				row.Suggested = append(row.Suggested, c)
			}
		}
		x.Rows = append(x.Rows, row)
	}
	return x, nil
}

// SavePlanLinks sets, for each task of plan planID in sets, its links to
// upstream plan upID's tasks to exactly those listed (the page's
// confirmed suggestions and kept links), in one transaction: every link
// is checked, and one refused writes nothing (Invalid, field
// "upstream_task_ids"). A task not of the plan is Invalid (field "task").
func (a *App) SavePlanLinks(ctx context.Context, by *auth.User, planID, upID int64, sets map[int64][]int64) (_ []store.LinkDiff, err error) {
	defer derrors.Wrap(&err, "app.SavePlanLinks(%d → %d)", planID, upID)
	if err := a.checkPermission(by, auth.EditPlan); err != nil {
		return nil, err
	}
	if _, err := a.Plan(ctx, planID); err != nil {
		return nil, err
	}
	tasks, err := a.store.PlanTasks(ctx, planID)
	if err != nil {
		return nil, err
	}
	own := make(map[int64]bool, len(tasks))
	for _, t := range tasks {
		own[t.ID] = true
	}
	var list []store.LinkSet
	for id, ups := range sets {
		if !own[id] {
			return nil, derrors.InvalidFields(map[string]string{"task": "Nhiệm vụ mã " + vntext.FormatInt(int(id)) + " không thuộc kế hoạch này."}, "")
		}
		if len(ups) > maxLinksPerTask {
			return nil, derrors.InvalidFields(map[string]string{"upstream_task_ids": "Một nhiệm vụ liên kết tối đa 50 nhiệm vụ cấp trên."}, "")
		}
		list = append(list, store.LinkSet{TaskID: id, UpstreamPlanID: upID, UpstreamTaskIDs: ups})
	}
	sortLinkSets(list)
	diffs, err := a.store.SetTaskLinks(ctx, userID(by), list, rollup.HowSuggestion, false)
	if err := linkError(err, 0); err != nil {
		return nil, err
	}
	return diffs, nil
}

// sortLinkSets orders sets by task, so that a write's audit rows and
// refusals come in plan order whatever map they came from.
func sortLinkSets(list []store.LinkSet) {
	for i := 1; i < len(list); i++ {
		for j := i; j > 0 && list[j].TaskID < list[j-1].TaskID; j-- {
			list[j], list[j-1] = list[j-1], list[j]
		}
	}
}

// SetPlanLevel saves plan planID's level and issuer (EditPlan). An
// unknown level is Invalid (field "level").
func (a *App) SetPlanLevel(ctx context.Context, by *auth.User, planID int64, level plan.Level, issuer string) (err error) {
	defer derrors.Wrap(&err, "app.SetPlanLevel(%d)", planID)
	if err := a.checkPermission(by, auth.EditPlan); err != nil {
		return err
	}
	fe := map[string]string{}
	if !level.Valid() {
		fe["level"] = "Hãy chọn cấp của kế hoạch: Trung ương, Bộ ngành, Tỉnh thành phố hoặc Xã phường."
	}
	if len([]rune(issuer)) > 500 {
		fe["issuer"] = "Tên cơ quan ban hành quá dài (tối đa 500 ký tự)."
	}
	if len(fe) > 0 {
		return derrors.InvalidFields(fe, "")
	}
	return notFoundAs(a.store.SetPlanLevel(ctx, userID(by), planID, level, issuer), "Không có kế hoạch mã %d.", planID)
}
