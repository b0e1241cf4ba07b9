package reporting

import (
	"slices"
	"strconv"

	"tiendo/internal/plan"
)

// OpenIn reports whether task t is open in period p, so that its lead and
// cooperating agencies must report on it: it has a lead agency, has begun
// (its deadline's start, when stated, is not after the period's end), was
// not completed before the period started, and was not cancelled in the
// accepted report of an earlier period (a cancellation counts from the
// period after the report that made it).
func OpenIn(t *plan.Task, p Period) bool {
	if t.LeadAgencyID == 0 {
		return false
	}
	if s := t.Deadline.Start; !s.IsZero() && s.After(p.End) {
		return false
	}
	if t.Completed() && dateOf(t.CompletedOn).Before(p.Start) {
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
