package store

import (
	"context"
	"reflect"
	"testing"

	"tiendo/internal/indicator"
)

func TestIndicators(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		ag := seedAgencies(t, s)
		d := seedPlan(t, s, ag)
		base := 45.5
		inds := []indicator.Indicator{
			{PlanID: d.Plan.ID, Code: "CT02", Name: "Tỷ lệ hồ sơ xử lý trực tuyến toàn trình", Unit: "%",
				Direction: indicator.Increase, Aggregation: indicator.Average, Baseline: &base, BaselineYr: 2024,
				Targets: map[int]float64{2025: 60, 2026: 70.5, 2030: 90}, AgencyID: ag["khcn"]},
			{PlanID: d.Plan.ID, Code: "CT01", Name: "Số tổ công nghệ số cộng đồng", Unit: "tổ",
				Direction: indicator.Increase, Aggregation: indicator.Sum, Targets: map[int]float64{}},
		}
		for i := range inds {
			must(t, s.CreateIndicator(ctx, 0, &inds[i]))
			if inds[i].ID == 0 {
				t.Fatal("no ID")
			}
		}
		got, err := s.Indicators(ctx, d.Plan.ID)
		must(t, err)
		if want := []indicator.Indicator{inds[1], inds[0]}; !reflect.DeepEqual(got, want) {
			t.Errorf("Indicators\n got %+v\nwant %+v", got, want)
		}
		dup := indicator.Indicator{PlanID: d.Plan.ID, Code: "CT01", Name: "Trùng"}
		wantErr(t, s.CreateIndicator(ctx, 0, &dup), ErrDuplicate)
		orphan := indicator.Indicator{PlanID: 9999, Code: "CT01", Name: "Không có kế hoạch"}
		wantErr(t, s.CreateIndicator(ctx, 0, &orphan), ErrReference)
		none, err := s.Indicators(ctx, 9999)
		must(t, err)
		if len(none) != 0 {
			t.Errorf("indicators of a missing plan: %v", none)
		}
	})
}
