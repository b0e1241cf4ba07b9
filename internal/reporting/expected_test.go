package reporting

import (
	"slices"
	"testing"
	"time"

	"tiendo/internal/plan"
)

// TestExpectedAgencies works out by hand who must report in quarters II and
// III of 2026 for a handful of tasks.
func TestExpectedAgencies(t *testing.T) {
	q2 := PeriodAt(DefaultRegime(1), d(2026, 4, 1))
	q3 := PeriodAt(DefaultRegime(1), d(2026, 7, 1))
	tasks := []plan.Task{
		// Agency 1 leads, 2 and 3 cooperate: open all along.
		{ID: 1, LeadAgencyID: 1, CooperatingAgencyIDs: []int64{2, 3}, Deadline: plan.Deadline{Kind: plan.DeadlineContinuous}},
		// Agency 4: completed on 15/5 — reports in Q2 (completed during it), not in Q3.
		{ID: 2, LeadAgencyID: 4, CompletedOn: d(2026, 5, 15), Claim: plan.ClaimCompleted},
		// Agency 5: completed before Q2 started — in neither.
		{ID: 3, LeadAgencyID: 5, CooperatingAgencyIDs: []int64{6}, CompletedOn: d(2026, 3, 31)},
		// Agency 7: cancelled in the Q2 report — still in Q2, not in Q3.
		{ID: 4, LeadAgencyID: 7, Claim: plan.ClaimCancelled, ClaimPeriod: d(2026, 4, 1), ReportedAt: time.Date(2026, 6, 20, 0, 0, 0, 0, time.UTC)},
		// Agency 8: a range starting in 2027 — not yet open.
		{ID: 5, LeadAgencyID: 8, Deadline: plan.Deadline{Kind: plan.DeadlineRange, Start: d(2027, 1, 1), Due: d(2030, 12, 31)}},
		// Agency 9 starts in Q3 (1/8/2026).
		{ID: 6, LeadAgencyID: 9, Deadline: plan.Deadline{Kind: plan.DeadlineRange, Start: d(2026, 8, 1), Due: d(2027, 12, 31)}},
		// No lead: nobody answers for it yet, cooperating agency 10 neither.
		{ID: 7, CooperatingAgencyIDs: []int64{10}},
		// Agency 11: paused — still expected to report.
		{ID: 8, LeadAgencyID: 11, Claim: plan.ClaimPaused, ClaimPeriod: d(2026, 1, 1)},
		// Agency 2 leads another task too: listed once.
		{ID: 9, LeadAgencyID: 2, Deadline: plan.Deadline{Kind: plan.DeadlineDate, Due: d(2025, 12, 31)}},
	}
	for _, c := range []struct {
		p    Period
		want []int64
	}{
		{q2, []int64{1, 2, 3, 4, 7, 11}},
		{q3, []int64{1, 2, 3, 9, 11}},
	} {
		if got := ExpectedAgencies(tasks, c.p); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.p.Label, got, c.want)
		}
	}
}
