package store

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"time"

	"tiendo/internal/reporting"
)

// editReport opens a write to report id by actor a in tx: it checks the
// rule (reporting.ActEdit) on the row as it is, checks version when it is
// not 0, and bumps the report's version, moving a not-started report to
// draft. The UPDATE comes first so that, on PostgreSQL, it holds the
// report's row lock for the rest of the transaction: a submit or another
// save of the same report waits instead of interleaving.
func (s *Store) editReport(ctx context.Context, tx *sql.Tx, a reporting.Actor, id int64, version int) (*reporting.Report, error) {
	// The report and its plan's status in one statement: one round trip
	// less in every part's save (issue 21, PostgreSQL).
	x, err := s.readStepReport(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	r := *x.Report
	if err := reporting.Can(a.User, &r, reporting.ActEdit, a.Today()); err != nil {
		return nil, err
	}
	if err := writableStatus(x.PlanStatus); err != nil {
		return nil, err // a replaced or closed plan's reports are history
	}
	if version != 0 && version != r.Version {
		return nil, ErrConflict
	}
	at := actorTime(a)
	res, err := s.texec(ctx, tx, `UPDATE reports SET version = version + 1, updated_at = ?, updated_by = ?,
		state = CASE WHEN state = 'not_started' THEN 'draft' ELSE state END
		WHERE id = ? AND version = ? AND is_current AND state IN ('not_started', 'draft', 'returned')`,
		tsArg(at), refArg(a.UserID()), id, r.Version)
	if err != nil {
		return nil, err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		if err != nil {
			return nil, err
		}
		return nil, s.whyNot(ctx, tx, a, id, reporting.ActEdit)
	}
	r.Version++
	r.State = reporting.After(r.State, reporting.ActEdit)
	r.UpdatedAt, r.UpdatedBy = at, a.UserID()
	return &r, nil
}

// whyNot explains a guarded UPDATE of a report that touched no row: the
// rule the row now breaks, or ErrConflict when it changed otherwise.
func (s *Store) whyNot(ctx context.Context, tx *sql.Tx, a reporting.Actor, id int64, act reporting.Action) error {
	r, err := s.readReportRow(ctx, tx, id)
	if err != nil {
		return err
	}
	if err := reporting.Can(a.User, r, act, a.Today()); err != nil {
		return err
	}
	return ErrConflict
}

// rowsChanged turns an UPDATE … WHERE version = ? that touched no row into ErrConflict.
func rowsChanged(res sql.Result) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return ErrConflict
	}
	return nil
}

// SaveEntry saves the agency's entry for task e.TaskID in the report
// (reporting.ActEdit; the task must be one the agency leads in the report's
// plan: reporting.ErrNotAssigned otherwise). e.Version must be the version
// read (0 for a first save): when someone saved first the save is refused
// with ErrConflict and nothing is changed, so the caller can show the person
// their own input again beside the saved one. The entry is normalised and
// checked (reporting.CheckEntry; *reporting.InvalidError). On success e.ID,
// e.Version (incremented) and e.UpdatedAt/By are set; the report moves from
// not_started to draft and its version is incremented. It reads the report
// (ReadTaskReport) and saves over it (SaveEntryOver).
func (s *Store) SaveEntry(ctx context.Context, a reporting.Actor, reportID int64, e *reporting.Entry) (err error) {
	defer wrap(&err, "store.SaveEntry(report %d, task %d)", reportID, e.TaskID)
	if err := reporting.CheckEntry(e, a.Today()); err != nil {
		return err
	}
	x, err := s.ReadTaskReport(ctx, reportID, e.TaskID)
	if err != nil {
		return err
	}
	return s.saveEntryOver(ctx, a, x, e)
}

// SaveEntryOver is SaveEntry over x, the report as read for task e.TaskID
// by the caller (ReadTaskReport), which need not read it twice: the rule,
// the plan, the task and e.Version are checked on x, and the transaction
// writes without reading them again, each statement guarded so that what
// changed since the read is refused rather than written over — a report
// no longer editable (the rule it breaks now, or ErrConflict), a task no
// longer the agency's (reporting.ErrNotAssigned), a line saved meanwhile
// (ErrConflict). Its audit row holds the change from the line in x, which
// the guard on the line's version proves is the line written over.
func (s *Store) SaveEntryOver(ctx context.Context, a reporting.Actor, x *TaskReport, e *reporting.Entry) (err error) {
	defer wrap(&err, "store.SaveEntryOver(report %d, task %d)", x.Report.ID, e.TaskID)
	return s.saveEntryOver(ctx, a, x, e)
}

