package store

import (
	"context"

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
}

// entryColCount is the number of entryCols.
const entryColCount = 15

// taskReportQuery reads a report's header and period, its plan's status,
// the task's row, whether the agency cooperates on it, and the agency's
// saved line for it, in one statement: the task and the line are NULL
// when there are none.
const taskReportQuery = `SELECT ` + reportCols + `, (SELECT pl.status FROM plans pl WHERE pl.id = r.plan_id),
	` + taskCols + `,
	EXISTS (SELECT 1 FROM task_agencies ta WHERE ta.task_id = t.id AND ta.agency_id = r.agency_id AND ta.role = 'coop'),
	` + entryCols + `
	FROM reports r JOIN periods p ON p.id = r.period_id
	LEFT JOIN tasks t ON t.id = ?
	LEFT JOIN report_entries e ON e.report_id = r.id AND e.task_id = t.id
	WHERE r.id = ?`

// ReadTaskReport reads report id for saving its part of task taskID (see
// TaskReport), in two statements: the report with the task and the line,
// then the contributions to the task (the agency's own and, for its line,
// the cooperating agencies').
func (s *Store) ReadTaskReport(ctx context.Context, id, taskID int64) (x *TaskReport, err error) {
	defer wrap(&err, "store.ReadTaskReport(%d, task %d)", id, taskID)
	row := newAnyRow(taskColCount + 1 + entryColCount)
	var status plan.PlanStatus
	r, err := scanReport(moreCols{s.queryRow(ctx, s.r, taskReportQuery, taskID, id), append([]any{&status}, row.p...)})
	if err != nil {
		return nil, err
	}
	x = &TaskReport{Report: &r, PlanStatus: status}
	if row.v[0] != nil {
		t, err := taskOfRow(row)
		if err != nil {
			return nil, err
		}
		x.Task, x.Cooperates = &t, row.bool(taskColCount)
	}
	var saved *reporting.Entry
	if row.v[taskColCount+1] != nil {
		e := entryOfRow(row, taskColCount+1)
		saved = &e
	}
	if row.err != nil {
		return nil, row.err
	}
	own, others, err := s.taskContributions(ctx, &r, taskID)
	if err != nil {
		return nil, err
	}
	x.fill(taskID, saved, own, others)
	return x, nil
}

// taskContributions reads the contributions to task taskID that report r
// shows: its agency's own (none or one), and those of the cooperating
// agencies' current reports for the same period that say something.
func (s *Store) taskContributions(ctx context.Context, r *reporting.Report, taskID int64) (own *reporting.Contribution,
	others []reporting.Contribution, err error) {
	rows, err := s.query(ctx, s.r, `SELECT `+contributionCols+` FROM report_contributions c
		JOIN reports r ON r.id = c.report_id
		WHERE c.task_id = ? AND (c.report_id = ? OR r.period_id = ? AND r.is_current AND r.agency_id <> ? AND c.text <> '')
		ORDER BY c.id`, taskID, r.ID, r.PeriodID, r.AgencyID)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	for rows.Next() {
		c, err := scanContribution(rows)
		if err != nil {
			return nil, nil, err
		}
		if c.ReportID == r.ID {
			own = &c
		} else {
			others = append(others, c)
		}
	}
	return own, others, rows.Err()
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

// entryOfRow is the line in row's entryCols from column at; its ID is 0
// when they are NULL (no saved line).
func entryOfRow(row *anyRow, at int) reporting.Entry {
	return reporting.Entry{ID: row.int(at), ReportID: row.int(at + 1), TaskID: row.int(at + 2),
		Status: plan.Claim(row.str(at + 3)), Percent: int(row.int(at + 4)), Result: row.str(at + 5),
		Evidence: row.str(at + 6), Difficulties: row.str(at + 7), Proposals: row.str(at + 8),
		CompletedOn: row.time(at + 9), Reason: row.str(at + 10), Explanation: row.str(at + 11),
		Version: int(row.int(at + 12)), UpdatedAt: row.time(at + 13), UpdatedBy: row.int(at + 14)}
}
