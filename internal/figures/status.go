package figures

import (
	"time"

	"tiendo/internal/clock"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// Counts are tasks per status code; every code of plan.Statuses is present
// (zero included) so that tables and charts always have the same columns.
type Counts map[plan.Status]int

// newCounts returns Counts with every status at zero.
func newCounts() Counts {
	c := make(Counts, len(plan.Statuses))
	for _, s := range plan.Statuses {
		c[s] = 0
	}
	return c
}

// Total is the number of tasks counted.
func (c Counts) Total() int {
	n := 0
	for _, v := range c {
		n += v
	}
	return n
}

// judgement is one task's status in the period shown.
type judgement struct {
	Status      plan.Status
	OverdueDays int
	Due         time.Time // the due day judged against: the task's, or the period's for per-period tasks
}

// index holds the lookups Compute shares between figures.
type index struct {
	dueSoon       int
	claims        map[[2]int64]Claim // (period, task) → the highest accepted revision
	hasClaims     map[int64]bool     // tasks with any accepted claim
	sectionLabels map[int64]string   // section ID → label
	names         map[int64]string   // agency ID → name
}

func newIndex(f *Facts) *index {
	x := &index{dueSoon: f.DueSoon, claims: map[[2]int64]Claim{}, hasClaims: map[int64]bool{},
		sectionLabels: map[int64]string{}, names: map[int64]string{}}
	for _, c := range f.Claims {
		k := [2]int64{c.PeriodID, c.TaskID}
		if old, ok := x.claims[k]; !ok || c.Revision > old.Revision {
			x.claims[k] = c
		}
		x.hasClaims[c.TaskID] = true
	}
	// The claim a task carries is its latest period's (the store keeps it
	// on the task when a report is accepted, or carries it over from a
	// replaced plan's task): that period's claim for the task, as every
	// other surface reads it (plan.StatusNow), so that the dashboard and
	// the lists judge the current period from the same claim.
	starts := make(map[int64]int64, len(f.Periods)) // first day (Unix seconds) → period
	for _, p := range f.Periods {
		starts[clock.DateOf(p.Start).Unix()] = p.ID
	}
	for i := range f.Tasks {
		t := &f.Tasks[i]
		pid, ok := starts[clock.DateOf(t.ClaimPeriod).Unix()]
		if c := t.ClaimIn(t.ClaimPeriod); ok && c != nil {
			k := [2]int64{pid, t.ID}
			x.claims[k] = Claim{PeriodID: pid, TaskID: t.ID, Revision: x.claims[k].Revision, PeriodClaim: *c}
			x.hasClaims[t.ID] = true
		}
	}
	for _, s := range f.Sections {
		x.sectionLabels[s.ID] = s.Label
	}
	for _, a := range f.Agencies {
		x.names[a.ID] = a.Name
	}
	return x
}

// claim is the accepted claim about task in period, nil when none.
func (x *index) claim(periodID, taskID int64) *plan.PeriodClaim {
	c, ok := x.claims[[2]int64{periodID, taskID}]
	if !ok {
		return nil
	}
	return &c.PeriodClaim
}

// judge is task t's status in period p on day asOf: plan.StatusInPeriod
// with the period's accepted claim (ComputeStatus for fixed due days).
func (x *index) judge(t *plan.Task, p reporting.Period, asOf time.Time) judgement {
	st, late := plan.StatusInPeriod(t, p.Start, p.Due, x.claim(p.ID, t.ID), asOf, x.dueSoon)
	due := t.Deadline.Due
	if t.JudgedPerPeriod() {
		due = p.Due
	}
	return judgement{Status: st, OverdueDays: late, Due: due}
}

// judgeAll judges every task, in the order of tasks.
func (x *index) judgeAll(tasks []plan.Task, p reporting.Period, asOf time.Time) []judgement {
	out := make([]judgement, len(tasks))
	for i := range tasks {
		out[i] = x.judge(&tasks[i], p, asOf)
	}
	return out
}

// countAll counts judged tasks by status.
func countAll(judged []judgement) Counts {
	c := newCounts()
	for _, j := range judged {
		c[j.Status]++
	}
	return c
}

// sectionLabel is the label of a section ("III.4.2"), "" when unknown.
func (x *index) sectionLabel(id int64) string {
	return x.sectionLabels[id]
}
