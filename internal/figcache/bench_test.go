package figcache_test

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"tiendo/internal/figcache"
	"tiendo/internal/figures"
	"tiendo/internal/gen"
	"tiendo/internal/store"
)

// benchStore generates provinces of the national dataset's size (100
// agencies and about 1,176 tasks each, 24 quarters of reports) into a
// SQLite file.
func benchStore(b *testing.B, provinces int) *store.Store {
	b.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(b.TempDir(), "national.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	if _, err := gen.Run(ctx, st, gen.Config{Provinces: provinces, Agencies: 100 * provinces, Tasks: 40000 * provinces / 34,
		Quarters: 24, Seed: 1, Today: today, Password: "Mật-khẩu-thử-nghiệm-42"}); err != nil {
		b.Fatal(err)
	}
	return st
}

// reportQuantiles reports the median and p99 of the loop's iterations
// and the process's CPU time per iteration since cpu0 (processCPU): the
// figure a loaded machine changes least.
func reportQuantiles(b *testing.B, took []time.Duration, cpu0 time.Duration) {
	cpu := processCPU() - cpu0
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(took[len(took)*99/100].Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(len(took)), "cpu-ms/op")
}

// BenchmarkProvinceCold is one province's dashboard computed in full
// (store.Facts and figures.Compute), as after a write that moves its facts
// version: a national-size province, 24 quarters.
func BenchmarkProvinceCold(b *testing.B) {
	st := benchStore(b, 1)
	var took []time.Duration
	cpu0 := processCPU()
	for b.Loop() {
		start := time.Now()
		if _, _, err := figcache.Compute(context.Background(), st, 1, figures.Options{AsOf: today}); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(start))
	}
	reportQuantiles(b, took, cpu0)
}

// BenchmarkNational is the rollup of the 34 provinces as the national
// page asks the cache for it (figcache.Lines over every plan, then
// the sums): cold (a new cache: every plan computed, as on an instance's
// first read) and warm (every plan kept: the version check and the sums).
func BenchmarkNational(b *testing.B) {
	st := benchStore(b, 34)
	ctx := context.Background()
	plans, err := st.Plans(ctx)
	if err != nil {
		b.Fatal(err)
	}
	var asks []figcache.Ask
	for _, p := range plans {
		asks = append(asks, figcache.Ask{PlanID: p.ID, Options: figures.DefaultSettings.Options(figures.Options{AsOf: today})})
	}
	national := func(c *figcache.Cache) {
		ls, errs, err := c.Lines(ctx, asks)
		if err == nil {
			err = errors.Join(errs...)
		}
		if err != nil {
			b.Fatal(err)
		}
		figures.RollupNational(ls)
	}
	b.Run("cold", func(b *testing.B) {
		var took []time.Duration
		cpu0 := processCPU()
		for b.Loop() {
			c := figcache.New(st, 0)
			start := time.Now()
			national(c)
			took = append(took, time.Since(start))
		}
		reportQuantiles(b, took, cpu0)
	})
	b.Run("warm", func(b *testing.B) {
		c := figcache.New(st, 0)
		national(c)
		var took []time.Duration
		cpu0 := processCPU()
		for b.Loop() {
			start := time.Now()
			national(c)
			took = append(took, time.Since(start))
		}
		reportQuantiles(b, took, cpu0)
	})
}
