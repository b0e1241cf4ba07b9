package app_test

import (
	"context"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"tiendo/internal/app"
	"tiendo/internal/auth"
	"tiendo/internal/clock"
	"tiendo/internal/gen"
	"tiendo/internal/plan"
	"tiendo/internal/store"
)

// BenchmarkRollupNational reads the roll-up of the national programme on
// the national generated dataset (34 provinces, 40,000 tasks, 24 quarters
// of reports; one task in eight of each province linked to the
// programme's 140 tasks): cold (a new app: every province's part read and
// judged), warm (kept: the version check), warm for one province's own
// part (the filter applied to the kept roll-up), and after a write to one
// province (its part and the assembly again).
func BenchmarkRollupNational(b *testing.B) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(b.TempDir(), "national.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	day := time.Date(2026, 6, 5, 0, 0, 0, 0, time.UTC)
	res, err := gen.Run(ctx, st, gen.Config{Provinces: 34, Agencies: 3400, Tasks: 40000, Quarters: 24, Seed: 1,
		Today: day, Password: "Mật-khẩu-thử-nghiệm-42", National: true})
	if err != nil {
		b.Fatal(err)
	}
	national, err := st.PlanByCode(ctx, "03/NQ-CP")
	if err != nil {
		b.Fatal(err)
	}
	leader := &auth.User{ID: 0, Username: "bench", Role: auth.RoleLeader}
	newApp := func() *app.App {
		return app.New(app.Config{Store: st, Clock: clock.Fixed(day.Add(5 * time.Hour))})
	}
	read := func(a *app.App, f app.RollupFilter) {
		r, err := a.Rollup(ctx, leader, national.ID, 0, f)
		if err != nil {
			b.Fatal(err)
		}
		if f.PlanID == 0 && r.Total != 140 {
			b.Fatalf("%d upstream tasks", r.Total)
		}
	}
	b.Logf("%d links to the programme", res.Links)
	measure := func(b *testing.B, setup func() *app.App, f app.RollupFilter) {
		var took []time.Duration
		a := setup()
		for b.Loop() {
			if a == nil {
				a = newApp()
			}
			start := time.Now()
			read(a, f)
			took = append(took, time.Since(start))
			if setup() == nil {
				a = nil
			}
		}
		slices.Sort(took)
		b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
		b.ReportMetric(float64(took[len(took)*99/100].Microseconds())/1000, "p99-ms")
	}
	cold := func() *app.App { return nil }
	warmApp := newApp()
	read(warmApp, app.RollupFilter{})
	warm := func() *app.App { return warmApp }
	b.Run("cold", func(b *testing.B) { measure(b, cold, app.RollupFilter{}) })
	b.Run("warm", func(b *testing.B) { measure(b, warm, app.RollupFilter{}) })
	b.Run("warm-province", func(b *testing.B) { measure(b, warm, app.RollupFilter{PlanID: 1}) })
	b.Run("after-write", func(b *testing.B) {
		// The first task of each province, whose product a coordinator
		// edits: the write moves that province's facts version.
		var first []int64
		for p := int64(1); p <= 34; p++ {
			tasks, err := st.PlanTasks(ctx, p)
			if err != nil {
				b.Fatal(err)
			}
			first = append(first, tasks[0].ID)
		}
		admin := &auth.User{Username: "bench", Role: auth.RoleAdmin}
		var took []time.Duration
		for i := 0; b.Loop(); i++ {
			product := "Báo cáo lần " + strconv.Itoa(i)
			if _, err := warmApp.UpdateTask(ctx, admin, first[i%34], plan.TaskChange{Product: &product}, nil); err != nil {
				b.Fatal(err)
			}
			start := time.Now()
			read(warmApp, app.RollupFilter{})
			took = append(took, time.Since(start))
		}
		slices.Sort(took)
		b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
		b.ReportMetric(float64(took[len(took)*99/100].Microseconds())/1000, "p99-ms")
	})
}
