package web

import (
	"net/http"
	"strconv"

	"tiendo/internal/plan"
	"tiendo/internal/reporting"
	"tiendo/internal/vntext"
)

// reportEditView is the report form's data: one small form per line, so
// that each saves on its own (and is autosaved) with its own version.
type reportEditView struct {
	*reportData
	CanSubmit     bool
	Entries       []*entryForm
	Contributions []*contribForm
	Values        []*valueForm
	Texts         *textsForm
	Files         []fileView
	FileTasks     []fileTask // the lines a file may be attached to
	FileError     string
	Claims        []plan.Claim
	Notice        string
	Error         string // a problem with the whole page
}

// fileTask is a choice of the upload form's "attach to" list.
type fileTask struct {
	ID    int64
	Title string
}

// entryForm is the form of one task line, as stored or as typed.
type entryForm struct {
	Alert        string // a problem with this form as a whole (a conflicting save)
	TaskID       int64
	Title        string
	Deadline     plan.Deadline
	Version      int
	Status       plan.Claim
	Percent      string
	Result       string
	Evidence     string
	Difficulties string
	Proposals    string
	CompletedOn  string
	Reason       string
	Explanation  string
	Errors       plan.FieldErrors
	// Previous is the task's line in the latest accepted report before
	// this one, shown beside the form; Warnings ask for an explanation
	// when the line goes back on it (reporting.EntryWarnings).
	Previous *reporting.TaskResult
	Warnings []reporting.EntryWarning
	// Conflict holds what someone else saved meanwhile, shown beside the
	// person's own input; ConflictBy names them.
	Conflict      *reporting.Entry
	ConflictBy    string
	Files         []fileView
	Contributions []contribView
}

// contribForm is the form of the agency's part of a task it cooperates on.
type contribForm struct {
	Alert      string // a problem with this form as a whole (a conflicting save)
	TaskID     int64
	Title      string
	Version    int
	Text       string
	Errors     plan.FieldErrors
	Conflict   *reporting.Contribution
	ConflictBy string
}

// valueForm is the form of one indicator value.
type valueForm struct {
	Alert            string // a problem with this form as a whole (a conflicting save)
	IndicatorID      int64
	Code, Name, Unit string
	Version          int
	Value            string
	Note             string
	Errors           plan.FieldErrors
	Conflict         *valueView
	ConflictBy       string
}

// textsForm is the form of the free-text sections; its version is the report's.
type textsForm struct {
	Alert    string // a problem with this form as a whole (a conflicting save)
	Version  int
	Texts    reporting.Texts
	Errors   plan.FieldErrors
	Conflict *reporting.Texts
}

// reportEdit shows the report's form to its agency's head or officer.
func (h *handler) reportEdit(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	v, err := h.editPage(r, id)
	if err != nil {
		return err
	}
	v.Notice = doneNotices[r.URL.Query().Get("done")]
	return h.render(w, r, http.StatusOK, "report_edit", editPageOf(v))
}

// editPage builds report id's form for the signed-in user, who must be
// allowed to edit it, from the report as stored.
func (h *handler) editPage(r *http.Request, id int64) (*reportEditView, error) {
	d, err := h.readReport(r, id, reporting.ActEdit)
	if err != nil {
		return nil, err
	}
	rep := d.Report
	v := &reportEditView{reportData: d, CanSubmit: d.can(reporting.ActSubmit), Claims: plan.Claims}
	files := map[int64][]fileView{}
	for _, f := range rep.Files {
		fv := fileView{File: f}
		if f.TaskID != 0 {
			fv.Task = d.taskTitle(f.TaskID)
		}
		files[f.TaskID] = append(files[f.TaskID], fv)
	}
	v.Files = append(v.Files, files[0]...)
	for _, e := range rep.Entries {
		f := entryFormOf(&e)
		f.Title = d.taskTitle(e.TaskID)
		if t := d.tasks[e.TaskID]; t != nil {
			f.Deadline = t.Deadline
		}
		f.Files = files[e.TaskID]
		for _, c := range e.Contributions {
			f.Contributions = append(f.Contributions, contribView{Contribution: c, AgencyName: d.agencyName(c.AgencyID)})
		}
		v.Entries = append(v.Entries, f)
		v.FileTasks = append(v.FileTasks, fileTask{ID: e.TaskID, Title: f.Title})
	}
	for _, c := range rep.Contributions {
		v.Contributions = append(v.Contributions, &contribForm{TaskID: c.TaskID, Title: d.taskTitle(c.TaskID), Version: c.Version, Text: c.Text})
	}
	for _, val := range rep.Values {
		vv := d.valueView(val)
		v.Values = append(v.Values, &valueForm{IndicatorID: val.IndicatorID, Code: vv.Code, Name: vv.Name, Unit: vv.Unit,
			Version: val.Version, Value: vv.Display, Note: val.Note})
	}
	v.Texts = &textsForm{Version: rep.Version, Texts: rep.Texts}
	return v, nil
}

// editPageOf wraps the form's data in the layout's page.
func editPageOf(v *reportEditView) *page {
	return &page{Title: "Soạn " + lowerFirst(reportTitle(v.reportData)), Nav: "reports", PlanID: v.Report.PlanID, Data: v}
}

// entryFormOf fills a line's form from a stored entry.
func entryFormOf(e *reporting.Entry) *entryForm {
	f := &entryForm{TaskID: e.TaskID, Version: e.Version, Status: e.Status, Result: e.Result, Evidence: e.Evidence,
		Difficulties: e.Difficulties, Proposals: e.Proposals, Reason: e.Reason, Explanation: e.Explanation,
		CompletedOn: vntext.FormatDate(e.CompletedOn), Previous: e.Previous, Warnings: e.Warnings}
	if e.Version > 0 || e.Percent > 0 {
		f.Percent = strconv.Itoa(e.Percent)
	}
	return f
}

// entry finds a line's form by task.
func (v *reportEditView) entry(taskID int64) *entryForm {
	for _, f := range v.Entries {
		if f.TaskID == taskID {
			return f
		}
	}
	return nil
}

// contribution finds a contribution's form by task.
func (v *reportEditView) contribution(taskID int64) *contribForm {
	for _, f := range v.Contributions {
		if f.TaskID == taskID {
			return f
		}
	}
	return nil
}

// value finds an indicator value's form.
func (v *reportEditView) value(indicatorID int64) *valueForm {
	for _, f := range v.Values {
		if f.IndicatorID == indicatorID {
			return f
		}
	}
	return nil
}

// lowerFirst lower-cases "Báo cáo …" to "báo cáo …" after a verb.
func lowerFirst(s string) string {
	if len(s) >= 1 && s[0] >= 'A' && s[0] <= 'Z' {
		return string(s[0]+'a'-'A') + s[1:]
	}
	return s
}
