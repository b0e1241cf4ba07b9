package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"tiendo/internal/agency"
	"tiendo/internal/figures"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// Facts reads everything figures.Compute needs about a plan, as of day
// asOf: the plan, its regime's due-soon window, sections, every task (with
// its cooperating agencies), the agencies it names (factAgencies), periods, and — for the periods
// started by asOf — every report revision's state and timeliness, and the
// task entries and indicator values of accepted reports only (a draft,
// submitted or returned report never moves a figure). Indicators come with
// their targets. ErrNotFound when the plan does not exist.
//
// It only reads (periods are generated on first use, as Periods does) and
// costs a fixed number of queries whatever the plan's size: one per kind
// of row, no query per task or report. The accepted reports' entries and
// values — most of the rows, a national-size province's 20,000 claims —
// are read on other connections of the read pool while the rest is read,
// so a dashboard computed cold waits for the longest read rather than
// their sum (issue 21). Like the sequential reads before, each query is
// its own snapshot: the figure cache keys the result by the versions read
// before (figcache), which is what makes it right.
func (s *Store) Facts(ctx context.Context, planID int64, asOf time.Time) (f *figures.Facts, err error) {
	defer wrap(&err, "store.Facts(%d)", planID)
	return s.facts(ctx, planID, dayOrToday(asOf), nil)
}

// LineFacts reads what figures.ComputeLine needs of a plan on day asOf:
// Facts, but of the reports only the revisions and accepted task entries
// of the period the line shows (reporting.PickPeriod of periodID on asOf;
// none when it has not started), and no indicator value and no agency.
// On the national rollup's first read, the other periods' entries were
// most of what Facts read and parsed (issue 21). ErrNotFound when the
// plan does not exist.
func (s *Store) LineFacts(ctx context.Context, planID int64, asOf time.Time, periodID int64) (f *figures.Facts, err error) {
	defer wrap(&err, "store.LineFacts(%d)", planID)
	asOf = dayOrToday(asOf)
	periods, err := s.periods(ctx, planID)
	if err != nil {
		return nil, err
	}
	p, ok := reporting.PickPeriod(periods, periodID, asOf)
	if !ok || !p.Started(asOf) {
		p = reporting.Period{} // no report counts yet
	}
	return s.facts(ctx, planID, asOf, &p)
}

// facts reads Facts (one == nil) or LineFacts (the reports of period one
// only; none when its ID is 0).
func (s *Store) facts(ctx context.Context, planID int64, asOf time.Time, one *reporting.Period) (f *figures.Facts, err error) {
	day := dateArg(asOf)
	var claims []figures.Claim
	var values []figures.Value
	var reports []figures.Report
	var claimsErr, restErr error
	var wg sync.WaitGroup
	switch {
	case one == nil:
		wg.Add(2)
		go func() {
			defer wg.Done()
			claims, claimsErr = s.factClaims(ctx, planID, day)
		}()
		go func() {
			defer wg.Done()
			if values, restErr = s.factValues(ctx, planID, day); restErr == nil {
				reports, restErr = s.factReports(ctx, planID, day)
			}
		}()
	case one.ID != 0:
		wg.Add(1)
		go func() {
			defer wg.Done()
			if claims, claimsErr = s.periodClaims(ctx, planID, one.ID); claimsErr == nil {
				reports, claimsErr = s.PeriodReports(ctx, planID, one.ID)
			}
		}()
	}
	f, err = s.factsRest(ctx, planID)
	wg.Wait()
	if err = cmp.Or(err, claimsErr, restErr); err != nil {
		return nil, err
	}
	f.Claims, f.Values, f.Reports = claims, values, reports
	if one != nil {
		return f, nil
	}
	if f.Agencies, err = s.factAgencies(ctx, f); err != nil {
		return nil, err
	}
	return f, nil
}

