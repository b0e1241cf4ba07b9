package web

import (
	"context"
	"strconv"

	"tiendo/internal/agency"
	"tiendo/internal/auth"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// extensionRow is a request for a new deadline or changed content, with
// the names the lists show.
type extensionRow struct {
	reporting.Extension
	TaskTitle   string
	AgencyName  string
	RequestedBy string
	DecidedBy   string
	CanDecide   bool
	// Set when a decision was refused: the note as typed and why.
	NoteInput string
	NoteError string
}

// extensionForm is the request form on the task page.
type extensionForm struct {
	Kind         reporting.ExtensionKind
	DeadlineText string
	Title        string
	Text         string
	Product      string
	Reason       string
	Errors       plan.FieldErrors
}

// extensionRows names the people, agencies and tasks of requests (as
// app.Extensions lists those u may see); tasks maps the tasks already at
// hand (nil: read each).
func (h *handler) extensionRows(ctx context.Context, u *auth.User, list []reporting.Extension, tasks map[int64]*plan.Task) ([]extensionRow, error) {
	if len(list) == 0 {
		return nil, nil
	}
	all, err := h.app.Agencies(ctx)
	if err != nil {
		return nil, err
	}
	names := agencyIndex(all)
	users, err := h.userNames(ctx)
	if err != nil {
		return nil, err
	}
	if tasks == nil {
		tasks = map[int64]*plan.Task{}
	}
	var out []extensionRow
	for _, e := range list {
		row := extensionRow{Extension: e, AgencyName: agencyLabel(names, e.AgencyID), RequestedBy: users[e.RequestedBy], DecidedBy: users[e.DecidedBy]}
		t := tasks[e.TaskID]
		if t == nil {
			if t, err = h.app.Task(ctx, u, e.TaskID); err != nil {
				return nil, err
			}
			tasks[e.TaskID] = t
		}
		row.TaskTitle = t.Title
		row.CanDecide = e.State == reporting.ExtensionPending && permit(u, auth.DecideExtension) == nil
		out = append(out, row)
	}
	return out, nil
}

// agencyLabel is an agency's name, or its number when unknown.
func agencyLabel(names map[int64]*agency.Agency, id int64) string {
	if a := names[id]; a != nil {
		return a.Name
	}
	return "Cơ quan #" + strconv.FormatInt(id, 10)
}
