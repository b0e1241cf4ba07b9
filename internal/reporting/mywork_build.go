package reporting

import (
	"slices"
	"time"

	"tiendo/internal/clock"
	"tiendo/internal/plan"
)

// The assembly of "Việc của tôi": the store reads the rows (the …Facts
// types below) and these functions group, judge and sort them, so that the
// rules live here and the store stays SQL.

// AgencyTask is a task an agency leads or cooperates on, with the number
// of its plan, as "Việc của tôi" reads it before judging it.
type AgencyTask struct {
	Task     plan.Task // ID, PlanID, Title, LeadAgencyID, current deadline, progress and claim
	PlanCode string
}

// AgencyWorkFacts are the stored rows an agency's "Việc của tôi" is built
// from (store.AgencyWorkFacts reads them).
type AgencyWorkFacts struct {
	AgencyID int64
	// Plans are the active plans in which the agency leads or cooperates
	// on a task.
	Plans []int64
	// Reports are the agency's current revisions not yet accepted, of
	// started periods of active plans, by due day (DaysToDue not set).
	Reports []DueReport
	// Tasks are its tasks (lead or cooperating) in active plans that may
	// be overdue or due soon: not completed, neither paused nor cancelled,
	// with a due day on or before the horizon asked for — and its
	// recurring and continuous tasks, judged in their plan's current
	// period; by due day.
	Tasks []AgencyTask
	// Now is, per plan, what its tasks' statuses are judged on today
	// (plan.StatusNow), set by the caller; a plan missing from it is
	// judged with no period (its tasks as a whole).
	Now map[int64]plan.Now
}

// NewAgencyWork sorts an agency's facts into its "Việc của tôi" on today:
// reports to send (not started or draft), returned and waiting, each with
// its days to the due day; and the tasks overdue or due soon today, by
// plan.StatusNow on their plan's f.Now (for a plan without one: dueSoon
// days, plan.DefaultDueSoonDays when ≤ 0, and no period).
func NewAgencyWork(f *AgencyWorkFacts, today time.Time, dueSoon int) *AgencyWork {
	if dueSoon <= 0 {
		dueSoon = plan.DefaultDueSoonDays
	}
	w := &AgencyWork{AgencyID: f.AgencyID, Today: today}
	for _, d := range f.Reports {
		d.DaysToDue = d.Period.DaysToDue(today)
		switch d.State {
		case StateReturned:
			w.Returned = append(w.Returned, d)
		case StateSubmitted:
			w.Waiting = append(w.Waiting, d)
		default:
			w.Due = append(w.Due, d)
		}
	}
	for i := range f.Tasks {
		t := &f.Tasks[i].Task
		now, ok := f.Now[t.PlanID]
		if !ok {
			now = plan.Now{Day: today, DueSoon: dueSoon}
		}
		st := plan.StatusNow(t, now)
		if st.Status != plan.StatusOverdue && st.Status != plan.StatusDueSoon {
			continue
		}
		w.Tasks = append(w.Tasks, TaskAlert{
			TaskID: t.ID, PlanID: t.PlanID, PlanCode: f.Tasks[i].PlanCode, Title: t.Title, Deadline: t.Deadline,
			Status: st.Status, OverdueDays: st.OverdueDays, DaysToDue: clock.DaysBetween(today, st.Due),
			Due: st.Due, Period: st.Period, Lead: t.LeadAgencyID == f.AgencyID,
		})
	}
	// The most overdue first, then the soonest due (tasks judged per
	// period come after the plan's fixed due days in the facts' order).
	slices.SortStableFunc(w.Tasks, func(a, b TaskAlert) int { return a.Due.Compare(b.Due) })
	return w
}

// OfPlan is w narrowed to the reports and tasks of plan planID.
func (w *AgencyWork) OfPlan(planID int64) *AgencyWork {
	keep := func(list []DueReport) []DueReport {
		var out []DueReport
		for _, d := range list {
			if d.PlanID == planID {
				out = append(out, d)
			}
		}
		return out
	}
	out := &AgencyWork{AgencyID: w.AgencyID, Today: w.Today, Due: keep(w.Due), Returned: keep(w.Returned), Waiting: keep(w.Waiting)}
	for _, t := range w.Tasks {
		if t.PlanID == planID {
			out.Tasks = append(out.Tasks, t)
		}
	}
	return out
}

// CoordinatorWorkFacts are the stored rows the coordinator's "Việc của
// tôi" for one plan is built from (store.CoordinatorWorkFacts reads them).
type CoordinatorWorkFacts struct {
	PlanID    int64
	PlanCode  string
	PlanTitle string
	// Periods are the plan's periods under its current regime, in order.
	Periods []Period
	// Reports are the plan's report rows of its started periods, every
	// revision, by period, agency and revision.
	Reports []ReportState
	// AgencyNames and AgencyRank (the position in Vietnamese name order)
	// cover every agency. They may be shared: nobody writes to them.
	AgencyNames map[int64]string
	AgencyRank  map[int64]int
}

