package plan

import (
	"time"

	"tiendo/internal/clock"
)

// Now is what a task's status today depends on besides the task itself:
// the day, the "sắp đến hạn" window of its plan's reporting regime, and its
// plan's current reporting period (reporting.CurrentPeriod), in which tasks
// judged per period are judged. reporting.NowOf makes one from a plan's
// periods.
type Now struct {
	Day     time.Time
	DueSoon int // days; DefaultDueSoonDays when ≤ 0
	// Period is the plan's current reporting period; zero when the plan
	// has none (then even recurring and continuous tasks are judged as a
	// whole, by ComputeStatus).
	Period PeriodSpan
}

// PeriodSpan is a reporting period as a task's status needs it: its first
// day, the due day of its report, and its name for people.
type PeriodSpan struct {
	Start time.Time
	Due   time.Time
	Label string // "Quý II/2026"
}

// IsZero reports whether no period is given.
func (p PeriodSpan) IsZero() bool { return p.Due.IsZero() }

// TaskStatus is a task's status today with what it was judged against,
// so that a page can say why (due day, days late, the period).
type TaskStatus struct {
	Status      Status
	OverdueDays int // days past Due when overdue, else 0
	// Due is the day judged against: the task's current due day, or for a
	// task judged per period the due day of the current period's report;
	// zero when there is none (a task without a deadline).
	Due time.Time
	// Period is the current period's label when the task is judged per
	// period ("Quý II/2026"), "" when it is judged as a whole.
	Period string
}

// PerPeriod reports whether the status is the task's status in the current
// reporting period rather than over its whole life.
func (s TaskStatus) PerPeriod() bool { return s.Period != "" }

// StatusNow is THE status of task t on now.Day: the one function every
// surface that says "status" uses — task page, lists and their status
// filter (the store's SQL applies the same rules: store.statusCond),
// tree, search, "Việc của tôi", exports, the API's status field — and the
// one the dashboard counts (figures judges each task by StatusInPeriod in
// the current period, with the same claim).
//
// A task with a fixed due day (or none) is judged as a whole
// (ComputeStatus). A recurring or continuous task is judged in the plan's
// current reporting period (StatusInPeriod), with the claim the task
// carries when it is that period's (ClaimIn): "done" means done for this
// period, "overdue" that this period's report is past its due day without
// an accepted claim.
func StatusNow(t *Task, now Now) TaskStatus {
	if !t.JudgedPerPeriod() || now.Period.IsZero() {
		st := ComputeStatus(t, now.Day, now.DueSoon)
		out := TaskStatus{Status: st, Due: t.Deadline.Due}
		if st == StatusOverdue {
			out.OverdueDays = clock.DaysBetween(t.Deadline.Due, now.Day)
		}
		return out
	}
	p := now.Period
	st, late := StatusInPeriod(t, p.Start, p.Due, t.ClaimIn(p.Start), now.Day, now.DueSoon)
	return TaskStatus{Status: st, OverdueDays: late, Due: clock.DateOf(p.Due), Period: p.Label}
}

// ClaimIn is the accepted claim the task carries when it is the claim of
// the period starting on start (the store keeps the claim of the latest
// period with an accepted report on the task); nil otherwise.
func (t *Task) ClaimIn(start time.Time) *PeriodClaim {
	if t.Claim == ClaimNone || t.ClaimPeriod.IsZero() || !clock.DateOf(t.ClaimPeriod).Equal(clock.DateOf(start)) {
		return nil
	}
	return &PeriodClaim{Claim: t.Claim, Percent: t.Progress, CompletedOn: t.CompletedOn}
}

// Open reports whether the status is not a completion: the task still has
// work to do (for a task judged per period, in the current period). The
// list filter "open" selects these.
func (s Status) Open() bool { return s != StatusDoneOnTime && s != StatusDoneLate }
