package api

import (
	"net/http"
	"strconv"

	"tiendo/internal/auth"
	"tiendo/internal/clock"
	"tiendo/internal/plan"
)

// taskCreate answers POST /plans/{id}/tasks: a new task at the end of its
// section. section_id and text are required; the answer is 201 with the
// task, its Location and its ETag. Nothing is stored unless every check passes.
func (a *api) taskCreate(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	planID, err := pathID(r)
	if err != nil {
		return err
	}
	p, err := a.store.Plan(r.Context(), planID)
	if err != nil {
		return notFoundAs(err, "Không có kế hoạch mã %d.", planID)
	}
	if err := writable(p); err != nil {
		return err
	}
	var in taskFields
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	today := clock.Today(a.clock)
	t := plan.Task{PlanID: planID}
	in.apply(&t)
	in.SectionID.Set, in.LeadAgencyID.Set, in.CooperatingAgencyIDs.Set = true, true, true // check all of them on create
	if err := a.prepare(r.Context(), &t, &in, today); err != nil {
		return err
	}
	t.References = plan.FindReferences(t.Text)
	if err := a.store.CreateTask(r.Context(), u.ID, &t); err != nil {
		return err
	}
	w.Header().Set("Location", Prefix+"/tasks/"+strconv.FormatInt(t.ID, 10))
	return a.writeTask(w, r, http.StatusCreated, &t, today)
}
