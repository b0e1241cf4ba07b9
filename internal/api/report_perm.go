package api

import (
	"tiendo/internal/auth"
	"tiendo/internal/clock"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// The reporting permissions (auth.WriteReport, SubmitReport, ReviewReport,
// RequestExtension, DecideExtension) are the coarse half of reporting.Can —
// may this role ever take the action? — checked before the handler reads
// anything; the use case (internal/app) checks the whole rule (this
// agency's report, in this state, in a started period) on the report
// itself, and the store again inside the write's transaction.

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
	switch perm {
	case auth.RequestExtension:
		// A task the user's own agency leads: only the role can make it fail.
		return extensionError(reporting.CanRequestExtension(u, &plan.Task{LeadAgencyID: u.AgencyID}))
	case auth.DecideExtension:
		probe := &reporting.Extension{State: reporting.ExtensionPending}
		return extensionError(reporting.CanDecideExtension(u, probe, true, ""))
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
	case auth.WriteReport:
		return reporting.ActEdit, reporting.StateDraft, true
	case auth.SubmitReport:
		return reporting.ActSubmit, reporting.StateDraft, true
	case auth.ReviewReport:
		return reporting.ActAccept, reporting.StateSubmitted, true
	}
	return "", "", false
}
