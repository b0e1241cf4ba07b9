package web

import (
	"tiendo/internal/chart"
	"tiendo/internal/figures"
	"tiendo/internal/plan"
)

// The dashboards' charts are drawn by internal/chart, which the public
// dashboard (/open) shares; these names keep the pages' code as it reads.
type (
	stackRow = chart.StackRow
	valueRow = chart.ValueRow
)

// statusSegClass is the class of a status's colour in charts.
func statusSegClass(s plan.Status) string { return chart.StatusClass(s) }

// stackedChart draws rows of status counts as stacked bars.
func stackedChart(id, title string, rows []stackRow) *chart.Chart {
	return chart.Stacked(id, title, rows)
}

// valueChart draws one bar per row, scaled to max(largest value, floor).
func valueChart(id, title string, rows []valueRow, floor float64) *chart.Chart {
	return chart.Values(id, title, rows, floor)
}

// lightClass is the chart and badge class of an indicator's traffic light.
func lightClass(l figures.Light) string { return chart.LightClass(l) }

// lightLabel names a traffic light in Vietnamese.
func lightLabel(l figures.Light) string { return chart.LightLabel(l) }
