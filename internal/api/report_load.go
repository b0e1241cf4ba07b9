package api

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"time"

	"tiendo/internal/auth"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
	"tiendo/internal/store"
)

// actor is who makes a reporting write, and when: the signed-in user and
// the injected clock (serve --clock fixes it for training and demos).
func (a *api) actor(u *auth.User) reporting.Actor {
	return reporting.Actor{User: u, Now: a.clock.Now()}
}

// viewable reads report id whole and checks that u may read it: 404 when
// there is none, 403 (with the rule's message) when it is another agency's
// or, for a leader, not yet accepted.
func (a *api) viewable(ctx context.Context, u *auth.User, id int64, today time.Time) (*reporting.Report, error) {
	rep, err := a.store.Report(ctx, id)
	if err != nil {
		return nil, notFoundReport(err, id)
	}
	if err := reporting.Can(u, rep, reporting.ActView, today); err != nil {
		return nil, err
	}
	return rep, nil
}

// writeReport answers with rep whole as u sees it, and its version as ETag.
func (a *api) writeReport(w http.ResponseWriter, r *http.Request, u *auth.User, rep *reporting.Report, today time.Time) error {
	c, err := a.reportContext(r.Context(), rep)
	if err != nil {
		return err
	}
	w.Header().Set("ETag", etag(rep.Version))
	return a.writeJSON(w, http.StatusOK, reportDetail(rep, c, u, today))
}

// reportContext reads what a report's view shows besides the report: the
// names of its agencies and tasks, its flow history and its revisions.
func (a *api) reportContext(ctx context.Context, rep *reporting.Report) (*reportContext, error) {
	c := &reportContext{}
	var err error
	if c.agencies, err = a.agencyNames(ctx); err != nil {
		return nil, err
	}
	if c.titles, err = a.taskTitles(ctx, rep.PlanID, rep.AgencyID); err != nil {
		return nil, err
	}
	if c.history, err = a.flowHistory(ctx, rep.ID); err != nil {
		return nil, err
	}
	if c.revisions, err = a.store.ReportRevisions(ctx, rep.ID); err != nil {
		return nil, err
	}
	return c, nil
}

// agencyNames maps every agency's ID to its name.
func (a *api) agencyNames(ctx context.Context) (map[int64]string, error) {
	return a.store.AgencyNames(ctx)
}

// taskTitles maps the titles of the plan's tasks the agency leads or
// cooperates on: the tasks of its report's entries and contributions.
func (a *api) taskTitles(ctx context.Context, planID, agencyID int64) (map[int64]string, error) {
	titles := map[int64]string{}
	f := plan.TaskFilter{PlanID: planID, AgencyID: agencyID, Limit: MaxLimit}
	for {
		tasks, total, err := a.store.Tasks(ctx, f)
		if err != nil {
			return nil, err
		}
		for i := range tasks {
			titles[tasks[i].ID] = tasks[i].Title
		}
		f.Offset += len(tasks)
		if len(tasks) == 0 || f.Offset >= total {
			return titles, nil
		}
	}
}

// flowAction is the flow step an audit action records, if it is one.
func flowAction(action string) (reporting.Action, bool) {
	switch action {
	case "report.submit":
		return reporting.ActSubmit, true
	case "report.return":
		return reporting.ActReturn, true
	case "report.accept":
		return reporting.ActAccept, true
	case "report.revise":
		return reporting.ActRevise, true
	}
	return "", false
}

// flowHistory lists the flow steps of report id from its audit log,
// oldest first: who submitted, returned (why), accepted it, or started a
// correction from it. The time is the step's own (the injected clock's),
// which the store records in the audit detail.
func (a *api) flowHistory(ctx context.Context, id int64) ([]flowEventJSON, error) {
	entries, err := a.store.AuditFor(ctx, "report", id)
	if err != nil {
		return nil, err
	}
	var users map[int64]string
	var out []flowEventJSON
	for _, e := range entries {
		act, ok := flowAction(e.Action)
		if !ok {
			continue
		}
		if users == nil {
			users = map[int64]string{}
		}
		if _, known := users[e.UserID]; !known && e.UserID != 0 {
			if users[e.UserID], err = a.userName(ctx, e.UserID); err != nil {
				return nil, err
			}
		}
		var d struct {
			At     string `json:"at"`
			Reason string `json:"reason"`
			State  struct {
				New reporting.State `json:"new"`
			} `json:"state"`
		}
		_ = json.Unmarshal([]byte(e.Detail), &d) // a detail we cannot read leaves its fields empty
		at := e.At
		if t, err := time.Parse(time.RFC3339, d.At); err == nil {
			at = t
		}
		state := d.State.New
		if act == reporting.ActRevise {
			state = reporting.StateAccepted // the revised report stays accepted; the new revision is a draft
		}
		out = append(out, flowEventJSON{Action: act, State: state, At: nullTime(at), By: nullID(&e.UserID),
			ByName: users[e.UserID], Reason: strings.TrimSpace(d.Reason)})
	}
	return out, nil
}

// userName is the user's full name (their username when the name is
// empty; "" for a user that no longer exists).
func (a *api) userName(ctx context.Context, id int64) (string, error) {
	u, err := a.store.User(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	if u.FullName != "" {
		return u.FullName, nil
	}
	return u.Username, nil
}
