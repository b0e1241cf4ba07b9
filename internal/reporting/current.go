package reporting

import (
	"time"

	"tiendo/internal/plan"
)

// CurrentPeriod is a plan's current reporting period on day, of its
// periods in order: the one containing day, else the last one started by
// then (the plan's span is over), else the first (it has not begun). The
// dashboard shows it by default, and tasks judged per period are judged in
// it on every surface (plan.StatusNow). Periods of one regime never
// overlap, so the answer is the same from any ordered subset holding the
// last one started by day, or when none has the first (store.PeriodsAround
// reads just that one). False when there is no period.
func CurrentPeriod(periods []Period, day time.Time) (Period, bool) {
	return PickPeriod(periods, 0, day)
}

// NowOf is what task statuses of a plan depend on, on day: the day, the
// regime's due-soon window and the plan's current period among periods.
func NowOf(periods []Period, day time.Time, dueSoon int) plan.Now {
	now := plan.Now{Day: day, DueSoon: dueSoon}
	if p, ok := CurrentPeriod(periods, day); ok {
		now.Period = plan.PeriodSpan{Start: p.Start, Due: p.Due, Label: p.Label}
	}
	return now
}
