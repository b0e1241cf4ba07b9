package web

import (
	"net/http"
	"strconv"

	"tiendo/internal/plan"
	"tiendo/internal/vntext"
)

// replaceView is the page where a new plan takes over an earlier one: the
// earlier plan's unfinished tasks, each with the new task proposed to
// continue it (plan.SuggestCarry), which the coordinator confirms or
// changes; a preview (the same work rolled back) before applying.
type replaceView struct {
	Plan     *plan.Plan
	Others   []plan.Plan // plans that may be replaced
	Old      *plan.Plan
	Rows     []replaceRow
	NewTasks []plan.Task
	Preview  *plan.ReplacementResult
	Error    string
}

type replaceRow struct {
	Task   plan.Task
	Chosen int64 // the new task chosen (or suggested); 0 for none
	Score  string
}

// planReplaceShow shows the choice of the plan replaced and, once chosen
// (replaces=), its unfinished tasks with the suggested continuations.
func (h *handler) planReplaceShow(w http.ResponseWriter, r *http.Request) error {
	v, err := h.replaceView(r, formID(r.URL.Query().Get("replaces")), nil)
	if err != nil {
		return err
	}
	return h.render(w, r, http.StatusOK, "plan_replace", &page{Title: "Thay thế kế hoạch", Nav: "plans", PlanID: v.Plan.ID, Data: v})
}

// planReplacePost previews (action=preview) or applies (action=apply) the
// replacement with the continuations chosen (carry_<old task>=<new task>).
func (h *handler) planReplacePost(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	old := formID(r.PostFormValue("replaces"))
	carry := formIDMap(r, "carry_")
	v, err := h.replaceView(r, old, carry)
	if err != nil {
		return err
	}
	pg := &page{Title: "Thay thế kế hoạch", Nav: "plans", PlanID: v.Plan.ID, Data: v}
	if v.Old == nil {
		v.Error = "Hãy chọn kế hoạch được thay thế."
		return reshow(http.StatusUnprocessableEntity, "plan_replace", pg)
	}
	apply := r.PostFormValue("action") == "apply"
	res, err := h.app.ReplacePlan(r.Context(), h.user(r), v.Plan.ID, old, carry, !apply)
	if fe := invalidFields(err); fe != nil {
		for _, msg := range fe {
			v.Error = msg
		}
		return reshow(http.StatusUnprocessableEntity, "plan_replace", pg)
	}
	if err != nil {
		return err
	}
	if apply {
		http.Redirect(w, r, "/plans/"+strconv.FormatInt(v.Plan.ID, 10)+"?replaced=1", http.StatusSeeOther)
		return nil
	}
	v.Preview = res
	return h.render(w, r, http.StatusOK, "plan_replace", pg)
}

// replaceView reads the plan, the plans it may replace
// (app.ReplaceablePlans), and — when old is one of them — old's
// unfinished tasks with the chosen continuations (carry), or the suggested
// ones when carry is nil (app.ProposeReplacement).
func (h *handler) replaceView(r *http.Request, old int64, carry map[int64]int64) (*replaceView, error) {
	ctx := r.Context()
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	p, others, err := h.app.ReplaceablePlans(ctx, h.user(r), id)
	if err != nil {
		return nil, err
	}
	v := &replaceView{Plan: p, Others: others}
	for i := range v.Others {
		if v.Others[i].ID == old {
			v.Old = &v.Others[i]
		}
	}
	if v.Old == nil {
		return v, nil
	}
	prop, err := h.app.ProposeReplacement(ctx, h.user(r), p.ID, old)
	if err != nil {
		return nil, err
	}
	v.NewTasks = prop.NewTasks
	for _, c := range prop.Rows {
		row := replaceRow{Task: c.Old}
		if c.New != nil {
			row.Score = vntext.FormatNumber(c.Score*100, 0) + "%"
			if carry == nil {
				row.Chosen = c.New.ID
			}
		}
		if carry != nil {
			row.Chosen = carry[c.Old.ID]
		}
		v.Rows = append(v.Rows, row)
	}
	return v, nil
}
