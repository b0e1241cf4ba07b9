package notify

import (
	"strconv"
	"tiendo/internal/clock"
	"time"
)

// Rules are a reporting regime's reminder rules (đôn đốc): remind so many
// days before the due day, so many days after it, and every week while the
// obligation stays overdue. They map one to one onto a reporting regime's
// RemindBefore, RemindAfter and RemindWeekly (internal/reporting.Regime).
type Rules struct {
	Before        []int // days before the due day, e.g. 7 and 2 (0: on the due day)
	After         []int // days after the due day, e.g. 1 (days below 1 are ignored: the due day is a "before" day)
	WeeklyOverdue bool  // every 7 days overdue: overdue-week-1, overdue-week-2, …
}

// DefaultRules are the rules for regimes that set none: 7 and 2 days
// before, the day after, then weekly while overdue.
func DefaultRules() Rules {
	return Rules{Before: []int{7, 2}, After: []int{1}, WeeklyOverdue: true}
}

// Rule names, as stored in the ledger: "before-7", "after-1", "overdue-week-3".
const (
	rulePrefixBefore = "before-"
	rulePrefixAfter  = "after-"
	rulePrefixWeekly = "overdue-week-"
	ruleDigest       = "digest"
	daysInWeek       = 7
)

// DueReminder is a reminder in force today for one obligation.
type DueReminder struct {
	Obligation Obligation
	Rule       string // "before-7", "after-1", "overdue-week-3"
	// Days is the number of days left until the due day (0 on the day)
	// or, when Overdue, the number of days past it.
	Days    int
	Overdue bool // past the due day: escalated to the agency's head, copied to the coordinator
}

// Due returns the reminders in force today for obligations, one at most per
// obligation, in the order given. Done obligations and obligations without
// a due day (continuous tasks) get none.
//
// A rule is in force from its day until the next rule's day, not on its day
// only: "before-7" holds while 7 ≥ days left > 2, "before-2" from 2 days
// left to the due day, "after-1" from 1 day overdue until the first weekly
// rule (7 days), "overdue-week-k" from 7k days overdue for a week. The
// ledger sends each rule once, so a job that did not run on a rule's day
// (a server down over a weekend) still sends it, late, instead of never.
// When an "after" rule and a weekly rule start on the same day, the "after"
// rule is the one in force.
func (r Rules) Due(obligations []Obligation, today time.Time) []DueReminder {
	var out []DueReminder
	for _, o := range obligations {
		if d, ok := r.Check(o, today); ok {
			out = append(out, d)
		}
	}
	return out
}

// Check returns the reminder in force today for o, if any (see Due).
func (r Rules) Check(o Obligation, today time.Time) (DueReminder, bool) {
	if o.Done || o.Due.IsZero() {
		return DueReminder{}, false
	}
	left := clock.DaysBetween(today, o.Due)
	if left >= 0 {
		// The smallest "before" day that is still ≥ the days left.
		best := -1
		for _, d := range r.Before {
			if d >= left && (best < 0 || d < best) {
				best = d
			}
		}
		if best < 0 {
			return DueReminder{}, false
		}
		return DueReminder{Obligation: o, Rule: rulePrefixBefore + strconv.Itoa(best), Days: left}, true
	}
	over := -left
	rule, start := "", 0
	for _, a := range r.After {
		if a >= 1 && a <= over && a > start {
			rule, start = rulePrefixAfter+strconv.Itoa(a), a
		}
	}
	if k := over / daysInWeek; r.WeeklyOverdue && k >= 1 && k*daysInWeek > start {
		rule = rulePrefixWeekly + strconv.Itoa(k)
	}
	if rule == "" {
		return DueReminder{}, false
	}
	return DueReminder{Obligation: o, Rule: rule, Days: over, Overdue: true}, true
}
