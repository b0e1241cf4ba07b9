package figures

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// compute runs Compute on the fixture and fails the test on an error.
func compute(t *testing.T, o Options) *Dashboard {
	t.Helper()
	got, err := Compute(fixture(), o)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestPickPeriod(t *testing.T) {
	for _, c := range []struct {
		name string
		id   int64
		asOf time.Time
		want int64
	}{
		{"containing the day", 0, d(2025, 8, 20), q3},
		{"asked for", q2, d(2025, 8, 20), q2},
		{"after the last: the last started", 0, d(2026, 2, 1), q4},
		{"before the first: the first", 0, d(2025, 1, 1), q2},
	} {
		got := compute(t, Options{PeriodID: c.id, AsOf: c.asOf})
		if got.Period.ID != c.want {
			t.Errorf("%s: period %d, want %d", c.name, got.Period.ID, c.want)
		}
	}
	if _, err := Compute(fixture(), Options{PeriodID: 99, AsOf: d(2025, 8, 20)}); !errors.Is(err, ErrNoPeriod) {
		t.Errorf("unknown period: %v", err)
	}
	if _, err := Compute(&Facts{}, Options{AsOf: d(2025, 8, 20)}); !errors.Is(err, ErrNoPeriod) {
		t.Errorf("no periods: %v", err)
	}
}

func TestStatusCounts(t *testing.T) {
	for _, c := range []struct {
		name string
		asOf time.Time
		want Counts
	}{
		// 20/8: T4 done on time; T5 done late; T1, T6 in progress; T2 due soon; T3 overdue;
		// T7, T10 not started; T8 paused; T9 cancelled: 1+1+2+1+1+2+1+1 = 10.
		{"20/8/2025", d(2025, 8, 20), counts(map[plan.Status]int{plan.StatusDoneOnTime: 1, plan.StatusDoneLate: 1,
			plan.StatusInProgress: 2, plan.StatusDueSoon: 1, plan.StatusOverdue: 1, plan.StatusNotStarted: 2,
			plan.StatusPaused: 1, plan.StatusCancelled: 1})},
		// 15/9: T2 (due 25/8) and T6 (Q3 due 10/9, no accepted Q3 claim) join T3 as overdue;
		// T1 (due 30/9 > 15/9+7) stays in progress: in progress 1, overdue 3.
		{"15/9/2025", d(2025, 9, 15), counts(map[plan.Status]int{plan.StatusDoneOnTime: 1, plan.StatusDoneLate: 1,
			plan.StatusInProgress: 1, plan.StatusOverdue: 3, plan.StatusNotStarted: 2,
			plan.StatusPaused: 1, plan.StatusCancelled: 1})},
	} {
		got := compute(t, Options{AsOf: c.asOf})
		if !reflect.DeepEqual(got.Status, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got.Status, c.want)
		}
		if got.Status.Total() != 10 || len(got.Status) != len(plan.Statuses) {
			t.Errorf("%s: total %d over %d codes, want 10 over every code", c.name, got.Status.Total(), len(got.Status))
		}
	}
}

func TestByGroup(t *testing.T) {
	got := compute(t, Options{AsOf: d(2025, 8, 20)}).ByGroup
	want := []Group{
		// T10 sits right under part III: the part is its own row.
		{SectionID: secIII, Label: "III", Title: "Nhiệm vụ", Status: counts(map[plan.Status]int{plan.StatusNotStarted: 1})},
		// T1 in progress, T2 due soon, T8 paused, T9 cancelled.
		{SectionID: secIII1, Label: "III.1", Title: "Hạ tầng", Status: counts(map[plan.Status]int{plan.StatusInProgress: 1,
			plan.StatusDueSoon: 1, plan.StatusPaused: 1, plan.StatusCancelled: 1})},
		// T3 overdue, T6 in progress, T7 not started, plus III.2.1's T4 on time and T5 late.
		{SectionID: secIII2, Label: "III.2", Title: "Nhân lực", Status: counts(map[plan.Status]int{plan.StatusOverdue: 1,
			plan.StatusInProgress: 1, plan.StatusNotStarted: 1, plan.StatusDoneOnTime: 1, plan.StatusDoneLate: 1}),
			Subgroups: []Group{{SectionID: secIII21, Label: "III.2.1", Title: "Đào tạo",
				Status: counts(map[plan.Status]int{plan.StatusDoneOnTime: 1, plan.StatusDoneLate: 1})}}},
	}
	// Part IV holds no tasks: no row. 1 + 4 + 5 = 10 tasks.
	if !reflect.DeepEqual(got, want) {
		t.Errorf("by group:\n got %+v\nwant %+v", got, want)
	}
}

