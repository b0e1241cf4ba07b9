package api_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"tiendo/internal/demo"
	"tiendo/internal/figures"
	"tiendo/internal/plan"
)

// BenchmarkDashboard is the dashboard's figures for the reference plan
// (demo.Load) with the demo's sample reports on 25/11/2026 (8 quarters):
// store.Facts and figures.Compute, as GET /plans/{id}/dashboard runs them
// (target ≤ 30 ms). It reports the median and p99 of one run.
func BenchmarkDashboard(b *testing.B) {
	ctx := context.Background()
	st := benchStore(b)
	res, err := demo.Load(ctx, st)
	if err != nil {
		b.Fatal(err)
	}
	asOf := plan.Date(2026, 11, 25)
	if _, err := demo.LoadReports(ctx, st, res.PlanID, asOf); err != nil {
		b.Fatal(err)
	}
	run := func() *figures.Dashboard {
		f, err := st.Facts(ctx, res.PlanID, asOf)
		if err != nil {
			b.Fatal(err)
		}
		d, err := figures.Compute(f, figures.Options{AsOf: asOf})
		if err != nil {
			b.Fatal(err)
		}
		return d
	}
	if d := run(); len(d.Trend) < 8 || d.Reports.Expected == 0 {
		b.Fatalf("%d trend points, %d reports expected: not the 8 quarters of the demo", len(d.Trend), d.Reports.Expected)
	}
	var took []time.Duration
	for b.Loop() {
		start := time.Now()
		run()
		took = append(took, time.Since(start))
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(took[len(took)*99/100].Microseconds())/1000, "p99-ms")
}
