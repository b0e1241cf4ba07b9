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
	"tiendo/internal/store/dbtest"
)

// TestNationalIsSumOfPlans checks the national rollup of three generated
// provinces against each plan's own dashboard, computed afresh: every line
// equals the plan's dashboard, the totals are the sums of the lines, and the lines
// are in Vietnamese order of the issuer.
func TestNationalIsSumOfPlans(t *testing.T) {
	ctx := context.Background()
	st := dbtest.SQLite(t).Open(t)
	today := time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)
	if _, err := gen.Run(ctx, st, gen.Config{Provinces: 3, Agencies: 90, Tasks: 450, Quarters: 6, Seed: 7,
		Today: today, Password: "Mật-khẩu-thử-nghiệm-42"}); err != nil {
		t.Fatal(err)
	}
	a := app.New(app.Config{Store: st, Clock: clock.Fixed(today.Add(10 * time.Hour))})
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