func (s *Store) saveEntryOver(ctx context.Context, a reporting.Actor, x *TaskReport, e *reporting.Entry) error {
	r := x.Report
	e.ReportID = r.ID
	if err := reporting.CheckEntry(e, a.Today()); err != nil {
		return err
	}
	if err := canEditRead(a, x); err != nil {
		return err
	}
	if t := x.Task; t == nil || t.ID != e.TaskID || t.PlanID != r.PlanID || t.LeadAgencyID != r.AgencyID {
		return reporting.ErrNotAssigned
	}
	var old reporting.Entry // the line as read; none saved: blank
	if i := slices.IndexFunc(r.Entries, func(l reporting.Entry) bool { return l.TaskID == e.TaskID }); i >= 0 {
		old = r.Entries[i]
	}
	if e.Version != old.Version {
		return ErrConflict
	}
	at := actorTime(a)
	return s.Transact(ctx, func(tx *sql.Tx) error {
		w := updateEntryWrite(e, r, old, at, a.UserID())
		if old.ID == 0 {
			w = insertEntryWrite(e, r, at, a.UserID())
		}
		_, id, err := s.writePart(ctx, tx, a, r.ID, w, func() error { return s.whyNotEntry(ctx, tx, e.TaskID, r) })
		if err != nil {
			return err
		}
		c := entryChanges(&old, e)
		if err := s.audit(ctx, tx, a.UserID(), "report.entry", "report", r.ID,
			map[string]any{"task_id": e.TaskID, "changes": c}); err != nil {
			return err
		}
		e.ID = id
		e.Version++
		e.UpdatedAt, e.UpdatedBy = at, a.UserID()
		return nil
	})
}

// canEditRead checks reporting.ActEdit and the plan's status on a report
// read before the transaction, in editReport's order.
func canEditRead(a reporting.Actor, x *TaskReport) error {
	if err := reporting.Can(a.User, x.Report, reporting.ActEdit, a.Today()); err != nil {
		return err
	}
	return writableStatus(x.PlanStatus) // a replaced or closed plan's reports are history
}

// editReportRead is editReport for a report whose rule was checked on a
// read before the transaction (canEditRead): it bumps the report's version
// and moves a not-started report to draft without reading the row again,
// the UPDATE guarded by what the rule and the plan's status depend on and
// may have changed since (is_current, state, the plan's status; the
// report's agency and period do not change). It returns the report's
// state after. As editReport's, the UPDATE holds the report's row lock on
// PostgreSQL for the rest of the transaction. No version is checked: a
// part is guarded by its own.
func (s *Store) editReportRead(ctx context.Context, tx *sql.Tx, a reporting.Actor, id int64) (reporting.State, error) {
	var state reporting.State
	err := s.tqueryRow(ctx, tx, editReportReadSQL, tsArg(actorTime(a)), refArg(a.UserID()), id).Scan(&state)
	if errors.Is(err, sql.ErrNoRows) {
		return "", s.whyNotEdit(ctx, tx, a, id)
	}
	return state, err
}

// whyNotEdit explains an editReportRead that touched no row: the rule the
// report breaks now, its plan's status, or ErrConflict.
func (s *Store) whyNotEdit(ctx context.Context, tx *sql.Tx, a reporting.Actor, id int64) error {
	x, err := s.readStepReport(ctx, tx, id)
	if err != nil {
		return err
	}
	return errOr(canEditRead(a, &TaskReport{Report: x.Report, PlanStatus: x.PlanStatus}), ErrConflict)
}

// errOr is err, or otherwise when err is nil.
func errOr(err, otherwise error) error {
	if err != nil {
		return err
	}
	return otherwise
}

// entryAssigned is the guard of a line's write: its task is still one the
// report's agency leads in the report's plan (task, plan, agency).
const entryAssigned = `EXISTS (SELECT 1 FROM tasks t WHERE t.id = ? AND t.plan_id = ? AND t.lead_agency_id = ?)`

