package web

import (
	"strconv"

	"tiendo/internal/figures"
	"tiendo/internal/plan"
	"tiendo/internal/vntext"
)

// Charts are drawn on the server as inline SVG: rectangles positioned by
// attributes and coloured by class from app.css (the CSP allows no inline
// style and no script). Every chart stands beside a data table holding the
// same numbers, which is what screen readers and the drill-down use.

// Chart geometry, in SVG user units (the viewBox scales it to the page).
const (
	chartWidth  = 640
	chartLabelW = 190 // room for the row labels on the left
	chartBarH   = 22
	chartGap    = 10
	chartRight  = 60 // room for the total after the bar
)

// chart is one horizontal bar chart, stacked or not.
type chart struct {
	ID     string // for aria-labelledby
	Title  string
	Width  int
	Height int
	Bars   []chartBar
	Legend []chartLegend
}

// chartBar is one row of a chart.
type chartBar struct {
	Label  string
	Y      int // top of the bar
	TextY  int // baseline of the label and total
	Total  string
	TotalX float64
	Segs   []chartSeg
}

// chartSeg is one coloured part of a bar, linking to the tasks behind it.
type chartSeg struct {
	X, W  float64
	Y     int
	Class string
	Title string // tooltip: "Quá hạn: 3"
	Href  string
}

// chartLegend names one colour.
type chartLegend struct {
	Class string
	Label string
}

// statusSegClass is the class of a status's colour in charts: red overdue,
// orange due soon, green done on time, grey paused or cancelled.
func statusSegClass(s plan.Status) string { return "seg seg-" + string(s) }

// stackRow is one row of a stacked status chart.
type stackRow struct {
	Label  string
	Counts figures.Counts
	Href   func(plan.Status) string // the drill-down of one status in this row
}

// stackedChart draws rows of status counts as stacked bars, scaled to the
// largest total.
func stackedChart(id, title string, rows []stackRow) *chart {
	c := newChart(id, title, len(rows))
	maxTotal := 0
	for _, r := range rows {
		maxTotal = max(maxTotal, r.Counts.Total())
	}
	scale := barScale(float64(maxTotal))
	used := map[plan.Status]bool{}
	for i, r := range rows {
		b := c.bar(i, r.Label)
		x := float64(chartLabelW)
		for _, s := range plan.Statuses {
			n := r.Counts[s]
			if n == 0 {
				continue
			}
			used[s] = true
			w := float64(n) * scale
			seg := chartSeg{X: round2(x), W: round2(w), Y: b.Y, Class: statusSegClass(s), Title: s.Label() + ": " + vntext.FormatInt(n)}
			if r.Href != nil {
				seg.Href = r.Href(s)
			}
			b.Segs = append(b.Segs, seg)
			x += w
		}
		b.Total, b.TotalX = vntext.FormatInt(r.Counts.Total()), round2(x+6)
	}
	for _, s := range plan.Statuses {
		if used[s] {
			c.Legend = append(c.Legend, chartLegend{Class: statusSegClass(s), Label: s.Label()})
		}
	}
	return c
}

// valueRow is one row of a simple bar chart.
type valueRow struct {
	Label string
	Value float64 // the bar's length, in the chart's unit
	Text  string  // the value as shown after the bar
	Class string  // "seg seg-green" …
	Href  string
}

// valueChart draws one bar per row, scaled to max(largest value, floor)
// (floor 100 for percentages, so that 100 % fills the width).
func valueChart(id, title string, rows []valueRow, floor float64) *chart {
	c := newChart(id, title, len(rows))
	top := floor
	for _, r := range rows {
		top = max(top, r.Value)
	}
	scale := barScale(top)
	for i, r := range rows {
		b := c.bar(i, r.Label)
		w := max(r.Value, 0) * scale
		if w > 0 {
			b.Segs = []chartSeg{{X: chartLabelW, Y: b.Y, W: round2(w), Class: r.Class, Title: r.Label + ": " + r.Text, Href: r.Href}}
		}
		b.Total, b.TotalX = r.Text, round2(chartLabelW+w+6)
	}
	return c
}

func newChart(id, title string, rows int) *chart {
	return &chart{ID: id, Title: title, Width: chartWidth, Height: max(1, rows)*(chartBarH+chartGap) + chartGap}
}

// bar adds row i's bar and returns it.
func (c *chart) bar(i int, label string) *chartBar {
	y := chartGap + i*(chartBarH+chartGap)
	c.Bars = append(c.Bars, chartBar{Label: shorten(label, 28), Y: y, TextY: y + chartBarH - 6})
	return &c.Bars[len(c.Bars)-1]
}

// barScale is how many units one counted thing takes.
func barScale(top float64) float64 {
	if top <= 0 {
		return 0
	}
	return float64(chartWidth-chartLabelW-chartRight) / top
}

func round2(x float64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', 2, 64), 64)
	return v
}

// shorten cuts a label to n runes with an ellipsis.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// lightClass is the chart and badge class of an indicator's traffic light.
func lightClass(l figures.Light) string {
	switch l {
	case figures.LightGreen:
		return "green"
	case figures.LightAmber:
		return "orange"
	case figures.LightRed:
		return "red"
	}
	return "grey"
}

// lightLabel names a traffic light in Vietnamese.
func lightLabel(l figures.Light) string {
	switch l {
	case figures.LightGreen:
		return "Đạt"
	case figures.LightAmber:
		return "Gần đạt"
	case figures.LightRed:
		return "Không đạt"
	}
	return "Chưa có số liệu"
}
