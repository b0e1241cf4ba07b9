package web

import (
	"errors"
	"maps"
	"net/http"
	"strconv"

	"tiendo/internal/officialreport"
	"tiendo/internal/store"
)

// msgOfficialReportConflict is shown when someone else saved the official
// report since the form was opened.
const msgOfficialReportConflict = "Người khác vừa lưu báo cáo tổng hợp của kỳ này trước bạn. " +
	"Những gì bạn nhập vẫn được giữ bên dưới: bấm Lưu lần nữa để ghi đè, hoặc mở lại trang để lấy bản mới."

// officialReportSave saves the official report form of plan {id} for
// period= (store.SaveOfficialReport). The version read with the form
// guards against overwriting someone else's save: on a conflict the input
// is kept and the form takes the new version, so that saving again
// overwrites knowingly. Field errors are shown beside the fields.
func (h *handler) officialReportSave(w http.ResponseWriter, r *http.Request) error {
	o, err := h.loadOfficialReport(w, r)
	if o == nil {
		return err
	}
	f := newOfficialReportForm(o.X, o.Draft)
	if err := readOfficialReportForm(w, r, f); err != nil {
		return err
	}
	planID, periodID := o.X.Facts.Plan.ID, o.X.Dashboard.Period.ID
	d, fe := f.draft(planID, periodID)
	if fe != nil {
		var ie *officialreport.InvalidError
		if errors.As(d.Validate(), &ie) {
			for k, msg := range ie.Fields {
				if fe[k] == "" {
					fe[k] = msg
				}
			}
		}
		f.Errors = fe
		return reshow(http.StatusUnprocessableEntity, "official_report_form", officialReportPage(f))
	}
	err = h.store.SaveOfficialReport(r.Context(), actorID(r), d)
	var ie *officialreport.InvalidError
	switch {
	case errors.As(err, &ie):
		f.Errors = maps.Clone(ie.Fields)
		return reshow(http.StatusUnprocessableEntity, "official_report_form", officialReportPage(f))
	case errors.Is(err, store.ErrConflict):
		theirs, rerr := h.store.OfficialReport(r.Context(), planID, periodID)
		if rerr != nil {
			return rerr
		}
		f.Error, f.Theirs, f.Version, f.UpdatedAt = msgOfficialReportConflict, theirs, theirs.Version, theirs.UpdatedAt
		return reshow(http.StatusConflict, "official_report_form", officialReportPage(f))
	case err != nil:
		return err
	}
	http.Redirect(w, r, "/plans/"+strconv.FormatInt(planID, 10)+"/official-report?period="+strconv.FormatInt(periodID, 10)+"&saved=1", http.StatusSeeOther)
	return nil
}
