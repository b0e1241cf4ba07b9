package figures

import (
	"reflect"
	"testing"

	"tiendo/internal/indicator"
	"tiendo/internal/plan"
)

// ptr returns a pointer to v, for expected values.
func ptr(v float64) *float64 { return &v }

func TestIndicators(t *testing.T) {
	for _, c := range []struct {
		name   string
		lights Thresholds
		want   []IndicatorFigure
	}{
		{"default lights", Thresholds{}, []IndicatorFigure{
			// Sum, latest period Q3: A's revision 2 (120, not 90) + C 40 = 160; 160 ÷ 200 = 80 % → amber (≥ 80).
			{ID: 201, Code: "CT01", Direction: indicator.Increase, Year: 2025, Target: ptr(200), Actual: ptr(160),
				ActualPeriodID: q3, Achieved: ptr(80), Rollup: map[int64]float64{agA: 120, agC: 40}, Light: LightAmber},
			// Decrease, average of Q3: (12 + 14) ÷ 2 = 13; 10 ÷ 13 = 76.92 % → 76.9 → red (< 80).
			{ID: 202, Code: "CT02", Direction: indicator.Decrease, Year: 2025, Target: ptr(10), Actual: ptr(13),
				ActualPeriodID: q3, Achieved: ptr(76.9), Rollup: map[int64]float64{agA: 12, agB: 14}, Light: LightRed},
			// Latest: no Q3 value, Q4 is after the period shown: Q2's 55; 55 ÷ 50 = 110 % → green.
			{ID: 203, Code: "CT03", Direction: indicator.Increase, Year: 2025, Target: ptr(50), Actual: ptr(55),
				ActualPeriodID: q2, Achieved: ptr(110), Rollup: map[int64]float64{agB: 55}, Light: LightGreen},
			// No 2025 target: nothing to judge.
			{ID: 204, Code: "CT04", Direction: indicator.Increase, Year: 2025, Actual: ptr(5), ActualPeriodID: q3, Rollup: map[int64]float64{agA: 5},
				Light: LightNone},
		}},
		{"green from 75, amber from 50", Thresholds{Green: 75, Amber: 50}, []IndicatorFigure{
			{ID: 201, Code: "CT01", Direction: indicator.Increase, Year: 2025, Target: ptr(200), Actual: ptr(160),
				ActualPeriodID: q3, Achieved: ptr(80), Rollup: map[int64]float64{agA: 120, agC: 40}, Light: LightGreen}, // 80 ≥ 75
			{ID: 202, Code: "CT02", Direction: indicator.Decrease, Year: 2025, Target: ptr(10), Actual: ptr(13),
				ActualPeriodID: q3, Achieved: ptr(76.9), Rollup: map[int64]float64{agA: 12, agB: 14}, Light: LightGreen}, // 76.9 ≥ 75
			{ID: 203, Code: "CT03", Direction: indicator.Increase, Year: 2025, Target: ptr(50), Actual: ptr(55),
				ActualPeriodID: q2, Achieved: ptr(110), Rollup: map[int64]float64{agB: 55}, Light: LightGreen},
			{ID: 204, Code: "CT04", Direction: indicator.Increase, Year: 2025, Actual: ptr(5), ActualPeriodID: q3, Rollup: map[int64]float64{agA: 5},
				Light: LightNone},
		}},
	} {
		got := compute(t, Options{AsOf: d(2025, 8, 20), Lights: c.lights}).Indicators
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", c.name, got, c.want)
		}
	}
}

func TestAchieved(t *testing.T) {
	for _, c := range []struct {
		name           string
		dir            indicator.Direction
		actual, target *float64
		want           *float64
	}{
		{"increase over", indicator.Increase, ptr(120), ptr(100), ptr(120)},      // 120 ÷ 100
		{"increase third", indicator.Increase, ptr(1), ptr(3), ptr(33.3)},        // 1 ÷ 3 = 33.33 %
		{"decrease under target", indicator.Decrease, ptr(8), ptr(10), ptr(125)}, // 10 ÷ 8
		{"decrease over target", indicator.Decrease, ptr(20), ptr(10), ptr(50)},  // 10 ÷ 20
		{"decrease to zero", indicator.Decrease, ptr(0), ptr(10), ptr(100)},      // nothing left to shrink
		{"zero target", indicator.Increase, ptr(5), ptr(0), nil},
		{"no value", indicator.Increase, nil, ptr(10), nil},
		{"no target", indicator.Increase, ptr(5), nil, nil},
	} {
		got := achieved(c.dir, c.actual, c.target)
		if (got == nil) != (c.want == nil) || got != nil && *got != *c.want {
			t.Errorf("%s: %v, want %v", c.name, deref(got), deref(c.want))
		}
	}
}

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

