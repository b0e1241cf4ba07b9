package store

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"tiendo/internal/audit"
	"tiendo/internal/indicator"
	"tiendo/internal/officialreport"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// readWhole are the tables a plan may read whole: small, bounded by the
// organisation rather than by the number of tasks and reports. A full scan
// of any other table fails TestExplain — in particular of the tables that
// grow with a national dataset: tasks, task_agencies, sections, periods,
// reports, report_entries, report_contributions, report_indicator_values
// and audit_log.
var readWhole = map[string]string{
	"agencies":        "a few hundred per province; the dashboard and the report lists name every agency",
	"plans":           "one row per plan, tens per province",
	"regimes":         "one row per plan",
	"indicators":      "a few dozen per plan, read by the plan index when filtered",
	"users":           "bounded by the agencies' staff; joined by primary key",
	"figure_settings": "one row per plan",
}

// knownScans are full scans found by this test and not fixed yet, keyed by
// dialect, table and query text ("postgres tasks SELECT …"), so that the
// test passes until they are. Empty: none found.
var knownScans = map[string]string{}

// untraced are the store functions the test calls whose queries do not go
// through query or queryRow, so the trace does not see them; the test
// fails when one of them starts being traced (remove it here then).
var untraced = map[string]string{}

// TestExplain runs the store functions behind the dashboards and lists on
// a seeded database, captures every read they run (Store.trace), and
// checks the plan of each (EXPLAIN with the same arguments): none may read
// a big table whole, as it would on a national dataset (see checkPlans).
func TestExplain(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		x := seedExplain(t, s)
		unwatched(s) // every read runs its query, to be explained
		var queries []string
		args := map[string][]any{} // arguments of each query's first run
		calls := 0
		var mu sync.Mutex // Facts reads on several connections at once
		s.trace = func(q string, a []any) {
			mu.Lock()
			defer mu.Unlock()
			calls++
			if _, ok := args[q]; !ok {
				queries = append(queries, q)
				args[q] = slices.Clone(a)
			}
		}
		defer func() { s.trace = nil }()
		day := plan.Date(2026, 6, 15)
		around, soon, err := s.PeriodsAround(ctx, x.big, day)
		must(t, err)
		now := reporting.NowOf(around, day, soon)
		if now.Period.IsZero() {
			t.Fatal("no current period")
		}
		tasks := func(f plan.TaskFilter) error {
			f.PlanID, f.Now = x.big, now
			_, _, err := s.Tasks(ctx, f)
			return err
		}
		steps := []struct {
			name string
			run  func() error
		}{
			{"Facts", func() error { _, err := s.Facts(ctx, x.big, day); return err }},
			{"Tasks order", func() error { return tasks(plan.TaskFilter{Sort: "order"}) }},
			{"Tasks due", func() error { return tasks(plan.TaskFilter{Sort: "due"}) }},
			{"Tasks open", func() error { return tasks(plan.TaskFilter{Status: "open", Sort: "due"}) }},
			{"Tasks open total", func() error { return tasks(plan.TaskFilter{Status: "open", Sort: "due", Limit: 5}) }},
			{"Tasks done on time", func() error { return tasks(plan.TaskFilter{Status: string(plan.StatusDoneOnTime), Sort: "due"}) }},
			{"PeriodsAround", func() error { _, _, err := s.PeriodsAround(ctx, x.big, day); return err }},
			{"TaskResults", func() error { _, err := s.TaskResults(ctx, x.task); return err }},
			{"PriorResults", func() error {
				p, err := s.Period(ctx, x.period)
				if err != nil {
					return err
				}
				_, err = s.PriorResults(ctx, []int64{x.task, x.task + 1}, *p, 2)
				return err
			}},
			{"Tasks overdue", func() error { return tasks(plan.TaskFilter{Status: string(plan.StatusOverdue)}) }},
			{"Tasks agency", func() error { return tasks(plan.TaskFilter{AgencyID: x.agency, Sort: "due"}) }},
			{"Tasks search", func() error { return tasks(plan.TaskFilter{Query: "chuyen doi so", Sort: "due"}) }},
			{"Tasks section", func() error { return tasks(plan.TaskFilter{SectionID: x.section}) }},
			{"Reports", func() error {
				_, _, err := s.Reports(ctx, reporting.ReportFilter{PlanID: x.big, Today: day})
				return err
			}},
			{"Reports filtered", func() error {
				_, _, err := s.Reports(ctx, reporting.ReportFilter{PlanID: x.big, PeriodID: x.period, AgencyID: x.agency,
					State: reporting.StateAccepted, AllRevisions: true, Today: day})
				return err
			}},
			{"Report", func() error { _, err := s.Report(ctx, x.report); return err }},
			{"ReadTaskReport", func() error { _, err := s.ReadTaskReport(ctx, x.report, x.task); return err }},
			{"AgencyWorkFacts", func() error { _, err := s.AgencyWorkFacts(ctx, x.agency, day, day.AddDate(0, 0, 7)); return err }},
			{"CoordinatorWorkFacts", func() error { _, err := s.CoordinatorWorkFacts(ctx, x.big, day); return err }},
			{"RankingWeights", func() error { _, err := s.RankingWeights(ctx, x.big); return err }},
			{"FigureSettings", func() error { _, err := s.FigureSettings(ctx, x.big); return err }},
			{"OfficialReport", func() error { _, err := s.OfficialReport(ctx, x.small, x.q2); return err }},
			{"OfficialReportSources", func() error { _, err := s.OfficialReportSources(ctx, x.small, x.q2); return err }},
			{"AuditSearch", func() error {
				_, err := s.AuditSearch(ctx, audit.Filter{Object: "report", ObjectID: x.report, Limit: 50})
				return err
			}},
			{"AuditObjects", func() error { _, err := s.AuditObjects(ctx); return err }},
			{"FactsVersions", func() error { _, err := s.FactsVersions(ctx); return err }},
			{"PeriodReports", func() error { _, err := s.PeriodReports(ctx, x.big, x.period); return err }},
			{"OpenTasks", func() error { _, err := s.OpenTasks(ctx, x.big); return err }},
			{"TaskCarryover", func() error { _, err := s.TaskCarryover(ctx, x.report); return err }},
			{"PlanAmendments", func() error { _, err := s.PlanAmendments(ctx, x.big); return err }},
			{"Agencies", func() error { _, err := s.Agencies(ctx); return err }},
			// The roll-up of an upstream plan (issue 20).
			{"UpstreamPart", func() error { _, err := s.UpstreamPart(ctx, x.upstream); return err }},
			{"LinkedPlans", func() error { _, err := s.LinkedPlans(ctx, x.upstream); return err }},
			{"LinkedPart", func() error {
				p, err := s.Period(ctx, x.period)
				if err != nil {
					return err
				}
				_, err = s.LinkedPart(ctx, x.big, x.upstream, *p, day)
				return err
			}},
			{"PlanLinks", func() error { _, err := s.PlanLinks(ctx, x.big, x.upstream); return err }},
			{"PlanLinkCounts", func() error { _, err := s.PlanLinkCounts(ctx, x.big); return err }},
			{"UpstreamPlanLinks", func() error { _, err := s.UpstreamPlanLinks(ctx); return err }},
			{"PackageItems", func() error { _, err := s.PackageItems(ctx, x.upstream, x.period); return err }},
			{"RollupVersion", func() error { _, err := s.RollupVersion(ctx); return err }},
		}
		for _, st := range steps {
			before := calls
			if err := st.run(); err != nil {
				t.Fatalf("%s: %v", st.name, err)
			}
			_, skip := untraced[st.name]
			switch traced := calls > before; {
			case traced && skip:
				t.Errorf("%s is traced now: remove it from untraced", st.name)
			case !traced && !skip:
				t.Errorf("%s ran no traced query", st.name)
			}
		}
		s.trace = nil
		checkPlans(t, s, queries, args)
	})
}

