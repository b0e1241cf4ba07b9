package web

import (
	"errors"
	"net/http"
	"strconv"

	"tiendo/internal/plan"
	"tiendo/internal/reporting"
	"tiendo/internal/store"
)

// valueSave saves the period's value of an indicator the agency answers
// for. Versions as for a line.
func (h *handler) valueSave(w http.ResponseWriter, r *http.Request) error {
	rep, err := h.loadReport(r, reporting.ActEdit)
	if err != nil {
		return err
	}
	indID, err := pathInt(r, "indicator")
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxReportForm)
	if err := r.ParseForm(); err != nil {
		return err
	}
	in := &valueForm{IndicatorID: indID, Value: r.PostFormValue("value"), Note: r.PostFormValue("note")}
	in.Version, _ = strconv.Atoi(r.PostFormValue("version"))
	num, err := parseNumber(in.Value)
	if err != nil {
		in.Errors = plan.FieldErrors{"value": msgBadNumber}
		return h.valueRejected(w, r, rep, in, http.StatusUnprocessableEntity)
	}
	val := reporting.IndicatorValue{IndicatorID: indID, Value: num, Note: in.Note, Version: in.Version}
	ctx := r.Context()
	err = h.store.SaveIndicatorValue(ctx, h.actor(r), rep.ID, &val)
	var ie *reporting.InvalidError
	switch {
	case errors.Is(err, store.ErrConflict):
		fresh, err := h.store.Report(ctx, rep.ID)
		if err != nil {
			return err
		}
		for _, s := range fresh.Values {
			if s.IndicatorID == indID {
				vv := (&reportData{}).valueView(s)
				in.Conflict, in.Version = &vv, s.Version
			}
		}
		if in.Conflict != nil {
			names, err := h.userNames(ctx)
			if err != nil {
				return err
			}
			in.ConflictBy = names[in.Conflict.UpdatedBy]
		}
		in.Alert = msgEntryConflict
		return h.valueRejected(w, r, fresh, in, http.StatusConflict)
	case errors.As(err, &ie):
		in.Errors = ie.Fields
		return h.valueRejected(w, r, rep, in, http.StatusUnprocessableEntity)
	case err != nil:
		return err
	}
	if wantsJSON(r) {
		return h.autosaved(w, r, rep.ID, val.Version, 0)
	}
	http.Redirect(w, r, reportURL(rep.ID, "/edit?done=saved#value-"+strconv.FormatInt(indID, 10)), http.StatusSeeOther)
	return nil
}

// valueRejected shows the form again with the value as typed.
func (h *handler) valueRejected(w http.ResponseWriter, r *http.Request, rep *reporting.Report, in *valueForm, status int) error {
	if wantsJSON(r) {
		return rejectedJSON(w, status, in.Errors)
	}
	v, err := h.editPage(r, rep)
	if err != nil {
		return err
	}
	f := v.value(in.IndicatorID)
	if f == nil {
		return reporting.ErrNotAssigned
	}
	in.Code, in.Name, in.Unit = f.Code, f.Name, f.Unit
	*f = *in
	v.Error = msgNotSaved
	return reshow(status, "report_edit", editPageOf(v))
}
