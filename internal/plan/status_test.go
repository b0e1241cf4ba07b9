package plan

import (
	"testing"
	"time"
)

// TestComputeStatusHandWorked checks ComputeStatus and OverdueDays against
// cases worked by hand at chosen dates (the due-soon window is 7 days).
func TestComputeStatusHandWorked(t *testing.T) {
	due := Date(2026, 6, 30)
	fixed := Deadline{Kind: DeadlineQuarter, Text: "Quý II/2026", Due: due}
	extended := Deadline{Kind: DeadlineYear, Text: "năm 2026", Due: Date(2026, 12, 31)}
	reported := time.Date(2026, 4, 20, 3, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name    string
		task    Task
		today   time.Time
		want    Status
		overdue int
	}{
		{"nothing reported, far from due", Task{Deadline: fixed}, Date(2026, 5, 1), StatusNotStarted, 0},
		{"8 days before due: not yet due soon", Task{Deadline: fixed}, Date(2026, 6, 22), StatusNotStarted, 0},
		{"7 days before due: due soon", Task{Deadline: fixed}, Date(2026, 6, 23), StatusDueSoon, 0},
		{"on the due day: due soon", Task{Deadline: fixed}, due, StatusDueSoon, 0},
		{"day after due: overdue 1 day", Task{Deadline: fixed}, Date(2026, 7, 1), StatusOverdue, 1},
		{"120 days overdue", Task{Deadline: Deadline{Kind: DeadlineDate, Due: Date(2026, 3, 31)}}, Date(2026, 7, 29), StatusOverdue, 120},
		{"accepted progress", Task{Deadline: fixed, Progress: 40, ReportedAt: reported, Claim: ClaimInProgress}, Date(2026, 5, 1), StatusInProgress, 0},
		{"accepted claim not started", Task{Deadline: fixed, ReportedAt: reported, Claim: ClaimNotStarted}, Date(2026, 5, 1), StatusNotStarted, 0},
		{"in progress but overdue", Task{Deadline: fixed, Progress: 60, ReportedAt: reported, Claim: ClaimInProgress}, Date(2026, 8, 1), StatusOverdue, 32},
		{"completed before due", Task{Deadline: fixed, CompletedOn: Date(2026, 6, 20), Claim: ClaimCompleted, Progress: 100}, Date(2026, 9, 1), StatusDoneOnTime, 0},
		{"completed on the due day", Task{Deadline: fixed, CompletedOn: due, Claim: ClaimCompleted}, Date(2026, 9, 1), StatusDoneOnTime, 0},
		{"late completion", Task{Deadline: fixed, CompletedOn: Date(2026, 7, 15), Claim: ClaimCompleted}, Date(2026, 9, 1), StatusDoneLate, 0},
		{"approved extension: judged by the new deadline", Task{Deadline: extended, OriginalDeadline: fixed, Progress: 50, ReportedAt: reported, Claim: ClaimInProgress}, Date(2026, 9, 15), StatusInProgress, 0},
		{"approved extension, completed after the original deadline", Task{Deadline: extended, OriginalDeadline: fixed, CompletedOn: Date(2026, 10, 15), Claim: ClaimCompleted}, Date(2026, 11, 1), StatusDoneOnTime, 0},
		{"approved extension, overdue past the new deadline", Task{Deadline: extended, OriginalDeadline: fixed}, Date(2027, 1, 10), StatusOverdue, 10},
		{"paused past due is not overdue", Task{Deadline: fixed, Claim: ClaimPaused, ClaimReason: "Chờ kinh phí", ReportedAt: reported}, Date(2026, 9, 15), StatusPaused, 0},
		{"cancelled", Task{Deadline: fixed, Claim: ClaimCancelled, ClaimReason: "Không còn phù hợp", ReportedAt: reported}, Date(2026, 5, 1), StatusCancelled, 0},
		{"continuous: never overdue as a whole", Task{Deadline: Deadline{Kind: DeadlineContinuous, Text: "Thường xuyên"}}, Date(2030, 1, 1), StatusNotStarted, 0},
		{"continuous with an accepted report", Task{Deadline: Deadline{Kind: DeadlineContinuous}, Progress: 30, ReportedAt: reported, Claim: ClaimInProgress}, Date(2026, 5, 1), StatusInProgress, 0},
		{"recurring yearly, no due day", Task{Deadline: Deadline{Kind: DeadlineRecurring, Every: "year"}}, Date(2026, 12, 31), StatusNotStarted, 0},
		{"time of day is ignored", Task{Deadline: fixed}, time.Date(2026, 6, 30, 23, 59, 0, 0, time.UTC), StatusDueSoon, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := ComputeStatus(&c.task, c.today, 0); got != c.want {
				t.Errorf("status %s, want %s", got, c.want)
			}
			if got := OverdueDays(&c.task, c.today); got != c.overdue {
				t.Errorf("overdue days %d, want %d", got, c.overdue)
			}
		})
	}
}

