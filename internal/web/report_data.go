package web

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"time"

	"tiendo/internal/agency"
	"tiendo/internal/app"
	"tiendo/internal/auth"
	"tiendo/internal/indicator"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// partPath reads the address of one part of a report: the report's {id}
// and the part's own path value name (its task, its indicator).
func partPath(r *http.Request, name string) (id, part int64, err error) {
	if id, err = pathID(r); err != nil {
		return 0, 0, err
	}
	part, err = strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || part <= 0 {
		return 0, 0, errNotFound
	}
	return id, part, nil
}

// reportData is a report with everything its pages name beside it: its
// plan, its agency, the tasks and indicators its lines are about, the
// people who acted on it (app.ReadReport).
type reportData struct {
	Report     *reporting.Report
	Plan       *plan.Plan
	Agency     *agency.Agency
	User       *auth.User
	Today      time.Time
	tasks      map[int64]*plan.Task
	agencies   map[int64]*agency.Agency
	indicators map[int64]*indicator.Indicator
	users      map[int64]string
	allowed    []reporting.Action
	read       *app.ReportRead
}

// readReport reads report id for the signed-in user, who must be allowed
// to take action need on it (view for its page, edit for its form).
func (h *handler) readReport(r *http.Request, id int64, need reporting.Action) (*reportData, error) {
	u := h.user(r)
	rr, err := h.app.ReadReport(r.Context(), u, id, need)
	if err != nil {
		return nil, err
	}
	d := &reportData{Report: rr.Report, Plan: rr.Plan, User: u, Today: rr.Today, tasks: rr.Tasks, agencies: rr.Agencies,
		indicators: rr.Indicators, users: rr.Users, allowed: rr.Allowed, read: rr}
	d.Agency = d.agencies[rr.Report.AgencyID]
	if d.Agency == nil {
		d.Agency = &agency.Agency{ID: rr.Report.AgencyID, Name: "Cơ quan #" + strconv.FormatInt(rr.Report.AgencyID, 10)}
	}
	return d, nil
}

// userNames maps user IDs to the names shown in lists (full name, or the
// username when none).
func (h *handler) userNames(ctx context.Context) (map[int64]string, error) {
	return h.app.UserNames(ctx)
}

// taskTitle is a task's title for a report line; a task the page cannot
// find (moved or deleted since) is named by its number.
func (d *reportData) taskTitle(id int64) string {
	if t := d.tasks[id]; t != nil && t.Title != "" {
		return t.Title
	}
	return "Nhiệm vụ #" + strconv.FormatInt(id, 10)
}

// agencyName is an agency's full name, or its number when unknown.
func (d *reportData) agencyName(id int64) string {
	if a := d.agencies[id]; a != nil {
		return nowName(d.agencies, a)
	}
	return "Cơ quan #" + strconv.FormatInt(id, 10)
}

// who names the user behind an ID; "hệ thống" for none.
func (d *reportData) who(id int64) string {
	if id == 0 {
		return "Hệ thống"
	}
	if n, ok := d.users[id]; ok {
		return n
	}
	return "Người dùng #" + strconv.FormatInt(id, 10)
}

// can says whether the user may do a to the report today.
func (d *reportData) can(a reporting.Action) bool { return slices.Contains(d.allowed, a) }

// reportURL is the address of a report page.
func reportURL(id int64, suffix string) string {
	return "/reports/" + strconv.FormatInt(id, 10) + suffix
}
