package app_test

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"tiendo/internal/app"
	"tiendo/internal/derrors"
	"tiendo/internal/figures"
	"tiendo/internal/plan"
)

// TestPlanDashboard: the dashboard read through the cache is the one
// computed with the facts; a plan or a period that is not there, and a
// person who is nobody, are refused with the kind that says so.
func TestPlanDashboard(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()

	d, err := f.app.PlanDashboard(ctx, f.officer, f.plan, 0, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	full, err := f.app.PlanFigures(ctx, f.officer, f.plan, 0, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(d, full.Dashboard) {
		t.Errorf("cached dashboard differs from the one computed with the facts")
	}
	if got := d.AsOf; !got.Equal(plan.Date(2025, 9, 1)) {
		t.Errorf("as of %v, want today (01/09/2025)", got)
	}
	if d.Status.Total() != 3 || d.Status[plan.StatusOverdue] != 1 {
		t.Errorf("status counts %v; want 3 tasks, 1 overdue", d.Status)
	}
	named, err := f.app.NamedPlanDashboard(ctx, f.leader, f.plan, 0, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(named.Figures, d) || named.Plan.ID != f.plan || len(named.Periods) != len(full.Facts.Periods) || len(named.Agencies) == 0 {
		t.Errorf("named dashboard: plan %d, %d periods, %d agencies; want the dashboard with the plan, its periods and agencies",
			named.Plan.ID, len(named.Periods), len(named.Agencies))
	}
	if again, err := f.app.PlanDashboard(ctx, f.officer, f.plan, 0, time.Time{}); err != nil || again != named.Figures {
		t.Errorf("a second read was not served from the cache (%v)", err)
	}

	// Another period on another day: computed for them.
	first := full.Facts.Periods[0]
	old, err := f.app.PlanDashboard(ctx, f.officer, f.plan, first.ID, first.End)
	if err != nil {
		t.Fatal(err)
	}
	if old.Period.ID != first.ID || !old.AsOf.Equal(first.End) {
		t.Errorf("period %d on %v; want %d on %v", old.Period.ID, old.AsOf, first.ID, first.End)
	}

	_, err = f.app.PlanDashboard(ctx, f.officer, f.plan+1000, 0, time.Time{})
	if !errors.Is(err, derrors.NotFound) || derrors.MessageOf(err) == "" {
		t.Errorf("unknown plan: %v, want NotFound naming it", err)
	}
	_, err = f.app.PlanDashboard(ctx, f.officer, f.plan, first.ID+1000, time.Time{})
	var pe *app.PeriodError
	if !errors.As(err, &pe) || !errors.Is(err, derrors.NotFound) || pe.PeriodID != first.ID+1000 {
		t.Errorf("period of no plan: %v, want a *PeriodError (NotFound)", err)
	}
	if _, err := f.app.PlanFigures(ctx, nil, f.plan, 0, time.Time{}); !errors.Is(err, derrors.Forbidden) {
		t.Errorf("nobody: %v, want Forbidden", err)
	}
}

// TestSaveFigureSettings: only editors save; the rules are checked beside
// each field; a stale version conflicts; and every figure is computed
// with the saved settings from then on, through the cache too.
func TestSaveFigureSettings(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	set := func(g, a, lag float64) figures.Settings {
		return figures.Settings{Thresholds: figures.Thresholds{Green: g, Amber: a}, WarningLag: lag}
	}
	before, err := f.app.PlanDashboard(ctx, f.leader, f.plan, 0, time.Time{})
	if err != nil {
		t.Fatal(err)
	}

	if _, err := f.app.SaveFigureSettings(ctx, f.head, f.plan, set(120, 90, 10), 0); !errors.Is(err, derrors.Forbidden) {
		t.Errorf("head saves: %v, want Forbidden", err)
	}
	_, err = f.app.SaveFigureSettings(ctx, f.coordinator, f.plan, set(80, 90, 150), 0)
	if fe := derrors.FieldsOf(err); !errors.Is(err, derrors.Invalid) || fe["green"] == "" || fe["lag"] == "" || fe["amber"] != "" {
		t.Errorf("green under amber, lag 150: %v; want Invalid beside green and lag", err)
	}
	if _, err := f.app.SaveFigureSettings(ctx, f.coordinator, f.plan+1000, set(120, 90, 10), 0); !errors.Is(err, derrors.NotFound) {
		t.Errorf("unknown plan: %v, want NotFound", err)
	}
	v, err := f.app.SaveFigureSettings(ctx, f.coordinator, f.plan, set(120, 90, 10), 0)
	if err != nil || v != 1 {
		t.Fatalf("save: version %d, %v", v, err)
	}
	if _, err := f.app.SaveFigureSettings(ctx, f.admin, f.plan, set(110, 90, 10), 0); !errors.Is(err, derrors.Conflict) {
		t.Errorf("stale version: %v, want Conflict", err)
	}
	s, err := f.app.PlanFigureSettings(ctx, f.leader, f.plan)
	if err != nil || s.Version != 1 || s.Green != 120 || s.WarningLag != 10 {
		t.Errorf("read back %+v, %v", s, err)
	}

	after, err := f.app.NamedPlanDashboard(ctx, f.leader, f.plan, 0, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if after.Figures == before || after.Settings.Version != 1 {
		t.Errorf("the cached dashboard was kept after the settings changed (settings version %d)", after.Settings.Version)
	}
	full, err := f.app.PlanFigures(ctx, f.leader, f.plan, 0, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	want, err := figures.Compute(full.Facts, s.Options(figures.Options{AsOf: full.Dashboard.AsOf}))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(after.Figures, want) || !reflect.DeepEqual(full.Dashboard, want) {
		t.Errorf("figures not computed with the saved settings")
	}
	// A 10-point lag warns of the task a quarter through its time with
	// nothing done; the default 25 did not.
	if len(after.Figures.EarlyWarning) <= len(before.EarlyWarning) {
		t.Errorf("%d early warnings with a 10-point lag, %d with 25: the lag was not used",
			len(after.Figures.EarlyWarning), len(before.EarlyWarning))
	}
}

// TestPlanRanking: the ranking uses the plan's weights; saving them is for
// editors, with the sum and the signs checked beside the fields.
func TestPlanRanking(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()

	rk, err := f.app.PlanRanking(ctx, f.officer, f.plan, 0)
	if err != nil {
		t.Fatal(err)
	}
	if rk.Year != 2025 || !rk.AsOf.Equal(plan.Date(2025, 9, 1)) || rk.Weights.Version != 0 || rk.Weights.Weights != figures.DefaultWeights {
		t.Errorf("ranking of this year: %d on %v with %+v", rk.Year, rk.AsOf, rk.Weights)
	}
	past, err := f.app.PlanRanking(ctx, f.officer, f.plan, 2024)
	if err != nil || !past.AsOf.Equal(plan.Date(2024, 12, 31)) {
		t.Errorf("ranking of 2024: %v, %v; want as of 31/12/2024", past, err)
	}
	if _, err := f.app.PlanRanking(ctx, f.officer, f.plan, 1990); derrors.FieldsOf(err)["year"] == "" {
		t.Errorf("year 1990: %v, want Invalid beside year", err)
	}
	if _, err := f.app.PlanRanking(ctx, f.officer, f.plan+1000, 0); !errors.Is(err, derrors.NotFound) {
		t.Errorf("unknown plan: %v, want NotFound", err)
	}

	w := figures.Weights{OnTime: 60, Timeliness: 30, Indicators: 10}
	if _, err := f.app.SaveRankingWeights(ctx, f.officer, f.plan, w, 0); !errors.Is(err, derrors.Forbidden) {
		t.Errorf("officer saves: %v, want Forbidden", err)
	}
	_, err = f.app.SaveRankingWeights(ctx, f.coordinator, f.plan, figures.Weights{OnTime: 60, Timeliness: 30, Indicators: 20}, 0)
	if fe := derrors.FieldsOf(err); !errors.Is(err, derrors.Invalid) || fe["sum"] == "" {
		t.Errorf("weights adding up to 110: %v, want Invalid under sum", err)
	}
	_, err = f.app.SaveRankingWeights(ctx, f.coordinator, f.plan, figures.Weights{OnTime: 120, Timeliness: -30, Indicators: 10}, 0)
	if fe := derrors.FieldsOf(err); fe["timeliness"] == "" || fe["sum"] != "" {
		t.Errorf("a negative weight: %v, want Invalid beside timeliness", err)
	}
	if v, err := f.app.SaveRankingWeights(ctx, f.coordinator, f.plan, w, 0); err != nil || v != 1 {
		t.Fatalf("save: version %d, %v", v, err)
	}
	if _, err := f.app.SaveRankingWeights(ctx, f.admin, f.plan, figures.DefaultWeights, 0); !errors.Is(err, derrors.Conflict) {
		t.Errorf("stale version: %v, want Conflict", err)
	}
	rk, err = f.app.PlanRanking(ctx, f.leader, f.plan, 2025)
	if err != nil || rk.Weights.Version != 1 || rk.Weights.Weights != w {
		t.Errorf("ranking after the save: %+v, %v; want the saved weights", rk.Weights, err)
	}
}

// TestAgencyFigures: an agency's head and officers read their own
// agency's figures only; the coordinator and leaders read every agency's.
func TestAgencyFigures(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()

	own, err := f.app.AgencyFigures(ctx, f.officer, f.plan, f.taichinh, 0, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if own.Agency.ID != f.taichinh || len(own.History) == 0 || !own.History[len(own.History)-1].Current {
		t.Errorf("own agency: %+v; want Sở Tài chính with its periods up to the current one", own.History)
	}
	for _, h := range own.History {
		d, err := own.InPeriod(h.Period.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range d.ByAgency {
			if g.AgencyID == f.taichinh && g.Reports != h.Reports {
				t.Errorf("%s: history %+v, the period's figures %+v", h.Period.Label, h.Reports, g.Reports)
			}
		}
	}
	if _, err := f.app.AgencyFigures(ctx, f.head, f.plan, f.noivu, 0, time.Time{}); !errors.Is(err, derrors.Forbidden) {
		t.Errorf("head of another agency: %v, want Forbidden", err)
	}
	if _, err := f.app.AgencyFigures(ctx, f.otherHead, f.plan, f.taichinh, 0, time.Time{}); !errors.Is(err, derrors.Forbidden) {
		t.Errorf("head of Sở Nội vụ reading Sở Tài chính: %v, want Forbidden", err)
	}
	x, err := f.app.AgencyFigures(ctx, f.coordinator, f.plan, f.noivu, 0, time.Time{})
	if err != nil || x.Agency.ID != f.noivu {
		t.Errorf("coordinator, an agency the plan does not name: %v, %v", x, err)
	}
	if _, err := f.app.AgencyFigures(ctx, f.leader, f.plan, 999999, 0, time.Time{}); !errors.Is(err, derrors.NotFound) {
		t.Errorf("unknown agency: %v, want NotFound", err)
	}
}

// TestNationalFigures: every active plan's line is its own dashboard,
// computed with its own settings; a closed plan is left out.
func TestNationalFigures(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	// A lag of 1 point warns of every task behind the time elapsed.
	if _, err := f.app.SaveFigureSettings(ctx, f.coordinator, f.plan,
		figures.Settings{Thresholds: figures.Thresholds{Green: 100, Amber: 80}, WarningLag: 1}, 0); err != nil {
		t.Fatal(err)
	}
	closed := &plan.Draft{Plan: plan.Plan{Code: "1/KH-UBND", Title: "Kế hoạch đã kết thúc", IssuedOn: plan.Date(2024, 1, 5),
		Issuer: "Ủy ban nhân dân tỉnh Cà Mau", Status: plan.PlanClosed}}
	if _, err := f.store.CreatePlan(ctx, 0, closed); err != nil {
		t.Fatal(err)
	}

	n, err := f.app.NationalFigures(ctx, f.leader, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	d, err := f.app.PlanDashboard(ctx, f.leader, f.plan, 0, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(n.Lines) != 1 || n.WithoutPeriod != 0 || n.Lines[0].Plan.ID != f.plan {
		t.Fatalf("lines %+v, %d without period; want the active plan only", n.Lines, n.WithoutPeriod)
	}
	l := n.Lines[0]
	if !reflect.DeepEqual(l.Status, d.Status) || l.Reports != d.Reports || l.Overdue != len(d.Overdue) ||
		l.Warned != len(d.EarlyWarning) || l.Period.ID != d.Period.ID {
		t.Errorf("line %+v differs from the plan's dashboard", l.NationalRow)
	}
	if l.Warned == 0 {
		t.Errorf("no early warning with a 1-point lag: the plan's settings were not used")
	}
	if n.Total.Status.Total() != d.Status.Total() || n.Total.Warned != l.Warned {
		t.Errorf("totals %+v; want the line's", n.Total)
	}
	if _, err := f.app.NationalFigures(ctx, nil, time.Time{}); !errors.Is(err, derrors.Forbidden) {
		t.Errorf("nobody: %v, want Forbidden", err)
	}
}

// TestPublishedFigures: open data publishes active plans, without a
// person, with the dashboard's figures; other plans are not there.
func TestPublishedFigures(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	pub, err := f.app.PublishedFigures(ctx, f.plan)
	if err != nil {
		t.Fatal(err)
	}
	d, err := f.app.PlanDashboard(ctx, f.leader, f.plan, 0, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(pub.Dashboard, d) {
		t.Errorf("published figures differ from the dashboard")
	}
	p, err := f.store.Plan(ctx, f.plan)
	if err != nil {
		t.Fatal(err)
	}
	p.Status = plan.PlanClosed
	if err := f.store.UpdatePlan(ctx, 0, p); err != nil {
		t.Fatal(err)
	}
	if _, err := f.app.PublishedFigures(ctx, f.plan); !errors.Is(err, derrors.NotFound) {
		t.Errorf("closed plan: %v, want NotFound", err)
	}
	all, err := f.app.PublishedPlans(ctx)
	if err != nil || len(all) != 0 {
		t.Errorf("published plans %d, %v; want none", len(all), err)
	}
}
