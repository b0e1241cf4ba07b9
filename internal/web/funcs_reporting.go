package web

import (
	"strconv"
	"time"

	"tiendo/internal/clock"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
	"tiendo/internal/vntext"
)

// stateClass is the CSS class of a report state badge: green accepted,
// blue waiting for review, red returned, grey not yet sent.
func stateClass(s reporting.State) string {
	switch s {
	case reporting.StateAccepted:
		return "badge badge-green"
	case reporting.StateSubmitted:
		return "badge badge-blue"
	case reporting.StateReturned:
		return "badge badge-red"
	case reporting.StateDraft:
		return "badge badge-olive"
	}
	return "badge badge-grey"
}

// dueClass colours days left before a report's due day: red when late,
// orange within the due-soon window, none otherwise.
func dueClass(daysToDue int) string {
	switch {
	case daysToDue < 0:
		return "badge badge-red"
	case daysToDue <= plan.DefaultDueSoonDays:
		return "badge badge-orange"
	}
	return "badge badge-grey"
}

// formatDateTime writes an instant as dd/mm/yyyy HH:MM in Vietnam's time.
func formatDateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(clock.Local).Format("02/01/2006 15:04")
}

// fileSize writes a byte count for people: "850 B", "12,5 KB", "3,2 MB".
func fileSize(n int64) string {
	switch {
	case n < 1024:
		return strconv.FormatInt(n, 10) + " B"
	case n < 1024*1024:
		return vntext.FormatNumber(float64(n)/1024, 1) + " KB"
	}
	return vntext.FormatNumber(float64(n)/(1024*1024), 1) + " MB"
}

// formatPercent writes a ratio from 0 to 1 as a whole percentage: "67%".
func formatPercent(r float64) string { return vntext.FormatNumber(r*100, 0) + "%" }

func absInt(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// fieldError is the message for one field, "" when none: templates call it
// on a possibly nil map.
func fieldError(fe plan.FieldErrors, key string) string { return fe[key] }
