package store

import (
	"context"
	"slices"
	"time"

	"tiendo/internal/reporting"
)

// The rows behind the "my work" pages; reporting.NewAgencyWork and
// reporting.NewCoordinatorWork group, judge and sort them.

// AgencyWorkFacts reads what an agency's "my work" is built from, over
// every active plan the agency has tasks in: its current reports not yet
// accepted of periods started by today (the missing report rows are made
// first, EnsureReports), by due day; and its open tasks (lead or
// cooperating) neither paused nor cancelled, due on or before dueBy, and
// its recurring and continuous tasks (judged per period: completed or not,
// and without a due day), by due day.
func (s *Store) AgencyWorkFacts(ctx context.Context, agencyID int64, today, dueBy time.Time) (f *reporting.AgencyWorkFacts, err error) {
	defer wrap(&err, "store.AgencyWorkFacts(%d)", agencyID)
	today = dayOrToday(today)
	plans, err := s.agencyPlans(ctx, agencyID)
	if err != nil {
		return nil, err
	}
	for _, id := range plans {
		if err := s.EnsureReports(ctx, id, today); err != nil {
			return nil, err
		}
	}
	f = &reporting.AgencyWorkFacts{AgencyID: agencyID, Plans: plans}
	if f.Reports, err = s.agencyReports(ctx, agencyID, today); err != nil {
		return nil, err
	}
	if f.Tasks, err = s.agencyTasksDue(ctx, agencyID, dueBy); err != nil {
		return nil, err
	}
	return f, nil
}

// agencyTaskIDs selects the IDs of the tasks agency ? leads or ? cooperates
// on (both placeholders the agency's ID), for inIDs.
const agencyTaskIDs = `SELECT l.id FROM tasks l WHERE l.lead_agency_id = ?
	UNION ALL SELECT ta.task_id FROM task_agencies ta WHERE ta.agency_id = ? AND ta.role = 'coop'`

// inIDs is "IN (sub)" for a subquery selecting IDs, written on PostgreSQL
// as "= ANY(ARRAY(sub))": the IDs are then read once and looked up in the
// primary key. Given the IN form, PostgreSQL's planner hashes the IDs and
// scans the whole table against them — every task of the database for
// each "Việc của tôi" (issue 21: 16 ms against 1.7 ms on one province's
// 2,000 tasks, and the table grows with every plan). SQLite already looks
// the IDs up.
func (s *Store) inIDs(sub string) string {
	if s.dialect == dialectPostgres {
		return "= ANY(ARRAY(" + sub + "))"
	}
	return "IN (" + sub + ")"
}

// AgencyWorkVersion reads, in one query, what the agency's "my work"
// (AgencyWorkFacts and the plans' periods and regimes judged with it) is
// a function of besides the day: the agency's own counter (migration
// 00031: its reports' state, revision, submission and return), the
// plan_names counter (any plan's number or title, 00031), then every
// plan's ID and facts version in ID order — a task given to the agency in
// any plan changes its list, and every other row it shows moves its
// plan's facts version (store.FigureTables). What was read after
// these were is right for every later reader that reads the same.
func (s *Store) AgencyWorkVersion(ctx context.Context, agencyID int64) (v []int64, err error) {
	defer wrap(&err, "store.AgencyWorkVersion(%d)", agencyID)
	v, err = watched(s, watchKey{kind: watchWork, id: agencyID}, func() ([]int64, error) {
		rows, err := s.query(ctx, s.r, `SELECT COALESCE((SELECT version FROM agency_work_versions WHERE agency_id = ?), 0),
			(SELECT value FROM counters WHERE name = 'plan_names'), id, facts_version FROM plans ORDER BY id`, agencyID)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		v := []int64{0, 0}
		for rows.Next() {
			var id, facts int64
			if err := rows.Scan(&v[0], &v[1], &id, &facts); err != nil {
				return nil, err
			}
			v = append(v, id, facts)
		}
		return v, rows.Err()
	})
	return slices.Clone(v), err
}

// agencyPlans lists the active plans in which the agency leads or
// cooperates on a task.
func (s *Store) agencyPlans(ctx context.Context, agencyID int64) ([]int64, error) {
	// The agency's tasks are read once, not once per plan: with a
	// correlated EXISTS each of a national register's plans re-read every
	// task the agency cooperates on, a thousand seeks on each "Việc của
	// tôi" (issue 21).
	return s.queryIDs(ctx, s.r, `SELECT p.id FROM plans p WHERE p.status = 'active' AND p.id IN (
		SELECT t.plan_id FROM tasks t WHERE t.id `+s.inIDs(agencyTaskIDs)+`) ORDER BY p.id`, agencyID, agencyID)
}

