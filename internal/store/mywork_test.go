package store

import (
	"context"
	"testing"
	"time"

	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// myWorkScenario plays two quarters of the sample plan (today 20/9/2025):
//
//	            Quý II/2025 (due 10/6)           Quý III/2025 (due 10/9)
//	khcn        sent 12/6 (late), accepted       sent 1/9 (on time), accepted
//	tc          sent 5/6 (on time), waiting      draft
//	xa          sent 8/6, returned 9/6           sent 15/9 (late), waiting
func myWorkScenario(t *testing.T, s *Store) *repFix {
	ctx := context.Background()
	f := newRepFix(t, s)
	d := plan.Date
	coord := func(day int, month time.Month) reporting.Actor { return f.at("coord", d(2025, month, day)) }

	k2 := f.submitFull(t, f.q2, "khcn", d(2025, 6, 12))
	_, err := s.AcceptReport(ctx, coord(13, 6), k2.ID, 0)
	must(t, err)
	f.submitFull(t, f.q2, "tc", d(2025, 6, 5))
	x2 := f.submitFull(t, f.q2, "xa", d(2025, 6, 8))
	_, err = s.ReturnReport(ctx, coord(9, 6), x2.ID, "Thiếu phần đóng góp nhiệm vụ đầu tư hạ tầng", 0)
	must(t, err)

	k3 := f.submitFull(t, f.q3, "khcn", d(2025, 9, 1))
	_, err = s.AcceptReport(ctx, f.at("coord", d(2025, 9, 2)), k3.ID, 0)
	must(t, err)
	t3 := f.report(t, f.q3, "tc")
	e := t3.Entries[0]
	e.Status = plan.ClaimInProgress
	must(t, s.SaveEntry(ctx, f.at("officer:tc", d(2025, 9, 3)), t3.ID, &e))
	f.submitFull(t, f.q3, "xa", d(2025, 9, 15))
	return f
}

// coordinatorWork builds the coordinator's "my work" from the facts read
// here, as the app does; false when the period cannot be chosen.
func coordinatorWork(t testing.TB, s *Store, planID, periodID int64, today time.Time) (*reporting.CoordinatorWork, bool) {
	t.Helper()
	f, err := s.CoordinatorWorkFacts(context.Background(), planID, today)
	must(t, err)
	return reporting.NewCoordinatorWork(f, periodID, today)
}

// agencyWork builds an agency's "my work" from the facts read here, as the
// app does.
func agencyWork(t testing.TB, s *Store, agencyID int64, today time.Time) *reporting.AgencyWork {
	t.Helper()
	f, err := s.AgencyWorkFacts(context.Background(), agencyID, today, today.AddDate(0, 0, plan.DefaultDueSoonDays))
	must(t, err)
	return reporting.NewAgencyWork(f, today, plan.DefaultDueSoonDays)
}

func TestCoordinatorWork(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		f := myWorkScenario(t, s)
		today := plan.Date(2025, 9, 20)
		w, ok := coordinatorWork(t, s, f.d.Plan.ID, 0, today)
		if !ok || w.Period.ID != f.q3.ID || w.PlanCode != "99/KH-UBND" {
			t.Fatalf("period %s", w.Period.Label)
		}
		F := func(e, r, on, late, miss, acc int) reporting.Figures {
			return reporting.Figures{Expected: e, Received: r, OnTime: on, Late: late, Missing: miss, Accepted: acc}
		}
		if w.Totals != F(3, 2, 1, 1, 1, 1) || w.ToDate != F(6, 4, 2, 2, 2, 2) {
			t.Errorf("totals %+v, to date %+v", w.Totals, w.ToDate)
		}
		if c, r := w.Totals.Completeness(), w.Totals.OnTimeRate(); c < 0.666 || c > 0.667 || r < 0.333 || r > 0.334 {
			t.Errorf("completeness %.3f, on time %.3f", c, r)
		}
		want := []struct {
			ag             string
			period, toDate reporting.Figures
		}{
			{"khcn", F(1, 1, 1, 0, 0, 1), F(2, 2, 1, 1, 0, 2)},
			{"tc", F(1, 0, 0, 0, 1, 0), F(2, 1, 1, 0, 1, 0)},
			{"xa", F(1, 1, 0, 1, 0, 0), F(2, 1, 0, 1, 1, 0)},
		}
		if len(w.Agencies) != len(want) {
			t.Fatalf("%d agencies", len(w.Agencies))
		}
		for i, c := range want {
			a := w.Agencies[i]
			if a.AgencyID != f.ag[c.ag] || a.Period != c.period || a.ToDate != c.toDate || a.AgencyName == "" {
				t.Errorf("%s: %+v", c.ag, a)
			}
		}
		if len(w.Missing) != 1 || w.Missing[0].AgencyID != f.ag["tc"] || w.Missing[0].State != reporting.StateDraft || w.Missing[0].DaysToDue != -10 {
			t.Errorf("missing %+v", w.Missing)
		}
		if len(w.Waiting) != 1 || w.Waiting[0].AgencyID != f.ag["xa"] || w.Waiting[0].OnTime || w.Waiting[0].AgencyName != "UBND xã An Xuyên" {
			t.Errorf("waiting %+v", w.Waiting)
		}

		// Quarter II on its own.
		w, _ = coordinatorWork(t, s, f.d.Plan.ID, f.q2.ID, today)
		if w.Totals != F(3, 2, 1, 1, 1, 1) || w.ToDate != w.Totals {
			t.Errorf("Q2 totals %+v, to date %+v", w.Totals, w.ToDate)
		}
		if len(w.Missing) != 1 || w.Missing[0].AgencyID != f.ag["xa"] || w.Missing[0].State != reporting.StateReturned {
			t.Errorf("Q2 missing %+v", w.Missing)
		}
		if len(w.Waiting) != 1 || w.Waiting[0].AgencyID != f.ag["tc"] || !w.Waiting[0].OnTime {
			t.Errorf("Q2 waiting %+v", w.Waiting)
		}
		if _, ok := coordinatorWork(t, s, f.d.Plan.ID, 99999, today); ok {
			t.Error("an unknown period was chosen")
		}
		_, err := s.CoordinatorWorkFacts(context.Background(), 99999, today)
		wantErr(t, err, ErrNotFound)
	})
}