// explainIDs are what the queries under test take.
type explainIDs struct {
	small, q2                       int64 // the sample plan, with its reporting flow, and its quarter II/2025
	big                             int64 // the first of the plans of 600 tasks
	upstream                        int64 // the second, which the first's tasks are linked to (one in three)
	third                           int64 // the third, whose tasks link to the first and are linked from the second
	agency, section, period, report int64 // of the big plan
	task                            int64 // a task of the big plan the agency leads
}

// seedExplain stores the sample plan with a report of every kind (entries,
// a contribution, an indicator value, a file, accepted and submitted, an
// official report); three plans of 600 tasks over the same 20 agencies,
// each with five indicators and reports for every quarter of 2025–2026,
// half of them accepted, every report with a line for each task its agency
// leads, a contribution to each task it cooperates on, a value for each of
// its indicators and a file; and 30 plans of 10 tasks. One plan, agency or
// report is then a small part of every table, as on a national dataset
// (with a handful of plans, PostgreSQL reckons a plan's tasks a large part
// of the table and plans accordingly). On PostgreSQL the tables are then
// analysed.
func seedExplain(t *testing.T, s *Store) explainIDs {
	t.Helper()
	ctx := context.Background()
	f := newRepFix(t, s)
	x := explainIDs{small: f.d.Plan.ID, q2: f.q2.ID}
	june5 := plan.Date(2025, 6, 5)
	ind := indicator.Indicator{PlanID: x.small, Code: "CT1", Name: "Tỷ lệ", Unit: "%", Direction: indicator.Increase,
		Aggregation: indicator.Average, Targets: map[int]float64{2025: 50}, AgencyID: f.ag["khcn"]}
	must(t, s.CreateIndicator(ctx, 0, &ind))
	v := 62.5
	r := f.report(t, f.q2, "khcn")
	must(t, s.SaveIndicatorValue(ctx, f.at("officer:khcn", june5), r.ID, &reporting.IndicatorValue{IndicatorID: ind.ID, Value: &v}))
	tc := f.report(t, f.q2, "tc")
	must(t, s.SaveContribution(ctx, f.at("officer:tc", june5), tc.ID, &reporting.Contribution{TaskID: f.task(0), Text: "Đã bố trí kinh phí"}))
	r = f.submitFull(t, f.q2, "khcn", june5)
	_, err := s.AcceptReport(ctx, f.at("coord", june5), r.ID, r.Version)
	must(t, err)
	must(t, s.AddReportFile(ctx, f.at("officer:tc", june5), tc.ID, &reporting.File{Name: "bien-ban.pdf"}, []byte("%PDF-1.7\n%%EOF\n")))
	f.submitFull(t, f.q2, "tc", june5)
	must(t, s.SaveOfficialReport(ctx, f.users["coord"].ID, &officialreport.Draft{PlanID: x.small, PeriodID: x.q2,
		Number: "12/BC-SKHCN", Place: "Cà Mau", Date: plan.Date(2025, 6, 20), Issuer: "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
		Summary: "Kết quả quý II/2025", SignTitle: "GIÁM ĐỐC", SignName: "Nguyễn Văn An", Recipients: []string{"Lưu: VT."}}))

	ag := benchAgencies(t, s, 20)
	for n := range 3 {
		d := bigDraft(600, plan.Date(2025, 1, 1), ag...)
		d.Plan.Status, d.Plan.IssuedOn = plan.PlanActive, plan.Date(2025, 1, 1)
		id, err := s.CreatePlan(ctx, 0, d)
		must(t, err)
		if n == 0 {
			x.big, x.section = id, d.Sections[3].ID
		}
		switch n {
		case 1:
			x.upstream = id
		case 2:
			x.third = id
		}
		for i := range 5 {
			must(t, s.CreateIndicator(ctx, 0, &indicator.Indicator{PlanID: id, Code: fmt.Sprintf("CT%d", i+1),
				Name: "Chỉ tiêu", Direction: indicator.Increase, Aggregation: indicator.Sum,
				Targets: map[int]float64{2025: 10, 2026: 20}, AgencyID: ag[i]}))
		}
		must(t, s.EnsureReports(ctx, id, plan.Date(2026, 12, 15)))
		for _, q := range []string{
			`UPDATE reports SET state = 'accepted', submitted_at = updated_at, on_time = (id % 4 = 0)
				WHERE plan_id = ? AND id % 2 = 0`,
			`INSERT INTO report_entries (report_id, task_id, status, percent, result, updated_at)
				SELECT r.id, t.id, 'in_progress', 50, 'Đang triển khai', r.updated_at FROM reports r
				JOIN tasks t ON t.plan_id = r.plan_id AND t.lead_agency_id = r.agency_id WHERE r.plan_id = ?`,
			`INSERT INTO report_contributions (report_id, task_id, text, updated_at)
				SELECT r.id, ta.task_id, 'Đã phối hợp', r.updated_at FROM reports r JOIN tasks t ON t.plan_id = r.plan_id
				JOIN task_agencies ta ON ta.task_id = t.id AND ta.agency_id = r.agency_id AND ta.role = 'coop'
				WHERE r.plan_id = ?`,
			`INSERT INTO report_indicator_values (report_id, indicator_id, value, updated_at)
				SELECT r.id, i.id, 5, r.updated_at FROM reports r
				JOIN indicators i ON i.plan_id = r.plan_id AND i.agency_id = r.agency_id WHERE r.plan_id = ?`,
			`INSERT INTO report_files (report_id, name, content_type, size, sha256, uploaded_at)
				SELECT r.id, 'bien-ban.pdf', 'application/pdf', 15, (SELECT MIN(sha256) FROM file_blobs), r.updated_at
				FROM reports r WHERE r.plan_id = ?`,
		} {
			_, err := s.exec(ctx, s.w, q, id)
			must(t, err)
		}
	}
	for range 30 {
		d := bigDraft(10, plan.Date(2025, 1, 1), ag[10:]...)
		d.Plan.Status = plan.PlanActive
		_, err := s.CreatePlan(ctx, 0, d)
		must(t, err)
	}
	x.agency = ag[3]
	periods, err := s.Periods(ctx, x.big)
	must(t, err)
	x.period = periods[2].ID
	rep, err := s.ReportFor(ctx, x.period, x.agency)
	must(t, err)
	x.report = rep.ID
	must(t, s.queryRow(ctx, s.r, `SELECT MIN(id) FROM tasks WHERE plan_id = ? AND lead_agency_id = ?`, x.big, x.agency).Scan(&x.task))
	// Claims of the current quarter on some continuous tasks, as accepting
	// a report would leave them, so that the status filters meet both kinds.
	_, err = s.exec(ctx, s.w, `UPDATE tasks SET claim_status = 'completed', completed_on = '2026-05-20', progress = 100,
		claim_period_start = '2026-04-01' WHERE plan_id = ? AND deadline_kind = 'continuous' AND id % 2 = 0`, x.big)
	must(t, err)
	// One task in three of the big plan implements the task of the same
	// place in the second: links for the roll-up's queries.
	bigTasks, err := s.PlanTasks(ctx, x.big)
	must(t, err)
	upTasks, err := s.PlanTasks(ctx, x.upstream)
	must(t, err)
	thirdTasks, err := s.PlanTasks(ctx, x.third)
	must(t, err)
	var links [][2]int64
	for i := 0; i < len(bigTasks); i += 3 {
		links = append(links, [2]int64{bigTasks[i].ID, upTasks[i].ID})
	}
	// Links between the other plans, so that the first's links to the
	// second are a small part of the table, as one province's are of a
	// national programme's.
	for i := range thirdTasks {
		links = append(links, [2]int64{thirdTasks[i].ID, bigTasks[i].ID}, [2]int64{upTasks[i].ID, thirdTasks[i].ID})
	}
	must(t, s.SeedLinks(ctx, 0, links))
	// Carry-overs between the small plans' tasks (each task continued by
	// the next one's), so that the planner sees a table with rows.
	_, err = s.exec(ctx, s.w, `INSERT INTO task_carryovers (old_task_id, new_task_id, carried_at)
		SELECT t.id, t.id + 1, t.created_at FROM tasks t WHERE t.plan_id <> ? AND EXISTS (SELECT 1 FROM tasks n WHERE n.id = t.id + 1)`, x.big)
	must(t, err)
	if s.dialect == dialectPostgres { // this schema's tables, not the whole database's
		var tables string
		must(t, s.w.QueryRowContext(ctx, `SELECT string_agg(tablename, ', ') FROM pg_tables
			WHERE schemaname = current_schema()`).Scan(&tables))
		_, err := s.w.ExecContext(ctx, "ANALYZE "+tables)
		must(t, err)
	}
	return x
}

