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
// completion dated after that day. Each period counts the plan's tasks as
// they were in it (reporting.TasksIn): those in the plan then, each judged
// against its deadline of then.
func trend(f *Facts, x *index, shown reporting.Period, asOf time.Time, counts Counts) []TrendPoint {
	// The tasks as they stood, rebuilt period by period (oldest first):
	// each period's accepted claims are applied over the previous state,
	// in one pass for all periods (the claim of the latest period wins, as
	// when the store applies an accepted report).
	state := make([]plan.Task, len(f.Tasks))
	for i := range f.Tasks {
		state[i] = f.Tasks[i]
		if x.hasClaims[f.Tasks[i].ID] {
			t := &state[i]
			t.Claim, t.Progress, t.CompletedOn, t.ReportedAt, t.ClaimPeriod = plan.ClaimNone, 0, time.Time{}, time.Time{}, time.Time{}
		}
	}
	var out []TrendPoint
	for _, p := range f.Periods {
		if p.Start.After(shown.Start) {
			break
		}
		claims := x.claims[p.ID]
		for i := range state {
			c := claims.get(state[i].ID)
			if c == nil {
				continue
			}
			t := &state[i]
			t.Claim, t.Progress, t.ReportedAt, t.ClaimPeriod = c.Claim, c.Percent, p.Due, p.Start
			t.CompletedOn = time.Time{}
			if c.Claim == plan.ClaimCompleted {
				t.CompletedOn = c.CompletedOn
			}
		}
		if !p.Started(asOf) {
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
		// The plan's tasks in p, each with its deadline of then (amendments);
		// agencies do not change a count, so arrangements are left out.
		then := reporting.TasksIn(state, nil, f.Versions, p)
		for i := range then {
			t := &then[i]
			if t.Completed() && t.CompletedOn.After(day) && !x.hasClaims[t.ID] {
				was := *t // then may be state itself: judge a copy
				was.CompletedOn = time.Time{}
				t = &was
			}
			c[x.judgeWith(claims, t, p, day).Status]++
		}
		out = append(out, TrendPoint{Period: p, Day: day, Status: c})
	}
	return out
}
