package store

import (
	"context"
	"database/sql"
	"slices"

	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

const entryCols = `e.id, e.report_id, e.task_id, e.status, e.percent, e.result, e.evidence, e.difficulties,
	e.proposals, e.completed_on, e.reason, e.explanation, e.version, e.updated_at, e.updated_by`

func scanEntry(sc scanner) (reporting.Entry, error) {
	var e reporting.Entry
	err := sc.Scan(&e.ID, &e.ReportID, &e.TaskID, &e.Status, &e.Percent, &e.Result, &e.Evidence, &e.Difficulties,
		&e.Proposals, timeCol{&e.CompletedOn}, &e.Reason, &e.Explanation, &e.Version, timeCol{&e.UpdatedAt}, idCol{&e.UpdatedBy})
	return e, err
}

const contributionCols = `c.id, c.report_id, c.task_id, r.agency_id, c.text, c.version, r.state, c.updated_at, c.updated_by`

func scanContribution(sc scanner) (reporting.Contribution, error) {
	var c reporting.Contribution
	err := sc.Scan(&c.ID, &c.ReportID, &c.TaskID, &c.AgencyID, &c.Text, &c.Version, &c.State,
		timeCol{&c.UpdatedAt}, idCol{&c.UpdatedBy})
	return c, err
}

const valueCols = `v.id, v.report_id, v.indicator_id, v.value, v.note, v.version, v.updated_at, v.updated_by`

func scanValue(sc scanner) (reporting.IndicatorValue, error) {
	var v reporting.IndicatorValue
	var val sql.NullFloat64
	err := sc.Scan(&v.ID, &v.ReportID, &v.IndicatorID, &val, &v.Note, &v.Version, timeCol{&v.UpdatedAt}, idCol{&v.UpdatedBy})
	if val.Valid {
		v.Value = &val.Float64
	}
	return v, err
}

const fileCols = `id, report_id, task_id, name, content_type, size, sha256, uploaded_at, uploaded_by`

func scanFile(sc scanner) (reporting.File, error) {
	var f reporting.File
	err := sc.Scan(&f.ID, &f.ReportID, idCol{&f.TaskID}, &f.Name, &f.ContentType, &f.Size, &f.SHA256,
		timeCol{&f.UploadedAt}, idCol{&f.UploadedBy})
	return f, err
}

// readReport reads a report whole (see Report) on q.
func (s *Store) readReport(ctx context.Context, q querier, id int64) (*reporting.Report, error) {
	r, err := s.readReportRow(ctx, q, id)
	if err != nil {
		return nil, err
	}
	var tasks []plan.Task // the agency's tasks, for blank lines: only while the report can change
	if !r.Frozen() {
		if tasks, err = s.openTaskFacts(ctx, q, r.PlanID, r.AgencyID); err != nil {
			return nil, err
		}
	}
	if err := s.fillEntries(ctx, q, r, tasks); err != nil {
		return nil, err
	}
	if err := s.fillContributions(ctx, q, r, tasks); err != nil {
		return nil, err
	}
	if err := s.fillValues(ctx, q, r); err != nil {
		return nil, err
	}
	r.Files, err = s.reportFiles(ctx, q, r.ID)
	return r, err
}

// shownTasks lists the tasks of a report's agency with a role (lead or
// not) that the report shows: those with a saved line, and, while the
// report can change, those open in its period. saved tells whether a task
// has a saved line.
func shownTasks(r *reporting.Report, tasks []plan.Task, lead bool, saved func(int64) bool) []int64 {
	var ids []int64
	for i := range tasks {
		t := &tasks[i]
		if (t.LeadAgencyID == r.AgencyID) != lead {
			continue
		}
		if saved(t.ID) || reporting.OpenIn(t, r.Period) {
			ids = append(ids, t.ID)
		}
	}
	return ids
}

// fillEntries sets r.Entries: saved lines, and blank ones for open tasks
// the agency leads while the report can change; each with the cooperating
// agencies' contributions. (A part's save reads one task's: ReadTaskReport.)
func (s *Store) fillEntries(ctx context.Context, q querier, r *reporting.Report, tasks []plan.Task) error {
	rows, err := s.qrows(ctx, q, `SELECT `+entryCols+` FROM report_entries e JOIN tasks t ON t.id = e.task_id
		WHERE e.report_id = ? ORDER BY t.section_seq, t.ord, t.id`, r.ID)
	if err != nil {
		return err
	}
	saved := map[int64]reporting.Entry{}
	var order []int64
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			rows.Close()
			return err
		}
		saved[e.TaskID] = e
		order = append(order, e.TaskID)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	ids := shownTasks(r, tasks, true, func(id int64) bool { _, ok := saved[id]; return ok })
	for _, id := range order { // saved lines of tasks no longer the agency's
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	r.Entries = make([]reporting.Entry, len(ids))
	at := map[int64]int{}
	for i, id := range ids {
		e, ok := saved[id]
		if !ok {
			e = reporting.Entry{ReportID: r.ID, TaskID: id}
		}
		r.Entries[i] = e
		at[id] = i
	}
	if len(ids) == 0 {
		return nil
	}
	// The cooperating agencies' contributions to these tasks, from their
	// current reports for the same period.
	rows, err = s.qrows(ctx, q, `SELECT `+contributionCols+` FROM report_contributions c
		JOIN reports r ON r.id = c.report_id
		WHERE r.period_id = ? AND r.is_current AND r.agency_id <> ? AND c.text <> ''
		AND c.task_id IN (SELECT t.id FROM tasks t WHERE t.lead_agency_id = ? AND t.plan_id = ?)
		ORDER BY c.task_id, c.id`, r.PeriodID, r.AgencyID, r.AgencyID, r.PlanID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		c, err := scanContribution(rows)
		if err != nil {
			return err
		}
		if i, ok := at[c.TaskID]; ok {
			r.Entries[i].Contributions = append(r.Entries[i].Contributions, c)
		}
	}
	return rows.Err()
}

// fillContributions sets r.Contributions: the agency's own, on tasks it
// cooperates on.
func (s *Store) fillContributions(ctx context.Context, q querier, r *reporting.Report, tasks []plan.Task) error {
	rows, err := s.qrows(ctx, q, `SELECT `+contributionCols+` FROM report_contributions c
		JOIN reports r ON r.id = c.report_id JOIN tasks t ON t.id = c.task_id
		WHERE c.report_id = ? ORDER BY t.section_seq, t.ord, t.id`, r.ID)
	if err != nil {
		return err
	}
	saved := map[int64]reporting.Contribution{}
	var order []int64
	for rows.Next() {
		c, err := scanContribution(rows)
		if err != nil {
			rows.Close()
			return err
		}
		saved[c.TaskID] = c
		order = append(order, c.TaskID)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	ids := shownTasks(r, tasks, false, func(id int64) bool { _, ok := saved[id]; return ok })
	for _, id := range order {
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	r.Contributions = make([]reporting.Contribution, len(ids))
	for i, id := range ids {
		c, ok := saved[id]
		if !ok {
			c = reporting.Contribution{ReportID: r.ID, TaskID: id, AgencyID: r.AgencyID, State: r.State}
		}
		r.Contributions[i] = c
	}
	return nil
}

// fillValues sets r.Values: one per indicator the agency answers for (a
// blank one where nothing was saved, while the report can change), and
// any other saved.
func (s *Store) fillValues(ctx context.Context, q querier, r *reporting.Report) error {
	rows, err := s.qrows(ctx, q, `SELECT `+valueCols+` FROM report_indicator_values v
		JOIN indicators i ON i.id = v.indicator_id WHERE v.report_id = ? ORDER BY i.code, i.id`, r.ID)
	if err != nil {
		return err
	}
	saved := map[int64]reporting.IndicatorValue{}
	var order []int64
	for rows.Next() {
		v, err := scanValue(rows)
		if err != nil {
			rows.Close()
			return err
		}
		saved[v.IndicatorID] = v
		order = append(order, v.IndicatorID)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	var ids []int64
	if !r.Frozen() {
		rows, err := s.qrows(ctx, q, `SELECT id FROM indicators WHERE plan_id = ? AND agency_id = ? ORDER BY code, id`,
			r.PlanID, r.AgencyID)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	for _, id := range order {
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	r.Values = make([]reporting.IndicatorValue, len(ids))
	for i, id := range ids {
		v, ok := saved[id]
		if !ok {
			v = reporting.IndicatorValue{ReportID: r.ID, IndicatorID: id}
		}
		r.Values[i] = v
	}
	return nil
}

// reportFiles lists a report's files (metadata), in upload order.
func (s *Store) reportFiles(ctx context.Context, q querier, reportID int64) ([]reporting.File, error) {
	rows, err := s.qrows(ctx, q, `SELECT `+fileCols+` FROM report_files WHERE report_id = ? ORDER BY id`, reportID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []reporting.File
	for rows.Next() {
		f, err := scanFile(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, f)
	}
	return list, rows.Err()
}
