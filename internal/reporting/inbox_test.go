package reporting

import (
	"testing"
	"time"
)

func TestNewInbox(t *testing.T) {
	day := func(m, d int) time.Time { return time.Date(2026, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	q1 := Period{Label: "Quý I/2026", Due: day(3, 10)}
	q2 := Period{Label: "Quý II/2026", Due: day(6, 10)}
	q3 := Period{Label: "Quý III/2026", Due: day(9, 10)}
	reports := []Report{
		{ID: 1, Current: true, State: StateSubmitted, Period: q2, SubmittedAt: day(6, 9)},
		{ID: 2, Current: true, State: StateSubmitted, Period: q1, SubmittedAt: day(3, 1)},
		{ID: 3, Current: true, State: StateReturned, Period: q1, ReturnedAt: day(3, 12)},
		{ID: 4, Current: true, State: StateDraft, Period: q2},      // past due
		{ID: 5, Current: true, State: StateNotStarted, Period: q1}, // past due, older
		{ID: 6, Current: true, State: StateNotStarted, Period: q3}, // not due yet
		{ID: 7, Current: true, State: StateAccepted, Period: q1},   // done
		{ID: 8, Current: false, State: StateSubmitted, Period: q1}, // an old revision
	}
	in := NewInbox(reports, []Extension{{ID: 9, State: ExtensionPending}, {ID: 10, State: ExtensionApproved}}, day(7, 1))
	ids := func(rs []Report) (out []int64) {
		for _, r := range rs {
			out = append(out, r.ID)
		}
		return out
	}
	if got := ids(in.Review); len(got) != 2 || got[0] != 2 || got[1] != 1 {
		t.Errorf("review %v, want [2 1] (oldest first)", got)
	}
	if got := ids(in.Returned); len(got) != 1 || got[0] != 3 {
		t.Errorf("returned %v", got)
	}
	if got := ids(in.Missing); len(got) != 2 || got[0] != 5 || got[1] != 4 {
		t.Errorf("missing %v, want [5 4] (most overdue first)", got)
	}
	if len(in.Extensions) != 1 || in.Extensions[0].ID != 9 || in.Empty() {
		t.Errorf("extensions %+v", in.Extensions)
	}
	if !NewInbox(nil, nil, day(7, 1)).Empty() {
		t.Error("an empty inbox is not Empty")
	}
}
