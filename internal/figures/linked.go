package figures

import (
	"time"

	"tiendo/internal/clock"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// The roll-up of an upstream plan (internal/rollup, internal/app) shows
// each linked task's status in a period. It reads them here, judged by the
// figures' own rule, so that a province's line in the roll-up never
// disagrees with that province's dashboard.

// PeriodOn is the period the figures show for id on day (id 0: the one
// containing day, else the last one started by then, else the first); ok
// false when there is none (or none with that ID).
func PeriodOn(periods []reporting.Period, id int64, day time.Time) (reporting.Period, bool) {
	return reporting.PickPeriod(periods, id, clock.DateOf(day))
}

// LinkedRow is one task judged for a period.
type LinkedRow struct {
	TaskID       int64
	LeadAgencyID int64  // the lead agency of the time (reorganisations, amendments)
	Title        string // the title of the time; "" when the task has none
	Text         string // the text of the time
	Status       plan.Status
	OverdueDays  int
	Progress     int       // % as of the day judged
	Day          time.Time // the day judged on
}

// JudgeTasks judges the tasks of f in period p, as the figures do:
//
//   - in a period not ended by today (the current one, or a later one), on
//     today with the stored facts: the status the plan's dashboard of p
//     (Compute with PeriodID p, AsOf today) counts each task under;
//   - in a period ended before today, on its last day, with the facts of
//     then rebuilt from the accepted claims of the periods up to it: the
//     status the dashboard's trend counts each task under for p.
//
// Each task is taken as it was in p (InPeriod): the tasks not in the plan
// then are left out; the others come with the lead agency, title and
// deadline of then. f may hold part of a plan's facts (the tasks linked
// upstream, with their claims); claimed are the tasks with any accepted
// claim of a period started by today (nil: those with one in f.Claims),
// which the rebuild needs when f.Claims holds only the claims up to p.
//
// When issue 17's one status of a task today lands, the first case is
// where it belongs.
func JudgeTasks(f *Facts, p reporting.Period, today time.Time, claimed map[int64]bool) []LinkedRow {
	today = clock.DateOf(today)
	then := InPeriod(f, p)
	x := newIndex(f)
	if claimed == nil {
		claimed = x.hasClaims
	}
	day := today
	var latest map[int64]Claim
	var periods map[int64]reporting.Period
	if p.End.Before(today) {
		day = p.End
		latest, periods = latestClaims(f, x, p)
	}
	out := make([]LinkedRow, 0, len(then.Tasks))
	for i := range then.Tasks {
		t := then.Tasks[i]
		if latest != nil {
			rebuild(&t, claimed[t.ID], latest, periods, day)
		}
		j := x.judge(&t, p, day)
		out = append(out, LinkedRow{TaskID: t.ID, LeadAgencyID: t.LeadAgencyID, Title: t.Title, Text: t.Text,
			Status: j.Status, OverdueDays: j.OverdueDays, Progress: t.Progress, Day: day})
	}
	return out
}

// latestClaims is each task's accepted claim of the latest period started
// by p's start (of that period, the highest revision: x.claims).
func latestClaims(f *Facts, x *index, p reporting.Period) (map[int64]Claim, map[int64]reporting.Period) {
	periods := make(map[int64]reporting.Period, len(f.Periods))
	for _, q := range f.Periods {
		periods[q.ID] = q
	}
	latest := map[int64]Claim{}
	for pid, claims := range x.claims {
		q, ok := periods[pid]
		if !ok || q.Start.After(p.Start) {
			continue
		}
		claims.each(func(c *Claim) {
			if old, ok := latest[c.TaskID]; ok && !q.Start.After(periods[old.PeriodID].Start) {
				return
			}
			latest[c.TaskID] = *c
		})
	}
	return latest, periods
}

// rebuild sets t's claim facts to those of day, as trend does: a task any
// accepted report spoke about takes the claim of the latest period up to
// then (none when it was first spoken about later); another keeps its
// stored facts, except a completion dated after day.
func rebuild(t *plan.Task, claimed bool, latest map[int64]Claim, periods map[int64]reporting.Period, day time.Time) {
	if !claimed {
		if t.Completed() && t.CompletedOn.After(day) {
			t.CompletedOn = time.Time{}
		}
		return
	}
	t.Claim, t.Progress, t.CompletedOn, t.ReportedAt, t.ClaimPeriod = plan.ClaimNone, 0, time.Time{}, time.Time{}, time.Time{}
	c, ok := latest[t.ID]
	if !ok {
		return
	}
	q := periods[c.PeriodID]
	t.Claim, t.Progress, t.ReportedAt, t.ClaimPeriod = c.Claim, c.Percent, q.Due, q.Start
	if c.Claim == plan.ClaimCompleted {
		t.CompletedOn = c.CompletedOn
	}
}
