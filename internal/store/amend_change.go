package store

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// changeTasks writes the changed tasks of amendment a (recorded, a.ID
// set) in tx. For each task, the task as it was is kept so that earlier
// periods judge it as it was: its title, text, deadline and product as a
// version until a.Effective (task_versions), its lead and cooperating
// agencies as an arrangement until that day (task_arrangements, as a
// reorganisation writes). A *plan.AmendError lists every task the stored
// plan refuses; ErrConflict when a task changed after it was read.
func (s *Store) changeTasks(ctx context.Context, tx *sql.Tx, actor int64, a *plan.Amendment, change []plan.Task, at time.Time) error {
	var refused []plan.AmendRefusal
	for i := range change {
		t := &change[i]
		refuse := func(reason plan.AmendReason, day time.Time) {
			refused = append(refused, plan.AmendRefusal{Part: plan.AmendChange, Index: i, Reason: reason, TaskID: t.ID, Day: day})
		}
		old, err := s.readTask(ctx, tx, t.ID)
		if errors.Is(err, sql.ErrNoRows) || err == nil && old.PlanID != a.PlanID {
			refuse(plan.AmendNotInPlan, time.Time{})
			continue
		}
		if err != nil {
			return err
		}
		if reason, day, err := s.changeRefused(ctx, tx, &old, a.Effective); err != nil {
			return err
		} else if reason != "" {
			refuse(reason, day)
			continue
		}
		if old.Version != t.Version {
			return ErrConflict
		}
		normTask(t)
		fields := plan.ChangedFields(&old, t)
		agencies := old.LeadAgencyID != t.LeadAgencyID || !sameIDs(old.CooperatingAgencyIDs, t.CooperatingAgencyIDs)
		if err := s.saveChange(ctx, tx, a, &old, t, fields, agencies, at); err != nil {
			return err
		}
		c := taskChanges(&old, t)
		if err := s.saveTaskLinks(ctx, tx, &old, t, c); err != nil {
			return err
		}
		if err := s.amendmentTask(ctx, tx, a.ID, t.ID, "change"); err != nil {
			return err
		}
		a.Changed = append(a.Changed, t.ID)
		if err := s.audit(ctx, tx, actor, "task.amend", "task", t.ID, map[string]any{
			"amendment": a.Number, "effective": dateArg(a.Effective), "changes": c}); err != nil {
			return err
		}
	}
	if len(refused) > 0 {
		return &plan.AmendError{Refusals: refused}
	}
	return nil
}

// changeRefused says why task t cannot be changed from day, and the day
// that decides: it has left the plan, joins it only later, or a later
// decision already changed it (versions and arrangements follow one
// another in time). "" when it can.
func (s *Store) changeRefused(ctx context.Context, tx *sql.Tx, t *plan.Task, day time.Time) (plan.AmendReason, time.Time, error) {
	if !t.RemovedOn.IsZero() {
		return plan.AmendRemoved, t.RemovedOn, nil
	}
	if t.AddedOn.After(day) {
		return plan.AmendAddedLater, t.AddedOn, nil
	}
	var last time.Time
	for _, q := range []string{`SELECT MAX(until) FROM task_versions WHERE plan_id = ? AND task_id = ?`,
		`SELECT MAX(until) FROM task_arrangements WHERE plan_id = ? AND task_id = ?`} {
		var d time.Time
		if err := s.qrow(ctx, tx, q, t.PlanID, t.ID).Scan(timeCol{&d}); err != nil {
			return "", time.Time{}, err
		}
		if d.After(last) {
			last = d
		}
	}
	if last.After(day) {
		return plan.AmendChangedLater, last, nil
	}
	return "", time.Time{}, nil
}

