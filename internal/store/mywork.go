package store

import (
	"context"
	"slices"
	"time"

	"tiendo/internal/clock"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// AgencyWork is "Việc của tôi" for a head or officer of the agency, over
// every active plan the agency has tasks in, on today: reports to send
// (late first), returned, waiting for review; open tasks it leads or
// cooperates on that are overdue or due within dueSoon days
// (plan.DefaultDueSoonDays when ≤ 0), most overdue first.
func (s *Store) AgencyWork(ctx context.Context, agencyID int64, today time.Time, dueSoon int) (w *reporting.AgencyWork, err error) {
	defer wrap(&err, "store.AgencyWork(%d)", agencyID)
	today = dayOrToday(today)
	if dueSoon <= 0 {
		dueSoon = plan.DefaultDueSoonDays
	}
	plans, err := s.agencyPlans(ctx, agencyID)
	if err != nil {
		return nil, err
	}
	for _, id := range plans {
		if err := s.EnsureReports(ctx, id, today); err != nil {
			return nil, err
		}
	}
	w = &reporting.AgencyWork{AgencyID: agencyID, Today: today}
	if err := s.agencyReports(ctx, w, today); err != nil {
		return nil, err
	}
	if err := s.agencyAlerts(ctx, w, today, dueSoon); err != nil {
		return nil, err
	}
	return w, nil
}

// agencyPlans lists the active plans in which the agency leads or
// cooperates on a task.
func (s *Store) agencyPlans(ctx context.Context, agencyID int64) ([]int64, error) {
	rows, err := s.query(ctx, s.r, `SELECT p.id FROM plans p WHERE p.status = 'active' AND (
		EXISTS (SELECT 1 FROM tasks t WHERE t.lead_agency_id = ? AND t.plan_id = p.id)
		OR EXISTS (SELECT 1 FROM task_agencies ta JOIN tasks t ON t.id = ta.task_id
			WHERE ta.agency_id = ? AND ta.role = 'coop' AND t.plan_id = p.id)) ORDER BY p.id`, agencyID, agencyID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// agencyReports fills the report lists of w: current revisions of started
// periods of active plans.
func (s *Store) agencyReports(ctx context.Context, w *reporting.AgencyWork, today time.Time) error {
	rows, err := s.query(ctx, s.r, `SELECT r.id, r.plan_id, pl.code, pl.title, r.state, r.revision, r.submitted_at,
		r.on_time, r.returned_at, r.return_reason, p.id, p.plan_id, p.frequency, p.year, p.no, p.label, p.start_date,
		p.end_date, p.cutoff_start, p.cutoff_end, p.due_date
		FROM reports r JOIN periods p ON p.id = r.period_id JOIN plans pl ON pl.id = r.plan_id
		WHERE r.agency_id = ? AND r.is_current AND r.state <> 'accepted' AND p.start_date <= ? AND pl.status = 'active'
		ORDER BY p.due_date, r.plan_id, r.id`, w.AgencyID, dateArg(today))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var d reporting.DueReport
		p := &d.Period
		if err := rows.Scan(&d.ReportID, &d.PlanID, &d.PlanCode, &d.PlanTitle, &d.State, &d.Revision,
			timeCol{&d.SubmittedAt}, &d.OnTime, timeCol{&d.ReturnedAt}, &d.ReturnReason, &p.ID, &p.PlanID,
			&p.Frequency, &p.Year, &p.No, &p.Label, timeCol{&p.Start}, timeCol{&p.End}, timeCol{&p.CutoffStart},
			timeCol{&p.CutoffEnd}, timeCol{&p.Due}); err != nil {
			return err
		}
		d.DaysToDue = p.DaysToDue(today)
		switch d.State {
		case reporting.StateReturned:
			w.Returned = append(w.Returned, d)
		case reporting.StateSubmitted:
			w.Waiting = append(w.Waiting, d)
		default:
			w.Due = append(w.Due, d)
		}
	}
	return rows.Err()
}

// agencyAlerts fills w.Tasks: the agency's open tasks (lead or
// cooperating) in active plans with a due day on or before today+dueSoon,
// neither paused nor cancelled — overdue or due soon by plan.ComputeStatus.
func (s *Store) agencyAlerts(ctx context.Context, w *reporting.AgencyWork, today time.Time, dueSoon int) error {
	rows, err := s.query(ctx, s.r, `SELECT t.id, t.plan_id, pl.code, t.title, t.lead_agency_id, t.deadline_kind,
		t.deadline_text, t.due_date, t.deadline_start, t.deadline_every, t.progress, t.reported_at, t.claim_status
		FROM tasks t JOIN plans pl ON pl.id = t.plan_id
		WHERE pl.status = 'active' AND t.completed_on IS NULL AND t.claim_status NOT IN ('paused', 'cancelled')
		AND t.due_date <= ? AND t.id IN (SELECT l.id FROM tasks l WHERE l.lead_agency_id = ?
			UNION ALL SELECT ta.task_id FROM task_agencies ta WHERE ta.agency_id = ? AND ta.role = 'coop')
		ORDER BY t.due_date, t.plan_id, t.section_seq, t.ord`,
		dateArg(today.AddDate(0, 0, dueSoon)), w.AgencyID, w.AgencyID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var t plan.Task
		var code string
		d := &t.Deadline
		if err := rows.Scan(&t.ID, &t.PlanID, &code, &t.Title, idCol{&t.LeadAgencyID}, &d.Kind, &d.Text,
			timeCol{&d.Due}, timeCol{&d.Start}, &d.Every, &t.Progress, timeCol{&t.ReportedAt}, &t.Claim); err != nil {
			return err
		}
		st := plan.ComputeStatus(&t, today, dueSoon)
		if st != plan.StatusOverdue && st != plan.StatusDueSoon {
			continue
		}
		w.Tasks = append(w.Tasks, reporting.TaskAlert{
			TaskID: t.ID, PlanID: t.PlanID, PlanCode: code, Title: t.Title, Deadline: t.Deadline, Status: st,
			OverdueDays: plan.OverdueDays(&t, today), DaysToDue: clock.DaysBetween(today, d.Due),
			Lead: t.LeadAgencyID == w.AgencyID,
		})
	}
	return rows.Err()
}

// CoordinatorWork is "Việc của tôi" for the coordinator for one period of
// a plan (periodID 0: the period containing today, else the plan's last
// started one, else its first): who has not sent, what waits for review,
// and completeness and on-time figures per agency (reporting.Figures)
// for the period and for every period up to it.
//
// Figures count, per (period, agency), the first revision: the
// expectation is its row (EnsureReports makes one per expected agency);
// received when submitted or accepted; on time by its last submission.
// Reads: the expected reports are ensured, then one query reads every
// report of the periods up to the chosen one.
func (s *Store) CoordinatorWork(ctx context.Context, planID, periodID int64, today time.Time) (w *reporting.CoordinatorWork, err error) {
	defer wrap(&err, "store.CoordinatorWork(plan %d, period %d)", planID, periodID)
	today = dayOrToday(today)
	w = &reporting.CoordinatorWork{PlanID: planID, Today: today}
	if err := s.queryRow(ctx, s.r, `SELECT code, title FROM plans WHERE id = ?`, planID).Scan(&w.PlanCode, &w.PlanTitle); err != nil {
		return nil, err
	}
	if err := s.EnsureReports(ctx, planID, today); err != nil {
		return nil, err
	}
	periods, err := s.periods(ctx, planID)
	if err != nil {
		return nil, err
	}
	if len(periods) == 0 {
		return nil, ErrNotFound
	}
	w.Period = pickPeriod(periods, periodID, today)
	if w.Period.ID == 0 {
		return nil, ErrNotFound
	}
	ids := make([]any, 0, len(periods)+1)
	ids = append(ids, planID)
	for _, p := range periods {
		if !p.Start.After(w.Period.Start) {
			ids = append(ids, p.ID)
		}
	}
	rows, err := s.query(ctx, s.r, `SELECT r.id, r.period_id, r.agency_id, r.revision, r.is_current, r.state,
		r.submitted_at, r.on_time FROM reports r WHERE r.plan_id = ? AND r.period_id IN (`+placeholders(len(ids)-1)+`)
		ORDER BY r.period_id, r.agency_id, r.revision`, ids...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	figures := map[int64]*reporting.AgencyFigures{}
	var order []int64
	for rows.Next() {
		var r reporting.Report
		if err := rows.Scan(&r.ID, &r.PeriodID, &r.AgencyID, &r.Revision, &r.Current, &r.State,
			timeCol{&r.SubmittedAt}, &r.OnTime); err != nil {
			return nil, err
		}
		f := figures[r.AgencyID]
		if f == nil {
			f = &reporting.AgencyFigures{AgencyID: r.AgencyID}
			figures[r.AgencyID] = f
			order = append(order, r.AgencyID)
		}
		this := r.PeriodID == w.Period.ID
		if r.Revision == 1 {
			g := firstRevisionFigures(r.State, r.OnTime)
			f.ToDate.Add(g)
			if this {
				f.Period.Add(g)
				if !r.State.Received() {
					w.Missing = append(w.Missing, agencyReport(&r, w.Period, today))
				}
			}
		}
		if this && r.Current && r.State == reporting.StateSubmitted {
			w.Waiting = append(w.Waiting, agencyReport(&r, w.Period, today))
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	rank, err := s.agencyRank(ctx)
	if err != nil {
		return nil, err
	}
	names, err := s.agencyNames(ctx)
	if err != nil {
		return nil, err
	}
	byName := func(a, b int64) int { return rank[a] - rank[b] }
	slices.SortFunc(order, byName)
	for _, id := range order {
		f := figures[id]
		f.AgencyName = names[id]
		w.Agencies = append(w.Agencies, *f)
		w.Totals.Add(f.Period)
		w.ToDate.Add(f.ToDate)
	}
	for i := range w.Missing {
		w.Missing[i].AgencyName = names[w.Missing[i].AgencyID]
	}
	slices.SortFunc(w.Missing, func(a, b reporting.AgencyReport) int { return byName(a.AgencyID, b.AgencyID) })
	for i := range w.Waiting {
		w.Waiting[i].AgencyName = names[w.Waiting[i].AgencyID]
	}
	slices.SortStableFunc(w.Waiting, func(a, b reporting.AgencyReport) int { return a.SubmittedAt.Compare(b.SubmittedAt) })
	return w, nil
}

// pickPeriod chooses the period of CoordinatorWork: the one asked for, the
// one containing today, the last started, or the first.
func pickPeriod(periods []reporting.Period, id int64, today time.Time) reporting.Period {
	if id != 0 {
		for _, p := range periods {
			if p.ID == id {
				return p
			}
		}
		return reporting.Period{}
	}
	last := periods[0]
	for _, p := range periods {
		if p.Contains(today) {
			return p
		}
		if p.Started(today) {
			last = p
		}
	}
	return last
}

// firstRevisionFigures counts one expected report by its first revision.
func firstRevisionFigures(st reporting.State, onTime bool) reporting.Figures {
	f := reporting.Figures{Expected: 1}
	switch {
	case !st.Received():
		f.Missing = 1
	case onTime:
		f.Received, f.OnTime = 1, 1
	default:
		f.Received, f.Late = 1, 1
	}
	if st == reporting.StateAccepted {
		f.Accepted = 1
	}
	return f
}

// agencyReport is a report as the coordinator's lists show it.
func agencyReport(r *reporting.Report, p reporting.Period, today time.Time) reporting.AgencyReport {
	return reporting.AgencyReport{
		AgencyID: r.AgencyID, ReportID: r.ID, State: r.State, Revision: r.Revision,
		SubmittedAt: r.SubmittedAt, OnTime: r.OnTime, DaysToDue: p.DaysToDue(today),
	}
}
