package figures

import (
	"time"

	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// TrendPoint is the status counts of the plan's tasks at one period.
type TrendPoint struct {
	Period reporting.Period
	Day    time.Time // the day judged on: the period's last day, or the as-of day for the period shown
	Status Counts
}

// trend gives the status counts at every period started by asOf, up to and
// including the one shown (shown, already computed, is its point).
//
// An earlier period is judged on its last day with the task facts of that
// time, rebuilt from the accepted claims of the periods up to it — the
// claim of the latest such period wins, as when the store applies an
// accepted report — so that a later report does not rewrite history. A task
// no accepted report has spoken about keeps its stored facts, except a
// completion dated after that day.
func trend(f *Facts, x *index, shown reporting.Period, asOf time.Time, counts Counts) []TrendPoint {
	var out []TrendPoint
	for _, p := range f.Periods {
		if p.Start.After(shown.Start) || !p.Started(asOf) {
			continue
		}
		if p.ID == shown.ID {
			out = append(out, TrendPoint{Period: p, Day: asOf, Status: counts})
			continue
		}
		day := p.End
		if asOf.Before(day) {
			day = asOf
		}
		c := newCounts()
		for i := range f.Tasks {
			t := x.taskAt(f, &f.Tasks[i], p, day)
			c[x.judge(&t, p, day).Status]++
		}
		out = append(out, TrendPoint{Period: p, Day: day, Status: c})
	}
	return out
}

// taskAt is t as it stood at the end of period p (on day): its claim,
// progress and completion from the latest accepted claim of a period
// starting no later than p.
func (x *index) taskAt(f *Facts, t *plan.Task, p reporting.Period, day time.Time) plan.Task {
	out := *t
	if !x.hasClaims[t.ID] {
		if out.Completed() && out.CompletedOn.After(day) {
			out.CompletedOn = time.Time{}
		}
		return out
	}
	out.Claim, out.Progress, out.CompletedOn, out.ReportedAt, out.ClaimPeriod = plan.ClaimNone, 0, time.Time{}, time.Time{}, time.Time{}
	for _, q := range f.Periods {
		if q.Start.After(p.Start) {
			break
		}
		c := x.claim(q.ID, t.ID)
		if c == nil {
			continue
		}
		out.Claim, out.Progress, out.ReportedAt, out.ClaimPeriod = c.Claim, c.Percent, q.Due, q.Start
		out.CompletedOn = time.Time{}
		if c.Claim == plan.ClaimCompleted {
			out.CompletedOn = c.CompletedOn
		}
	}
	return out
}
