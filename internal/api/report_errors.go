package api

import (
	"errors"
	"net/http"

	"tiendo/internal/reporting"
)

// ruleError maps a broken reporting rule (a *reporting.Error or
// *reporting.InvalidError in err's chain) to what the client sees. The
// message is the rule's own Vietnamese message, and Rule its stable code.
// One principle decides the status:
//
//   - 403 forbidden: the person may not do this to this report, whatever
//     its state (ErrForbidden: another agency's report, an officer
//     submitting, an agency accepting, a leader reading a report not yet
//     accepted);
//   - 409 conflict: the report (or its period) is not in a state that
//     allows the step; the same request may succeed after another step or
//     another day (ErrLocked: accepted or an older revision; ErrWrongState:
//     already submitted, not submitted; ErrNotStarted: the period has not
//     begun);
//   - 422 invalid: what the request says is wrong or incomplete, and
//     fields says where (ErrInvalid with its fields, ErrIncomplete with
//     "entries.<task id>", ErrReasonRequired → "reason", ErrNoteRequired →
//     "note", ErrNotAssigned → "task" (ErrIndicatorNotAssigned → "indicator"),
//     ErrNotExpected → "agency").
func ruleError(err error) *apiError {
	code := reporting.ErrorCode(err)
	e := &apiError{Status: http.StatusUnprocessableEntity, Code: codeInvalid, Rule: code}
	var ie *reporting.InvalidError
	if errors.As(err, &ie) {
		e.Message = ie.Err.Error()
		e.Fields = map[string]string(ie.Fields)
		return e
	}
	var re *reporting.Error
	if errors.As(err, &re) {
		e.Message = re.Error()
	}
	switch {
	case errors.Is(err, reporting.ErrForbidden):
		e.Status, e.Code = http.StatusForbidden, codeForbidden
	case errors.Is(err, reporting.ErrLocked), errors.Is(err, reporting.ErrWrongState), errors.Is(err, reporting.ErrNotStarted):
		e.Status, e.Code = http.StatusConflict, codeConflict
	case errors.Is(err, reporting.ErrReasonRequired):
		e.Fields = map[string]string{"reason": e.Message}
	case errors.Is(err, reporting.ErrNoteRequired):
		e.Fields = map[string]string{"note": e.Message}
	case errors.Is(err, reporting.ErrIndicatorNotAssigned):
		e.Fields = map[string]string{"indicator": e.Message}
	case errors.Is(err, reporting.ErrNotAssigned):
		e.Fields = map[string]string{"task": e.Message}
	case errors.Is(err, reporting.ErrNotExpected):
		e.Fields = map[string]string{"agency": e.Message}
	}
	return e
}
