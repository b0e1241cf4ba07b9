package web

import (
	"net/http"

	"tiendo/internal/agency"
	"tiendo/internal/clock"
	"tiendo/internal/plan"
	"tiendo/internal/vntext"
)

// taskView is the task page's data.
type taskView struct {
	Task        *plan.Task
	Plan        *plan.Plan
	Section     *plan.Section
	Lead        *agency.Agency
	Coops       []agency.Agency
	Mentioned   []agency.Agency // named in the text but not assigned: suggestions
	Status      plan.Status
	OverdueDays int
	Saved       bool
}

// taskShow shows one task in full with its computed status.
func (h *handler) taskShow(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	t, p, sec, err := h.loadTask(r)
	if err != nil {
		return err
	}
	list, err := h.store.Agencies(ctx)
	if err != nil {
		return err
	}
	names := agencyIndex(list)
	today := clock.Today(h.clock)
	v := &taskView{
		Task:        t,
		Plan:        p,
		Section:     sec,
		Lead:        names[t.LeadAgencyID],
		Coops:       pickAgencies(names, t.CooperatingAgencyIDs, nil),
		Status:      plan.ComputeStatus(t, today, 0),
		OverdueDays: plan.OverdueDays(t, today),
		Saved:       r.URL.Query().Get("saved") == "1",
	}
	assigned := append([]int64{t.LeadAgencyID}, t.CooperatingAgencyIDs...)
	v.Mentioned = pickAgencies(names, t.MentionedAgencyIDs, assigned)
	title := t.Title
	if title == "" {
		title = "Nhiệm vụ"
	}
	return h.render(w, r, http.StatusOK, "task_show", &page{Title: title, Nav: "plans", PlanID: t.PlanID, Data: v})
}

// pickAgencies returns the agencies with the given IDs, except those in
// skip, sorted by name in Vietnamese collation. Unknown IDs are left out.
func pickAgencies(names map[int64]*agency.Agency, ids, skip []int64) []agency.Agency {
	seen := map[int64]bool{}
	for _, id := range skip {
		seen[id] = true
	}
	var out []agency.Agency
	for _, id := range ids {
		if a := names[id]; a != nil && !seen[id] {
			seen[id] = true
			out = append(out, *a)
		}
	}
	vntext.Sort(out, func(a agency.Agency) string { return a.Name })
	return out
}
