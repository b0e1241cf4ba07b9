package figures_test

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"tiendo/internal/figures"
	"tiendo/internal/gen"
	"tiendo/internal/plan"
	"tiendo/internal/store"
)

// TestTrendMatchesReplay checks the trend, which rebuilds the tasks period
// by period in one pass, against a plain replay for each period on its own
// — every accepted claim of the periods up to it applied in order, then
// plan.StatusInPeriod — over a generated province with twelve quarters of
// reports in every state.
func TestTrendMatchesReplay(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "gen.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	today := time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)
	if _, err := gen.Run(ctx, st, gen.Config{Provinces: 1, Agencies: 40, Tasks: 300, Quarters: 12, Seed: 3,
		Today: today, Password: "Mật-khẩu-thử-nghiệm-42"}); err != nil {
		t.Fatal(err)
	}
	f, err := st.Facts(ctx, 1, today)
	if err != nil {
		t.Fatal(err)
	}
	d, err := figures.Compute(f, figures.Options{AsOf: today})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Trend) != 12 {
		t.Fatalf("%d trend points, want 12", len(d.Trend))
	}
	// The highest accepted revision's claim per (period, task).
	type key struct{ period, task int64 }
	best := map[key]figures.Claim{}
	claimed := map[int64]bool{}
	for _, c := range f.Claims {
		k := key{c.PeriodID, c.TaskID}
		if old, ok := best[k]; !ok || c.Revision > old.Revision {
			best[k] = c
		}
		claimed[c.TaskID] = true
	}
	for _, pt := range d.Trend[:len(d.Trend)-1] { // the last point is the dashboard's own counts
		want := figures.Counts{}
		for _, s := range plan.Statuses {
			want[s] = 0
		}
		for _, orig := range f.Tasks {
			t := orig
			if claimed[t.ID] {
				t.Claim, t.Progress, t.CompletedOn, t.ReportedAt, t.ClaimPeriod = plan.ClaimNone, 0, time.Time{}, time.Time{}, time.Time{}
				for _, q := range f.Periods {
					if q.Start.After(pt.Period.Start) {
						break
					}
					if c, ok := best[key{q.ID, t.ID}]; ok {
						t.Claim, t.Progress, t.ReportedAt, t.ClaimPeriod = c.Claim, c.Percent, q.Due, q.Start
						t.CompletedOn = time.Time{}
						if c.Claim == plan.ClaimCompleted {
							t.CompletedOn = c.CompletedOn
						}
					}
				}
			} else if t.Completed() && t.CompletedOn.After(pt.Day) {
				t.CompletedOn = time.Time{}
			}
			var pc *plan.PeriodClaim
			if c, ok := best[key{pt.Period.ID, t.ID}]; ok {
				pc = &c.PeriodClaim
			}
			due := f.DueSoon
			if due <= 0 {
				due = plan.DefaultDueSoonDays
			}
			s, _ := plan.StatusInPeriod(&t, pt.Period.Start, pt.Period.Due, pc, pt.Day, due)
			want[s]++
		}
		if !reflect.DeepEqual(pt.Status, want) {
			t.Errorf("%s: trend %v, replay %v", pt.Period.Label, pt.Status, want)
		}
	}
}
