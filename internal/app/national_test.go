package app_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"tiendo/internal/app"
	"tiendo/internal/auth"
	"tiendo/internal/clock"
	"tiendo/internal/gen"
	"tiendo/internal/reporting"
	"tiendo/internal/store"
	"tiendo/internal/store/dbtest"
)

// nationalApp is an app over provinces generated provinces (30 agencies
// and 150 tasks each, six quarters of reports), its clock on today.
func nationalApp(t *testing.T, provinces int) (*store.Store, *app.App, time.Time) {
	t.Helper()
	st := dbtest.SQLite(t).Open(t)
	today := time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)
	if _, err := gen.Run(context.Background(), st, gen.Config{Provinces: provinces, Agencies: 30 * provinces,
		Tasks: 150 * provinces, Quarters: 6, Seed: 7, Today: today, Password: "Mật-khẩu-thử-nghiệm-42"}); err != nil {
		t.Fatal(err)
	}
	return st, app.New(app.Config{Store: st, Clock: clock.Fixed(today.Add(10 * time.Hour))}), today
}

// TestNationalIsSumOfPlans checks the national rollup of three generated
// provinces against each plan's own dashboard, computed afresh: every line
// equals the plan's dashboard, the totals are the sums of the lines, and the lines
// are in Vietnamese order of the issuer.
func TestNationalIsSumOfPlans(t *testing.T) {
	ctx := context.Background()
	_, a, today := nationalApp(t, 3)
	leader := &auth.User{Role: auth.RoleLeader}
	n, err := a.NationalFigures(ctx, leader, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(n.Lines) != 3 || n.WithoutPeriod != 0 || !n.AsOf.Equal(today) {
		t.Fatalf("%d lines, %d without period, as of %v; want 3 plans today", len(n.Lines), n.WithoutPeriod, n.AsOf)
	}
	var sum reporting.Figures
	tasks, overdue := 0, 0
	for _, l := range n.Lines {
		pf, err := a.PlanFigures(ctx, leader, l.Plan.ID, 0, today)
		if err != nil {
			t.Fatal(err)
		}
		d := pf.Dashboard
		if !reflect.DeepEqual(l.Status, d.Status) || l.Reports != d.Reports || l.Overdue != len(d.Overdue) ||
			l.Warned != len(d.EarlyWarning) || l.Period.ID != d.Period.ID {
			t.Errorf("plan %d: line %+v differs from its dashboard", l.Plan.ID, l.NationalRow)
		}
		sum.Add(d.Reports)
		tasks += d.Status.Total()
		overdue += len(d.Overdue)
	}
	if n.Total.Reports != sum || n.Total.Status.Total() != tasks || n.Total.Overdue != overdue {
		t.Errorf("totals %+v, %d tasks, %d overdue; want the sums %+v, %d, %d",
			n.Total.Reports, n.Total.Status.Total(), n.Total.Overdue, sum, tasks, overdue)
	}
	if tasks != 450 {
		t.Errorf("%d tasks in the rollup, want the 450 generated", tasks)
	}
	// In Vietnamese order "Hà Nội" comes before "Huế" (a byte order would not).
	want := []string{"Ủy ban nhân dân thành phố Hà Nội", "Ủy ban nhân dân thành phố Huế", "Ủy ban nhân dân tỉnh Lai Châu"}
	if got := []string{n.Lines[0].Plan.Issuer, n.Lines[1].Plan.Issuer, n.Lines[2].Plan.Issuer}; !reflect.DeepEqual(got, want) {
		t.Errorf("lines in order %q, want %q", got, want)
	}
}

// TestNationalAnswerKept: asked again with nothing changed, the national
// rollup is the answer given before; a report sent, a plan's new title
// and another day each give a new answer that shows the change, and every
// answer is the sum of the plans' dashboards then.
func TestNationalAnswerKept(t *testing.T) {
	ctx := context.Background()
	st, a, today := nationalApp(t, 2)
	leader := &auth.User{Role: auth.RoleLeader}
	read := func(asOf time.Time) *app.NationalFigures {
		t.Helper()
		n, err := a.NationalFigures(ctx, leader, asOf)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range n.Lines {
			pf, err := a.PlanFigures(ctx, leader, l.Plan.ID, 0, n.AsOf)
			if err != nil {
				t.Fatal(err)
			}
			if want := pf.Dashboard.Line(); !reflect.DeepEqual(l.NationalRow, want.NationalRow) {
				t.Errorf("plan %d: line %+v, its dashboard's %+v", l.Plan.ID, l.NationalRow, want.NationalRow)
			}
		}
		return n
	}
	first := read(time.Time{})
	if again := read(time.Time{}); again != first {
		t.Errorf("asked again with nothing changed: a new answer")
	}

	// A report of plan 1's current quarter sent.
	draft := dbtest.SendDraft(t, st, 1, today, today.Add(3*time.Hour))
	sent := read(time.Time{})
	if sent == first || sent.Total.Reports.Received != first.Total.Reports.Received+1 {
		t.Errorf("after a report sent: received %d, before %d", sent.Total.Reports.Received, first.Total.Reports.Received)
	}

	p, err := st.Plan(ctx, draft.PlanID)
	if err != nil {
		t.Fatal(err)
	}
	p.Title += " (sửa tên)"
	if err := st.UpdatePlan(ctx, 0, p); err != nil {
		t.Fatal(err)
	}
	renamed := read(time.Time{})
	titled := false
	for _, l := range renamed.Lines {
		titled = titled || l.Plan.ID == p.ID && l.Plan.Title == p.Title
	}
	if renamed == sent || !titled {
		t.Errorf("after a plan's new title: the plan's line does not show it")
	}
	if before := read(today.AddDate(0, 0, -60)); before == renamed || !before.AsOf.Equal(today.AddDate(0, 0, -60)) {
		t.Errorf("another day: as of %v", before.AsOf)
	}
}
