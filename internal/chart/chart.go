// Package chart draws the dashboards' charts on the server as inline SVG:
// rectangles positioned by attributes and coloured by class from the
// application's stylesheet (the Content-Security-Policy allows no inline
// style and no script). The plan dashboard (internal/web) and the public
// dashboard (internal/opendata) draw with it, so both look alike and
// neither needs a script. Every chart stands beside a table holding the same
// numbers, which is what screen readers and the drill-down use; Template
// writes a chart.
package chart

import (
	_ "embed"
	"strconv"

	"tiendo/internal/figures"
	"tiendo/internal/plan"
	"tiendo/internal/vntext"
)

// Template defines the template "chart", which writes a *Chart as a
// figure: its caption, the SVG (role img, labelled by the caption; a bar
// segment with an Href is a link) and its legend. Nothing when the chart
// has no bars.
//
//go:embed chart.html
var Template string

// Chart geometry, in SVG user units (the viewBox scales it to the page).
const (
	width      = 640
	labelWidth = 190 // room for the row labels on the left
	barHeight  = 22
	gap        = 10
	rightRoom  = 60 // room for the total after the bar
)

// Chart is one horizontal bar chart, stacked or not.
type Chart struct {
	ID     string // for aria-labelledby
	Title  string
	Width  int
	Height int
	Bars   []Bar
	Legend []Legend
	// Above: each row's label stands above its bar (LabelsAbove), which
	// the stylesheet may then set larger on a phone.
	Above bool
}

// Bar is one row of a chart.
type Bar struct {
	Label  string
	LabelY int // baseline of the label
	Y      int // top of the bar
	TextY  int // baseline of the total (and of the label beside the bar)
	Total  string
	TotalX float64
	Segs   []Seg
}

// Seg is one coloured part of a bar, linking to the tasks behind it.
type Seg struct {
	X, W  float64
	Y     int
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
		x := float64(labelWidth)
		for _, s := range plan.Statuses {
			n := r.Counts[s]
			if n == 0 {
				continue
			}
			used[s] = true
			w := float64(n) * scale
			seg := Seg{X: round2(x), W: round2(w), Y: b.Y, Class: StatusClass(s), Title: s.Label() + ": " + vntext.FormatInt(n)}
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
			b.Segs = []Seg{{X: labelWidth, Y: b.Y, W: round2(w), Class: r.Class, Title: r.Label + ": " + r.Text, Href: r.Href}}
		}
		b.Total, b.TotalX = r.Text, round2(labelWidth+w+6)
	}
	return c
}

func newChart(id, title string, rows int) *Chart {
	return &Chart{ID: id, Title: title, Width: width, Height: max(1, rows)*(barHeight+gap) + gap}
}

// bar adds row i's bar and returns it.
func (c *Chart) bar(i int, label string) *Bar {
	y := gap + i*(barHeight+gap)
	c.Bars = append(c.Bars, Bar{Label: shorten(label, 28), LabelY: y + barHeight - 6, Y: y, TextY: y + barHeight - 6})
	return &c.Bars[len(c.Bars)-1]
}

// labelLine is the room above a bar for its label in LabelsAbove: enough
// for the label set at twice the size, as a phone's stylesheet may.
const labelLine = 30

// LabelsAbove lays c out with each row's label above its bar and the bars
// across the whole width, for a narrow screen: scaled down to a phone, a
// label beside its bar would be too small to read, while one above it may
// be set large (the stylesheet's .labels-above). It returns c.
func (c *Chart) LabelsAbove() *Chart {
	if c.Above {
		return c
	}
	c.Above = true
	stretch := float64(width-rightRoom) / float64(width-labelWidth-rightRoom)
	pitch := labelLine + barHeight + gap
	for i := range c.Bars {
		b := &c.Bars[i]
		top := gap + i*pitch
		b.LabelY, b.Y, b.TextY = top+labelLine-8, top+labelLine, top+labelLine+barHeight-6
		for j := range b.Segs {
			sg := &b.Segs[j]
			sg.X, sg.W, sg.Y = round2((sg.X-labelWidth)*stretch), round2(sg.W*stretch), b.Y
		}
		b.TotalX = round2((b.TotalX-6-labelWidth)*stretch + 6)
	}
	c.Height = max(1, len(c.Bars))*pitch + gap
	return c
}

// barScale is how many units one counted thing takes.
func barScale(top float64) float64 {
	if top <= 0 {
		return 0
	}
	return float64(width-labelWidth-rightRoom) / top
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
