package web

import (
	"errors"
	"net/http"

	"tiendo/internal/reporting"
)

// reportReturn sends a submitted report back to its agency with a reason
// (the coordinator). Without a reason the page comes back with the
// message beside the reason field.
func (h *handler) reportReturn(w http.ResponseWriter, r *http.Request) error {
	rep, err := h.loadReport(r, reporting.ActReturn)
	if err != nil {
		return err
	}
	version, err := flowVersion(w, r)
	if err != nil {
		return err
	}
	reason := r.PostFormValue("reason")
	err = reporting.CheckReturnReason(reason)
	if err == nil {
		_, err = h.store.ReturnReport(r.Context(), h.actor(r), rep.ID, reason, version)
	}
	if errors.Is(err, reporting.ErrReasonRequired) {
		v, err := h.reportPage(r, rep)
		if err != nil {
			return err
		}
		v.ReturnReason = reason
		v.ReturnError = reporting.ErrReasonRequired.Error()
		return reshow(http.StatusUnprocessableEntity, "report_show", reportPageOf(v))
	}
	if err := h.flowRejected(r, rep, err); err != nil {
		return err
	}
	http.Redirect(w, r, reportURL(rep.ID, "?done=returned"), http.StatusSeeOther)
	return nil
}
