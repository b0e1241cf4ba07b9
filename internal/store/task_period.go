package store

import (
	"context"
	"time"

	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// TaskPeriodStatuses judges the task in every started period of its plan
// (on today) in which it is open, oldest first, from the accepted reports
// (the latest accepted revision of each period): how recurring and
// continuous tasks are shown (reporting.JudgeTask; tasks with a fixed due
// day get their overall status in every period). Each period judges the
// task as it was then (reporting.TasksIn: before an amendment changed its
// deadline, the old one). The due-soon window is the plan regime's.
func (s *Store) TaskPeriodStatuses(ctx context.Context, taskID int64, today time.Time) (list []reporting.PeriodStatus, err error) {
	defer wrap(&err, "store.TaskPeriodStatuses(%d)", taskID)
	t, err := s.readTask(ctx, s.r, taskID)
	if err != nil {
		return nil, err
	}
	list, _, err = s.taskPeriodStatuses(ctx, &t, dayOrToday(today))
	return list, err
}

// TaskPeriodStatusesNow is TaskPeriodStatuses of task t, as just read or
// saved (it is not read again), with what its status today is judged on
// (reporting.NowOf over the same periods and regime): the answer of every
// task write, which read them twice before, and the task once more
// (issue 21).
func (s *Store) TaskPeriodStatusesNow(ctx context.Context, t *plan.Task, today time.Time) (list []reporting.PeriodStatus, now plan.Now, err error) {
	defer wrap(&err, "store.TaskPeriodStatusesNow(%d)", t.ID)
	return s.taskPeriodStatuses(ctx, t, dayOrToday(today))
}

func (s *Store) taskPeriodStatuses(ctx context.Context, t *plan.Task, today time.Time) (list []reporting.PeriodStatus, now plan.Now, err error) {
	taskID := t.ID
	dueSoon, periods, anyClaim, anyVersion, err := s.judgeBasis(ctx, t.PlanID, taskID)
	if err != nil {
		return nil, now, err
	}
	now = reporting.NowOf(periods, today, dueSoon)
	type accepted struct {
		report int64
		claim  plan.PeriodClaim
	}
	claims := map[int64]accepted{}
	if anyClaim {
		if err := s.acceptedClaims(ctx, taskID, func(period, report int64, c plan.PeriodClaim) {
			claims[period] = accepted{report, c} // later revisions overwrite earlier ones
		}); err != nil {
			return nil, now, err
		}
	}
	var vers []plan.TaskVersion
	if anyVersion {
		if vers, err = s.taskVersionsOf(ctx, s.r, t.PlanID, taskID); err != nil {
			return nil, now, err
		}
	}
	for _, p := range periods {
		then := reporting.TasksIn([]plan.Task{*t}, nil, vers, p) // agencies do not change a status
		if !p.Started(today) || len(then) == 0 || !reporting.OpenIn(&then[0], p) {
			continue
		}
		var c *plan.PeriodClaim
		a, ok := claims[p.ID]
		if ok {
			c = &a.claim
		}
		ps := reporting.JudgeTask(&then[0], p, c, today, dueSoon)
		ps.ReportID = a.report
		list = append(list, ps)
	}
	return list, now, nil
}

// acceptedClaims calls fn with each claim task taskID has in an accepted
// report, by report revision.
func (s *Store) acceptedClaims(ctx context.Context, taskID int64, fn func(period, report int64, c plan.PeriodClaim)) error {
	rows, err := s.query(ctx, s.r, `SELECT r.period_id, r.id, e.status, e.percent, e.completed_on
		FROM report_entries e JOIN reports r ON r.id = e.report_id
		WHERE e.task_id = ? AND r.state = 'accepted' AND e.status <> '' ORDER BY r.revision`, taskID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var period, report int64
		var c plan.PeriodClaim
		if err := rows.Scan(&period, &report, &c.Claim, &c.Percent, timeCol{&c.CompletedOn}); err != nil {
			return err
		}
		fn(period, report, c)
	}
	return rows.Err()
}
