package api

import (
	"maps"
	"reflect"
	"slices"
	"testing"
)

// TestOpenAPIDashboardSchemas checks that the dashboard schemas' properties
// are exactly the JSON fields of the types dashboard_view.go encodes.
func TestOpenAPIDashboardSchemas(t *testing.T) {
	s := schemas()
	dash := s["Dashboard"].(obj)["properties"].(obj)
	for name, c := range map[string]struct {
		props obj
		v     any
	}{
		"Dashboard":             {dash, dashboardJSON{}},
		"NationalDashboard":     {s["NationalDashboard"].(obj)["properties"].(obj), nationalJSON{}},
		"NationalDashboardPlan": {s["NationalDashboardPlan"].(obj)["properties"].(obj), nationalPlanJSON{}},
		"completeness":          {dash["completeness"].(obj)["properties"].(obj), completenessJSON{}},
		"DashboardGroup":        {s["DashboardGroup"].(obj)["properties"].(obj), groupJSON{}},
		"DashboardAgency":       {s["DashboardAgency"].(obj)["properties"].(obj), agencyRowJSON{}},
		"DashboardIndicator":    {s["DashboardIndicator"].(obj)["properties"].(obj), indicatorFigureJSON{}},
		"DashboardTrend":        {s["DashboardTrend"].(obj)["properties"].(obj), trendJSON{}},
		"DashboardOverdue":      {s["DashboardOverdue"].(obj)["properties"].(obj), overdueJSON{}},
		"DashboardWarning":      {s["DashboardWarning"].(obj)["properties"].(obj), warningJSON{}},
	} {
		props := slices.Sorted(maps.Keys(c.props))
		fields := slices.Sorted(slices.Values(jsonFields(reflect.TypeOf(c.v))))
		if !slices.Equal(props, fields) {
			t.Errorf("schema %s has %v, Go type has %v", name, props, fields)
		}
	}
}
