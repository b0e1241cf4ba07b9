package store

import (
	"context"
	"testing"
	"time"

	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// TestPeriodsAroundMatchesCurrentPeriod: what the task list judges
// statuses on (PeriodsAround, one query) is what the dashboard judges them
// on (every period, reporting.CurrentPeriod) — before the plan's first
// period, in each, on their edges and after the last — under the default
// regime and after the coordinator changes it (another frequency, another
// due-soon window; the old periods stay where reports hold them).
func TestPeriodsAroundMatchesCurrentPeriod(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		ag := benchAgencies(t, s, 3)
		d := bigDraft(40, plan.Date(2025, 3, 1), ag...)
		d.Plan.IssuedOn = plan.Date(2025, 2, 10)
		planID, err := s.CreatePlan(ctx, 0, d)
		must(t, err)
		check := func(step string) {
			t.Helper()
			all, err := s.Periods(ctx, planID)
			must(t, err)
			r, err := s.Regime(ctx, planID)
			must(t, err)
			if len(all) < 2 {
				t.Fatalf("%s: %d periods", step, len(all))
			}
			days := []time.Time{all[0].Start.AddDate(0, 0, -30), all[len(all)-1].End.AddDate(0, 2, 0)}
			for _, p := range all {
				days = append(days, p.Start.AddDate(0, 0, -1), p.Start, p.Due, p.End)
			}
			for _, day := range days {
				around, soon, err := s.PeriodsAround(ctx, planID, day)
				must(t, err)
				got, want := reporting.NowOf(around, day, soon), reporting.NowOf(all, day, r.DueSoonDays)
				if got != want {
					t.Errorf("%s, %s: PeriodsAround judges on %+v, the periods on %+v", step, dateArg(day), got, want)
				}
			}
		}
		check("default regime")
		r, err := s.Regime(ctx, planID)
		must(t, err)
		r.Frequency, r.DueSoonDays = reporting.HalfYearly, 15
		must(t, s.SaveRegime(ctx, 0, r))
		check("half-yearly regime")
	})
}
