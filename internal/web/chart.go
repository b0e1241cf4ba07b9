package web

import (
	"strconv"
	"strings"

	"tiendo/internal/figures"
	"tiendo/internal/plan"
	"tiendo/internal/vntext"
)

// Charts are drawn on the server: each bar is a row of HTML — its label
// and total are text, so they keep the page's type size on a phone, and
// wrap instead of shrinking — around a small inline SVG holding only the
// coloured segments, stretched to the row's width. The SVG is hidden from
// assistive technology (its links are mouse shortcuts, out of the tab
// order): every chart stands beside a data table holding the same numbers
// with the same links, and each row also says its segments in words. The
// CSP allows no inline style and no script, so positions are SVG
// attributes and colours are classes from app.css.

// chartUnits is the width of every bar's SVG, in user units; the SVG is
// stretched to the row (preserveAspectRatio="none").
const chartUnits = 1000

// chart is one horizontal bar chart, stacked or not.
type chart struct {
	ID     string // for aria-labelledby
	Title  string
	Bars   []chartBar
	Legend []chartLegend
}

// chartBar is one row of a chart.
type chartBar struct {
	Label  string
	Total  string
	Spoken string // the segments in words, for screen readers: "Quá hạn: 3; Chưa triển khai: 2"
	Segs   []chartSeg
}

// chartSeg is one coloured part of a bar, linking to the tasks behind it.
type chartSeg struct {
	X, W  float64 // in chartUnits
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
		x := 0.0
		var spoken []string
		for _, s := range plan.Statuses {
			n := r.Counts[s]
			if n == 0 {
				continue
			}
			used[s] = true
			w := float64(n) * scale
			seg := chartSeg{X: round2(x), W: round2(w), Class: statusSegClass(s), Title: s.Label() + ": " + vntext.FormatInt(n)}
			spoken = append(spoken, seg.Title)
			if r.Href != nil {
				seg.Href = r.Href(s)
			}
			b.Segs = append(b.Segs, seg)
			x += w
		}
		b.Total, b.Spoken = vntext.FormatInt(r.Counts.Total()), strings.Join(spoken, "; ")
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
			b.Segs = []chartSeg{{W: round2(w), Class: r.Class, Title: r.Label + ": " + r.Text, Href: r.Href}}
		}
		b.Total = r.Text
	}
	return c
}

func newChart(id, title string, rows int) *chart {
	return &chart{ID: id, Title: title, Bars: make([]chartBar, 0, rows)}
}

// bar adds row i's bar and returns it. Labels wrap on the page; only
// very long ones (a task group's whole sentence) are cut.
func (c *chart) bar(i int, label string) *chartBar {
	c.Bars = append(c.Bars, chartBar{Label: shorten(label, 90)})
	return &c.Bars[i]
}

// barScale is how many units one counted thing takes.
func barScale(top float64) float64 {
	if top <= 0 {
		return 0
	}
	return chartUnits / top
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
