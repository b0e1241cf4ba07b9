package figures

import (
	"cmp"
	"slices"
	"time"

	"tiendo/internal/clock"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// Warning is an open task whose accepted progress lags the share of its
// time already gone: a task likely to be late, flagged while there is time.
type Warning struct {
	TaskID       int64
	Title        string
	SectionLabel string
	LeadAgencyID int64
	Start        time.Time // from when the time is counted
	Due          time.Time
	Elapsed      float64 // % of the days from Start to Due gone by the as-of day, 0–100, rounded to 0.1
	Progress     int     // the last accepted % progress
	Lag          float64 // Elapsed − Progress, in percentage points
}

// earlyWarnings lists the tasks whose progress lags the time elapsed by
// more than lag points, the largest lag first.
//
// Only tasks with a fixed due day that are in progress, due soon or not
// started are judged: completed, paused and cancelled tasks need no
// warning, overdue ones are already on the overdue list, and recurring and
// continuous tasks have no single span to measure. The time is counted from
// the plan's start (its issue date, else its first period's start) or, for
// a task whose deadline starts later, from the start of the first period it
// is open in.
func earlyWarnings(f *Facts, x *index, judged []judgement, asOf time.Time, lag float64) []Warning {
	planStart := f.Plan.IssuedOn
	if planStart.IsZero() && len(f.Periods) > 0 {
		planStart = f.Periods[0].Start
	}
	var out []Warning
	for i := range f.Tasks {
		t := &f.Tasks[i]
		switch judged[i].Status {
		case plan.StatusInProgress, plan.StatusDueSoon, plan.StatusNotStarted:
		default:
			continue
		}
		if !t.Deadline.HasDue() || t.JudgedPerPeriod() {
			continue
		}
		start := taskStart(t, planStart, f.Periods)
		span := clock.DaysBetween(start, t.Deadline.Due)
		elapsed := 100.0
		if span > 0 {
			elapsed = min(100, max(0, float64(clock.DaysBetween(start, asOf))/float64(span)*100))
		}
		elapsed = round1(elapsed)
		w := Warning{TaskID: t.ID, Title: t.Title, SectionLabel: x.sectionLabel(t.SectionID),
			LeadAgencyID: t.LeadAgencyID, Start: start, Due: t.Deadline.Due, Elapsed: elapsed,
			Progress: t.Progress, Lag: round1(elapsed - float64(t.Progress))}
		if w.Lag > lag {
			out = append(out, w)
		}
	}
	slices.SortStableFunc(out, func(a, b Warning) int { return cmp.Compare(b.Lag, a.Lag) })
	return out
}

// taskStart is the day a task's time is counted from.
func taskStart(t *plan.Task, planStart time.Time, periods []reporting.Period) time.Time {
	s := t.Deadline.Start
	if s.IsZero() || !s.After(planStart) {
		return planStart
	}
	for _, p := range periods {
		if !s.After(p.End) {
			return p.Start
		}
	}
	return s
}
