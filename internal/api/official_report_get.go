package api

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"

	"tiendo/internal/auth"
	"tiendo/internal/clock"
	"tiendo/internal/download"
	"tiendo/internal/figures"
	"tiendo/internal/officialreport"
	"tiendo/internal/store"
)

// officialReport gathers the official report of a plan for period= (default
// the period containing today): the figures of today, the accepted texts,
// and the coordinator's last saved draft or, never saved, the first draft.
func (a *api) officialReport(r *http.Request) (*figures.Facts, *figures.Dashboard, *officialreport.Draft, officialreport.Accepted, error) {
	var acc officialreport.Accepted
	id, err := pathID(r)
	if err != nil {
		return nil, nil, nil, acc, err
	}
	fe := map[string]string{}
	periodID := queryID(r.URL.Query(), "period", fe)
	if len(fe) > 0 {
		return nil, nil, nil, acc, badRequest(fe, "Tham số không hợp lệ.")
	}
	ctx, today := r.Context(), clock.Today(a.clock)
	facts, err := a.store.Facts(ctx, id, today)
	if err != nil {
		return nil, nil, nil, acc, notFoundAs(err, "Không có kế hoạch mã %d.", id)
	}
	fs, err := a.store.FigureSettings(ctx, id)
	if err != nil {
		return nil, nil, nil, acc, err
	}
	dash, err := figures.Compute(facts, fs.Options(figures.Options{PeriodID: periodID, AsOf: today}))
	if errors.Is(err, figures.ErrNoPeriod) {
		if periodID != 0 {
			return nil, nil, nil, acc, badRequest(map[string]string{"period": "Kỳ báo cáo này không thuộc kế hoạch."},
				"Kỳ báo cáo mã %d không thuộc kế hoạch mã %d.", periodID, id)
		}
		return nil, nil, nil, acc, notFound("Kế hoạch mã %d chưa có kỳ báo cáo.", id)
	}
	if err != nil {
		return nil, nil, nil, acc, err
	}
	if acc, err = a.store.OfficialReportSources(ctx, id, dash.Period.ID); err != nil {
		return nil, nil, nil, acc, err
	}
	saved, err := a.store.OfficialReport(ctx, id, dash.Period.ID)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return nil, nil, nil, acc, err
	}
	return facts, dash, officialreport.Current(saved, facts, dash, acc), acc, nil
}

// officialReportDocx answers GET /plans/{id}/report.docx: the official
// report (Decree 30 layout) as last edited, or the first draft.
func (a *api) officialReportDocx(w http.ResponseWriter, r *http.Request, _ *auth.User) error {
	_, dash, d, _, err := a.officialReport(r)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := officialreport.WriteDocx(&b, d, dash); err != nil {
		return err
	}
	return sendFile(w, officialreport.DocxType, fmt.Sprintf("bao-cao-ke-hoach-%d-ky-%d.docx", d.PlanID, d.PeriodID), b.Bytes())
}

// officialReportXLSX answers GET /plans/{id}/report.xlsx: the appendix
// workbook (tasks, indicators, agencies' reports).
func (a *api) officialReportXLSX(w http.ResponseWriter, r *http.Request, _ *auth.User) error {
	facts, dash, d, acc, err := a.officialReport(r)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := officialreport.WriteXLSX(&b, facts, dash, acc); err != nil {
		return err
	}
	return sendFile(w, officialreport.XLSXType, fmt.Sprintf("phu-luc-ke-hoach-%d-ky-%d.xlsx", d.PlanID, d.PeriodID), b.Bytes())
}

// sendFile writes a download: its type, an attachment name and the bytes.
func sendFile(w http.ResponseWriter, contentType, name string, b []byte) error {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", download.Attachment(name))
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Length", fmt.Sprint(len(b)))
	w.WriteHeader(http.StatusOK)
	_, err := w.Write(b)
	return err
}