// insertEntryWrite is a first save of an entry (version 1) in report r,
// guarded by its task being the agency's (refused: reporting.ErrNotAssigned);
// a line saved meanwhile by someone else is ErrConflict (writePart).
func insertEntryWrite(e *reporting.Entry, r *reporting.Report, at time.Time, by int64) partWrite {
	return partWrite{stmt: `INSERT INTO report_entries (report_id, task_id, status, percent, result, evidence,
		difficulties, proposals, completed_on, reason, explanation, version, updated_at, updated_by)
		SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?`, guard: entryAssigned, first: true,
		args: []any{e.ReportID, e.TaskID, string(e.Status), e.Percent, e.Result, e.Evidence, e.Difficulties, e.Proposals,
			dateArg(e.CompletedOn), e.Reason, e.Explanation, tsArg(at), refArg(by), e.TaskID, r.PlanID, r.AgencyID}}
}

// updateEntryWrite saves an entry of report r over old, the line as read,
// guarded by its version and by its task being the agency's (refused:
// whyNotEntry says which).
func updateEntryWrite(e *reporting.Entry, r *reporting.Report, old reporting.Entry, at time.Time, by int64) partWrite {
	return partWrite{stmt: `UPDATE report_entries SET status = ?, percent = ?, result = ?, evidence = ?,
		difficulties = ?, proposals = ?, completed_on = ?, reason = ?, explanation = ?, version = version + 1,
		updated_at = ?, updated_by = ?`, guard: `id = ? AND report_id = ? AND version = ? AND ` + entryAssigned,
		args: []any{string(e.Status), e.Percent, e.Result, e.Evidence, e.Difficulties, e.Proposals, dateArg(e.CompletedOn),
			e.Reason, e.Explanation, tsArg(at), refArg(by), old.ID, r.ID, old.Version, e.TaskID, r.PlanID, r.AgencyID}}
}

// whyNotEntry explains an updateEntryWrite that was refused: the task is
// no longer the agency's (reporting.ErrNotAssigned), or else the line
// changed or moved since it was read (ErrConflict).
func (s *Store) whyNotEntry(ctx context.Context, tx *sql.Tx, taskID int64, r *reporting.Report) error {
	var planID, lead int64
	err := s.tqueryRow(ctx, tx, `SELECT plan_id, lead_agency_id FROM tasks WHERE id = ?`, taskID).Scan(&planID, idCol{&lead})
	if errors.Is(err, sql.ErrNoRows) || err == nil && (planID != r.PlanID || lead != r.AgencyID) {
		return reporting.ErrNotAssigned
	}
	return errOr(err, ErrConflict)
}

// entryChanges lists what a save changes in an entry, for the audit log.
func entryChanges(old, e *reporting.Entry) changes {
	c := changes{}
	c.add("status", old.Status, e.Status)
	c.add("percent", old.Percent, e.Percent)
	c.add("result", old.Result, e.Result)
	c.add("evidence", old.Evidence, e.Evidence)
	c.add("difficulties", old.Difficulties, e.Difficulties)
	c.add("proposals", old.Proposals, e.Proposals)
	c.add("completed_on", dateArg(old.CompletedOn), dateArg(e.CompletedOn))
	c.add("reason", old.Reason, e.Reason)
	c.add("explanation", old.Explanation, e.Explanation)
	return c
}

// SaveContribution saves the agency's contribution to task c.TaskID, a
// task it cooperates on in the report's plan (reporting.ErrNotAssigned
// otherwise), in its report; versions as SaveEntry. It reads the report
// (ReadTaskReport) and saves over it (SaveContributionOver).
func (s *Store) SaveContribution(ctx context.Context, a reporting.Actor, reportID int64, c *reporting.Contribution) (err error) {
	defer wrap(&err, "store.SaveContribution(report %d, task %d)", reportID, c.TaskID)
	if err := reporting.CheckContribution(c); err != nil {
		return err
	}
	x, err := s.ReadTaskReport(ctx, reportID, c.TaskID)
	if err != nil {
		return err
	}
	return s.saveContributionOver(ctx, a, x, c)
}