// factsRest reads what Facts reads but the reports, their entries and
// values and the agencies.
func (s *Store) factsRest(ctx context.Context, planID int64) (f *figures.Facts, err error) {
	p, err := s.Plan(ctx, planID)
	if err != nil {
		return nil, err
	}
	regime, err := s.readRegime(ctx, s.r, planID)
	if err != nil {
		return nil, err
	}
	f = &figures.Facts{Plan: *p, DueSoon: regime.DueSoonDays}
	if f.Periods, err = s.periods(ctx, planID); err != nil {
		return nil, err
	}
	if f.Sections, err = s.factSections(ctx, planID); err != nil {
		return nil, err
	}
	if f.Tasks, err = s.factTasks(ctx, planID); err != nil {
		return nil, err
	}
	if f.Indicators, err = s.Indicators(ctx, planID); err != nil {
		return nil, err
	}
	if f.Arrangements, err = s.arrangements(ctx, s.r, planID); err != nil {
		return nil, err
	}
	if f.Owners, err = s.owners(ctx, planID); err != nil {
		return nil, err
	}
	if f.Versions, err = s.taskVersions(ctx, s.r, planID); err != nil {
		return nil, err
	}
	return f, nil
}

// arrangements reads the plan's former task arrangements (migration 00012),
// with the reorganisation or amendment that ended each (00016).
func (s *Store) arrangements(ctx context.Context, q querier, planID int64) ([]reporting.Arrangement, error) {
	rows, err := s.qrows(ctx, q, `SELECT task_id, until, lead_agency_id, cooperating, decision, amendment_id,
		set_lead_agency_id, set_cooperating FROM task_arrangements WHERE plan_id = ? ORDER BY task_id, until, id`, planID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []reporting.Arrangement
	for rows.Next() {
		var a reporting.Arrangement
		var coops string
		var setCoops sql.NullString
		if err := rows.Scan(&a.TaskID, timeCol{&a.Until}, idCol{&a.LeadAgencyID}, &coops, &a.Decision,
			idCol{&a.AmendmentID}, idCol{&a.SetLead}, &setCoops); err != nil {
			return nil, err
		}
		a.CooperatingAgencyIDs = splitIDs(coops)
		if setCoops.Valid {
			a.SetKnown, a.SetCooperating = true, splitIDs(setCoops.String)
		}
		list = append(list, a)
	}
	return list, rows.Err()
}

// owners reads the plan's former indicator owners (migration 00015).
func (s *Store) owners(ctx context.Context, planID int64) ([]figures.Owner, error) {
	var list []figures.Owner
	err := s.each(ctx, `SELECT indicator_id, until, agency_id FROM indicator_arrangements WHERE plan_id = ?
		ORDER BY indicator_id, until, id`, []any{planID}, func(rows *sql.Rows) error {
		var o figures.Owner
		err := rows.Scan(&o.IndicatorID, timeCol{&o.Until}, idCol{&o.AgencyID})
		list = append(list, o)
		return err
	})
	return list, err
}

// factAgencies reads the agencies the plan's figures can name — leads and
// cooperating agencies of its tasks (now and before reorganisations),
// agencies with a report, indicator owners and agencies that gave values —
// with all their ancestors and successors (the indicator rollup climbs
// both), in Vietnamese name order. Not every
// agency: a national register holds thousands.
func (s *Store) factAgencies(ctx context.Context, f *figures.Facts) ([]agency.Agency, error) {
	want := map[int64]bool{}
	for i := range f.Tasks {
		want[f.Tasks[i].LeadAgencyID] = true
		for _, id := range f.Tasks[i].CooperatingAgencyIDs {
			want[id] = true
		}
	}
	for _, r := range f.Reports {
		want[r.AgencyID] = true
	}
	for _, ind := range f.Indicators {
		want[ind.AgencyID] = true
	}
	for _, a := range f.Arrangements {
		want[a.LeadAgencyID] = true
		for _, id := range a.CooperatingAgencyIDs {
			want[id] = true
		}
	}
	for _, v := range f.Values {
		want[v.AgencyID] = true
	}
	for _, o := range f.Owners {
		want[o.AgencyID] = true
	}
	// The register comes from the store's agency cache (read and sorted
	// once per change of the agencies, not once per plan: a national first
	// read computes 34 plans), already in Vietnamese name order, ties by ID.
	c, err := s.agencies(ctx)
	if err != nil {
		return nil, err
	}
	var at []int // positions in c.sorted
	seen := map[int64]bool{}
	// Each named agency with its ancestors and successors (the indicator
	// rollup climbs both), and theirs.
	var queue []int64
	for id := range want {
		queue = append(queue, id)
	}
	for len(queue) > 0 {
		id := queue[0]
		queue = queue[1:]
		if id == 0 || seen[id] {
			continue
		}
		seen[id] = true
		if i, ok := c.rank[id]; ok {
			at = append(at, i)
			a := &c.sorted[i]
			queue = append(queue, a.ParentID, a.SuccessorID)
		}
	}
	slices.Sort(at)
	list := make([]agency.Agency, len(at))
	for j, i := range at {
		list[j] = c.sorted[i]
	}
	return cloneAgencies(list), nil
}

// factSections reads the plan's sections in document order, without the
// task counts Sections adds (the figures count tasks themselves).
func (s *Store) factSections(ctx context.Context, planID int64) ([]plan.Section, error) {
	var list []plan.Section
	err := s.each(ctx, `SELECT `+sectionCols+`, seq, seq_end FROM sections WHERE plan_id = ? ORDER BY seq`,
		[]any{planID}, func(rows *sql.Rows) error {
			var seq, end int
			x, err := scanSection(rows, &seq, &end)
			list = append(list, x)
			return err
		})
	return list, err
}

// factTasks reads every task of the plan in plan order with its
// cooperating agencies (two queries). On SQLite the tasks come in the
// table's own order (rowid) and are put in plan order here: read in plan
// order, through the index, every row was a seek from the table's root,
// two fifths of the read on a national-size province (issue 21).
func (s *Store) factTasks(ctx context.Context, planID int64) ([]plan.Task, error) {
	var list rowList[plan.Task]
	var seqs []int64 // each task's section_seq
	row := newAnyRow(taskColCount + 1)
	query := `SELECT ` + taskCols + `, t.section_seq FROM tasks t WHERE ` + s.planTasks()
	err := s.each(ctx, query, []any{planID}, func(rows *sql.Rows) error {
		if err := row.scan(rows); err != nil {
			return err
		}
		t, err := taskOfRow(row)
		list.add(t)
		seqs = append(seqs, row.int(taskColCount))
		return err
	})
	if err != nil {
		return nil, err
	}
	tasks := inPlanOrder(list.list(), seqs)
	if len(tasks) == 0 {
		return tasks, nil
	}
	byID := make(map[int64]*plan.Task, len(tasks))
	pair := newAnyRow(2)
	for i := range tasks {
		byID[tasks[i].ID] = &tasks[i]
	}
	// The plan's task IDs looked up in the primary key (inIDs): joined,
	// PostgreSQL's planner scanned every plan's cooperating agencies for
	// each plan (13 against 5.5 ms on a national-size province).
	err = s.each(ctx, `SELECT ta.task_id, ta.agency_id FROM task_agencies ta WHERE ta.role = 'coop'
		AND ta.task_id `+s.inIDs(`SELECT id FROM tasks WHERE plan_id = ?`)+` ORDER BY ta.task_id, ta.ord`,
		[]any{planID}, func(rows *sql.Rows) error {
			if err := pair.scan(rows); err != nil {
				return err
			}
			if t := byID[pair.int(0)]; t != nil {
				t.CooperatingAgencyIDs = append(t.CooperatingAgencyIDs, pair.int(1))
			}
			return pair.err
		})
	return tasks, err
}

// planTasks is the condition selecting the tasks t of the plan given as
// its one argument, in the table's order on SQLite (each row the next of
// the table, not a seek from its root); the caller sorts (inPlanOrder).
func (s *Store) planTasks() string {
	if s.dialect == dialectSQLite {
		return `t.id IN (SELECT id FROM tasks WHERE plan_id = ?)`
	}
	return `t.plan_id = ?`
}

// inPlanOrder is tasks sorted as the plan lists them — by section
// (seqs[i] is tasks[i]'s section_seq), place in it, then ID.
func inPlanOrder(tasks []plan.Task, seqs []int64) []plan.Task {
	if len(tasks) == 0 {
		return tasks
	}
	order := make([]int, len(tasks))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		return cmp.Or(cmp.Compare(seqs[a], seqs[b]), cmp.Compare(tasks[a].Ord, tasks[b].Ord), cmp.Compare(tasks[a].ID, tasks[b].ID))
	})
	out := make([]plan.Task, len(tasks))
	for i, j := range order {
		out[i] = tasks[j]
	}
	return out
}

