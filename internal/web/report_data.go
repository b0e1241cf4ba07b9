package web

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"tiendo/internal/agency"
	"tiendo/internal/auth"
	"tiendo/internal/clock"
	"tiendo/internal/indicator"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
	"tiendo/internal/store"
)

// actor is who makes a reporting write from this request, and when (the
// injected clock, so that a fixed day in training decides lateness too).
func (h *handler) actor(r *http.Request) reporting.Actor {
	return reporting.Actor{User: userFrom(r.Context()), Now: h.clock.Now()}
}

// loadReport reads the report named by {id}, whole, and checks that the
// signed-in user may do action a to it (reporting.Can): the rule's own
// error, with its Vietnamese message, when not.
func (h *handler) loadReport(r *http.Request, a reporting.Action) (*reporting.Report, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	rep, err := h.store.Report(r.Context(), id)
	if err != nil {
		return nil, err
	}
	if err := reporting.Can(userFrom(r.Context()), rep, a, clock.Today(h.clock)); err != nil {
		return nil, err
	}
	return rep, nil
}

// pathInt reads a positive numeric path value other than {id}.
func pathInt(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, errNotFound
	}
	return id, nil
}

// reportData is a report with everything its pages name beside it: its
// plan, its agency, the tasks and indicators its lines are about, the
// people who acted on it.
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
}

// reportData reads what the report's pages show around it.
func (h *handler) reportData(ctx context.Context, u *auth.User, rep *reporting.Report) (*reportData, error) {
	d := &reportData{Report: rep, User: u, Today: clock.Today(h.clock)}
	var err error
	if d.Plan, err = h.store.Plan(ctx, rep.PlanID); err != nil {
		return nil, err
	}
	list, err := h.store.Agencies(ctx)
	if err != nil {
		return nil, err
	}
	d.agencies = agencyIndex(list)
	d.Agency = d.agencies[rep.AgencyID]
	if d.Agency == nil {
		d.Agency = &agency.Agency{ID: rep.AgencyID, Name: "Cơ quan #" + strconv.FormatInt(rep.AgencyID, 10)}
	}
	if d.tasks, err = h.agencyTasks(ctx, rep.PlanID, rep.AgencyID); err != nil {
		return nil, err
	}
	inds, err := h.store.Indicators(ctx, rep.PlanID)
	if err != nil {
		return nil, err
	}
	d.indicators = make(map[int64]*indicator.Indicator, len(inds))
	for i := range inds {
		d.indicators[inds[i].ID] = &inds[i]
	}
	if d.users, err = h.userNames(ctx); err != nil {
		return nil, err
	}
	return d, nil
}

// agencyTasks reads, by ID, the plan's tasks the agency leads or cooperates
// on: the tasks a report's lines are about.
func (h *handler) agencyTasks(ctx context.Context, planID, agencyID int64) (map[int64]*plan.Task, error) {
	out := map[int64]*plan.Task{}
	for offset := 0; ; {
		page, total, err := h.store.Tasks(ctx, plan.TaskFilter{PlanID: planID, AgencyID: agencyID, Limit: store.MaxTaskLimit, Offset: offset})
		if err != nil {
			return nil, err
		}
		for i := range page {
			out[page[i].ID] = &page[i]
		}
		offset += len(page)
		if len(page) == 0 || offset >= total {
			return out, nil
		}
	}
}

// userNames maps user IDs to the names shown in histories (full name, or
// the username when none).
func (h *handler) userNames(ctx context.Context) (map[int64]string, error) {
	users, err := h.store.Users(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]string, len(users))
	for _, u := range users {
		out[u.ID] = u.FullName
		if u.FullName == "" {
			out[u.ID] = u.Username
		}
	}
	return out, nil
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
func (d *reportData) can(a reporting.Action) bool {
	return reporting.Can(d.User, d.Report, a, d.Today) == nil
}

// reportURL is the address of a report page.
func reportURL(id int64, suffix string) string {
	return "/reports/" + strconv.FormatInt(id, 10) + suffix
}

// reportHeader reads a report without its lines (from the list of its
// revisions): enough for reporting.Can where the page needs no more.
func (h *handler) reportHeader(ctx context.Context, id int64) (*reporting.Report, error) {
	revs, err := h.store.ReportRevisions(ctx, id)
	if err != nil {
		return nil, err
	}
	for i := range revs {
		if revs[i].ID == id {
			return &revs[i], nil
		}
	}
	return nil, store.ErrNotFound
}