// SaveContributionOver is SaveContribution over x, the report as read for
// task c.TaskID by the caller, as SaveEntryOver is SaveEntry's.
func (s *Store) SaveContributionOver(ctx context.Context, a reporting.Actor, x *TaskReport, c *reporting.Contribution) (err error) {
	defer wrap(&err, "store.SaveContributionOver(report %d, task %d)", x.Report.ID, c.TaskID)
	return s.saveContributionOver(ctx, a, x, c)
}

func (s *Store) saveContributionOver(ctx context.Context, a reporting.Actor, x *TaskReport, c *reporting.Contribution) error {
	r := x.Report
	c.ReportID = r.ID
	if err := reporting.CheckContribution(c); err != nil {
		return err
	}
	if err := canEditRead(a, x); err != nil {
		return err
	}
	if t := x.Task; t == nil || t.ID != c.TaskID || t.PlanID != r.PlanID || !x.Cooperates {
		return reporting.ErrNotAssigned
	}
	var old reporting.Contribution // the agency's part as read; none saved: blank
	if i := slices.IndexFunc(r.Contributions, func(o reporting.Contribution) bool { return o.TaskID == c.TaskID }); i >= 0 {
		old = r.Contributions[i]
	}
	if c.Version != old.Version {
		return ErrConflict
	}
	at := actorTime(a)
	return s.Transact(ctx, func(tx *sql.Tx) error {
		w := partWrite{stmt: `UPDATE report_contributions SET text = ?, version = version + 1, updated_at = ?,
			updated_by = ?`, guard: `id = ? AND report_id = ? AND version = ? AND ` + coopAssigned,
			args: []any{c.Text, tsArg(at), refArg(a.UserID()), old.ID, r.ID, old.Version, c.TaskID, r.AgencyID, r.PlanID}}
		if old.ID == 0 {
			w = partWrite{stmt: `INSERT INTO report_contributions (report_id, task_id, text, version, updated_at,
				updated_by) SELECT ?, ?, ?, 1, ?, ?`, guard: coopAssigned, first: true,
				args: []any{r.ID, c.TaskID, c.Text, tsArg(at), refArg(a.UserID()), c.TaskID, r.AgencyID, r.PlanID}}
		}
		state, id, err := s.writePart(ctx, tx, a, r.ID, w, func() error { return s.whyNotContribution(ctx, tx, c.TaskID, r) })
		if err != nil {
			return err
		}
		ch := changes{}
		ch.add("text", old.Text, c.Text)
		if err := s.audit(ctx, tx, a.UserID(), "report.contribution", "report", r.ID,
			map[string]any{"task_id": c.TaskID, "changes": ch}); err != nil {
			return err
		}
		c.ID = id
		c.Version++
		c.AgencyID, c.State, c.UpdatedAt, c.UpdatedBy = r.AgencyID, state, at, a.UserID()
		return nil
	})
}

// coopAssigned is the guard of a contribution's write: the report's agency
// still cooperates on its task in the report's plan (task, agency, plan).
const coopAssigned = `EXISTS (SELECT 1 FROM task_agencies ta JOIN tasks t ON t.id = ta.task_id
	WHERE ta.task_id = ? AND ta.agency_id = ? AND ta.role = 'coop' AND t.plan_id = ?)`

// whyNotContribution explains an update of a contribution that was
// refused, as whyNotEntry a line's: the agency no longer cooperates on the
// task, or else the contribution changed since it was read.
func (s *Store) whyNotContribution(ctx context.Context, tx *sql.Tx, taskID int64, r *reporting.Report) error {
	var one int
	err := s.tqueryRow(ctx, tx, `SELECT 1 WHERE `+coopAssigned, taskID, r.AgencyID, r.PlanID).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return reporting.ErrNotAssigned
	}
	return errOr(err, ErrConflict)
}

