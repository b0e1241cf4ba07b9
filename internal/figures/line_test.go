package figures

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// onePeriod is f as store.LineFacts reads it for the line of period p on
// day asOf: the claims and report revisions of p alone (none when p has
// not started), no indicator value and no agency.
func onePeriod(f *Facts, p reporting.Period, asOf time.Time) *Facts {
	cut := *f
	cut.Claims, cut.Reports, cut.Values, cut.Agencies = nil, nil, nil, nil
	if !p.Started(asOf) {
		return &cut
	}
	for _, c := range f.Claims {
		if c.PeriodID == p.ID {
			cut.Claims = append(cut.Claims, c)
		}
	}
	for _, r := range f.Reports {
		if r.PeriodID == p.ID {
			cut.Reports = append(cut.Reports, r)
		}
	}
	return &cut
}

// TestComputeLine: a line computed alone, from all the facts or from
// those of its period only, is the line of the plan's dashboard — on
// days and periods whose figures the other tests work out by hand, two of
// them checked here against those figures.
func TestComputeLine(t *testing.T) {
	for _, c := range []struct {
		name string
		o    Options
		want *NationalRow // hand-worked (TestStatusCounts, TestOverdue, TestReportFigures, TestEarlyWarning); nil: not checked
	}{
		{"20/8", Options{AsOf: d(2025, 8, 20)}, &NationalRow{PlanID: 1, Period: fixture().Periods[1],
			Status: counts(map[plan.Status]int{plan.StatusDoneOnTime: 1, plan.StatusDoneLate: 1,
				plan.StatusInProgress: 2, plan.StatusDueSoon: 1, plan.StatusOverdue: 1, plan.StatusNotStarted: 2,
				plan.StatusPaused: 1, plan.StatusCancelled: 1}),
			Reports: reporting.Figures{Expected: 4, Received: 1, OnTime: 1, Missing: 3}, Overdue: 1, Warned: 2}},
		{"15/9", Options{AsOf: d(2025, 9, 15)}, &NationalRow{PlanID: 1, Period: fixture().Periods[1],
			Status: counts(map[plan.Status]int{plan.StatusDoneOnTime: 1, plan.StatusDoneLate: 1,
				plan.StatusInProgress: 1, plan.StatusOverdue: 3, plan.StatusNotStarted: 2,
				plan.StatusPaused: 1, plan.StatusCancelled: 1}),
			// Warned: T1, 1/4 → 15/9 = 167 of 182 days: 91.8 % − 60 % = 31.8 > 25; T10,
			// 1/7 → 15/9 = 76 of 183 days: 41.5 > 25. T2 is overdue now.
			Reports: reporting.Figures{Expected: 4, Received: 2, OnTime: 2, Missing: 2, Accepted: 1}, Overdue: 3, Warned: 2}},
		{"Q2 asked on 20/8", Options{PeriodID: q2, AsOf: d(2025, 8, 20)}, nil},
		{"Q4 not started", Options{PeriodID: q4, AsOf: d(2025, 8, 20)}, nil},
		{"after the last period", Options{AsOf: d(2026, 2, 1)}, nil},
		{"before the first period", Options{AsOf: d(2025, 1, 1)}, nil},
		{"a lag of 15 points", Options{AsOf: d(2025, 8, 20), LagPoints: 15}, nil},
	} {
		d, err := Compute(fixture(), c.o)
		if err != nil {
			t.Fatal(err)
		}
		want := d.Line()
		if c.want != nil && !reflect.DeepEqual(want.NationalRow, *c.want) {
			t.Errorf("%s: the dashboard's line %+v, worked by hand %+v", c.name, want.NationalRow, *c.want)
		}
		got, err := ComputeLine(fixture(), c.o)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: line alone %+v, the dashboard's %+v", c.name, got, want)
		}
		cut := onePeriod(fixture(), want.Period, d.AsOf)
		if got, err = ComputeLine(cut, c.o); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: line from its period's facts %+v, the dashboard's %+v", c.name, got, want)
		}
	}
	if _, err := ComputeLine(fixture(), Options{PeriodID: 99, AsOf: d(2025, 8, 20)}); !errors.Is(err, ErrNoPeriod) {
		t.Errorf("unknown period: %v", err)
	}
}

// TestRecountLine: a line's reports recounted are its dashboard's
// recounted (RecountReports), and the line is left as it was.
func TestRecountLine(t *testing.T) {
	o := Options{AsOf: d(2025, 8, 20)}
	d, err := Compute(fixture(), o)
	if err != nil {
		t.Fatal(err)
	}
	l := d.Line()
	before := *l
	// B sends Q3 again, on time; C's row is gone (a report is never
	// deleted, but the recount must count C missing then).
	now := []Report{
		{PeriodID: q3, AgencyID: agA, Revision: 1, State: reporting.StateSubmitted, OnTime: true, SubmittedAt: at(2025, 8, 1)},
		{PeriodID: q3, AgencyID: agB, Revision: 1, State: reporting.StateSubmitted, OnTime: true, SubmittedAt: at(2025, 8, 10)},
		{PeriodID: q3, AgencyID: agD, Revision: 1, State: reporting.StateNotStarted},
	}
	got := RecountLine(l, now)
	if want := RecountReports(d, now).Line(); !reflect.DeepEqual(got, want) {
		t.Errorf("recounted line %+v, the recounted dashboard's %+v", got, want)
	}
	// A and B received on time of the four expected.
	if want := (reporting.Figures{Expected: 4, Received: 2, OnTime: 2, Missing: 2}); got.Reports != want {
		t.Errorf("recounted %+v, want %+v", got.Reports, want)
	}
	if !reflect.DeepEqual(*l, before) {
		t.Errorf("the line recounted was changed")
	}
}

// TestRollupNational: the totals are the sums of the lines, in order.
func TestRollupNational(t *testing.T) {
	a, err := ComputeLine(fixture(), Options{AsOf: d(2025, 8, 20)})
	if err != nil {
		t.Fatal(err)
	}
	b, err := ComputeLine(fixture(), Options{AsOf: d(2025, 9, 15)})
	if err != nil {
		t.Fatal(err)
	}
	n := RollupNational([]*Line{a, b})
	if len(n.Plans) != 2 || !reflect.DeepEqual(n.Plans[0], a.NationalRow) || !reflect.DeepEqual(n.Plans[1], b.NationalRow) {
		t.Fatalf("lines %+v", n.Plans)
	}
	// 20/8 and 15/9 (TestComputeLine): overdue 1 + 3, warned 2 + 2,
	// received 1 + 2 of 4 + 4; in progress 2 + 1, 10 + 10 tasks.
	if n.Overdue != 4 || n.Warned != 4 || n.Reports != (reporting.Figures{Expected: 8, Received: 3, OnTime: 3, Missing: 5, Accepted: 1}) ||
		n.Status[plan.StatusInProgress] != 3 || n.Status.Total() != 20 {
		t.Errorf("totals %+v", n)
	}
}
