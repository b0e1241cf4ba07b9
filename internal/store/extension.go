package store

import (
	"context"
	"database/sql"
	"strings"

	"tiendo/internal/notify"
	"tiendo/internal/reporting"
)

const extensionCols = `id, plan_id, task_id, agency_id, kind, reason, deadline_kind, deadline_text, due_date,
	deadline_start, deadline_every, title, text, product, old_deadline_kind, old_deadline_text, old_due_date,
	old_deadline_start, old_deadline_every, old_title, old_text, old_product, state, note, requested_at,
	requested_by, decided_at, decided_by, version`

func scanExtension(sc scanner) (reporting.Extension, error) {
	var e reporting.Extension
	d, o := &e.Deadline, &e.OldDeadline
	err := sc.Scan(&e.ID, &e.PlanID, &e.TaskID, &e.AgencyID, &e.Kind, &e.Reason, &d.Kind, &d.Text, timeCol{&d.Due},
		timeCol{&d.Start}, &d.Every, &e.Title, &e.Text, &e.Product, &o.Kind, &o.Text, timeCol{&o.Due},
		timeCol{&o.Start}, &o.Every, &e.OldTitle, &e.OldText, &e.OldProduct, &e.State, &e.Note,
		timeCol{&e.RequestedAt}, idCol{&e.RequestedBy}, timeCol{&e.DecidedAt}, idCol{&e.DecidedBy}, &e.Version)
	e.DeadlineText = d.Text
	return e, err
}

// RequestExtension stores a request for a new deadline or changed content
// of task e.TaskID (reporting.CanRequestExtension: the lead agency's head
// or officer; reporting.CheckExtension), recording what the task says now
// (e.Old…). Sets e.ID, PlanID, AgencyID, State (pending), RequestedAt/By,
// Version. Audited in the task's history.
func (s *Store) RequestExtension(ctx context.Context, a reporting.Actor, e *reporting.Extension) (err error) {
	defer wrap(&err, "store.RequestExtension(task %d)", e.TaskID)
	if err := reporting.CheckExtension(e); err != nil {
		return err
	}
	at := actorTime(a)
	return s.Transact(ctx, func(tx *sql.Tx) error {
		t, err := s.readTask(ctx, tx, e.TaskID)
		if err != nil {
			return err
		}
		if err := reporting.CanRequestExtension(a.User, &t); err != nil {
			return err
		}
		e.PlanID, e.AgencyID, e.State = t.PlanID, t.LeadAgencyID, reporting.ExtensionPending
		e.OldDeadline, e.OldTitle, e.OldText, e.OldProduct = t.Deadline, t.Title, t.Text, t.Product
		d, o := &e.Deadline, &e.OldDeadline
		if err := s.qrow(ctx, tx, `INSERT INTO task_extensions (plan_id, task_id, agency_id, kind, reason,
			deadline_kind, deadline_text, due_date, deadline_start, deadline_every, title, text, product,
			old_deadline_kind, old_deadline_text, old_due_date, old_deadline_start, old_deadline_every,
			old_title, old_text, old_product, state, requested_at, requested_by, version)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, 1) RETURNING id`,
			e.PlanID, e.TaskID, e.AgencyID, string(e.Kind), e.Reason, string(d.Kind), d.Text, dateArg(d.Due),
			dateArg(d.Start), d.Every, e.Title, e.Text, e.Product, string(o.Kind), o.Text, dateArg(o.Due),
			dateArg(o.Start), o.Every, e.OldTitle, e.OldText, e.OldProduct, tsArg(at), refArg(a.UserID())).Scan(&e.ID); err != nil {
			return err
		}
		e.RequestedAt, e.RequestedBy, e.Version = at, a.UserID(), 1
		return s.audit(ctx, tx, a.UserID(), "extension.request", "task", e.TaskID, extensionDetail(e))
	})
}

// extensionDetail is what the audit log keeps of a request.
func extensionDetail(e *reporting.Extension) map[string]any {
	d := map[string]any{"extension_id": e.ID, "kind": e.Kind, "reason": e.Reason, "state": e.State}
	switch e.Kind {
	case reporting.ExtendDeadline:
		d["deadline_text"] = change{e.OldDeadline.Text, e.Deadline.Text}
		d["due_date"] = change{dateArg(e.OldDeadline.Due), dateArg(e.Deadline.Due)}
	case reporting.AmendContent:
		for _, f := range []struct {
			key      string
			old, new string
		}{{"title", e.OldTitle, e.Title}, {"text", e.OldText, e.Text}, {"product", e.OldProduct, e.Product}} {
			if f.new != "" {
				d[f.key] = change{f.old, f.new}
			}
		}
	}
	return d
}

