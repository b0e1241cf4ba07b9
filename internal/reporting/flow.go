package reporting

import (
	"strings"
	"time"

	"tiendo/internal/auth"
)

// Action is one thing a person does to a report.
type Action string

// Actions on a report.
const (
	ActView   Action = "view"   // read it (with its entries and files)
	ActEdit   Action = "edit"   // save entries, contributions, values, texts, files (chuyên viên or lãnh đạo)
	ActSubmit Action = "submit" // approve and send it (lãnh đạo of the agency)
	ActAccept Action = "accept" // accept it (the coordinator); locks it
	ActReturn Action = "return" // send it back with a reason (the coordinator)
	ActRevise Action = "revise" // start a new revision of an accepted report (the agency)
)

// Actions lists every action, for tables and menus.
var Actions = []Action{ActView, ActEdit, ActSubmit, ActAccept, ActReturn, ActRevise}

// Can says whether user u may do action a to report r on day today: nil
// when allowed, else an *Error saying why not (errors.Is with ErrForbidden,
// ErrLocked, ErrWrongState, ErrNotStarted…). The rules:
//
//   - nobody edits another agency's report: the agency's lãnh đạo (head)
//     and chuyên viên (officer) read and write their own agency's reports
//     only; the coordinator and admin read all; the province's leaders read
//     accepted reports only;
//   - officer or head edit a report that is not started, a draft or
//     returned, once its period has started;
//   - only the head submits (approves and sends), and not before the
//     period starts; after the due day it is allowed and marked late;
//   - the coordinator (or admin) accepts or returns a submitted report;
//     returning needs a reason (CheckReturnReason);
//   - an accepted report is locked, and so is every older revision; a
//     correction is a new revision (revise), made by the agency.
//
// A disabled user, or none, may do nothing. Can does not check versions
// or the report's content (ValidateForSubmit does).
func Can(u *auth.User, r *Report, a Action, today time.Time) error {
	if u == nil || u.Disabled || !u.Role.Valid() {
		return ErrForbidden
	}
	switch a {
	case ActView:
		return canView(u, r)
	case ActEdit, ActSubmit, ActRevise:
		if err := ownAgency(u, r); err != nil {
			return err
		}
		return agencyStep(u, r, a, today)
	case ActAccept, ActReturn:
		if u.Role != auth.RoleCoordinator && u.Role != auth.RoleAdmin {
			return ErrReviewOnly
		}
		if !r.Current {
			return ErrOldRevision
		}
		switch r.State {
		case StateSubmitted:
			return nil
		case StateAccepted:
			return ErrLocked
		}
		return ErrNotSubmitted
	}
	return ErrForbidden
}

// canView: coordinator and admin all, leaders accepted, agencies their own.
func canView(u *auth.User, r *Report) error {
	switch u.Role {
	case auth.RoleAdmin, auth.RoleCoordinator:
		return nil
	case auth.RoleLeader:
		if r.State == StateAccepted {
			return nil
		}
		return ErrAcceptedOnly
	}
	return ownAgency(u, r)
}

// ownAgency allows the head and officers of the report's agency.
func ownAgency(u *auth.User, r *Report) error {
	if u.Role != auth.RoleHead && u.Role != auth.RoleOfficer {
		return ErrAgencyOnly
	}
	if u.AgencyID == 0 || u.AgencyID != r.AgencyID {
		return ErrOtherAgency
	}
	return nil
}

// agencyStep checks edit, submit and revise for a user of the report's agency.
func agencyStep(u *auth.User, r *Report, a Action, today time.Time) error {
	if a == ActSubmit && u.Role != auth.RoleHead {
		return ErrHeadOnly
	}
	if !r.Current {
		return ErrOldRevision
	}
	if a == ActRevise {
		if r.State != StateAccepted {
			return ErrNotAccepted
		}
		return nil
	}
	switch r.State {
	case StateAccepted:
		return ErrLocked
	case StateSubmitted:
		return ErrSubmitted
	}
	if !r.Period.Started(today) {
		return ErrNotStarted
	}
	return nil
}

// CheckReturnReason checks the reason the coordinator gives when returning
// a report: it must say something (ErrReasonRequired).
func CheckReturnReason(reason string) error {
	if strings.TrimSpace(reason) == "" {
		return ErrReasonRequired
	}
	return nil
}

// After is the state a report reaches by action a from state s (the state
// machine; Can says whether a is allowed). Edit moves a not started report
// to draft and leaves a returned one returned until it is resubmitted; revise
// gives the new revision's state.
func After(s State, a Action) State {
	switch a {
	case ActEdit:
		if s == StateNotStarted {
			return StateDraft
		}
	case ActSubmit:
		return StateSubmitted
	case ActAccept:
		return StateAccepted
	case ActReturn:
		return StateReturned
	case ActRevise:
		return StateDraft
	}
	return s
}

// Allowed lists the actions u may take on r on day today, for showing the
// right buttons.
func Allowed(u *auth.User, r *Report, today time.Time) []Action {
	var out []Action
	for _, a := range Actions {
		if Can(u, r, a, today) == nil {
			out = append(out, a)
		}
	}
	return out
}
