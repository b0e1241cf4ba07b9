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
	dueSoon int
	// claims are, per period ID, each task's accepted claim (task ID →
	// the highest accepted revision): a map per period, so that judging a
	// period's tasks looks claims up by task ID alone (issue 21: the trend
	// judges every task in every period).
	claims        map[int64]map[int64]*Claim
	hasClaims     map[int64]bool   // tasks with any accepted claim
	sectionLabels map[int64]string // section ID → label
	names         map[int64]string // agency ID → name
}

func newIndex(f *Facts) *index {
	x := &index{dueSoon: f.DueSoon, claims: make(map[int64]map[int64]*Claim, len(f.Periods)),
		hasClaims: make(map[int64]bool, len(f.Tasks)), sectionLabels: make(map[int64]string, len(f.Sections)),
		names: make(map[int64]string, len(f.Agencies))}
	perPeriod := len(f.Tasks)
	for i := range f.Claims {
		c := &f.Claims[i]
		m := x.claims[c.PeriodID]
		if m == nil {
			m = make(map[int64]*Claim, perPeriod)
			x.claims[c.PeriodID] = m
		}
		if old := m[c.TaskID]; old == nil || c.Revision > old.Revision {
			m[c.TaskID] = c
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
			m := x.claims[pid]
			if m == nil {
				m = make(map[int64]*Claim, perPeriod)
				x.claims[pid] = m
			}
			carried := &Claim{PeriodID: pid, TaskID: t.ID, PeriodClaim: *c}
			if old := m[t.ID]; old != nil {
				carried.Revision = old.Revision
			}
			m[t.ID] = carried
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

// judge is task t's status in period p on day asOf: plan.StatusInPeriod
// with the period's accepted claim (ComputeStatus for fixed due days).
func (x *index) judge(t *plan.Task, p reporting.Period, asOf time.Time) judgement {
	return x.judgeWith(x.claims[p.ID], t, p, asOf)
}

// judgeWith is judge with p's claims (x.claims[p.ID]) already looked up.
func (x *index) judgeWith(claims map[int64]*Claim, t *plan.Task, p reporting.Period, asOf time.Time) judgement {
	var claim *plan.PeriodClaim
	if c := claims[t.ID]; c != nil {
		claim = &c.PeriodClaim
	}
	st, late := plan.StatusInPeriod(t, p.Start, p.Due, claim, asOf, x.dueSoon)
	due := t.Deadline.Due
	if t.JudgedPerPeriod() {
		due = p.Due
	}
	return judgement{Status: st, OverdueDays: late, Due: due}
}

// judgeAll judges every task, in the order of tasks.
func (x *index) judgeAll(tasks []plan.Task, p reporting.Period, asOf time.Time) []judgement {
	out := make([]judgement, len(tasks))
	claims := x.claims[p.ID]
	for i := range tasks {
		out[i] = x.judgeWith(claims, &tasks[i], p, asOf)
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
