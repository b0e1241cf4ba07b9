package store_test

import (
	"context"
	"testing"
	"time"

	"tiendo/internal/agency"
	"tiendo/internal/gen"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
	"tiendo/internal/store/dbtest"
)

// TestCachesFollowOtherInstances: the store's in-memory shortcuts — the
// agencies in Vietnamese order, and "this plan's expected reports are all
// there" — are dropped when another instance on the same database changes
// what they depend on. On PostgreSQL the other instance learns of the
// change from a notification (store/watch.go), which arrives a moment
// after the write commits: each check is given up to 5 s, and fails on a
// shortcut that is never dropped.
func TestCachesFollowOtherInstances(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, db *dbtest.DB) {
		ctx := context.Background()
		a, b := db.Open(t), db.Open(t)
		eventually := func(what string, ok func() bool) {
			t.Helper()
			for i := 0; !ok(); i++ {
				if i == 500 {
					t.Fatalf("%s: not seen by the first instance within 5 s", what)
				}
				time.Sleep(10 * time.Millisecond)
			}
		}
		today := time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)
		if _, err := gen.Run(ctx, a, gen.Config{Provinces: 1, Agencies: 25, Tasks: 40, Quarters: 2, Seed: 5,
			Today: today, Password: "Mật-khẩu-thử-nghiệm-42"}); err != nil {
			t.Fatal(err)
		}
		// Agencies: a reads (and keeps) the order; b renames one so that it moves first.
		list, err := a.Agencies(ctx)
		if err != nil {
			t.Fatal(err)
		}
		last := list[len(list)-1]
		last.Name = "Ấp thử nghiệm An Bình"
		if err := b.UpdateAgency(ctx, 0, &last); err != nil {
			t.Fatal(err)
		}
		eventually("a rename on another instance, in the agencies' order", func() bool {
			if list, err = a.Agencies(ctx); err != nil {
				t.Fatal(err)
			}
			return list[0].ID == last.ID && list[0].Name == last.Name
		})
		eventually("a rename on another instance, in the agencies' names", func() bool {
			names, err := a.AgencyNames(ctx)
			if err != nil {
				t.Fatal(err)
			}
			return names[last.ID] == last.Name
		})
		list[0].Name = "đổi trong bản sao"
		if again, _ := a.Agencies(ctx); again[0].Name != last.Name {
			t.Error("a caller's change to its list reached the cache")
		}

		// Expected reports: a finds the plan complete; b gives a task to a
		// new agency; a must then make that agency's report.
		const planID = 1
		if err := a.EnsureReports(ctx, planID, today); err != nil {
			t.Fatal(err)
		}
		ag := &agency.Agency{Name: "Ủy ban nhân dân xã Mới Lập", Kind: agency.KindCommune}
		if err := b.CreateAgency(ctx, 0, ag); err != nil {
			t.Fatal(err)
		}
		secs, err := b.Sections(ctx, planID)
		if err != nil {
			t.Fatal(err)
		}
		var sec int64
		for _, s := range secs {
			if s.HoldsTasks && s.Kind == plan.KindGroup {
				sec = s.ID
				break
			}
		}
		task := &plan.Task{PlanID: planID, SectionID: sec, Text: "Thí điểm xã thông minh.", LeadAgencyID: ag.ID,
			Deadline: plan.Deadline{Kind: plan.DeadlineContinuous, Text: "Thường xuyên"}}
		if err := b.CreateTask(ctx, 0, task); err != nil {
			t.Fatal(err)
		}
		eventually("the new lead agency's report (the first instance keeping a stale 'complete')", func() bool {
			if err := a.EnsureReports(ctx, planID, today); err != nil {
				t.Fatal(err)
			}
			reps, _, err := a.Reports(ctx, reporting.ReportFilter{PlanID: planID, AgencyID: ag.ID, Today: today})
			if err != nil {
				t.Fatal(err)
			}
			return len(reps) > 0
		})
	})
}
