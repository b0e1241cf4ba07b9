// Package chart draws the dashboards' charts on the server. Each bar is a
// row of HTML — its label and total are text, so they keep the page's type
// size on a phone and wrap instead of shrinking — around a small inline SVG
// holding only the coloured segments, stretched to the row's width. The SVG
// is hidden from assistive technology (its links are mouse shortcuts, out
// of the tab order): every chart stands beside a data table holding the
// same numbers with the same links, and each row also says its segments in
// words. The Content-Security-Policy allows no inline style and no script,
// so positions are SVG attributes and colours are classes from the
// application's stylesheet. The plan dashboard (internal/web) and the
// public dashboard (internal/opendata) draw with it, so both look alike.
package chart

import (
	_ "embed"
	"strconv"
	"strings"

	"tiendo/internal/figures"
	"tiendo/internal/plan"
	"tiendo/internal/vntext"
)

// Template defines the template "chart", which writes a *Chart as a
// figure: its caption, an ordered list of bars labelled by the caption,
// and its legend. Nothing when the chart has no bars.
//
//go:embed chart.html
var Template string

// units is the width of every bar's SVG, in user units; the SVG is
// stretched to the row (preserveAspectRatio="none").
const units = 1000

// Chart is one horizontal bar chart, stacked or not.
type Chart struct {
	ID     string // for aria-labelledby
	Title  string
	Bars   []Bar
	Legend []Legend
}

// Bar is one row of a chart.
type Bar struct {
	Label  string
	Total  string
	Spoken string // the segments in words, for screen readers: "Quá hạn: 3; Chưa triển khai: 2"
	Segs   []Seg
}

// Seg is one coloured part of a bar, linking to the tasks behind it.
type Seg struct {
	X, W  float64 // in units
	Class string
	Title string // tooltip: "Quá hạn: 3"
	Href  string
}

// Legend names one colour.
type Legend struct {
	Class string
	Label string
}

// StatusClass is the class of a status's colour in charts: red overdue,
// orange due soon, green done on time, grey paused or cancelled.
func StatusClass(s plan.Status) string { return "seg seg-" + string(s) }

// StackRow is one row of a stacked status chart.
type StackRow struct {
	Label  string
	Counts figures.Counts
	Href   func(plan.Status) string // the drill-down of one status in this row
}

// Stacked draws rows of status counts as stacked bars, scaled to the
// largest total.
func Stacked(id, title string, rows []StackRow) *Chart {
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
			seg := Seg{X: round2(x), W: round2(w), Class: StatusClass(s), Title: s.Label() + ": " + vntext.FormatInt(n)}
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
			c.Legend = append(c.Legend, Legend{Class: StatusClass(s), Label: s.Label()})
		}
	}
	return c
}

// ValueRow is one row of a simple bar chart.
type ValueRow struct {
	Label string
	Value float64 // the bar's length, in the chart's unit
	Text  string  // the value as shown after the bar
	Class string  // "seg seg-green" …
	Href  string
}

// Values draws one bar per row, scaled to max(largest value, floor)
// (floor 100 for percentages, so that 100 % fills the width).
func Values(id, title string, rows []ValueRow, floor float64) *Chart {
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
			b.Segs = []Seg{{W: round2(w), Class: r.Class, Title: r.Label + ": " + r.Text, Href: r.Href}}
		}
		b.Total = r.Text
	}
	return c
}

func newChart(id, title string, rows int) *Chart {
	return &Chart{ID: id, Title: title, Bars: make([]Bar, 0, rows)}
}

// bar adds row i's bar and returns it. Labels wrap on the page; only
// very long ones (a task group's whole sentence) are cut.
func (c *Chart) bar(i int, label string) *Bar {
	c.Bars = append(c.Bars, Bar{Label: shorten(label, 90)})
	return &c.Bars[i]
}

// barScale is how many units one counted thing takes.
func barScale(top float64) float64 {
	if top <= 0 {
		return 0
	}
	return units / top
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

// LightClass is the chart and badge class of an indicator's traffic light.
func LightClass(l figures.Light) string {
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

// LightLabel names a traffic light in Vietnamese.
func LightLabel(l figures.Light) string {
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

// BadgeClass is the CSS class of a status badge: red overdue, orange due
// soon, green done on time — the colours leaders already read.
func BadgeClass(s plan.Status) string {
	switch s {
	case plan.StatusOverdue:
		return "badge badge-red"
	case plan.StatusDueSoon:
		return "badge badge-orange"
	case plan.StatusDoneOnTime:
		return "badge badge-green"
	case plan.StatusDoneLate:
		return "badge badge-olive"
	case plan.StatusInProgress:
		return "badge badge-blue"
	}
	return "badge badge-grey"
}