func TestByAgency(t *testing.T) {
	got := compute(t, Options{AsOf: d(2025, 8, 20)}).ByAgency
	missing := reporting.Figures{Expected: 1, Missing: 1}
	want := []AgencyRow{
		// A leads T1 (in progress), T2 (due soon), T9 (cancelled); its Q3 report was sent on time.
		{AgencyID: agA, Name: "Sở A", Status: counts(map[plan.Status]int{plan.StatusInProgress: 1, plan.StatusDueSoon: 1,
			plan.StatusCancelled: 1}), Reports: reporting.Figures{Expected: 1, Received: 1, OnTime: 1}},
		// B leads T3 (overdue), T4 (on time), T8 (paused); its report was returned: not received.
		{AgencyID: agB, Name: "Sở B", Status: counts(map[plan.Status]int{plan.StatusOverdue: 1, plan.StatusDoneOnTime: 1,
			plan.StatusPaused: 1}), Reports: missing},
		// C leads T5 (late), T6 (in progress), T10 (not started); its report was sent on 25/8, after the as-of day.
		{AgencyID: agC, Name: "Sở C", Status: counts(map[plan.Status]int{plan.StatusDoneLate: 1, plan.StatusInProgress: 1,
			plan.StatusNotStarted: 1}), Reports: missing},
		// D leads nothing but has a Q3 report row: expected, missing.
		{AgencyID: agD, Name: "Sở D", Status: newCounts(), Reports: missing},
		// T7 has no lead.
		{AgencyID: 0, Name: "Chưa phân công", Status: counts(map[plan.Status]int{plan.StatusNotStarted: 1})},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("by agency:\n got %+v\nwant %+v", got, want)
	}
}

func TestReportFigures(t *testing.T) {
	for _, c := range []struct {
		name                 string
		period               int64
		asOf                 time.Time
		want                 reporting.Figures
		completeness, onTime float64
	}{
		// Q3 on 20/8: A, B, C lead or cooperate on open tasks, D has a row: 4 expected;
		// only A received (on time): 1/4 = 0.25 complete, 1/4 = 0.25 on time.
		{"Q3 on 20/8", q3, d(2025, 8, 20), reporting.Figures{Expected: 4, Received: 1, OnTime: 1, Missing: 3}, 0.25, 0.25},
		// Q3 on 30/8: C's accepted report (sent 25/8, on time) now counts: 2/4 = 0.5 both.
		{"Q3 on 30/8", q3, d(2025, 8, 30), reporting.Figures{Expected: 4, Received: 2, OnTime: 2, Missing: 2, Accepted: 1}, 0.5, 0.5},
		// Q2: A (first revision accepted on time; revision 2 is a correction), B accepted late, C no row:
		// 2/3 complete, 1/3 on time.
		{"Q2", q2, d(2025, 8, 20), reporting.Figures{Expected: 3, Received: 2, OnTime: 1, Late: 1, Missing: 1, Accepted: 2}, 2.0 / 3, 1.0 / 3},
		// Q4 has not started on 20/8: nothing expected, rates 0.
		{"Q4 not started", q4, d(2025, 8, 20), reporting.Figures{}, 0, 0},
	} {
		got := compute(t, Options{PeriodID: c.period, AsOf: c.asOf}).Reports
		if got != c.want || got.Completeness() != c.completeness || got.OnTimeRate() != c.onTime {
			t.Errorf("%s: %+v (%.4f, %.4f), want %+v (%.4f, %.4f)", c.name, got, got.Completeness(), got.OnTimeRate(),
				c.want, c.completeness, c.onTime)
		}
	}
}

func TestReportFiguresInactivePlan(t *testing.T) {
	f := fixture()
	f.Plan.Status = plan.PlanClosed
	got, err := Compute(f, Options{PeriodID: q2, AsOf: d(2025, 8, 20)})
	if err != nil {
		t.Fatal(err)
	}
	// A closed plan expects nothing new: only Q2's rows (A, B) count; both received, A on time.
	want := reporting.Figures{Expected: 2, Received: 2, OnTime: 1, Late: 1, Accepted: 2}
	if got.Reports != want {
		t.Errorf("%+v, want %+v", got.Reports, want)
	}
}

func TestOverdue(t *testing.T) {
	for _, c := range []struct {
		name string
		asOf time.Time
		want []Overdue
	}{
		// T3: 30/6 → 20/8 = 0 + 31 (July) + 20 = 51 days.
		{"20/8", d(2025, 8, 20), []Overdue{{TaskID: 3, Title: "T3", SectionLabel: "III.2", LeadAgencyID: agB,
			Due: d(2025, 6, 30), Days: 51}}},
		// 15/9: T3 30/6 → 15/9 = 31 + 31 + 15 = 77; T2 25/8 → 15/9 = 6 + 15 = 21;
		// T6 (continuous) against Q3's due day 10/9: 5. Longest first.
		{"15/9", d(2025, 9, 15), []Overdue{
			{TaskID: 3, Title: "T3", SectionLabel: "III.2", LeadAgencyID: agB, Due: d(2025, 6, 30), Days: 77},
			{TaskID: 2, Title: "T2", SectionLabel: "III.1", LeadAgencyID: agA, Due: d(2025, 8, 25), Days: 21},
			{TaskID: 6, Title: "T6", SectionLabel: "III.2", LeadAgencyID: agC, Due: d(2025, 9, 10), Days: 5},
		}},
	} {
		got := compute(t, Options{AsOf: c.asOf}).Overdue
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", c.name, got, c.want)
		}
	}
}
