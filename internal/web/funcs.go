package web

import (
	"html/template"
	"slices"
	"strconv"
	"strings"
	"time"

	"tiendo/internal/chart"
	"tiendo/internal/plan"
	"tiendo/internal/planimport"
	"tiendo/internal/vntext"
)

// funcs are the helpers templates may call. None returns template.HTML:
// every piece of text goes through html/template's escaping.
func (a *assets) funcs() template.FuncMap {
	return template.FuncMap{
		"static":      a.staticURL,
		"date":        vntext.FormatDate,
		"num":         vntext.FormatInt,
		"statusClass": statusClass,
		"paragraphs":  paragraphs,
		"hasID":       slices.Contains[[]int64],
		"isoDate":     isoDate,
		"planStatus":  planStatusLabel,
		"regime":      describeRegime,
		"numbering":   numbering,
		"stateClass":  stateClass,
		"dueClass":    dueClass,
		"datetime":    formatDateTime,
		"fileSize":    fileSize,
		"percent":     formatPercent,
		"abs":         absInt,
		"fieldError":  fieldError,
		"auditAction": auditActionLabel,
		"auditActor":  auditActor,
		"auditObject": auditObject,
		"auditRaw":    auditRaw,
		"truncate":    truncateRunes,
		"hasPrefix":   strings.HasPrefix,
	}
}

// statusClass is the CSS class of a status badge (chart.BadgeClass: red
// overdue, orange due soon, green done on time).
func statusClass(s plan.Status) string { return chart.BadgeClass(s) }

// paragraphs splits stored plan text (one paragraph a line) for display.
func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// isoDate is for the datetime attribute of <time>.
func isoDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// planStatusLabel is the Vietnamese name of a plan's status.
func planStatusLabel(s plan.PlanStatus) string {
	switch s {
	case plan.PlanDraft:
		return "Dự thảo"
	case plan.PlanActive:
		return "Đang thực hiện"
	case plan.PlanReplaced:
		return "Đã được thay thế"
	case plan.PlanClosed:
		return "Đã kết thúc"
	}
	return string(s)
}

// planStatuses lists plan statuses in the order a form offers them.
func planStatuses() []plan.PlanStatus {
	return []plan.PlanStatus{plan.PlanActive, plan.PlanDraft, plan.PlanReplaced, plan.PlanClosed}
}

// describeRegime puts a suggested reporting regime into one Vietnamese
// sentence ("Báo cáo hằng quý, trước ngày 10 của tháng cuối quý.").
func describeRegime(g *planimport.Regime) string {
	freq, period := g.Frequency, "kỳ"
	switch g.Frequency {
	case "month":
		freq, period = "hằng tháng", "tháng"
	case "quarter":
		freq, period = "hằng quý", "quý"
	case "half":
		freq, period = "6 tháng một lần", "kỳ"
	case "year":
		freq, period = "hằng năm", "năm"
	}
	out := "Báo cáo " + freq
	if g.DueDay > 0 {
		out += ", trước ngày " + strconv.Itoa(g.DueDay)
		switch g.DueMonth {
		case "":
		case "last":
			out += " của tháng cuối " + period
		case "next":
			out += " của tháng đầu " + period + " sau"
		default:
			out += " tháng " + g.DueMonth
		}
	}
	return out + "."
}

// numbering writes a section's number as plans do: "III.", "4.1.", "a)".
func numbering(s plan.Section) string {
	if s.Number == "" {
		return ""
	}
	if s.Kind == plan.KindItem {
		return s.Number + ")"
	}
	return s.Number + "."
}

// truncateRunes shortens s to at most n characters, marking the cut with "…".
func truncateRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
