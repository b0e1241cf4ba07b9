package store

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"tiendo/internal/auth"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// benchReportingPlan stores an active plan of nTasks tasks issued 1/1/2025
// over the given agencies (each task: a lead and two cooperating agencies).
func benchReportingPlan(b testing.TB, s *Store, nTasks int, ag []int64) int64 {
	d := bigDraft(nTasks, plan.Date(2025, 1, 1), ag...)
	d.Plan.Status, d.Plan.IssuedOn = plan.PlanActive, plan.Date(2025, 1, 1)
	id, err := s.CreatePlan(context.Background(), 0, d)
	must(b, err)
	return id
}

// BenchmarkMyWork is "Việc của tôi" (the facts read here and their
// assembly by reporting, as the app runs them) with 100 agencies × 8 started quarters
// (800 reports in every state) of a 600-task plan; target ≤ 20 ms.
func BenchmarkMyWork(b *testing.B) {
	benchEachDB(b, func(b *testing.B, s *Store) {
		ctx := context.Background()
		ag := benchAgencies(b, s, 100)
		planID := benchReportingPlan(b, s, 600, ag)
		today := plan.Date(2026, 12, 15)
		must(b, s.EnsureReports(ctx, planID, today))
		_, err := s.exec(ctx, s.w, `UPDATE reports SET
			state = CASE id % 5 WHEN 0 THEN 'accepted' WHEN 1 THEN 'submitted' WHEN 2 THEN 'draft' WHEN 3 THEN 'returned' ELSE 'not_started' END,
			submitted_at = CASE WHEN id % 5 < 2 OR id % 5 = 3 THEN updated_at END, on_time = (id % 3 = 0)`)
		must(b, err)
		w, _ := coordinatorWork(b, s, planID, 0, today)
		if w.ToDate.Expected != 800 || len(w.Agencies) != 100 {
			b.Fatalf("expected %d reports of %d agencies", w.ToDate.Expected, len(w.Agencies))
		}
		b.Run("coordinator", func(b *testing.B) {
			for b.Loop() {
				f, err := s.CoordinatorWorkFacts(ctx, planID, today)
				if err != nil {
					b.Fatal(err)
				}
				reporting.NewCoordinatorWork(f, 0, today)
			}
		})
		b.Run("agency", func(b *testing.B) {
			for b.Loop() {
				f, err := s.AgencyWorkFacts(ctx, ag[7], today, today.AddDate(0, 0, plan.DefaultDueSoonDays))
				if err != nil {
					b.Fatal(err)
				}
				reporting.NewAgencyWork(f, today, plan.DefaultDueSoonDays)
			}
		})
	})
}

// BenchmarkSubmitReport60x50: 50 agencies, each with a report of 60 task
// entries, submit at the same moment; reports p50 and p99 of one submit
// (target p99 ≤ 50 ms on SQLite). Between rounds the coordinator returns
// every report (not timed).
func BenchmarkSubmitReport60x50(b *testing.B) {
	benchEachDB(b, func(b *testing.B, s *Store) {
		ctx := context.Background()
		ag := benchAgencies(b, s, 50)
		planID := benchReportingPlan(b, s, 3000, ag)
		periods, err := s.Periods(ctx, planID)
		must(b, err)
		q1 := periods[0]
		day := plan.Date(2025, 3, 5)
		coord := auth.User{Username: "dieuphoi", Role: auth.RoleCoordinator}
		must(b, s.CreateUser(ctx, 0, &coord, "x"))
		heads := make([]reporting.Actor, len(ag))
		reports := make([]int64, len(ag))
		for i, a := range ag {
			u := auth.User{Username: fmt.Sprintf("lanhdao%d", i), Role: auth.RoleHead, AgencyID: a}
			must(b, s.CreateUser(ctx, 0, &u, "x"))
			heads[i] = reporting.Actor{User: &u, Now: day}
			r, err := s.ReportFor(ctx, q1.ID, a)
			must(b, err)
			reports[i] = r.ID
			if len(r.Entries) != 60 {
				b.Fatalf("agency %d leads %d tasks", i, len(r.Entries))
			}
			for _, e := range r.Entries {
				e.Status, e.Percent = plan.ClaimInProgress, 40
				e.Result = "Đã triển khai kế hoạch, tổ chức hội nghị, ban hành văn bản hướng dẫn các đơn vị trực thuộc."
				must(b, s.SaveEntry(ctx, heads[i], r.ID, &e))
			}
		}
		back := reporting.Actor{User: &coord, Now: day}
		var lat []time.Duration
		var mu sync.Mutex
		b.ResetTimer()
		for b.Loop() {
			var wg sync.WaitGroup
			start := make(chan struct{})
			for i := range ag {
				wg.Add(1)
				go func() {
					defer wg.Done()
					<-start
					t0 := time.Now()
					_, err := s.SubmitReport(ctx, heads[i], reports[i], 0)
					d := time.Since(t0)
					if err != nil {
						b.Error(err)
						return
					}
					mu.Lock()
					lat = append(lat, d)
					mu.Unlock()
				}()
			}
			close(start)
			wg.Wait()
			b.StopTimer()
			for _, id := range reports {
				if _, err := s.ReturnReport(ctx, back, id, "Vòng sau", 0); err != nil {
					b.Fatal(err)
				}
			}
			b.StartTimer()
		}
		slices.Sort(lat)
		if len(lat) > 0 {
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
			b.ReportMetric(float64(lat[len(lat)-1].Microseconds())/1000, "max-ms")
		}
	})
}
