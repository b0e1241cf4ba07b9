package web

import (
	"net/http"

	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// planView is the plan page's data.
type planView struct {
	Plan     *plan.Plan
	Roots    []*treeNode
	Total    int // tasks in the plan
	Shown    int // tasks listed in the tree (at most app.MaxOutlineTasks)
	Statuses []statusCount
	// Now is what the statuses are judged on: its period names the
	// reporting period recurring and continuous tasks are judged in.
	Now    plan.Now
	Refs   []plan.Reference  // documents the plan cites
	Regime *reporting.Regime // how and when agencies report (the defaults when none was saved)
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
	o, err := h.app.ReadPlanOutline(ctx, h.user(r), id)
	if err != nil {
		return err
	}
	agencies, err := h.app.Agencies(ctx)
	if err != nil {
		return err
	}
	names := agencyIndex(agencies)
	bySection := map[int64][]taskRow{}
	var rows []taskRow
	for i := range o.Tasks {
		row := newTaskRow(&o.Tasks[i], names, o.Now)
		bySection[o.Tasks[i].SectionID] = append(bySection[o.Tasks[i].SectionID], row)
		rows = append(rows, row)
	}
	v := &planView{
		Plan:       o.Plan,
		Roots:      buildTree(o.Sections, bySection, &treeInfo{PlanID: id, CanEdit: canEdit(r)}),
		Total:      o.Total,
		Shown:      len(o.Tasks),
		Statuses:   countStatuses(rows),
		Now:        o.Now,
		Refs:       o.References,
		Regime:     o.Regime,
		Amendments: o.Amendments,
		ReplacedBy: o.ReplacedBy,
		Replaced:   r.URL.Query().Get("replaced") == "1",
		Amended:    r.URL.Query().Get("amended") == "1",
	}
	return h.render(w, r, http.StatusOK, "plan_show", &page{Title: planTitle(o.Plan), Nav: "plans", PlanID: id, Data: v})
}

// planTitle names a plan for headings and page titles, as people name it
// (plan.Plan.Name: its number, else what it implements).
func planTitle(p *plan.Plan) string { return p.Name() }
