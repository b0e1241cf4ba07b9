package app

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"tiendo/internal/auth"
	"tiendo/internal/derrors"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// TaskInPlan reads task id with its plan and section, which every task
// page shows.
func (a *App) TaskInPlan(ctx context.Context, by *auth.User, id int64) (*plan.Task, *plan.Plan, *plan.Section, error) {
	if err := a.checkPermission(by, auth.ReadPlan); err != nil {
		return nil, nil, nil, err
	}
	t, err := a.Task(ctx, by, id)
	if err != nil {
		return nil, nil, nil, err
	}
	p, err := a.Plan(ctx, t.PlanID)
	if err != nil {
		return nil, nil, nil, err
	}
	sec, err := a.Section(ctx, t.SectionID)
	if err != nil {
		return nil, nil, nil, err
	}
	return t, p, sec, nil
}

// EditableTask is TaskInPlan for a person about to edit the task: only
// editors, and ReadOnly when its plan was replaced or closed.
func (a *App) EditableTask(ctx context.Context, by *auth.User, id int64) (*plan.Task, *plan.Plan, *plan.Section, error) {
	if err := a.checkPermission(by, auth.EditPlan); err != nil {
		return nil, nil, nil, err
	}
	t, _, sec, err := a.TaskInPlan(ctx, by, id)
	if err != nil {
		return nil, nil, nil, err
	}
	p, err := a.writablePlan(ctx, t.PlanID)
	if err != nil {
		return nil, nil, nil, err
	}
	return t, p, sec, nil
}

// TaskRecord is what a task's page shows beside the task itself.
type TaskRecord struct {
	// Status is the task's status today (plan.StatusNow), as every
	// surface and the dashboard give it, with the day and period it was
	// judged against.
	Status plan.TaskStatus
	// Results are the task's lines in accepted reports, one per period
	// (the highest accepted revision), the latest first, with their files:
	// what the lead agency reported and the coordinator accepted.
	Results []reporting.TaskResult
	// Carry links the task to the task of a replaced plan it continues,
	// and to the task of a replacing plan that continues it.
	Carry *plan.Carryover
	// Periods judges a recurring or continuous task with a lead agency
	// period by period; nil for other tasks.
	Periods []reporting.PeriodStatus
	// Extensions are the task's extension requests the reader may see,
	// newest first.
	Extensions []reporting.Extension
	// History is what decisions did to the task, oldest first.
	History []reporting.HistoryEvent
	// Audit is every recorded change of the task the reader may see,
	// oldest first: an extension request's rows (its reason, the proposed
	// deadline, the coordinator's note) only to those who may read the
	// request itself (reporting.CanViewExtension).
	Audit []TaskAuditEntry
}

// TaskAuditEntry is one line of a task's audit log.
type TaskAuditEntry struct {
	At     time.Time
	UserID int64  // 0 for the system
	Action string // "task.update", "task.amend", …
	Detail string // JSON: what changed
}

// ReadTaskRecord reads the record of task t (read with TaskInPlan) as by
// may see it.
func (a *App) ReadTaskRecord(ctx context.Context, by *auth.User, t *plan.Task) (_ *TaskRecord, err error) {
	if err := a.checkPermission(by, auth.ReadPlan); err != nil {
		return nil, err
	}
	rec := &TaskRecord{}
	now, err := a.statusNow(ctx, t.PlanID, a.Today())
	if err != nil {
		return nil, err
	}
	rec.Status = plan.StatusNow(t, now)
	if rec.Results, err = a.store.TaskResults(ctx, t.ID); err != nil {
		return nil, err
	}
	if rec.Carry, err = a.store.TaskCarryover(ctx, t.ID); err != nil {
		return nil, err
	}
	if t.JudgedPerPeriod() && t.LeadAgencyID != 0 {
		if rec.Periods, err = a.store.TaskPeriodStatuses(ctx, t.ID, a.Today()); err != nil {
			return nil, err
		}
	}
	exts, err := a.store.Extensions(ctx, reporting.ExtensionFilter{TaskID: t.ID})
	if err != nil {
		return nil, err
	}
	visible := map[int64]bool{}
	for _, e := range exts {
		if reporting.CanViewExtension(by, &e) == nil {
			rec.Extensions = append(rec.Extensions, e)
			visible[e.ID] = true
		}
	}
	if rec.History, err = a.TaskHistory(ctx, by, t.ID); err != nil {
		return nil, err
	}
	entries, err := a.store.AuditFor(ctx, "task", t.ID)
	if err != nil && !errors.Is(err, derrors.NotFound) {
		return nil, err
	}
	for _, e := range entries {
		if requestRow(e.Action) && !visible[extensionOf(e.Detail)] {
			continue
		}
		rec.Audit = append(rec.Audit, TaskAuditEntry{At: e.At, UserID: e.UserID, Action: e.Action, Detail: e.Detail})
	}
	return rec, nil
}

// requestRow reports whether a task's audit row records an extension
// request or its decision, which carry what the request says.
// ("task.extension", the change an approval made, shows only what the task
// itself now shows.)
func requestRow(action string) bool {
	return action == "extension.request" || action == "extension.decide"
}

// extensionOf is the request an extension row's detail names; 0 (which no
// request has, so the row stays hidden) when it names none.
func extensionOf(detail string) int64 {
	var d struct {
		ExtensionID int64 `json:"extension_id"`
	}
	if json.Unmarshal([]byte(detail), &d) != nil {
		return 0
	}
	return d.ExtensionID
}

// TaskPeriods judges task t (read with Task, or as a write returned it)
// in each reporting period that has begun and in which it is open, today,
// from the accepted reports; and returns what its status today is judged
// on (plan.StatusNow).
func (a *App) TaskPeriods(ctx context.Context, by *auth.User, t *plan.Task) ([]reporting.PeriodStatus, plan.Now, error) {
	if err := a.checkPermission(by, auth.ReadPlan); err != nil {
		return nil, plan.Now{}, err
	}
	// One read of the plan's regime and periods for both (reporting.NowOf
	// over every period is what statusNow finds too).
	return a.store.TaskPeriodStatusesNow(ctx, t, a.Today())
}

// TaskHistory is what decisions did to task id, oldest first: the
// amendments that added, changed or removed it and the reorganisations
// that moved it. NotFound when there is no such task.
func (a *App) TaskHistory(ctx context.Context, by *auth.User, id int64) ([]reporting.HistoryEvent, error) {
	if err := a.checkPermission(by, auth.ReadPlan); err != nil {
		return nil, err
	}
	list, err := a.store.TaskHistory(ctx, id)
	return list, notFoundAs(err, "Không có nhiệm vụ mã %d.", id)
}