// checkPlans EXPLAINs each query with its arguments and fails on a full
// scan of a table that is not in readWhole or knownScans, printing the
// query, its arguments and the plan.
//
// On PostgreSQL the EXPLAINs run in one transaction with sequential scans,
// hash joins and merge joins disabled. A test-sized table is always
// cheaper to read whole, and so is joining it whole; with those off, the
// planner takes an index wherever one serves (a nested loop probing an
// index per row), and what is left whole is what no index serves.
func checkPlans(t *testing.T, s *Store, queries []string, args map[string][]any) {
	t.Helper()
	ctx := context.Background()
	var q querier = s.r
	if s.dialect == dialectPostgres {
		tx, err := s.w.BeginTx(ctx, nil)
		must(t, err)
		defer tx.Rollback()
		for _, set := range []string{"enable_seqscan", "enable_hashjoin", "enable_mergejoin"} {
			_, err = tx.ExecContext(ctx, "SET LOCAL "+set+" = off")
			must(t, err)
		}
		q = tx
	}
	lead := map[string]string{} // PostgreSQL: each index of the schema → its leading column
	if s.dialect == dialectPostgres {
		rows, err := q.QueryContext(ctx, `SELECT c.relname, a.attname FROM pg_index i
			JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
			WHERE c.relnamespace = current_schema()::regnamespace`)
		must(t, err)
		for rows.Next() {
			var index, col string
			must(t, rows.Scan(&index, &col))
			lead[index] = col
		}
		must(t, rows.Err())
		rows.Close()
	}
	for _, query := range queries {
		a := args[query]
		lines, scans, err := explain(ctx, s, q, query, a, lead)
		if err != nil {
			t.Fatalf("%v\nquery: %s\nargs: %v", err, query, a)
		}
		plan := strings.Join(lines, "\n")
		for _, table := range scans {
			if _, ok := readWhole[table]; ok {
				continue
			}
			if why, ok := knownScans[s.dialect+" "+table+" "+query]; ok {
				t.Logf("known full scan of %s: %s", table, why)
				continue
			}
			t.Errorf("full scan of %s on %s\nquery: %s\nargs: %v\nplan:\n%s", table, s.dialect, query, a, plan)
		}
	}
	t.Logf("%d distinct queries checked on %s", len(queries), s.dialect)
}

