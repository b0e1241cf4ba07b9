package figures

import (
	"reflect"
	"testing"

	"tiendo/internal/agency"
	"tiendo/internal/indicator"
	"tiendo/internal/reporting"
)

// Agencies of the rollup tree:
//
//	1 UBND tỉnh                  value 10 (given at the root itself)
//	├── 10 Sở A                  value 4  (given at a parent itself)
//	│   ├── 100 TT A1            value 6 in revision 1, 8 in revision 2 → 8
//	│   └── 101 TT A2            no value this period (99 in the period before)
//	├── 20 Sở B                  no value
//	│   └── 200 TT B1            value 2
//	└── 30 Sở C                  no value
//	    └── 300 TT C1            no value
const (
	rtTinh, rtSoA, rtTTA1, rtTTA2 = 1, 10, 100, 101
	rtSoB, rtTTB1, rtSoC, rtTTC1  = 20, 200, 30, 300
	rtQ2, rtQ3                    = 7, 8
	rtInd                         = 501
)

// rollupFacts is the tree above; submissions of the accepted revisions
// (the acceptance order latest uses): Tỉnh 5/9, Sở A 8/9, TT A1 rev 2 3/9,
// TT B1 9/9.
func rollupFacts() *Facts {
	ag := func(id, parent int64, name string, k agency.Kind) agency.Agency {
		return agency.Agency{ID: id, ParentID: parent, Name: name, Kind: k}
	}
	rep := func(ag int64, rev int, day int) Report {
		return Report{PeriodID: rtQ3, AgencyID: ag, Revision: rev, State: reporting.StateAccepted, OnTime: true,
			SubmittedAt: at(2025, 9, day)}
	}
	val := func(ind, period, ag int64, rev int, v float64) Value {
		return Value{IndicatorID: ind, PeriodID: period, AgencyID: ag, Revision: rev, Value: v}
	}
	return &Facts{
		Agencies: []agency.Agency{
			ag(rtTinh, 0, "UBND tỉnh", agency.KindProvince),
			ag(rtSoA, rtTinh, "Sở A", agency.KindDepartment), ag(rtTTA1, rtSoA, "TT A1", agency.KindUnit),
			ag(rtTTA2, rtSoA, "TT A2", agency.KindUnit),
			ag(rtSoB, rtTinh, "Sở B", agency.KindDepartment), ag(rtTTB1, rtSoB, "TT B1", agency.KindUnit),
			ag(rtSoC, rtTinh, "Sở C", agency.KindDepartment), ag(rtTTC1, rtSoC, "TT C1", agency.KindUnit),
		},
		Periods: []reporting.Period{
			{ID: rtQ2, Year: 2025, No: 2, Start: d(2025, 4, 1), End: d(2025, 6, 30)},
			{ID: rtQ3, Year: 2025, No: 3, Start: d(2025, 7, 1), End: d(2025, 9, 30)},
		},
		Reports: []Report{rep(rtTinh, 1, 5), rep(rtSoA, 1, 8), rep(rtTTA1, 1, 1), rep(rtTTA1, 2, 3), rep(rtTTB1, 1, 9)},
		Values: []Value{
			val(rtInd, rtQ3, rtTinh, 1, 10), val(rtInd, rtQ3, rtSoA, 1, 4),
			val(rtInd, rtQ3, rtTTA1, 1, 6), val(rtInd, rtQ3, rtTTA1, 2, 8),
			val(rtInd, rtQ3, rtTTB1, 1, 2),
			val(rtInd, rtQ2, rtTTA2, 1, 99),  // another period
			val(rtInd+1, rtQ3, rtSoC, 1, 50), // another indicator
		},
	}
}

