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
	id, err := pathID(r)
	if err != nil {
		return err
	}
	read, err := flowVersion(w, r)
	if err != nil {
		return err
	}
	reason := r.PostFormValue("reason")
	_, err = h.app.ReturnReport(r.Context(), h.user(r), id, reason, read)
	if errors.Is(err, reporting.ErrReasonRequired) {
		v, err := h.reportPage(r, id)
		if err != nil {
			return err
		}
		v.ReturnReason = reason
		v.ReturnError = reporting.ErrReasonRequired.Error()
		return reshow(http.StatusUnprocessableEntity, "report_show", reportPageOf(v))
	}
	if err := h.flowRejected(r, id, err); err != nil {
		return err
	}
	http.Redirect(w, r, reportURL(id, "?done=returned"), http.StatusSeeOther)
	return nil
}
