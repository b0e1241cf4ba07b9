package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"tiendo/internal/auth"
	"tiendo/internal/derrors"
	"tiendo/internal/plan"
	"tiendo/internal/vntext"
)

// AmendPlan records amendment am of its plan: the tasks in add join the
// plan from am.Effective, those in change take the fields each edit gives
// from that day, those in remove leave it (kept, with their history). The
// decision itself is checked by plan.ValidateAmendment, each added task as
// CreateTask checks it and each change as UpdateTask checks the fields it
// sets (and it must change something); an Invalid error names every
// problem under number, effective, add.N.field, change.N.field, remove.N.
// One transaction; a task changed by someone else meanwhile is a Conflict.
func (a *App) AmendPlan(ctx context.Context, by *auth.User, am *plan.Amendment, add []plan.TaskChange,
	change []plan.TaskEdit, remove []int64) (err error) {
	defer derrors.Wrap(&err, "app.AmendPlan(%d)", am.PlanID)
	if err := a.checkPermission(by, auth.EditPlan); err != nil {
		return err
	}
	if _, err := a.writablePlan(ctx, am.PlanID); err != nil {
		return err
	}
	plan.NormalizeAmendment(am)
	fe := plan.ValidateAmendment(am, len(add), change, remove)
	if fe == nil {
		fe = plan.FieldErrors{}
	}
	tasks := make([]plan.Task, len(add))
	for i, c := range add {
		tasks[i] = plan.Task{PlanID: am.PlanID}
		c.Apply(&tasks[i])
		plan.NormalizeTask(&tasks[i])
		if err := collect(fe, "add."+strconv.Itoa(i)+".", a.checkTask(ctx, &tasks[i], &plan.Task{}, c, true)); err != nil {
			return err
		}
	}
	changed := make([]plan.Task, len(change))
	for i := range change {
		prefix := "change." + strconv.Itoa(i) + "."
		if fe[prefix+"task_id"] != "" {
			continue // changed twice, or changed and removed
		}
		t, err := a.checkEdit(ctx, am.PlanID, prefix, &change[i], fe)
		if err != nil {
			return err
		}
		if t != nil {
			changed[i] = *t
		}
	}
	if len(fe) > 0 {
		return derrors.InvalidFields(fe, "")
	}
	err = a.store.AmendPlan(ctx, userID(by), am, tasks, remove, changed...)
	var ae *plan.AmendError
	switch {
	case errors.As(err, &ae):
		return derrors.InvalidFields(amendRefusals(ae), "")
	case errors.Is(err, derrors.Conflict):
		return derrors.New(derrors.Conflict,
			"Một nhiệm vụ của quyết định vừa được người khác sửa. Hãy tải lại rồi ghi nhận lại quyết định.")
	}
	return err
}

// checkEdit reads the task edit e changes, applies e to it and records in
// fe (keys prefix+field) what is wrong: a task not of plan planID, fields
// refused as UpdateTask refuses them, an edit that changes nothing. It
// returns the task as e leaves it (its Version the one read), nil when
// refused.
func (a *App) checkEdit(ctx context.Context, planID int64, prefix string, e *plan.TaskEdit, fe plan.FieldErrors) (*plan.Task, error) {
	t, err := a.store.Task(ctx, e.TaskID)
	if errors.Is(err, derrors.NotFound) || err == nil && t.PlanID != planID {
		fe[prefix+"task_id"] = fmt.Sprintf("Nhiệm vụ mã %d không thuộc kế hoạch này.", e.TaskID)
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	before := *t
	before.CooperatingAgencyIDs = slices.Clone(t.CooperatingAgencyIDs)
	e.Apply(t)
	n := len(fe)
	if err := collect(fe, prefix, a.checkTask(ctx, t, &before, e.TaskChange, false)); err != nil {
		return nil, err
	}
	if len(fe) > n {
		return nil, nil
	}
	if len(plan.ChangedFields(&before, t)) == 0 && before.LeadAgencyID == t.LeadAgencyID &&
		sameIDs(before.CooperatingAgencyIDs, t.CooperatingAgencyIDs) {
		fe[prefix+"task_id"] = fmt.Sprintf("Quyết định không thay đổi gì ở nhiệm vụ mã %d.", e.TaskID)
		return nil, nil
	}
	return t, nil
}

// amendRefusals says, field by field, why the stored plan refused an
// amendment.
func amendRefusals(e *plan.AmendError) plan.FieldErrors {
	fe := plan.FieldErrors{}
	for _, r := range e.Refusals {
		fe[r.Field()] = amendRefusalMessage(&r)
	}
	return fe
}

// amendRefusalMessage is the Vietnamese for one refusal.
func amendRefusalMessage(r *plan.AmendRefusal) string {
	switch r.Reason {
	case plan.AmendSectionElsewhere:
		return "Mục không thuộc kế hoạch này."
	case plan.AmendNotInPlan:
		return fmt.Sprintf("Nhiệm vụ mã %d không thuộc kế hoạch này.", r.TaskID)
	case plan.AmendNotRemovable:
		return fmt.Sprintf("Nhiệm vụ mã %d không thuộc kế hoạch hoặc đã bị bãi bỏ.", r.TaskID)
	case plan.AmendRemoved:
		return fmt.Sprintf("Nhiệm vụ mã %d đã bị bãi bỏ từ ngày %s.", r.TaskID, vntext.FormatDate(r.Day))
	case plan.AmendAddedLater:
		return fmt.Sprintf("Nhiệm vụ mã %d chỉ có trong kế hoạch từ ngày %s; quyết định sửa đổi phải có hiệu lực từ ngày đó.",
			r.TaskID, vntext.FormatDate(r.Day))
	case plan.AmendChangedLater:
		return fmt.Sprintf("Nhiệm vụ mã %d đã được thay đổi từ ngày %s; quyết định này phải có hiệu lực từ ngày đó trở đi.",
			r.TaskID, vntext.FormatDate(r.Day))
	}
	return fmt.Sprintf("Nhiệm vụ mã %d không sửa đổi được.", r.TaskID)
}

// collect moves the field errors of an Invalid err into fe under prefix;
// any other error is returned.
func collect(fe plan.FieldErrors, prefix string, err error) error {
	fields := derrors.FieldsOf(err)
	if err == nil || !errors.Is(err, derrors.Invalid) || len(fields) == 0 {
		return err
	}
	for k, v := range fields {
		fe[prefix+k] = v
	}
	return nil
}

// sameIDs reports whether a and b hold the same IDs, in any order.
func sameIDs(a, b []int64) bool {
	x, y := slices.Clone(a), slices.Clone(b)
	slices.Sort(x)
	slices.Sort(y)
	return slices.Equal(slices.Compact(x), slices.Compact(y))
}
