package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// regimeForm is the data of a plan's reporting regime form. The fields
// hold the text as typed, so that a form shown again after an error keeps
// exactly what the person wrote; field names in the HTML are the keys of
// reporting.Regime.Validate's errors, so that errors land beside the field.
type regimeForm struct {
	Plan    *plan.Plan
	Version int    // the version the form was read at (0: never saved, the defaults)
	Text    string // the plan's own rule sentence (section VI), shown, not edited here

	Frequency    string
	DueDay       string
	DueMonth     string
	CutoffDay    string
	RemindBefore string // "7, 2"
	RemindAfter  string // "1"
	RemindWeekly bool
	DueSoonDays  string

	UpdatedAt time.Time
	Errors    plan.FieldErrors
	Error     string                    // a problem with the whole form (someone else saved first)
	Theirs    *reporting.Regime         // on a conflict: what the other person saved
	Notice    string                    // "saved" confirmation
	Preview   []reporting.PeriodPreview // the periods the regime shown gives, from today
	Unsaved   bool                      // Preview is of the input, not of the saved regime
}

// choice is one option of a select.
type choice struct {
	Value, Label string
}

// Frequencies are the frequencies offered, the usual one first.
func (f *regimeForm) Frequencies() []choice {
	var out []choice
	for _, f := range []reporting.Frequency{reporting.Quarterly, reporting.HalfYearly, reporting.Yearly, reporting.Monthly} {
		out = append(out, choice{string(f), f.Label()})
	}
	return out
}

// Months are the fixed months a yearly report may be due in.
func (f *regimeForm) Months() []choice {
	out := make([]choice, 12)
	for m := 1; m <= 12; m++ {
		out[m-1] = choice{strconv.Itoa(m), "Tháng " + strconv.Itoa(m)}
	}
	return out
}

// fill sets the form's fields from a stored (or default) regime.
func (f *regimeForm) fill(r *reporting.Regime) {
	f.Version = r.Version
	f.Text = r.Text
	f.Frequency = string(r.Frequency)
	f.DueDay = strconv.Itoa(r.DueDay)
	f.DueMonth = r.DueMonth
	f.CutoffDay = strconv.Itoa(r.CutoffDay)
	f.RemindBefore = daysList(r.RemindBefore)
	f.RemindAfter = daysList(r.RemindAfter)
	f.RemindWeekly = r.RemindWeekly
	f.DueSoonDays = strconv.Itoa(r.DueSoonDays)
	f.UpdatedAt = r.UpdatedAt
}

// readRegimeForm copies the posted fields into f.
func readRegimeForm(w http.ResponseWriter, r *http.Request, f *regimeForm) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	f.Version, _ = strconv.Atoi(r.PostFormValue("version"))
	f.Frequency = strings.TrimSpace(r.PostFormValue("frequency"))
	f.DueDay = strings.TrimSpace(r.PostFormValue("due_day"))
	f.DueMonth = strings.TrimSpace(r.PostFormValue("due_month"))
	f.CutoffDay = strings.TrimSpace(r.PostFormValue("cutoff_day"))
	f.RemindBefore = strings.TrimSpace(r.PostFormValue("remind_before"))
	f.RemindAfter = strings.TrimSpace(r.PostFormValue("remind_after"))
	f.RemindWeekly = r.PostFormValue("remind_weekly") != ""
	f.DueSoonDays = strings.TrimSpace(r.PostFormValue("due_soon_days"))
	return nil
}

// Messages for what the form reads before the regime's own rules.
const (
	msgNotNumber = "Hãy nhập một số nguyên, ví dụ 10."
	msgBadDays   = "Hãy nhập các số ngày, cách nhau bằng dấu phẩy, ví dụ: 7, 2."
)

// regime reads the form into the plan's regime, normalised, and returns
// the problems found: numbers that are not numbers here, the rest from
// reporting.Regime.Check (which app.SaveReportingRegime applies again).
func (f *regimeForm) regime(planID int64, text string) (reporting.Regime, plan.FieldErrors) {
	fe := plan.FieldErrors{}
	r := reporting.Regime{PlanID: planID, Frequency: reporting.Frequency(f.Frequency), DueMonth: f.DueMonth,
		RemindWeekly: f.RemindWeekly, Text: text, Version: f.Version}
	for _, n := range []struct {
		key, text string
		dst       *int
	}{{"due_day", f.DueDay, &r.DueDay}, {"cutoff_day", f.CutoffDay, &r.CutoffDay}, {"due_soon_days", f.DueSoonDays, &r.DueSoonDays}} {
		if n.text == "" {
			continue
		}
		v, err := strconv.Atoi(n.text)
		if err != nil {
			fe[n.key] = msgNotNumber
			continue
		}
		*n.dst = v
	}
	var ok bool
	if r.RemindBefore, ok = parseDaysList(f.RemindBefore); !ok {
		fe["remind_before"] = msgBadDays
	}
	if r.RemindAfter, ok = parseDaysList(f.RemindAfter); !ok {
		fe["remind_after"] = msgBadDays
	}
	for k, msg := range r.Check() {
		if fe[k] == "" {
			fe[k] = msg
		}
	}
	if len(fe) == 0 {
		return r, nil
	}
	return r, fe
}

// parseDaysList reads "7, 2" (commas, semicolons or spaces between) into
// numbers; false when a part is not a whole number. Ranges are Validate's.
func parseDaysList(s string) ([]int, bool) {
	var out []int
	for _, part := range strings.FieldsFunc(s, func(c rune) bool { return c == ',' || c == ';' || c == ' ' || c == '\t' }) {
		n, err := strconv.Atoi(part)
		if err != nil {
			return nil, false
		}
		out = append(out, n)
	}
	return out, true
}

// daysList writes reminder days as people read them: "7, 2".
func daysList(days []int) string {
	parts := make([]string, len(days))
	for i, d := range days {
		parts[i] = strconv.Itoa(d)
	}
	return strings.Join(parts, ", ")
}

// regimePage wraps the form in the page.
func regimePage(f *regimeForm) *page {
	return &page{Title: "Chế độ báo cáo", Nav: "plans", PlanID: f.Plan.ID, Data: f}
}
