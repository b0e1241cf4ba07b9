package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"tiendo/internal/clock"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// reportCols are a report's columns and its period's, for scanReport.
const reportCols = `r.id, r.plan_id, r.period_id, r.agency_id, r.revision, r.is_current, r.state, r.version, r.sample,
	r.summary, r.difficulties, r.proposals, r.next_tasks, r.created_at, r.updated_at, r.updated_by,
	r.submitted_at, r.submitted_by, r.on_time, r.accepted_at, r.accepted_by, r.returned_at, r.returned_by,
	r.return_reason, p.id, p.plan_id, p.frequency, p.year, p.no, p.label, p.start_date, p.end_date,
	p.cutoff_start, p.cutoff_end, p.due_date`

// reportRowCols are the report's own columns of reportCols, unqualified,
// for scanReportRow: what a flow step's UPDATE returns (SQLite's
// RETURNING names no table alias).
const reportRowCols = `id, plan_id, period_id, agency_id, revision, is_current, state, version, sample,
	summary, difficulties, proposals, next_tasks, created_at, updated_at, updated_by,
	submitted_at, submitted_by, on_time, accepted_at, accepted_by, returned_at, returned_by, return_reason`

const reportFrom = ` FROM reports r JOIN periods p ON p.id = r.period_id`

func scanReport(sc scanner) (reporting.Report, error) {
	var r reporting.Report
	p := &r.Period
	err := sc.Scan(append(reportRowDest(&r), &p.ID, &p.PlanID, &p.Frequency, &p.Year, &p.No, &p.Label,
		timeCol{&p.Start}, timeCol{&p.End}, timeCol{&p.CutoffStart}, timeCol{&p.CutoffEnd}, timeCol{&p.Due})...)
	return r, err
}

// scanReportRow scans a report's own columns (reportRowCols) into r,
// leaving its period as it is.
func scanReportRow(sc scanner, r *reporting.Report) error { return sc.Scan(reportRowDest(r)...) }

// reportRowDest are the destinations of reportRowCols in r.
func reportRowDest(r *reporting.Report) []any {
	t := &r.Texts
	return []any{&r.ID, &r.PlanID, &r.PeriodID, &r.AgencyID, &r.Revision, &r.Current, &r.State, &r.Version, &r.Sample,
		&t.Summary, &t.Difficulties, &t.Proposals, &t.NextTasks, timeCol{&r.CreatedAt}, timeCol{&r.UpdatedAt},
		idCol{&r.UpdatedBy}, timeCol{&r.SubmittedAt}, idCol{&r.SubmittedBy}, &r.OnTime, timeCol{&r.AcceptedAt},
		idCol{&r.AcceptedBy}, timeCol{&r.ReturnedAt}, idCol{&r.ReturnedBy}, &r.ReturnReason}
}

// readReportRow reads a report's row with its period (no entries).
func (s *Store) readReportRow(ctx context.Context, q querier, id int64) (*reporting.Report, error) {
	r, err := scanReport(s.qrow(ctx, q, `SELECT `+reportCols+reportFrom+` WHERE r.id = ?`, id))
	if err != nil {
		return nil, err
	}
	return &r, nil
}

