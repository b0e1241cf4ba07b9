package api

import (
	"tiendo/internal/auth"
	"tiendo/internal/clock"
	"tiendo/internal/reporting"
)

// Route permissions of the reporting writes. They are the coarse half of
// reporting.Can — may this role ever take the action? — checked before the
// handler reads anything; the store checks the whole rule (this agency's
// report, in this state, in a started period) on the report itself, inside
// the write's transaction. They belong in package auth beside the other
// permissions; until they move there, permit knows them.
const (
	permReportEdit   auth.Permission = "report.edit"   // save entries: the agency's head or officer
	permReportSubmit auth.Permission = "report.submit" // approve and send: the agency's head
	permReportReview auth.Permission = "report.review" // accept or return: coordinator, admin
)

// permit checks that u holds perm: 403 otherwise, with the reporting
// rule's own message (an officer who tries to submit is told to ask the
// head) for the reporting permissions.
func (a *api) permit(u *auth.User, perm auth.Permission) error {
	if act, from, ok := reportAction(perm); ok {
		// The action on a report of the user's own agency in the state the
		// action starts from, in a period that has begun: only the role can
		// make it fail.
		probe := &reporting.Report{AgencyID: u.AgencyID, Current: true, State: from}
		return reporting.Can(u, probe, act, clock.Today(a.clock))
	}
	if !auth.Can(u, perm) {
		return forbidden()
	}
	return nil
}

// reportAction is the reporting action a route permission stands for, and
// the report state that action starts from.
func reportAction(perm auth.Permission) (reporting.Action, reporting.State, bool) {
	switch perm {
	case permReportEdit:
		return reporting.ActEdit, reporting.StateDraft, true
	case permReportSubmit:
		return reporting.ActSubmit, reporting.StateDraft, true
	case permReportReview:
		return reporting.ActAccept, reporting.StateSubmitted, true
	}
	return "", "", false
}
