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
	// The longest bar fills the row; the other is scaled to it, and each
	// segment starts where the one before it ends.
	b := c.Bars[0]
	if w := b.Segs[0].W + b.Segs[1].W; w != units {
		t.Errorf("longest bar %v, want %v", w, units)
	}
	if b.Segs[0].X != 0 || b.Segs[1].X != b.Segs[0].W {
		t.Errorf("segments %+v do not follow one another", b.Segs)
	}
	if w := c.Bars[1].Segs[0].W; w != units/4 {
		t.Errorf("shorter bar %v, want %v", w, units/4)
	}
	if len(c.Legend) != 2 || b.Total != "4" {
		t.Errorf("legend %v, total %q", c.Legend, b.Total)
	}
	// Each row says its segments in words, for screen readers.
	if !strings.Contains(b.Spoken, "Quá hạn (chưa hoàn thành): 2") || !strings.Contains(b.Spoken, "; ") {
		t.Errorf("spoken %q", b.Spoken)
	}
}

func TestValuesFloor(t *testing.T) {
	c := Values("v", "Chỉ tiêu", []ValueRow{{Label: "A", Value: 50, Text: "50%"}, {Label: "B", Value: 0, Text: "0%"}}, 100)
	if w := c.Bars[0].Segs[0].W; w != units/2 {
		t.Errorf("50 of a floor of 100: %v, want %v", w, units/2)
	}
	if len(c.Bars[1].Segs) != 0 || c.Bars[1].Total != "0%" {
		t.Errorf("a zero draws no segment but says its value: %+v", c.Bars[1])
	}
}

func TestTemplate(t *testing.T) {
	tpl := template.Must(template.New("chart").Parse(Template))
	var b strings.Builder
	c := Values("v", "Chỉ tiêu", []ValueRow{{Label: "Dịch vụ công", Value: 80, Text: "80%", Class: "seg seg-orange", Href: "/x"}}, 100)
	if err := tpl.ExecuteTemplate(&b, "chart", c); err != nil {
		t.Fatal(err)
	}
	// The label and the total are text in the page; the SVG holds the bar
	// only, hidden from assistive technology, its link out of the tab order.
	for _, want := range []string{`<figcaption id="v-title">Chỉ tiêu</figcaption>`, `aria-labelledby="v-title"`,
		`<span class="bar-label">Dịch vụ công</span>`, `<span class="bar-total">80%</span>`, `aria-hidden="true"`,
		`<a href="/x" tabindex="-1">`, `<title>Dịch vụ công: 80%</title>`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("chart lacks %s:\n%s", want, b.String())
		}
	}
	b.Reset()
	if err := tpl.ExecuteTemplate(&b, "chart", Values("e", "Trống", nil, 100)); err != nil || strings.TrimSpace(b.String()) != "" {
		t.Errorf("a chart without bars writes %q, %v", b.String(), err)
	}
}
