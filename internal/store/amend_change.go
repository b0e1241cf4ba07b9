package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"tiendo/internal/plan"
	"tiendo/internal/reporting"
	"tiendo/internal/vntext"
)

// changeTasks applies the edits of amendment a (recorded, a.ID set) in tx.
// For each task, the task as it was is kept so that earlier periods judge
// it as it was: its title, text, deadline and product as a version until
// a.Effective (task_versions), its lead and cooperating agencies as an
// arrangement until that day (task_arrangements, as a reorganisation
// writes). A *ReorgError lists every edit refused (keys change.N.field).
func (s *Store) changeTasks(ctx context.Context, tx *sql.Tx, actor int64, a *plan.Amendment, change []plan.TaskEdit, at time.Time) error {
	fe := map[string]string{}
	for i := range change {
		e := &change[i]
		key := func(field string) string { return fmt.Sprintf("change.%d.%s", i, field) }
		old, err := s.readTask(ctx, tx, e.TaskID)
		if errors.Is(err, sql.ErrNoRows) || err == nil && old.PlanID != a.PlanID {
			fe[key("task_id")] = fmt.Sprintf("Nhiệm vụ mã %d không thuộc kế hoạch này.", e.TaskID)
			continue
		}
		if err != nil {
			return err
		}
		if msg, err := s.changeRefused(ctx, tx, &old, a.Effective); err != nil {
			return err
		} else if msg != "" {
			fe[key("task_id")] = msg
			continue
		}
		t := old
		t.CooperatingAgencyIDs = slices.Clone(old.CooperatingAgencyIDs)
		e.Apply(&t)
		normTask(&t)
		bad := false
		for field, msg := range plan.ValidateTask(&t) {
			if field == "deadline_text" && e.DeadlineText == nil {
				continue // words stored before that the parser cannot read are not this edit's fault
			}
			fe[key(field)], bad = msg, true
		}
		if e.LeadAgencyID != nil && t.LeadAgencyID > 0 && !s.agencyExists(ctx, tx, t.LeadAgencyID) {
			fe[key("lead_agency_id")], bad = fmt.Sprintf("Không có cơ quan mã %d.", t.LeadAgencyID), true
		}
		if e.CooperatingAgencyIDs != nil {
			for _, id := range t.CooperatingAgencyIDs {
				if !s.agencyExists(ctx, tx, id) {
					fe[key("cooperating_agency_ids")], bad = fmt.Sprintf("Không có cơ quan mã %d.", id), true
					break
				}
			}
		}
		if bad {
			continue
		}
		fields := plan.ChangedFields(&old, &t)
		agencies := old.LeadAgencyID != t.LeadAgencyID || !sameIDs(old.CooperatingAgencyIDs, t.CooperatingAgencyIDs)
		if len(fields) == 0 && !agencies {
			fe[key("task_id")] = fmt.Sprintf("Quyết định không thay đổi gì ở nhiệm vụ mã %d.", e.TaskID)
			continue
		}
		if err := s.saveChange(ctx, tx, a, &old, &t, fields, agencies, at); err != nil {
			return err
		}
		c := taskChanges(&old, &t)
		if err := s.saveTaskLinks(ctx, tx, &old, &t, c); err != nil {
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
	if len(fe) > 0 {
		return &ReorgError{fe}
	}
	return nil
}

// changeRefused says why task t cannot be changed from day: it has left
// the plan, joins it only later, or a later decision already changed it
// (versions and arrangements follow one another in time). "" when it can.
func (s *Store) changeRefused(ctx context.Context, tx *sql.Tx, t *plan.Task, day time.Time) (string, error) {
	if !t.RemovedOn.IsZero() {
		return fmt.Sprintf("Nhiệm vụ mã %d đã bị bãi bỏ từ ngày %s.", t.ID, vntext.FormatDate(t.RemovedOn)), nil
	}
	if t.AddedOn.After(day) {
		return fmt.Sprintf("Nhiệm vụ mã %d chỉ có trong kế hoạch từ ngày %s; quyết định sửa đổi phải có hiệu lực từ ngày đó.",
			t.ID, vntext.FormatDate(t.AddedOn)), nil
	}
	var last time.Time
	for _, q := range []string{`SELECT MAX(until) FROM task_versions WHERE plan_id = ? AND task_id = ?`,
		`SELECT MAX(until) FROM task_arrangements WHERE plan_id = ? AND task_id = ?`} {
		var d time.Time
		if err := s.qrow(ctx, tx, q, t.PlanID, t.ID).Scan(timeCol{&d}); err != nil {
			return "", err
		}
		if d.After(last) {
			last = d
		}
	}
	if last.After(day) {
		return fmt.Sprintf("Nhiệm vụ mã %d đã được thay đổi từ ngày %s; quyết định này phải có hiệu lực từ ngày đó trở đi.",
			t.ID, vntext.FormatDate(last)), nil
	}
	return "", nil
}

// saveChange keeps old (the task before the amendment) as a version and,
// when its agencies change, as an arrangement, both until a.Effective, and
// writes t over the task row.
func (s *Store) saveChange(ctx context.Context, tx *sql.Tx, a *plan.Amendment, old, t *plan.Task, fields []string,
	agencies bool, at time.Time) error {
	if len(fields) > 0 {
		d := &old.Deadline
		if _, err := s.texec(ctx, tx, `INSERT INTO task_versions (plan_id, task_id, amendment_id, until, changed, title, text,
			deadline_kind, deadline_text, due_date, deadline_start, deadline_every, product)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			old.PlanID, old.ID, a.ID, dateArg(a.Effective), strings.Join(fields, ","), old.Title, old.Text,
			string(d.Kind), d.Text, dateArg(d.Due), dateArg(d.Start), d.Every, old.Product); err != nil {
			return err
		}
	}
	if agencies {
		coop := make([]string, len(old.CooperatingAgencyIDs))
		for i, id := range old.CooperatingAgencyIDs {
			coop[i] = strconv.FormatInt(id, 10)
		}
		if _, err := s.texec(ctx, tx, `INSERT INTO task_arrangements (plan_id, task_id, until, lead_agency_id, cooperating,
			decision, amendment_id) VALUES (?, ?, ?, ?, ?, ?, ?)`, old.PlanID, old.ID, dateArg(a.Effective),
			refArg(old.LeadAgencyID), strings.Join(coop, ","), a.Number, a.ID); err != nil {
			return err
		}
	}
	if slices.Contains(fields, plan.FieldText) {
		t.References = plan.FindReferences(t.Text)
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

// agencyExists reports whether agency id is in the register (an error
// reading counts as absent: the write that follows would fail anyway).
func (s *Store) agencyExists(ctx context.Context, tx *sql.Tx, id int64) bool {
	var n int
	err := s.qrow(ctx, tx, `SELECT COUNT(*) FROM agencies WHERE id = ?`, id).Scan(&n)
	return err == nil && n > 0
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
	rows, err := s.qrows(ctx, q, `SELECT task_id, amendment_id, until, changed, title, text, deadline_kind, deadline_text,
		due_date, deadline_start, deadline_every, product FROM task_versions WHERE plan_id = ? ORDER BY task_id, until, id`,
		planID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []plan.TaskVersion
	for rows.Next() {
		var v plan.TaskVersion
		var changed string
		d := &v.Deadline
		if err := rows.Scan(&v.TaskID, &v.AmendmentID, timeCol{&v.Until}, &changed, &v.Title, &v.Text, &d.Kind, &d.Text,
			timeCol{&d.Due}, timeCol{&d.Start}, &d.Every, &v.Product); err != nil {
			return nil, err
		}
		if changed != "" {
			v.Changed = strings.Split(changed, ",")
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
