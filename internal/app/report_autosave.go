package app

import (
	"context"

	"tiendo/internal/auth"
	"tiendo/internal/derrors"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
	"tiendo/internal/store"
)

// AutosaveReportEntry is SaveReportEntry for the report form's autosave:
// a line with problems is not refused whole, but stored with its valid
// fields as typed and the others as saved (reporting.KeepValid), so that
// what people typed beside one wrong field is kept. It returns the line
// as stored and the problems still to fix (nil when it stored all). A
// line whose valid fields hold nothing new stores nothing and answers the
// problems as SaveReportEntry does (an *reporting.InvalidError). The
// line comes with SaveReportEntry's warnings.
func (a *App) AutosaveReportEntry(ctx context.Context, by *auth.User, reportID int64, e reporting.Entry, read []int,
	unread plan.FieldErrors) (_ *reporting.Entry, problems plan.FieldErrors, err error) {
	defer derrors.Wrap(&err, "app.AutosaveReportEntry(report %d, task %d)", reportID, e.TaskID)
	k := entryPart(e.TaskID)
	var saved reporting.Entry
	var x *store.TaskReport
	err = saveReportPart(ctx, a, by, reportID, read, k, func(r *store.TaskReport, cur *reporting.Entry) error {
		x = r
		typed := e
		reporting.NormalizeEntry(&typed)
		problems = nil
		if fe := invalidWith(unread, reporting.ValidateEntry(&typed, a.Today())); fe != nil {
			problems = fe.(*reporting.InvalidError).Fields
			keep, changed, ok := reporting.KeepValid(typed, *cur, problems, a.Today())
			if !ok || !changed {
				return fe
			}
			typed = keep
		}
		saved = typed
		saved.Version = cur.Version
		saved.Contributions = cur.Contributions
		return a.store.SaveEntryOver(ctx, a.actor(by), r, &saved)
	})
	if err != nil {
		return nil, nil, err
	}
	// The line as stored gets the warnings SaveReportEntry's does: a line
	// that goes back on the previous accepted report asks for a word.
	entryWarnings(x, &saved)
	return &saved, problems, nil
}
