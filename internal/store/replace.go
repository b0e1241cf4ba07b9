package store

import (
	"context"
	"database/sql"
	"errors"

	"tiendo/internal/plan"
)

// OpenTasks lists the tasks of a plan still to do (not completed, not
// cancelled), in plan order: what a replacement may carry over.
func (s *Store) OpenTasks(ctx context.Context, planID int64) (list []plan.Task, err error) {
	defer wrap(&err, "store.OpenTasks(%d)", planID)
	err = s.each(ctx, `SELECT `+taskCols+` FROM tasks t WHERE t.plan_id = ? AND `+openTask+`
		ORDER BY t.section_seq, t.ord, t.id`, []any{planID}, func(rows *sql.Rows) error {
		t, err := scanTask(rows)
		list = append(list, t)
		return err
	})
	return list, err
}

// ReplacePlan makes plan newID the replacement of plan oldID, in one
// transaction: the old plan becomes read-only (status replaced) and the
// new one names it (replaces_id); each old task in carry — unfinished, of
// the old plan — is carried into its new task (of the new plan, one old
// task each): the link is kept (task_carryovers) so the new task shows
// the old one's history and evidence, which stay where they were, and the
// new task starts from the old one's accepted claim and progress unless a
// report of the new plan has already spoken about it. With dryRun it is
// rolled back. A *plan.ReplaceError when the stored plans refuse it.
func (s *Store) ReplacePlan(ctx context.Context, actor, newID, oldID int64, carry map[int64]int64, dryRun bool) (res *plan.ReplacementResult, err error) {
	defer wrap(&err, "store.ReplacePlan(%d replaces %d)", newID, oldID)
	err = s.Transact(ctx, func(tx *sql.Tx) error {
		res = &plan.ReplacementResult{}
		if err := s.replacePlan(ctx, tx, actor, newID, oldID, carry, res); err != nil {
			return err
		}
		if dryRun {
			return errDryRun
		}
		return nil
	})
	if errors.Is(err, errDryRun) {
		return res, nil
	}
	return res, err
}

