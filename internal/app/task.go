package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"tiendo/internal/auth"
	"tiendo/internal/derrors"
	"tiendo/internal/plan"
)

// maxCooperating bounds the cooperating agencies of one task: each is
// looked up, and a province has far fewer agencies.
const maxCooperating = 200

// maxTaskAttempts bounds the retries of an unversioned edit under
// contention ("last writer wins" on the fresh row).
const maxTaskAttempts = 25

// Task reads task id.
func (a *App) Task(ctx context.Context, by *auth.User, id int64) (*plan.Task, error) {
	t, err := a.store.Task(ctx, id)
	return t, notFoundAs(err, "Không có nhiệm vụ mã %d.", id)
}

// CreateTask adds a task at the end of its section of plan planID. The
// section and the text are required; every agency named must exist and
// be active today. Nothing is stored unless every check passes.
func (a *App) CreateTask(ctx context.Context, by *auth.User, planID int64, c plan.TaskChange) (_ *plan.Task, err error) {
	defer derrors.Wrap(&err, "app.CreateTask(plan %d)", planID)
	if err := a.checkPermission(by, auth.EditPlan); err != nil {
		return nil, err
	}
	p, err := a.writablePlan(ctx, planID)
	if err != nil {
		return nil, err
	}
	t := &plan.Task{PlanID: p.ID}
	c.Apply(t)
	if c.Text == nil {
		t.References = nil
	}
	plan.NormalizeTask(t)
	if err := a.checkTask(ctx, t, &plan.Task{}, c, true); err != nil {
		return nil, err
	}
	if err := a.store.CreateTask(ctx, userID(by), t); err != nil {
		return nil, err
	}
	return t, nil
}

// UpdateTask applies c to task id. read holds the versions of the task
// the person may have read (an HTTP If-Match may list several): when the
// current version is not among them, the answer is a Conflict and nothing
// is written. A nil read asks for "last writer wins": a concurrent change
// between the read and the write is retried on the fresh row. Only
// the agencies c changes are checked against the register, so an edit of
// the product is not refused for a lead agency that has since ended.
func (a *App) UpdateTask(ctx context.Context, by *auth.User, id int64, c plan.TaskChange, read []int) (_ *plan.Task, err error) {
	defer derrors.Wrap(&err, "app.UpdateTask(%d)", id)
	if err := a.checkPermission(by, auth.EditPlan); err != nil {
		return nil, err
	}
	for attempt := 1; ; attempt++ {
		t, err := a.updateTaskOnce(ctx, by, id, c, read)
		if errors.Is(err, derrors.Conflict) && read == nil && attempt < maxTaskAttempts {
			// Back off a little, growing with each attempt, so that the
			// writers queued on the same row spread out.
			time.Sleep(time.Duration(attempt*attempt) * 100 * time.Microsecond)
			continue
		}
		if errors.Is(err, derrors.Conflict) && derrors.MessageOf(err) == "" {
			return nil, derrors.New(derrors.Conflict, "Nhiệm vụ vừa được người khác sửa. Hãy tải lại rồi sửa tiếp.")
		}
		return t, err
	}
}

// updateTaskOnce reads, checks and writes once; a Conflict means the row
// changed after the read (or since the version the person read).
func (a *App) updateTaskOnce(ctx context.Context, by *auth.User, id int64, c plan.TaskChange, read []int) (*plan.Task, error) {
	t, status, err := a.store.TaskWithPlanStatus(ctx, id)
	if err != nil {
		return nil, notFoundAs(err, "Không có nhiệm vụ mã %d.", id)
	}
	if read != nil && !slices.Contains(read, t.Version) {
		return nil, derrors.New(derrors.Conflict,
			"Nhiệm vụ đã được người khác sửa sau khi bạn đọc (hiện tại là phiên bản %d). Hãy tải lại rồi sửa tiếp.", t.Version)
	}
	// The plan's state came with the task; the plan itself is read only
	// to name it when it refuses the edit (writablePlan).
	if status == plan.PlanReplaced || status == plan.PlanClosed {
		if _, err := a.writablePlan(ctx, t.PlanID); err != nil {
			return nil, err
		}
	}
	if c.Empty() {
		return t, nil
	}
	before := *t
	c.Apply(t)
	plan.NormalizeTask(t)
	if err := a.checkTask(ctx, t, &before, c, false); err != nil {
		return nil, err
	}
	if err := a.store.UpdateTask(ctx, userID(by), t); err != nil {
		return nil, err
	}
	return t, nil
}