// TestStatusInPeriodHandWorked checks the per-period judgement of
// recurring and continuous tasks for quarter II/2026 (1/4–30/6, report
// due 10/6), by hand.
func TestStatusInPeriodHandWorked(t *testing.T) {
	start, due := Date(2026, 4, 1), Date(2026, 6, 10)
	cont := Deadline{Kind: DeadlineContinuous, Text: "Thường xuyên"}
	quarterly := Deadline{Kind: DeadlineRecurring, Text: "Hằng quý", Every: "quarter"}
	earlier := time.Date(2026, 3, 20, 2, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name    string
		task    Task
		claim   *PeriodClaim
		today   time.Time
		want    Status
		overdue int
	}{
		{"continuous reported in progress", Task{Deadline: cont}, &PeriodClaim{Claim: ClaimInProgress, Percent: 50}, Date(2026, 6, 15), StatusInProgress, 0},
		{"continuous, no accepted report, day after due", Task{Deadline: cont}, nil, Date(2026, 6, 11), StatusOverdue, 1},
		{"continuous, no report, 20 days late", Task{Deadline: cont}, nil, Date(2026, 6, 30), StatusOverdue, 20},
		{"continuous, no report, within the window", Task{Deadline: cont}, nil, Date(2026, 6, 5), StatusDueSoon, 0},
		{"continuous, early in the period, nothing ever", Task{Deadline: cont}, nil, Date(2026, 4, 15), StatusNotStarted, 0},
		{"continuous, early in the period, progress before", Task{Deadline: cont, Progress: 30, ReportedAt: earlier, Claim: ClaimInProgress}, nil, Date(2026, 4, 15), StatusInProgress, 0},
		{"recurring done in the period on time", Task{Deadline: quarterly}, &PeriodClaim{Claim: ClaimCompleted, Percent: 100, CompletedOn: Date(2026, 6, 8)}, Date(2026, 6, 20), StatusDoneOnTime, 0},
		{"recurring done after the period's due day", Task{Deadline: quarterly}, &PeriodClaim{Claim: ClaimCompleted, Percent: 100, CompletedOn: Date(2026, 6, 20)}, Date(2026, 6, 25), StatusDoneLate, 0},
		{"recurring, period not started", Task{Deadline: quarterly}, nil, Date(2026, 3, 15), StatusNotStarted, 0},
		{"recurring claimed not started", Task{Deadline: quarterly}, &PeriodClaim{Claim: ClaimNotStarted}, Date(2026, 6, 20), StatusNotStarted, 0},
		{"recurring claimed paused in the period", Task{Deadline: quarterly}, &PeriodClaim{Claim: ClaimPaused}, Date(2026, 6, 20), StatusPaused, 0},
		{"continuous paused as a whole, no report", Task{Deadline: cont, Claim: ClaimPaused, ReportedAt: earlier}, nil, Date(2026, 6, 20), StatusPaused, 0},
		{"continuous cancelled as a whole", Task{Deadline: cont, Claim: ClaimCancelled, ReportedAt: earlier}, nil, Date(2026, 6, 20), StatusCancelled, 0},
		{"fixed deadline: judged as a whole", Task{Deadline: Deadline{Kind: DeadlineDate, Due: Date(2026, 5, 31)}}, nil, Date(2026, 6, 20), StatusOverdue, 20},
	} {
		t.Run(c.name, func(t *testing.T) {
			st, days := StatusInPeriod(&c.task, start, due, c.claim, c.today, 0)
			if st != c.want || days != c.overdue {
				t.Errorf("got %s, %d days; want %s, %d days", st, days, c.want, c.overdue)
			}
		})
	}
}

func TestStatusLabelsAndCodes(t *testing.T) {
	for _, s := range Statuses {
		if !s.Valid() || s.Label() == string(s) {
			t.Errorf("status %q: valid %t, label %q", s, s.Valid(), s.Label())
		}
	}
	if len(Statuses) != 8 {
		t.Errorf("%d statuses, the API lists 8", len(Statuses))
	}
	for _, c := range Claims {
		if !c.Valid() || c.Label() == string(c) {
			t.Errorf("claim %q: valid %t, label %q", c, c.Valid(), c.Label())
		}
	}
	if ClaimNone.Valid() || !ClaimPaused.NeedsReason() || !ClaimCancelled.NeedsReason() || ClaimCompleted.NeedsReason() {
		t.Error("claim rules")
	}
}
