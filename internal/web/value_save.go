package web

import (
	"errors"
	"net/http"
	"strconv"

	"tiendo/internal/app"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// valueSave saves the period's value of an indicator the agency answers
// for. Versions as for a line.
func (h *handler) valueSave(w http.ResponseWriter, r *http.Request) error {
	id, indID, err := partPath(r, "indicator")
	if err != nil {
		return err
	}
	if err := readForm(w, r, maxReportForm); err != nil {
		return err
	}
	in := &valueForm{IndicatorID: indID, Value: r.PostFormValue("value"), Note: r.PostFormValue("note")}
	in.Version, _ = strconv.Atoi(r.PostFormValue("version"))
	num, err := parseNumber(in.Value)
	var unread plan.FieldErrors
	if err != nil {
		unread = plan.FieldErrors{"value": msgBadNumber}
	}
	val, err := h.app.SaveReportValue(r.Context(), h.user(r), id, reporting.IndicatorValue{IndicatorID: indID, Value: num, Note: in.Note},
		[]int{in.Version}, unread)
	var conflict *app.ReportPartConflict
	var ie *reporting.InvalidError
	switch {
	case errors.As(err, &conflict):
		in.Version, in.Alert = conflict.Version, msgEntryConflict
		return h.valueRejected(w, r, id, in, http.StatusConflict, conflict)
	case errors.As(err, &ie):
		in.Errors = ie.Fields
		return h.valueRejected(w, r, id, in, http.StatusUnprocessableEntity, nil)
	case err != nil:
		return err
	}
	if wantsJSON(r) {
		return h.autosaved(w, r, id, val.Version, 0)
	}
	http.Redirect(w, r, reportURL(id, "/edit?done=saved#value-"+strconv.FormatInt(indID, 10)), http.StatusSeeOther)
	return nil
}

// valueRejected shows report id's form again with the value as typed and,
// after a conflict, the value saved meanwhile.
func (h *handler) valueRejected(w http.ResponseWriter, r *http.Request, id int64, in *valueForm, status int, conflict *app.ReportPartConflict) error {
	if wantsJSON(r) {
		return rejectedJSON(w, status, in.Errors)
	}
	v, err := h.editPage(r, id)
	if err != nil {
		return err
	}
	f := v.value(in.IndicatorID)
	if f == nil {
		return reporting.ErrIndicatorNotAssigned
	}
	if conflict != nil {
		vv := v.valueView(*conflict.Value)
		in.Conflict, in.ConflictBy = &vv, v.users[conflict.By]
	}
	in.Code, in.Name, in.Unit = f.Code, f.Name, f.Unit
	*f = *in
	v.Error = msgNotSaved
	return reshow(status, "report_edit", editPageOf(v))
}
