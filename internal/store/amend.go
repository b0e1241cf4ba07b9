package store

import (
	"context"
	"database/sql"
	"errors"

	"tiendo/internal/plan"
)

// AmendPlan records amendment a of plan a.PlanID and applies it in one
// transaction: the tasks in add (each with its SectionID, of the plan)
// join the plan from a.Effective; the tasks in remove (of the plan, not
// removed yet) leave it from that day but are kept, with their history;
// each task in change (of the plan, in it) is the task as it will be from
// that day, its Version the version it was made from (ErrConflict when the
// task has changed since), the task as it was kept as a version
// (changeTasks). What it did to each task is recorded (amendment_tasks).
// Sets a.ID, a.Added, a.Changed, a.Removed and the new tasks' IDs. The
// amendment is stored as given: the caller normalises and validates it
// (plan.ValidateAmendment). A *plan.AmendError lists the tasks the stored
// plan refuses; ErrReadOnly for a replaced or closed plan.
func (s *Store) AmendPlan(ctx context.Context, actor int64, a *plan.Amendment, add []plan.Task, remove []int64,
	change ...plan.Task) (err error) {
	defer wrap(&err, "store.AmendPlan(%d, %q)", a.PlanID, a.Number)
	at := now()
	return s.Transact(ctx, func(tx *sql.Tx) error {
		if err := s.planWritable(ctx, tx, a.PlanID); err != nil {
			return err
		}
		id, err := s.insert(ctx, tx, `INSERT INTO plan_amendments (plan_id, number, issued_on, effective, note, created_at,
			created_by) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, a.PlanID, a.Number, dateArg(a.IssuedOn),
			dateArg(a.Effective), a.Note, tsArg(at), refArg(actor))
		if err != nil {
			return err
		}
		a.ID, a.CreatedAt, a.CreatedBy = id, at, actor
		b := s.newBatch(tx, false)
		for i := range add {
			t := &add[i]
			normTask(t)
			planID, seq, err := s.sectionPlace(ctx, tx, t.SectionID, a.PlanID)
			if errors.Is(err, ErrReference) {
				return &plan.AmendError{Refusals: []plan.AmendRefusal{{Part: plan.AmendAdd, Index: i,
					Reason: plan.AmendSectionElsewhere}}}
			}
			if err != nil {
				return err
			}
			t.PlanID, t.AddedOn = planID, a.Effective
			if err := s.queryRow(ctx, tx, `SELECT COALESCE(MAX(ord), 0) + 1 FROM tasks WHERE section_id = ?`,
				t.SectionID).Scan(&t.Ord); err != nil {
				return err
			}
			if err := insertTask(ctx, b, t, seq, at); err != nil {
				return err
			}
			if _, err := s.texec(ctx, tx, `UPDATE tasks SET amendment_id = ? WHERE id = ?`, id, t.ID); err != nil {
				return err
			}
			if err := s.amendmentTask(ctx, tx, id, t.ID, "add"); err != nil {
				return err
			}
			a.Added = append(a.Added, t.ID)
			d := taskDetail(t)
			d["amendment"] = a.Number
			if err := s.audit(ctx, tx, actor, "task.create", "task", t.ID, d); err != nil {
				return err
			}
		}
		if err := s.changeTasks(ctx, tx, actor, a, change, at); err != nil {
			return err
		}
		for i, taskID := range remove {
			res, err := s.texec(ctx, tx, `UPDATE tasks SET removed_on = ?, amendment_id = ?, version = version + 1,
				updated_at = ? WHERE id = ? AND plan_id = ? AND removed_on IS NULL`,
				dateArg(a.Effective), id, tsArg(at), taskID, a.PlanID)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return &plan.AmendError{Refusals: []plan.AmendRefusal{{Part: plan.AmendRemove, Index: i,
					Reason: plan.AmendNotRemovable, TaskID: taskID}}}
			}
			if err := s.amendmentTask(ctx, tx, id, taskID, "remove"); err != nil {
				return err
			}
			a.Removed = append(a.Removed, taskID)
			if err := s.audit(ctx, tx, actor, "task.remove", "task", taskID, map[string]any{
				"amendment": a.Number, "removed_on": dateArg(a.Effective)}); err != nil {
				return err
			}
		}
		return s.audit(ctx, tx, actor, "plan.amend", "plan", a.PlanID, map[string]any{
			"number": a.Number, "issued_on": dateArg(a.IssuedOn), "effective": dateArg(a.Effective),
			"added": a.Added, "changed": a.Changed, "removed": a.Removed, "note": a.Note})
	})
}

// amendmentTask records what amendment did to task ("add", "change", "remove").
func (s *Store) amendmentTask(ctx context.Context, tx *sql.Tx, amendment, task int64, action string) error {
	_, err := s.texec(ctx, tx, `INSERT INTO amendment_tasks (amendment_id, task_id, action) VALUES (?, ?, ?)`,
		amendment, task, action)
	return err
}

// PlanAmendments lists the plan's amendments, oldest first, with the
// tasks each added, changed and removed.
func (s *Store) PlanAmendments(ctx context.Context, planID int64) (list []plan.Amendment, err error) {
	defer wrap(&err, "store.PlanAmendments(%d)", planID)
	err = s.each(ctx, `SELECT id, plan_id, number, issued_on, effective, note, created_at, created_by
		FROM plan_amendments WHERE plan_id = ? ORDER BY effective, id`, []any{planID}, func(rows *sql.Rows) error {
		var a plan.Amendment
		err := rows.Scan(&a.ID, &a.PlanID, &a.Number, timeCol{&a.IssuedOn}, timeCol{&a.Effective}, &a.Note,
			timeCol{&a.CreatedAt}, idCol{&a.CreatedBy})
		list = append(list, a)
		return err
	})
	if err != nil || len(list) == 0 {
		return list, err
	}
	byID := map[int64]*plan.Amendment{}
	for i := range list {
		byID[list[i].ID] = &list[i]
	}
	err = s.each(ctx, `SELECT at.amendment_id, at.task_id, at.action FROM amendment_tasks at
		JOIN plan_amendments a ON a.id = at.amendment_id WHERE a.plan_id = ? ORDER BY at.task_id`,
		[]any{planID}, func(rows *sql.Rows) error {
			var am, id int64
			var action string
			if err := rows.Scan(&am, &id, &action); err != nil {
				return err
			}
			if a := byID[am]; a != nil {
				switch action {
				case "add":
					a.Added = append(a.Added, id)
				case "change":
					a.Changed = append(a.Changed, id)
				case "remove":
					a.Removed = append(a.Removed, id)
				}
			}
			return nil
		})
	return list, err
}
