package plan

import (
	"tiendo/internal/clock"
	"time"
)

// Status is a task's computed status category (QĐ 42/2014/QĐ-TTg), never typed by hand.
type Status string

// Status codes used in the API and filters; Label gives the Vietnamese words.
const (
	StatusNotStarted Status = "not_started"  // Chưa triển khai
	StatusInProgress Status = "in_progress"  // Đang thực hiện trong hạn
	StatusDueSoon    Status = "due_soon"     // Đang thực hiện, sắp đến hạn
	StatusOverdue    Status = "overdue"      // Quá hạn (chưa hoàn thành)
	StatusDoneOnTime Status = "done_on_time" // Đã hoàn thành đúng hạn
	StatusDoneLate   Status = "done_late"    // Đã hoàn thành quá hạn
	StatusPaused     Status = "paused"       // Tạm dừng
	StatusCancelled  Status = "cancelled"    // Không thực hiện
)

// DefaultDueSoonDays is how many days before its deadline a task counts as "sắp đến hạn".
const DefaultDueSoonDays = 7

// Statuses lists every status in the order leaders read them.
var Statuses = []Status{StatusDoneOnTime, StatusDoneLate, StatusInProgress, StatusDueSoon, StatusOverdue, StatusNotStarted,
	StatusPaused, StatusCancelled}

// Label is the Vietnamese name of the status.
func (s Status) Label() string {
	switch s {
	case StatusNotStarted:
		return "Chưa triển khai"
	case StatusInProgress:
		return "Đang thực hiện trong hạn"
	case StatusDueSoon:
		return "Đang thực hiện, sắp đến hạn"
	case StatusOverdue:
		return "Quá hạn (chưa hoàn thành)"
	case StatusDoneOnTime:
		return "Đã hoàn thành đúng hạn"
	case StatusDoneLate:
		return "Đã hoàn thành quá hạn"
	case StatusPaused:
		return "Tạm dừng"
	case StatusCancelled:
		return "Không thực hiện"
	}
	return string(s)
}

// Valid reports whether s is a known status code.
func (s Status) Valid() bool {
	for _, v := range Statuses {
		if v == s {
			return true
		}
	}
	return false
}

// ComputeStatus gives the task's status on day today (a date; time of day is
// ignored) from its current deadline (after approved extensions) and the
// claim of its latest accepted report, which the store keeps on the task
// (Claim, Progress, CompletedOn, ReportedAt). dueSoon is the "sắp đến hạn"
// window in days (DefaultDueSoonDays when ≤ 0).
//
// Rules, in order: a confirmed completion is on time when on or before the
// due day, late after it; a task whose accepted claim is "không thực hiện"
// is cancelled, "tạm dừng" paused (neither is ever overdue: the coordinator
// accepted the reason); an open task past a fixed due day is overdue; within
// the window it is due soon; a task with progress, or an accepted report
// that does not claim "chưa triển khai", is in progress; otherwise it is not
// started. Continuous and recurring tasks have
// no fixed due day, so they are never overdue as a whole: StatusInPeriod
// judges them per reporting period.
func ComputeStatus(t *Task, today time.Time, dueSoon int) Status {
	if dueSoon <= 0 {
		dueSoon = DefaultDueSoonDays
	}
	day := clock.DateOf(today)
	due := t.Deadline.Due
	if t.Completed() {
		if due.IsZero() || !clock.DateOf(t.CompletedOn).After(due) {
			return StatusDoneOnTime
		}
		return StatusDoneLate
	}
	switch t.Claim {
	case ClaimCancelled:
		return StatusCancelled
	case ClaimPaused:
		return StatusPaused
	}
	if !due.IsZero() {
		if day.After(due) {
			return StatusOverdue
		}
		if !day.AddDate(0, 0, dueSoon).Before(due) {
			return StatusDueSoon
		}
	}
	if t.Progress > 0 || !t.ReportedAt.IsZero() && t.Claim != ClaimNotStarted {
		return StatusInProgress
	}
	return StatusNotStarted
}

// OverdueDays is how many days an open task is past its due day on today
// (0 when not overdue, paused or cancelled).
func OverdueDays(t *Task, today time.Time) int {
	if ComputeStatus(t, today, 0) != StatusOverdue {
		return 0
	}
	return clock.DaysBetween(t.Deadline.Due, today)
}

// Date returns midnight UTC of the given calendar day, the form every date
// in this package uses (clock.Date, under the name the plan's callers use).
func Date(y int, m time.Month, d int) time.Time { return clock.Date(y, m, d) }