// SaveIndicatorValue saves the value for the period of an indicator the
// report's agency answers for (reporting.ErrNotAssigned otherwise);
// versions as SaveEntry.
func (s *Store) SaveIndicatorValue(ctx context.Context, a reporting.Actor, reportID int64, v *reporting.IndicatorValue) (err error) {
	defer wrap(&err, "store.SaveIndicatorValue(report %d, indicator %d)", reportID, v.IndicatorID)
	v.ReportID = reportID
	if err := reporting.CheckValue(v); err != nil {
		return err
	}
	at := actorTime(a)
	return s.Transact(ctx, func(tx *sql.Tx) error {
		r, err := s.editReport(ctx, tx, a, reportID, 0)
		if err != nil {
			return err
		}
		var planID, agencyID int64
		err = s.tqueryRow(ctx, tx, `SELECT plan_id, agency_id FROM indicators WHERE id = ?`, v.IndicatorID).Scan(
			&planID, idCol{&agencyID})
		if errors.Is(err, sql.ErrNoRows) || err == nil && (planID != r.PlanID || agencyID != r.AgencyID) {
			return reporting.ErrNotAssigned
		}
		if err != nil {
			return err
		}
		old, err := scanValue(s.tqueryRow(ctx, tx, `SELECT `+valueCols+` FROM report_indicator_values v
			WHERE v.report_id = ? AND v.indicator_id = ?`, reportID, v.IndicatorID))
		switch {
		case errors.Is(err, sql.ErrNoRows):
			if v.Version != 0 {
				return ErrConflict
			}
			old = reporting.IndicatorValue{}
			err = s.tqueryRow(ctx, tx, `INSERT INTO report_indicator_values (report_id, indicator_id, value, note, version,
				updated_at, updated_by) VALUES (?, ?, ?, ?, 1, ?, ?) RETURNING id`,
				reportID, v.IndicatorID, floatArg(v.Value), v.Note, tsArg(at), refArg(a.UserID())).Scan(&v.ID)
		case err != nil:
			return err
		case v.Version != old.Version:
			return ErrConflict
		default:
			v.ID = old.ID
			var res sql.Result
			res, err = s.texec(ctx, tx, `UPDATE report_indicator_values SET value = ?, note = ?, version = version + 1,
				updated_at = ?, updated_by = ? WHERE id = ? AND version = ?`,
				floatArg(v.Value), v.Note, tsArg(at), refArg(a.UserID()), old.ID, old.Version)
			if err == nil {
				err = rowsChanged(res)
			}
		}
		if err != nil {
			return err
		}
		ch := changes{}
		ch.add("value", old.Value, v.Value)
		ch.add("note", old.Note, v.Note)
		if err := s.audit(ctx, tx, a.UserID(), "report.value", "report", reportID,
			map[string]any{"indicator_id": v.IndicatorID, "changes": ch}); err != nil {
			return err
		}
		v.Version++
		v.UpdatedAt, v.UpdatedBy = at, a.UserID()
		return nil
	})
}

// floatArg is the argument form of an optional number; NULL for nil.
func floatArg(f *float64) any {
	if f == nil {
		return nil
	}
	return *f
}

// SaveReportTexts saves the report's free-text sections (reporting.ActEdit)
// and returns the report's new version; version as for every flow step
// (0: not checked).
func (s *Store) SaveReportTexts(ctx context.Context, a reporting.Actor, reportID int64, texts reporting.Texts, version int) (newVersion int, err error) {
	defer wrap(&err, "store.SaveReportTexts(%d)", reportID)
	if err := reporting.CheckTexts(&texts); err != nil {
		return 0, err
	}
	err = s.Transact(ctx, func(tx *sql.Tx) error {
		r, err := s.editReport(ctx, tx, a, reportID, version)
		if err != nil {
			return err
		}
		if _, err := s.texec(ctx, tx, `UPDATE reports SET summary = ?, difficulties = ?, proposals = ?, next_tasks = ?
			WHERE id = ?`, texts.Summary, texts.Difficulties, texts.Proposals, texts.NextTasks, reportID); err != nil {
			return err
		}
		c := changes{}
		c.add("summary", r.Texts.Summary, texts.Summary)
		c.add("difficulties", r.Texts.Difficulties, texts.Difficulties)
		c.add("proposals", r.Texts.Proposals, texts.Proposals)
		c.add("next_tasks", r.Texts.NextTasks, texts.NextTasks)
		newVersion = r.Version
		return s.audit(ctx, tx, a.UserID(), "report.texts", "report", reportID, c)
	})
	return newVersion, err
}
