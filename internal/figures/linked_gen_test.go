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

// TestJudgeTasksMatchesDashboard checks that the roll-up's judgement of
// tasks (JudgeTasks) counts what the dashboard counts: for the current
// period, the dashboard's status counts; for every earlier period, its
// trend point — over a generated province with twelve quarters of reports
// in every state, judged on two days.
func TestJudgeTasksMatchesDashboard(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "gen.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	today := time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)
	if _, err := gen.Run(ctx, st, gen.Config{Provinces: 1, Agencies: 40, Tasks: 300, Quarters: 12, Seed: 5,
		Today: today, Password: "Mật-khẩu-thử-nghiệm-42"}); err != nil {
		t.Fatal(err)
	}
	for _, day := range []time.Time{today, today.AddDate(0, -2, 0)} {
		f, err := st.Facts(ctx, 1, day)
		if err != nil {
			t.Fatal(err)
		}
		d, err := figures.Compute(f, figures.Options{AsOf: day})
		if err != nil {
			t.Fatal(err)
		}
		count := func(rows []figures.LinkedRow) figures.Counts {
			c := figures.Counts{}
			for _, s := range plan.Statuses {
				c[s] = 0
			}
			for _, r := range rows {
				c[r.Status]++
			}
			return c
		}
		if got := count(figures.JudgeTasks(f, d.Period, day, nil)); !reflect.DeepEqual(got, d.Status) {
			t.Errorf("%s, current period %s: JudgeTasks %v, dashboard %v", day.Format(time.DateOnly), d.Period.Label, got, d.Status)
		}
		for _, pt := range d.Trend[:len(d.Trend)-1] {
			if got := count(figures.JudgeTasks(f, pt.Period, day, nil)); !reflect.DeepEqual(got, pt.Status) {
				t.Errorf("%s, %s: JudgeTasks %v, trend %v", day.Format(time.DateOnly), pt.Period.Label, got, pt.Status)
			}
		}
		// A part of the facts (some tasks, only their claims up to a
		// period) judges them as the whole does, given who was claimed.
		p := d.Trend[len(d.Trend)/2].Period
		whole := map[int64]figures.LinkedRow{}
		for _, r := range figures.JudgeTasks(f, p, day, nil) {
			whole[r.TaskID] = r
		}
		part := *f
		part.Tasks = nil
		keep := map[int64]bool{}
		for i := 0; i < len(f.Tasks); i += 3 {
			part.Tasks = append(part.Tasks, f.Tasks[i])
			keep[f.Tasks[i].ID] = true
		}
		claimed := map[int64]bool{}
		start := map[int64]time.Time{}
		for _, q := range f.Periods {
			start[q.ID] = q.Start
		}
		part.Claims = nil
		for _, c := range f.Claims {
			claimed[c.TaskID] = true
			if keep[c.TaskID] && !start[c.PeriodID].After(p.Start) {
				part.Claims = append(part.Claims, c)
			}
		}
		for _, r := range figures.JudgeTasks(&part, p, day, claimed) {
			if w := whole[r.TaskID]; w.Status != r.Status || w.Progress != r.Progress {
				t.Errorf("task %d in %s: part %s %d%%, whole %s %d%%", r.TaskID, p.Label, r.Status, r.Progress, w.Status, w.Progress)
			}
		}
	}
}
