package api

import (
	"testing"
	"time"

	"tiendo/internal/figures"
)

// TestDashboardBodies checks that an encoding is kept with its dashboard
// (the view is not called again), that a new dashboard of the same plan
// (after a write) is encoded afresh and replaces it, and that the oldest
// plans go past the bound.
func TestDashboardBodies(t *testing.T) {
	var c dashboardBodies
	calls := 0
	enc := func(d *figures.Dashboard) {
		if _, err := c.encode(d, func() any { calls++; return d.PlanID }); err != nil {
			t.Fatal(err)
		}
	}
	day := time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)
	a := &figures.Dashboard{PlanID: 1, AsOf: day}
	enc(a)
	if enc(a); calls != 1 {
		t.Errorf("the same dashboard encoded again (%d calls)", calls)
	}
	b := &figures.Dashboard{PlanID: 1, AsOf: day}
	if enc(b); calls != 2 {
		t.Errorf("a new dashboard (after a write) served as kept (%d calls)", calls)
	}
	if len(c.m) != 1 {
		t.Errorf("%d kept for one plan: the new one replaces the old", len(c.m))
	}
	for i := range maxDashboardBodies {
		enc(&figures.Dashboard{PlanID: int64(100 + i), AsOf: day})
	}
	if len(c.m) != maxDashboardBodies || len(c.order) != maxDashboardBodies {
		t.Errorf("kept %d (order %d), want %d", len(c.m), len(c.order), maxDashboardBodies)
	}
	if _, ok := c.m[dashboardKey{plan: 1, day: "2026-12-04"}]; ok {
		t.Error("the oldest plan kept past the bound")
	}
}
