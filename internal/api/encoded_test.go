package api

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"tiendo/internal/figures"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// TestDashboardBodies checks that an encoding is kept with its dashboard
// (not encoded again), that a new dashboard of the same plan (after a
// write) is encoded afresh and replaces it — reusing the runs a recount
// of the reports leaves alone, byte for byte what encoding the whole view
// gives —, and that the oldest plans go past the bound.
func TestDashboardBodies(t *testing.T) {
	var c dashboardBodies
	whole := func(d *figures.Dashboard) []byte {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(dashboardView(d)); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	enc := func(what string, d *figures.Dashboard) {
		t.Helper()
		body, err := c.encode(d)
		if err != nil {
			t.Fatal(err)
		}
		if want := whole(d); !bytes.Equal(body, want) {
			t.Errorf("%s:\n%s\nwant\n%s", what, body, want)
		}
	}
	day := time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)
	per := reporting.Period{ID: 7, Label: "Quý IV/2026", Start: plan.Date(2026, 10, 1), End: plan.Date(2026, 12, 31), Due: plan.Date(2026, 12, 1)}
	a := &figures.Dashboard{PlanID: 1, AsOf: day, Period: per, Status: figures.Counts{plan.StatusOverdue: 2, plan.StatusDoneOnTime: 1},
		ByGroup:  []figures.Group{{SectionID: 3, Label: "II.1", Title: "Thể chế <số> & \"dữ liệu\"", Status: figures.Counts{plan.StatusOverdue: 2}}},
		ByAgency: []figures.AgencyRow{{AgencyID: 5, Name: "Sở KH&CN", Status: figures.Counts{plan.StatusOverdue: 2}}, {AgencyID: 6, Name: "Sở Tài chính"}},
		Overdue:  []figures.Overdue{{TaskID: 9, Title: "Rà soát <cơ chế> & chính sách", SectionLabel: "II.1", LeadAgencyID: 5, Due: plan.Date(2026, 6, 30), Days: 157}},
		Reports:  reporting.Figures{Expected: 2, Missing: 2},
		Expected: []int64{5, 6},
		Trend:    []figures.TrendPoint{{Period: per, Day: day, Status: figures.Counts{plan.StatusOverdue: 2}}}}
	enc("first", a)
	enc("again", a)
	if c.encodings != 1 {
		t.Errorf("the same dashboard encoded again (%d encodings)", c.encodings)
	}
	// A report sent: the recount shares the groups and the tail.
	b := figures.RecountReports(a, []figures.Report{{PeriodID: 7, AgencyID: 6, Revision: 1, State: reporting.StateSubmitted,
		OnTime: true, SubmittedAt: day.Add(3 * time.Hour)}})
	if b.Reports == a.Reports {
		t.Fatalf("the recount changed nothing: %+v", b.Reports)
	}
	enc("recounted", b)
	if c.encodings != 2 || c.m[dashboardKey{plan: 1, period: 7, day: "2026-12-04"}].from != a {
		t.Errorf("a recount: %d encodings, runs not reused", c.encodings)
	}
	// A write the figures read: everything anew.
	x := *b
	x.Overdue = append([]figures.Overdue{}, b.Overdue...)
	x.Overdue[0].Days++
	enc("recomputed", &x)
	if c.m[dashboardKey{plan: 1, period: 7, day: "2026-12-04"}].from != &x {
		t.Errorf("a recomputed dashboard encoded with the old runs")
	}
	if len(c.m) != 1 {
		t.Errorf("%d kept for one plan: the new one replaces the old", len(c.m))
	}
	for i := range maxDashboardBodies {
		enc("another plan", &figures.Dashboard{PlanID: int64(100 + i), AsOf: day})
	}
	if len(c.m) != maxDashboardBodies || len(c.order) != maxDashboardBodies {
		t.Errorf("kept %d (order %d), want %d", len(c.m), len(c.order), maxDashboardBodies)
	}
	if _, ok := c.m[dashboardKey{plan: 1, period: 7, day: "2026-12-04"}]; ok {
		t.Error("the oldest plan kept past the bound")
	}
}