// ReportState is where one revision of an agency's report for a period
// stands in the flow: what the coordinator's figures count.
type ReportState struct {
	ID          int64
	PeriodID    int64
	AgencyID    int64
	Revision    int
	Current     bool // the agency's latest revision for the period
	State       State
	SubmittedAt time.Time // last submission; zero when never sent
	OnTime      bool      // of the last submission
}

// PickPeriod chooses the period of the coordinator's view: the one asked
// for (id ≠ 0), else the one containing today, else the last started, else
// the first. False when the plan has no period or id is not one of its.
func PickPeriod(periods []Period, id int64, today time.Time) (Period, bool) {
	if id != 0 {
		for _, p := range periods {
			if p.ID == id {
				return p, true
			}
		}
		return Period{}, false
	}
	if len(periods) == 0 {
		return Period{}, false
	}
	last := periods[0]
	for _, p := range periods {
		if p.Contains(today) {
			return p, true
		}
		if p.Started(today) {
			last = p
		}
	}
	return last, true
}

// NewCoordinatorWork builds the coordinator's "Việc của tôi" for period
// periodID of f's plan (0: PickPeriod's choice) on today: who has not
// sent, what waits for review, and completeness and on-time figures per
// agency for the period and for every period up to it. False when the
// period cannot be chosen (PickPeriod).
//
// Figures count, per (period, agency), the first revision: the
// expectation is its row (one per expected agency); received when
// submitted or accepted; on time by its last submission.
func NewCoordinatorWork(f *CoordinatorWorkFacts, periodID int64, today time.Time) (*CoordinatorWork, bool) {
	p, ok := PickPeriod(f.Periods, periodID, today)
	if !ok {
		return nil, false
	}
	w := &CoordinatorWork{PlanID: f.PlanID, PlanCode: f.PlanCode, PlanTitle: f.PlanTitle, Period: p, Today: today}
	counted := map[int64]bool{} // the periods up to and including p
	for _, q := range f.Periods {
		if !q.Start.After(p.Start) {
			counted[q.ID] = true
		}
	}
	figures := map[int64]*AgencyFigures{}
	var order []int64
	for i := range f.Reports {
		r := &f.Reports[i]
		if !counted[r.PeriodID] {
			continue
		}
		a := figures[r.AgencyID]
		if a == nil {
			a = &AgencyFigures{AgencyID: r.AgencyID}
			figures[r.AgencyID] = a
			order = append(order, r.AgencyID)
		}
		this := r.PeriodID == p.ID
		if r.Revision == 1 {
			g := firstRevisionFigures(r.State, r.OnTime)
			a.ToDate.Add(g)
			if this {
				a.Period.Add(g)
				if !r.State.Received() {
					w.Missing = append(w.Missing, agencyReport(r, p, today))
				}
			}
		}
		if this && r.Current && r.State == StateSubmitted {
			w.Waiting = append(w.Waiting, agencyReport(r, p, today))
		}
	}
	byName := func(a, b int64) int { return f.AgencyRank[a] - f.AgencyRank[b] }
	slices.SortFunc(order, byName)
	for _, id := range order {
		a := figures[id]
		a.AgencyName = f.AgencyNames[id]
		w.Agencies = append(w.Agencies, *a)
		w.Totals.Add(a.Period)
		w.ToDate.Add(a.ToDate)
	}
	for i := range w.Missing {
		w.Missing[i].AgencyName = f.AgencyNames[w.Missing[i].AgencyID]
	}
	slices.SortFunc(w.Missing, func(a, b AgencyReport) int { return byName(a.AgencyID, b.AgencyID) })
	for i := range w.Waiting {
		w.Waiting[i].AgencyName = f.AgencyNames[w.Waiting[i].AgencyID]
	}
	slices.SortStableFunc(w.Waiting, func(a, b AgencyReport) int { return a.SubmittedAt.Compare(b.SubmittedAt) })
	return w, true
}

// Open reports whether w's period has begun and some agency has something
// to report in it: whether it is anybody's work today.
func (w *CoordinatorWork) Open() bool {
	return w.Period.Started(w.Today) && w.Totals.Expected > 0
}

// firstRevisionFigures counts one expected report by its first revision.
func firstRevisionFigures(st State, onTime bool) Figures {
	f := Figures{Expected: 1}
	switch {
	case !st.Received():
		f.Missing = 1
	case onTime:
		f.Received, f.OnTime = 1, 1
	default:
		f.Received, f.Late = 1, 1
	}
	if st == StateAccepted {
		f.Accepted = 1
	}
	return f
}

// agencyReport is a report as the coordinator's lists show it.
func agencyReport(r *ReportState, p Period, today time.Time) AgencyReport {
	return AgencyReport{
		AgencyID: r.AgencyID, ReportID: r.ID, State: r.State, Revision: r.Revision,
		SubmittedAt: r.SubmittedAt, OnTime: r.OnTime, DaysToDue: p.DaysToDue(today),
	}
}
