package web

import (
	"context"
	"net/http"

	"tiendo/internal/clock"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// maxTreeTasks bounds how many tasks one plan page lists; larger plans are
// browsed through search and (later) filtered lists.
const maxTreeTasks = 3000

// planView is the plan page's data.
type planView struct {
	Plan     *plan.Plan
	Roots    []*treeNode
	Total    int // tasks in the plan
	Shown    int // tasks listed in the tree
	Statuses []statusCount
	Refs     []plan.Reference  // documents the plan cites
	Regime   *reporting.Regime // how and when agencies report (the defaults when none was saved)
	// Amendments are the decisions that added or removed tasks.
	Amendments []plan.Amendment
	// ReplacedBy is the plan that replaced this one; nil when none.
	ReplacedBy *plan.Plan
	Replaced   bool // this plan has just replaced its predecessor
	Amended    bool // an amendment was just recorded
}

// planShow shows a plan as a tree: parts with their text folded away,
// groups with task counts, and the tasks of each group.
func (h *handler) planShow(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	p, err := h.store.Plan(ctx, id)
	if err != nil {
		return err
	}
	sections, err := h.store.Sections(ctx, id)
	if err != nil {
		return err
	}
	tasks, total, err := h.planTasks(ctx, id)
	if err != nil {
		return err
	}
	refs, err := h.store.PlanReferences(ctx, id)
	if err != nil {
		return err
	}
	regime, err := h.store.Regime(ctx, id)
	if err != nil {
		return err
	}
	agencies, err := h.store.Agencies(ctx)
	if err != nil {
		return err
	}
	names := agencyIndex(agencies)
	today := clock.Today(h.clock)
	bySection := map[int64][]taskRow{}
	var rows []taskRow
	for i := range tasks {
		row := newTaskRow(&tasks[i], names, today)
		bySection[tasks[i].SectionID] = append(bySection[tasks[i].SectionID], row)
		rows = append(rows, row)
	}
	v := &planView{
		Plan:     p,
		Roots:    buildTree(sections, bySection, &treeInfo{PlanID: id, CanEdit: canEdit(r)}),
		Total:    total,
		Shown:    len(tasks),
		Statuses: countStatuses(rows),
		Refs:     refs,
		Regime:   regime,
		Replaced: r.URL.Query().Get("replaced") == "1",
		Amended:  r.URL.Query().Get("amended") == "1",
	}
	if v.Amendments, err = h.store.PlanAmendments(ctx, id); err != nil {
		return err
	}
	if p.Status == plan.PlanReplaced {
		all, err := h.store.Plans(ctx)
		if err != nil {
			return err
		}
		for i := range all {
			if all[i].ReplacesID == p.ID {
				v.ReplacedBy = &all[i]
			}
		}
	}
	return h.render(w, r, http.StatusOK, "plan_show", &page{Title: planTitle(p), Nav: "plans", PlanID: id, Data: v})
}

// planTitle names a plan for headings: its code and title.
func planTitle(p *plan.Plan) string {
	if p.Code != "" {
		return "Kế hoạch " + p.Code
	}
	return "Kế hoạch"
}

// planTasks reads a plan's tasks in document order, page by page (the store
// caps a page), up to maxTreeTasks; total counts them all.
func (h *handler) planTasks(ctx context.Context, planID int64) ([]plan.Task, int, error) {
	var all []plan.Task
	for {
		page, total, err := h.store.Tasks(ctx, plan.TaskFilter{PlanID: planID, Sort: "order", Offset: len(all), Limit: maxTreeTasks - len(all)})
		if err != nil {
			return nil, 0, err
		}
		all = append(all, page...)
		if len(page) == 0 || len(all) >= total || len(all) >= maxTreeTasks {
			return all, total, nil
		}
	}
}
