package app

import (
	"context"
	"strings"

	"tiendo/internal/auth"
	"tiendo/internal/derrors"
	"tiendo/internal/reporting"
	"tiendo/internal/vntext"
)

// Requests by a task's lead agency for a new deadline (gia hạn) or changed
// content (điều chỉnh), decided by the coordinator. The rules are
// reporting's (CanRequestExtension, CheckExtension, CanDecideExtension,
// CanViewExtension); the store checks them again inside its transaction.

// msgNoExtension names a request that does not exist.
const msgNoExtension = "Không có đề nghị gia hạn, điều chỉnh mã %d."

// RequestExtension stores a request of by's agency, the lead of task
// taskID, for a new deadline (e.DeadlineText, words as plans write them)
// or changed content (e.Title, e.Text, e.Product; one left empty stays),
// with a reason. Who may ask is judged before what is asked: an agency
// that does not lead the task is told so, not corrected on its wording.
// The task does not change until the request is approved.
func (a *App) RequestExtension(ctx context.Context, by *auth.User, taskID int64, e reporting.Extension) (_ *reporting.Extension, err error) {
	defer derrors.Wrap(&err, "app.RequestExtension(task %d)", taskID)
	t, err := a.Task(ctx, by, taskID)
	if err != nil {
		return nil, err
	}
	if err := reporting.CanRequestExtension(by, t); err != nil {
		return nil, err
	}
	e.TaskID = taskID
	if err := reporting.CheckExtension(&e); err != nil {
		return nil, err
	}
	if err := a.store.RequestExtension(ctx, a.actor(by), &e); err != nil {
		return nil, notFoundAs(err, "Không có nhiệm vụ mã %d.", taskID)
	}
	return &e, nil
}

// DecideExtension approves (*approve true) or refuses pending request id
// (the coordinator); a refusal needs a note (reporting.ErrNoteRequired). A
// nil approve says neither: Invalid under "approve", judged after who may
// decide and whether the request is still pending, as every refusal of
// what a request says comes after those of its state. An approval changes
// the task in the same transaction: its current deadline (the original is
// kept) or its content. Who asked is told (in the app, and by e-mail when
// it is on) in the same transaction. It returns the request as decided.
func (a *App) DecideExtension(ctx context.Context, by *auth.User, id int64, approve *bool, note string) (_ *reporting.Extension, err error) {
	defer derrors.Wrap(&err, "app.DecideExtension(%d)", id)
	e, err := a.store.Extension(ctx, id)
	if err != nil {
		return nil, notFoundAs(err, msgNoExtension, id)
	}
	yes := approve == nil || *approve // no decision: who and when are judged first, the note is not asked
	if err := reporting.CanDecideExtension(by, e, yes, note); err != nil {
		return nil, err
	}
	if approve == nil {
		return nil, derrors.InvalidFields(map[string]string{"approve": "Hãy cho biết chấp thuận hay không chấp thuận đề nghị (approve: true hoặc false)."}, "")
	}
	act := a.actor(by)
	n, err := a.extensionNotice(ctx, act, e, *approve, strings.TrimSpace(vntext.NFC(note)))
	if err != nil {
		return nil, err
	}
	e, err = a.store.DecideExtension(ctx, act, id, *approve, note, n...)
	if err != nil {
		return nil, notFoundAs(err, msgNoExtension, id)
	}
	return e, nil
}

// Extension reads request id, if by may see it (an agency its own).
func (a *App) Extension(ctx context.Context, by *auth.User, id int64) (*reporting.Extension, error) {
	e, err := a.store.Extension(ctx, id)
	if err != nil {
		return nil, notFoundAs(err, msgNoExtension, id)
	}
	if err := reporting.CanViewExtension(by, e); err != nil {
		return nil, err
	}
	return e, nil
}

// Extensions lists the requests f selects, newest first, as far as by may
// see them: the coordinator, admin and the province's leaders every
// request, an agency's head and officers their own agency's. Asking for
// another agency's is refused (reporting.ErrOtherAgency) rather than
// answered with an empty list.
func (a *App) Extensions(ctx context.Context, by *auth.User, f reporting.ExtensionFilter) ([]reporting.Extension, error) {
	if by == nil || by.Disabled || !by.Role.Valid() {
		return nil, reporting.ErrForbidden
	}
	if by.Role.NeedsAgency() {
		if by.AgencyID == 0 || f.AgencyID != 0 && f.AgencyID != by.AgencyID {
			return nil, reporting.ErrOtherAgency
		}
		f.AgencyID = by.AgencyID
	}
	return a.store.Extensions(ctx, f)
}
