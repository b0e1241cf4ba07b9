package demo_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tiendo/internal/app"
	"tiendo/internal/demo"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
	"tiendo/internal/store"
	"tiendo/internal/vntext"
)

// TestLoadReports: the demo's two past quarters hold reports in every state,
// written through the real flow, all marked as sample data.
func TestLoadReports(t *testing.T) {
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	res, err := demo.Load(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	today := plan.Date(2026, 11, 25)
	sample, err := demo.LoadReports(ctx, s, res.PlanID, today)
	if err != nil {
		t.Fatal(err)
	}
	if len(sample.Periods) != 2 || sample.Periods[0] != "Quý II/2026" || sample.Periods[1] != "Quý III/2026" {
		t.Errorf("periods %q, want Quý II/2026 and Quý III/2026", sample.Periods)
	}
	for _, st := range reporting.States {
		if sample.ByState[st] == 0 {
			t.Errorf("no sample report in state %s (%v)", st, sample.ByState)
		}
	}
	if sample.Late == 0 {
		t.Error("no late submission among the samples")
	}
	list, _, err := s.Reports(ctx, reporting.ReportFilter{PlanID: res.PlanID, Today: today})
	if err != nil {
		t.Fatal(err)
	}
	counted := 0
	for _, r := range list {
		for _, p := range sample.Periods {
			if r.Period.Label == p {
				counted++
				if !r.Sample {
					t.Errorf("report %d (%s) is not marked as sample data", r.ID, p)
				}
			}
		}
	}
	total := 0
	for _, n := range sample.ByState {
		total += n
	}
	if counted != total {
		t.Errorf("%d reports in the sample periods, LoadReports counted %d", counted, total)
	}
}

// TestReminderObligations: the store's reminder source over the demo data —
// on 25/11/2026 the Q3 reports (due 10/9/2026) are still chased unless
// received; the Q4 reports (due 10/12) are not yet within the 7-day window,
// and on 5/12/2026 they are.
func TestReminderObligations(t *testing.T) {
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	res, err := demo.Load(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := demo.LoadReports(ctx, s, res.PlanID, plan.Date(2026, 11, 25)); err != nil {
		t.Fatal(err)
	}
	src := app.New(app.Config{Store: s}).ReminderSource(nil)
	count := func(day time.Time) (due map[string]int, open int) {
		obs, err := src.Obligations(ctx, day)
		if err != nil {
			t.Fatal(err)
		}
		due = map[string]int{}
		for _, o := range obs {
			due[vntext.FormatDate(o.Due)]++
			if !o.Done {
				open++
			}
			if o.AgencyName == "" || o.Rules == nil || !strings.HasPrefix(o.Key, "report:") {
				t.Errorf("incomplete obligation %+v", o)
			}
		}
		return due, open
	}
	due, open := count(plan.Date(2026, 11, 25))
	if due["10/09/2026"] == 0 || due["10/12/2026"] != 0 || open == 0 {
		t.Errorf("on 25/11/2026: obligations by due day %v, %d open; want Q3 only, some open", due, open)
	}
	due, _ = count(plan.Date(2026, 12, 5))
	if due["10/12/2026"] == 0 {
		t.Errorf("on 5/12/2026: obligations by due day %v; want the Q4 reports", due)
	}

	// The source gives way before each active plan it reads, and stops
	// when giving way fails (the job's context ended).
	turns := 0
	paced := app.New(app.Config{Store: s}).ReminderSource(func(ctx context.Context) error { turns++; return ctx.Err() })
	obs, err := paced.Obligations(ctx, plan.Date(2026, 12, 5))
	if err != nil || len(obs) == 0 || turns != 1 {
		t.Errorf("paced: %d obligations (%v), %d turns; want the same obligations and one turn for the demo's one plan", len(obs), err, turns)
	}
	stop := app.New(app.Config{Store: s}).ReminderSource(func(context.Context) error { return context.Canceled })
	if obs, err := stop.Obligations(ctx, plan.Date(2026, 12, 5)); !errors.Is(err, context.Canceled) || len(obs) != 0 {
		t.Errorf("refused: %d obligations, %v; want none and context.Canceled", len(obs), err)
	}
}

// TestLoadReportsHistory: periods before the two recent ones hold accepted
// sample reports only, and the demo head's agency has its latest report
// returned, so that the head's first page shows the correction flow.
func TestLoadReportsHistory(t *testing.T) {
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	res, err := demo.Load(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	today := plan.Date(2026, 11, 25)
	if _, err := demo.LoadReports(ctx, s, res.PlanID, today); err != nil {
		t.Fatal(err)
	}
	head, _, err := s.UserByName(ctx, "lanhdao.sotc")
	if err != nil {
		t.Fatal(err)
	}
	list, _, err := s.Reports(ctx, reporting.ReportFilter{PlanID: res.PlanID, Today: today, Limit: reporting.MaxReportLimit})
	if err != nil {
		t.Fatal(err)
	}
	older := 0
	for _, r := range list {
		switch {
		case r.Period.Due.Before(plan.Date(2026, 4, 1)):
			older++
			if r.State != reporting.StateAccepted || !r.Sample {
				t.Errorf("report %d of %s: state %s, sample %v; want accepted sample data", r.ID, r.Period.Label, r.State, r.Sample)
			}
		case r.Period.Label == "Quý III/2026" && r.AgencyID == head.AgencyID:
			if r.State != reporting.StateReturned || r.ReturnReason == "" {
				t.Errorf("the demo head's Quý III/2026 report: %s (%q), want returned with a reason", r.State, r.ReturnReason)
			}
		}
	}
	if older == 0 {
		t.Error("no sample history before Quý II/2026")
	}
}
