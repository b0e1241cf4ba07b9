package web

import (
	"errors"
	"fmt"
	"net/http"

	"tiendo/internal/agency"
	"tiendo/internal/derrors"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
	"tiendo/internal/vntext"
)

// tasksView is a plan's filtered task list: the tasks behind a number of
// the dashboard.
type tasksView struct {
	Plan    *plan.Plan
	Period  reporting.Period
	AsOf    string
	Status  plan.Status
	Agency  *agency.Agency
	NoLead  bool
	Section *plan.Section
	Tasks   []listedTask
	Total   string
	Query   string // the filters, for the downloads
	BackURL string // the dashboard of the same period and day
}

// taskListShow lists a plan's tasks by status (as the dashboard judges it
// for the period and day), lead agency and group: the drill-down of every
// number of the dashboard, so its length is that number.
func (h *handler) taskListShow(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	q, err := h.readDashParams(r)
	if err != nil {
		return err
	}
	x, err := h.loadDash(r, id, q)
	if err != nil {
		return err
	}
	list, err := x.filterTasks()
	if err != nil {
		return err
	}
	p := x.Plan
	v := &tasksView{Plan: p, Period: x.Dashboard.Period, AsOf: vntext.FormatDate(x.Dashboard.AsOf), Status: q.Status, NoLead: q.AgencyID < 0,
		Tasks: list, Total: vntext.FormatInt(len(list)), Query: x.Params.filterQuery(),
		BackURL: fmt.Sprintf("/plans/%d/dashboard", id) + x.Params.query()}
	for i := range x.Agencies {
		if x.Agencies[i].ID == q.AgencyID {
			v.Agency = &x.Agencies[i]
		}
	}
	if v.Agency == nil && q.AgencyID > 0 { // an agency the plan does not name: no tasks
		if a, err := h.app.Agency(r.Context(), q.AgencyID); err == nil {
			v.Agency = a
		} else if !errors.Is(err, derrors.NotFound) {
			return err
		}
	}
	for i := range x.Facts.Sections {
		if x.Facts.Sections[i].ID == q.Section {
			v.Section = &x.Facts.Sections[i]
		}
	}
	if (q.AgencyID > 0 && v.Agency == nil) || (q.Section != 0 && v.Section == nil) {
		return errNotFound
	}
	return h.render(w, r, http.StatusOK, "dashboard_tasks", &page{Title: "Danh sách nhiệm vụ · " + planTitle(p), Nav: "dashboard", PlanID: id, Data: v})
}
