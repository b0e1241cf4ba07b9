package store

import (
	"context"
	"database/sql"
	"time"

	"tiendo/internal/figures"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
	"tiendo/internal/rollup"
)

// The roll-up of an upstream plan reads two kinds of part: the upstream
// plan's own tasks (UpstreamPart), and, for each plan with tasks linked to
// it, those tasks with what their accepted reports say (LinkedPart). Each
// costs a fixed number of queries whatever the plan's size; the app keeps
// each part under its plan's facts version and the roll-up counter.

// UpstreamPart is what the roll-up needs of the upstream plan: its tasks
// in plan order, their versions and arrangements (the plan as it was in a
// period: reporting.TasksIn) and its periods.
type UpstreamPart struct {
	Plan         plan.Plan
	Tasks        []plan.Task
	Versions     []plan.TaskVersion
	Arrangements []reporting.Arrangement
	Periods      []reporting.Period
}

// UpstreamPart reads plan planID as the roll-up's upstream plan.
// ErrNotFound when there is no such plan.
func (s *Store) UpstreamPart(ctx context.Context, planID int64) (u *UpstreamPart, err error) {
	defer wrap(&err, "store.UpstreamPart(%d)", planID)
	p, err := s.Plan(ctx, planID)
	if err != nil {
		return nil, err
	}
	u = &UpstreamPart{Plan: *p}
	if u.Periods, err = s.periods(ctx, planID); err != nil {
		return nil, err
	}
	if u.Tasks, err = s.factTasks(ctx, planID); err != nil {
		return nil, err
	}
	if u.Versions, err = s.taskVersions(ctx, s.r, planID); err != nil {
		return nil, err
	}
	if u.Arrangements, err = s.arrangements(ctx, s.r, planID); err != nil {
		return nil, err
	}
	return u, nil
}

// LinkedPart is what the roll-up needs of one plan with tasks linked to an
// upstream plan: those tasks as figures.Facts (the plan, its periods and
// due-soon window, the linked tasks, their accepted claims up to the
// period, versions and arrangements), who had any accepted claim, each
// task's latest accepted result, its links and its STT.
type LinkedPart struct {
	Facts figures.Facts
	// Claimed are the linked tasks with an accepted claim of a period
	// started by the day read (figures.JudgeTasks needs them).
	Claimed map[int64]bool
	// Results are each linked task's latest non-empty accepted result of
	// a period up to the one read.
	Results map[int64]LinkedResult
	// Links are the upstream tasks each linked task implements.
	Links map[int64][]int64
	// Numbers are the STT of the linked tasks in their plan (rollup.Numbers).
	Numbers map[int64]int
}

// LinkedResult is a task's result as an accepted report gave it.
type LinkedResult struct {
	Text     string
	Evidence string // the documents the entry cites, one a line
	PeriodID int64
	ReportID int64
}

// LinkedPlanPeriods reads the periods of plan planID (of its regime, in
// order) with its status, for choosing the period its part is read for.
func (s *Store) LinkedPlanPeriods(ctx context.Context, planID int64) (p *plan.Plan, periods []reporting.Period, err error) {
	defer wrap(&err, "store.LinkedPlanPeriods(%d)", planID)
	if p, err = s.Plan(ctx, planID); err != nil {
		return nil, nil, err
	}
	periods, err = s.periods(ctx, planID)
	return p, periods, err
}

