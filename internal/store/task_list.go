package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"tiendo/internal/clock"
	"tiendo/internal/plan"
	"tiendo/internal/vntext"
)

// Page sizes for Tasks.
const (
	DefaultTaskLimit = 50
	MaxTaskLimit     = 500
	maxQueryWords    = 12 // more words than this are ignored: each is one LIKE
)

// Tasks lists one page of a plan's tasks matching f, and the total number
// matching. Filters:
//
//   - Query: every word, folded (no diacritics, lower case), must appear in
//     the task's folded title, text and product;
//   - AgencyID: the lead or a cooperating agency;
//   - SectionID: the section and its descendants (the seq range of its
//     subtree); a section of another plan matches nothing;
//   - Status: "" any, "open" not done, or a plan.Status code, computed in
//     SQL exactly as plan.StatusNow judges on f.Now (the day is required by
//     the statuses that depend on it: the caller's clock says which day it
//     is; the plan's current period and due-soon window come with it, see
//     PeriodsAround).
//
// Sort "order" (default) is document order; "due" is by due date, tasks
// without one last, then document order. Limit defaults to 50 and is at
// most 500. Listed tasks carry CooperatingAgencyIDs (one extra query for the
// page) but not MentionedAgencyIDs or References; Task reads those.
//
// Both orders and the open filter are read from indexes. The total is not
// counted when the page itself shows it, nor for the plain and open lists,
// whose counts the plan row keeps.
func (s *Store) Tasks(ctx context.Context, f plan.TaskFilter) (tasks []plan.Task, total int, err error) {
	defer wrap(&err, "store.Tasks(plan %d)", f.PlanID)
	where, args, err := taskWhere(f)
	if err != nil {
		return nil, 0, err
	}
	order := ` ORDER BY t.section_seq, t.ord, t.id`
	switch f.Sort {
	case "", "order":
	case "due":
		order = ` ORDER BY (t.due_date IS NULL), t.due_date, t.section_seq, t.ord, t.id`
	default:
		return nil, 0, fmt.Errorf("unknown sort %q", f.Sort)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = DefaultTaskLimit
	}
	limit = min(limit, MaxTaskLimit)
	offset := max(f.Offset, 0)

	rows, err := s.query(ctx, s.r, `SELECT `+taskCols+` FROM tasks t WHERE `+where+order+` LIMIT ? OFFSET ?`,
		append(args, limit, offset)...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	for rows.Next() {
		t, err := scanTask(rows)
		if err != nil {
			return nil, 0, err
		}
		tasks = append(tasks, t)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	rows.Close()

	switch {
	case len(tasks) > 0 && len(tasks) < limit, len(tasks) == 0 && offset == 0:
		total = offset + len(tasks) // the page ends the list: no need to count
	case f.Query == "" && f.AgencyID == 0 && f.SectionID == 0 && (f.Status == "" || f.Status == "open"):
		// The plain and the open list: the plan keeps these counts (triggers).
		if total, err = s.keptTotal(ctx, f); err != nil {
			return nil, 0, err
		}
	default:
		if err := s.queryRow(ctx, s.r, `SELECT COUNT(*) FROM tasks t WHERE `+where, args...).Scan(&total); err != nil {
			return nil, 0, err
		}
	}
	if err := s.fillCoop(ctx, tasks); err != nil {
		return nil, 0, err
	}
	return tasks, total, nil
}

// taskWhere builds the WHERE clause of Tasks and its arguments.
func taskWhere(f plan.TaskFilter) (string, []any, error) {
	where := []string{"t.plan_id = ?"}
	args := []any{f.PlanID}
	patterns := vntext.SearchPatterns(f.Query)
	if len(patterns) == 0 && strings.TrimSpace(f.Query) != "" {
		// A query of symbols only ("%", "'--") has no word to look for:
		// it finds nothing, rather than being dropped and finding all.
		where = append(where, "1 = 0")
	}
	for _, p := range patterns[:min(len(patterns), maxQueryWords)] {
		where = append(where, `t.search LIKE ? ESCAPE '\'`)
		args = append(args, p)
	}
	if f.AgencyID != 0 {
		// The agency's tasks as one set read from two indexes, not a test
		// per task of the plan: an agency holds a few percent of them.
		where = append(where, `t.id IN (SELECT l.id FROM tasks l WHERE l.lead_agency_id = ? AND l.plan_id = ?
			UNION ALL SELECT ta.task_id FROM task_agencies ta WHERE ta.agency_id = ? AND ta.role = 'coop')`)
		args = append(args, f.AgencyID, f.PlanID, f.AgencyID)
	}
	if f.SectionID != 0 {
		where = append(where, `t.section_seq BETWEEN (SELECT seq FROM sections WHERE id = ? AND plan_id = ?)
			AND (SELECT seq_end FROM sections WHERE id = ? AND plan_id = ?)`)
		args = append(args, f.SectionID, f.PlanID, f.SectionID, f.PlanID)
	}
	if f.Status != "" {
		cond, cargs, err := statusCond(f.Status, f.Now)
		if err != nil {
			return "", nil, err
		}
		where = append(where, cond)
		args = append(args, cargs...)
	}
	return strings.Join(where, " AND "), args, nil
}

// perPeriod is true of the tasks judged per reporting period
// (plan.Task.JudgedPerPeriod): recurring and continuous. They never have a
// due day (due_date is NULL), so they sort last by due date.
const perPeriod = `t.deadline_kind IN ('recurring', 'continuous')`

// openNow is the exact term of the partial index tasks_open_now (migration
// 00018): every task the "open" filter can select lies in it (a task with
// a fixed due day not completed, or a task judged per period, whose
// completion is its period's). Written out in the query as in the index so
// that both SQLite and PostgreSQL prove the index usable.
const openNow = `(t.completed_on IS NULL OR t.deadline_kind IN ('recurring', 'continuous'))`

// statusCond is the SQL condition for a status filter: tasks whose
// plan.StatusNow on now has that status ("open": plan.Status.Open).
// TestStatusFilterMatchesStatusNow checks that both agree.
//
// A task with a fixed due day (or none) is judged as plan.ComputeStatus
// does, from its stored facts and the day:
//
//	done on time  completed, and no due day or completed on/before it
//	done late     completed after the due day
//	cancelled     open, latest accepted claim cancelled
//	paused        open, latest accepted claim paused
//	overdue       open, not paused or cancelled, due day before today
//	due soon      open, not paused or cancelled, due day within today … today+dueSoon
//	in progress   the rest, with progress or an accepted report not claiming not_started
//	not started   the rest, without
//
// A recurring or continuous task is judged in the current period (as
// plan.StatusInPeriod does): by the claim it carries when that claim is
// the current period's (claim_period_start is the period's first day),
// else — cancelled and paused aside — by where the day stands in the
// period, which is the same for every such task and so is decided here,
// in Go (perPeriodCond).
func statusCond(status string, now plan.Now) (string, []any, error) {
	switch plan.Status(status) {
	case plan.StatusOverdue, plan.StatusDueSoon, plan.StatusInProgress, plan.StatusNotStarted:
		if now.Day.IsZero() {
			return "", nil, fmt.Errorf("status %q needs the day to judge on", status)
		}
	}
	fixed, fargs, err := fixedCond(status, now)
	if err != nil {
		return "", nil, err
	}
	if now.Period.IsZero() {
		// No period to judge in: every task is judged as a whole.
		return fixed, fargs, nil
	}
	if status == "open" {
		// The fixed part is "not completed", the per-period part "not done
		// in the current period" (a completion of an earlier period leaves
		// completed_on set): written so that the index tasks_open_now
		// serves, and the per-row test stops at the claim's period.
		return openNow + ` AND NOT (t.claim_period_start = ? AND t.claim_status = 'completed' AND ` + perPeriod + `)`,
			[]any{dateArg(clock.DateOf(now.Period.Start))}, nil
	}
	per, pargs := perPeriodCond(plan.Status(status), now)
	return `(NOT ` + perPeriod + ` AND ` + fixed + ` OR ` + perPeriod + ` AND ` + per + `)`,
		append(fargs, pargs...), nil
}

// fixedCond is the condition for tasks judged as a whole (plan.ComputeStatus).
func fixedCond(status string, now plan.Now) (string, []any, error) {
	dueSoon := now.DueSoon
	if dueSoon <= 0 {
		dueSoon = plan.DefaultDueSoonDays
	}
	day := clock.DateOf(now.Day)
	td, soon := dateArg(day), dateArg(day.AddDate(0, 0, dueSoon))
	const running = `t.completed_on IS NULL AND t.claim_status NOT IN ('paused', 'cancelled')`
	const notDue = running + ` AND (t.due_date IS NULL OR t.due_date > ?)`
	const started = `(t.progress > 0 OR t.reported_at IS NOT NULL AND t.claim_status <> 'not_started')`
	switch plan.Status(status) {
	case "open":
		return `t.completed_on IS NULL`, nil, nil
	case plan.StatusDoneOnTime:
		return `t.completed_on IS NOT NULL AND (t.due_date IS NULL OR t.completed_on <= t.due_date)`, nil, nil
	case plan.StatusDoneLate:
		return `t.completed_on > t.due_date`, nil, nil
	case plan.StatusCancelled:
		return `t.completed_on IS NULL AND t.claim_status = 'cancelled'`, nil, nil
	case plan.StatusPaused:
		return `t.completed_on IS NULL AND t.claim_status = 'paused'`, nil, nil
	case plan.StatusOverdue:
		return running + ` AND t.due_date < ?`, []any{td}, nil
	case plan.StatusDueSoon:
		return running + ` AND t.due_date >= ? AND t.due_date <= ?`, []any{td, soon}, nil
	case plan.StatusInProgress:
		return notDue + ` AND ` + started, []any{soon}, nil
	case plan.StatusNotStarted:
		return notDue + ` AND NOT ` + started, []any{soon}, nil
	}
	return "", nil, fmt.Errorf("unknown status %q", status)
}

// perPeriodCond is the condition for recurring and continuous tasks judged
// in now's period (plan.StatusInPeriod with the claim plan.Task.ClaimIn
// finds). Without a claim of the period, the status is the same for every
// running task (neither paused nor cancelled): the one the day gives
// (perPeriodFree), so the SQL only tells running tasks from the others.
func perPeriodCond(status plan.Status, now plan.Now) (string, []any) {
	p := now.Period
	start, due := dateArg(clock.DateOf(p.Start)), dateArg(clock.DateOf(p.Due))
	// The task carries the current period's claim (plan.Task.ClaimIn), or not.
	const claimed = `(t.claim_period_start = ? AND t.claim_status <> '')`
	const notClaimed = `(t.claim_period_start IS NULL OR t.claim_period_start <> ? OR t.claim_status = '')`
	const running = `t.claim_status NOT IN ('paused', 'cancelled')`
	const started = `(t.progress > 0 OR t.reported_at IS NOT NULL AND t.claim_status <> 'not_started')`
	free := perPeriodFree(now)
	// The tasks without a claim of the period that get status st.
	unclaimed := func(st plan.Status) (string, []any) {
		switch {
		case st == plan.StatusInProgress && free == plan.StatusInProgress:
			return notClaimed + ` AND ` + running + ` AND ` + started, []any{start}
		case st == plan.StatusNotStarted && free == plan.StatusInProgress:
			return notClaimed + ` AND ` + running + ` AND NOT ` + started, []any{start}
		case st == free:
			return notClaimed + ` AND ` + running, []any{start}
		}
		return `1 = 0`, nil
	}
	switch status {
	case "open":
		return `NOT (` + claimed + ` AND t.claim_status = 'completed')`, []any{start}
	case plan.StatusCancelled:
		return `t.claim_status = 'cancelled'`, nil
	case plan.StatusPaused:
		return `t.claim_status = 'paused'`, nil
	case plan.StatusDoneOnTime:
		return claimed + ` AND t.claim_status = 'completed' AND (t.completed_on IS NULL OR t.completed_on <= ?)`, []any{start, due}
	case plan.StatusDoneLate:
		return claimed + ` AND t.claim_status = 'completed' AND t.completed_on > ?`, []any{start, due}
	case plan.StatusInProgress:
		u, uargs := unclaimed(status)
		return `(` + claimed + ` AND (t.claim_status = 'in_progress' OR t.claim_status = 'not_started' AND t.progress > 0) OR ` +
			u + `)`, append([]any{start}, uargs...)
	case plan.StatusNotStarted:
		u, uargs := unclaimed(status)
		return `(` + claimed + ` AND t.claim_status = 'not_started' AND t.progress = 0 OR ` + u + `)`,
			append([]any{start}, uargs...)
	}
	u, uargs := unclaimed(status) // overdue, due soon: only without a claim of the period
	return u, uargs
}

// perPeriodFree is the status plan.StatusInPeriod gives a running task
// without a claim of now's period (plan.StatusInProgress standing for
// "in progress when started, else not started").
func perPeriodFree(now plan.Now) plan.Status {
	st, _ := plan.StatusInPeriod(&plan.Task{Deadline: plan.Deadline{Kind: plan.DeadlineContinuous}, Progress: 1},
		now.Period.Start, now.Period.Due, nil, now.Day, now.DueSoon)
	return st
}

// keptTotal is the total of the plain or the open list of plan f.PlanID,
// from the counts the plan keeps (triggers on tasks): task_count;
// open_task_count, the tasks not completed. Tasks judged per period are
// open or not by their current period's claim instead: those completed in
// some period (per_period_completed, kept too) are open again, less those
// done in the current period — a range of the index
// tasks_per_period_claim (migration 00018).
func (s *Store) keptTotal(ctx context.Context, f plan.TaskFilter) (total int, err error) {
	if f.Status == "" {
		err = s.queryRow(ctx, s.r, `SELECT task_count FROM plans WHERE id = ?`, f.PlanID).Scan(&total)
		return total, err
	}
	if f.Now.Period.IsZero() {
		err = s.queryRow(ctx, s.r, `SELECT open_task_count FROM plans WHERE id = ?`, f.PlanID).Scan(&total)
		return total, err
	}
	start := dateArg(clock.DateOf(f.Now.Period.Start))
	err = s.queryRow(ctx, s.r, `SELECT pl.open_task_count + pl.per_period_completed
		- (SELECT COUNT(*) FROM tasks t WHERE t.plan_id = pl.id AND `+perPeriod+`
			AND t.claim_period_start = ? AND t.claim_status = 'completed')
		FROM plans pl WHERE pl.id = ?`, start, f.PlanID).Scan(&total)
	return total, err
}

// fillCoop sets CooperatingAgencyIDs on a page of tasks with one query.
func (s *Store) fillCoop(ctx context.Context, tasks []plan.Task) error {
	if len(tasks) == 0 {
		return nil
	}
	byID := make(map[int64]*plan.Task, len(tasks))
	args := make([]any, 0, len(tasks))
	for i := range tasks {
		byID[tasks[i].ID] = &tasks[i]
		args = append(args, tasks[i].ID)
	}
	// Pad the IN list to one of a few lengths with a repeated ID, so that
	// the query comes in a few shapes that stay prepared.
	for _, n := range []int{10, 50, 100, MaxTaskLimit} {
		if len(args) <= n {
			for len(args) < n {
				args = append(args, args[0])
			}
			break
		}
	}
	// No ORDER BY: SQLite's sorter costs more than the page itself; the
	// few agencies of each task are put in order here.
	rows, err := s.query(ctx, s.r, `SELECT task_id, agency_id, ord FROM task_agencies
		WHERE role = 'coop' AND task_id IN (`+placeholders(len(args))+`)`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	type coop struct {
		agency int64
		ord    int
	}
	found := map[int64][]coop{}
	for rows.Next() {
		var tid int64
		var c coop
		if err := rows.Scan(&tid, &c.agency, &c.ord); err != nil {
			return err
		}
		found[tid] = append(found[tid], c)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for tid, cs := range found {
		t := byID[tid]
		if t == nil {
			continue
		}
		slices.SortFunc(cs, func(a, b coop) int { return a.ord - b.ord })
		t.CooperatingAgencyIDs = make([]int64, len(cs))
		for i, c := range cs {
			t.CooperatingAgencyIDs[i] = c.agency
		}
	}
	return nil
}