// Reports lists the plan's reports matching f, in period order then agency
// name (Vietnamese collation), newest revision first, with the total
// matching. Every expected report of a started period is listed (and has
// an ID): the rows of expected agencies without one are created first, in
// state not_started (EnsureReports). Entries, contributions, values and
// files are not filled; Period is.
func (s *Store) Reports(ctx context.Context, f reporting.ReportFilter) (list []reporting.Report, total int, err error) {
	defer wrap(&err, "store.Reports(plan %d)", f.PlanID)
	if f.PlanID == 0 {
		return nil, 0, errors.New("no plan given")
	}
	if f.State != "" && !f.State.Valid() {
		return nil, 0, fmt.Errorf("unknown state %q", f.State)
	}
	today := dayOrToday(f.Today)
	if err := s.EnsureReports(ctx, f.PlanID, today); err != nil {
		return nil, 0, err
	}
	where, args := `r.plan_id = ? AND p.start_date <= ?`, []any{f.PlanID, dateArg(today)}
	if f.PeriodID != 0 {
		where += ` AND r.period_id = ?`
		args = append(args, f.PeriodID)
	}
	if f.AgencyID != 0 {
		where += ` AND r.agency_id = ?`
		args = append(args, f.AgencyID)
	}
	if f.State != "" {
		where += ` AND r.state = ?`
		args = append(args, string(f.State))
	}
	if !f.AllRevisions {
		where += ` AND r.is_current`
	}
	if !f.DueFrom.IsZero() {
		where += ` AND p.due_date >= ?`
		args = append(args, dateArg(f.DueFrom))
	}
	if !f.DueTo.IsZero() {
		where += ` AND p.due_date <= ?`
		args = append(args, dateArg(f.DueTo))
	}
	list, err = s.scanReports(ctx, s.r, `SELECT `+reportCols+reportFrom+` WHERE `+where, args...)
	if err != nil {
		return nil, 0, err
	}
	rank, err := s.agencyRank(ctx)
	if err != nil {
		return nil, 0, err
	}
	slices.SortFunc(list, func(a, b reporting.Report) int {
		if c := a.Period.Start.Compare(b.Period.Start); c != 0 {
			return c
		}
		if c := rank[a.AgencyID] - rank[b.AgencyID]; c != 0 {
			return c
		}
		return b.Revision - a.Revision
	})
	total = len(list)
	limit := f.PageLimit()
	off := min(max(f.Offset, 0), total)
	return list[off:min(off+limit, total)], total, nil
}

