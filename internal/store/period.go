package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"

	"tiendo/internal/clock"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// Regime reads the plan's reporting regime; a plan without a saved one
// gets reporting.DefaultRegime (Version 0) with the plan's reporting rule
// sentence as Text. ErrNotFound when the plan does not exist.
func (s *Store) Regime(ctx context.Context, planID int64) (r *reporting.Regime, err error) {
	defer wrap(&err, "store.Regime(%d)", planID)
	return s.readRegime(ctx, s.r, planID)
}

func (s *Store) readRegime(ctx context.Context, q querier, planID int64) (*reporting.Regime, error) {
	r := reporting.Regime{PlanID: planID}
	var before, after string
	err := s.queryRow(ctx, q, `SELECT frequency, due_day, due_month, cutoff_day, remind_before, remind_after,
		remind_weekly, due_soon_days, text, version, updated_at FROM regimes WHERE plan_id = ?`, planID).Scan(
		&r.Frequency, &r.DueDay, &r.DueMonth, &r.CutoffDay, &before, &after, &r.RemindWeekly, &r.DueSoonDays,
		&r.Text, &r.Version, timeCol{&r.UpdatedAt})
	if err == nil {
		r.RemindBefore, r.RemindAfter = parseDays(before), parseDays(after)
		return &r, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	var rule string
	if err := s.queryRow(ctx, q, `SELECT reporting_rule FROM plans WHERE id = ?`, planID).Scan(&rule); err != nil {
		return nil, err
	}
	d := reporting.DefaultRegime(planID)
	d.Text = rule
	return &d, nil
}

// daysText writes a reminder day list as "7,2"; parseDays reads it back.
func daysText(days []int) string {
	parts := make([]string, len(days))
	for i, d := range days {
		parts[i] = strconv.Itoa(d)
	}
	return strings.Join(parts, ",")
}

func parseDays(s string) []int {
	var out []int
	for _, f := range strings.Split(s, ",") {
		if n, err := strconv.Atoi(strings.TrimSpace(f)); err == nil {
			out = append(out, n)
		}
	}
	return out
}

// SaveRegime saves the plan's regime as given — the caller has checked it
// (reporting.Regime.Check) — (r.Version must be the version read, 0 for a
// plan that had none; ErrConflict otherwise; incremented) and regenerates
// the plan's periods from it (EnsurePeriods): periods of another frequency
// that hold no report are dropped, the others get the new due days and
// cut-offs.
func (s *Store) SaveRegime(ctx context.Context, actor int64, r *reporting.Regime) (err error) {
	defer wrap(&err, "store.SaveRegime(plan %d)", r.PlanID)
	at := now()
	return s.Transact(ctx, func(tx *sql.Tx) error {
		old, err := s.readRegime(ctx, tx, r.PlanID)
		if err != nil {
			return err
		}
		if old.Version != r.Version {
			return ErrConflict
		}
		args := []any{string(r.Frequency), r.DueDay, r.DueMonth, r.CutoffDay, daysText(r.RemindBefore),
			daysText(r.RemindAfter), r.RemindWeekly, r.DueSoonDays, r.Text, tsArg(at), r.PlanID}
		if old.Version == 0 {
			_, err = s.exec(ctx, tx, `INSERT INTO regimes (frequency, due_day, due_month, cutoff_day, remind_before,
				remind_after, remind_weekly, due_soon_days, text, updated_at, plan_id, version)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`, args...)
		} else {
			_, err = s.exec(ctx, tx, `UPDATE regimes SET frequency = ?, due_day = ?, due_month = ?, cutoff_day = ?,
				remind_before = ?, remind_after = ?, remind_weekly = ?, due_soon_days = ?, text = ?, updated_at = ?,
				version = version + 1 WHERE plan_id = ?`, args...)
		}
		if err != nil {
			return err
		}
		c := changes{}
		c.add("frequency", old.Frequency, r.Frequency)
		c.add("due_day", old.DueDay, r.DueDay)
		c.add("due_month", old.DueMonth, r.DueMonth)
		c.add("cutoff_day", old.CutoffDay, r.CutoffDay)
		c.add("remind_before", old.RemindBefore, r.RemindBefore)
		c.add("remind_after", old.RemindAfter, r.RemindAfter)
		c.add("remind_weekly", old.RemindWeekly, r.RemindWeekly)
		c.add("due_soon_days", old.DueSoonDays, r.DueSoonDays)
		c.add("text", old.Text, r.Text)
		if err := s.audit(ctx, tx, actor, "regime.save", "plan", r.PlanID, c); err != nil {
			return err
		}
		r.Version = old.Version + 1
		r.UpdatedAt = at
		_, err = s.ensurePeriods(ctx, tx, actor, r)
		return err
	})
}

// EnsurePeriods generates and stores the plan's periods for its span
// (reporting.SpanOf: plan issue date to the latest task due day, at least
// five years when tasks are continuous), keeping the IDs of periods
// already stored; idempotent. Returns every period of the plan's regime,
// in order.
func (s *Store) EnsurePeriods(ctx context.Context, actor int64, planID int64) (list []reporting.Period, err error) {
	defer wrap(&err, "store.EnsurePeriods(%d)", planID)
	err = s.Transact(ctx, func(tx *sql.Tx) error {
		r, err := s.readRegime(ctx, tx, planID)
		if err != nil {
			return err
		}
		list, err = s.ensurePeriods(ctx, tx, actor, r)
		return err
	})
	return list, err
}

// ensurePeriods brings the stored periods of plan r.PlanID in line with
// regime r, in tx, and returns them.
func (s *Store) ensurePeriods(ctx context.Context, tx *sql.Tx, actor int64, r *reporting.Regime) ([]reporting.Period, error) {
	var p plan.Plan
	// On PostgreSQL two requests may ensure one plan's periods at once
	// (several instances, or writers racing on one task): the plan's row
	// lock makes the second wait and then find the first's periods, instead
	// of inserting them again (a duplicate key). SQLite's single writer
	// already serialises them.
	q := `SELECT issued_on, created_at FROM plans WHERE id = ?`
	if s.dialect == dialectPostgres {
		q += ` FOR UPDATE`
	}
	if err := s.queryRow(ctx, tx, q, r.PlanID).Scan(timeCol{&p.IssuedOn}, timeCol{&p.CreatedAt}); err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, tx, `SELECT deadline_kind, due_date, deadline_start, original_due_date
		FROM tasks WHERE plan_id = ?`, r.PlanID)
	if err != nil {
		return nil, err
	}
	var tasks []plan.Task
	for rows.Next() {
		var t plan.Task
		if err := rows.Scan(&t.Deadline.Kind, timeCol{&t.Deadline.Due}, timeCol{&t.Deadline.Start},
			timeCol{&t.OriginalDeadline.Due}); err != nil {
			rows.Close()
			return nil, err
		}
		tasks = append(tasks, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	from, to := reporting.SpanOf(&p, tasks)
	want := reporting.Periods(*r, from, to)

	stored, err := s.readPeriods(ctx, tx, `WHERE plan_id = ? AND frequency = ?`, r.PlanID, string(r.Frequency))
	if err != nil {
		return nil, err
	}
	byStart := make(map[time.Time]*reporting.Period, len(stored))
	for i := range stored {
		byStart[stored[i].Start] = &stored[i]
	}
	var created, updated int
	for i := range want {
		w := &want[i]
		old := byStart[w.Start]
		switch {
		case old == nil:
			id, err := s.insert(ctx, tx, `INSERT INTO periods (plan_id, frequency, year, no, label, start_date, end_date,
				cutoff_start, cutoff_end, due_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
				w.PlanID, string(w.Frequency), w.Year, w.No, w.Label, dateArg(w.Start), dateArg(w.End),
				dateArg(w.CutoffStart), dateArg(w.CutoffEnd), dateArg(w.Due))
			if err != nil {
				return nil, err
			}
			w.ID = id
			created++
		case old.Label != w.Label || !old.End.Equal(w.End) || !old.Due.Equal(w.Due) ||
			!old.CutoffStart.Equal(w.CutoffStart) || !old.CutoffEnd.Equal(w.CutoffEnd):
			if _, err := s.exec(ctx, tx, `UPDATE periods SET label = ?, end_date = ?, cutoff_start = ?, cutoff_end = ?,
				due_date = ? WHERE id = ?`, w.Label, dateArg(w.End), dateArg(w.CutoffStart), dateArg(w.CutoffEnd),
				dateArg(w.Due), old.ID); err != nil {
				return nil, err
			}
			w.ID = old.ID
			updated++
		default:
			w.ID = old.ID
		}
		delete(byStart, w.Start)
	}
	// Stored periods outside the new span stay (reports may hold them).
	for _, old := range byStart {
		want = append(want, *old)
	}
	res, err := s.exec(ctx, tx, `DELETE FROM periods WHERE plan_id = ? AND frequency <> ?
		AND NOT EXISTS (SELECT 1 FROM reports WHERE reports.period_id = periods.id)`, r.PlanID, string(r.Frequency))
	if err != nil {
		return nil, err
	}
	dropped, _ := res.RowsAffected()
	if created+updated+int(dropped) > 0 {
		if err := s.audit(ctx, tx, actor, "period.ensure", "plan", r.PlanID, map[string]any{
			"frequency": r.Frequency, "created": created, "updated": updated, "dropped": dropped,
			"from": dateArg(from), "to": dateArg(to),
		}); err != nil {
			return nil, err
		}
	}
	sortPeriods(want)
	return want, nil
}

// sortPeriods orders periods by start day.
func sortPeriods(ps []reporting.Period) {
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0 && ps[j].Start.Before(ps[j-1].Start); j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
}

const periodCols = `id, plan_id, frequency, year, no, label, start_date, end_date, cutoff_start, cutoff_end, due_date`

func scanPeriod(sc scanner, p *reporting.Period) error {
	return sc.Scan(&p.ID, &p.PlanID, &p.Frequency, &p.Year, &p.No, &p.Label, timeCol{&p.Start}, timeCol{&p.End},
		timeCol{&p.CutoffStart}, timeCol{&p.CutoffEnd}, timeCol{&p.Due})
}

// readPeriods reads periods with a WHERE clause, in order.
func (s *Store) readPeriods(ctx context.Context, q querier, where string, args ...any) ([]reporting.Period, error) {
	rows, err := s.query(ctx, q, `SELECT `+periodCols+` FROM periods `+where+` ORDER BY start_date, id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []reporting.Period
	for rows.Next() {
		var p reporting.Period
		if err := scanPeriod(rows, &p); err != nil {
			return nil, err
		}
		list = append(list, p)
	}
	return list, rows.Err()
}

// Periods lists the plan's periods of its current regime in order,
// generating them on first use (EnsurePeriods), and again when a task's
// due day has moved past the last one. ErrNotFound when the plan does not
// exist.
func (s *Store) Periods(ctx context.Context, planID int64) (list []reporting.Period, err error) {
	defer wrap(&err, "store.Periods(%d)", planID)
	return s.periods(ctx, planID)
}

func (s *Store) periods(ctx context.Context, planID int64) ([]reporting.Period, error) {
	r, err := s.readRegime(ctx, s.r, planID)
	if err != nil {
		return nil, err
	}
	return s.periodsOf(ctx, r)
}

// periodsOf is periods with the plan's regime r already read.
func (s *Store) periodsOf(ctx context.Context, r *reporting.Regime) ([]reporting.Period, error) {
	planID := r.PlanID
	list, err := s.readPeriods(ctx, s.r, `WHERE plan_id = ? AND frequency = ?`, planID, string(r.Frequency))
	if err != nil {
		return nil, err
	}
	if len(list) > 0 {
		// The latest due day, read from the end of the tasks_due index (an
		// O(log n) seek; MAX(due_date) would walk the plan's whole range,
		// which every task write that answers with its periods would pay).
		var last time.Time
		err := s.queryRow(ctx, s.r, `SELECT due_date FROM tasks WHERE plan_id = ? AND (due_date IS NULL) = FALSE
			ORDER BY due_date DESC LIMIT 1`, planID).Scan(timeCol{&last})
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, err
		}
		end := list[len(list)-1].End
		// SpanOf stops at 20 years: a due day past that changes nothing.
		if !last.After(end) || !end.Before(list[0].Start.AddDate(20, 0, -1)) {
			return list, nil
		}
	}
	err = s.Transact(ctx, func(tx *sql.Tx) error {
		r, err := s.readRegime(ctx, tx, planID)
		if err != nil {
			return err
		}
		list, err = s.ensurePeriods(ctx, tx, 0, r)
		return err
	})
	return list, err
}

// Period reads one period.
func (s *Store) Period(ctx context.Context, id int64) (p *reporting.Period, err error) {
	defer wrap(&err, "store.Period(%d)", id)
	var v reporting.Period
	if err := scanPeriod(s.queryRow(ctx, s.r, `SELECT `+periodCols+` FROM periods WHERE id = ?`, id), &v); err != nil {
		return nil, err
	}
	return &v, nil
}

// PeriodAt is the plan's period (of its current regime) that contains day:
// the "current period" on today. ErrNotFound outside the plan's span.
func (s *Store) PeriodAt(ctx context.Context, planID int64, day time.Time) (p *reporting.Period, err error) {
	defer wrap(&err, "store.PeriodAt(%d, %s)", planID, day.Format(dayLayout))
	list, err := s.periods(ctx, planID)
	if err != nil {
		return nil, err
	}
	for i := range list {
		if list[i].Contains(day) {
			return &list[i], nil
		}
	}
	return nil, ErrNotFound
}

// ExpectedAgencies lists, sorted by ID, the agencies expected to report in
// the period: leads and cooperating agencies of the plan's tasks open in it
// (reporting.OpenIn over the stored tasks).
func (s *Store) ExpectedAgencies(ctx context.Context, periodID int64) (ids []int64, err error) {
	defer wrap(&err, "store.ExpectedAgencies(%d)", periodID)
	p, err := s.Period(ctx, periodID)
	if err != nil {
		return nil, err
	}
	tasks, err := s.openTaskFacts(ctx, s.r, p.PlanID, 0)
	if err != nil {
		return nil, err
	}
	return reporting.ExpectedAgencies(tasks, *p), nil
}

// openTaskFacts reads what reporting.OpenIn and the status rules need of
// the plan's assigned tasks — IDs, agencies, deadline, completion and claim,
// not the texts — in plan order. With agency 0: every assigned task, with
// its cooperating agencies (two queries). With an agency: the tasks it leads
// or cooperates on, read from the lead and task_agencies indexes in one
// query; a task it cooperates on lists just that agency as cooperating
// (enough for reporting.ExpectedAgencies about it).
func (s *Store) openTaskFacts(ctx context.Context, q querier, planID, agency int64) ([]plan.Task, error) {
	const cols = `t.id, t.lead_agency_id, t.deadline_kind, t.due_date, t.deadline_start, t.progress, t.completed_on,
		t.reported_at, t.claim_status, t.claim_period_start, t.added_on, t.removed_on, t.section_seq, t.ord`
	// Put in plan order below (planTasks).
	query, args := `SELECT `+cols+` FROM tasks t WHERE `+s.planTasks()+` AND t.lead_agency_id IS NOT NULL`, []any{planID}
	if agency != 0 {
		// +t.plan_id keeps SQLite off the plan_id index, which it would
		// otherwise scan whole to save sorting the agency's few tasks.
		query = `SELECT ` + cols + ` FROM tasks t WHERE t.lead_agency_id = ? AND +t.plan_id = ?
			UNION ALL SELECT ` + cols + ` FROM task_agencies ta JOIN tasks t ON t.id = ta.task_id
			WHERE ta.agency_id = ? AND ta.role = 'coop' AND +t.plan_id = ? AND t.lead_agency_id IS NOT NULL
			ORDER BY 13, 14, 1`
		args = []any{agency, planID, agency, planID}
	}
	rows, err := s.qrows(ctx, q, query, args...)
	if err != nil {
		return nil, err
	}
	var tasks []plan.Task
	var seqs []int64
	index := map[int64]int{}
	for rows.Next() {
		var t plan.Task
		var seq int
		if err := rows.Scan(&t.ID, idCol{&t.LeadAgencyID}, &t.Deadline.Kind, timeCol{&t.Deadline.Due},
			timeCol{&t.Deadline.Start}, &t.Progress, timeCol{&t.CompletedOn}, timeCol{&t.ReportedAt}, &t.Claim,
			timeCol{&t.ClaimPeriod}, timeCol{&t.AddedOn}, timeCol{&t.RemovedOn}, &seq, &t.Ord); err != nil {
			rows.Close()
			return nil, err
		}
		if _, dup := index[t.ID]; dup {
			continue
		}
		t.PlanID = planID
		if agency != 0 && t.LeadAgencyID != agency {
			t.CooperatingAgencyIDs = []int64{agency}
		}
		index[t.ID] = len(tasks)
		tasks = append(tasks, t)
		seqs = append(seqs, int64(seq))
	}
	rows.Close()
	if err := rows.Err(); err != nil || agency != 0 {
		return tasks, err
	}
	tasks = inPlanOrder(tasks, seqs)
	for i := range tasks {
		index[tasks[i].ID] = i
	}
	rows, err = s.qrows(ctx, q, `SELECT ta.task_id, ta.agency_id FROM task_agencies ta JOIN tasks t ON t.id = ta.task_id
		WHERE ta.role = 'coop' AND t.plan_id = ? ORDER BY ta.task_id, ta.ord`, planID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var tid, a int64
		if err := rows.Scan(&tid, &a); err != nil {
			return nil, err
		}
		if i, ok := index[tid]; ok {
			tasks[i].CooperatingAgencyIDs = append(tasks[i].CooperatingAgencyIDs, a)
		}
	}
	return tasks, rows.Err()
}

// PeriodsAround reads what task statuses of plan planID on day depend on
// (reporting.NowOf): of the stored periods of its current regime, the last
// one started by day, or when none has started the first one — enough for
// reporting.CurrentPeriod; with their ID, label, first, last and due days
// only —, and the regime's due-soon window. One query of index seeks in
// the usual case: the task list, the API's hot path, pays it on every
// request. It generates nothing: when it finds no period, or day is past
// the one found (a task's due day may have moved the plan's span), the
// caller asks Periods, which does.
func (s *Store) PeriodsAround(ctx context.Context, planID int64, day time.Time) (list []reporting.Period, dueSoon int, err error) {
	defer wrap(&err, "store.PeriodsAround(%d)", planID)
	d := reporting.DefaultRegime(planID)
	// The current regime's frequency and due-soon window, or the defaults.
	const frequency = `COALESCE((SELECT frequency FROM regimes WHERE plan_id = ?), ?)`
	const cols = `p.id, p.label, p.start_date, p.end_date, p.due_date,
		COALESCE((SELECT due_soon_days FROM regimes WHERE plan_id = ?), ?)`
	p := reporting.Period{PlanID: planID}
	read := func(q string, args ...any) error {
		return s.queryRow(ctx, s.r, q, args...).Scan(&p.ID, &p.Label, timeCol{&p.Start}, timeCol{&p.End}, timeCol{&p.Due}, &dueSoon)
	}
	err = read(`SELECT `+cols+` FROM periods p WHERE p.plan_id = ? AND p.frequency = `+frequency+`
		AND p.start_date <= ? ORDER BY p.start_date DESC LIMIT 1`,
		planID, d.DueSoonDays, planID, planID, string(d.Frequency), dateArg(clock.DateOf(day)))
	if errors.Is(err, sql.ErrNoRows) { // none started yet: the first
		err = read(`SELECT `+cols+` FROM periods p WHERE p.plan_id = ? AND p.frequency = `+frequency+`
			ORDER BY p.start_date LIMIT 1`, planID, d.DueSoonDays, planID, planID, string(d.Frequency))
	}
	if errors.Is(err, sql.ErrNoRows) {
		return nil, 0, nil
	}
	if err != nil {
		return nil, 0, err
	}
	return []reporting.Period{p}, dueSoon, nil
}
