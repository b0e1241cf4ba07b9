package figcache_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"tiendo/internal/agency"
	"tiendo/internal/auth"
	"tiendo/internal/figcache"
	"tiendo/internal/gen"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
	"tiendo/internal/store"
	"tiendo/internal/store/dbtest"
)

var today = time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)

// generate fills st with a small generated province: reports in every
// state over six quarters.
func generate(t *testing.T, st *store.Store, provinces int) {
	t.Helper()
	_, err := gen.Run(context.Background(), st, gen.Config{Provinces: provinces, Agencies: 30 * provinces,
		Tasks: 150 * provinces, Quarters: 6, Seed: 7, Today: today, Password: "Mật-khẩu-thử-nghiệm-42"})
	if err != nil {
		t.Fatal(err)
	}
}

// TestCacheExact changes a plan's facts by every kind of write the app
// makes and checks, after each, that the cached dashboard is the one a
// full recomputation gives — and that a write no figure reads (a draft
// entry) and no write at all are answered from the cache.
func TestCacheExact(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, db *dbtest.DB) {
		{
			ctx := context.Background()
			st := db.Open(t)
			generate(t, st, 1)
			const planID = 1
			c := figcache.New(st, 0)
			// check reads the dashboard through the cache, says how it was
			// served (hit: as kept; recount: reports recounted; miss:
			// computed in full) and compares it with a full recomputation.
			check := func(what, want string) {
				t.Helper()
				h, r, m := c.Hits.Load(), c.Recounts.Load(), c.Misses.Load()
				got, err := c.Dashboard(ctx, planID, 0, today)
				if err != nil {
					t.Fatalf("%s: %v", what, err)
				}
				served := map[bool]string{c.Hits.Load() > h: "hit", c.Recounts.Load() > r: "recount", c.Misses.Load() > m: "miss"}[true]
				if served != want {
					t.Errorf("%s: served by %q, want %q", what, served, want)
				}
				fresh, err := figcache.Compute(ctx, st, planID, 0, today)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got, fresh) {
					t.Errorf("%s: cached dashboard differs from a full recomputation:\ncached %+v\nfresh  %+v", what, got.Reports, fresh.Reports)
				}
			}
			check("first read", "miss")
			check("second read", "hit")

			reports, _, err := st.Reports(ctx, reporting.ReportFilter{PlanID: planID, Today: today, Limit: 5000})
			if err != nil {
				t.Fatal(err)
			}
			find := func(s reporting.State) *reporting.Report {
				for i := range reports {
					if r := &reports[i]; r.State == s && r.Period.Contains(today) {
						return r
					}
				}
				t.Fatalf("no %s report in the current quarter", s)
				return nil
			}
			coord, _, err := st.UserByName(ctx, "dieuphoi.hn")
			if err != nil {
				t.Fatal(err)
			}
			now := today.Add(3 * time.Hour)

			draft := find(reporting.StateDraft)
			head := headOf(t, st, draft.AgencyID)
			full, err := st.Report(ctx, draft.ID)
			if err != nil {
				t.Fatal(err)
			}
			e := full.Entries[0]
			e.Result, e.Status, e.Percent = "Đang triển khai, đã hoàn thành khảo sát.", "in_progress", 40
			if err := st.SaveEntry(ctx, reporting.Actor{User: head, Now: now}, draft.ID, &e); err != nil {
				t.Fatal(err)
			}
			check("draft entry saved", "hit")

			full, _ = st.Report(ctx, draft.ID)
			for _, e := range full.Entries {
				if e.Status == "" {
					e.Status, e.Percent = "in_progress", 10
					if err := st.SaveEntry(ctx, reporting.Actor{User: head, Now: now}, draft.ID, &e); err != nil {
						t.Fatal(err)
					}
				}
			}
			check("draft entries completed", "hit")
			full, _ = st.Report(ctx, draft.ID)
			if _, err := st.SubmitReport(ctx, reporting.Actor{User: head, Now: now}, draft.ID, full.Version); err != nil {
				t.Fatal(err)
			}
			check("report submitted", "recount")
			full, _ = st.Report(ctx, draft.ID)
			if _, err := st.AcceptReport(ctx, reporting.Actor{User: coord, Now: now}, draft.ID, full.Version); err != nil {
				t.Fatal(err)
			}
			check("report accepted (task claims change)", "miss")

			sub := find(reporting.StateSubmitted)
			if _, err := st.ReturnReport(ctx, reporting.Actor{User: coord, Now: now}, sub.ID, "Bổ sung minh chứng.", sub.Version); err != nil {
				t.Fatal(err)
			}
			check("report returned", "recount")

			task, err := st.Task(ctx, full.Entries[0].TaskID)
			if err != nil {
				t.Fatal(err)
			}
			task.Deadline.Due = today.AddDate(0, 0, -3)
			if err := st.UpdateTask(ctx, 0, task); err != nil {
				t.Fatal(err)
			}
			check("task deadline changed", "miss")
			deadline := "năm 2030"
			if err := st.AmendPlan(ctx, 0, &plan.Amendment{PlanID: planID, Number: "9/QĐ-UBND", Effective: today}, nil, nil,
				plan.TaskEdit{TaskID: task.ID, DeadlineText: &deadline}); err != nil {
				t.Fatal(err)
			}
			check("task changed by an amendment (a version kept)", "miss")

			ag, err := st.Agency(ctx, task.LeadAgencyID)
			if err != nil {
				t.Fatal(err)
			}
			ag.Name += " (đổi tên)"
			if err := st.UpdateAgency(ctx, 0, ag); err != nil {
				t.Fatal(err)
			}
			check("agency renamed", "miss")
			if err := st.CreateAgency(ctx, 0, &agency.Agency{Name: "Ủy ban nhân dân xã Mới Lập", Kind: agency.KindCommune}); err != nil {
				t.Fatal(err)
			}
			check("agency added", "miss")

			fs, err := st.FigureSettings(ctx, planID)
			if err != nil {
				t.Fatal(err)
			}
			fs.Green, fs.Amber = 150, 120
			if _, err := st.SaveFigureSettings(ctx, 0, planID, *fs, fs.Version); err != nil {
				t.Fatal(err)
			}
			check("figure settings changed (indicator lights)", "miss")
			check("nothing changed", "hit")
		}
	})
}

