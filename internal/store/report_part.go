package store

import (
	"context"
	"database/sql"

	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// TaskReport is a report read for saving its part of one task: its header
// and period, the agency's line for the task (with the cooperating
// agencies' contributions) or its own contribution to it, each as Report
// would show it — saved, or blank when the task is the agency's and open
// in the period while the report can change — with the task's row and
// the plan's status. Values and files are not read: saving one part needs
// no more, and a whole report is its agency's every task (issue 21: 11 %
// of the deadline mix's CPU went to reading it whole before each save). A save
// checks the person's rights and the part's version on it and writes over
// it (SaveEntryOver, SaveContributionOver), its statements guarded so that
// a change made since the read is refused instead of overwritten: the
// transaction does not read these rows again (issue 21: an entry save read
// the report, the task and the line twice, once before and once inside
// its transaction, then the task twice more for its answer).
type TaskReport struct {
	// Report is the header and period, with the agency's line for the task
	// (and the cooperating agencies' contributions to it) or its own
	// contribution to it, as above.
	Report *reporting.Report
	// Task is the task's row; nil when there is no such task.
	Task *plan.Task
	// Cooperates says whether the report's agency cooperates on Task.
	Cooperates bool
	// PlanStatus is the status of the report's plan: a replaced or closed
	// plan's reports are history.
	PlanStatus plan.PlanStatus
	// Prior is Task's line in the latest accepted report before this one
	// (PriorResults'), by which a line's save judges its warnings; nil
	// when there is none.
	Prior *reporting.TaskResult
}

// entryColCount is the number of entryCols.
const entryColCount = 15

// taskReportQuery reads, in one statement, a report's header and period,
// its plan's status, the task's row, whether the agency cooperates on it,
// the agency's saved line for it, the task's prior accepted line (as
// PriorResults finds it: the warnings of a saved line are judged by it)
// and the contributions to the task the report shows (the agency's own
// and, from the cooperating agencies' current reports for the same
// period, those that say something) — a row for each
// contribution, or one with NULL contribution columns when there are
// none. The task, the lines and the contributions are NULL when there are
// none. The contributions ride on the report's row by a LEFT JOIN: a task
// has a handful of cooperating agencies, and a second statement was a
// round trip of every save (issue 21, PostgreSQL).
//
// The arguments are CAST: with ANALYZE's statistics (STAT4) SQLite
// re-prepares a statement at every run when a bare bound value can steer
// its plan — here through the equalities it derives from them (e.report_id
// = r.id = ?, on a non-unique index) — and re-preparing this statement
// cost more than running it; a CAST is a value it does not look into. The
// contributions are matched on the argument, not on t.id: SQLite reads
// the parenthesised join whole when its condition refers to another table.
const taskReportQuery = `SELECT ` + reportCols + `, (SELECT pl.status FROM plans pl WHERE pl.id = r.plan_id),
	` + taskCols + `,
	EXISTS (SELECT 1 FROM task_agencies ta WHERE ta.task_id = t.id AND ta.agency_id = r.agency_id AND ta.role = 'coop'),
	` + entryCols + `,
	` + priorCols + `,
	` + ownContributionCols + `
	FROM reports r JOIN periods p ON p.id = r.period_id
	LEFT JOIN tasks t ON t.id = CAST(? AS BIGINT)
	LEFT JOIN report_entries e ON e.report_id = r.id AND e.task_id = t.id
	LEFT JOIN report_entries pe ON pe.id = (SELECT e2.id FROM report_entries e2 JOIN reports r2 ON r2.id = e2.report_id
		JOIN periods p2 ON p2.id = r2.period_id
		WHERE e2.task_id = t.id AND r2.state = 'accepted' AND e2.status <> ''
		AND (p2.start_date < p.start_date OR r2.period_id = r.period_id AND r2.revision < r.revision)
		ORDER BY p2.start_date DESC, r2.revision DESC LIMIT 1)
	LEFT JOIN reports pr ON pr.id = pe.report_id
	LEFT JOIN periods pp ON pp.id = pr.period_id
	LEFT JOIN (report_contributions c JOIN reports cr ON cr.id = c.report_id) ON c.task_id = CAST(? AS BIGINT)
		AND (c.report_id = r.id OR cr.period_id = r.period_id AND cr.is_current AND cr.agency_id <> r.agency_id AND c.text <> '')
	WHERE r.id = CAST(? AS BIGINT)
	ORDER BY c.id`

// priorCols are resultCols of the prior accepted line (pe), its report
// (pr) and period (pp); priorColCount counts them.
const priorCols = `pp.id, pp.plan_id, pp.frequency, pp.year, pp.no, pp.label, pp.start_date, pp.end_date,
	pp.cutoff_start, pp.cutoff_end, pp.due_date, pr.id, pr.revision, pr.agency_id, pr.submitted_at, pr.on_time,
	pr.accepted_at, pr.accepted_by, pe.id, pe.report_id, pe.task_id, pe.status, pe.percent, pe.result, pe.evidence,
	pe.difficulties, pe.proposals, pe.completed_on, pe.reason, pe.explanation, pe.version, pe.updated_at, pe.updated_by`

const priorColCount = 18 + entryColCount

// ownContributionCols are contributionCols of c and its report cr;
// contributionColCount counts them.
const ownContributionCols = `c.id, c.report_id, c.task_id, cr.agency_id, c.text, c.version, cr.state, c.updated_at, c.updated_by`

const contributionColCount = 9

// ReadTaskReport reads report id for saving its part of task taskID (see
// TaskReport), in one statement (taskReportQuery).
func (s *Store) ReadTaskReport(ctx context.Context, id, taskID int64) (x *TaskReport, err error) {
	defer wrap(&err, "store.ReadTaskReport(%d, task %d)", id, taskID)
	const (
		coop  = taskColCount
		line  = coop + 1
		prior = line + entryColCount
		part  = prior + priorColCount
	)
	rows, err := s.query(ctx, s.r, taskReportQuery, taskID, taskID, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	row := newAnyRow(part + contributionColCount)
	var (
		entry  *reporting.Entry
		own    *reporting.Contribution
		others []reporting.Contribution
	)
	for rows.Next() {
		var status plan.PlanStatus
		r, err := scanReport(moreCols{rows, append([]any{&status}, row.p...)})
		if err != nil {
			return nil, err
		}
		if x == nil { // the report, the task and the lines: the same on every row
			x = &TaskReport{Report: &r, PlanStatus: status}
			if row.v[0] != nil {
				t, err := taskOfRow(row)
				if err != nil {
					return nil, err
				}
				x.Task, x.Cooperates = &t, row.bool(coop)
			}
			if row.v[line] != nil {
				e := entryOfRow(row, line)
				entry = &e
			}
			if row.v[prior] != nil {
				p := resultOfRow(row, prior)
				x.Prior = &p
			}
		}
		if row.v[part] != nil {
			c := contributionOfRow(row, part)
			if c.ReportID == id {
				own = &c
			} else {
				others = append(others, c)
			}
		}
		if row.err != nil {
			return nil, row.err
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if x == nil {
		return nil, sql.ErrNoRows
	}
	x.fill(taskID, entry, own, others)
	return x, nil
}

// fill sets x.Report's parts of task taskID as Report shows them (see
// fillEntries and fillContributions): the saved line, or a blank one when
// the task is the agency's to lead and open in the period while the report
// can change, with the other agencies' contributions when the agency
// leads the task; likewise its own contribution to a task it cooperates on.
func (x *TaskReport) fill(taskID int64, saved *reporting.Entry, own *reporting.Contribution, others []reporting.Contribution) {
	r, t := x.Report, x.Task
	// openTaskFact's rule: a task of the plan with a lead, that the agency
	// leads or cooperates on, open in the period.
	open := t != nil && !r.Frozen() && t.PlanID == r.PlanID && t.LeadAgencyID != 0 &&
		(t.LeadAgencyID == r.AgencyID || x.Cooperates) && reporting.OpenIn(t, r.Period)
	leads := t != nil && t.LeadAgencyID == r.AgencyID
	r.Entries, r.Contributions = []reporting.Entry{}, []reporting.Contribution{}
	switch {
	case saved != nil:
		r.Entries = []reporting.Entry{*saved}
	case open && leads:
		r.Entries = []reporting.Entry{{ReportID: r.ID, TaskID: taskID}}
	}
	if len(r.Entries) == 1 && leads && t.PlanID == r.PlanID {
		r.Entries[0].Contributions = others
	}
	switch {
	case own != nil:
		r.Contributions = []reporting.Contribution{*own}
	case open && !leads:
		r.Contributions = []reporting.Contribution{{ReportID: r.ID, TaskID: taskID, AgencyID: r.AgencyID, State: r.State}}
	}
}

// contributionOfRow is the contribution in row's contributionCols from
// column at (scanContribution's).
func contributionOfRow(row *anyRow, at int) reporting.Contribution {
	return reporting.Contribution{ID: row.int(at), ReportID: row.int(at + 1), TaskID: row.int(at + 2),
		AgencyID: row.int(at + 3), Text: row.str(at + 4), Version: int(row.int(at + 5)),
		State: reporting.State(row.str(at + 6)), UpdatedAt: row.time(at + 7), UpdatedBy: row.int(at + 8)}
}

// resultOfRow is the accepted line in row's priorCols from column at
// (scanResult's).
func resultOfRow(row *anyRow, at int) reporting.TaskResult {
	return reporting.TaskResult{
		Period: reporting.Period{ID: row.int(at), PlanID: row.int(at + 1), Frequency: reporting.Frequency(row.str(at + 2)),
			Year: int(row.int(at + 3)), No: int(row.int(at + 4)), Label: row.str(at + 5), Start: row.time(at + 6),
			End: row.time(at + 7), CutoffStart: row.time(at + 8), CutoffEnd: row.time(at + 9), Due: row.time(at + 10)},
		ReportID: row.int(at + 11), Revision: int(row.int(at + 12)), AgencyID: row.int(at + 13),
		SubmittedAt: row.time(at + 14), OnTime: row.bool(at + 15), AcceptedAt: row.time(at + 16),
		AcceptedBy: row.int(at + 17), Entry: entryOfRow(row, at+18)}
}

// entryOfRow is the line in row's entryCols from column at; its ID is 0
// when they are NULL (no saved line).
func entryOfRow(row *anyRow, at int) reporting.Entry {
	return reporting.Entry{ID: row.int(at), ReportID: row.int(at + 1), TaskID: row.int(at + 2),
		Status: plan.Claim(row.str(at + 3)), Percent: int(row.int(at + 4)), Result: row.str(at + 5),
		Evidence: row.str(at + 6), Difficulties: row.str(at + 7), Proposals: row.str(at + 8),
		CompletedOn: row.time(at + 9), Reason: row.str(at + 10), Explanation: row.str(at + 11),
		Version: int(row.int(at + 12)), UpdatedAt: row.time(at + 13), UpdatedBy: row.int(at + 14)}
}
