package figcache_test

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"tiendo/internal/agency"
	"tiendo/internal/auth"
	"tiendo/internal/figcache"
	"tiendo/internal/figures"
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
				fs, err := st.FigureSettings(ctx, planID)
				if err != nil {
					t.Fatal(err)
				}
				o := fs.Options(figures.Options{AsOf: today})
				got, err := c.Dashboard(ctx, planID, o)
				if err != nil {
					t.Fatalf("%s: %v", what, err)
				}
				served := map[bool]string{c.Hits.Load() > h: "hit", c.Recounts.Load() > r: "recount", c.Misses.Load() > m: "miss"}[true]
				if served != want {
					t.Errorf("%s: served by %q, want %q", what, served, want)
				}
				_, fresh, err := figcache.Compute(ctx, st, planID, o)
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
			edit := plan.TaskEdit{TaskID: task.ID, TaskChange: plan.TaskChange{DeadlineText: &deadline}}
			edit.Apply(task) // the task as the amendment leaves it
			if err := st.AmendPlan(ctx, 0, &plan.Amendment{PlanID: planID, Number: "9/QĐ-UBND", Effective: today}, nil, nil,
				*task); err != nil {
				t.Fatal(err)
			}
			check("task changed by an amendment (a version kept)", "miss")

			p, err := st.Plan(ctx, planID)
			if err != nil {
				t.Fatal(err)
			}
			p.IssuedOn = p.IssuedOn.AddDate(0, -2, 0)
			if err := st.UpdatePlan(ctx, 0, p); err != nil {
				t.Fatal(err)
			}
			check("plan's issue date changed (early warnings count from it)", "miss")
			p.Title += " (sửa tên)"
			if err := st.UpdatePlan(ctx, 0, p); err != nil {
				t.Fatal(err)
			}
			check("plan's title changed (no figure reads it)", "hit")

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

// TestOptionsInKey: the options are part of what is kept, so figures
// asked with other thresholds, another lag, period or day are computed
// for them, and asked again are kept.
func TestOptionsInKey(t *testing.T) {
	ctx := context.Background()
	st := dbtest.SQLite(t).Open(t)
	generate(t, st, 1)
	const planID = 1
	c := figcache.New(st, 0)
	base := figures.DefaultSettings.Options(figures.Options{AsOf: today})
	strict := base
	strict.Lights = figures.Thresholds{Green: 150, Amber: 120}
	early := base
	early.LagPoints = 5
	yesterday := base
	yesterday.AsOf = today.AddDate(0, 0, -1)
	for _, x := range []struct {
		what string
		o    figures.Options
		hit  bool
	}{
		{"defaults", base, false}, {"defaults again", base, true},
		{"stricter lights", strict, false}, {"stricter lights again", strict, true},
		{"an earlier warning", early, false}, {"the day before", yesterday, false},
		{"defaults once more", base, true},
	} {
		hits := c.Hits.Load()
		got, err := c.Dashboard(ctx, planID, x.o)
		if err != nil {
			t.Fatal(err)
		}
		if hit := c.Hits.Load() > hits; hit != x.hit {
			t.Errorf("%s: served from the cache %v, want %v", x.what, hit, x.hit)
		}
		_, fresh, err := figcache.Compute(ctx, st, planID, x.o)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, fresh) {
			t.Errorf("%s: cached dashboard differs from a full recomputation", x.what)
		}
	}
}

// TestDashboards: the dashboards of many plans asked at once are each
// plan's own, computed afresh; a plan that does not exist gets its error
// beside the others' figures.
func TestDashboards(t *testing.T) {
	ctx := context.Background()
	st := dbtest.SQLite(t).Open(t)
	generate(t, st, 3)
	c := figcache.New(st, 0)
	var asks []figcache.Ask
	for _, id := range []int64{1, 2, 3, 999} {
		asks = append(asks, figcache.Ask{PlanID: id, Options: figures.Options{AsOf: today}})
	}
	for round := range 2 { // computed, then kept
		ds, errs, err := c.Dashboards(ctx, asks)
		if err != nil {
			t.Fatal(err)
		}
		for i, ask := range asks[:3] {
			if errs[i] != nil {
				t.Fatalf("plan %d: %v", ask.PlanID, errs[i])
			}
			_, fresh, err := figcache.Compute(ctx, st, ask.PlanID, ask.Options)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(ds[i], fresh) {
				t.Errorf("round %d, plan %d: dashboard differs from its own, computed afresh", round, ask.PlanID)
			}
		}
		if !errors.Is(errs[3], store.ErrNotFound) || ds[3] != nil {
			t.Errorf("round %d, plan 999: %v, %v; want not found", round, ds[3], errs[3])
		}
	}
	// The three plans computed once and kept; the error is not kept.
	if c.Misses.Load() != 5 || c.Hits.Load() != 3 {
		t.Errorf("%d computed, %d kept; want 5 and 3", c.Misses.Load(), c.Hits.Load())
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