// factReports reads every revision of the reports of periods started by day.
func (s *Store) factReports(ctx context.Context, planID int64, day any) ([]figures.Report, error) {
	var list []figures.Report
	row := newAnyRow(6)
	err := s.each(ctx, `SELECT r.period_id, r.agency_id, r.revision, r.state, r.on_time, r.submitted_at
		FROM reports r JOIN periods p ON p.id = r.period_id WHERE r.plan_id = ? AND p.start_date <= ?
		ORDER BY r.period_id, r.agency_id, r.revision`, []any{planID, day}, func(rows *sql.Rows) error {
		if err := row.scan(rows); err != nil {
			return err
		}
		list = append(list, figures.Report{PeriodID: row.int(0), AgencyID: row.int(1), Revision: int(row.int(2)),
			State: reporting.State(row.str(3)), OnTime: row.bool(4), SubmittedAt: row.time(5)})
		return row.err
	})
	return list, err
}

// factClaims reads the task entries of accepted reports of periods started
// by day that say something (a status): most of a plan's facts, about
// 20,000 claims for a national-size province. They come kept per report
// in report_claims (migration 00034, whose triggers keep it), with the
// report's period and revision and one text of about ten claims a row:
// the SQLite driver's cost is per row and column, and a claim a row — even
// packed in one integer — cost three times as much (issue 21). The texts
// are read first and counted, so that the claims are parsed (parseClaims)
// into one slice of their exact number, allocated once.
func (s *Store) factClaims(ctx context.Context, planID int64, day any) ([]figures.Claim, error) {
	return s.readClaims(ctx, `SELECT c.period_id, c.revision, c.claims FROM report_claims c
		JOIN periods p ON p.id = c.period_id WHERE c.plan_id = ? AND p.start_date <= ?`, planID, day)
}