// saveChange keeps old (the task before the amendment) as a version and,
// when its agencies change, as an arrangement, both until a.Effective, and
// writes t over the task row.
func (s *Store) saveChange(ctx context.Context, tx *sql.Tx, a *plan.Amendment, old, t *plan.Task, fields []string,
	agencies bool, at time.Time) error {
	if len(fields) > 0 {
		d := &old.Deadline
		// The version ended, and what the amendment set (set_…): the
		// history's "new", which a later PATCH of the task does not touch.
		if _, err := s.texec(ctx, tx, `INSERT INTO task_versions (plan_id, task_id, amendment_id, until, changed, title, text,
			deadline_kind, deadline_text, due_date, deadline_start, deadline_every, product,
			set_title, set_text, set_deadline_text, set_product)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			old.PlanID, old.ID, a.ID, dateArg(a.Effective), strings.Join(fields, ","), old.Title, old.Text,
			string(d.Kind), d.Text, dateArg(d.Due), dateArg(d.Start), d.Every, old.Product,
			t.Title, t.Text, t.Deadline.Text, t.Product); err != nil {
			return err
		}
	}
	if agencies {
		if _, err := s.texec(ctx, tx, `INSERT INTO task_arrangements (plan_id, task_id, until, lead_agency_id, cooperating,
			decision, amendment_id, set_lead_agency_id, set_cooperating) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			old.PlanID, old.ID, dateArg(a.Effective), refArg(old.LeadAgencyID), joinIDs(old.CooperatingAgencyIDs),
			a.Number, a.ID, refArg(t.LeadAgencyID), joinIDs(t.CooperatingAgencyIDs)); err != nil {
			return err
		}
	}
	keepReportingFields(old, t)
	d, o := &t.Deadline, &t.OriginalDeadline
	res, err := s.texec(ctx, tx, `UPDATE tasks SET title = ?, text = ?, search = ?, lead_agency_id = ?,
		deadline_kind = ?, deadline_text = ?, due_date = ?, deadline_start = ?, deadline_every = ?,
		original_deadline_kind = ?, original_deadline_text = ?, original_due_date = ?, original_deadline_start = ?,
		original_deadline_every = ?, product = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
		t.Title, t.Text, taskSearch(t), refArg(t.LeadAgencyID), string(d.Kind), d.Text, dateArg(d.Due),
		dateArg(d.Start), d.Every, string(o.Kind), o.Text, dateArg(o.Due), dateArg(o.Start), o.Every, t.Product,
		tsArg(at), t.ID, old.Version)
	if err != nil {
		return err
	}
	return s.checkVersion(ctx, tx, res, "tasks", t.ID)
}

// joinIDs writes IDs comma-separated, as task_arrangements keeps them.
func joinIDs(ids []int64) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(s, ",")
}

// splitIDs reads what joinIDs wrote.
func splitIDs(s string) []int64 {
	var out []int64
	for _, f := range strings.Split(s, ",") {
		if id, err := strconv.ParseInt(strings.TrimSpace(f), 10, 64); err == nil {
			out = append(out, id)
		}
	}
	return out
}

// sameIDs reports whether a and b hold the same IDs, in any order.
func sameIDs(a, b []int64) bool {
	x, y := slices.Clone(a), slices.Clone(b)
	slices.Sort(x)
	slices.Sort(y)
	return slices.Equal(x, y)
}

// taskVersions reads the plan's task versions (migration 00016), oldest
// first for each task.
func (s *Store) taskVersions(ctx context.Context, q querier, planID int64) ([]plan.TaskVersion, error) {
	return s.taskVersionsOf(ctx, q, planID, 0)
}

// taskVersionsOf is taskVersions of one task of the plan (every task when
// taskID is 0).
func (s *Store) taskVersionsOf(ctx context.Context, q querier, planID, taskID int64) ([]plan.TaskVersion, error) {
	query, args := `SELECT task_id, amendment_id, until, changed, title, text, deadline_kind, deadline_text,
		due_date, deadline_start, deadline_every, product, set_title, set_text, set_deadline_text, set_product
		FROM task_versions WHERE plan_id = ?`, []any{planID}
	if taskID != 0 {
		query += ` AND task_id = ?`
		args = append(args, taskID)
	}
	rows, err := s.qrows(ctx, q, query+` ORDER BY task_id, until, id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []plan.TaskVersion
	for rows.Next() {
		var v plan.TaskVersion
		var changed string
		var set [4]sql.NullString
		d := &v.Deadline
		if err := rows.Scan(&v.TaskID, &v.AmendmentID, timeCol{&v.Until}, &changed, &v.Title, &v.Text, &d.Kind, &d.Text,
			timeCol{&d.Due}, timeCol{&d.Start}, &d.Every, &v.Product, &set[0], &set[1], &set[2], &set[3]); err != nil {
			return nil, err
		}
		if changed != "" {
			v.Changed = strings.Split(changed, ",")
		}
		if set[0].Valid {
			v.Set = map[string]string{plan.FieldTitle: set[0].String, plan.FieldText: set[1].String,
				plan.FieldDeadline: set[2].String, plan.FieldProduct: set[3].String}
		}
		list = append(list, v)
	}
	return list, rows.Err()
}

// TaskHistory is what decisions did to the task, oldest first: the
// amendments that added, changed or removed it (with each change's fields
// and agencies, old and new) and the reorganisations that moved it
// (reporting.TaskHistory). ErrNotFound when there is no such task.
func (s *Store) TaskHistory(ctx context.Context, taskID int64) (list []reporting.HistoryEvent, err error) {
	defer wrap(&err, "store.TaskHistory(%d)", taskID)
	t, err := s.readTask(ctx, s.r, taskID)
	if err != nil {
		return nil, err
	}
	var acts []reporting.TaskAmendment
	err = s.each(ctx, `SELECT a.id, a.plan_id, a.number, a.issued_on, a.effective, a.note, at.action
		FROM amendment_tasks at JOIN plan_amendments a ON a.id = at.amendment_id
		WHERE at.task_id = ? ORDER BY a.effective, a.id`, []any{taskID}, func(rows *sql.Rows) error {
		var x reporting.TaskAmendment
		a := &x.Amendment
		err := rows.Scan(&a.ID, &a.PlanID, &a.Number, timeCol{&a.IssuedOn}, timeCol{&a.Effective}, &a.Note, &x.Action)
		acts = append(acts, x)
		return err
	})
	if err != nil {
		return nil, err
	}
	vers, err := s.taskVersions(ctx, s.r, t.PlanID)
	if err != nil {
		return nil, err
	}
	arr, err := s.arrangements(ctx, s.r, t.PlanID)
	if err != nil {
		return nil, err
	}
	vers = slices.DeleteFunc(vers, func(v plan.TaskVersion) bool { return v.TaskID != taskID })
	arr = slices.DeleteFunc(arr, func(a reporting.Arrangement) bool { return a.TaskID != taskID })
	return reporting.TaskHistory(&t, acts, vers, arr), nil
}