func TestLights(t *testing.T) {
	l := Thresholds{}.orDefault()
	for pct, want := range map[float64]Light{100: LightGreen, 99.9: LightAmber, 80: LightAmber, 79.9: LightRed, 0: LightRed} {
		if got := l.light(ptr(pct)); got != want {
			t.Errorf("%.1f %%: %s, want %s", pct, got, want)
		}
	}
	if got := l.light(nil); got != LightNone {
		t.Errorf("no value: %s", got)
	}
}

func TestTrend(t *testing.T) {
	got := compute(t, Options{AsOf: d(2025, 8, 20)})
	if len(got.Trend) != 2 {
		t.Fatalf("%d points, want Q2 and Q3 (Q4 not started)", len(got.Trend))
	}
	// Q2, judged on 30/6 with the claims accepted up to Q2:
	// T1 claim in progress (due 30/9 > 30/6+7) → in progress; T2 nothing, due 25/8 → not started;
	// T3 due 30/6, not after 30/6 → due soon; T4 claim completed 20/5 ≤ 31/5 → on time;
	// T5 stored completion 5/7 is after 30/6 so not yet, due 30/6 → due soon; T6 Q2 claim in progress;
	// T7 not started; T8 paused; T9 cancelled; T10 due 31/12 → not started.
	q2Want := counts(map[plan.Status]int{plan.StatusDoneOnTime: 1, plan.StatusInProgress: 2, plan.StatusDueSoon: 2,
		plan.StatusNotStarted: 3, plan.StatusPaused: 1, plan.StatusCancelled: 1})
	if p := got.Trend[0]; p.Period.ID != q2 || p.Day != d(2025, 6, 30) || !reflect.DeepEqual(p.Status, q2Want) {
		t.Errorf("Q2 point %v on %v: %v, want %v", p.Period.ID, p.Day, p.Status, q2Want)
	}
	// Q3 is the period shown: its point is the status counts on the as-of day.
	if p := got.Trend[1]; p.Period.ID != q3 || p.Day != d(2025, 8, 20) || !reflect.DeepEqual(p.Status, got.Status) {
		t.Errorf("Q3 point %v on %v: %v, want %v", p.Period.ID, p.Day, p.Status, got.Status)
	}
	// A later accepted claim does not rewrite Q2: T2 completed in Q3 still counts as not started at Q2.
	f := fixture()
	f.Claims = append(f.Claims, Claim{PeriodID: q3, TaskID: 2, Revision: 1,
		PeriodClaim: plan.PeriodClaim{Claim: plan.ClaimCompleted, Percent: 100, CompletedOn: d(2025, 7, 20)}})
	f.Tasks[1].Claim, f.Tasks[1].CompletedOn, f.Tasks[1].Progress = plan.ClaimCompleted, d(2025, 7, 20), 100
	again, err := Compute(f, Options{AsOf: d(2025, 8, 20)})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(again.Trend[0].Status, q2Want) {
		t.Errorf("Q2 after a Q3 claim: %v, want %v", again.Trend[0].Status, q2Want)
	}
	if n := again.Trend[1].Status[plan.StatusDoneOnTime]; n != 2 { // T4 and now T2 (20/7 ≤ 25/8)
		t.Errorf("Q3 done on time %d, want 2", n)
	}
}

func TestEarlyWarning(t *testing.T) {
	t2 := Warning{TaskID: 2, Title: "T2", SectionLabel: "III.1", LeadAgencyID: agA, Start: d(2025, 4, 1),
		// 1/4 → 20/8 = 141 days of 1/4 → 25/8 = 146: 96.58 % → 96.6; progress 0: lag 96.6.
		Due: d(2025, 8, 25), Elapsed: 96.6, Progress: 0, Lag: 96.6}
	t10 := Warning{TaskID: 10, Title: "T10", SectionLabel: "III", LeadAgencyID: agC,
		// Starts 15/7, so from its first period, Q3 (1/7): 1/7 → 20/8 = 50 days of 1/7 → 31/12 = 183: 27.32 % → 27.3.
		Start: d(2025, 7, 1), Due: d(2025, 12, 31), Elapsed: 27.3, Progress: 0, Lag: 27.3}
	// Not warned: T1 (1/4 → 20/8 = 141 of 1/4 → 30/9 = 182 days: 77.5 % − 60 % = 17.5 ≤ 25); T3 overdue;
	// T4, T5 done; T6 continuous; T7 no deadline; T8 paused; T9 cancelled.
	for _, c := range []struct {
		name string
		lag  float64
		want []Warning
	}{
		{"default 25 points", 0, []Warning{t2, t10}}, // largest lag first
		{"30 points", 30, []Warning{t2}},             // 27.3 ≤ 30
		{"15 points", 15, []Warning{t2, t10, {TaskID: 1, Title: "T1", SectionLabel: "III.1", LeadAgencyID: agA,
			Start: d(2025, 4, 1), Due: d(2025, 9, 30), Elapsed: 77.5, Progress: 60, Lag: 17.5}}},
	} {
		got := compute(t, Options{AsOf: d(2025, 8, 20), LagPoints: c.lag}).EarlyWarning
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", c.name, got, c.want)
		}
	}
}