// periodClaims reads the task entries of the plan's accepted reports of
// one period, found from the period's reports (LineFacts).
func (s *Store) periodClaims(ctx context.Context, planID, periodID int64) ([]figures.Claim, error) {
	return s.readClaims(ctx, `SELECT c.period_id, c.revision, c.claims FROM report_claims c WHERE c.plan_id = ?
		AND c.report_id `+s.inIDs(`SELECT id FROM reports WHERE plan_id = ? AND period_id = ?`),
		planID, planID, periodID)
}

// readClaims reads and parses the report_claims rows query selects
// (period_id, revision, claims).
func (s *Store) readClaims(ctx context.Context, query string, args ...any) ([]figures.Claim, error) {
	type kept struct {
		report figures.Claim // its period and revision
		claims string
	}
	var rows []kept
	n := 0
	var period, revision int64
	err := s.each(ctx, query, args, func(r *sql.Rows) error {
		var k kept
		if err := r.Scan(&period, &revision, &k.claims); err != nil {
			return err
		}
		k.report = figures.Claim{PeriodID: period, Revision: int(revision)}
		n += strings.Count(k.claims, ",") + 1
		rows = append(rows, k)
		return nil
	})
	if err != nil {
		return nil, err
	}
	list := make([]figures.Claim, 0, n)
	add := func(c figures.Claim) { list = append(list, c) }
	for _, k := range rows {
		if err := parseClaims(k.claims, k.report, add); err != nil {
			return nil, err
		}
	}
	return list, nil
}

