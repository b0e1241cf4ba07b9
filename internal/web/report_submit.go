package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"tiendo/internal/derrors"
	"tiendo/internal/reporting"
)

// maxFlowForm bounds a flow step's form (a version, a return reason).
const maxFlowForm = 256 << 10

// reportSubmit approves and sends a report (the agency's head). A report
// with lines that state no status comes back with those lines marked; one
// changed since the page was read comes back fresh, to be read again.
func (h *handler) reportSubmit(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	read, err := flowVersion(w, r)
	if err != nil {
		return err
	}
	if r.PostFormValue("confirm") != "yes" {
		// Sending cannot be undone by the agency: the form asks for a
		// tick first (the browser enforces it; this is for the rest),
		// once the person is known to be allowed to send at all.
		if err := h.app.CheckReportAction(r.Context(), h.user(r), id, reporting.ActSubmit); err != nil {
			return err
		}
		v, err := h.reportPage(r, id)
		if err != nil {
			return err
		}
		v.Error = msgConfirmSubmit
		return reshow(http.StatusUnprocessableEntity, "report_show", reportPageOf(v))
	}
	_, err = h.app.SubmitReport(r.Context(), h.user(r), id, read)
	if err := h.flowRejected(r, id, err); err != nil {
		return err
	}
	http.Redirect(w, r, reportURL(id, "?done=submitted"), http.StatusSeeOther)
	return nil
}

// flowVersion reads the report version a flow step was pressed on, as the
// versions the person read: nil when the form names none.
func flowVersion(w http.ResponseWriter, r *http.Request) ([]int, error) {
	if err := readForm(w, r, maxFlowForm); err != nil {
		return nil, err
	}
	return formVersion(r.PostFormValue("version")), nil
}

// formVersion is a posted report version as the versions read: nil when
// the form names none (0 or nothing), which takes the report as it is.
func formVersion(s string) []int {
	if v, _ := strconv.Atoi(strings.TrimSpace(s)); v > 0 {
		return []int{v}
	}
	return nil
}

// flowRejected turns the refusal of a flow step on report id into the
// report page shown again with the reason (incomplete lines marked, or the
// fresh report after someone else's change); other errors go to fail as
// they are. nil when err is nil.
func (h *handler) flowRejected(r *http.Request, id int64, err error) error {
	var ie *reporting.InvalidError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &ie):
		v, verr := h.reportPage(r, id)
		if verr != nil {
			return verr
		}
		v.Error = ie.Err.Error()
		v.Fields = ie.Fields
		for i := range v.Entries {
			v.Entries[i].Error = ie.Fields["entries."+strconv.FormatInt(v.Entries[i].TaskID, 10)]
		}
		return reshow(http.StatusUnprocessableEntity, "report_show", reportPageOf(v))
	case errors.Is(err, derrors.Conflict):
		v, verr := h.reportPage(r, id)
		if verr != nil {
			return verr
		}
		v.Error = msgReportChanged
		return reshow(http.StatusConflict, "report_show", reportPageOf(v))
	}
	return err
}

// msgConfirmSubmit asks the head to confirm before a report goes.
const msgConfirmSubmit = "Chưa gửi: hãy đánh dấu ô xác nhận đã xem lại báo cáo rồi bấm “Duyệt và gửi Sở”."

// msgReportChanged: the step was pressed on a page older than the report.
const msgReportChanged = "Báo cáo vừa được người khác thay đổi nên chưa thực hiện được. Nội dung mới nhất hiện bên dưới: hãy xem lại rồi bấm lại."
