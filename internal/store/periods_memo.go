package store

import (
	"context"
	"sync"
	"time"

	"tiendo/internal/reporting"
)

// periodsMemo keeps, per plan, what a task is judged against — its
// regime's due-soon window and its reporting periods (the regime's
// frequency) — under the plan's periods_version (migration 00030), which
// triggers move in the transaction of every change of the plan's regime or
// periods, on every instance sharing the database. Every task write
// answers with the task judged today and per period
// (TaskPeriodStatusesNow); reading the regime and a few dozen periods for
// each cost more than the rest of the answer (issue 21). facts_version
// would not do as the key: every task write moves it.
type periodsMemo struct {
	mu     sync.Mutex
	byPlan map[int64]*planPeriods
}

// maxPeriodsMemo bounds the plans kept: past it the memo starts again
// (a plan's entry is a few kilobytes; only plans whose tasks are written
// or read one by one are kept).
const maxPeriodsMemo = 1024

// planPeriods is one read of a plan's regime and periods, never changed
// once made: callers read it without the lock.
type planPeriods struct {
	version int64 // plans.periods_version read before the regime and periods
	dueSoon int
	periods []reporting.Period
}

// judgeBasis is what task taskID of plan planID is judged on: the
// due-soon window of the plan's regime and its periods, as periodsOf
// gives them — from the memo when the plan's periods_version has not
// moved since they were kept and no task of the plan is due after the
// last period (periodsOf would extend the periods) — and whether the task
// has any report line with a claim (claims) or any amendment version
// (versions), without which the answer need not read them. The counter,
// the latest due day (from the end of the tasks_due index, as periodsOf
// reads it) and the two are read in one statement.
func (s *Store) judgeBasis(ctx context.Context, planID, taskID int64) (dueSoon int, periods []reporting.Period, claims, versions bool, err error) {
	var v int64
	var last time.Time
	if err := s.queryRow(ctx, s.r, `SELECT periods_version,
		(SELECT due_date FROM tasks WHERE plan_id = ? AND (due_date IS NULL) = FALSE ORDER BY due_date DESC LIMIT 1),
		EXISTS (SELECT 1 FROM report_entries WHERE task_id = ? AND status <> ''),
		EXISTS (SELECT 1 FROM task_versions WHERE plan_id = ? AND task_id = ?)
		FROM plans WHERE id = ?`, planID, taskID, planID, taskID, planID).Scan(&v, timeCol{&last}, &claims, &versions); err != nil {
		return 0, nil, false, false, err
	}
	dueSoon, periods, err = s.regimePeriods(ctx, planID, v, last)
	return dueSoon, periods, claims, versions, err
}

// regimePeriods is judgeBasis's regime and periods, the plan's counter
// being v and its latest due day last.
func (s *Store) regimePeriods(ctx context.Context, planID, v int64, last time.Time) (dueSoon int, periods []reporting.Period, err error) {
	m := &s.periodsMemo
	m.mu.Lock()
	kept := m.byPlan[planID]
	m.mu.Unlock()
	if kept != nil && kept.version == v && periodsCover(kept.periods, last) {
		return kept.dueSoon, kept.periods, nil
	}
	// Read after the counter: a change committed in between makes what is
	// read newer than v, never older, and moved the counter past v, so the
	// next call reads again.
	regime, err := s.readRegime(ctx, s.r, planID)
	if err != nil {
		return 0, nil, err
	}
	periods, err = s.periodsOf(ctx, regime)
	if err != nil {
		return 0, nil, err
	}
	if len(periods) > 0 {
		m.mu.Lock()
		if m.byPlan == nil || len(m.byPlan) >= maxPeriodsMemo {
			m.byPlan = map[int64]*planPeriods{}
		}
		m.byPlan[planID] = &planPeriods{version: v, dueSoon: regime.DueSoonDays, periods: periods}
		m.mu.Unlock()
	}
	return regime.DueSoonDays, periods, nil
}

// periodsCover reports whether periodsOf would return list as it is, the
// plan's latest due day being last: no task is due after the last period,
// or the periods already span the 20 years reporting.SpanOf stops at.
func periodsCover(list []reporting.Period, last time.Time) bool {
	if len(list) == 0 {
		return false
	}
	end := list[len(list)-1].End
	return !last.After(end) || !end.Before(list[0].Start.AddDate(20, 0, -1))
}
