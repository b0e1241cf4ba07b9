package api

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"

	"tiendo/internal/auth"
	"tiendo/internal/derrors"
	"tiendo/internal/download"
	"tiendo/internal/officialreport"
	"tiendo/internal/officialreport/render"
)

// officialReport builds the official report of plan {id} for period=
// (default the period containing today): app.OfficialReport, which the
// web pages call too. A period of another plan is a bad request here.
func (a *api) officialReport(r *http.Request, u *auth.User) (*officialreport.Report, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	fe := map[string]string{}
	periodID := queryID(r.URL.Query(), "period", fe)
	if len(fe) > 0 {
		return nil, badRequest(fe, "Tham số không hợp lệ.")
	}
	rep, err := a.app.OfficialReport(r.Context(), u, id, periodID)
	return rep, queryInvalid(err)
}

// queryInvalid makes an Invalid answer to a query parameter (a period of
// another plan) the 400 it has always been; other errors pass through.
func queryInvalid(err error) error {
	if errors.Is(err, derrors.Invalid) {
		return badRequest(derrors.FieldsOf(err), "%s", derrors.MessageOf(err))
	}
	return err
}

// officialReportDocx answers GET /plans/{id}/report.docx: the official
// report (Decree 30 layout) as last edited, or the first draft.
func (a *api) officialReportDocx(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	rep, err := a.officialReport(r, u)
	if err != nil {
		return err
	}
	if r.URL.Query().Get("upstream") == "1" { // the optional part on the tasks assigned from above
		if err := a.app.OfficialReportUpstream(r.Context(), u, rep); err != nil {
			return err
		}
	}
	var b bytes.Buffer
	if err := render.WriteDocx(&b, rep); err != nil {
		return err
	}
	return sendFile(w, render.DocxType, fmt.Sprintf("bao-cao-ke-hoach-%d-ky-%d.docx", rep.Draft.PlanID, rep.Draft.PeriodID), b.Bytes())
}

// officialReportXLSX answers GET /plans/{id}/report.xlsx: the appendix
// workbook (tasks, indicators, agencies' reports).
func (a *api) officialReportXLSX(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	rep, err := a.officialReport(r, u)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := render.WriteXLSX(&b, rep); err != nil {
		return err
	}
	return sendFile(w, render.XLSXType, fmt.Sprintf("phu-luc-ke-hoach-%d-ky-%d.xlsx", rep.Draft.PlanID, rep.Draft.PeriodID), b.Bytes())
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