// DecideExtension approves or refuses a pending request
// (reporting.CanDecideExtension: the coordinator; a refusal needs a note).
// Approval changes the task in the same transaction (current deadline or
// content; the original deadline is kept; the task's version is
// incremented) and audits both. Returns the request as decided. notices,
// when given, are written in the same transaction.
func (s *Store) DecideExtension(ctx context.Context, a reporting.Actor, id int64, approve bool, note string, notices ...notify.FlowNotice) (e *reporting.Extension, err error) {
	defer wrap(&err, "store.DecideExtension(%d)", id)
	note = normText(note)
	err = s.Transact(ctx, func(tx *sql.Tx) error {
		v, err := scanExtension(s.qrow(ctx, tx, `SELECT `+extensionCols+` FROM task_extensions WHERE id = ?`, id))
		if err != nil {
			return err
		}
		e = &v
		if err := reporting.CanDecideExtension(a.User, e, approve, note); err != nil {
			return err
		}
		e.State = reporting.ExtensionRefused
		if approve {
			e.State = reporting.ExtensionApproved
		}
		res, err := s.exec(ctx, tx, `UPDATE task_extensions SET state = ?, note = ?, decided_at = ?, decided_by = ?,
			version = version + 1 WHERE id = ? AND version = ? AND state = 'pending'`,
			string(e.State), note, tsArg(a.Now), refArg(a.UserID()), id, e.Version)
		if err != nil {
			return err
		}
		if err := rowsChanged(res); err != nil {
			return err
		}
		e.Note, e.DecidedAt, e.DecidedBy = note, a.Now, a.UserID()
		e.Version++
		detail := extensionDetail(e)
		detail["note"] = note
		if err := s.audit(ctx, tx, a.UserID(), "extension.decide", "task", e.TaskID, detail); err != nil {
			return err
		}
		if err := s.addFlowNotices(ctx, tx, a, notices); err != nil {
			return err
		}
		if !approve {
			return nil
		}
		return s.applyExtension(ctx, tx, a.UserID(), e)
	})
	if err != nil {
		return nil, err
	}
	return e, nil
}

// applyExtension changes the task as approved request e says.
func (s *Store) applyExtension(ctx context.Context, tx *sql.Tx, actor int64, e *reporting.Extension) error {
	old, err := s.readTask(ctx, tx, e.TaskID)
	if err != nil {
		return err
	}
	t := old
	e.Apply(&t)
	d, o := &t.Deadline, &t.OriginalDeadline
	res, err := s.exec(ctx, tx, `UPDATE tasks SET title = ?, text = ?, product = ?, search = ?, deadline_kind = ?,
		deadline_text = ?, due_date = ?, deadline_start = ?, deadline_every = ?, original_deadline_kind = ?,
		original_deadline_text = ?, original_due_date = ?, original_deadline_start = ?, original_deadline_every = ?,
		version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
		t.Title, t.Text, t.Product, taskSearch(&t), string(d.Kind), d.Text, dateArg(d.Due), dateArg(d.Start), d.Every,
		string(o.Kind), o.Text, dateArg(o.Due), dateArg(o.Start), o.Every, tsArg(now()), t.ID, old.Version)
	if err != nil {
		return err
	}
	if err := rowsChanged(res); err != nil {
		return err
	}
	c := taskChanges(&old, &t)
	return s.audit(ctx, tx, actor, "task.extension", "task", t.ID, map[string]any{"extension_id": e.ID, "changes": c})
}

// Extension reads one request.
func (s *Store) Extension(ctx context.Context, id int64) (e *reporting.Extension, err error) {
	defer wrap(&err, "store.Extension(%d)", id)
	v, err := scanExtension(s.queryRow(ctx, s.r, `SELECT `+extensionCols+` FROM task_extensions WHERE id = ?`, id))
	if err != nil {
		return nil, err
	}
	return &v, nil
}

// Extensions lists requests matching f, newest first: a task's history of
// extensions and amendments, or what waits for the coordinator.
func (s *Store) Extensions(ctx context.Context, f reporting.ExtensionFilter) (list []reporting.Extension, err error) {
	defer wrap(&err, "store.Extensions")
	var where []string
	var args []any
	for _, c := range []struct {
		col string
		v   int64
	}{{"plan_id", f.PlanID}, {"task_id", f.TaskID}, {"agency_id", f.AgencyID}} {
		if c.v != 0 {
			where = append(where, c.col+" = ?")
			args = append(args, c.v)
		}
	}
	if f.State != "" {
		where = append(where, "state = ?")
		args = append(args, string(f.State))
	}
	q := `SELECT ` + extensionCols + ` FROM task_extensions`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, " AND ")
	}
	rows, err := s.query(ctx, s.r, q+` ORDER BY id DESC`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanExtension(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, e)
	}
	return list, rows.Err()
}
