package opendata

import (
	"net/http"
	"slices"
	"strconv"
	"time"

	"tiendo/internal/app"
	"tiendo/internal/figures"
	"tiendo/internal/plan"
)

// tasksView is the public list of the tasks behind one number.
type tasksView struct {
	Name, PlanURL, CSV string
	Period             string
	AsOf               time.Time
	Status             plan.Status
	Section            string // "III.4. Phát triển nguồn nhân lực…"; "" for every one
	Agency             string
	Tasks              []app.PublishedTask
}

// serveTasks answers /open/plans/{id}/tasks?status=&section=&agency=
// (agency=none: the tasks without a lead): the tasks a number of the
// public dashboard counts, so the list is as long as the number. A filter
// that names nothing of the plan is a 404.
func (h *handler) serveTasks(w http.ResponseWriter, r *http.Request) {
	id, ok := planID(w, r)
	if !ok {
		return
	}
	sel, ok := readSelection(r)
	if !ok {
		notFound(w)
		return
	}
	list, err := h.app.PublishedTasks(r.Context(), id, sel)
	if err != nil {
		h.failOrNotFound(w, r, err)
		return
	}
	v := &tasksView{Name: list.Plan.Name(), PlanURL: planURL(id), CSV: planURL(id) + "/" + DatasetTasks + ".csv",
		Period: list.Dashboard.Period.Label, AsOf: list.Dashboard.AsOf, Status: sel.Status, Agency: list.Agency, Tasks: list.Tasks}
	if s := list.Section; s != nil {
		v.Section = s.Label + ". " + s.Title
	}
	h.render(w, r, "tasks", "Danh sách nhiệm vụ · "+v.Name, v)
}

// readSelection reads the list's filters; false when one is not a status,
// a number or "none".
func readSelection(r *http.Request) (figures.Selection, bool) {
	q := r.URL.Query()
	var sel figures.Selection
	if s := q.Get("status"); s != "" {
		if !slices.Contains(plan.Statuses, plan.Status(s)) {
			return sel, false
		}
		sel.Status = plan.Status(s)
	}
	if s := q.Get("section"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n <= 0 {
			return sel, false
		}
		sel.SectionID = n
	}
	switch s := q.Get("agency"); s {
	case "":
	case "none":
		sel.AgencyID = -1
	default:
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n <= 0 {
			return sel, false
		}
		sel.AgencyID = n
	}
	return sel, true
}