func TestRollup(t *testing.T) {
	for _, c := range []struct {
		name string
		rule indicator.Aggregation
		edit func(*Facts)
		want map[int64]float64
	}{
		// TT A1 8 (revision 2); Sở A 4 + 8 = 12; TT B1 2; Sở B 2; Tỉnh 10 + 4 + 8 + 2 = 24.
		// TT A2, Sở C and TT C1 gave nothing below them: absent, not 0.
		{"sum", indicator.Sum, nil,
			map[int64]float64{rtTTA1: 8, rtSoA: 12, rtTTB1: 2, rtSoB: 2, rtTinh: 24}},
		// Sở A (4 + 8) ÷ 2 = 6; Tỉnh (10 + 4 + 8 + 2) ÷ 4 = 6 — not ÷ 8 agencies: no value is skipped.
		{"average", indicator.Average, nil,
			map[int64]float64{rtTTA1: 8, rtSoA: 6, rtTTB1: 2, rtSoB: 2, rtTinh: 6}},
		// Ratio is the mean of the ratios: the same as average.
		{"ratio", indicator.Ratio, nil,
			map[int64]float64{rtTTA1: 8, rtSoA: 6, rtTTB1: 2, rtSoB: 2, rtTinh: 6}},
		// Sở A: its own 4 (8/9) after TT A1's 8 (3/9); Tỉnh: TT B1's 2 (9/9) is the last of all.
		{"latest", indicator.Latest, nil,
			map[int64]float64{rtTTA1: 8, rtSoA: 4, rtTTB1: 2, rtSoB: 2, rtTinh: 2}},
		// TT B1 submitted 8/9 like Sở A: the tie goes to the lowest agency ID, Sở A (10) → 4.
		{"latest tie", indicator.Latest, func(f *Facts) { f.Reports[4].SubmittedAt = at(2025, 9, 8) },
			map[int64]float64{rtTTA1: 8, rtSoA: 4, rtTTB1: 2, rtSoB: 2, rtTinh: 4}},
		// No report for TT B1 (zero submission): it comes before every submitted one; Tỉnh: Sở A's 4 (8/9).
		{"latest without report", indicator.Latest, func(f *Facts) { f.Reports = f.Reports[:4] },
			map[int64]float64{rtTTA1: 8, rtSoA: 4, rtTTB1: 2, rtSoB: 2, rtTinh: 4}},
		// A value from an agency not in the list counts for itself only.
		{"unknown agency", indicator.Sum, func(f *Facts) {
			f.Values = append(f.Values, Value{IndicatorID: rtInd, PeriodID: rtQ3, AgencyID: 999, Revision: 1, Value: 7})
		}, map[int64]float64{rtTTA1: 8, rtSoA: 12, rtTTB1: 2, rtSoB: 2, rtTinh: 24, 999: 7}},
		// TT A1 merged into TT B1 (SuccessorID): TT B1's series continues TT A1's,
		// 2 + 8 = 10, and so Sở B's, 10; Sở A keeps its history, 12; Tỉnh counts
		// TT A1's 8 once though two paths lead to it: 24.
		{"merged into another", indicator.Sum, func(f *Facts) { f.Agencies[2].SuccessorID = rtTTB1 },
			map[int64]float64{rtTTA1: 8, rtSoA: 12, rtTTB1: 10, rtSoB: 10, rtTinh: 24}},
		// Average over the successor's subtree: TT B1 (2 + 8) ÷ 2 = 5.
		{"merged, average", indicator.Average, func(f *Facts) { f.Agencies[2].SuccessorID = rtTTB1 },
			map[int64]float64{rtTTA1: 8, rtSoA: 6, rtTTB1: 5, rtSoB: 5, rtTinh: 6}},
		// A chain: TT B1 then merged into TT C1 (which gave nothing itself).
		{"merged twice", indicator.Sum, func(f *Facts) { f.Agencies[2].SuccessorID = rtTTB1; f.Agencies[5].SuccessorID = rtTTC1 },
			map[int64]float64{rtTTA1: 8, rtSoA: 12, rtTTB1: 10, rtSoB: 10, rtTTC1: 10, rtSoC: 10, rtTinh: 24}},
		// A ParentID cycle (Tỉnh under TT A1) ends the walk: each value counts once at each agency of the loop.
		{"cycle", indicator.Sum, func(f *Facts) { f.Agencies[0].ParentID = rtTTA1 },
			map[int64]float64{rtTTA1: 24, rtSoA: 24, rtTTB1: 2, rtSoB: 2, rtTinh: 24}},
	} {
		f := rollupFacts()
		if c.edit != nil {
			c.edit(f)
		}
		got := Rollup(f, indicator.Indicator{ID: rtInd, Aggregation: c.rule}, rtQ3)
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s:\n got %v\nwant %v", c.name, got, c.want)
		}
	}
	if got := Rollup(rollupFacts(), indicator.Indicator{ID: rtInd, Aggregation: indicator.Sum}, 12345); got != nil {
		t.Errorf("no value in the period: got %v, want nil", got)
	}
}

func TestRollupOrderPeriodEnd(t *testing.T) {
	o := newRollupOrder(rollupFacts())
	q2 := Value{PeriodID: rtQ2, AgencyID: rtTTA2, Revision: 1}
	q3 := Value{PeriodID: rtQ3, AgencyID: rtTTA1, Revision: 1} // submitted 1/9, long after Q2
	if !o.later(q3, q2) || o.later(q2, q3) {
		t.Error("a later period end must come first")
	}
}
