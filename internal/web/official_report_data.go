package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"

	"tiendo/internal/derrors"
	"tiendo/internal/download"
	"tiendo/internal/officialreport"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// The official report (báo cáo tổng hợp) of a plan for a period: the
// coordinator edits the narrative (officialreport.Draft) on one form and
// everyone who reads the plan downloads the .docx and the .xlsx appendix.
// app.OfficialReport builds it, for the API too: the figures of today for
// period= (default the period containing today), the agencies' accepted
// texts, and the saved draft or, never saved, the first draft.

// loadOfficialReport builds the official report of plan {id} for period=.
// An unknown period, or one of another plan, is a 404, as is a plan
// without periods (with its own message).
func (h *handler) loadOfficialReport(r *http.Request) (*officialreport.Report, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	periodID := formID(r.URL.Query().Get("period"))
	if s := r.URL.Query().Get("period"); s != "" && periodID == 0 {
		return nil, errNotFound
	}
	rep, err := h.app.OfficialReport(r.Context(), h.user(r), id, periodID)
	if errors.Is(err, derrors.Invalid) {
		return nil, errNotFound // the page's own period= names nothing of this plan
	}
	return rep, err
}

// isNotFound reports whether err is a "not found" of any layer.
func isNotFound(err error) bool { return err != nil && errors.Is(err, derrors.NotFound) }

// groupField is one task group's narrative on the form; Key is its field
// name, the key of officialreport.InvalidError's message for it.
type groupField struct {
	SectionID int64
	Label     string
	Title     string
	Text      string
	Key       string
}

// officialReportForm is the data of the official report's edit form. The
// fields hold the text as typed, so a form shown again after an error
// keeps exactly what the person wrote.
type officialReportForm struct {
	Plan    *plan.Plan
	Period  reporting.Period
	Periods []reporting.Period
	Version int // the version read (0: never saved, the first draft)

	Issuer, ParentIssuer, Number, Place, Date, Summary string
	General                                            string // 1. Kết quả chung, after the figures
	Results                                            []groupField
	Difficulties, Proposals, NextTasks                 string
	SignPrefix, SignTitle, SignName                    string
	Recipients                                         string // one a line

	UpdatedAt time.Time
	Errors    plan.FieldErrors
	Error     string                // the whole form: someone else saved first
	Theirs    *officialreport.Draft // on a conflict: what the other person saved
	Notice    string
}

// Query is the period= of the page's links.
func (f *officialReportForm) Query() string {
	return "?period=" + strconv.FormatInt(f.Period.ID, 10)
}

// newOfficialReportForm is the form of rep's plan and period, filled from
// its draft.
func newOfficialReportForm(rep *officialreport.Report) *officialReportForm {
	d := rep.Draft
	f := &officialReportForm{Plan: rep.Plan(), Period: rep.Period(), Periods: rep.Facts.Periods}
	f.Version, f.UpdatedAt = d.Version, d.UpdatedAt
	f.Issuer, f.ParentIssuer, f.Number, f.Place, f.Summary, f.General = d.Issuer, d.ParentIssuer, d.Number, d.Place, d.Summary, d.General
	if !d.Date.IsZero() {
		f.Date = d.Date.Format("02/01/2006")
	}
	for _, g := range d.Results {
		f.Results = append(f.Results, groupField{SectionID: g.SectionID, Label: g.Label, Title: g.Title, Text: g.Text,
			Key: fmt.Sprintf("results.%d", g.SectionID)})
	}
	f.Difficulties, f.Proposals, f.NextTasks = d.Difficulties, d.Proposals, d.NextTasks
	f.SignPrefix, f.SignTitle, f.SignName = d.SignPrefix, d.SignTitle, d.SignName
	f.Recipients = strings.Join(d.Recipients, "\n")
	return f
}

// readOfficialReportForm copies the posted fields into f (whose Results
// name the plan's current groups).
func readOfficialReportForm(w http.ResponseWriter, r *http.Request, f *officialReportForm) error {
	if err := readForm(w, r, maxFormBytes*4); err != nil {
		return err
	}
	v := r.PostFormValue
	f.Version, _ = strconv.Atoi(v("version"))
	f.Issuer, f.ParentIssuer, f.Number, f.Place = v("issuer"), v("parent_issuer"), v("number"), v("place")
	f.Date, f.Summary, f.General = v("date"), v("summary"), v("general")
	for i := range f.Results {
		f.Results[i].Text = v(f.Results[i].Key)
	}
	f.Difficulties, f.Proposals, f.NextTasks = v("difficulties"), v("proposals"), v("next_tasks")
	f.SignPrefix, f.SignTitle, f.SignName = v("sign_prefix"), v("sign_title"), v("sign_name")
	f.Recipients = v("recipients")
	return nil
}

// draft is the form as a draft of planID and periodID, with the problem of
// a date that is not a date (left zero in the draft, which the use case
// then refuses beside the other problems; the draft's own rules are
// app.SaveOfficialReport's).
func (f *officialReportForm) draft(planID, periodID int64) (*officialreport.Draft, plan.FieldErrors) {
	d := &officialreport.Draft{PlanID: planID, PeriodID: periodID, Version: f.Version,
		Issuer: f.Issuer, ParentIssuer: f.ParentIssuer, Number: f.Number, Place: f.Place, Summary: f.Summary, General: f.General,
		Difficulties: f.Difficulties, Proposals: f.Proposals, NextTasks: f.NextTasks,
		SignPrefix: f.SignPrefix, SignTitle: f.SignTitle, SignName: f.SignName,
		Recipients: strings.Split(strings.ReplaceAll(f.Recipients, "\r\n", "\n"), "\n")}
	for _, g := range f.Results {
		d.Results = append(d.Results, officialreport.GroupText{SectionID: g.SectionID, Label: g.Label, Title: g.Title, Text: g.Text})
	}
	var fe plan.FieldErrors
	date, err := parseDate(f.Date)
	if err != nil {
		fe = plan.FieldErrors{"date": msgBadDate}
	}
	d.Date = date
	return d, fe
}

// officialReportPage wraps the form in the page.
func officialReportPage(f *officialReportForm) *page {
	return &page{Title: "Báo cáo tổng hợp", Nav: "plans", PlanID: f.Plan.ID, Data: f}
}

// officialReportFileName is the download's name: "Báo cáo tổng hợp Quý III-2025.docx".
func officialReportFileName(kind string, per reporting.Period, ext string) string {
	return kind + " " + strings.NewReplacer("/", "-", "\\", "-").Replace(per.Label) + "." + ext
}

// sendOfficialFile writes a download: its type, an attachment name (an
// ASCII fallback and the Vietnamese name in filename*, RFC 6266/5987) and
// the bytes.
func sendOfficialFile(w http.ResponseWriter, ctype, name string, b []byte) error {
	name = norm.NFC.String(name)
	hd := w.Header()
	hd.Set("Content-Type", ctype)
	hd.Set("Content-Length", strconv.Itoa(len(b)))
	hd.Set("Content-Disposition", download.Attachment(name))
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Cache-Control", "no-store")
	_, err := w.Write(b)
	return err
}