// LinkedPart reads plan planID's tasks linked (now) to tasks of plan
// upstreamPlanID, for period (one of planID's), as of day today: claims
// and results of accepted reports of periods started by today, those up to
// period kept. ErrNotFound when there is no such plan.
func (s *Store) LinkedPart(ctx context.Context, planID, upstreamPlanID int64, period reporting.Period, today time.Time) (lp *LinkedPart, err error) {
	defer wrap(&err, "store.LinkedPart(%d → %d)", planID, upstreamPlanID)
	p, periods, err := s.LinkedPlanPeriods(ctx, planID)
	if err != nil {
		return nil, err
	}
	regime, err := s.readRegime(ctx, s.r, planID)
	if err != nil {
		return nil, err
	}
	lp = &LinkedPart{Facts: figures.Facts{Plan: *p, DueSoon: regime.DueSoonDays, Periods: periods},
		Claimed: map[int64]bool{}, Results: map[int64]LinkedResult{}, Links: map[int64][]int64{}, Numbers: map[int64]int{}}
	err = s.each(ctx, `SELECT task_id, upstream_task_id FROM task_links WHERE plan_id = ? AND upstream_plan_id = ?
		AND unlinked_at IS NULL ORDER BY task_id, upstream_task_id`, []any{planID, upstreamPlanID}, func(rows *sql.Rows) error {
		var task, up int64
		err := rows.Scan(&task, &up)
		lp.Links[task] = append(lp.Links[task], up)
		return err
	})
	if err != nil || len(lp.Links) == 0 {
		return lp, err
	}
	// Every task of the plan in plan order, for the STT; the linked ones in full.
	var all []plan.Task
	err = s.each(ctx, `SELECT t.id, t.removed_on FROM tasks t WHERE t.plan_id = ? ORDER BY t.section_seq, t.ord, t.id`,
		[]any{planID}, func(rows *sql.Rows) error {
			var t plan.Task
			err := rows.Scan(&t.ID, timeCol{&t.RemovedOn})
			all = append(all, t)
			return err
		})
	if err != nil {
		return nil, err
	}
	for id, n := range rollup.Numbers(all) {
		if lp.Links[id] != nil {
			lp.Numbers[id] = n
		}
	}
	const linked = ` IN (SELECT task_id FROM task_links WHERE plan_id = ? AND upstream_plan_id = ? AND unlinked_at IS NULL)`
	err = s.each(ctx, `SELECT `+taskCols+` FROM tasks t WHERE t.plan_id = ? AND t.id`+linked+`
		ORDER BY t.section_seq, t.ord, t.id`, []any{planID, planID, upstreamPlanID}, func(rows *sql.Rows) error {
		t, err := scanTask(rows)
		lp.Facts.Tasks = append(lp.Facts.Tasks, t)
		return err
	})
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]*plan.Task, len(lp.Facts.Tasks))
	for i := range lp.Facts.Tasks {
		byID[lp.Facts.Tasks[i].ID] = &lp.Facts.Tasks[i]
	}
	err = s.each(ctx, `SELECT ta.task_id, ta.agency_id FROM task_agencies ta WHERE ta.role = 'coop' AND ta.task_id`+linked+`
		ORDER BY ta.task_id, ta.ord`, []any{planID, upstreamPlanID}, func(rows *sql.Rows) error {
		var task, ag int64
		if err := rows.Scan(&task, &ag); err != nil {
			return err
		}
		if t := byID[task]; t != nil {
			t.CooperatingAgencyIDs = append(t.CooperatingAgencyIDs, ag)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Accepted entries of the linked tasks, newest period first: the
	// claims up to period, and the latest result. "+r.plan_id" keeps
	// SQLite from walking every report of the plan (reports_plan) and
	// probing each for each linked task: it starts from the linked tasks'
	// entries (report_entries_task), a tenth of the work on a national
	// province. PostgreSQL's planner finds that order itself, and the
	// "+" would only take the plan's index from it.
	planTerm := "r.plan_id"
	if s.dialect == dialectSQLite {
		planTerm = "+r.plan_id"
	}
	err = s.each(ctx, `SELECT e.task_id, r.id, r.period_id, r.revision, e.status, e.percent, e.completed_on, e.result,
		e.evidence, p.start_date
		FROM report_entries e JOIN reports r ON r.id = e.report_id JOIN periods p ON p.id = r.period_id
		WHERE `+planTerm+` = ? AND r.state = 'accepted' AND e.status <> '' AND p.start_date <= ? AND e.task_id`+linked+`
		ORDER BY e.task_id, p.start_date DESC, r.revision DESC`,
		[]any{planID, dateArg(today), planID, upstreamPlanID}, func(rows *sql.Rows) error {
			var c figures.Claim
			var res LinkedResult
			var start time.Time
			if err := rows.Scan(&c.TaskID, &res.ReportID, &c.PeriodID, &c.Revision, &c.Claim, &c.Percent,
				timeCol{&c.CompletedOn}, &res.Text, &res.Evidence, timeCol{&start}); err != nil {
				return err
			}
			lp.Claimed[c.TaskID] = true
			if start.After(period.Start) {
				return nil
			}
			lp.Facts.Claims = append(lp.Facts.Claims, c)
			if _, ok := lp.Results[c.TaskID]; !ok && res.Text != "" {
				res.PeriodID = c.PeriodID
				lp.Results[c.TaskID] = res
			}
			return nil
		})
	if err != nil {
		return nil, err
	}
	if lp.Facts.Versions, err = s.taskVersions(ctx, s.r, planID); err != nil {
		return nil, err
	}
	if lp.Facts.Arrangements, err = s.arrangements(ctx, s.r, planID); err != nil {
		return nil, err
	}
	return lp, nil
}

// EvidenceFiles lists the files attached to task entries of reports, by
// (report, task): what a package lists as a result's evidence.
func (s *Store) EvidenceFiles(ctx context.Context, reportTasks [][2]int64) (files map[[2]int64][]rollup.File, err error) {
	defer wrap(&err, "store.EvidenceFiles(%d)", len(reportTasks))
	files = map[[2]int64][]rollup.File{}
	for _, rt := range reportTasks {
		err := s.each(ctx, `SELECT name, size, sha256 FROM report_files WHERE report_id = ? AND task_id = ? ORDER BY id`,
			[]any{rt[0], rt[1]}, func(rows *sql.Rows) error {
				var f rollup.File
				err := rows.Scan(&f.Name, &f.Size, &f.SHA256)
				files[rt] = append(files[rt], f)
				return err
			})
		if err != nil {
			return nil, err
		}
	}
	return files, nil
}
