package chart

import (
	"html/template"
	"strings"
	"testing"

	"tiendo/internal/figures"
	"tiendo/internal/plan"
)

func TestStacked(t *testing.T) {
	c := Stacked("c", "Theo nhóm", []StackRow{
		{Label: "III.1", Counts: figures.Counts{plan.StatusOverdue: 2, plan.StatusDoneOnTime: 2}},
		{Label: "III.2", Counts: figures.Counts{plan.StatusDoneOnTime: 1}},
	})
	if len(c.Bars) != 2 || len(c.Bars[0].Segs) != 2 || len(c.Bars[1].Segs) != 1 {
		t.Fatalf("bars = %+v", c.Bars)
	}
	// The longest bar fills the room between the labels and the totals;
	// the other is scaled to it.
	full := float64(width - labelWidth - rightRoom)
	if w := c.Bars[0].Segs[0].W + c.Bars[0].Segs[1].W; w != full {
		t.Errorf("longest bar %v, want %v", w, full)
	}
	if w := c.Bars[1].Segs[0].W; w != full/4 {
		t.Errorf("shorter bar %v, want %v", w, full/4)
	}
	if len(c.Legend) != 2 || c.Bars[0].Total != "4" {
		t.Errorf("legend %v, total %q", c.Legend, c.Bars[0].Total)
	}
}

func TestTemplate(t *testing.T) {
	tpl := template.Must(template.New("chart").Parse(Template))
	var b strings.Builder
	c := Values("v", "Chỉ tiêu", []ValueRow{{Label: "Dịch vụ công", Value: 80, Text: "80%", Class: "seg seg-orange", Href: "/x"}}, 100)
	if err := tpl.ExecuteTemplate(&b, "chart", c); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<figcaption id="v-title">Chỉ tiêu</figcaption>`, `role="img" aria-labelledby="v-title"`, `<a href="/x">`, `<title>Dịch vụ công: 80%</title>`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("chart lacks %s:\n%s", want, b.String())
		}
	}
	b.Reset()
	if err := tpl.ExecuteTemplate(&b, "chart", Values("e", "Trống", nil, 100)); err != nil || strings.TrimSpace(b.String()) != "" {
		t.Errorf("a chart without bars writes %q, %v", b.String(), err)
	}
}

func TestLabelsAbove(t *testing.T) {
	c := Stacked("c", "Theo nhóm", []StackRow{
		{Label: "III.1", Counts: figures.Counts{plan.StatusOverdue: 2, plan.StatusDoneOnTime: 2}},
		{Label: "III.2", Counts: figures.Counts{plan.StatusDoneOnTime: 1}},
	}).LabelsAbove()
	full := float64(width - rightRoom)
	b := c.Bars[0]
	if b.Segs[0].X != 0 || b.Segs[0].W+b.Segs[1].W != full || b.Segs[1].X != b.Segs[0].W {
		t.Errorf("the longest bar does not span the width: %+v", b.Segs)
	}
	if b.LabelY >= b.Y || b.Segs[0].Y != b.Y || c.Bars[1].LabelY <= b.Y+barHeight {
		t.Errorf("labels not above their bars: %+v / %+v", b, c.Bars[1])
	}
	if c.Height != 2*(labelLine+barHeight+gap)+gap || !c.Above {
		t.Errorf("height %d, above %v", c.Height, c.Above)
	}
	if b.TotalX != full+6 {
		t.Errorf("total at %v, want %v", b.TotalX, full+6)
	}
}
