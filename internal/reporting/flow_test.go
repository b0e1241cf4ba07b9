package reporting

import (
	"errors"
	"testing"

	"tiendo/internal/auth"
)

// TestCan is the flow's rule table: who may do what to a report of agency 1
// in which state, on 15/6/2026 (quarter II/2026 started 1/4, due 10/6).
func TestCan(t *testing.T) {
	var (
		officerA = &auth.User{ID: 1, Role: auth.RoleOfficer, AgencyID: 1}
		headA    = &auth.User{ID: 2, Role: auth.RoleHead, AgencyID: 1}
		headB    = &auth.User{ID: 3, Role: auth.RoleHead, AgencyID: 2}
		officerB = &auth.User{ID: 4, Role: auth.RoleOfficer, AgencyID: 2}
		coord    = &auth.User{ID: 5, Role: auth.RoleCoordinator}
		admin    = &auth.User{ID: 6, Role: auth.RoleAdmin}
		leader   = &auth.User{ID: 7, Role: auth.RoleLeader}
		disabled = &auth.User{ID: 8, Role: auth.RoleHead, AgencyID: 1, Disabled: true}
		noAgency = &auth.User{ID: 9, Role: auth.RoleHead}
	)
	today := d(2026, 6, 15)
	q2 := PeriodAt(DefaultRegime(1), today)
	q3 := PeriodAt(DefaultRegime(1), d(2026, 7, 1))
	rep := func(s State) *Report { return &Report{AgencyID: 1, State: s, Current: true, Period: q2, Revision: 1} }
	old := func(s State) *Report { r := rep(s); r.Current = false; return r }
	future := func(s State) *Report { r := rep(s); r.Period = q3; return r }

	for _, c := range []struct {
		rule string
		u    *auth.User
		r    *Report
		a    Action
		want error
	}{
		// Reading.
		{"agency reads its own draft", officerA, rep(StateDraft), ActView, nil},
		{"nobody reads another agency's draft", headB, rep(StateDraft), ActView, ErrOtherAgency},
		{"nobody reads another agency's accepted report either", officerB, rep(StateAccepted), ActView, ErrOtherAgency},
		{"coordinator reads all", coord, rep(StateDraft), ActView, nil},
		{"admin reads all", admin, rep(StateNotStarted), ActView, nil},
		{"leader reads accepted only", leader, rep(StateAccepted), ActView, nil},
		{"leader does not read a submitted report", leader, rep(StateSubmitted), ActView, ErrAcceptedOnly},
		{"leader reads an accepted old revision", leader, old(StateAccepted), ActView, nil},
		{"not signed in", nil, rep(StateDraft), ActView, ErrForbidden},
		{"disabled account", disabled, rep(StateDraft), ActView, ErrForbidden},

		// Drafting.
		{"officer starts a report", officerA, rep(StateNotStarted), ActEdit, nil},
		{"officer drafts", officerA, rep(StateDraft), ActEdit, nil},
		{"head drafts", headA, rep(StateDraft), ActEdit, nil},
		{"agency fixes a returned report", officerA, rep(StateReturned), ActEdit, nil},
		{"nobody edits another agency's report", headB, rep(StateDraft), ActEdit, ErrOtherAgency},
		{"a head without agency edits nothing", noAgency, rep(StateDraft), ActEdit, ErrOtherAgency},
		{"coordinator does not write agencies' reports", coord, rep(StateDraft), ActEdit, ErrAgencyOnly},
		{"leader does not write", leader, rep(StateDraft), ActEdit, ErrAgencyOnly},
		{"submitted report waits for review", officerA, rep(StateSubmitted), ActEdit, ErrSubmitted},
		{"accepted report is locked", headA, rep(StateAccepted), ActEdit, ErrLocked},
		{"old revision is locked", headA, old(StateDraft), ActEdit, ErrOldRevision},
		{"period not started: no drafting", officerA, future(StateNotStarted), ActEdit, ErrNotStarted},

		// Submitting.
		{"officer cannot submit", officerA, rep(StateDraft), ActSubmit, ErrHeadOnly},
		{"head submits a draft (after the due day: allowed, marked late)", headA, rep(StateDraft), ActSubmit, nil},
		{"head submits straight from not started", headA, rep(StateNotStarted), ActSubmit, nil},
		{"head resubmits a returned report", headA, rep(StateReturned), ActSubmit, nil},
		{"period not started: no submitting", headA, future(StateDraft), ActSubmit, ErrNotStarted},
		{"no second submission", headA, rep(StateSubmitted), ActSubmit, ErrSubmitted},
		{"accepted report cannot be submitted", headA, rep(StateAccepted), ActSubmit, ErrLocked},
		{"head of another agency cannot submit", headB, rep(StateDraft), ActSubmit, ErrOtherAgency},
		{"coordinator cannot submit for an agency", coord, rep(StateDraft), ActSubmit, ErrAgencyOnly},

		// Reviewing.
		{"coordinator accepts", coord, rep(StateSubmitted), ActAccept, nil},
		{"admin accepts", admin, rep(StateSubmitted), ActAccept, nil},
		{"head cannot accept its own report", headA, rep(StateSubmitted), ActAccept, ErrReviewOnly},
		{"leader cannot accept", leader, rep(StateSubmitted), ActAccept, ErrReviewOnly},
		{"a draft cannot be accepted", coord, rep(StateDraft), ActAccept, ErrNotSubmitted},
		{"accepted twice", coord, rep(StateAccepted), ActAccept, ErrLocked},
		{"old revision cannot be accepted", coord, old(StateSubmitted), ActAccept, ErrOldRevision},
		{"coordinator returns", coord, rep(StateSubmitted), ActReturn, nil},
		{"a returned report cannot be returned again", coord, rep(StateReturned), ActReturn, ErrNotSubmitted},
		{"an accepted report cannot be returned", coord, rep(StateAccepted), ActReturn, ErrLocked},
		{"head cannot return", headA, rep(StateSubmitted), ActReturn, ErrReviewOnly},

		// Correcting after acceptance.
		{"head starts a new revision", headA, rep(StateAccepted), ActRevise, nil},
		{"officer starts a new revision", officerA, rep(StateAccepted), ActRevise, nil},
		{"only accepted reports get revisions", headA, rep(StateDraft), ActRevise, ErrNotAccepted},
		{"an old revision gets no revision", headA, old(StateAccepted), ActRevise, ErrOldRevision},
		{"coordinator does not correct for the agency", coord, rep(StateAccepted), ActRevise, ErrAgencyOnly},
		{"another agency does not correct", headB, rep(StateAccepted), ActRevise, ErrOtherAgency},
		{"unknown action", coord, rep(StateDraft), Action("delete"), ErrForbidden},
	} {
		t.Run(c.rule, func(t *testing.T) {
			err := Can(c.u, c.r, c.a, today)
			if c.want == nil && err != nil || c.want != nil && !errors.Is(err, c.want) {
				t.Errorf("Can(%s) = %v, want %v", c.a, err, c.want)
			}
			if err != nil && ErrorCode(err) == "" {
				t.Errorf("error %v has no code", err)
			}
		})
	}
}

