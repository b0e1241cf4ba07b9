package web

import (
	"errors"
	"net/http"
	"strconv"

	"tiendo/internal/derrors"
)

// msgOfficialReportConflict is shown when someone else saved the official
// report since the form was opened.
const msgOfficialReportConflict = "Người khác vừa lưu báo cáo tổng hợp của kỳ này trước bạn. " +
	"Những gì bạn nhập vẫn được giữ bên dưới: bấm Lưu lần nữa để ghi đè, hoặc mở lại trang để lấy bản mới."

// officialReportSave saves the official report form of plan {id} for
// period= (app.SaveOfficialReport). The version read with the form guards
// against overwriting someone else's save: on a conflict the input is kept
// and the form takes the new version, so that saving again overwrites
// knowingly. Field errors are shown beside the fields.
func (h *handler) officialReportSave(w http.ResponseWriter, r *http.Request) error {
	rep, err := h.loadOfficialReport(r)
	if err != nil {
		return err
	}
	f := newOfficialReportForm(rep)
	if err := readOfficialReportForm(w, r, f); err != nil {
		return err
	}
	planID, periodID := f.Plan.ID, f.Period.ID
	d, badDate := f.draft(planID, periodID)
	err = h.app.SaveOfficialReport(r.Context(), h.user(r), d)
	if fe := invalidFields(err); fe != nil {
		for k, msg := range badDate { // what the form could not read says it best
			fe[k] = msg
		}
		f.Errors = fe
		return reshow(http.StatusUnprocessableEntity, "official_report_form", officialReportPage(f))
	}
	if errors.Is(err, derrors.Conflict) {
		theirs, rerr := h.loadOfficialReport(r)
		if rerr != nil {
			return rerr
		}
		f.Error, f.Theirs, f.Version, f.UpdatedAt = msgOfficialReportConflict, theirs.Draft, theirs.Draft.Version, theirs.Draft.UpdatedAt
		return reshow(http.StatusConflict, "official_report_form", officialReportPage(f))
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/plans/"+strconv.FormatInt(planID, 10)+"/official-report?period="+strconv.FormatInt(periodID, 10)+"&saved=1", http.StatusSeeOther)
	return nil
}