// explain returns the plan of query as text lines and the tables it reads
// whole.
//
// SQLite: every "SCAN x" line, with or without an index (SCAN walks the
// whole table or index; SEARCH is bounded), x being a table or an alias
// mapped back through the FROM clauses.
//
// PostgreSQL, from EXPLAIN (FORMAT JSON): Seq Scan nodes, and index scans
// whose Index Cond does not bound the index's leading column (none, or
// only a later column or IS NOT NULL): those walk the whole index, and are
// what the planner falls back to when sequential scans are off. lead
// gives each index's leading column.
func explain(ctx context.Context, s *Store, q querier, query string, args []any, lead map[string]string) (lines, scans []string, err error) {
	if s.dialect != dialectPostgres {
		if lines, err = planRows(ctx, q, "EXPLAIN QUERY PLAN "+query, args); err != nil {
			return nil, nil, err
		}
		alias := map[string]string{}
		from := regexp.MustCompile(`(?i)\b(?:FROM|JOIN)\s+(\w+)(?:\s+(?:AS\s+)?(\w+))?`)
		for _, m := range from.FindAllStringSubmatch(query, -1) {
			alias[m[1]] = m[1]
			if m[2] != "" {
				alias[m[2]] = m[1]
			}
		}
		// Common table expressions are not tables: scanning one reads the
		// rows it made (an index seek each, for AuditObjects' kinds).
		cte := map[string]bool{}
		for _, m := range regexp.MustCompile(`(?i)(?:\bWITH(?:\s+RECURSIVE)?|,)\s+(\w+)\s*(?:\([^)]*\))?\s+AS\s*\(`).FindAllStringSubmatch(query, -1) {
			cte[m[1]] = true
		}
		scan := regexp.MustCompile(`^SCAN (\w+)`)
		for _, l := range lines {
			if m := scan.FindStringSubmatch(l); m != nil && m[1] != "CONSTANT" && !cte[m[1]] {
				scans = append(scans, cmp.Or(alias[m[1]], m[1]))
			}
		}
		return lines, scans, nil
	}
	if lines, err = planRows(ctx, q, "EXPLAIN "+s.bind(query), args); err != nil {
		return nil, nil, err
	}
	js, err := planRows(ctx, q, "EXPLAIN (FORMAT JSON) "+s.bind(query), args)
	if err != nil {
		return nil, nil, err
	}
	var root []struct{ Plan pgNode }
	if err := json.Unmarshal([]byte(strings.Join(js, "")), &root); err != nil {
		return nil, nil, err
	}
	// bounded tells whether an index scan's condition bounds its index's
	// leading column (any condition, for an index led by an expression).
	bounded := func(index, cond string) bool {
		col := lead[index]
		if col == "" {
			return cond != ""
		}
		return regexp.MustCompile(`(^|[(\s])` + regexp.QuoteMeta(col) + `\s*(=|<|>|IS NULL)`).MatchString(cond)
	}
	var walk func(n pgNode, heap, parent string)
	walk = func(n pgNode, heap, parent string) {
		switch n.Type {
		case "Seq Scan":
			scans = append(scans, n.Relation)
		case "Index Scan", "Index Only Scan":
			// Under a Limit, an index walked in order stops at its first
			// rows: MIN and MAX read one entry.
			if parent != "Limit" && !bounded(n.Index, n.IndexCond) {
				scans = append(scans, n.Relation)
			}
		case "Bitmap Index Scan": // under its Bitmap Heap Scan, which names the table
			if !bounded(n.Index, n.IndexCond) {
				scans = append(scans, heap)
			}
		case "Bitmap Heap Scan":
			heap = n.Relation
		}
		for _, c := range n.Plans {
			walk(c, heap, n.Type)
		}
	}
	for _, r := range root {
		walk(r.Plan, "", "")
	}
	return lines, scans, nil
}

// pgNode is a node of PostgreSQL's JSON plan, with what explain needs.
type pgNode struct {
	Type      string   `json:"Node Type"`
	Relation  string   `json:"Relation Name"`
	Index     string   `json:"Index Name"`
	IndexCond string   `json:"Index Cond"`
	Plans     []pgNode `json:"Plans"`
}

// planRows runs an EXPLAIN and returns the last column of each row
// (SQLite's detail, PostgreSQL's one column).
func planRows(ctx context.Context, q querier, explain string, args []any) ([]string, error) {
	rows, err := q.QueryContext(ctx, explain, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	var lines []string
	for rows.Next() {
		dest := make([]any, len(cols))
		for i := range dest {
			dest[i] = new(any)
		}
		var line sql.NullString
		dest[len(dest)-1] = &line
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		lines = append(lines, line.String)
	}
	return lines, rows.Err()
}