// scanReports runs a report query (reportCols) and scans every row.
func (s *Store) scanReports(ctx context.Context, q querier, query string, args ...any) ([]reporting.Report, error) {
	rows, err := s.qrows(ctx, q, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []reporting.Report
	for rows.Next() {
		r, err := scanReport(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, r)
	}
	return list, rows.Err()
}

// agencyRank gives each agency its position in Vietnamese name order.
// The map is shared: callers only read it.
func (s *Store) agencyRank(ctx context.Context) (map[int64]int, error) {
	c, err := s.agencies(ctx)
	if err != nil {
		return nil, err
	}
	return c.rank, nil
}

// agencyNames maps every agency's ID to its name. The map is shared:
// callers only read it.
func (s *Store) agencyNames(ctx context.Context) (map[int64]string, error) {
	c, err := s.agencies(ctx)
	if err != nil {
		return nil, err
	}
	return c.names, nil
}

// AgencyNames maps every agency's ID to its name, for answers that name a
// few agencies. The map is shared: callers must not change it.
func (s *Store) AgencyNames(ctx context.Context) (names map[int64]string, err error) {
	defer wrap(&err, "store.AgencyNames")
	return s.agencyNames(ctx)
}

// dayOrToday is day's date, or today in Vietnam when day is zero.
func dayOrToday(day time.Time) time.Time {
	if day.IsZero() {
		return clock.Today(clock.System{})
	}
	y, m, d := day.Date()
	return plan.Date(y, m, d)
}

// EnsureReports creates the missing report rows (state not_started) of
// every agency expected in every period of the plan started by today. It
// reads first and writes only when something is missing; Reports,
// ReportFor, AgencyWork and CoordinatorWork call it, the reminders job may
// too. Only active plans expect reports. A row once created stays, even if
// the agency stops being expected (an agency reassigned mid-period still
// reports for that period); rows never saved cost nothing.
func (s *Store) EnsureReports(ctx context.Context, planID int64, today time.Time) (err error) {
	defer wrap(&err, "store.EnsureReports(%d)", planID)
	today = dayOrToday(today)
	var status plan.PlanStatus
	var version int64
	if err := s.queryRow(ctx, s.r, `SELECT status, facts_version FROM plans WHERE id = ?`, planID).Scan(&status, &version); err != nil {
		return err
	}
	if status != plan.PlanActive {
		return nil
	}
	// What is missing depends on the day and on rows that all move the
	// plan's facts version (tasks, their agencies, periods, reports): a
	// plan found complete at this version today is complete still. The
	// version kept is the one read before looking, so a change made while
	// looking is looked at again next time.
	done := ensuredKey{version, today}
	if v, ok := s.ensured.Load(planID); ok && v.(ensuredKey) == done {
		return nil
	}
	defer func() {
		if err == nil {
			s.ensured.Store(planID, done)
		}
	}()
	periods, err := s.periods(ctx, planID)
	if err != nil {
		return err
	}
	var started []reporting.Period
	for _, p := range periods {
		if p.Started(today) {
			started = append(started, p)
		}
	}
	if len(started) == 0 {
		return nil
	}
	missing, err := s.missingReports(ctx, s.r, planID, started)
	if err != nil || len(missing) == 0 {
		return err
	}
	return s.Transact(ctx, func(tx *sql.Tx) error {
		// Read again under the write lock: another request may have made them.
		missing, err := s.missingReports(ctx, tx, planID, started)
		if err != nil || len(missing) == 0 {
			return err
		}
		return s.insertReports(ctx, tx, planID, missing)
	})
}

// ensuredKey is when a plan's expected reports were last found complete:
// at which facts version, on which day.
type ensuredKey struct {
	version int64
	day     time.Time
}

// periodAgency is one expected report.
type periodAgency struct{ period, agency int64 }

// missingReports lists the expected reports of the started periods that
// have no row.
func (s *Store) missingReports(ctx context.Context, q querier, planID int64, started []reporting.Period) ([]periodAgency, error) {
	tasks, err := s.openTaskFacts(ctx, q, planID, 0)
	if err != nil {
		return nil, err
	}
	arr, err := s.arrangements(ctx, q, planID)
	if err != nil {
		return nil, err
	}
	vers, err := s.taskVersions(ctx, q, planID)
	if err != nil {
		return nil, err
	}
	have := map[periodAgency]bool{}
	rows, err := s.qrows(ctx, q, `SELECT period_id, agency_id FROM reports WHERE plan_id = ? AND is_current`, planID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var pa periodAgency
		if err := rows.Scan(&pa.period, &pa.agency); err != nil {
			return nil, err
		}
		have[pa] = true
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var missing []periodAgency
	for _, p := range started {
		// A period ended before a reorganisation or an amendment expects the
		// agencies of its time, and the tasks as they were.
		for _, a := range reporting.ExpectedAgencies(reporting.TasksIn(tasks, arr, vers, p), p) {
			if pa := (periodAgency{p.ID, a}); !have[pa] {
				missing = append(missing, pa)
			}
		}
	}
	return missing, nil
}

// insertReports creates not-started report rows, 200 to a statement,
// skipping any that exist, and audits one line per plan.
func (s *Store) insertReports(ctx context.Context, tx *sql.Tx, planID int64, list []periodAgency) error {
	at := tsArg(now())
	for chunk := range slices.Chunk(list, 200) {
		args := make([]any, 0, 5*len(chunk))
		for _, pa := range chunk {
			args = append(args, planID, pa.period, pa.agency, at, at)
		}
		if _, err := s.exec(ctx, tx, `INSERT INTO reports (plan_id, period_id, agency_id, created_at, updated_at)
			VALUES `+rowsOf(len(chunk), 5)+` ON CONFLICT DO NOTHING`, args...); err != nil {
			return err
		}
	}
	return s.audit(ctx, tx, 0, "report.expect", "plan", planID, map[string]any{"reports": len(list)})
}

// Report reads one report whole: its period, entries (one per task the
// agency leads that is open in the period, in plan order — with a zero
// Version and ClaimNone status where nothing was saved yet — each carrying
// the cooperating agencies' contributions to that task for the period), the
// agency's own contributions (one per task it cooperates on), values (one
// per indicator of the plan the agency answers for) and file metadata. A
// report that is sent (submitted), accepted or an older revision holds what
// was saved only, in plan order, without blank lines.
func (s *Store) Report(ctx context.Context, id int64) (r *reporting.Report, err error) {
	defer wrap(&err, "store.Report(%d)", id)
	return s.readReport(ctx, s.r, id)
}

// ReportFor reads (whole, as Report) the current revision of the agency's
// report for the period, creating it in state not_started when the agency
// is expected and it does not exist yet; reporting.ErrNotExpected when the
// agency has nothing to report in the period. The period need not have
// started (the demo loader and tests prepare reports ahead). It writes:
// reads that must not (a GET) use CurrentReportFor and ReportExpected.
func (s *Store) ReportFor(ctx context.Context, periodID, agencyID int64) (r *reporting.Report, err error) {
	defer wrap(&err, "store.ReportFor(period %d, agency %d)", periodID, agencyID)
	id, err := s.currentReportID(ctx, s.r, periodID, agencyID)
	if errors.Is(err, sql.ErrNoRows) {
		err = s.Transact(ctx, func(tx *sql.Tx) error {
			p, err := s.reportExpected(ctx, tx, periodID, agencyID)
			if err != nil {
				return err
			}
			if err := s.insertReports(ctx, tx, p.PlanID, []periodAgency{{periodID, agencyID}}); err != nil {
				return err
			}
			id, err = s.currentReportID(ctx, tx, periodID, agencyID)
			return err
		})
	}
	if err != nil {
		return nil, err
	}
	return s.readReport(ctx, s.r, id)
}

// CurrentReportFor reads (whole, as Report) the current revision of the
// agency's report for the period, without creating it: ErrNotFound when
// there is none yet.
func (s *Store) CurrentReportFor(ctx context.Context, periodID, agencyID int64) (r *reporting.Report, err error) {
	defer wrap(&err, "store.CurrentReportFor(period %d, agency %d)", periodID, agencyID)
	id, err := s.currentReportID(ctx, s.r, periodID, agencyID)
	if err != nil {
		return nil, err
	}
	return s.readReport(ctx, s.r, id)
}

// ReportExpected says whether the agency is expected to report in the
// period (it leads a task open in it): nil, reporting.ErrNotExpected, or
// ErrNotFound when there is no such period. It only reads.
func (s *Store) ReportExpected(ctx context.Context, periodID, agencyID int64) (err error) {
	defer wrap(&err, "store.ReportExpected(period %d, agency %d)", periodID, agencyID)
	_, err = s.reportExpected(ctx, s.r, periodID, agencyID)
	return err
}

// reportExpected reads the period on q and says whether the agency is
// expected to report in it.
func (s *Store) reportExpected(ctx context.Context, q querier, periodID, agencyID int64) (*reporting.Period, error) {
	p, err := s.readPeriodTx(ctx, q, periodID)
	if err != nil {
		return nil, err
	}
	tasks, err := s.openTaskFacts(ctx, q, p.PlanID, agencyID)
	if err != nil {
		return nil, err
	}
	if !slices.Contains(reporting.ExpectedAgencies(tasks, *p), agencyID) {
		return nil, reporting.ErrNotExpected
	}
	return p, nil
}

// currentReportID is the ID of the current revision of the agency's report
// for the period; sql.ErrNoRows when there is none.
func (s *Store) currentReportID(ctx context.Context, q querier, periodID, agencyID int64) (id int64, err error) {
	err = s.qrow(ctx, q, `SELECT id FROM reports WHERE period_id = ? AND agency_id = ? AND is_current`,
		periodID, agencyID).Scan(&id)
	return id, err
}

// readPeriodTx reads one period on q.
func (s *Store) readPeriodTx(ctx context.Context, q querier, id int64) (*reporting.Period, error) {
	var p reporting.Period
	if err := scanPeriod(s.qrow(ctx, q, `SELECT `+periodCols+` FROM periods WHERE id = ?`, id), &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// ReportRevisions lists every revision of the report's (period, agency),
// newest first, without entries: the history of corrections.
func (s *Store) ReportRevisions(ctx context.Context, id int64) (list []reporting.Report, err error) {
	defer wrap(&err, "store.ReportRevisions(%d)", id)
	list, err = s.scanReports(ctx, s.r, `SELECT `+reportCols+reportFrom+`
		JOIN reports o ON o.period_id = r.period_id AND o.agency_id = r.agency_id
		WHERE o.id = ? ORDER BY r.revision DESC`, id)
	if err == nil && len(list) == 0 {
		err = ErrNotFound
	}
	return list, err
}

// SetReportSample marks a report (every revision of its period and agency)
// as demo data or not. For the demo loader.
func (s *Store) SetReportSample(ctx context.Context, actor int64, reportID int64, sample bool) (err error) {
	defer wrap(&err, "store.SetReportSample(%d)", reportID)
	return s.Transact(ctx, func(tx *sql.Tx) error {
		r, err := s.readReportRow(ctx, tx, reportID)
		if err != nil {
			return err
		}
		if _, err := s.exec(ctx, tx, `UPDATE reports SET sample = ? WHERE period_id = ? AND agency_id = ?`,
			sample, r.PeriodID, r.AgencyID); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "report.sample", "report", reportID, changes{"sample": {r.Sample, sample}})
	})
}
