package reporting

import (
	"time"

	"tiendo/internal/plan"
)

// Check normalises r (Normalize) and lists the problems that keep it from
// being saved; nil when none. Unlike Normalize alone, it refuses a
// frequency, due day, due month or cut-off day left empty or zero, with
// the message Validate gives for it, instead of silently taking the
// default: a blank there is a slip, not a choice.
func (r *Regime) Check() plan.FieldErrors {
	raw := r.Validate()
	r.Normalize()
	fe := r.Validate()
	for _, k := range []string{"frequency", "due_day", "due_month", "cutoff_day"} {
		if raw[k] == "" || fe[k] != "" {
			continue
		}
		if fe == nil {
			fe = plan.FieldErrors{}
		}
		fe[k] = raw[k]
	}
	return fe
}

// PeriodPreview is one of the periods a regime gives, marked when it holds
// the day the preview is made on.
type PeriodPreview struct {
	Period
	Current bool
}

// Preview lists the first n periods regime r gives from today, or from
// start when that is later (a plan that starts in the future), the one
// holding today marked.
func Preview(r Regime, start, today time.Time, n int) []PeriodPreview {
	from := today
	if start.After(from) {
		from = start
	}
	out := make([]PeriodPreview, 0, n)
	for p := PeriodAt(r, from); len(out) < n; p = PeriodAt(r, p.End.AddDate(0, 0, 1)) {
		out = append(out, PeriodPreview{Period: p, Current: p.Contains(today)})
	}
	return out
}
