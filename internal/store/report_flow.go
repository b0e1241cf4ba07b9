package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"tiendo/internal/notify"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
	"tiendo/internal/vntext"
)

// flowStart reads report id in tx and checks that actor a may take action
// act on it and that version, when not 0, is the one read (checkStep).
func (s *Store) flowStart(ctx context.Context, tx *sql.Tx, a reporting.Actor, id int64, act reporting.Action, version int) (*reporting.Report, error) {
	x, err := s.readStepReport(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if err := checkStep(a, x, act, version); err != nil {
		return nil, err
	}
	return x.Report, nil
}

// guarded checks a flow UPDATE guarded by version and state: when it
// touched no row, the row changed in between; whyNot says how.
func (s *Store) guarded(ctx context.Context, tx *sql.Tx, res sql.Result, a reporting.Actor, id int64, act reporting.Action) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return s.whyNot(ctx, tx, a, id, act)
	}
	return nil
}

// stepWhole reads report id (ReadStepReport), takes a step over it and
// reads the report whole after it (Report): the flow's steps by ID, for
// the callers that want the report whole (the demo loader, tests).
func (s *Store) stepWhole(ctx context.Context, id int64, over func(x *StepReport) error) (*reporting.Report, error) {
	x, err := s.readStepReport(ctx, s.r, id)
	if err != nil {
		return nil, err
	}
	if err := over(x); err != nil {
		return nil, err
	}
	return s.readReport(ctx, s.r, id)
}

// SubmitReport approves and sends the report (reporting.ActSubmit: the
// agency's head, not before the period starts, every entry with a status —
// reporting.ErrIncomplete otherwise), recording who and when (a.Now) and
// whether it is on time (a.Now's day in Vietnam on or before the due day).
// Returns the report as saved (whole). notices, when given, are the
// step's notices (notify.FlowNotice), written in the same transaction.
// It reads the report (ReadStepReport) and submits over it
// (SubmitReportOver).
func (s *Store) SubmitReport(ctx context.Context, a reporting.Actor, id int64, version int, notices ...notify.FlowNotice) (r *reporting.Report, err error) {
	defer wrap(&err, "store.SubmitReport(%d)", id)
	return s.stepWhole(ctx, id, func(x *StepReport) error {
		_, err := s.submitOver(ctx, a, x, version, notices)
		return err
	})
}

// submitUpdate sends a report, guarded by the version read, the states a
// report is sent from, and its plan's status.
const submitUpdate = `UPDATE reports AS r SET state = 'submitted', submitted_at = ?, submitted_by = ?,
	on_time = ?, version = r.version + 1, updated_at = ?, updated_by = ?
	WHERE r.id = ? AND r.version = ? AND r.is_current AND r.state IN ('not_started', 'draft', 'returned')
	AND ` + planOpen + ` RETURNING ` + reportRowCols

// SubmitReportOver is SubmitReport over x, the report as read by the
// caller (ReadStepReport), which need not read it again: the rule, the
// plan's status and version (when not 0) are checked on x, and the
// transaction checks that every line has a status and writes over x (see
// stepOver for a report changed since x was read). It returns the report
// as sent: its header and period (a step changes no line, contribution,
// value or file).
//
// One transaction of six statements on PostgreSQL however many entries
// (BEGIN, the completeness check — the agency's tasks and their lines'
// statuses in one query —, the UPDATE, the notice's two, the audit row),
// and its COMMIT.
func (s *Store) SubmitReportOver(ctx context.Context, a reporting.Actor, x *StepReport, version int, notices ...notify.FlowNotice) (r *reporting.Report, err error) {
	defer wrap(&err, "store.SubmitReportOver(%d)", x.Report.ID)
	return s.submitOver(ctx, a, x, version, notices)
}

func (s *Store) submitOver(ctx context.Context, a reporting.Actor, x *StepReport, version int, notices []notify.FlowNotice) (*reporting.Report, error) {
	onTime := x.Report.Period.OnTime(a.Now)
	step := &flowStep{act: reporting.ActSubmit, update: submitUpdate, before: s.checkComplete,
		args: []any{tsArg(a.Now), refArg(a.UserID()), onTime, tsArg(actorTime(a)), refArg(a.UserID())}}
	return s.takeStep(ctx, a, x, version, step, notices, func(tx *sql.Tx, old *reporting.Report) error {
		return s.audit(ctx, tx, a.UserID(), "report.submit", "report", old.ID, map[string]any{
			"state": change{old.State, reporting.StateSubmitted}, "on_time": onTime, "due": dateArg(old.Period.Due),
			"at": tsArg(a.Now),
		})
	})
}

