package figures

import (
	"testing"

	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// TestDashboardIsStatusNow: for the current period, the dashboard counts
// each task with the status plan.StatusNow gives it — every surface's
// status — even for a claim the task carries without an accepted report
// row of this plan (carried over from a replaced plan's task).
func TestDashboardIsStatusNow(t *testing.T) {
	f := fixture()
	// T6 (continuous) carries a completed claim of quarter III that no
	// report of this plan holds.
	for i := range f.Tasks {
		if f.Tasks[i].ID == 6 {
			f.Tasks[i].Claim, f.Tasks[i].Progress, f.Tasks[i].CompletedOn, f.Tasks[i].ClaimPeriod =
				plan.ClaimCompleted, 100, d(2025, 8, 30), d(2025, 7, 1)
		}
	}
	for _, day := range []int{20, 1, 5, 11} {
		asOf := d(2025, 9, day)
		if day == 20 {
			asOf = d(2025, 8, 20)
		}
		dash, err := Compute(f, Options{AsOf: asOf})
		if err != nil {
			t.Fatal(err)
		}
		now := reporting.NowOf(f.Periods, asOf, f.DueSoon)
		want := newCounts()
		for i := range f.Tasks {
			want[plan.StatusNow(&f.Tasks[i], now).Status]++
		}
		for _, s := range plan.Statuses {
			if dash.Status[s] != want[s] {
				t.Errorf("%s: dashboard %v, StatusNow %v", asOf.Format("02/01/2006"), dash.Status, want)
				break
			}
		}
		rows := TaskRows(f, dash)
		for i, r := range rows {
			if st := plan.StatusNow(&f.Tasks[i], now); r.Status != st.Status || r.OverdueDays != st.OverdueDays {
				t.Errorf("%s: task %d counted %s, StatusNow %s", asOf.Format("02/01/2006"), r.TaskID, r.Status, st.Status)
			}
		}
	}
}