// checkTask checks t after change c (applied and normalised): the domain
// rules (plan.ValidateTask), then what needs the store — the section
// belongs to the plan, the agencies exist and are active today. On create
// every field is checked; on an edit only what the change sets and
// changes (before is the task as it was). An Invalid error lists every
// problem.
func (a *App) checkTask(ctx context.Context, t, before *plan.Task, c plan.TaskChange, create bool) error {
	fe := plan.ValidateTask(t)
	if fe == nil {
		fe = plan.FieldErrors{}
	}
	if _, bad := fe["deadline_text"]; bad && c.DeadlineText == nil {
		// Words stored before (an import) that the parser cannot read are
		// not this edit's fault; they stay as they were.
		delete(fe, "deadline_text")
	}
	today := a.Today()
	if (create || t.SectionID != before.SectionID) && fe["section_id"] == "" {
		if err := a.checkSection(ctx, t, fe); err != nil {
			return err
		}
	}
	if (create || t.LeadAgencyID != before.LeadAgencyID) && t.LeadAgencyID > 0 && fe["lead_agency_id"] == "" {
		if err := a.checkAgency(ctx, t.LeadAgencyID, today, "lead_agency_id", fe); err != nil {
			return err
		}
	}
	if len(t.CooperatingAgencyIDs) > maxCooperating {
		fe["cooperating_agency_ids"] = fmt.Sprintf("Tối đa %d cơ quan phối hợp.", maxCooperating)
	}
	if fe["cooperating_agency_ids"] == "" {
		had := map[int64]bool{}
		for _, id := range before.CooperatingAgencyIDs {
			had[id] = true
		}
		for _, id := range t.CooperatingAgencyIDs {
			if had[id] && !create {
				continue
			}
			if err := a.checkAgency(ctx, id, today, "cooperating_agency_ids", fe); err != nil {
				return err
			}
			if fe["cooperating_agency_ids"] != "" {
				break
			}
		}
	}
	if len(fe) > 0 {
		return derrors.InvalidFields(fe, "")
	}
	return nil
}

// checkSection records a field error unless t's section is one of t's plan.
func (a *App) checkSection(ctx context.Context, t *plan.Task, fe plan.FieldErrors) error {
	s, err := a.store.Section(ctx, t.SectionID)
	switch {
	case errors.Is(err, derrors.NotFound):
		fe["section_id"] = fmt.Sprintf("Không có mục mã %d.", t.SectionID)
	case err != nil:
		return err
	case s.PlanID != t.PlanID:
		fe["section_id"] = fmt.Sprintf("Mục mã %d thuộc kế hoạch khác; hãy chọn một mục của kế hoạch này.", t.SectionID)
	}
	return nil
}

// checkAgency records a field error under field unless agency id exists
// and has not ended by today (its tasks belong to its successor then).
func (a *App) checkAgency(ctx context.Context, id int64, today time.Time, field string, fe plan.FieldErrors) error {
	ag, err := a.store.Agency(ctx, id)
	switch {
	case errors.Is(err, derrors.NotFound):
		fe[field] = fmt.Sprintf("Không có cơ quan mã %d trong danh sách cơ quan.", id)
	case err != nil:
		return err
	case !ag.ActiveOn(today):
		fe[field] = fmt.Sprintf("Cơ quan %q không còn hoạt động; hãy giao cho cơ quan kế nhiệm.", ag.Name)
	}
	return nil
}

// writablePlan reads plan id and refuses (ReadOnly) a plan no longer in
// use: replaced or closed.
func (a *App) writablePlan(ctx context.Context, id int64) (*plan.Plan, error) {
	p, err := a.Plan(ctx, id)
	if err != nil {
		return nil, err
	}
	switch p.Status {
	case plan.PlanReplaced:
		return nil, derrors.New(derrors.ReadOnly, "%s đã được thay thế; chỉ còn để xem, không sửa được nhiệm vụ của nó.", planName(p))
	case plan.PlanClosed:
		return nil, derrors.New(derrors.ReadOnly, "%s đã kết thúc; chỉ còn để xem, không sửa được nhiệm vụ của nó.", planName(p))
	}
	return p, nil
}

// planName is how messages name a plan: plan.Plan.Name.
func planName(p *plan.Plan) string { return p.Name() }
