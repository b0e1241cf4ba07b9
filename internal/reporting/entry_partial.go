package reporting

import (
	"time"

	"tiendo/internal/plan"
)

// KeepValid is what autosave stores of a line with problems: each field
// as typed where it has none, as saved where it has one (problems: the
// rules' and the form's), so that text typed beside a wrong number or
// date is not lost. A rule that ties fields together (a completed task
// needs its completion date; some statuses a reason) can still refuse the
// mix, in which case the status stays as saved too. It returns the line
// to store and whether it holds anything new; ok is false when even that
// breaks a rule, and nothing should be stored.
func KeepValid(typed, saved Entry, problems plan.FieldErrors, today time.Time) (out Entry, changed, ok bool) {
	out = typed
	revert := func(key string) {
		switch key {
		case "status":
			out.Status = saved.Status
		case "percent":
			out.Percent = saved.Percent
		case "completed_on":
			out.CompletedOn = saved.CompletedOn
		case "reason":
			out.Reason = saved.Reason
		case "result":
			out.Result = saved.Result
		case "evidence":
			out.Evidence = saved.Evidence
		case "difficulties":
			out.Difficulties = saved.Difficulties
		case "proposals":
			out.Proposals = saved.Proposals
		}
	}
	for key := range problems {
		revert(key)
	}
	for range 3 {
		fe := ValidateEntry(&out, today)
		if len(fe) == 0 {
			return out, !sameLine(out, saved), true
		}
		for key := range fe {
			revert(key)
		}
		revert("status") // the field the joint rules hang on
	}
	return saved, false, false
}

// sameLine reports whether two lines say the same.
func sameLine(a, b Entry) bool {
	return a.Status == b.Status && a.Percent == b.Percent && a.CompletedOn.Equal(b.CompletedOn) && a.Reason == b.Reason &&
		a.Result == b.Result && a.Evidence == b.Evidence && a.Difficulties == b.Difficulties && a.Proposals == b.Proposals
}