// agencyReports reads the agency's current revisions, not accepted, of
// periods of active plans started by today.
func (s *Store) agencyReports(ctx context.Context, agencyID int64, today time.Time) ([]reporting.DueReport, error) {
	rows, err := s.query(ctx, s.r, `SELECT r.id, r.plan_id, pl.code, pl.title, r.state, r.revision, r.submitted_at,
		r.on_time, r.returned_at, r.return_reason, p.id, p.plan_id, p.frequency, p.year, p.no, p.label, p.start_date,
		p.end_date, p.cutoff_start, p.cutoff_end, p.due_date
		FROM reports r JOIN periods p ON p.id = r.period_id JOIN plans pl ON pl.id = r.plan_id
		WHERE r.agency_id = ? AND r.is_current AND r.state <> 'accepted' AND p.start_date <= ? AND pl.status = 'active'
		ORDER BY p.due_date, r.plan_id, r.id`, agencyID, dateArg(today))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []reporting.DueReport
	for rows.Next() {
		var d reporting.DueReport
		p := &d.Period
		if err := rows.Scan(&d.ReportID, &d.PlanID, &d.PlanCode, &d.PlanTitle, &d.State, &d.Revision,
			timeCol{&d.SubmittedAt}, &d.OnTime, timeCol{&d.ReturnedAt}, &d.ReturnReason, &p.ID, &p.PlanID,
			&p.Frequency, &p.Year, &p.No, &p.Label, timeCol{&p.Start}, timeCol{&p.End}, timeCol{&p.CutoffStart},
			timeCol{&p.CutoffEnd}, timeCol{&p.Due}); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// agencyTasksDue reads the agency's open tasks (lead or cooperating) in
// active plans with a due day on or before dueBy, neither paused nor
// cancelled.
func (s *Store) agencyTasksDue(ctx context.Context, agencyID int64, dueBy time.Time) ([]reporting.AgencyTask, error) {
	rows, err := s.query(ctx, s.r, `SELECT t.id, t.plan_id, pl.code, t.title, t.lead_agency_id, t.deadline_kind,
		t.deadline_text, t.due_date, t.deadline_start, t.deadline_every, t.progress, t.reported_at, t.claim_status,
		t.completed_on, t.claim_period_start
		FROM tasks t JOIN plans pl ON pl.id = t.plan_id
		WHERE pl.status = 'active' AND t.claim_status NOT IN ('paused', 'cancelled')
		AND (t.completed_on IS NULL AND t.due_date <= ? OR `+perPeriod+`)
		AND t.id `+s.inIDs(agencyTaskIDs)+`
		ORDER BY t.due_date, t.plan_id, t.section_seq, t.ord`,
		dateArg(dueBy), agencyID, agencyID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []reporting.AgencyTask
	for rows.Next() {
		var a reporting.AgencyTask
		t := &a.Task
		d := &t.Deadline
		if err := rows.Scan(&t.ID, &t.PlanID, &a.PlanCode, &t.Title, idCol{&t.LeadAgencyID}, &d.Kind, &d.Text,
			timeCol{&d.Due}, timeCol{&d.Start}, &d.Every, &t.Progress, timeCol{&t.ReportedAt}, &t.Claim,
			timeCol{&t.CompletedOn}, timeCol{&t.ClaimPeriod}); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// CoordinatorWorkFacts reads what the coordinator's "my work" for plan
// planID is built from: the plan's number and title, its periods (of the
// current regime), every report row of those started by today after the
// missing ones are made (EnsureReports), and the agencies' names and name
// order. ErrNotFound when the plan does not exist.
func (s *Store) CoordinatorWorkFacts(ctx context.Context, planID int64, today time.Time) (f *reporting.CoordinatorWorkFacts, err error) {
	defer wrap(&err, "store.CoordinatorWorkFacts(%d)", planID)
	today = dayOrToday(today)
	f = &reporting.CoordinatorWorkFacts{PlanID: planID}
	if err := s.queryRow(ctx, s.r, `SELECT code, title FROM plans WHERE id = ?`, planID).Scan(&f.PlanCode, &f.PlanTitle); err != nil {
		return nil, err
	}
	if err := s.EnsureReports(ctx, planID, today); err != nil {
		return nil, err
	}
	if f.Periods, err = s.periods(ctx, planID); err != nil {
		return nil, err
	}
	if f.Reports, err = s.planReportStates(ctx, planID, f.Periods, today); err != nil {
		return nil, err
	}
	if f.AgencyRank, err = s.agencyRank(ctx); err != nil {
		return nil, err
	}
	if f.AgencyNames, err = s.agencyNames(ctx); err != nil {
		return nil, err
	}
	return f, nil
}

// planReportStates reads where every report of the given periods of the
// plan started by today stands in the flow (reports exist for no other):
// every revision, by period, agency and revision. Naming the periods lets
// the (period, agency, revision) index give the rows in order, unsorted.
func (s *Store) planReportStates(ctx context.Context, planID int64, periods []reporting.Period, today time.Time) ([]reporting.ReportState, error) {
	args := []any{planID}
	for _, p := range periods {
		if !p.Start.After(today) {
			args = append(args, p.ID)
		}
	}
	if len(args) == 1 {
		return nil, nil
	}
	rows, err := s.query(ctx, s.r, `SELECT r.id, r.period_id, r.agency_id, r.revision, r.is_current, r.state,
		r.submitted_at, r.on_time FROM reports r WHERE r.plan_id = ? AND r.period_id IN (`+placeholders(len(args)-1)+`)
		ORDER BY r.period_id, r.agency_id, r.revision`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []reporting.ReportState
	for rows.Next() {
		var r reporting.ReportState
		if err := rows.Scan(&r.ID, &r.PeriodID, &r.AgencyID, &r.Revision, &r.Current, &r.State,
			timeCol{&r.SubmittedAt}, &r.OnTime); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
