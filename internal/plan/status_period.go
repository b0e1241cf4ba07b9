package plan

import (
	"tiendo/internal/clock"
	"time"
)

// PeriodClaim is what the accepted report of one reporting period says
// about a task: the input StatusInPeriod needs from reporting.
type PeriodClaim struct {
	Claim       Claim
	Percent     int
	CompletedOn time.Time // for ClaimCompleted
}

// JudgedPerPeriod reports whether the task's status is judged per reporting
// period rather than against one due day: recurring (hằng năm, hằng quý) and
// continuous (thường xuyên) tasks.
func (t *Task) JudgedPerPeriod() bool {
	return t.Deadline.Kind == DeadlineRecurring || t.Deadline.Kind == DeadlineContinuous
}

// StatusInPeriod judges a task for one reporting period that runs from
// start and whose report is due on due, on day today. claim is the task's
// entry in the lead agency's accepted report for that period, nil when the
// period has no accepted report (yet).
//
// Tasks with a fixed due day are judged as a whole (ComputeStatus), whatever
// the period. Recurring and continuous tasks are judged by the period:
//
//   - a cancelled task (its latest accepted claim) stays cancelled;
//   - with an accepted claim: completed → done on time when completed on or
//     before the period's due day, late after; paused → paused; cancelled →
//     cancelled; not started (with no progress) → not started; anything
//     else → in progress for the period;
//   - without one: a task paused as a whole stays paused; past the due day
//     it is overdue for the period (overdueDays counts from the due day);
//     before the period starts, not started; within the due-soon window, due
//     soon; otherwise in progress when it has progress from earlier periods,
//     not started when it has none.
func StatusInPeriod(t *Task, start, due time.Time, claim *PeriodClaim, today time.Time, dueSoon int) (st Status, overdueDays int) {
	if !t.JudgedPerPeriod() {
		// OverdueDays(t, today) without judging t a second time: the
		// due-soon window never decides whether a task is overdue.
		if st = ComputeStatus(t, today, dueSoon); st != StatusOverdue {
			return st, 0
		}
		return st, clock.DaysBetween(t.Deadline.Due, today)
	}
	if dueSoon <= 0 {
		dueSoon = DefaultDueSoonDays
	}
	if t.Claim == ClaimCancelled {
		return StatusCancelled, 0
	}
	day, due := clock.DateOf(today), clock.DateOf(due)
	if claim != nil {
		switch claim.Claim {
		case ClaimCompleted:
			if claim.CompletedOn.IsZero() || !clock.DateOf(claim.CompletedOn).After(due) {
				return StatusDoneOnTime, 0
			}
			return StatusDoneLate, 0
		case ClaimPaused:
			return StatusPaused, 0
		case ClaimCancelled:
			return StatusCancelled, 0
		case ClaimNotStarted:
			if claim.Percent == 0 {
				return StatusNotStarted, 0
			}
		}
		return StatusInProgress, 0
	}
	switch {
	case t.Claim == ClaimPaused:
		return StatusPaused, 0
	case day.After(due):
		return StatusOverdue, clock.DaysBetween(due, day)
	case day.Before(clock.DateOf(start)):
		return StatusNotStarted, 0
	case !day.AddDate(0, 0, dueSoon).Before(due):
		return StatusDueSoon, 0
	case t.Progress > 0 || !t.ReportedAt.IsZero() && t.Claim != ClaimNotStarted:
		return StatusInProgress, 0
	}
	return StatusNotStarted, 0
}
