package web

import (
	"html/template"
	"slices"
	"strings"
	"time"

	"tiendo/internal/plan"
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
	}
}

// statusClass is the CSS class of a status badge: red overdue, orange due
// soon, green done on time — the colours leaders already read.
func statusClass(s plan.Status) string {
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