func TestErrorKinds(t *testing.T) {
	for _, c := range []struct {
		err, kind error
	}{
		{ErrHeadOnly, ErrForbidden}, {ErrOtherAgency, ErrForbidden}, {ErrAgencyOnly, ErrForbidden},
		{ErrReviewOnly, ErrForbidden}, {ErrAcceptedOnly, ErrForbidden}, {ErrOldRevision, ErrLocked},
		{ErrSubmitted, ErrWrongState}, {ErrNotSubmitted, ErrWrongState}, {ErrNotAccepted, ErrWrongState},
		{ErrDecided, ErrWrongState}, {ErrIncomplete, ErrInvalid}, {ErrFileType, ErrInvalid},
	} {
		if !errors.Is(c.err, c.kind) {
			t.Errorf("%v is not %v", c.err, c.kind)
		}
	}
	if errors.Is(ErrLocked, ErrForbidden) || errors.Is(ErrForbidden, ErrHeadOnly) {
		t.Error("kinds leak")
	}
	if ErrorCode(ErrHeadOnly) != "head_only" || ErrorCode(errors.New("x")) != "" {
		t.Error("codes")
	}
}

func TestCheckReturnReason(t *testing.T) {
	for _, reason := range []string{"", "   ", "\n\t"} {
		if !errors.Is(CheckReturnReason(reason), ErrReasonRequired) {
			t.Errorf("reason %q accepted", reason)
		}
	}
	if err := CheckReturnReason("Thiếu số liệu chỉ tiêu CT01"); err != nil {
		t.Error(err)
	}
}

func TestAfterAndAllowed(t *testing.T) {
	for _, c := range []struct {
		from State
		a    Action
		to   State
	}{
		{StateNotStarted, ActEdit, StateDraft}, {StateDraft, ActEdit, StateDraft}, {StateReturned, ActEdit, StateReturned},
		{StateDraft, ActSubmit, StateSubmitted}, {StateReturned, ActSubmit, StateSubmitted},
		{StateSubmitted, ActAccept, StateAccepted}, {StateSubmitted, ActReturn, StateReturned},
		{StateAccepted, ActRevise, StateDraft}, {StateDraft, ActView, StateDraft},
	} {
		if got := After(c.from, c.a); got != c.to {
			t.Errorf("%s --%s--> %s, want %s", c.from, c.a, got, c.to)
		}
	}
	today := d(2026, 6, 15)
	r := &Report{AgencyID: 1, State: StateDraft, Current: true, Period: PeriodAt(DefaultRegime(1), today)}
	got := Allowed(&auth.User{Role: auth.RoleHead, AgencyID: 1}, r, today)
	if len(got) != 3 || got[0] != ActView || got[1] != ActEdit || got[2] != ActSubmit {
		t.Errorf("head on a draft may %v", got)
	}
	got = Allowed(&auth.User{Role: auth.RoleOfficer, AgencyID: 1}, r, today)
	if len(got) != 2 {
		t.Errorf("officer on a draft may %v", got)
	}
}
