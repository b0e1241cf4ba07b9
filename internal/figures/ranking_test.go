package figures

import (
	"errors"
	"testing"

	"tiendo/internal/plan"
)

// rate is a component's rate for messages, -1 when it does not apply.
func rate(c Component) float64 {
	if c.Rate == nil {
		return -1
	}
	return *c.Rate
}

// TestRanking works the fixture by hand for 2025 as of 20/8/2025.
//
// Tasks whose original deadline falls in 2025 and has passed: T3 (B, 30/6,
// not done), T4 (B, 31/5, done 20/5), T5 (C, 30/6, done 5/7 — late); A's
// T1 and T2 are not due yet, T9 is cancelled. So B 1/2, C 0/1, A none.
// Reports of periods due by 20/8: Quý II only; A's first revision on
// time, B's late, C's missing: A 1/1, B 0/1, C 0/1 (D is not expected).
// Indicators: CT03 (B's, target 50) has 55 in Quý II → 110 %, capped
// 100: B 100/100; CT01 and CT02 have no responsible agency, CT04 no
// 2025 target.
// Scores (50/30/20): A 30·1 / 30 = 100; B (50·0,5 + 30·0 + 20·1) / 100 =
// 45; C 0.
func TestRanking(t *testing.T) {
	got := Ranking(fixture(), 2025, d(2025, 8, 20), DefaultWeights)
	want := []struct {
		rank           int
		id             int64
		onTime, timely [2]float64
		ind            [2]float64
		score          float64
	}{
		{1, agA, [2]float64{0, 0}, [2]float64{1, 1}, [2]float64{0, 0}, 100},
		{2, agB, [2]float64{1, 2}, [2]float64{0, 1}, [2]float64{100, 100}, 45},
		{3, agC, [2]float64{0, 1}, [2]float64{0, 1}, [2]float64{0, 0}, 0},
	}
	if len(got) != len(want) {
		t.Fatalf("%d rows, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.Rank != w.rank || g.AgencyID != w.id || g.Score != w.score ||
			g.OnTime.Num != w.onTime[0] || g.OnTime.Den != w.onTime[1] ||
			g.Timeliness.Num != w.timely[0] || g.Timeliness.Den != w.timely[1] ||
			g.Indicators.Num != w.ind[0] || g.Indicators.Den != w.ind[1] {
			t.Errorf("row %d: %+v (on time %v, timely %v, ind %v), want %+v", i, g, rate(g.OnTime),
				rate(g.Timeliness), rate(g.Indicators), w)
		}
	}
	if got[0].OnTime.Rate != nil || got[0].Indicators.Rate != nil {
		t.Error("A: components without a denominator must not apply")
	}
}

// TestRankingOriginalDeadline: an extension does not move the yardstick.
// T4 (B) was due 15/5 originally, extended to 31/5, done 20/5: late
// against the original, so B has 0/2; T3 extended to 31/12 still counts
// (its original 30/6 has passed).
func TestRankingOriginalDeadline(t *testing.T) {
	f := fixture()
	for i := range f.Tasks {
		switch f.Tasks[i].ID {
		case 4:
			f.Tasks[i].OriginalDeadline = plan.Deadline{Kind: plan.DeadlineDate, Due: d(2025, 5, 15)}
		case 3:
			f.Tasks[i].OriginalDeadline = f.Tasks[i].Deadline
			f.Tasks[i].Deadline.Due = d(2025, 12, 31)
		}
	}
	for _, r := range Ranking(f, 2025, d(2025, 8, 20), DefaultWeights) {
		if r.AgencyID == agB && (r.OnTime.Num != 0 || r.OnTime.Den != 2 || r.Score != 20) {
			t.Errorf("B: on time %v/%v, score %v; want 0/2, (0+0+20)/100 = 20", r.OnTime.Num, r.OnTime.Den, r.Score)
		}
	}
}

// TestRankingWeights: with timeliness alone, B and C tie at 0 and share
// rank 2, in the agencies' list order.
func TestRankingWeights(t *testing.T) {
	got := Ranking(fixture(), 2025, d(2025, 8, 20), Weights{Timeliness: 100})
	if got[0].AgencyID != agA || got[0].Score != 100 || got[1].AgencyID != agB || got[1].Rank != 2 ||
		got[2].AgencyID != agC || got[2].Rank != 2 {
		t.Errorf("%+v", got)
	}
	for _, w := range []Weights{{50, 30, 10}, {-10, 60, 50}, {}} {
		if !errors.Is(w.Validate(), ErrWeights) {
			t.Errorf("%+v accepted", w)
		}
	}
	if err := (Weights{33.3, 33.3, 33.4}).Validate(); err != nil {
		t.Error(err)
	}
}