// TestNationalIsSumOfPlans checks the national rollup against each plan's
// own dashboard, computed afresh: every line equals the plan's dashboard,
// and the totals are the sums of the lines.
func TestNationalIsSumOfPlans(t *testing.T) {
	ctx := context.Background()
	st := dbtest.SQLite(t).Open(t)
	generate(t, st, 3)
	c := figcache.New(st, 0)
	lines, total, skipped, err := c.National(ctx, today)
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != 3 || skipped != 0 {
		t.Fatalf("%d lines, %d skipped; want 3 plans", len(lines), skipped)
	}
	var sum reporting.Figures
	tasks, overdue := 0, 0
	for _, l := range lines {
		d, err := figcache.Compute(ctx, st, l.Plan.ID, 0, today)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(l.Status, d.Status) || l.Reports != d.Reports || l.Overdue != len(d.Overdue) ||
			l.Warned != len(d.EarlyWarning) || l.Period.ID != d.Period.ID {
			t.Errorf("plan %d: line %+v differs from its dashboard", l.Plan.ID, l.NationalRow)
		}
		sum.Add(d.Reports)
		tasks += d.Status.Total()
		overdue += len(d.Overdue)
	}
	if total.Reports != sum || total.Status.Total() != tasks || total.Overdue != overdue {
		t.Errorf("totals %+v, %d tasks, %d overdue; want the sums %+v, %d, %d",
			total.Reports, total.Status.Total(), total.Overdue, sum, tasks, overdue)
	}
	if tasks != 450 {
		t.Errorf("%d tasks in the rollup, want the 450 generated", tasks)
	}
	// In Vietnamese order "Hà Nội" comes before "Huế" (a byte order would not).
	want := []string{"Ủy ban nhân dân thành phố Hà Nội", "Ủy ban nhân dân thành phố Huế", "Ủy ban nhân dân tỉnh Lai Châu"}
	if got := []string{lines[0].Plan.Issuer, lines[1].Plan.Issuer, lines[2].Plan.Issuer}; !reflect.DeepEqual(got, want) {
		t.Errorf("lines in order %q, want %q", got, want)
	}
}

func headOf(t *testing.T, st *store.Store, agencyID int64) *auth.User {
	t.Helper()
	users, err := st.Users(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for i := range users {
		if users[i].AgencyID == agencyID && users[i].Role == auth.RoleHead {
			return &users[i]
		}
	}
	t.Fatalf("no head for agency %d", agencyID)
	return nil
}