func (s *Store) replacePlan(ctx context.Context, tx *sql.Tx, actor, newID, oldID int64, carry map[int64]int64, res *plan.ReplacementResult) error {
	if newID == oldID {
		return &plan.ReplaceError{Reason: plan.ReplaceSelf, PlanID: oldID}
	}
	var oldStatus, oldCode string
	var replaces sql.NullInt64
	err := s.tqueryRow(ctx, tx, `SELECT status, code FROM plans WHERE id = ?`, oldID).Scan(&oldStatus, &oldCode)
	if errors.Is(err, sql.ErrNoRows) {
		return &plan.ReplaceError{Reason: plan.ReplaceOldMissing, PlanID: oldID}
	}
	if err != nil {
		return err
	}
	if oldStatus == string(plan.PlanReplaced) || oldStatus == string(plan.PlanClosed) {
		return &plan.ReplaceError{Reason: plan.ReplaceOldEnded, PlanID: oldID, PlanCode: oldCode}
	}
	if err := s.tqueryRow(ctx, tx, `SELECT replaces_id FROM plans WHERE id = ?`, newID).Scan(&replaces); errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	} else if err != nil {
		return err
	}
	if replaces.Valid && replaces.Int64 != oldID {
		return &plan.ReplaceError{Reason: plan.ReplaceAlreadyReplaces, PlanID: replaces.Int64}
	}
	open := map[int64]plan.Task{}
	rows, err := s.tquery(ctx, tx, `SELECT `+taskCols+` FROM tasks t WHERE t.plan_id = ? AND `+openTask+`
		ORDER BY t.section_seq, t.ord, t.id`, oldID)
	if err != nil {
		return err
	}
	var order []int64
	for rows.Next() {
		t, err := scanTask(rows)
		if err != nil {
			rows.Close()
			return err
		}
		open[t.ID] = t
		order = append(order, t.ID)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	taken := map[int64]int64{}
	for _, oldTask := range order {
		newTask, ok := carry[oldTask]
		if !ok {
			res.Left = append(res.Left, oldTask)
			continue
		}
		if prev, dup := taken[newTask]; dup {
			return &plan.ReplaceError{Reason: plan.ReplaceTaken, TaskID: newTask, OtherTaskID: prev}
		}
		taken[newTask] = oldTask
		t, err := scanTask(s.tqueryRow(ctx, tx, `SELECT `+taskCols+` FROM tasks t WHERE t.id = ? AND t.plan_id = ?`, newTask, newID))
		if errors.Is(err, sql.ErrNoRows) {
			return &plan.ReplaceError{Reason: plan.ReplaceNotNewTask, PlanID: newID, TaskID: newTask}
		}
		if err != nil {
			return err
		}
		o := open[oldTask]
		m := plan.CarryMove{OldTaskID: oldTask, NewTaskID: newTask, OldTitle: o.Title, NewTitle: t.Title, Claim: o.Claim, Progress: o.Progress}
		res.Carried = append(res.Carried, m)
		if _, err := s.texec(ctx, tx, `INSERT INTO task_carryovers (old_task_id, new_task_id, carried_at) VALUES (?, ?, ?)`,
			oldTask, newTask, tsArg(now())); err != nil {
			return err
		}
		// Links to and from upstream tasks follow the task (task_link.go).
		if err := s.carryLinks(ctx, tx, actor, oldTask, newTask, newID); err != nil {
			return err
		}
		if t.Claim == plan.ClaimNone && o.Claim != plan.ClaimNone {
			if _, err := s.texec(ctx, tx, `UPDATE tasks SET claim_status = ?, claim_reason = ?, progress = ?, reported_at = ?,
				claim_period_start = ?, version = version + 1, updated_at = ? WHERE id = ?`, string(o.Claim), o.ClaimReason,
				o.Progress, tsArg(o.ReportedAt), dateArg(o.ClaimPeriod), tsArg(now()), newTask); err != nil {
				return err
			}
		}
	}
	for oldTask := range carry {
		if _, ok := open[oldTask]; !ok {
			return &plan.ReplaceError{Reason: plan.ReplaceNotOpenOld, PlanID: oldID, TaskID: oldTask}
		}
	}
	if _, err := s.texec(ctx, tx, `UPDATE plans SET status = ?, updated_at = ? WHERE id = ?`,
		string(plan.PlanReplaced), tsArg(now()), oldID); err != nil {
		return err
	}
	if _, err := s.texec(ctx, tx, `UPDATE plans SET replaces_id = ?, replaces_code = ?, updated_at = ? WHERE id = ?`,
		oldID, oldCode, tsArg(now()), newID); err != nil {
		return err
	}
	return s.audit(ctx, tx, actor, "plan.replace", "plan", newID, map[string]any{
		"replaces": oldID, "carried": res.Carried, "left": res.Left})
}

// TaskCarryover reads the carry-overs of a task.
func (s *Store) TaskCarryover(ctx context.Context, taskID int64) (c *plan.Carryover, err error) {
	defer wrap(&err, "store.TaskCarryover(%d)", taskID)
	c = &plan.Carryover{}
	const cols = `t.id, t.title, p.id, p.code`
	err = s.each(ctx, `SELECT `+cols+` FROM task_carryovers x JOIN tasks t ON t.id = x.old_task_id
		JOIN plans p ON p.id = t.plan_id WHERE x.new_task_id = ? ORDER BY t.id`, []any{taskID}, func(rows *sql.Rows) error {
		var x plan.CarriedTask
		err := rows.Scan(&x.TaskID, &x.Title, &x.PlanID, &x.PlanCode)
		c.From = append(c.From, x)
		return err
	})
	if err != nil {
		return nil, err
	}
	var x plan.CarriedTask
	err = s.queryRow(ctx, s.r, `SELECT `+cols+` FROM task_carryovers x JOIN tasks t ON t.id = x.new_task_id
		JOIN plans p ON p.id = t.plan_id WHERE x.old_task_id = ?`, taskID).Scan(&x.TaskID, &x.Title, &x.PlanID, &x.PlanCode)
	switch {
	case err == nil:
		c.Into = &x
	case !errors.Is(err, sql.ErrNoRows):
		return nil, err
	}
	return c, nil
}
