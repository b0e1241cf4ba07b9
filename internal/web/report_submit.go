package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"tiendo/internal/reporting"
	"tiendo/internal/store"
)

// maxFlowForm bounds a flow step's form (a version, a return reason).
const maxFlowForm = 256 << 10

// reportSubmit approves and sends a report (the agency's head). A report
// with lines that state no status comes back with those lines marked; one
// changed since the page was read comes back fresh, to be read again.
func (h *handler) reportSubmit(w http.ResponseWriter, r *http.Request) error {
	rep, err := h.loadReport(r, reporting.ActSubmit)
	if err != nil {
		return err
	}
	version, err := flowVersion(w, r)
	if err != nil {
		return err
	}
	_, err = h.store.SubmitReport(r.Context(), h.actor(r), rep.ID, version)
	if err := h.flowRejected(r, rep, err); err != nil {
		return err
	}
	http.Redirect(w, r, reportURL(rep.ID, "?done=submitted"), http.StatusSeeOther)
	return nil
}

// flowVersion reads the report version a flow step was pressed on.
func flowVersion(w http.ResponseWriter, r *http.Request) (int, error) {
	r.Body = http.MaxBytesReader(w, r.Body, maxFlowForm)
	if err := r.ParseForm(); err != nil {
		return 0, err
	}
	v, _ := strconv.Atoi(strings.TrimSpace(r.PostFormValue("version")))
	return max(v, 0), nil
}

// flowRejected turns the refusal of a flow step into the report page shown
// again with the reason (incomplete lines marked, or the fresh report after
// someone else's change); other errors go to fail as they are. nil when
// err is nil.
func (h *handler) flowRejected(r *http.Request, rep *reporting.Report, err error) error {
	var ie *reporting.InvalidError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &ie):
		v, verr := h.reportPage(r, rep)
		if verr != nil {
			return verr
		}
		v.Error = ie.Err.Error()
		v.Fields = ie.Fields
		for i := range v.Entries {
			v.Entries[i].Error = ie.Fields["entries."+strconv.FormatInt(v.Entries[i].TaskID, 10)]
		}
		return reshow(http.StatusUnprocessableEntity, "report_show", reportPageOf(v))
	case errors.Is(err, store.ErrConflict):
		fresh, ferr := h.store.Report(r.Context(), rep.ID)
		if ferr != nil {
			return ferr
		}
		v, verr := h.reportPage(r, fresh)
		if verr != nil {
			return verr
		}
		v.Error = msgReportChanged
		return reshow(http.StatusConflict, "report_show", reportPageOf(v))
	}
	return err
}

// msgReportChanged: the step was pressed on a page older than the report.
const msgReportChanged = "Báo cáo vừa được người khác thay đổi nên chưa thực hiện được. Nội dung mới nhất hiện bên dưới: hãy xem lại rồi bấm lại."
