package store

import (
	"context"
	"database/sql"

	"tiendo/internal/reporting"
)

// resultCols are the columns of a task's line in an accepted report with
// its report and period (scanResult).
const resultCols = `p.id, p.plan_id, p.frequency, p.year, p.no, p.label, p.start_date, p.end_date, p.cutoff_start,
	p.cutoff_end, p.due_date, r.id, r.revision, r.agency_id, r.submitted_at, r.on_time, r.accepted_at, r.accepted_by, ` + entryCols

const resultFrom = ` FROM report_entries e JOIN reports r ON r.id = e.report_id JOIN periods p ON p.id = r.period_id`

func scanResult(sc scanner) (reporting.TaskResult, error) {
	var x reporting.TaskResult
	p, e := &x.Period, &x.Entry
	err := sc.Scan(&p.ID, &p.PlanID, &p.Frequency, &p.Year, &p.No, &p.Label, timeCol{&p.Start}, timeCol{&p.End},
		timeCol{&p.CutoffStart}, timeCol{&p.CutoffEnd}, timeCol{&p.Due}, &x.ReportID, &x.Revision, &x.AgencyID,
		timeCol{&x.SubmittedAt}, &x.OnTime, timeCol{&x.AcceptedAt}, idCol{&x.AcceptedBy},
		&e.ID, &e.ReportID, &e.TaskID, &e.Status, &e.Percent, &e.Result, &e.Evidence, &e.Difficulties,
		&e.Proposals, timeCol{&e.CompletedOn}, &e.Reason, &e.Explanation, &e.Version, timeCol{&e.UpdatedAt}, idCol{&e.UpdatedBy})
	return x, err
}

// TaskResults lists task taskID's lines in accepted reports, one per
// period — the highest accepted revision —, the latest period first, each
// with the files attached to it. Lines without a status are left out.
func (s *Store) TaskResults(ctx context.Context, taskID int64) (list []reporting.TaskResult, err error) {
	defer wrap(&err, "store.TaskResults(%d)", taskID)
	rows, err := s.query(ctx, s.r, `SELECT `+resultCols+resultFrom+`
		WHERE e.task_id = ? AND r.state = 'accepted' AND e.status <> ''
		ORDER BY p.start_date DESC, r.revision DESC`, taskID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	seen := map[int64]bool{}
	for rows.Next() {
		x, err := scanResult(rows)
		if err != nil {
			return nil, err
		}
		if !seen[x.Period.ID] {
			seen[x.Period.ID] = true
			list = append(list, x)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	for i := range list {
		if list[i].Files, err = s.entryFiles(ctx, s.r, list[i].ReportID, taskID); err != nil {
			return nil, err
		}
	}
	return list, nil
}

// entryFiles lists the files attached to task taskID's line of a report.
func (s *Store) entryFiles(ctx context.Context, q querier, reportID, taskID int64) ([]reporting.File, error) {
	rows, err := s.query(ctx, q, `SELECT `+fileCols+` FROM report_files WHERE report_id = ? AND task_id = ? ORDER BY id`,
		reportID, taskID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []reporting.File
	for rows.Next() {
		f, err := scanFile(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// PriorResults finds, for each of tasks, its line in the latest accepted
// report before revision revision of period p — of an earlier period, or
// an earlier revision of p —, whichever agency sent it (a reorganisation
// may have moved the task). Tasks without one are missing from the map.
// Files are not read.
func (s *Store) PriorResults(ctx context.Context, tasks []int64, p reporting.Period, revision int) (out map[int64]*reporting.TaskResult, err error) {
	defer wrap(&err, "store.PriorResults(period %d)", p.ID)
	out = map[int64]*reporting.TaskResult{}
	if len(tasks) == 0 {
		return out, nil
	}
	args := make([]any, 0, len(tasks)+4)
	for _, id := range tasks {
		args = append(args, id)
	}
	start := dateArg(p.Start)
	args = append(args, start, p.ID, revision)
	// Only each task's latest row is kept: for one task (a line saved) one
	// row is read, not its every accepted report.
	limit := ""
	if len(tasks) == 1 {
		limit = ` LIMIT 1`
	}
	var rows *sql.Rows
	rows, err = s.query(ctx, s.r, `SELECT `+resultCols+resultFrom+`
		WHERE e.task_id IN (`+placeholders(len(tasks))+`) AND r.state = 'accepted' AND e.status <> ''
		AND (p.start_date < ? OR r.period_id = ? AND r.revision < ?)
		ORDER BY e.task_id, p.start_date DESC, r.revision DESC`+limit, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		x, err := scanResult(rows)
		if err != nil {
			return nil, err
		}
		if out[x.Entry.TaskID] == nil {
			out[x.Entry.TaskID] = &x
		}
	}
	return out, rows.Err()
}