// checkComplete checks that every task the agency leads that is open in the
// report's period has an entry with a status (reporting.ValidateForSubmit).
func (s *Store) checkComplete(ctx context.Context, tx *sql.Tx, r *reporting.Report) error {
	rows, err := s.tquery(ctx, tx, `SELECT t.id, t.lead_agency_id, t.deadline_start, t.completed_on, t.claim_status,
		t.claim_period_start, COALESCE(e.status, '')
		FROM tasks t LEFT JOIN report_entries e ON e.report_id = ? AND e.task_id = t.id
		WHERE t.lead_agency_id = ? AND t.plan_id = ?`, r.ID, r.AgencyID, r.PlanID)
	if err != nil {
		return err
	}
	defer rows.Close()
	check := reporting.Report{}
	for rows.Next() {
		var t plan.Task
		var status plan.Claim
		if err := rows.Scan(&t.ID, idCol{&t.LeadAgencyID}, timeCol{&t.Deadline.Start}, timeCol{&t.CompletedOn},
			&t.Claim, timeCol{&t.ClaimPeriod}, &status); err != nil {
			return err
		}
		if reporting.OpenIn(&t, r.Period) {
			check.Entries = append(check.Entries, reporting.Entry{TaskID: t.ID, Status: status})
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return reporting.ValidateForSubmit(&check)
}

// AcceptReport accepts a submitted report (reporting.ActAccept: the
// coordinator), which locks it, and in the same transaction brings the
// tasks up to date: for each entry, the claim (status, percent, completion
// date, reason) becomes the task's unless an accepted report of a later
// period already spoke (the latest period's claim wins); ReportedAt is
// a.Now. Each task changed gets its audit line. Returns the report as saved
// (whole). notices, when given, are written in the same transaction. It
// reads the report (ReadStepReport) and accepts over it (AcceptReportOver).
func (s *Store) AcceptReport(ctx context.Context, a reporting.Actor, id int64, version int, notices ...notify.FlowNotice) (r *reporting.Report, err error) {
	defer wrap(&err, "store.AcceptReport(%d)", id)
	return s.stepWhole(ctx, id, func(x *StepReport) error {
		_, err := s.acceptOver(ctx, a, x, version, notices)
		return err
	})
}

// acceptUpdate accepts a report, guarded by the version read and its state.
const acceptUpdate = `UPDATE reports AS r SET state = 'accepted', accepted_at = ?, accepted_by = ?,
	version = r.version + 1, updated_at = ?, updated_by = ?
	WHERE r.id = ? AND r.version = ? AND r.is_current AND r.state = 'submitted' RETURNING ` + reportRowCols

// AcceptReportOver is AcceptReport over x, the report as read by the
// caller (ReadStepReport), as SubmitReportOver. It returns the report as
// accepted: its header and period.
func (s *Store) AcceptReportOver(ctx context.Context, a reporting.Actor, x *StepReport, version int, notices ...notify.FlowNotice) (r *reporting.Report, err error) {
	defer wrap(&err, "store.AcceptReportOver(%d)", x.Report.ID)
	return s.acceptOver(ctx, a, x, version, notices)
}

func (s *Store) acceptOver(ctx context.Context, a reporting.Actor, x *StepReport, version int, notices []notify.FlowNotice) (*reporting.Report, error) {
	at := actorTime(a)
	step := &flowStep{act: reporting.ActAccept, update: acceptUpdate,
		args: []any{tsArg(a.Now), refArg(a.UserID()), tsArg(at), refArg(a.UserID())}}
	return s.takeStep(ctx, a, x, version, step, notices, func(tx *sql.Tx, old *reporting.Report) error {
		if err := s.applyClaims(ctx, tx, a, old, at); err != nil {
			return err
		}
		return s.audit(ctx, tx, a.UserID(), "report.accept", "report", old.ID, map[string]any{
			"state": change{old.State, reporting.StateAccepted}, "at": tsArg(a.Now),
		})
	})
}

// claimWhere selects the entries of an accepted report whose claim the
// task takes: with a status, and no accepted claim of a later period.
const claimWhere = `e.report_id = ? AND e.task_id = tasks.id AND e.status <> ''
	AND (tasks.claim_period_start IS NULL OR tasks.claim_period_start <= ?)`

// applyClaims makes the claims of accepted report r the tasks' (one UPDATE
// for all), and audits each task's before and after.
func (s *Store) applyClaims(ctx context.Context, tx *sql.Tx, a reporting.Actor, r *reporting.Report, at time.Time) error {
	start := dateArg(r.Period.Start)
	rows, err := s.tquery(ctx, tx, `SELECT tasks.id, tasks.claim_status, tasks.progress, tasks.completed_on,
		tasks.claim_reason, e.status, e.percent, e.completed_on, e.reason
		FROM report_entries e JOIN tasks ON `+claimWhere, r.ID, start)
	if err != nil {
		return err
	}
	var audits []auditRow
	for rows.Next() {
		var id int64
		var old, claim plan.PeriodClaim
		var oldReason, reason string
		if err := rows.Scan(&id, &old.Claim, &old.Percent, timeCol{&old.CompletedOn}, &oldReason,
			&claim.Claim, &claim.Percent, timeCol{&claim.CompletedOn}, &reason); err != nil {
			rows.Close()
			return err
		}
		c := changes{}
		c.add("claim", old.Claim, claim.Claim)
		c.add("progress", old.Percent, claim.Percent)
		c.add("completed_on", dateArg(old.CompletedOn), dateArg(claim.CompletedOn))
		c.add("claim_reason", oldReason, reason)
		audits = append(audits, auditRow{"task.claim", "task", id, map[string]any{
			"report_id": r.ID, "period": r.Period.Label, "changes": c}})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if len(audits) == 0 {
		return nil
	}
	if _, err := s.texec(ctx, tx, `UPDATE tasks SET claim_status = e.status, claim_reason = e.reason,
		progress = e.percent, completed_on = CASE WHEN e.status = 'completed' THEN e.completed_on END,
		reported_at = ?, claim_period_start = ?, version = tasks.version + 1, updated_at = ?
		FROM report_entries e WHERE `+claimWhere,
		tsArg(a.Now), start, tsArg(at), r.ID, start); err != nil {
		return err
	}
	return s.auditMany(ctx, tx, a.UserID(), audits)
}

// ReturnReport sends a submitted report back to its agency with a reason
// (reporting.ActReturn; reporting.ErrReasonRequired when empty), recording
// who, when and why. Returns the report as saved (whole). notices, when
// given, are written in the same transaction. It reads the report
// (ReadStepReport) and returns it over that read (ReturnReportOver).
func (s *Store) ReturnReport(ctx context.Context, a reporting.Actor, id int64, reason string, version int, notices ...notify.FlowNotice) (r *reporting.Report, err error) {
	defer wrap(&err, "store.ReturnReport(%d)", id)
	return s.stepWhole(ctx, id, func(x *StepReport) error {
		_, err := s.returnOver(ctx, a, x, reason, version, notices)
		return err
	})
}

// returnUpdate returns a report, guarded by the version read and its state.
const returnUpdate = `UPDATE reports AS r SET state = 'returned', returned_at = ?, returned_by = ?,
	return_reason = ?, version = r.version + 1, updated_at = ?, updated_by = ?
	WHERE r.id = ? AND r.version = ? AND r.is_current AND r.state = 'submitted' RETURNING ` + reportRowCols

// ReturnReportOver is ReturnReport over x, the report as read by the
// caller (ReadStepReport), as SubmitReportOver. It returns the report as
// returned: its header and period.
func (s *Store) ReturnReportOver(ctx context.Context, a reporting.Actor, x *StepReport, reason string, version int, notices ...notify.FlowNotice) (r *reporting.Report, err error) {
	defer wrap(&err, "store.ReturnReportOver(%d)", x.Report.ID)
	return s.returnOver(ctx, a, x, reason, version, notices)
}

func (s *Store) returnOver(ctx context.Context, a reporting.Actor, x *StepReport, reason string, version int, notices []notify.FlowNotice) (*reporting.Report, error) {
	text := normText(reason)
	step := &flowStep{act: reporting.ActReturn, update: returnUpdate,
		check: func() error { return reporting.CheckReturnReason(reason) },
		args:  []any{tsArg(a.Now), refArg(a.UserID()), text, tsArg(actorTime(a)), refArg(a.UserID())}}
	return s.takeStep(ctx, a, x, version, step, notices, func(tx *sql.Tx, old *reporting.Report) error {
		return s.audit(ctx, tx, a.UserID(), "report.return", "report", old.ID, map[string]any{
			"state": change{old.State, reporting.StateReturned}, "reason": text, "at": tsArg(a.Now),
		})
	})
}

// ReviseReport starts a correction of an accepted report
// (reporting.ActRevise): a new revision N+1 in state draft, a copy of the
// accepted one (entries, contributions, values, texts, files — the file
// contents are shared, not copied), which stays as it was and is no
// longer current. Returns the new revision (whole).
func (s *Store) ReviseReport(ctx context.Context, a reporting.Actor, id int64) (r *reporting.Report, err error) {
	defer wrap(&err, "store.ReviseReport(%d)", id)
	at := actorTime(a)
	var newID int64
	err = s.Transact(ctx, func(tx *sql.Tx) error {
		r, err := s.flowStart(ctx, tx, a, id, reporting.ActRevise, 0)
		if err != nil {
			return err
		}
		res, err := s.texec(ctx, tx, `UPDATE reports SET is_current = FALSE, version = version + 1
			WHERE id = ? AND version = ? AND is_current AND state = 'accepted'`, id, r.Version)
		if err != nil {
			return err
		}
		if err := s.guarded(ctx, tx, res, a, id, reporting.ActRevise); err != nil {
			return err
		}
		if err := s.tqueryRow(ctx, tx, `INSERT INTO reports (plan_id, period_id, agency_id, revision, is_current, state,
			sample, summary, difficulties, proposals, next_tasks, created_at, updated_at, updated_by)
			SELECT plan_id, period_id, agency_id, revision + 1, TRUE, 'draft', sample, summary, difficulties, proposals,
			next_tasks, ?, ?, ? FROM reports WHERE id = ? RETURNING id`,
			tsArg(at), tsArg(at), refArg(a.UserID()), id).Scan(&newID); err != nil {
			return err
		}
		for _, q := range []string{
			`INSERT INTO report_entries (report_id, task_id, status, percent, result, evidence, difficulties, proposals,
				completed_on, reason, explanation, version, updated_at, updated_by)
				SELECT ?, task_id, status, percent, result, evidence, difficulties, proposals, completed_on, reason,
				explanation, 1, updated_at, updated_by FROM report_entries WHERE report_id = ?`,
			`INSERT INTO report_contributions (report_id, task_id, text, version, updated_at, updated_by)
				SELECT ?, task_id, text, 1, updated_at, updated_by FROM report_contributions WHERE report_id = ?`,
			`INSERT INTO report_indicator_values (report_id, indicator_id, value, note, version, updated_at, updated_by)
				SELECT ?, indicator_id, value, note, 1, updated_at, updated_by FROM report_indicator_values WHERE report_id = ?`,
			`INSERT INTO report_files (report_id, task_id, name, content_type, size, sha256, uploaded_at, uploaded_by)
				SELECT ?, task_id, name, content_type, size, sha256, uploaded_at, uploaded_by FROM report_files
				WHERE report_id = ? ORDER BY id`,
		} {
			if _, err := s.texec(ctx, tx, q, newID, id); err != nil {
				return err
			}
		}
		if err := s.audit(ctx, tx, a.UserID(), "report.revise", "report", id, map[string]any{
			"new_report_id": newID, "revision": r.Revision + 1}); err != nil {
			return err
		}
		return s.audit(ctx, tx, a.UserID(), "report.create", "report", newID, map[string]any{
			"from_report_id": id, "revision": r.Revision + 1})
	})
	if err != nil {
		return nil, err
	}
	return s.readReport(ctx, s.r, newID)
}

// normText is s in NFC, trimmed.
func normText(s string) string { return strings.TrimSpace(vntext.NFC(s)) }