// factValues reads the indicator values given in accepted reports of
// periods started by day.
func (s *Store) factValues(ctx context.Context, planID int64, day any) ([]figures.Value, error) {
	var list []figures.Value
	// Found from the plan's indicators (inIDs), a few hundred values, and
	// then their reports. From the plan's 2,000 reports, as the planners
	// chose when the reports came first, SQLite probed the values of each
	// (a quarter of a second for the first national read) and PostgreSQL
	// hashed them and scanned every plan's values for each plan (8
	// against 3 ms on a national-size province). CROSS JOIN keeps SQLite
	// to the order written; PostgreSQL plans it as any join (issue 21).
	err := s.each(ctx, `SELECT v.indicator_id, r.period_id, r.agency_id, r.revision, v.value
		FROM report_indicator_values v CROSS JOIN reports r CROSS JOIN periods p
		WHERE v.indicator_id `+s.inIDs(`SELECT id FROM indicators WHERE plan_id = ?`)+`
		AND r.id = v.report_id AND p.id = r.period_id AND r.plan_id = ? AND r.state = 'accepted'
		AND p.start_date <= ? AND v.value IS NOT NULL`,
		[]any{planID, planID, day}, func(rows *sql.Rows) error {
			var v figures.Value
			err := rows.Scan(&v.IndicatorID, &v.PeriodID, &v.AgencyID, &v.Revision, &v.Value)
			list = append(list, v)
			return err
		})
	return list, err
}

// each runs a read query and calls fn on every row.
func (s *Store) each(ctx context.Context, query string, args []any, fn func(*sql.Rows) error) error {
	return s.eachOn(ctx, s.r, query, args, fn)
}

// eachOn is each on q: the read pool, or a transaction (whose queries
// bypass the statement caches: right for the IN lists of many shapes).
func (s *Store) eachOn(ctx context.Context, q querier, query string, args []any, fn func(*sql.Rows) error) error {
	rows, err := s.query(ctx, q, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// FactsVersion reads the plan's two figure versions (migration 00011):
// facts moves, in the writing transaction, with every row Facts reads for
// the plan except a report's state changing short of accepted, which moves
// reports instead. Figures computed from Facts read after the versions
// were (f, r) are right for every reader that later reads (f, r).
// ErrNotFound when the plan does not exist.
func (s *Store) FactsVersion(ctx context.Context, planID int64) (facts, reports int64, err error) {
	defer wrap(&err, "store.FactsVersion(%d)", planID)
	v, err := watched(s, watchKey{kind: watchPlan, id: planID}, func() (v [2]int64, err error) {
		err = s.queryRow(ctx, s.r, `SELECT facts_version, reports_version FROM plans WHERE id = ?`, planID).Scan(&v[0], &v[1])
		return v, err
	})
	if errors.Is(err, sql.ErrNoRows) {
		return 0, 0, ErrNotFound
	}
	return v[0], v[1], err
}

// FactsVersions reads every plan's two figure versions (FactsVersion) in
// one query: [facts, reports] by plan ID.
func (s *Store) FactsVersions(ctx context.Context) (v map[int64][2]int64, err error) {
	defer wrap(&err, "store.FactsVersions")
	v, err = watched(s, watchKey{kind: watchPlans}, func() (map[int64][2]int64, error) {
		v := map[int64][2]int64{}
		err := s.each(ctx, `SELECT id, facts_version, reports_version FROM plans`, nil, func(rows *sql.Rows) error {
			var id int64
			var x [2]int64
			err := rows.Scan(&id, &x[0], &x[1])
			v[id] = x
			return err
		})
		return v, err
	})
	return maps.Clone(v), err
}

// PeriodReports reads every revision of the plan's reports of one period,
// as Facts has them: what a change of reports_version alone can change.
func (s *Store) PeriodReports(ctx context.Context, planID, periodID int64) (list []figures.Report, err error) {
	defer wrap(&err, "store.PeriodReports(%d, %d)", planID, periodID)
	err = s.each(ctx, `SELECT r.period_id, r.agency_id, r.revision, r.state, r.on_time, r.submitted_at
		FROM reports r WHERE r.period_id = ? AND r.plan_id = ? ORDER BY r.agency_id, r.revision`,
		[]any{periodID, planID}, func(rows *sql.Rows) error {
			var r figures.Report
			err := rows.Scan(&r.PeriodID, &r.AgencyID, &r.Revision, &r.State, &r.OnTime, timeCol{&r.SubmittedAt})
			list = append(list, r)
			return err
		})
	return list, err
}
