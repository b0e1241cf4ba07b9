package reporting

import (
	"slices"
	"strconv"
	"time"

	"tiendo/internal/clock"
	"tiendo/internal/plan"
)

// InPlan reports whether task t belongs to its plan in period p: added by
// an amendment effective no later than p's end, and not removed by one
// effective by then (a period holding the effective day already has the
// amended plan, as for reorganisations).
func InPlan(t *plan.Task, p Period) bool {
	if !t.AddedOn.IsZero() && t.AddedOn.After(p.End) {
		return false
	}
	return t.RemovedOn.IsZero() || t.RemovedOn.After(p.End)
}

// OpenIn reports whether task t is open in period p, so that its lead and
// cooperating agencies must report on it: it is in the plan then
// (InPlan), has a lead agency, has begun
// (its deadline's start, when stated, is not after the period's end), was
// not completed before the period started (a recurring or continuous task
// is never completed as a whole: a completion is its period's, and the
// next period asks again), and was not cancelled in the
// accepted report of an earlier period (a cancellation counts from the
// period after the report that made it).
func OpenIn(t *plan.Task, p Period) bool {
	if t.LeadAgencyID == 0 || !InPlan(t, p) {
		return false
	}
	if s := t.Deadline.Start; !s.IsZero() && s.After(p.End) {
		return false
	}
	if !t.JudgedPerPeriod() && t.Completed() && clock.DateOf(t.CompletedOn).Before(p.Start) {
		return false
	}
	if t.Claim == plan.ClaimCancelled && !t.ClaimPeriod.IsZero() && t.ClaimPeriod.Before(p.Start) {
		return false
	}
	return true
}

// ExpectedAgencies lists, sorted by ID, the agencies expected to report in
// period p: the leads and cooperating agencies of the tasks open in p.
func ExpectedAgencies(tasks []plan.Task, p Period) []int64 {
	var ids []int64
	for i := range tasks {
		t := &tasks[i]
		if !OpenIn(t, p) {
			continue
		}
		ids = append(ids, t.LeadAgencyID)
		ids = append(ids, t.CooperatingAgencyIDs...)
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// Arrangement is who led and cooperated on a task until a day: written
// when a reorganisation moves the task to a successor (store.Reorganise)
// or an amendment changes its agencies (store.AmendPlan), so that figures
// of earlier periods keep the agencies of their time.
type Arrangement struct {
	TaskID               int64
	Until                time.Time // the first day of the next arrangement
	LeadAgencyID         int64
	CooperatingAgencyIDs []int64
	Decision             string // the reorganisation's or amendment's số, ký hiệu
	AmendmentID          int64  // the amendment that ended it; 0 for a reorganisation
	// SetKnown says that SetLead and SetCooperating hold the agencies the
	// decision gave the task, kept with it (migration 00024); the history
	// shows them, not the task as later edits leave it.
	SetKnown       bool
	SetLead        int64
	SetCooperating []int64
}

// TasksIn is the plan's tasks as they were in period p: only those in the
// plan then (InPlan: amendments); each task whose arrangement changed
// after p ended with the arrangement it had then (the earliest one ending
// after p); and each task an amendment changed after p ended with its
// title, text, deadline and product of then (the earliest version ending
// after p), so that its status in p is judged against the deadline of the
// time. A period holding the change's day already has the new arrangement
// and version, as its unsent reports moved to the successor. tasks is
// returned as is when nothing differs in p.
func TasksIn(tasks []plan.Task, arr []Arrangement, vers []plan.TaskVersion, p Period) []plan.Task {
	then := map[int64]*Arrangement{}
	for i := range arr {
		a := &arr[i]
		if !a.Until.After(p.End) {
			continue
		}
		if old := then[a.TaskID]; old == nil || a.Until.Before(old.Until) {
			then[a.TaskID] = a
		}
	}
	was := map[int64]*plan.TaskVersion{}
	for i := range vers {
		v := &vers[i]
		if !v.Until.After(p.End) {
			continue
		}
		if old := was[v.TaskID]; old == nil || v.Until.Before(old.Until) {
			was[v.TaskID] = v
		}
	}
	out := tasks
	if len(then) > 0 || len(was) > 0 {
		out = slices.Clone(tasks)
		for i := range out {
			t := &out[i]
			if a := then[t.ID]; a != nil {
				t.LeadAgencyID = a.LeadAgencyID
				t.CooperatingAgencyIDs = slices.Clone(a.CooperatingAgencyIDs)
			}
			if v := was[t.ID]; v != nil {
				t.Title, t.Text, t.Deadline, t.Product = v.Title, v.Text, v.Deadline, v.Product
			}
		}
	}
	for i := range out {
		if !InPlan(&out[i], p) {
			return slices.DeleteFunc(slices.Clone(out), func(t plan.Task) bool { return !InPlan(&t, p) })
		}
	}
	return out
}
