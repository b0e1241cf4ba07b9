package app

import (
	"context"
	"errors"
	"strconv"

	"tiendo/internal/auth"
	"tiendo/internal/derrors"
	"tiendo/internal/plan"
	"tiendo/internal/store"
)

// AmendPlan records amendment am of its plan: the tasks in add join the
// plan from am.Effective, those in change take the fields each edit gives
// from that day, those in remove leave it (kept, with their history). Each
// added task is checked as CreateTask checks it and each change as
// UpdateTask checks the fields it sets; an Invalid error names every
// problem under add.N.field and change.N.field. One transaction.
func (a *App) AmendPlan(ctx context.Context, by *auth.User, am *plan.Amendment, add []plan.TaskChange,
	change []plan.TaskEdit, remove []int64) (err error) {
	defer derrors.Wrap(&err, "app.AmendPlan(%d)", am.PlanID)
	if err := a.checkPermission(by, auth.EditPlan); err != nil {
		return err
	}
	if _, err := a.writablePlan(ctx, am.PlanID); err != nil {
		return err
	}
	fe := plan.FieldErrors{}
	tasks := make([]plan.Task, len(add))
	for i, c := range add {
		tasks[i] = plan.Task{PlanID: am.PlanID}
		c.Apply(&tasks[i])
		if err := collect(fe, "add."+strconv.Itoa(i)+".", a.checkTask(ctx, &tasks[i], &plan.Task{}, c, true)); err != nil {
			return err
		}
	}
	for i := range change {
		if err := a.checkEdit(ctx, am.PlanID, "change."+strconv.Itoa(i)+".", &change[i], fe); err != nil {
			return err
		}
	}
	if len(fe) > 0 {
		return derrors.InvalidFields(fe, "")
	}
	err = a.store.AmendPlan(ctx, userID(by), am, tasks, remove, change...)
	var re *store.ReorgError
	if errors.As(err, &re) {
		return derrors.InvalidFields(re.Fields, "")
	}
	return err
}

// checkEdit records in fe (keys prefix+field) what is wrong with edit e of
// a task of plan planID: a task not of the plan, or fields refused as
// UpdateTask refuses them. The store checks again in its transaction.
func (a *App) checkEdit(ctx context.Context, planID int64, prefix string, e *plan.TaskEdit, fe plan.FieldErrors) error {
	t, err := a.store.Task(ctx, e.TaskID)
	if errors.Is(err, derrors.NotFound) || err == nil && t.PlanID != planID {
		fe[prefix+"task_id"] = "Nhiệm vụ mã " + strconv.FormatInt(e.TaskID, 10) + " không thuộc kế hoạch này."
		return nil
	}
	if err != nil {
		return err
	}
	c := plan.TaskChange{Title: e.Title, Text: e.Text, DeadlineText: e.DeadlineText, Product: e.Product,
		LeadAgencyID: e.LeadAgencyID, CooperatingAgencyIDs: e.CooperatingAgencyIDs}
	before := *t
	c.Apply(t)
	return collect(fe, prefix, a.checkTask(ctx, t, &before, c, false))
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
