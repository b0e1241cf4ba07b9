package reporting

import (
	"slices"
	"time"
)

// Inbox is everything waiting on the coordinator, across every period of
// every active plan: reports sent and waiting to be accepted or returned
// (oldest first), reports returned and not yet sent again (longest
// waiting first), reports still not sent after their period's due day
// (most overdue first), and extension requests waiting for a decision
// (oldest first).
type Inbox struct {
	Review     []Report
	Returned   []Report
	Missing    []Report
	Extensions []Extension
}

// Empty reports whether nothing waits.
func (in *Inbox) Empty() bool {
	return len(in.Review)+len(in.Returned)+len(in.Missing)+len(in.Extensions) == 0
}

// NewInbox sorts the current reports of started periods and the pending
// extension requests into an Inbox, judged on day today (calendar day).
func NewInbox(reports []Report, pending []Extension, today time.Time) *Inbox {
	in := &Inbox{}
	for _, r := range reports {
		if !r.Current {
			continue
		}
		switch r.State {
		case StateSubmitted:
			in.Review = append(in.Review, r)
		case StateReturned:
			in.Returned = append(in.Returned, r)
		case StateNotStarted, StateDraft:
			if !r.Period.Due.IsZero() && r.Period.Due.Before(today) {
				in.Missing = append(in.Missing, r)
			}
		}
	}
	for _, e := range pending {
		if e.State == ExtensionPending {
			in.Extensions = append(in.Extensions, e)
		}
	}
	slices.SortStableFunc(in.Review, func(a, b Report) int { return a.SubmittedAt.Compare(b.SubmittedAt) })
	slices.SortStableFunc(in.Returned, func(a, b Report) int { return a.ReturnedAt.Compare(b.ReturnedAt) })
	slices.SortStableFunc(in.Missing, func(a, b Report) int { return a.Period.Due.Compare(b.Period.Due) })
	slices.SortStableFunc(in.Extensions, func(a, b Extension) int { return a.RequestedAt.Compare(b.RequestedAt) })
	return in
}