func TestAgencyWork(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		f := myWorkScenario(t, s)
		today := plan.Date(2025, 9, 20)

		w := agencyWork(t, s, f.ag["tc"], today)
		if len(w.Due) != 1 || w.Due[0].Period.ID != f.q3.ID || w.Due[0].State != reporting.StateDraft || w.Due[0].DaysToDue != -10 ||
			!w.Due[0].Late() || w.Due[0].PlanCode != "99/KH-UBND" {
			t.Errorf("tc due %+v", w.Due)
		}
		if len(w.Waiting) != 1 || w.Waiting[0].Period.ID != f.q2.ID || !w.Waiting[0].OnTime || len(w.Returned) != 0 {
			t.Errorf("tc waiting %+v returned %+v", w.Waiting, w.Returned)
		}
		// Task 0 (tc cooperates): due 30/6/2025, open → 82 days overdue.
		if len(w.Tasks) != 1 || w.Tasks[0].TaskID != f.task(0) || w.Tasks[0].Status != plan.StatusOverdue ||
			w.Tasks[0].OverdueDays != 82 || w.Tasks[0].Lead {
			t.Errorf("tc tasks %+v", w.Tasks)
		}

		w = agencyWork(t, s, f.ag["xa"], today)
		if len(w.Returned) != 1 || w.Returned[0].ReturnReason == "" || w.Returned[0].Period.ID != f.q2.ID ||
			len(w.Waiting) != 1 || len(w.Due) != 0 || len(w.Tasks) != 0 {
			t.Errorf("xa %+v", w)
		}

		w = agencyWork(t, s, f.ag["khcn"], today)
		if len(w.Due)+len(w.Returned)+len(w.Waiting) != 0 || len(w.Tasks) != 1 || !w.Tasks[0].Lead {
			t.Errorf("khcn %+v", w)
		}
		// Due soon: task 1 (tc leads, due 31/12/2025) on 28/12.
		w = agencyWork(t, s, f.ag["tc"], plan.Date(2025, 12, 28))
		var soon int
		for _, a := range w.Tasks {
			if a.TaskID == f.task(1) && a.Status == plan.StatusDueSoon && a.DaysToDue == 3 && a.Lead {
				soon++
			}
		}
		if soon != 1 {
			t.Errorf("tc on 28/12: %+v", w.Tasks)
		}
		// On 28/12 quarter IV is due (10/12) and nobody sent it.
		if len(w.Due) != 2 {
			t.Errorf("tc due on 28/12: %+v", w.Due)
		}
	})
}
