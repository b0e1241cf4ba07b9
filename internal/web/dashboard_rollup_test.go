package web

import (
	"testing"

	"tiendo/internal/agency"
	"tiendo/internal/figures"
	"tiendo/internal/plan"
)

// TestDashViewRollup: the dashboard lists an indicator's rolled-up values
// (figures.Rollup) by agency name in Vietnamese order, numbers written the
// Vietnamese way, and skips agencies it does not know.
func TestDashViewRollup(t *testing.T) {
	x := &dashFigures{
		Plan: &plan.Plan{ID: 1},
		Agencies: []agency.Agency{
			{ID: 1, Name: "Ủy ban nhân dân tỉnh", ShortName: "UBND tỉnh"},
			{ID: 2, Name: "Sở Y tế"},
			{ID: 3, Name: "Sở Công Thương"},
		},
		Dashboard: &figures.Dashboard{Indicators: []figures.IndicatorFigure{{
			Rollup: map[int64]float64{1: 1234.5, 2: 6, 3: 4, 99: 7},
		}}},
		Settings: &figures.Settings{},
	}
	v := newDashView(x)
	if len(v.Indicators) != 1 {
		t.Fatalf("%d indicator rows", len(v.Indicators))
	}
	var got []string
	for _, r := range v.Indicators[0].Rolled {
		got = append(got, r.Agency+" "+r.Text)
	}
	want := []string{"Sở Công Thương 4", "Sở Y tế 6", "UBND tỉnh 1.234,5"}
	if len(got) != len(want) {
		t.Fatalf("rolled %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("rolled %q, want %q", got, want)
			break
		}
	}
}
