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
	// claims are, per period ID, each task's accepted claim (the highest
	// accepted revision), looked up by task ID alone (taskClaims): the
	// trend judges every task in every period (issue 21).
	claims        map[int64]*taskClaims
	lo, span      int64            // the range of task IDs taskClaims holds densely
	hasClaims     map[int64]bool   // tasks with any accepted claim
	sectionLabels map[int64]string // section ID → label
	names         map[int64]string // agency ID → name
}

// taskClaims are one period's claims by task ID: a slice over the plan's
// range of task IDs, which a plan's tasks nearly fill (they are created
// together), and a map for any other ID.
type taskClaims struct {
	lo    int64
	dense []*Claim
	other map[int64]*Claim
}

// get is task id's claim, nil when none; c may be nil (no claims).
func (c *taskClaims) get(id int64) *Claim {
	if c == nil {
		return nil
	}
	if i := id - c.lo; i >= 0 && i < int64(len(c.dense)) {
		return c.dense[i]
	}
	return c.other[id]
}

// set makes v task id's claim.
func (c *taskClaims) set(id int64, v *Claim) {
	if i := id - c.lo; i >= 0 && i < int64(len(c.dense)) {
		c.dense[i] = v
		return
	}
	if c.other == nil {
		c.other = map[int64]*Claim{}
	}
	c.other[id] = v
}

// each calls fn on every claim; c may be nil.
func (c *taskClaims) each(fn func(*Claim)) {
	if c == nil {
		return
	}
	for _, v := range c.dense {
		if v != nil {
			fn(v)
		}
	}
	for _, v := range c.other {
		fn(v)
	}
}

// period is p's claims, made empty on first use.
func (x *index) period(id int64) *taskClaims {
	c := x.claims[id]
	if c == nil {
		c = &taskClaims{lo: x.lo, dense: make([]*Claim, x.span)}
		x.claims[id] = c
	}
	return c
}

func newIndex(f *Facts) *index {
	x := &index{dueSoon: f.DueSoon, claims: make(map[int64]*taskClaims, len(f.Periods)),
		hasClaims: make(map[int64]bool, len(f.Tasks)), sectionLabels: make(map[int64]string, len(f.Sections)),
		names: make(map[int64]string, len(f.Agencies))}
	if len(f.Tasks) > 0 {
		lo, hi := f.Tasks[0].ID, f.Tasks[0].ID
		for i := range f.Tasks {
			lo, hi = min(lo, f.Tasks[i].ID), max(hi, f.Tasks[i].ID)
		}
		// Dense only when the tasks fill a good part of their range.
		if span := hi - lo + 1; span <= 4*int64(len(f.Tasks))+64 {
			x.lo, x.span = lo, span
		}
	}
	for i := range f.Claims {
		c := &f.Claims[i]
		m := x.period(c.PeriodID)
		if old := m.get(c.TaskID); old == nil || c.Revision > old.Revision {
			m.set(c.TaskID, c)
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
			m := x.period(pid)
			carried := &Claim{PeriodID: pid, TaskID: t.ID, PeriodClaim: *c}
			if old := m.get(t.ID); old != nil {
				carried.Revision = old.Revision
			}
			m.set(t.ID, carried)
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
func (x *index) judgeWith(claims *taskClaims, t *plan.Task, p reporting.Period, asOf time.Time) judgement {
	var claim *plan.PeriodClaim
	if c := claims.get(t.ID); c != nil {
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
