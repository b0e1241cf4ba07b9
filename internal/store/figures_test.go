package store

import (
	"context"
	"database/sql"
	"slices"
	"testing"

	"tiendo/internal/figures"
	"tiendo/internal/indicator"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// TestFacts checks that Facts reads the plan whole and only accepted report
// data: in quarter II/2025 the Sở KH&CN's report (with a value for its
// indicator) is accepted, the Sở Tài chính's waits for review and the
// xã's is not started; on 20/6/2025 the figures then count 2 of 3 reports
// received, on time, and the accepted value of 62.5 against a target of 50.
func TestFacts(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newRepFix(t, s)
		planID := f.d.Plan.ID
		ind := indicator.Indicator{PlanID: planID, Code: "CT1", Name: "Tỷ lệ", Unit: "%", Direction: indicator.Increase,
			Aggregation: indicator.Average, Targets: map[int]float64{2025: 50}, AgencyID: f.ag["khcn"]}
		must(t, s.CreateIndicator(ctx, 0, &ind))
		day := plan.Date(2025, 6, 5)
		r := f.report(t, f.q2, "khcn")
		x := 62.5
		must(t, s.SaveIndicatorValue(ctx, f.at("officer:khcn", day), r.ID, &reporting.IndicatorValue{IndicatorID: ind.ID, Value: &x}))
		r = f.submitFull(t, f.q2, "khcn", day)
		_, err := s.AcceptReport(ctx, f.at("coord", day), r.ID, 0)
		must(t, err)
		f.submitFull(t, f.q2, "tc", day) // submitted, not accepted: its claims must not count

		asOf := plan.Date(2025, 6, 20)
		facts, err := s.Facts(ctx, planID, asOf)
		must(t, err)
		if len(facts.Tasks) != len(f.d.Tasks) || len(facts.Sections) != len(f.d.Sections) || len(facts.Periods) == 0 {
			t.Fatalf("%d tasks, %d sections, %d periods", len(facts.Tasks), len(facts.Sections), len(facts.Periods))
		}
		if got := facts.Tasks[1].CooperatingAgencyIDs; len(got) != 2 {
			t.Errorf("task 1 cooperating agencies %v, want xa and khcn", got)
		}
		// Accepted: the Sở KH&CN's entries (tasks 0 and 2, in progress 30 %); never the Sở Tài chính's (task 1).
		claimed := map[int64]bool{}
		for _, c := range facts.Claims {
			claimed[c.TaskID] = true
			if c.PeriodID != f.q2.ID || c.Claim != plan.ClaimInProgress || c.Percent != 30 {
				t.Errorf("claim %+v", c)
			}
		}
		if len(facts.Claims) != 2 || !claimed[f.task(0)] || !claimed[f.task(2)] {
			t.Errorf("claims %+v, want tasks 0 and 2", facts.Claims)
		}
		if len(facts.Values) != 1 || facts.Values[0].Value != 62.5 || facts.Values[0].AgencyID != f.ag["khcn"] {
			t.Errorf("values %+v", facts.Values)
		}
		if len(facts.Indicators) != 1 || facts.Indicators[0].Targets[2025] != 50 {
			t.Errorf("indicators %+v", facts.Indicators)
		}
		d, err := figures.Compute(facts, figures.Options{PeriodID: f.q2.ID, AsOf: asOf})
		must(t, err)
		// khcn, tc and xa expected; khcn and tc sent on 5/6 (due 10/6): 2 received on time, 1 accepted.
		want := reporting.Figures{Expected: 3, Received: 2, OnTime: 2, Missing: 1, Accepted: 1}
		if d.Reports != want {
			t.Errorf("reports %+v, want %+v", d.Reports, want)
		}
		// 62.5 ÷ 50 = 125 % → green.
		if g := d.Indicators[0]; g.Achieved == nil || *g.Achieved != 125 || g.Light != figures.LightGreen {
			t.Errorf("indicator %+v", g)
		}
		// The plan's stored thresholds decide the light: green from 150 %,
		// amber from 120 % makes the same 125 % amber.
		_, err = s.SaveFigureSettings(ctx, 0, planID, figures.Settings{Thresholds: figures.Thresholds{Green: 150, Amber: 120}, WarningLag: 25}, 0)
		must(t, err)
		set, err := s.FigureSettings(ctx, planID)
		must(t, err)
		d, err = figures.Compute(facts, set.Options(figures.Options{PeriodID: f.q2.ID, AsOf: asOf}))
		must(t, err)
		if g := d.Indicators[0]; g.Light != figures.LightAmber {
			t.Errorf("with stored thresholds 150/120: light %s, want amber", g.Light)
		}
		// Reports of periods not started by the as-of day are left out: none before 1/4/2025.
		early, err := s.Facts(ctx, planID, plan.Date(2025, 3, 1))
		must(t, err)
		if len(early.Reports) != 0 || len(early.Claims) != 0 || len(early.Values) != 0 {
			t.Errorf("before the first period: %d reports, %d claims, %d values", len(early.Reports), len(early.Claims), len(early.Values))
		}
		_, err = s.Facts(ctx, 9999, asOf)
		wantErr(t, err, ErrNotFound)
	})
}

// TestFactsTasksInPlanOrder checks that Facts gives the tasks in plan
// order (section, place in it, ID) when that is not the order they were
// stored in: a task added last to the plan's first section comes before
// every task of the later sections. So does openTaskFacts, for the
// assigned tasks.
func TestFactsTasksInPlanOrder(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newRepFix(t, s)
		before, err := s.Facts(ctx, f.d.Plan.ID, plan.Date(2025, 6, 20))
		must(t, err)
		first := before.Tasks[0]
		added := plan.Task{SectionID: first.SectionID, Title: "Nhiệm vụ bổ sung vào nhóm đầu", LeadAgencyID: f.ag["khcn"],
			Deadline: plan.Deadline{Kind: plan.DeadlineNone}}
		must(t, s.CreateTask(ctx, 0, &added))
		ids := func(query string) (list []int64) {
			must(t, s.each(ctx, query, []any{f.d.Plan.ID}, func(rows *sql.Rows) error {
				list = append(list, 0)
				return rows.Scan(&list[len(list)-1])
			}))
			return list
		}
		want := ids(`SELECT id FROM tasks WHERE plan_id = ? ORDER BY section_seq, ord, id`)
		after, err := s.Facts(ctx, f.d.Plan.ID, plan.Date(2025, 6, 20))
		must(t, err)
		got := taskIDs(after.Tasks)
		if !slices.Equal(got, want) {
			t.Errorf("tasks %v, want plan order %v", got, want)
		}
		open, err := s.openTaskFacts(ctx, s.r, f.d.Plan.ID, 0)
		must(t, err)
		if got, want := taskIDs(open), ids(`SELECT id FROM tasks WHERE plan_id = ? AND lead_agency_id IS NOT NULL
			ORDER BY section_seq, ord, id`); !slices.Equal(got, want) {
			t.Errorf("assigned tasks %v, want plan order %v", got, want)
		}
		if i := slices.Index(got, added.ID); i < 0 || i == len(got)-1 {
			t.Errorf("the added task is at %d of %d: the test needs it before the later sections' tasks", i, len(got))
		}
	})
}
