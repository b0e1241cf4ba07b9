package plan

import "testing"

// TestStatusNowHandWorked: the one status of a task today, worked by hand
// for quarter II/2026 (1/4–30/6, report due 10/6): a task with a fixed due
// day is judged as a whole, a recurring or continuous one in the current
// period with the claim it carries only when that claim is the period's.
func TestStatusNowHandWorked(t *testing.T) {
	q2 := PeriodSpan{Start: Date(2026, 4, 1), Due: Date(2026, 6, 10), Label: "Quý II/2026"}
	q1 := Date(2026, 1, 1)
	cont := Deadline{Kind: DeadlineContinuous, Text: "thường xuyên"}
	yearly := Deadline{Kind: DeadlineRecurring, Text: "hằng năm", Every: "year"}
	fixed := Deadline{Kind: DeadlineQuarter, Text: "Quý I/2026", Due: Date(2026, 3, 31)}
	doneQ1 := Task{Deadline: yearly, Claim: ClaimCompleted, Progress: 100, CompletedOn: Date(2026, 3, 5), ClaimPeriod: q1, ReportedAt: Date(2026, 3, 8)}
	doneQ2 := Task{Deadline: yearly, Claim: ClaimCompleted, Progress: 100, CompletedOn: Date(2026, 5, 20), ClaimPeriod: q2.Start, ReportedAt: Date(2026, 6, 8)}
	lateQ2 := doneQ2
	lateQ2.CompletedOn = Date(2026, 6, 12)
	for _, c := range []struct {
		name   string
		task   Task
		now    Now
		want   Status
		late   int
		due    string
		period string
	}{
		{"fixed, overdue as a whole", Task{Deadline: fixed, Progress: 20, Claim: ClaimInProgress, ReportedAt: Date(2026, 3, 8)},
			Now{Day: Date(2026, 6, 5), Period: q2}, StatusOverdue, 66, "2026-03-31", ""},
		{"fixed, no period: the same", Task{Deadline: fixed}, Now{Day: Date(2026, 6, 5)}, StatusOverdue, 66, "2026-03-31", ""},
		{"yearly, completed last quarter: not done this quarter, due soon", doneQ1, Now{Day: Date(2026, 6, 5), Period: q2},
			StatusDueSoon, 0, "2026-06-10", "Quý II/2026"},
		{"yearly, completed last quarter: overdue after this quarter's due day", doneQ1, Now{Day: Date(2026, 6, 13), Period: q2},
			StatusOverdue, 3, "2026-06-10", "Quý II/2026"},
		{"yearly, completed this quarter on time", doneQ2, Now{Day: Date(2026, 6, 13), Period: q2},
			StatusDoneOnTime, 0, "2026-06-10", "Quý II/2026"},
		{"yearly, completed this quarter after its due day", lateQ2, Now{Day: Date(2026, 6, 20), Period: q2},
			StatusDoneLate, 0, "2026-06-10", "Quý II/2026"},
		{"yearly, no period: judged as a whole", doneQ1, Now{Day: Date(2026, 6, 13)}, StatusDoneOnTime, 0, "", ""},
		{"continuous, nothing ever, early in the quarter", Task{Deadline: cont}, Now{Day: Date(2026, 4, 10), Period: q2},
			StatusNotStarted, 0, "2026-06-10", "Quý II/2026"},
		{"continuous, this quarter's claim in progress", Task{Deadline: cont, Claim: ClaimInProgress, Progress: 40, ClaimPeriod: q2.Start,
			ReportedAt: Date(2026, 6, 8)}, Now{Day: Date(2026, 6, 20), Period: q2}, StatusInProgress, 0, "2026-06-10", "Quý II/2026"},
		{"continuous, paused last quarter: still paused", Task{Deadline: cont, Claim: ClaimPaused, ClaimReason: "Chờ kinh phí",
			ClaimPeriod: q1, ReportedAt: Date(2026, 3, 8)}, Now{Day: Date(2026, 6, 20), Period: q2}, StatusPaused, 0, "2026-06-10", "Quý II/2026"},
		{"continuous, cancelled", Task{Deadline: cont, Claim: ClaimCancelled, ClaimReason: "Không còn phù hợp", ClaimPeriod: q1},
			Now{Day: Date(2026, 6, 20), Period: q2}, StatusCancelled, 0, "2026-06-10", "Quý II/2026"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := StatusNow(&c.task, c.now)
			due := ""
			if !got.Due.IsZero() {
				due = got.Due.Format("2006-01-02")
			}
			if got.Status != c.want || got.OverdueDays != c.late || due != c.due || got.Period != c.period {
				t.Errorf("got %s, %d days late, due %q, period %q; want %s, %d, %q, %q", got.Status, got.OverdueDays, due,
					got.Period, c.want, c.late, c.due, c.period)
			}
			if got.PerPeriod() != (c.period != "") {
				t.Errorf("PerPeriod %t", got.PerPeriod())
			}
		})
	}
}

// TestClaimIn: a task's stored claim is a period's only for that period.
func TestClaimIn(t *testing.T) {
	tk := Task{Claim: ClaimCompleted, Progress: 100, CompletedOn: Date(2026, 5, 2), ClaimPeriod: Date(2026, 4, 1)}
	if c := tk.ClaimIn(Date(2026, 4, 1)); c == nil || c.Claim != ClaimCompleted || c.Percent != 100 || !c.CompletedOn.Equal(Date(2026, 5, 2)) {
		t.Errorf("claim of its period: %+v", c)
	}
	if c := tk.ClaimIn(Date(2026, 7, 1)); c != nil {
		t.Errorf("claim of another period: %+v", c)
	}
	if c := (&Task{ClaimPeriod: Date(2026, 4, 1)}).ClaimIn(Date(2026, 4, 1)); c != nil {
		t.Errorf("no claim: %+v", c)
	}
	for _, s := range Statuses {
		if s.Open() == (s == StatusDoneOnTime || s == StatusDoneLate) {
			t.Errorf("%s: Open %t", s, s.Open())
		}
	}
}
